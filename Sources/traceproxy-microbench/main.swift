// traceproxy-microbench: ns and allocations per operation for the per-span and per-request hot paths.
//
//   swift run -c release traceproxy-microbench [--json] [--rounds N] [--filter TEXT]
//   bench/microbench            (same, with allocations counted through bench/malloc_count.c)
//
// Each benchmark runs `rounds` timed rounds of a fixed number of operations and reports the fastest round
// (the least disturbed on a shared machine). Time is this thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so
// other processes' time slices do not count; cache and frequency effects of a busy machine still do. Allocations are counted by an LD_PRELOAD malloc counter when
// one is loaded (`traceproxy_bench_malloc_count`, see bench/malloc_count.c); without it they print as "-".

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTP1
import TraceProxyExport
import TraceProxyMetrics
import TraceProxyProxy
import TraceProxyRouting
import TraceProxyStore
import TraceProxyTraceContext
import TraceProxyTracing
import TraceProxyUpstream

// MARK: - Harness

struct Options {
    var json = false
    var rounds = 5
    var filter: String?

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--json": self.json = true
            case "--rounds": self.rounds = max(1, Int(iterator.next() ?? "") ?? 5)
            case "--filter": self.filter = iterator.next()
            case "-h", "--help":
                print("usage: traceproxy-microbench [--json] [--rounds N] [--filter TEXT]")
                exit(0)
            default:
                print("unknown argument \(argument)")
                exit(2)
            }
        }
    }
}

typealias CounterFunction = @convention(c) () -> UInt64

let mallocCounter: CounterFunction? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "traceproxy_bench_malloc_count") else {
        return nil
    }
    return unsafeBitCast(symbol, to: CounterFunction.self)
}()

@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// CPU time of this thread, not wall time: on a shared machine other processes' time slices must not count.
func nowNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

struct Result {
    var name: String
    var nsPerOp: Double
    var allocsPerOp: Double?
    var note: String

    var opsPerSecond: Double { 1e9 / self.nsPerOp }
}

