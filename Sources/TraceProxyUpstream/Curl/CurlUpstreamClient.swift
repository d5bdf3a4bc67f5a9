import NIOCore
import Synchronization

/// The `UpstreamClient` that forwards over libcurl's multi interface, on one thread it owns.
///
/// Connections and easy handles are reused across exchanges. Bodies stream both ways with backpressure:
/// at most `bodyHighWaterMark` bytes wait in each direction, plus one libcurl read (16 KiB) of response.
/// Events of one exchange gathered in one round of the curl loop reach the handler in one event-loop hop.
/// Once `pauseResponse()` returns on the event loop, no body part or completion arrives until `resumeResponse()`.
package final class CurlUpstreamClient: UpstreamClient {
    private let loop: CurlMultiLoop
    package let configuration: Configuration

    package init(configuration: Configuration = .default) {
        self.configuration = configuration
        self.loop = CurlMultiLoop(configuration: configuration)
    }

    deinit {
        self.loop.shutdown()
    }

    package func start(
        _ request: UpstreamRequest,
        on eventLoop: any EventLoop,
        handler: any UpstreamResponseHandler
    ) -> any UpstreamExchange {
        let transfer = CurlTransfer(
            request: request,
            eventLoop: eventLoop,
            handler: handler,
            loop: self.loop,
            configuration: self.configuration
        )
        if !self.loop.submit(.start(transfer)) {
            transfer.failWithoutCurl(UpstreamError(.cancelled, detail: "The upstream client shut down."))
        }
        return transfer
    }

    /// Cancels outstanding exchanges (each completes with `.cancelled`), stops the curl thread and waits for it.
    /// Exchanges started afterwards complete at once with `.cancelled`.
    package func shutdown() {
        self.loop.shutdown()
    }

    /// Exchanges currently inside libcurl.
    package var activeTransfers: Int { self.loop.activeTransferCount.load(ordering: .relaxed) }
    /// Idle easy handles waiting for reuse.
    package var pooledHandles: Int { self.loop.pooledHandleCount.load(ordering: .relaxed) }
    /// Easy handles created since start; stays small when handles are reused.
    package var createdHandles: Int { self.loop.createdHandleCount.load(ordering: .relaxed) }
    /// The most response bytes ever held between libcurl and a handler, for one exchange.
    package var peakBufferedResponseBytes: Int { self.loop.peakBufferedResponseBytes.load(ordering: .relaxed) }
}
