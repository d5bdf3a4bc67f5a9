import Synchronization
import TraceProxyTraceContext
import TraceProxyTracing

// MARK: - Queries

extension TraceStore {
    /// All routes together over the last `windowSeconds` (one of `windows`), bucket by bucket.
    package func overview(windowSeconds: Int) -> WindowSummary {
        let (now, range) = self.window(windowSeconds)
        let buckets = self.state.withLock { $0.all.snapshot(range) }
        return Self.summarize(buckets, range: range, now: now, windowSeconds: windowSeconds)
    }

    /// One route by display name (`GET /items/{item_id}`); nil if the store has never seen it.
    package func route(named name: String, windowSeconds: Int) -> WindowSummary? {
        let (now, range) = self.window(windowSeconds)
        let buckets: [RouteAggregates.BucketSnapshot]? = self.state.withLock { state in
            state.routes.first(where: { $0.displayName == name })?.snapshot(range)
        }
        guard let buckets else { return nil }
        return Self.summarize(buckets, range: range, now: now, windowSeconds: windowSeconds)
    }

    /// Every route with requests in the window, busiest first.
    package func routes(windowSeconds: Int) -> [RouteSummary] {
        let (_, range) = self.window(windowSeconds)
        let snapshots: [(RouteKey, [RouteAggregates.BucketSnapshot])] = self.state.withLock { state in
            state.routes.compactMap { route in
                route.hasRequests(in: range) ? (route.key, route.snapshot(range)) : nil
            }
        }
        // Percentiles are computed after the lock is released: the request path only waits for the copies.
        return snapshots.map { key, buckets in
            RouteSummary(key: key, figures: Self.figures(buckets, seconds: windowSeconds))
        }
        .sorted { ($0.figures.requests, $1.displayName) > ($1.figures.requests, $0.displayName) }
    }

    /// Held spans matching `query`, newest first, at most `query.limit`.
    package func spans(matching query: TraceQuery) -> [StoredSpan] {
        let prefix = query.traceIDPrefix.flatMap(TraceIDPrefix.init)
        if query.traceIDPrefix != nil, prefix == nil { return [] }
        let minNanoseconds = query.minDurationMilliseconds.map { UInt64(max(0, $0) * 1_000_000) } ?? 0
        let limit = max(0, query.limit)
        return self.state.withLock { state in
            var routeFilter: Int?
            if let name = query.route {
                guard let index = state.routes.firstIndex(where: { $0.displayName == name }) else { return [] }
                routeFilter = index
            }
            var result: [StoredSpan] = []
            result.reserveCapacity(min(limit, 256))
            guard limit > 0 else { return result }
            state.spans.forEachNewestFirst { slot in
                // The list shows requests; their client spans appear in the trace view.
                if slot.span.kind != .server { return true }
                if let routeFilter, Int(slot.route) != routeFilter { return true }
                if let status = query.status,
                    !status.matches(statusCode: slot.statusCode == 0 ? nil : Int(slot.statusCode), isError: slot.isError)
                {
                    return true
                }
                if slot.span.durationNanoseconds < minNanoseconds { return true }
                if let prefix, !prefix.matches(slot.span.traceID) { return true }
                result.append(Self.stored(slot, routes: state.routes))
                return result.count < limit
            }
            return result
        }
    }

    /// Every held span of one trace, oldest start first; empty if none is held.
    package func trace(_ id: TraceID) -> [StoredSpan] {
        self.state.withLock { state in
            state.spans.spans(of: id).map { Self.stored($0, routes: state.routes) }
        }
        .sorted { ($0.span.startTimeUnixNano, $0.span.spanID.value) < ($1.span.startTimeUnixNano, $1.span.spanID.value) }
    }

    /// Number of spans held.
    package var spanCount: Int { self.state.withLock { $0.spans.count } }
}

// MARK: - Summaries

extension TraceStore {
    /// Now, and the buckets of a window ending with the (partial) current one.
    private func window(_ windowSeconds: Int) -> (now: Double, range: ClosedRange<Int>) {
        let now = self.clock()
        let current = Self.bucket(at: now)
        let count = max(1, min(windowSeconds / Self.bucketSeconds, Self.bucketCount))
        return (now, (current - count + 1)...current)
    }

    private static func summarize(
        _ buckets: [RouteAggregates.BucketSnapshot],
        range: ClosedRange<Int>,
        now: Double,
        windowSeconds: Int
    ) -> WindowSummary {
        let series = zip(range, buckets).map { bucket, snapshot in
            WindowSummary.Point(
                startUnixSeconds: bucket * Self.bucketSeconds,
                figures: WindowSummary.Figures(
                    requests: snapshot.requests,
                    errors: snapshot.errors,
                    requestsPerSecond: Double(snapshot.requests) / Double(Self.bucketSeconds),
                    latency: LatencyPercentiles(snapshot.latencies)
                )
            )
        }
        return WindowSummary(
            windowSeconds: windowSeconds,
            bucketSeconds: Self.bucketSeconds,
            nowUnixSeconds: Int(now.rounded(.down)),
            totals: Self.figures(buckets, seconds: windowSeconds),
            series: series
        )
    }

    private static func figures(_ buckets: [RouteAggregates.BucketSnapshot], seconds: Int) -> WindowSummary.Figures {
        var requests: UInt64 = 0
        var errors: UInt64 = 0
        for bucket in buckets {
            requests += bucket.requests
            errors += bucket.errors
        }
        return WindowSummary.Figures(
            requests: requests,
            errors: errors,
            requestsPerSecond: Double(requests) / Double(max(1, seconds)),
            latency: LatencyPercentiles(LatencyDigest(merging: buckets.lazy.map(\.latencies)))
        )
    }

    private static func stored(_ slot: SpanRing.Slot, routes: [RouteAggregates]) -> StoredSpan {
        StoredSpan(
            span: slot.span,
            route: routes[Int(slot.route)].key,
            statusCode: slot.statusCode == 0 ? nil : Int(slot.statusCode),
            isError: slot.isError
        )
    }
}
