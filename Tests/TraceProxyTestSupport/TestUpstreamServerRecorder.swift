import NIOCore
import Synchronization

/// What `TestUpstreamServer` saw; shared by its connection handlers on any event loop.
final class TestUpstreamServerRecorder: Sendable {
    private struct Waiter {
        var id: Int
        var count: Int
        var promise: EventLoopPromise<Void>
    }

    private struct State {
        var requests: [TestUpstreamServer.RecordedRequest] = []
        var connections: [ObjectIdentifier: any Channel] = [:]
        var acceptedConnections = 0
        var waiters: [Waiter] = []
        var nextWaiterID = 0
    }

    private let state = Mutex(State())
    let routes: [TestUpstreamServer.Route]

    init(routes: [TestUpstreamServer.Route]) {
        self.routes = routes
    }

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
        let satisfied = self.state.withLock { state -> [Waiter] in
            state.requests.append(request)
            let count = state.requests.count
            let satisfied = state.waiters.filter { $0.count <= count }
            state.waiters.removeAll { $0.count <= count }
            return satisfied
        }
        for waiter in satisfied { waiter.promise.succeed() }
    }

    /// Completes once `count` requests were recorded, or fails after `timeout`.
    func waitForRequests(count: Int, timeout: Duration, on eventLoop: any EventLoop) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        let id = self.state.withLock { state -> Int? in
            if state.requests.count >= count { return nil }
            state.nextWaiterID += 1
            state.waiters.append(Waiter(id: state.nextWaiterID, count: count, promise: promise))
            return state.nextWaiterID
        }
        guard let id else {
            promise.succeed()
            return promise.futureResult
        }
        let timeoutTask = eventLoop.scheduleTask(in: TimeAmount(timeout)) {
            let removed = self.state.withLock { state -> Bool in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return false }
                state.waiters.remove(at: index)
                return true
            }
            if removed { promise.fail(TestUpstreamServer.TimedOut(waitingFor: "\(count) requests")) }
        }
        promise.futureResult.whenComplete { _ in timeoutTask.cancel() }
        return promise.futureResult
    }

    var requests: [TestUpstreamServer.RecordedRequest] { self.state.withLock { $0.requests } }
    var acceptedConnections: Int { self.state.withLock { $0.acceptedConnections } }
    var openConnections: [any Channel] { self.state.withLock { Array($0.connections.values) } }
}
