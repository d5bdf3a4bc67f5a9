import NIOConcurrencyHelpers
import NIOCore

/// Sits on the listening channel: counts client connections, stops accepting at the limit
/// (new clients wait in the backlog), and quiesces every connection on shutdown.
final class ConnectionTracker: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    private struct State {
        var channels: [ObjectIdentifier: any Channel] = [:]
        var acceptingPaused = false
        var drained: EventLoopPromise<Void>?
    }

    private let maxConnections: Int
    private let state = NIOLockedValueBox(State())

    init(maxConnections: Int) {
        self.maxConnections = maxConnections
    }

    var openConnections: Int { self.state.withLockedValue { $0.channels.count } }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let channel = Self.unwrapInboundIn(data)
        let id = ObjectIdentifier(channel)
        let atLimit = self.state.withLockedValue { state -> Bool in
            state.channels[id] = channel
            if state.channels.count >= self.maxConnections, !state.acceptingPaused {
                state.acceptingPaused = true
                return true
            }
            return false
        }
        if atLimit {
            _ = context.channel.setOption(ChannelOptions.autoRead, value: false)
        }
        let serverChannel = context.channel
        channel.closeFuture.whenComplete { _ in
            let (resume, drained) = self.state.withLockedValue { state -> (Bool, EventLoopPromise<Void>?) in
                state.channels[id] = nil
                var resume = false
                if state.acceptingPaused, state.channels.count < self.maxConnections {
                    state.acceptingPaused = false
                    resume = true
                }
                if state.channels.isEmpty, let promise = state.drained {
                    state.drained = nil
                    return (resume, promise)
                }
                return (resume, nil)
            }
            if resume {
                serverChannel.setOption(ChannelOptions.autoRead, value: true).whenSuccess {
                    serverChannel.read()
                }
            }
            drained?.succeed()
        }
        context.fireChannelRead(data)
    }

    /// Asks every connection to finish its current request and close; completes when all are closed.
    func quiesce(on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let channels = self.state.withLockedValue { state -> [any Channel] in
            if state.channels.isEmpty { return [] }
            state.drained = promise
            return Array(state.channels.values)
        }
        if channels.isEmpty {
            promise.succeed()
        } else {
            for channel in channels {
                channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
            }
        }
        return promise.futureResult
    }

    /// Closes whatever is still open (after the drain deadline).
    func closeAll() {
        let channels = self.state.withLockedValue { Array($0.channels.values) }
        for channel in channels { channel.close(promise: nil) }
    }
}
