import DequeModule
import Logging
import ServiceLifecycle
import Synchronization
import TraceProxyTracing

/// Buffers finished spans in a bounded queue and hands them to one exporter in batches,
/// off the event loops. A full queue drops (and counts) rather than blocks or grows.
///
/// Run it as a `Service`; graceful shutdown flushes what is queued within the export timeout.
package final class BatchSpanProcessor: SpanProcessor, Service {
    package let configuration: Configuration
    package let stats: ExporterStats
    private let exporter: any SpanExporter
    private let logger: Logger
    private let state = Mutex(State())

    private struct State {
        var queue = Deque<FinishedSpan>()
        /// The export loop, parked until a batch is full or the delay passes.
        var waiter: CheckedContinuation<Void, Never>?
        var wakePending = false
        var stopping = false
        var stopDeadline: ContinuousClock.Instant?
        var stopped = false
        var stopWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// - Parameter stats: counters shared with the exporter when it counts things of its own; new ones when nil.
    package init(
        exporter: any SpanExporter, configuration: Configuration = .default, stats: ExporterStats? = nil, logger: Logger
    ) {
        self.exporter = exporter
        self.configuration = configuration
        self.logger = logger
        self.stats = stats ?? ExporterStats(name: exporter.name)
    }

    /// Request path: O(1) under a short lock, never waits.
    package func onEnd(_ span: FinishedSpan) {
        let maxQueue = self.configuration.maxQueueSize
        let batch = self.configuration.maxBatchSize
        let (accepted, waiter) = self.state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
            guard !state.stopped, state.queue.count < maxQueue else { return (false, nil) }
            state.queue.append(span)
            if state.queue.count >= batch, let waiter = state.waiter {
                state.waiter = nil
                return (true, waiter)
            }
            return (true, nil)
        }
        if accepted {
            self.stats.queued.add(1, ordering: .relaxed)
        } else {
            self.stats.droppedQueueFull.add(1, ordering: .relaxed)
        }
        waiter?.resume()
    }

    package func run() async throws {
        await withGracefulShutdownHandler {
            await self.exportLoop()
        } onGracefulShutdown: {
            self.beginStopping(deadline: .now + self.configuration.exportTimeout)
        }
        await self.exporter.shutdown()
    }

    package func shutdown(deadline: ContinuousClock.Instant) async {
        self.beginStopping(deadline: deadline)
        await withCheckedContinuation { continuation in
            let done = self.state.withLock { state -> Bool in
                if state.stopped { return true }
                state.stopWaiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    private func beginStopping(deadline: ContinuousClock.Instant) {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.stopping = true
            state.stopDeadline = deadline
            defer { state.waiter = nil }
            if state.waiter == nil { state.wakePending = true }
            return state.waiter
        }
        waiter?.resume()
    }
}

// MARK: - Export loop

extension BatchSpanProcessor {
    private func exportLoop() async {
        var failureLog = FailureLog(interval: self.configuration.failureLogInterval)
        while true {
            await self.waitForWork()
            while let batch = self.nextBatch() {
                await self.exportWithRetries(batch, failureLog: &failureLog)
            }
            failureLog.reportDrops(self.stats, logger: self.logger)
            if self.finishIfStopping() { return }
        }
    }

    /// Parks until a full batch is queued, the schedule delay passes, or shutdown begins.
    private func waitForWork() async {
        let delay = self.configuration.scheduleDelay
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    try await Task.sleep(for: delay)
                    self.wake()
                } catch {}
            }
            await withCheckedContinuation { continuation in
                let now = self.state.withLock { state -> Bool in
                    if state.wakePending || state.stopping || state.queue.count >= self.configuration.maxBatchSize {
                        state.wakePending = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if now { continuation.resume() }
            }
            group.cancelAll()
        }
    }

    private func wake() {
        let waiter = self.state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            if state.waiter == nil { state.wakePending = true }
            return state.waiter
        }
        waiter?.resume()
    }

    private func nextBatch() -> [FinishedSpan]? {
        let size = self.configuration.maxBatchSize
        return self.state.withLock { state -> [FinishedSpan]? in
            guard !state.queue.isEmpty else { return nil }
            if state.stopping, let deadline = state.stopDeadline, deadline < .now {
                self.stats.droppedShutdown.add(state.queue.count, ordering: .relaxed)
                state.queue.removeAll()
                return nil
            }
            let count = min(size, state.queue.count)
            let batch = Array(state.queue.prefix(count))
            state.queue.removeFirst(count)
            return batch
        }
    }

    private func finishIfStopping() -> Bool {
        let waiters = self.state.withLock { state -> [CheckedContinuation<Void, Never>]? in
            guard state.stopping, state.queue.isEmpty else { return nil }
            state.stopped = true
            defer { state.stopWaiters = [] }
            return state.stopWaiters
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume() }
        return true
    }

    private func exportWithRetries(_ batch: [FinishedSpan], failureLog: inout FailureLog) async {
        var attempt = 0
        while true {
            do {
                try await self.exporter.export(batch)
                self.stats.exported.add(batch.count, ordering: .relaxed)
                self.stats.lastSuccessUnixSeconds.store(Int(WallClockSeconds.now()), ordering: .relaxed)
                return
            } catch {
                self.stats.failedRequests.add(1, ordering: .relaxed)
                if error.kind == .timeout { self.stats.timeouts.add(1, ordering: .relaxed) }
                failureLog.record(error, logger: self.logger, exporter: self.exporter.name)
                guard error.isRetryable else {
                    self.stats.droppedRejected.add(batch.count, ordering: .relaxed)
                    return
                }
                attempt += 1
                let backoff = self.backoff(attempt: attempt, retryAfter: error.retryAfterSeconds)
                let stopDeadline = self.state.withLock { $0.stopping ? $0.stopDeadline : nil }
                let pastDeadline = stopDeadline.map { ContinuousClock.now + backoff > $0 } ?? false
                if attempt > self.configuration.maxRetries || pastDeadline {
                    self.stats.droppedRetriesExhausted.add(batch.count, ordering: .relaxed)
                    return
                }
                try? await Task.sleep(for: backoff)
            }
        }
    }

    /// Exponential backoff with full jitter; `Retry-After` wins when the backend sent one (capped).
    private func backoff(attempt: Int, retryAfter: Double?) -> Duration {
        if let retryAfter {
            return min(.milliseconds(Int64(retryAfter * 1000)), self.configuration.maxBackoff)
        }
        let ceiling = min(self.configuration.initialBackoff * (1 << min(attempt - 1, 16)), self.configuration.maxBackoff)
        let ceilingMs = max(1, Int64(ceiling.components.seconds * 1000 + ceiling.components.attoseconds / 1_000_000_000_000_000))
        return .milliseconds(Int64.random(in: ceilingMs / 2...ceilingMs))
    }
}
