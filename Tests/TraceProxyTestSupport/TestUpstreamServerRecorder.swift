import NIOCore
import Synchronization

/// What `TestUpstreamServer` saw; shared by its connection handlers on any event loop.
final class TestUpstreamServerRecorder: Sendable {
    private struct State {
        var requests: [TestUpstreamServer.RecordedRequest] = []
        var connections: [ObjectIdentifier: any Channel] = [:]
        var acceptedConnections = 0
    }

    private let state = Mutex(State())

    /// Counts and tracks a new connection; returns its number, counting from 1.
    func accepted(_ channel: any Channel) -> Int {
        let number = self.state.withLock { state -> Int in
            state.acceptedConnections += 1
            state.connections[ObjectIdentifier(channel)] = channel
            return state.acceptedConnections
        }
        channel.closeFuture.whenComplete { _ in
            _ = self.state.withLock { $0.connections.removeValue(forKey: ObjectIdentifier(channel)) }
        }
        return number
    }

    func record(_ request: TestUpstreamServer.RecordedRequest) {
        self.state.withLock { $0.requests.append(request) }
    }

    var requests: [TestUpstreamServer.RecordedRequest] { self.state.withLock { $0.requests } }
    var acceptedConnections: Int { self.state.withLock { $0.acceptedConnections } }
    var openConnections: [any Channel] { self.state.withLock { Array($0.connections.values) } }
}
