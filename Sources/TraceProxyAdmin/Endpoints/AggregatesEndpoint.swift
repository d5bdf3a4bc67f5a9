import TraceProxyStore

/// `/api/overview`, `/api/routes` and `/api/route`: counts and percentiles over a window.
struct AggregatesEndpoint: Sendable {
    let store: TraceStore

    func overview(_ query: QueryParameters) -> AdminResponse {
        guard let window = Self.window(query) else { return Self.badWindow }
        return .json(200, Self.write(self.store.overview(windowSeconds: window)))
    }

    func route(_ query: QueryParameters) -> AdminResponse {
        guard let window = Self.window(query) else { return Self.badWindow }
        guard let name = query["name"] else { return .jsonError(400, "name is required") }
        guard let summary = self.store.route(named: name, windowSeconds: window) else {
            return .jsonError(404, "unknown route")
        }
        return .json(200, Self.write(summary))
    }

    func routes(_ query: QueryParameters) -> AdminResponse {
        guard let window = Self.window(query) else { return Self.badWindow }
        var json = JSONWriter()
        json.beginObject()
        json.field("window_seconds", window)
        json.key("routes")
        json.beginArray()
        for route in self.store.routes(windowSeconds: window) {
            json.beginObject()
            json.field("route", route.displayName)
            json.field("method", route.key.method)
            json.field("http_route", route.key.route)
            Self.writeFigures(route.figures, to: &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .json(200, json)
    }

    // MARK: Shapes

    /// `window` must be one of the store's windows; absent means 300 s.
    private static func window(_ query: QueryParameters) -> Int? {
        guard let text = query["window"] else { return 300 }
        guard let window = Int(text), TraceStore.windows.contains(window) else { return nil }
        return window
    }

    private static let badWindow = AdminResponse.jsonError(400, "window must be 300, 900 or 3600")

    private static func write(_ summary: WindowSummary) -> JSONWriter {
        var json = JSONWriter(capacity: 256 + summary.series.count * 128)
        json.beginObject()
        json.field("window_seconds", summary.windowSeconds)
        json.field("bucket_seconds", summary.bucketSeconds)
        json.field("now_unix", summary.nowUnixSeconds)
        json.key("totals")
        json.beginObject()
        Self.writeFigures(summary.totals, to: &json)
        json.endObject()
        json.key("series")
        json.beginArray()
        for point in summary.series {
            json.beginObject()
            json.field("t", point.startUnixSeconds)
            json.field("requests", point.figures.requests)
            json.field("errors", point.figures.errors)
            json.field("rps", point.figures.requestsPerSecond, decimals: 3)
            Self.writePercentiles(point.figures.latency, to: &json)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json
    }

    private static func writeFigures(_ figures: WindowSummary.Figures, to json: inout JSONWriter) {
        json.field("requests", figures.requests)
        json.field("errors", figures.errors)
        json.field("error_rate", figures.errorRate, decimals: 4)
        json.field("rps", figures.requestsPerSecond, decimals: 3)
        Self.writePercentiles(figures.latency, to: &json)
    }

    private static func writePercentiles(_ latency: LatencyPercentiles?, to json: inout JSONWriter) {
        json.field("p50_ms", latency?.p50)
        json.field("p90_ms", latency?.p90)
        json.field("p95_ms", latency?.p95)
        json.field("p99_ms", latency?.p99)
    }
}
