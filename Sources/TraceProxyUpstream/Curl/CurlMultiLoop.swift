import CCurlShims
import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Drives one libcurl multi handle on a thread of its own.
///
/// Other threads talk to it only through `submit(_:)`: a locked command queue plus `curl_multi_wakeup`.
/// Ownership: `inbox` and the counters are shared; every other stored property belongs to the curl thread.
final class CurlMultiLoop: @unchecked Sendable {
    enum Command {
        case start(CurlTransfer)
        case resumeSend(CurlTransfer)
        case resumeReceive(CurlTransfer)
        case cancel(CurlTransfer)
    }

    private struct Inbox {
        var commands: [Command] = []
        var isWakeupPending = false
        var isShutDown = false
        var thread: pthread_t?
    }

    let configuration: CurlUpstreamClient.Configuration
    private let multi: UnsafeMutableRawPointer
    private let inbox = Mutex(Inbox())
    private let responseTimeoutNanoseconds: UInt64

    let activeTransferCount = Atomic<Int>(0)
    let pooledHandleCount = Atomic<Int>(0)
    let createdHandleCount = Atomic<Int>(0)
    let peakBufferedResponseBytes = Atomic<Int>(0)

    // Curl thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private var pool: [CurlEasyHandle] = []
    private var dirty: [CurlTransfer] = []
    private var nextTimerSweep: UInt64 = .max
    private var drained: [Command] = []

