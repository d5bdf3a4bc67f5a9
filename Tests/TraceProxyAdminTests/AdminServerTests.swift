import Foundation
import NIOCore
import NIOHTTP1
import Testing
import TraceProxyAdmin
import TraceProxyMetrics
import TraceProxyStore
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing

@Suite(.timeLimit(.minutes(1))) struct AdminServerTests {
    @Test func healthzAnswersOk() async throws {
        let admin = try await AdminHarness.start()

        let response = try await admin.get("/healthz")

        #expect(response.status == 200)
        #expect(response.bodyString == "ok\n")
        try await admin.shutdown()
    }

    @Test func readyzSays503WithTheReasonUntilTheAppMarksReady() async throws {
        let admin = try await AdminHarness.start()

        let before = try await admin.get("/readyz")
        admin.readiness.markReady()
        let after = try await admin.get("/readyz")
        admin.readiness.markNotReady(reason: "shutting down")
        let draining = try await admin.get("/readyz")

        #expect(before.status == 503)
        #expect(before.bodyString == "not ready: starting\n")
        #expect(after.status == 200)
        #expect(draining.status == 503)
        #expect(draining.bodyString == "not ready: shutting down\n")
        try await admin.shutdown()
    }

    @Test func unknownPathsAre404AndOtherMethods405() async throws {
        let admin = try await AdminHarness.start()

        let missing = try await admin.get("/nope")
        let post = try await admin.get("/healthz", method: .POST)
        let delete = try await admin.get("/api/status", method: .DELETE)

        #expect(missing.status == 404)
        #expect(missing.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
        #expect(post.status == 405)
        #expect(post.headers.first(name: "allow") == "GET, HEAD")
        #expect(delete.status == 405)
        try await admin.shutdown()
    }

    @Test func headGetsTheHeadersOfGetWithoutABody() async throws {
        let admin = try await AdminHarness.start()

        let response = try await admin.get("/healthz", method: .HEAD)

        #expect(response.status == 200)
        #expect(response.headers.first(name: "content-length") == "3")
        #expect(response.body.isEmpty)
        try await admin.shutdown()
    }

    @Test func servesSeveralRequestsOnOneKeepAliveConnection() async throws {
        let admin = try await AdminHarness.start()
        let connection = try await TestHTTPConnection.connect(port: admin.port)

        let first = try await connection.request(.GET, "/healthz")
        let second = try await connection.request(.GET, "/api/status")
        let third = try await connection.request(.GET, "/nope")

        #expect([first.status, second.status, third.status] == [Int]([200, 200, 404]))
        #expect(!connection.isClosed)
        // Shutdown must not wait for this idle keep-alive connection.
        try await admin.shutdown()
        await connection.close()
    }

    @Test func metricsIsPrometheusTextByDefaultAndOpenMetricsWhenAsked() async throws {
        let admin = try await AdminHarness.start()
        admin.recorder.onEnd(
            .stub(traceID: TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736), route: "/items/{item_id}", durationMilliseconds: 3)
        )
        admin.recorder.onEnd(.stub(status: 502, errorType: "upstream_unreachable"))

        let text = try await admin.get("/metrics")
        let open = try await admin.get(
            "/metrics",
            headers: [("Accept", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5")]
        )

        #expect(text.status == 200)
        #expect(text.headers.first(name: "content-type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(text.bodyString.contains("# TYPE http_server_request_duration_seconds histogram"))
        #expect(text.bodyString.contains(#"traceproxy_exporter_spans_dropped_total{exporter="otlp",reason="queue_full"} 1"#))
        #expect(text.bodyString.contains("process_open_fds "))
        #expect(!text.bodyString.contains("# EOF"))
        #expect(open.headers.first(name: "content-type") == "application/openmetrics-text; version=1.0.0; charset=utf-8")
        #expect(open.bodyString.hasSuffix("# EOF\n"))
        #expect(open.bodyString.contains(#" # {trace_id="4bf92f3577b34da6a3ce929d0e0e4736"} 0.003 "#))
        try MetricsSample.save(prometheus: text.bodyString, openMetrics: open.bodyString)
        try await admin.shutdown()
    }

    @Test func servesTheEmbeddedDashboard() async throws {
        let admin = try await AdminHarness.start()

        let index = try await admin.get("/")
        let script = try await admin.get("/dashboard.js")
        let style = try await admin.get("/dashboard.css")

        #expect(index.status == 200)
        #expect(index.headers.first(name: "content-type") == "text/html; charset=utf-8")
        #expect(index.bodyString.lowercased().contains("<html"))
        #expect(script.headers.first(name: "content-type") == "text/javascript; charset=utf-8")
        #expect(!script.body.isEmpty)
        #expect(style.headers.first(name: "content-type") == "text/css; charset=utf-8")
        try await admin.shutdown()
    }
}

/// Where the `/metrics` texts are saved for `Tests/python/test_metrics_format.py`.
enum MetricsSample {
    static var directory: String {
        ProcessInfo.processInfo.environment["TRACEPROXY_METRICS_SAMPLE_DIR"]
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("traceproxy-metrics-sample")
    }

    static func save(prometheus: String, openMetrics: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try prometheus.write(toFile: directory + "/prometheus.txt", atomically: true, encoding: .utf8)
        try openMetrics.write(toFile: directory + "/openmetrics.txt", atomically: true, encoding: .utf8)
    }
}
