import NIOCore

extension ProxyServer {

    /// How the proxy listens and where it forwards.
    package struct Configuration: Sendable {
        /// Where the upstream lives and how requests reach it.
        package struct Upstream: Sendable {
            /// `http://host:port` plus the optional base path, without a trailing slash.
            package var baseURL: String
            /// `host:port` of the upstream, sent as `Host` when `rewriteHost` is on.
            package var hostHeader: String
            /// Send the upstream's host instead of the client's `Host`.
            /// Default: false. Environment: `TRACEPROXY_REWRITE_HOST`.
            package var rewriteHost: Bool

            package init(baseURL: String, hostHeader: String, rewriteHost: Bool = false) {
                self.baseURL = baseURL
                self.hostHeader = hostHeader
                self.rewriteHost = rewriteHost
            }
        }

        /// Address to listen on.
        /// Default: 127.0.0.1:7800. Environment: `TRACEPROXY_LISTEN`.
        package var host: String
        package var port: Int
        package var upstream: Upstream
        /// Longest wait for a complete request head once its first byte has arrived.
        /// Default: 10 s. Environment: `TRACEPROXY_HEADER_TIMEOUT`.
        package var headerTimeout: Duration
        /// Longest a kept-alive connection may sit idle between requests.
        /// Default: 60 s. Environment: `TRACEPROXY_IDLE_TIMEOUT`.
        package var idleTimeout: Duration
        /// Longest wait for in-flight requests on shutdown.
        /// Default: 15 s. Environment: `TRACEPROXY_DRAIN_TIMEOUT`.
        package var drainTimeout: Duration
        /// Largest request header section.
        /// Default: 32 KiB. Environment: `TRACEPROXY_MAX_HEADER_BYTES`.
        package var maxHeaderBytes: Int
        /// Most client connections open at once; more wait in the accept backlog.
        /// Default: 1024. Environment: `TRACEPROXY_MAX_CONNECTIONS`.
        package var maxConnections: Int
        /// Log one line per request.
        /// Default: false. Environment: `TRACEPROXY_ACCESS_LOG`.
        package var accessLog: Bool
        /// Event loop threads. Default: one per core.
        package var eventLoopThreads: Int
        /// What spans record, and which requests are traced.
        package var spans: SpanRecordingOptions

        package init(
            host: String = "127.0.0.1",
            port: Int = 7800,
            upstream: Upstream,
            headerTimeout: Duration = .seconds(10),
            idleTimeout: Duration = .seconds(60),
            drainTimeout: Duration = .seconds(15),
            maxHeaderBytes: Int = 32 * 1024,
            maxConnections: Int = 1024,
            accessLog: Bool = false,
            eventLoopThreads: Int = System.coreCount,
            spans: SpanRecordingOptions = SpanRecordingOptions()
        ) {
            self.host = host
            self.port = port
            self.upstream = upstream
            self.headerTimeout = headerTimeout
            self.idleTimeout = idleTimeout
            self.drainTimeout = drainTimeout
            self.maxHeaderBytes = maxHeaderBytes
            self.maxConnections = maxConnections
            self.accessLog = accessLog
            self.eventLoopThreads = eventLoopThreads
            self.spans = spans
        }
    }
}