/// `value` with `digits` decimals (no Foundation here).
func fixed(_ value: Double, _ digits: Int) -> String {
    guard value.isFinite else { return "nan" }
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    let scaled = Int64((value * Double(scale)).rounded())
    let magnitude = scaled.magnitude
    let whole = magnitude / UInt64(scale)
    var text = (scaled < 0 ? "-" : "") + String(whole)
    if digits > 0 {
        let fraction = String(magnitude % UInt64(scale))
        text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
    return text
}

func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

let options = Options(arguments: CommandLine.arguments)
var results: [Result] = []

/// Times `body`, which performs `opsPerCall` operations per call, over `calls` calls per round.
@MainActor
func bench(_ name: String, calls: Int, opsPerCall: Int = 1, note: String = "", _ body: () -> Void) {
    if let filter = options.filter, !name.contains(filter) { return }
    for _ in 0..<max(1, calls / 10) { body() }  // warm-up
    var best = Double.infinity
    var allocs: Double?
    for _ in 0..<options.rounds {
        let allocsBefore = mallocCounter?()
        let start = nowNanoseconds()
        for _ in 0..<calls { body() }
        let elapsed = nowNanoseconds() - start
        if let allocsBefore, let after = mallocCounter?() {
            allocs = Double(after - allocsBefore) / Double(calls * opsPerCall)
        }
        best = min(best, Double(elapsed) / Double(calls * opsPerCall))
    }
    let result = Result(name: name, nsPerOp: best, allocsPerOp: allocs, note: note)
    results.append(result)
    if !options.json {
        let allocText = result.allocsPerOp.map { fixed($0, 2) } ?? "-"
        print(
            padded(name, 48) + padded(fixed(result.nsPerOp, 1) + " ns/op", 16)
                + padded(fixed(result.opsPerSecond, 0) + " ops/s", 20) + "allocs/op " + padded(allocText, 8) + note
        )
    }
}

// MARK: - Data: spans shaped like the proxy's own (RequestObservation.finish)

let resource = Resource(serviceName: "traceproxy-bench", instanceID: "0f2d9c4e-bench")

func makeSpan(_ index: Int) -> FinishedSpan {
    var generator = SystemRandomNumberGenerator()
    let start: UInt64 = 1_764_000_000_000_000_000 + UInt64(index) * 1_000_000
    let server = index % 2 == 0
    var attributes: [SpanAttribute] = [
        .string("http.request.method", "GET"),
        .string("url.path", "/items/\(index % 100)"),
        .string("url.scheme", "http"),
        .int("http.response.status_code", 200),
        .string("server.address", "127.0.0.1"),
        .int("server.port", 7800),
        .string("client.address", "127.0.0.1"),
        .string("user_agent.original", "wrk/4.1.0"),
        .string("network.protocol.version", "1.1"),
        .int("http.response.body.size", 98),
        .int("traceproxy.upstream.connect_us", 0),
        .int("traceproxy.upstream.first_byte_us", 120),
        .int("traceproxy.upstream.total_us", 131),
        .bool("traceproxy.upstream.connection_reused", true),
    ]
    if !server { attributes.removeSubrange(1...2) }
    return FinishedSpan(
        traceID: TraceID(high: generator.next() | 1, low: generator.next()),
        spanID: SpanID(generator.next() | 1),
        parentSpanID: index % 4 == 0 ? nil : SpanID(generator.next() | 1),
        parentIsRemote: index % 4 == 2,
        traceFlags: .sampled,
        traceState: "",
        name: "GET",
        kind: server ? .server : .client,
        startTimeUnixNano: start,
        endTimeUnixNano: start + 180_000,
        status: index % 50 == 0 ? .error(message: "upstream connection refused") : .unset,
        attributes: attributes
    )
}

let spanCount = 10_000
let batchSize = 512  // the exporters' default batch (OTEL_BSP_MAX_EXPORT_BATCH_SIZE)
let spans = (0..<spanCount).map(makeSpan)
let batches: [ArraySlice<FinishedSpan>] = stride(from: 0, to: spanCount, by: batchSize).map {
    spans[$0..<min($0 + batchSize, spanCount)]
}

// MARK: - Encoders: 10 000 spans per call, in batches of 512 into one reused buffer

@MainActor
func benchEncoder(_ name: String, _ encoder: some SpanEncoder) {
    if let filter = options.filter, !"encode \(name) (per span)".contains(filter) { return }
    var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    var bytes = 0
    for batch in batches {
        buffer.clear()
        encoder.encode(batch, resource: resource, into: &buffer)
        bytes += buffer.readableBytes
    }
    let note = "\(bytes / spanCount) B/span, batches of \(batchSize), 10 000 spans per round"
    bench("encode \(name) (per span)", calls: 1, opsPerCall: spanCount, note: note) {
        for batch in batches {
            buffer.clear()
            encoder.encode(batch, resource: resource, into: &buffer)
        }
        blackHole(buffer.readableBytes)
    }
}

benchEncoder("OTLP protobuf", OTLPProtobufEncoder())
benchEncoder("OTLP JSON", OTLPJSONEncoder())
benchEncoder("Zipkin v2 JSON", ZipkinJSONEncoder())
benchEncoder("Datadog v0.4 msgpack", DatadogMsgpackEncoder())
benchEncoder("Jaeger Thrift binary", JaegerThriftEncoder())
benchEncoder("console NDJSON", ConsoleJSONEncoder())
do {
    let encoder = JaegerThriftEncoder()
    bench("encode Jaeger compact UDP datagrams (per span)", calls: 1, opsPerCall: spanCount, note: "agentDatagrams, 65 000 B max") {
        for batch in batches { blackHole(encoder.agentDatagrams(batch, resource: resource)) }
    }
}

// MARK: - Trace context

let headerValues: [String] = (0..<1024).map { _ in
    var generator = SystemRandomNumberGenerator()
    return TraceParent(traceID: TraceID(high: generator.next() | 1, low: generator.next()), parentID: SpanID(generator.next() | 1), flags: .sampled).headerValue
}
var parseIndex = 0
bench("traceparent parse (String)", calls: 1_000_000, note: "TraceParent(headerValue:)") {
    blackHole(TraceParent(headerValue: headerValues[parseIndex & 1023]))
    parseIndex &+= 1
}
let parents = headerValues.compactMap { TraceParent(headerValue: $0) }
var formatIndex = 0
bench("traceparent format", calls: 1_000_000, note: "TraceParent.headerValue (55-byte String)") {
    blackHole(parents[formatIndex & 1023].headerValue)
    formatIndex &+= 1
}
let carriers = headerValues.prefix(64).map { HeaderList([("Host", "127.0.0.1:7800"), ("User-Agent", "wrk"), ("traceparent", $0)]) }
var extractIndex = 0
let propagator = W3CPropagator()
bench("W3C extract from 3 headers", calls: 500_000, note: "W3CPropagator.extract(HeaderList)") {
    blackHole(propagator.extract(from: carriers[extractIndex & 63]))
    extractIndex &+= 1
}
let ids = RandomIDGenerator()
bench("span id generation", calls: 1_000_000, note: "RandomIDGenerator.nextSpanID (pooled getrandom)") {
    blackHole(ids.nextSpanID())
}

// MARK: - Routing: a RouteTable shaped like a small service's OpenAPI document

let routeTable = RouteTable(
    openAPI: [
        "/items", "/items/{item_id}", "/items/{item_id}/reviews", "/items/{item_id}/reviews/{review_id}", "/users",
        "/users/{user_id}", "/users/{user_id}/orders", "/orders/{order_id}", "/orders/{order_id}/lines/{line}",
        "/search", "/health", "/v1/catalog/{category}/products/{sku}",
    ].compactMap { try? RoutePattern($0) }
)
let paths: [Substring] = (0..<256).map {
    switch $0 % 4 {
    case 0: "/items/\($0)"[...]
    case 1: "/users/\($0)/orders"[...]
    case 2: "/v1/catalog/shoes/products/SKU-\($0)"[...]
    default: "/unknown/\($0)/thing"[...]  // no pattern: the heuristic folds it
    }
}
var routeIndex = 0
bench("route match (RouteTable, OpenAPI + heuristic)", calls: 1_000_000, note: "12 OpenAPI patterns; 1 in 4 paths falls to the heuristic") {
    blackHole(routeTable.route(method: "GET", path: paths[routeIndex & 255]))
    routeIndex &+= 1
}

// MARK: - Recording: the embedded store's HDR histograms and ring, and the RED metrics

let store = TraceStore(configuration: .init(maxSpans: 10_000))
var storeIndex = 0
bench("store span (HDR histograms + ring)", calls: 200_000, note: "TraceStore.onEnd, server spans, 100 routes") {
    store.onEnd(spans[storeIndex % spanCount])
    storeIndex &+= 2  // even indices are server spans
}
let red = REDRecorder()
var redIndex = 0
bench("RED metrics record", calls: 200_000, note: "REDRecorder.onEnd (duration histogram, counters)") {
    red.onEnd(spans[redIndex % spanCount])
    redIndex &+= 2
}

// MARK: - One request through the handler path (no sockets, no libcurl)

/// Answers every request at once with a fixed 98-byte response, on the calling event loop.
final class InstantUpstreamClient: UpstreamClient {
    final class Exchange: UpstreamExchange {
        func writeRequestBody(_ part: ByteBuffer) -> Bool { true }
        func finishRequestBody() {}
        func pauseResponse() {}
        func resumeResponse() {}
        func cancel() {}
    }

    let head = UpstreamResponseHead(
        status: 200, reason: "OK", version: (1, 1),
        headers: [
            ("Server", "nginx"), ("Date", "Thu, 26 Nov 2026 06:00:00 GMT"), ("Content-Type", "application/json"),
            ("Content-Length", "98"), ("Connection", "keep-alive"), ("ETag", "\"6745a1b0-62\""),
        ]
    )
    let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 98)

    func start(_ request: UpstreamRequest, on eventLoop: any EventLoop, handler: any UpstreamResponseHandler) -> any UpstreamExchange {
        let handler = UnsafeTransfer(handler)
        eventLoop.execute {
            handler.value.upstreamReceivedHead(self.head)
            handler.value.upstreamReceivedBodyPart(self.body)
            var timings = UpstreamTimings()
            timings.firstByteMicroseconds = 100
            timings.totalMicroseconds = 120
            timings.connectionReused = true
            handler.value.upstreamCompleted(error: nil, timings: timings)
            handler.value.upstreamDeliveryEnded()
        }
        return Exchange()
    }
}

