import NIOCore
import TraceProxyExport
import TraceProxyTraceContext
import TraceProxyTracing

/// The fixed batch every golden file encodes. Tests/python/test_encoders.py hard-codes the same values,
/// so the real decoders check the bytes against the spans, not against our own reading of them.
enum Fixtures {
    /// 128-bit id with a non-zero high half (W3C spec example).
    static let traceA = TraceID(high: 0x0af7_6519_16cd_43dd, low: 0x8448_eb21_1c80_319c)
    /// 64-bit-style id: high half zero.
    static let traceB = TraceID(high: 0, low: 0xa3ce_929d_0e0e_4736)

    static let resource = Resource(
        serviceName: "Checkout-API",
        serviceVersion: "1.4.2",
        environment: "staging",
        instanceID: "instance-0001",
        sdkVersion: "0.1.0"
    )

    /// Continues an incoming traceparent: remote parent, tracestate, sampled + random flags.
    static let serverWithRemoteParent = FinishedSpan(
        traceID: traceA,
        spanID: SpanID(0xb7ad_6b71_6920_3331),
        parentSpanID: SpanID(0x00f0_67aa_0ba9_02b7),
        parentIsRemote: true,
        traceFlags: [.sampled, .random],
        traceState: "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        name: "GET /items/{item_id}",
        kind: .server,
        startTimeUnixNano: 1_700_000_000_123_456_789,
        endTimeUnixNano: 1_700_000_000_135_802_359,
        status: .unset,
        attributes: [
            .string("http.request.method", "GET"),
            .string("url.path", "/items/42"),
            .string("http.route", "/items/{item_id}"),
            .int("http.response.status_code", 200),
            .string("user_agent.original", "curl/8.5.0"),
            .string("client.address", "192.0.2.7"),
        ]
    )

    /// The upstream call made while serving `serverWithRemoteParent`; failed.
    static let clientWithError = FinishedSpan(
        traceID: traceA,
        spanID: SpanID(0x53_99_5c_3f_42_cd_8a_d8),
        parentSpanID: SpanID(0xb7ad_6b71_6920_3331),
        parentIsRemote: false,
        traceFlags: [.sampled, .random],
        traceState: "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7",
        name: "GET",
        kind: .client,
        startTimeUnixNano: 1_700_000_000_124_000_000,
        endTimeUnixNano: 1_700_000_000_134_000_001,
        status: .error(message: "upstream answered 503"),
        attributes: [
            .string("http.request.method", "GET"),
            .string("url.full", "http://inventory.internal:8080/items/42"),
            .string("server.address", "inventory.internal"),
            .int("server.port", 8080),
            .string("network.peer.address", "10.1.2.3"),
            .int("http.response.status_code", 503),
        ]
    )

    /// A local root (no parent) with one attribute of every type, including strings that need escaping.
    static let rootWithEveryAttributeType = FinishedSpan(
        traceID: traceB,
        spanID: SpanID(0xffff_ffff_ffff_fffe),
        parentSpanID: nil,
        parentIsRemote: false,
        traceFlags: [],
        traceState: "",
        name: "POST /orders",
        kind: .server,
        startTimeUnixNano: 1_700_000_001_000_000_000,
        endTimeUnixNano: 1_700_000_001_250_000_000,
        status: .ok,
        attributes: [
            .string("text", "quote \" backslash \\ newline \n tab \t bell \u{07} é 🚀"),
            .string("empty", ""),
            .int("int.negative", -42),
            .int("int.max", Int64.max),
            .double("double", 3.25),
            .double("double.small", 1e-7),
            .bool("bool.true", true),
            .bool("bool.false", false),
        ]
    )

    /// A sub-microsecond internal child of the local root.
    static let internalChild = FinishedSpan(
        traceID: traceB,
        spanID: SpanID(0x0000_0000_0000_0001),
        parentSpanID: SpanID(0xffff_ffff_ffff_fffe),
        parentIsRemote: false,
        traceFlags: [],
        traceState: "",
        name: "render",
        kind: .internal,
        startTimeUnixNano: 1_700_000_001_100_000_000,
        endTimeUnixNano: 1_700_000_001_100_000_500,
        status: .unset,
        attributes: []
    )

    /// Interleaved traces, so grouping by trace id is exercised.
    static let batch = [serverWithRemoteParent, rootWithEveryAttributeType, clientWithError, internalChild]

    /// `batch` (or `spans`) encoded by `encoder` into a fresh buffer.
    static func encode(_ encoder: some SpanEncoder, _ spans: [FinishedSpan] = Fixtures.batch) -> ByteBuffer {
        var buffer = ByteBuffer()
        encoder.encode(spans, resource: Fixtures.resource, into: &buffer)
        return buffer
    }
}
