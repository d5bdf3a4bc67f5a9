import NIOCore
import NIOPosix
import Synchronization
import TraceProxyUpstream

/// The libcurl client and the event loop that export requests use, apart from proxied traffic's,
/// so a slow or absent backend never takes handles or loop time from requests being served.
///
/// Shared by every HTTP exporter of the process; each `acquire()` is matched by one `release()`,
/// and the last release stops the curl thread and the loop.
package final class ExportHTTPTransport: Sendable {
    package let client: any UpstreamClient
    package let eventLoop: any EventLoop
    private let curl: CurlUpstreamClient?
    private let group: MultiThreadedEventLoopGroup?
    private let users = Mutex(0)

    /// - Parameter connectTimeout: longest wait for a TCP connection to a backend; an export's own
    ///   timeout still bounds the whole exchange.
    package init(connectTimeout: Duration = .seconds(5)) {
        let curl = CurlUpstreamClient(
            configuration: .init(
                connectTimeout: connectTimeout,
                // The export timeout, enforced per exchange by `send`, is the real bound.
                responseTimeout: .seconds(3600),
                maxCachedConnections: 16,
                maxPooledHandles: 16
            )
        )
        // One thread: exports are few and small, and results only hop through it.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.curl = curl
        self.group = group
        self.client = curl
        self.eventLoop = group.next()
    }

    /// Uses a client and loop the caller owns (tests with a recording client).
    package init(client: any UpstreamClient, eventLoop: any EventLoop) {
        self.client = client
        self.eventLoop = eventLoop
        self.curl = nil
        self.group = nil
    }

    package func acquire() {
        self.users.withLock { $0 += 1 }
    }

    /// Stops the client and the loop once the last user is done.
    package func release() async {
        let last = self.users.withLock { users -> Bool in
            users -= 1
            return users == 0
        }
        guard last else { return }
        self.curl?.shutdown()
        try? await self.group?.shutdownGracefully()
    }
}
