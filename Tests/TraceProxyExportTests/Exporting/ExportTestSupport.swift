import Logging
import NIOCore
import Synchronization
import TraceProxyExport
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing

/// Builders shared by the exporter tests: spans with distinct ids, a quiet logger, quick processor settings.
enum ExportTest {
    static let logger = Logger(label: "export-test", factory: { _ in SwiftLogNoOpLogHandler() })

    static let resource = Resource(serviceName: "export-test", instanceID: "instance-1")

    /// A server span whose span id is `index + 1`, in its own trace.
    static func span(_ index: Int, name: String = "GET /items/{id}") -> FinishedSpan {
        FinishedSpan(
            traceID: TraceID(high: 0x0af7_6519_16cd_43dd, low: UInt64(index + 1)),
            spanID: SpanID(UInt64(index + 1)),
            parentSpanID: nil,
            parentIsRemote: false,
            traceFlags: [.sampled],
            traceState: "",
            name: name,
            kind: .server,
            startTimeUnixNano: 1_700_000_000_000_000_000 + UInt64(index) * 1000,
            endTimeUnixNano: 1_700_000_000_000_500_000 + UInt64(index) * 1000,
            status: .unset,
            attributes: [.string("http.request.method", "GET"), .int("http.response.status_code", 200)]
        )
    }

    static func spans(_ count: Int) -> [FinishedSpan] { (0..<count).map { self.span($0) } }

    /// Short delays so retry paths finish within a test's patience.
    static func processing(
        maxQueueSize: Int = 64, maxBatchSize: Int = 16, exportTimeout: Duration = .seconds(2), maxRetries: Int = 5
    ) -> BatchSpanProcessor.Configuration {
        BatchSpanProcessor.Configuration(
            maxQueueSize: maxQueueSize,
            maxBatchSize: maxBatchSize,
            scheduleDelay: .milliseconds(20),
            exportTimeout: exportTimeout,
            maxRetries: maxRetries,
            initialBackoff: .milliseconds(20),
            maxBackoff: .seconds(3),
            failureLogInterval: .seconds(30)
        )
    }

    static func otlpExporter(
        url: String, transport: ExportHTTPTransport, stats: ExporterStats, timeout: Duration = .seconds(2)
    ) -> OTLPSpanExporter {
        OTLPSpanExporter(
            endpoint: url, encoding: .protobuf, headers: [("x-api-key", "secret")], compression: .none,
            timeout: timeout, resource: Self.resource, transport: transport, stats: stats, logger: Self.logger
        )
    }

    /// Waits (polling every 10 ms, no fixed sleep) until `condition` holds or `timeout` passes.
    struct SocketError: Error {}

    /// Waits for `condition`, returning as soon as it holds. The deadline is generous on purpose: the whole
    /// suite runs in parallel on two cores, and an export pipeline starved of CPU was seen to take over 10 s
    /// for a step that takes milliseconds alone; the tests check that things happen, not how fast.
    static func eventually(timeout: Duration = .seconds(40), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }

    /// The spans in a recorded OTLP protobuf body: ResourceSpans (1) > ScopeSpans (2) > Span (2).
    static func spanCount(_ request: TestUpstreamServer.RecordedRequest) -> Int {
        guard let body = request.body else { return 0 }
        var total = 0
        for resourceSpans in Self.fields(body[...], number: 1) {
            for scopeSpans in Self.fields(resourceSpans, number: 2) {
                total += Self.fields(scopeSpans, number: 2).count
            }
        }
        return total
    }

    /// The length-delimited fields numbered `number` at the top level of a protobuf message.
    static func fields(_ message: ArraySlice<UInt8>, number: Int) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var index = message.startIndex
        func varint() -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while index < message.endIndex {
                let byte = message[index]
                index += 1
                value |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { break }
                shift += 7
            }
            return value
        }
        while index < message.endIndex {
            let key = varint()
            switch key & 7 {
            case 0: _ = varint()
            case 1: index += 8
            case 5: index += 4
            case 2:
                let length = Int(varint())
                if Int(key >> 3) == number { result.append(message[index..<index + length]) }
                index += length
            default: return result
            }
        }
        return result
    }
}

/// Counts calls for routes whose answer changes over time.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    /// Returns the count before this call.
    func next() -> Int { self.value.add(1, ordering: .relaxed).oldValue }
    var count: Int { self.value.load(ordering: .relaxed) }
}