    init(configuration: CurlUpstreamClient.Configuration) {
        self.configuration = configuration
        self.responseTimeoutNanoseconds = max(1, configuration.responseTimeout.nanoseconds)
        _ = CurlEasyHandle.ensureGlobalInit
        guard let multi = curl_multi_init() else {
            preconditionFailure("curl_multi_init failed: libcurl is out of memory")
        }
        self.multi = multi
        _ = CCurlShims_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, configuration.maxCachedConnections)
        _ = CCurlShims_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)

        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(
            &thread,
            nil,
            { context in
                let loop = Unmanaged<CurlMultiLoop>.fromOpaque(context!).takeRetainedValue()
                loop.run()
                return nil
            },
            context
        )
        precondition(created == 0, "pthread_create failed for the curl thread: \(created)")
        self.inbox.withLock { $0.thread = thread }
    }

    // The curl thread holds a reference until it exits, so this runs only once nothing polls the handle.
    deinit {
        curl_multi_cleanup(self.multi)
    }

    /// Queues `command` for the curl thread. Returns false once the loop has shut down.
    @discardableResult
    func submit(_ command: Command) -> Bool {
        let (accepted, wake) = self.inbox.withLock { inbox -> (Bool, Bool) in
            if inbox.isShutDown { return (false, false) }
            inbox.commands.append(command)
            defer { inbox.isWakeupPending = true }
            return (true, !inbox.isWakeupPending)
        }
        // Outside the lock, which the curl thread takes on every round. The multi handle lives as long as
        // `self`, so a wakeup racing with shutdown is harmless.
        if wake { _ = curl_multi_wakeup(self.multi) }
        return accepted
    }

    /// Cancels every transfer, stops the thread and waits for it. Later calls return at once.
    func shutdown() {
        let thread = self.inbox.withLock { inbox -> pthread_t? in
            if inbox.isShutDown { return nil }
            inbox.isShutDown = true
            _ = curl_multi_wakeup(self.multi)
            defer { inbox.thread = nil }
            return inbox.thread
        }
        guard let thread else { return }
        if pthread_equal(thread, pthread_self()) != 0 {
            pthread_detach(thread)
        } else {
            pthread_join(thread, nil)
        }
    }

    // MARK: - Curl thread

    func markDirty(_ transfer: CurlTransfer) {
        if transfer.curlIsDirty { return }
        transfer.curlIsDirty = true
        self.dirty.append(transfer)
    }

    func recordBufferedResponseBytes(_ bytes: Int) {
        if bytes > self.peakBufferedResponseBytes.load(ordering: .relaxed) {
            self.peakBufferedResponseBytes.store(bytes, ordering: .relaxed)
        }
    }

    private func run() {
        // Named so that profiles and thread dumps tell the curl thread apart from the one that created it.
        CCurlShims_set_thread_name("curl-multi")
        var running: Int32 = 0
        while true {
            let isShutDown = self.inbox.withLock { inbox -> Bool in
                swap(&self.drained, &inbox.commands)
                inbox.isWakeupPending = false
                return inbox.isShutDown
            }
            for command in self.drained { self.handle(command) }
            self.drained.removeAll(keepingCapacity: true)
            if isShutDown { break }

            _ = curl_multi_perform(self.multi, &running)
            self.collectFinishedTransfers()
            let now = Self.now()
            if now >= self.nextTimerSweep { self.sweepTimers(now: now) }
            self.flushDirty()

            let waitNanoseconds = self.nextTimerSweep > now ? self.nextTimerSweep - now : 0
            let waitMilliseconds = Int32(min(5_000, (waitNanoseconds + 999_999) / 1_000_000))
            _ = curl_multi_poll(self.multi, nil, 0, waitMilliseconds, nil)
        }
        for transfer in Array(self.active.values) {
            self.finish(transfer, error: UpstreamError(.cancelled, detail: "The upstream client shut down."))
        }
        self.flushDirty()
        self.pool.removeAll()
        self.pooledHandleCount.store(0, ordering: .relaxed)
    }

    private func handle(_ command: Command) {
        switch command {
        case .start(let transfer):
            self.start(transfer)
        case .resumeSend(let transfer):
            guard let easy = transfer.curlEasy, transfer.curlSendPaused else { return }
            transfer.curlSendPaused = false
            self.resumeTimer(of: transfer)
            easy.pause(transfer.curlRecvPaused ? CCurlShims_pause_recv() : CCurlShims_pause_cont())
        case .resumeReceive(let transfer):
            guard let easy = transfer.curlEasy, transfer.curlRecvPaused else { return }
            transfer.curlRecvPaused = false
            self.resumeTimer(of: transfer)
            easy.pause(transfer.curlSendPaused ? CCurlShims_pause_send() : CCurlShims_pause_cont())
        case .cancel(let transfer):
            if transfer.curlIsFinished { return }
            self.finish(transfer, error: UpstreamError(.cancelled))
        }
    }

    private func start(_ transfer: CurlTransfer) {
        if transfer.curlIsFinished { return }
        guard let easy = self.pool.popLast() ?? self.makeHandle() else {
            transfer.curlCompleted(
                error: UpstreamError(.other, detail: "curl_easy_init failed."),
                timings: UpstreamTimings()
            )
            return
        }
        self.pooledHandleCount.store(self.pool.count, ordering: .relaxed)
        transfer.applyOptions(to: easy, configuration: self.configuration)
        let added = curl_multi_add_handle(self.multi, easy.raw)
        guard added == CURLM_OK else {
            self.recycle(easy)
            let detail = String(cString: curl_multi_strerror(added))
            transfer.curlHeaders = nil
            transfer.curlCompleted(error: UpstreamError(.other, detail: detail), timings: UpstreamTimings())
            return
        }
        transfer.curlEasy = easy
        transfer.curlLastActivity = Self.now()
        self.active[easy.raw] = transfer
        self.activeTransferCount.add(1, ordering: .relaxed)
        self.nextTimerSweep = min(self.nextTimerSweep, transfer.curlLastActivity + self.responseTimeoutNanoseconds)
    }

    private func makeHandle() -> CurlEasyHandle? {
        let easy = CurlEasyHandle()
        if easy != nil { self.createdHandleCount.add(1, ordering: .relaxed) }
        return easy
    }

    private func collectFinishedTransfers() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(self.multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let raw = message.pointee.easy_handle,
                let transfer = self.active[raw], let easy = transfer.curlEasy
            else { continue }
            let code = message.pointee.data.result
            let error: UpstreamError? =
                code == CURLE_OK
                ? nil
                : code.upstreamError(
                    errorBuffer: easy.errorMessage,
                    connected: easy.infoOffset(CURLINFO_CONNECT_TIME_T) > 0
                )
            self.finish(transfer, error: error)
        }
    }

    /// Takes the transfer out of the multi handle, pools its easy handle and queues its completion.
    private func finish(_ transfer: CurlTransfer, error: UpstreamError?) {
        var timings = UpstreamTimings()
        if let easy = transfer.curlEasy {
            _ = curl_multi_remove_handle(self.multi, easy.raw)
            timings = Self.timings(of: easy)
            self.active[easy.raw] = nil
            self.activeTransferCount.subtract(1, ordering: .relaxed)
            transfer.curlEasy = nil
            self.recycle(easy)
        }
        transfer.curlHeaders = nil
        transfer.curlCompleted(error: error, timings: timings)
    }

    private func recycle(_ easy: CurlEasyHandle) {
        guard self.pool.count < self.configuration.maxPooledHandles else { return }
        easy.reset()
        self.pool.append(easy)
        self.pooledHandleCount.store(self.pool.count, ordering: .relaxed)
    }

    private static func timings(of easy: CurlEasyHandle) -> UpstreamTimings {
        var timings = UpstreamTimings()
        timings.nameLookupMicroseconds = easy.infoOffset(CURLINFO_NAMELOOKUP_TIME_T)
        timings.connectMicroseconds = easy.infoOffset(CURLINFO_CONNECT_TIME_T)
        timings.tlsMicroseconds = easy.infoOffset(CURLINFO_APPCONNECT_TIME_T)
        timings.firstByteMicroseconds = easy.infoOffset(CURLINFO_STARTTRANSFER_TIME_T)
        timings.totalMicroseconds = easy.infoOffset(CURLINFO_TOTAL_TIME_T)
        timings.peerAddress = easy.infoString(CURLINFO_PRIMARY_IP)
        // No new connection, yet a peer: the transfer ran on a kept-alive one.
        timings.connectionReused = easy.infoInt(CURLINFO_NUM_CONNECTS) == 0 && !timings.peerAddress.isEmpty
        timings.peerPort = easy.infoInt(CURLINFO_PRIMARY_PORT)
        return timings
    }

    // MARK: - Response timeout

    private func resumeTimer(of transfer: CurlTransfer) {
        transfer.curlLastActivity = Self.now()
        self.nextTimerSweep = min(self.nextTimerSweep, transfer.curlLastActivity + self.responseTimeoutNanoseconds)
    }

    /// Fails transfers the upstream left silent too long; paused ones wait on our side, so they are exempt.
    private func sweepTimers(now: UInt64) {
        var next = UInt64.max
        var expired: [CurlTransfer] = []
        for transfer in self.active.values where !transfer.curlRecvPaused && !transfer.curlSendPaused {
            let deadline = transfer.curlLastActivity + self.responseTimeoutNanoseconds
            if deadline <= now {
                expired.append(transfer)
            } else {
                next = min(next, deadline)
            }
        }
        self.nextTimerSweep = next
        let detail = "No bytes from the upstream for \(self.configuration.responseTimeout)."
        for transfer in expired { self.finish(transfer, error: UpstreamError(.responseTimeout, detail: detail)) }
    }

    private func flushDirty() {
        if self.dirty.isEmpty { return }
        for transfer in self.dirty { transfer.flush() }
        self.dirty.removeAll(keepingCapacity: true)
    }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
