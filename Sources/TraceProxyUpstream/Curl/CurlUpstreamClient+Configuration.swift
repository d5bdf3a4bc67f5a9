extension CurlUpstreamClient {
    /// Timeouts, connection limits and buffer sizes of the upstream client.
    package struct Configuration: Sendable, Equatable {
        /// Longest wait for a TCP connection to the upstream.
        /// Default: 5 s.
        package var connectTimeout: Duration
        /// Longest silence from the upstream while we wait on it. Time paused because the client
        /// reads slowly, or spent waiting for the client's request body, does not count.
        /// Default: 60 s.
        package var responseTimeout: Duration
        /// Open connections per upstream host; 0 means no limit (transfers beyond a limit queue).
        /// Default: 0.
        package var maxConnectionsPerHost: Int
        /// Idle keep-alive connections kept for reuse.
        /// Default: 256.
        package var maxCachedConnections: Int
        /// Bytes queued in either direction before the producer is told to stop.
        /// Default: 64 KiB.
        package var bodyHighWaterMark: Int
        /// Queued bytes below which a stopped producer may go on.
        /// Default: 16 KiB.
        package var bodyLowWaterMark: Int
        /// Idle easy handles kept for reuse.
        /// Default: 256.
        package var maxPooledHandles: Int

        package init(
            connectTimeout: Duration = .seconds(5),
            responseTimeout: Duration = .seconds(60),
            maxConnectionsPerHost: Int = 0,
            maxCachedConnections: Int = 256,
            bodyHighWaterMark: Int = 64 * 1024,
            bodyLowWaterMark: Int = 16 * 1024,
            maxPooledHandles: Int = 256
        ) {
            self.connectTimeout = connectTimeout
            self.responseTimeout = responseTimeout
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.maxCachedConnections = maxCachedConnections
            self.bodyHighWaterMark = bodyHighWaterMark
            self.bodyLowWaterMark = bodyLowWaterMark
            self.maxPooledHandles = maxPooledHandles
        }

        package static let `default` = Configuration()
    }
}

extension Duration {
    /// Whole milliseconds, rounded up so that a short positive timeout never becomes 0 (which curl reads as "none").
    var curlMilliseconds: Int {
        let (seconds, attoseconds) = self.components
        return Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }

    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = self.components
        return UInt64(max(0, seconds)) * 1_000_000_000 + UInt64(max(0, attoseconds) / 1_000_000_000)
    }
}
