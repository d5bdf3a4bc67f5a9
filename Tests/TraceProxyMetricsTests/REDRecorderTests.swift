import TraceProxyTestSupport
import Testing
import TraceProxyMetrics
import TraceProxyTraceContext
import TraceProxyTracing

@Suite struct REDRecorderTests {
    @Test func countsRequestsPerRouteMethodAndStatusIntoLatencyBuckets() throws {
        let recorder = REDRecorder()

        recorder.onEnd(.stub(route: "/items/{item_id}", status: 200, durationMilliseconds: 3))
        recorder.onEnd(.stub(route: "/items/{item_id}", status: 200, durationMilliseconds: 30))
        recorder.onEnd(.stub(route: "/items/{item_id}", status: 404, durationMilliseconds: 3))
        recorder.onEnd(.stub(method: "POST", route: "/items", status: 201, durationMilliseconds: 12_000))

        let snapshot = recorder.snapshot()
        let ok = try #require(snapshot.series.first { $0.key == .init(route: "/items/{item_id}", method: "GET", statusCode: 200) })
        #expect(ok.count == 2)
        #expect(ok.bucketCounts[0] == 1)  // 3 ms ≤ 5 ms
        #expect(ok.bucketCounts[3] == 1)  // 30 ms ≤ 50 ms
        #expect(abs(ok.sumSeconds - 0.033) < 1e-9)
        let created = try #require(snapshot.series.first { $0.key.method == "POST" })
        #expect(created.bucketCounts[LatencyBuckets.upperBounds.count] == 1)  // 12 s lands in +Inf
        #expect(snapshot.series.count == 3)
    }

    @Test func usesUnmatchedWhenTheSpanHasNoRouteTemplate() {
        let recorder = REDRecorder()

        recorder.onEnd(.stub(route: nil))

        #expect(recorder.snapshot().series.map(\.key.route) == ["unmatched"])
    }

    @Test func foldsUnknownMethodsIntoOther() {
        let recorder = REDRecorder()

        recorder.onEnd(.stub(method: "BREW"))

        #expect(recorder.snapshot().series.map(\.key.method) == ["_OTHER"])
    }

    @Test func ignoresNonServerSpans() {
        let recorder = REDRecorder()

        recorder.onEnd(.stub(kind: .client))

        #expect(recorder.snapshot().series.isEmpty)
    }

    @Test func foldsSeriesBeyondTheBoundIntoOverflow() {
        let recorder = REDRecorder(configuration: .init(maxSeries: 3, maxErrorTypes: 8))

        for index in 0..<10 { recorder.onEnd(.stub(route: "/r\(index)")) }

        let snapshot = recorder.snapshot()
        #expect(snapshot.series.count == 4)
        #expect(snapshot.series.filter { $0.key.route == "overflow" }.map(\.count) == [7])
        #expect(snapshot.overflowedSpans == 7)
    }

    @Test func overflowSeriesThemselvesAreBounded() {
        let recorder = REDRecorder(configuration: .init(maxSeries: 1, maxErrorTypes: 8))

        for status in 100..<400 { recorder.onEnd(.stub(route: "/r\(status)", status: status)) }

        let snapshot = recorder.snapshot()
        #expect(snapshot.series.count <= 1 + 64)
        #expect(snapshot.series.reduce(0) { $0 + $1.count } == 300)
    }

    @Test func countsBodyBytesProxyErrorsAndUpstreamFailureKinds() throws {
        let recorder = REDRecorder()

        recorder.onEnd(.stub(requestBodyBytes: 100, responseBodyBytes: 2000))
        recorder.onEnd(.stub(requestBodyBytes: 5, responseBodyBytes: 7))
        recorder.onEnd(.stub(status: 502, errorType: "upstream_unreachable"))
        recorder.onEnd(.stub(status: 504, errorType: "upstream_timeout"))
        recorder.onEnd(.stub(status: 400, errorType: "bad_request"))

        let snapshot = recorder.snapshot()
        let ok = try #require(snapshot.series.first { $0.key.statusCode == 200 })
        #expect(ok.requestBodyBytes == 105)
        #expect(ok.responseBodyBytes == 2007)
        #expect(snapshot.proxyErrors == ["upstream_unreachable": 1, "upstream_timeout": 1, "bad_request": 1])
        #expect(snapshot.upstreamFailures == ["unreachable": 1, "timeout": 1])
    }

    @Test func keepsTheMostRecentSpanOfEachBucketAsExemplar() throws {
        let recorder = REDRecorder()
        let first = TraceID(high: 1, low: 1)
        let second = TraceID(high: 2, low: 2)

        recorder.onEnd(.stub(traceID: first, durationMilliseconds: 2, endUnixSeconds: 1_790_000_000))
        recorder.onEnd(.stub(traceID: second, durationMilliseconds: 4, endUnixSeconds: 1_790_000_001))

        let exemplar = try #require(recorder.snapshot().series.first?.exemplars[0])
        #expect(exemplar.traceIDHigh == 2 && exemplar.traceIDLow == 2)
        #expect(abs(exemplar.valueSeconds - 0.004) < 1e-9)
        #expect(abs(exemplar.timestampUnixSeconds - 1_790_000_001) < 1e-3)
    }

    @Test func tracksRequestsInFlight() {
        let recorder = REDRecorder()

        recorder.requestStarted()
        recorder.requestStarted()
        recorder.requestFinished()

        #expect(recorder.snapshot().requestsInFlight == 1)
    }

    @Test func latencyBucketBoundsAreInclusive() {
        #expect(LatencyBuckets.index(ofNanoseconds: 5_000_000) == 0)
        #expect(LatencyBuckets.index(ofNanoseconds: 5_000_001) == 1)
        #expect(LatencyBuckets.index(ofNanoseconds: 10_000_000_000) == 13)
        #expect(LatencyBuckets.index(ofNanoseconds: 10_000_000_001) == 14)
    }
}
