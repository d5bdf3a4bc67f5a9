import Testing
import TraceProxyExport
import TraceProxyUpstream

@Suite struct HTTPExportStatusTests {
    static func head(_ status: Int, _ headers: [(name: String, value: String)] = []) -> UpstreamResponseHead {
        UpstreamResponseHead(status: status, reason: "", version: (1, 1), headers: headers)
    }

    @Test(arguments: [200, 202, 204])
    func successStatusesAccept(status: Int) {
        #expect(HTTPExportStatus.error(for: Self.head(status), nowUnixSeconds: 0) == nil)
    }

    @Test(arguments: [429, 502, 503, 504])
    func retryableStatusesThrottle(status: Int) {
        let error = HTTPExportStatus.error(for: Self.head(status), nowUnixSeconds: 0)

        #expect(error?.kind == .throttled)
        #expect(error?.retryAfterSeconds == nil)
    }

    @Test(arguments: [400, 401, 403, 404, 413, 415, 500, 501])
    func otherStatusesReject(status: Int) {
        #expect(HTTPExportStatus.error(for: Self.head(status), nowUnixSeconds: 0)?.kind == .rejected)
    }

    @Test func retryAfterAsAnHTTPDateCountsFromNow() {
        let now: Int64 = 784_111_767  // Sun, 06 Nov 1994 08:49:27 GMT

        let error = HTTPExportStatus.error(
            for: Self.head(429, [("retry-after", "Sun, 06 Nov 1994 08:49:37 GMT")]), nowUnixSeconds: now)

        #expect(error?.retryAfterSeconds == 10)
    }

    @Test func retryAfterForms() {
        #expect(RetryAfter.seconds("120", nowUnixSeconds: 0) == 120)
        #expect(RetryAfter.seconds(" 1.5 ", nowUnixSeconds: 0) == 1.5)
        #expect(RetryAfter.seconds("Sunday, 06-Nov-94 08:49:37 GMT", nowUnixSeconds: 784_111_777) == 0)
        #expect(RetryAfter.seconds("Sun Nov  6 08:49:37 1994", nowUnixSeconds: 784_111_767) == 10)
        #expect(RetryAfter.seconds("soon", nowUnixSeconds: 0) == nil)
    }

    @Test func timeoutsAndTransportFailuresAreRetryable() {
        #expect(HTTPExportStatus.error(for: UpstreamError(.responseTimeout)).kind == .timeout)
        #expect(HTTPExportStatus.error(for: UpstreamError(.connectTimeout)).kind == .timeout)
        #expect(HTTPExportStatus.error(for: UpstreamError(.connectionRefused)).kind == .transport)
        #expect(HTTPExportStatus.error(for: UpstreamError(.protocolError)).isRetryable)
    }
}
