import Foundation
import Testing
import TraceProxyAdmin
import TraceProxyStore
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing

@Suite(.timeLimit(.minutes(1))) struct AdminAPITests {
    private static let traceID = TraceID(high: 0x4bf9_2f35_77b3_4da6, low: 0xa3ce_929d_0e0e_4736)

    @Test func statusReportsConfigurationAndExporters() async throws {
        let admin = try await AdminHarness.start()

        let (response, json) = try await admin.json("/api/status")

        #expect(response.headers.first(name: "content-type") == "application/json")
        #expect(response.headers.first(name: "cache-control") == "no-store")
        #expect(json["version"] as? String == "0.1.0")
        #expect(json["service_name"] as? String == "items-api")
        #expect(json["upstream"] as? String == "http://127.0.0.1:8000")
        #expect(json["listen"] as? String == "127.0.0.1:7800")
        #expect(number(json["uptime_seconds"]) == 12.346)
        #expect(json["trace_link_template"] as? String == "https://jaeger.example/trace/{trace_id}")
        let exporter = try #require((json["exporters"] as? [[String: Any]])?.first)
        #expect(exporter["name"] as? String == "otlp")
        #expect(exporter["queued"] as? Int == 3)
        #expect(exporter["exported"] as? Int == 2)
        #expect(exporter["failed_requests"] as? Int == 0)
        #expect(exporter["last_success_unix"] is NSNull)
        let dropped = try #require(exporter["dropped"] as? [String: Int])
        #expect(dropped == ["queue_full": 1, "rejected": 0, "retries_exhausted": 0, "shutdown": 0])
        try await admin.shutdown()
    }

    @Test func overviewHasTotalsAndOnePointPerBucket() async throws {
        let admin = try await AdminHarness.start()
        for millisecond in 1...100 { admin.store.onEnd(.stub(durationMilliseconds: Double(millisecond))) }
        admin.store.onEnd(.stub(status: 500, durationMilliseconds: 1))

        let (response, json) = try await admin.json("/api/overview")
        let (_, hour) = try await admin.json("/api/overview?window=3600")

        #expect(response.headers.first(name: "cache-control") == "no-store")
        #expect(json["window_seconds"] as? Int == 300)
        #expect(json["bucket_seconds"] as? Int == 10)
        #expect(json["now_unix"] as? Int == 1_790_000_000)
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["requests"] as? Int == 101)
        #expect(totals["errors"] as? Int == 1)
        #expect(number(totals["error_rate"]) == 0.0099)
        #expect(number(totals["rps"]) == 0.337)
        #expect(approximately(totals["p50_ms"], 50))
        #expect(approximately(totals["p99_ms"], 99))
        let series = try #require(json["series"] as? [[String: Any]])
        #expect(series.count == 30)
        #expect(series.first?["t"] as? Int == 1_789_999_710)
        #expect(series.last?["t"] as? Int == 1_790_000_000)
        #expect(series.last?["requests"] as? Int == 101)
        #expect(number(series.last?["rps"]) == 10.1)
        #expect(series.first?["requests"] as? Int == 0)
        #expect(series.first?["p50_ms"] is NSNull)
        #expect((hour["series"] as? [Any])?.count == 360)
        try await admin.shutdown()
    }

    @Test func windowOutsideTheAllowedSetIs400() async throws {
        let admin = try await AdminHarness.start()

        let (response, json) = try await admin.json("/api/overview?window=60")

        #expect(response.status == 400)
        #expect(json["error"] as? String == "window must be 300, 900 or 3600")
        try await admin.shutdown()
    }

    @Test func routesListsEachRouteWithItsParts() async throws {
        let admin = try await AdminHarness.start()
        admin.store.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: 2))
        admin.store.onEnd(.stub(route: "/items/{item_id}", status: 503, durationMilliseconds: 4))

        let (_, json) = try await admin.json("/api/routes?window=900")

        #expect(json["window_seconds"] as? Int == 900)
        let route = try #require((json["routes"] as? [[String: Any]])?.first)
        #expect(route["route"] as? String == "GET /items/{item_id}")
        #expect(route["method"] as? String == "GET")
        #expect(route["http_route"] as? String == "/items/{item_id}")
        #expect(route["requests"] as? Int == 2)
        #expect(route["errors"] as? Int == 1)
        #expect(number(route["error_rate"]) == 0.5)
        #expect(approximately(route["p50_ms"], 2))
        #expect(approximately(route["p99_ms"], 4))
        try await admin.shutdown()
    }

    @Test func routeTakesTheURLEncodedDisplayName() async throws {
        let admin = try await AdminHarness.start()
        admin.store.onEnd(.stub(route: "/items/{item_id}", durationMilliseconds: 2))

        let (encoded, json) = try await admin.json("/api/route?name=GET%20%2Fitems%2F%7Bitem_id%7D&window=300")
        let (plus, _) = try await admin.json("/api/route?name=GET+/items/%7Bitem_id%7D")
        let (unknown, error) = try await admin.json("/api/route?name=GET%20%2Fnope")

        #expect(encoded.status == 200)
        #expect((json["totals"] as? [String: Any])?["requests"] as? Int == 1)
        #expect((json["series"] as? [Any])?.count == 30)
        #expect(plus.status == 200)
        #expect(unknown.status == 404)
        #expect(error["error"] as? String == "unknown route")
        try await admin.shutdown()
    }

    @Test func tracesListsNewestFirstWithFilters() async throws {
        let admin = try await AdminHarness.start()
        admin.store.onEnd(.stub(traceID: Self.traceID, route: "/a", status: 200, durationMilliseconds: 1.2344, endUnixSeconds: 1_790_000_000.123))
        admin.store.onEnd(.stub(traceID: TraceID(high: 9, low: 9), route: "/a", status: 500, durationMilliseconds: 80))
        admin.store.onEnd(.stub(traceID: TraceID(high: 8, low: 8), route: nil, status: nil, durationMilliseconds: 3))

        let (_, all) = try await admin.json("/api/traces")
        let (_, errors) = try await admin.json("/api/traces?status=error&route=GET+%2Fa")
        let (_, slow) = try await admin.json("/api/traces?min_ms=50")
        let (_, prefix) = try await admin.json("/api/traces?trace_id=4BF92F&limit=5")
        let (bad, _) = try await admin.json("/api/traces?status=6xx")

        let list = try #require(all["traces"] as? [[String: Any]])
        #expect(list.count == 3)
        #expect(list[0]["route"] as? String == "GET unmatched")
        #expect(list[0]["status_code"] is NSNull)
        let oldest = list[2]
        #expect(oldest["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(oldest["span_id"] as? String == "1122334455667788")
        #expect(oldest["name"] as? String == "GET")
        #expect(oldest["method"] as? String == "GET")
        #expect(oldest["status_code"] as? Int == 200)
        #expect(oldest["error"] as? Bool == false)
        #expect(number(oldest["duration_ms"]) == 1.234)
        #expect(oldest["start_unix_ms"] as? Int == 1_790_000_000_121)
        #expect((errors["traces"] as? [[String: Any]])?.map { $0["status_code"] as? Int } == [500])
        #expect((slow["traces"] as? [[String: Any]])?.count == 1)
        #expect((prefix["traces"] as? [[String: Any]])?.map { $0["trace_id"] as? String } == ["4bf92f3577b34da6a3ce929d0e0e4736"])
        #expect(bad.status == 400)
        try await admin.shutdown()
    }

    @Test func traceDetailHasEverySpanWithAttributesAndTheLink() async throws {
        let admin = try await AdminHarness.start()
        admin.store.onEnd(.stub(traceID: Self.traceID, route: "/items/{item_id}", status: 502, errorType: "upstream_unreachable"))

        let (response, json) = try await admin.json("/api/traces/4bf92f3577b34da6a3ce929d0e0e4736")
        let (missing, error) = try await admin.json("/api/traces/00000000000000000000000000000001")
        let (malformed, _) = try await admin.json("/api/traces/xyz")

        #expect(response.status == 200)
        #expect(json["trace_id"] as? String == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(json["link"] as? String == "https://jaeger.example/trace/4bf92f3577b34da6a3ce929d0e0e4736")
        let span = try #require((json["spans"] as? [[String: Any]])?.first)
        #expect(span["span_id"] as? String == "1122334455667788")
        #expect(span["parent_span_id"] is NSNull)
        #expect(span["kind"] as? String == "server")
        #expect(span["start_unix_ns"] as? String == "1789999999999000000")
        #expect(span["end_unix_ns"] as? String == "1790000000000000000")
        #expect(span["status"] as? String == "error")
        #expect(span["status_message"] as? String == "upstream_unreachable")
        let attributes = try #require(span["attributes"] as? [String: Any])
        #expect(attributes["http.response.status_code"] as? Int == 502)
        #expect(attributes["http.route"] as? String == "/items/{item_id}")
        #expect(missing.status == 404)
        #expect(error["error"] as? String == "unknown trace")
        #expect(malformed.status == 404)
        try await admin.shutdown()
    }

    @Test func storePathsSay503WhenTheStoreIsDisabled() async throws {
        let admin = try await AdminHarness.start(storeEnabled: false)

        let (overview, _) = try await admin.json("/api/overview")
        let (traces, _) = try await admin.json("/api/traces/4bf92f3577b34da6a3ce929d0e0e4736")
        let (status, _) = try await admin.json("/api/status")

        #expect(overview.status == 503)
        #expect(traces.status == 503)
        #expect(status.status == 200)
        try await admin.shutdown()
    }
}