struct UnsafeTransfer<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

@MainActor
func benchHandlerPath(_ name: String, processor: any SpanProcessor, note: String) throws {
    if let filter = options.filter, !name.contains(filter) { return }
    let loop = EmbeddedEventLoop()
    let channel = EmbeddedChannel(loop: loop)
    try ProxyServer.addConnectionHandlers(
        to: channel.pipeline.syncOperations,
        configuration: .init(upstream: .init(baseURL: "http://127.0.0.1:8000", hostHeader: "127.0.0.1:8000")),
        upstream: InstantUpstreamClient(),
        processor: processor,
        recorder: MultiplexSpanProcessor([TraceStore(configuration: .init(maxSpans: 10_000)), REDRecorder()]),
        logger: Logger(label: "microbench", factory: { _ in SwiftLogNoOpLogHandler() })
    )
    channel.pipeline.fireChannelActive()
    let request = ByteBuffer(string: "GET /items/7?page=2 HTTP/1.1\r\nHost: 127.0.0.1:7800\r\nUser-Agent: wrk/4.1.0\r\nAccept: */*\r\n\r\n")
    var responseBytes = 0
    bench(name, calls: 100_000, note: note) {
        try! channel.writeInbound(request)
        loop.run()
        while let part = try! channel.readOutbound(as: ByteBuffer.self) { responseBytes &+= part.readableBytes }
    }
    precondition(responseBytes > 0, "the handler path wrote no response")
}

try benchHandlerPath(
    "request through the handler path (store only)", processor: NoOpSpanProcessor(),
    note: "EmbeddedChannel: decode, route, trace context, spans to store + RED, encode"
)

// MARK: - Output

if options.json {
    for result in results {
        let allocs = result.allocsPerOp.map { fixed($0, 3) } ?? "null"
        let note = String(result.note.map { $0 == "\"" ? "'" : $0 })
        print(
            "{\"name\": \"\(result.name)\", \"ns_per_op\": \(fixed(result.nsPerOp, 2)), "
                + "\"ops_per_s\": \(fixed(result.opsPerSecond, 0)), \"allocs_per_op\": \(allocs), "
                + "\"note\": \"\(note)\"}"
        )
    }
} else if mallocCounter == nil {
    print("(allocations not counted: run bench/microbench, which preloads bench/malloc_count.c)")
}
