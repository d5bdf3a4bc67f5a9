import Testing
import TraceProxyTracing

@Suite struct HeaderListTests {
    @Test func readsValuesCaseInsensitivelyInOrder() {
        let headers = HeaderList.headers(("TraceParent", "a"), ("x", "b"), ("TRACEPARENT", "c"))

        #expect(headers.values(forName: "traceparent") == ["a", "c"])
        #expect(headers.firstValue(forName: "traceparent") == "a")
        #expect(headers.values(forName: "tracestate").isEmpty)
        #expect(headers.firstValue(forName: "tracestate") == nil)
    }

    @Test func setReplacesTheFirstLineInPlaceAndDropsTheRest() {
        var headers = HeaderList.headers(("Accept", "*/*"), ("B3", "old1"), ("Host", "h"), ("b3", "old2"))

        headers.setValue("new", forName: "b3")

        #expect(headers.lines == ["Accept: */*", "B3: new", "Host: h"])
    }

    @Test func setAppendsWhenAbsent() {
        var headers = HeaderList.headers(("Host", "h"))

        headers.setValue("v", forName: "tracestate")

        #expect(headers.lines == ["Host: h", "tracestate: v"])
    }

    @Test func setNilRemovesEveryLine() {
        var headers = HeaderList.headers(("tracestate", "a"), ("Host", "h"), ("TraceState", "b"))

        headers.setValue(nil, forName: "tracestate")

        #expect(headers.lines == ["Host: h"])
    }
}
