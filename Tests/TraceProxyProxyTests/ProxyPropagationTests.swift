import NIOCore
import NIOHTTP1
import TraceProxyTestSupport
import TraceProxyTraceContext
import TraceProxyTracing
import Testing

@testable import TraceProxyProxy

/// Every propagator and every sampler mode through a real proxy (issue 3, point 8): the incoming context
/// is continued (same trace id, the caller's span as parent), the upstream receives every configured
/// format with the proxy's span as parent (its CLIENT span when client spans are on), and the sampling
/// decision reaches both the exported spans and the upstream's headers.
@Suite struct ProxyPropagationTests {
    // MARK: - Propagators

    /// One incoming context in one format, and what the proxy must continue from it.
    struct Incoming: Sendable, CustomTestStringConvertible {
        var label: String
        var propagators: [PropagatorName]
        var headers: [(String, String)]
        var traceID: String
        var callerSpan: String

        var testDescription: String { self.label }

        static let all: [Incoming] = [
            Incoming(
                label: "tracecontext",
                propagators: [.tracecontext],
                headers: [("traceparent", "00-\(PropagationCaller.trace)-\(PropagationCaller.span)-01"), ("tracestate", "congo=t61rcWkgMzE")],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "b3 single",
                propagators: [.b3],
                headers: [("b3", "\(PropagationCaller.trace)-\(PropagationCaller.span)-1-0000000000000bad")],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "b3 single, 64-bit trace id",
                propagators: [.b3],
                headers: [("b3", "a3ce929d0e0e4736-\(PropagationCaller.span)-d")],
                traceID: "0000000000000000a3ce929d0e0e4736",
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "b3multi",
                propagators: [.b3multi],
                headers: [
                    ("X-B3-TraceId", PropagationCaller.trace), ("X-B3-SpanId", PropagationCaller.span), ("X-B3-ParentSpanId", "0000000000000bad"),
                    ("X-B3-Sampled", "1"),
                ],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "jaeger",
                propagators: [.jaeger],
                headers: [("uber-trace-id", "\(PropagationCaller.trace):\(PropagationCaller.span):0:1")],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "jaeger, url-encoded and not zero-padded",
                propagators: [.jaeger],
                headers: [("uber-trace-id", "a3ce929d0e0e4736%3Af067aa0ba902b7%3A0%3A3")],
                traceID: "0000000000000000a3ce929d0e0e4736",
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "datadog 64-bit",
                propagators: [.datadog],
                headers: [
                    ("x-datadog-trace-id", PropagationCaller.traceLowDecimal), ("x-datadog-parent-id", PropagationCaller.spanDecimal),
                    ("x-datadog-sampling-priority", "2"), ("x-datadog-origin", "synthetics"),
                ],
                traceID: "0000000000000000a3ce929d0e0e4736",
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "datadog 128-bit via _dd.p.tid",
                propagators: [.datadog],
                headers: [
                    ("x-datadog-trace-id", PropagationCaller.traceLowDecimal), ("x-datadog-parent-id", PropagationCaller.spanDecimal),
                    ("x-datadog-sampling-priority", "1"), ("x-datadog-tags", "_dd.p.tid=4bf92f3577b34da6,_dd.p.dm=-4"),
                ],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "tracecontext,b3 with both: the first in order wins",
                propagators: [.tracecontext, .b3],
                headers: [
                    ("b3", "11111111111111111111111111111111-2222222222222222-1"),
                    ("traceparent", "00-\(PropagationCaller.trace)-\(PropagationCaller.span)-01"),
                ],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "tracecontext,b3 with b3 only",
                propagators: [.tracecontext, .b3],
                headers: [("b3", "\(PropagationCaller.trace)-\(PropagationCaller.span)-1")],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "tracecontext,b3 with an invalid traceparent: b3 is the first valid",
                propagators: [.tracecontext, .b3],
                headers: [
                    ("traceparent", "00-00000000000000000000000000000000-\(PropagationCaller.span)-01"),
                    ("b3", "\(PropagationCaller.trace)-\(PropagationCaller.span)-1"),
                ],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
            Incoming(
                label: "b3,tracecontext with both: b3 first now",
                propagators: [.b3, .tracecontext],
                headers: [
                    ("traceparent", "00-11111111111111111111111111111111-2222222222222222-01"),
                    ("b3", "\(PropagationCaller.trace)-\(PropagationCaller.span)-1"),
                ],
                traceID: PropagationCaller.trace,
                callerSpan: PropagationCaller.span
            ),
        ]
    }

    @Test(arguments: Incoming.all, [true, false])
    func continuesTheIncomingContextAndInjectsEveryFormat(incoming: Incoming, clientSpans: Bool) async throws {
        let harness = try await ProxyHarness.start(propagator: CompositePropagator(names: incoming.propagators)) {
            $0.spans = SpanRecordingOptions(clientSpans: clientSpans)
        }

        let response = try await harness.request(.GET, "/echo", headers: incoming.headers)

        #expect(response.status == 200)
        let spans = await harness.spans.waitForSpans(count: clientSpans ? 2 : 1)
        let server = try #require(spans.first { $0.kind == .server })
        #expect(server.traceID.hexString == incoming.traceID)
        #expect(server.parentSpanID?.hexString == incoming.callerSpan)
        #expect(server.parentIsRemote)
        #expect(server.traceFlags.isSampled)
        let upstreamParent: SpanID
        if clientSpans {
            let client = try #require(spans.first { $0.kind == .client })
            #expect(client.traceID == server.traceID)
            #expect(client.parentSpanID == server.spanID)
            upstreamParent = client.spanID
        } else {
            #expect(spans.count == 1)
            upstreamParent = server.spanID
        }
        #expect(upstreamParent.hexString != incoming.callerSpan)

        let forwarded = try #require(harness.upstream.requests.last).headers
        for name in incoming.propagators {
            Self.expectInjected(name, in: forwarded, traceID: server.traceID, parent: upstreamParent, sampled: true)
        }
        try await harness.shutdown()
    }

    @Test(arguments: [
        [PropagatorName.tracecontext], [.b3], [.b3multi], [.jaeger], [.datadog], [.tracecontext, .b3],
        [.tracecontext, .baggage, .b3multi, .jaeger, .datadog],
    ])
    func startsANewTraceWhenNothingValidArrives(propagators: [PropagatorName]) async throws {
        let harness = try await ProxyHarness.start(propagator: CompositePropagator(names: propagators))

        // Headers of every format, all invalid: none may be continued, and none may reach the upstream stale.
        _ = try await harness.request(
            .GET,
            "/echo",
            headers: [
                ("traceparent", "00-\(PropagationCaller.trace)-0000000000000000-01"), ("b3", "not-a-b3-value"),
                ("X-B3-TraceId", "xyz"), ("X-B3-SpanId", PropagationCaller.span), ("uber-trace-id", "\(PropagationCaller.trace):0"),
                ("x-datadog-trace-id", "0"), ("x-datadog-parent-id", PropagationCaller.spanDecimal),
            ]
        )

        let spans = await harness.spans.waitForSpans(count: 2)
        let server = try #require(spans.first { $0.kind == .server })
        let client = try #require(spans.first { $0.kind == .client })
        #expect(server.parentSpanID == nil)
        #expect(server.traceID.hexString != PropagationCaller.trace)
        #expect(server.traceID.isValid)
        let forwarded = try #require(harness.upstream.requests.last).headers
        for name in propagators {
            Self.expectInjected(name, in: forwarded, traceID: server.traceID, parent: client.spanID, sampled: true)
        }
        try await harness.shutdown()
    }

    @Test func datadogPassesOnPriorityOriginAndTags() async throws {
        let harness = try await ProxyHarness.start(propagator: CompositePropagator(names: [.datadog]))

        _ = try await harness.request(
            .GET,
            "/echo",
            headers: [
                ("x-datadog-trace-id", PropagationCaller.traceLowDecimal), ("x-datadog-parent-id", PropagationCaller.spanDecimal),
                ("x-datadog-sampling-priority", "2"), ("x-datadog-origin", "rum"),
                ("x-datadog-tags", "_dd.p.dm=-4,_dd.p.tid=4bf92f3577b34da6,other=dropped"),
            ]
        )

        let server = try #require(await harness.spans.waitForServerSpans(count: 1).first)
        #expect(server.traceID.hexString == PropagationCaller.trace)
        let forwarded = try #require(harness.upstream.requests.last).headers
        #expect(Self.values("x-datadog-sampling-priority", in: forwarded) == ["2"])
        #expect(Self.values("x-datadog-origin", in: forwarded) == ["rum"])
        #expect(Self.values("x-datadog-tags", in: forwarded) == ["_dd.p.tid=4bf92f3577b34da6,_dd.p.dm=-4"])
        try await harness.shutdown()
    }

    @Test func anUnsampledCallerIsHonouredInEveryFormat() async throws {
        let names: [PropagatorName] = [.tracecontext, .b3, .b3multi, .jaeger, .datadog]
        let harness = try await ProxyHarness.start(propagator: CompositePropagator(names: names))

        _ = try await harness.request(.GET, "/echo", headers: [("b3", "\(PropagationCaller.trace)-\(PropagationCaller.span)-0")])

        let forwarded = try #require(try await harness.upstream.waitForRequests(count: 1).last).headers
        let traceID = try #require(TraceID(hex: PropagationCaller.trace))
        let parent = try #require(Self.forwardedParent(in: forwarded))
        #expect(parent.hexString != PropagationCaller.span)
        for name in names {
            Self.expectInjected(name, in: forwarded, traceID: traceID, parent: parent, sampled: false)
        }
        try await Task.sleep(for: .milliseconds(150))
        #expect(harness.spans.finishedSpans.isEmpty)
        try await harness.shutdown()
    }

    // MARK: - Samplers

    /// One sampler, one incoming context (or none), and the decision the proxy must make.
    struct SamplerCase: Sendable, CustomTestStringConvertible {
        var label: String
        var selection: SamplerSelection
        /// The incoming traceparent's flags, or nil for a request without one (a new root).
        var parentFlags: String?
        var sampled: Bool

        var testDescription: String { self.label }

        static let all: [SamplerCase] = [
            SamplerCase(label: "always_on, root", selection: .alwaysOn, parentFlags: nil, sampled: true),
            SamplerCase(label: "always_on, unsampled parent", selection: .alwaysOn, parentFlags: "00", sampled: true),
            SamplerCase(label: "always_off, root", selection: .alwaysOff, parentFlags: nil, sampled: false),
            SamplerCase(label: "always_off, sampled parent", selection: .alwaysOff, parentFlags: "01", sampled: false),
            SamplerCase(label: "traceidratio 0, root", selection: .traceIDRatio(0), parentFlags: nil, sampled: false),
            SamplerCase(label: "traceidratio 1, root", selection: .traceIDRatio(1), parentFlags: nil, sampled: true),
            SamplerCase(
                label: "traceidratio 0, sampled parent",
                selection: .traceIDRatio(0),
                parentFlags: "01",
                sampled: false
            ),
            SamplerCase(
                label: "parentbased_always_off, sampled parent",
                selection: .parentBasedAlwaysOff,
                parentFlags: "03",
                sampled: true
            ),
            SamplerCase(
                label: "parentbased_always_off, unsampled parent",
                selection: .parentBasedAlwaysOff,
                parentFlags: "00",
                sampled: false
            ),
            SamplerCase(
                label: "parentbased_always_off, root",
                selection: .parentBasedAlwaysOff,
                parentFlags: nil,
                sampled: false
            ),
            SamplerCase(
                label: "parentbased_always_on, unsampled parent",
                selection: .parentBasedAlwaysOn,
                parentFlags: "00",
                sampled: false
            ),
            SamplerCase(
                label: "parentbased_traceidratio 0, sampled parent",
                selection: .parentBasedTraceIDRatio(0),
                parentFlags: "01",
                sampled: true
            ),
        ]
    }

    @Test(arguments: SamplerCase.all)
    func samplerDecisionReachesSpansAndUpstream(case sampling: SamplerCase) async throws {
        let harness = try await ProxyHarness.start(sampler: sampling.selection.makeSampler())
        var headers: [(String, String)] = []
        if let flags = sampling.parentFlags {
            headers.append(("traceparent", "00-\(PropagationCaller.trace)-\(PropagationCaller.span)-\(flags)"))
        }

        _ = try await harness.request(.GET, "/echo", headers: headers)

        let forwarded = try #require(try await harness.upstream.waitForRequests(count: 1).last).headers
        let parent = try #require(Self.values("traceparent", in: forwarded).first.flatMap { TraceParent(headerValue: $0) })
        #expect(parent.flags.isSampled == sampling.sampled)
        if let flags = sampling.parentFlags {
            #expect(parent.traceID.hexString == PropagationCaller.trace, "the decision never changes the trace")
            // Only the sampled bit is the proxy's to change; the caller's random bit stays as it was.
            let incoming = TraceFlags(rawValue: UInt8(flags, radix: 16)!)
            #expect(parent.flags.contains(.random) == incoming.contains(.random))
        } else {
            #expect(parent.flags.contains(.random), "the proxy's own trace ids are random")
        }
        if sampling.sampled {
            let spans = await harness.spans.waitForSpans(count: 2)
            let server = try #require(spans.first { $0.kind == .server })
            #expect(server.traceID == parent.traceID)
            #expect(server.traceFlags.isSampled)
            #expect(spans.contains { $0.kind == .client && $0.spanID == parent.parentID })
        } else {
            try await Task.sleep(for: .milliseconds(150))
            #expect(harness.spans.finishedSpans.isEmpty, "an unsampled request exports nothing")
        }
        try await harness.shutdown()
    }

    /// A clock that never moves: the token bucket holds exactly what it started with.
    struct FrozenClock: Clock {
        struct Instant: InstantProtocol {
            var offset: Duration
            func advanced(by duration: Duration) -> Self { Self(offset: self.offset + duration) }
            func duration(to other: Self) -> Duration { other.offset - self.offset }
            static func < (lhs: Self, rhs: Self) -> Bool { lhs.offset < rhs.offset }
        }

        var now: Instant { Instant(offset: .zero) }
        var minimumResolution: Duration { .nanoseconds(1) }
        func sleep(until deadline: Instant, tolerance: Duration?) async throws {}
    }

    @Test func rateLimitSamplesAboutTwoOfABurstOfNewRoots() async throws {
        let sampler = SamplerSelection.parentBasedAlwaysOn.makeSampler(maxTracesPerSecond: 2, clock: FrozenClock())
        let harness = try await ProxyHarness.start(sampler: sampler)

        let connection = try await harness.connect()
        for _ in 0..<20 {
            let response = try await connection.request(.GET, "/echo")
            #expect(response.status == 200)
        }
        // Callers that already decided are not limited: parent-based sampling follows them.
        for _ in 0..<3 {
            let response = try await connection.request(
                .GET,
                "/echo",
                headers: [("traceparent", "00-\(PropagationCaller.trace)-\(PropagationCaller.span)-01")]
            )
            #expect(response.status == 200)
        }
        await connection.close()

        let requests = try await harness.upstream.waitForRequests(count: 23)
        let flags = requests.compactMap { request in
            Self.values("traceparent", in: request.headers).first.flatMap { TraceParent(headerValue: $0)?.flags }
        }
        #expect(flags.count == 23)
        let rootsSampled = flags.prefix(20).filter(\.isSampled).count
        #expect(rootsSampled == 2, "a frozen clock leaves exactly the bucket's two tokens")
        #expect(flags.suffix(3).allSatisfy { $0.isSampled })
        let servers = await harness.spans.waitForServerSpans(count: 5)
        try await Task.sleep(for: .milliseconds(100))
        #expect(servers.count == 5)
        #expect(harness.spans.finishedSpans.filter { $0.kind == .server }.count == 5)
        try await harness.shutdown()
    }

    @Test func rateLimitOnTheRealClockStaysNearTheRate() async throws {
        let harness = try await ProxyHarness.start(
            sampler: SamplerSelection.alwaysOn.makeSampler(maxTracesPerSecond: 2, clock: ContinuousClock())
        )

        let connection = try await harness.connect()
        let start = ContinuousClock.now
        for _ in 0..<20 {
            _ = try await connection.request(.GET, "/echo")
        }
        let elapsed = start.duration(to: .now)
        await connection.close()

        let requests = try await harness.upstream.waitForRequests(count: 20)
        let sampled = requests.filter { request in
            Self.values("traceparent", in: request.headers).first.flatMap { TraceParent(headerValue: $0) }?.flags
                .isSampled == true
        }.count
        // Two tokens at the start, then two more per second the burst took (a loaded machine is slow).
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        #expect(sampled >= 2)
        #expect(Double(sampled) <= 2 + 2 * seconds + 1, "sampled \(sampled) in \(seconds)s")
        try await harness.shutdown()
    }

    // MARK: - Round trips

    /// Random valid traceparents in, the same trace id and flags out, with the proxy's span as parent.
    @Test(arguments: [UInt64(0x5eed), 0xc0ffee, 0x7ace_c0de])
    func randomValidTraceparentsSurviveTheProxy(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let harness = try await ProxyHarness.start()
        let connection = try await harness.connect()

        var sent: [(traceID: TraceID, span: SpanID, flags: TraceFlags, state: String)] = []
        for index in 0..<25 {
            let traceID = TraceID(high: random.next(), low: random.next() | (index % 3 == 0 ? 0 : 1))
            let span = SpanID(random.next() | 1)
            let flags = TraceFlags(rawValue: UInt8(truncatingIfNeeded: random.next()))
            let name = ["traceparent", "TraceParent", "TRACEPARENT"][Int(random.next() % 3)]
            let padding = ["", " ", "\t", "  "][Int(random.next() % 4)]
            // Version 00, or a future version with more fields (read by its first four).
            let version = random.next() % 4 == 0 ? "cc" : "00"
            let tail = version == "00" ? "" : "-future-\(random.next() % 1000)"
            var value = TraceParent(traceID: traceID, parentID: span, flags: flags).headerValue
            value = padding + version + String(value.dropFirst(2)) + tail + padding
            let state = "k\(index)=v\(random.next() % 100),congo=t61rcWkgMzE"
            sent.append((traceID, span, flags, state))

            let response = try await connection.request(.GET, "/echo/\(index)", headers: [(name, value), ("tracestate", state)])
            #expect(response.status == 200)
        }
        await connection.close()

        let requests = try await harness.upstream.waitForRequests(count: 25)
        let spans = await harness.spans.waitForSpans(count: sent.filter { $0.flags.isSampled }.count * 2)
        for (index, request) in requests.prefix(25).enumerated() {
            let expected = sent[index]
            let values = Self.values("traceparent", in: request.headers)
            #expect(values.count == 1, "seed \(seed) #\(index): one traceparent upstream")
            let parent = try #require(values.first.flatMap { TraceParent(headerValue: $0) }, "seed \(seed) #\(index)")
            #expect(parent.version == 0)
            #expect(parent.traceID == expected.traceID, "seed \(seed) #\(index)")
            #expect(parent.flags == expected.flags.intersection([.sampled, .random]), "seed \(seed) #\(index)")
            #expect(parent.parentID != expected.span)
            #expect(Self.values("tracestate", in: request.headers) == [expected.state])
            if expected.flags.isSampled {
                let client = spans.first { $0.kind == .client && $0.spanID == parent.parentID }
                #expect(client?.traceID == expected.traceID, "seed \(seed) #\(index): the parent is our client span")
            } else {
                #expect(!spans.contains { $0.traceID == expected.traceID }, "seed \(seed) #\(index): unsampled")
            }
        }
        try await harness.shutdown()
    }

    // MARK: - Helpers

    static func values(_ name: String, in headers: [(name: String, value: String)]) -> [String] {
        headers.filter { $0.name.lowercased() == name }.map(\.value)
    }

    /// The parent the proxy gave the upstream, read from the forwarded `b3` header.
    static func forwardedParent(in headers: [(name: String, value: String)]) -> SpanID? {
        B3SinglePropagator().extract(from: HeaderList(headers))?.spanID
    }

    /// Checks the literal header(s) of one format, each present exactly once.
    static func expectInjected(
        _ name: PropagatorName,
        in headers: [(name: String, value: String)],
        traceID: TraceID,
        parent: SpanID,
        sampled: Bool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let trace = traceID.hexString
        let span = parent.hexString
        switch name {
        case .tracecontext:
            let values = Self.values("traceparent", in: headers)
            #expect(values.count == 1, sourceLocation: sourceLocation)
            let parsed = values.first.flatMap { TraceParent(headerValue: $0) }
            #expect(parsed?.traceID == traceID, sourceLocation: sourceLocation)
            #expect(parsed?.parentID == parent, sourceLocation: sourceLocation)
            #expect(parsed?.flags.isSampled == sampled, sourceLocation: sourceLocation)
        case .b3:
            #expect(Self.values("b3", in: headers) == ["\(trace)-\(span)-\(sampled ? 1 : 0)"], sourceLocation: sourceLocation)
        case .b3multi:
            #expect(Self.values("x-b3-traceid", in: headers) == [trace], sourceLocation: sourceLocation)
            #expect(Self.values("x-b3-spanid", in: headers) == [span], sourceLocation: sourceLocation)
            #expect(Self.values("x-b3-sampled", in: headers) == [sampled ? "1" : "0"], sourceLocation: sourceLocation)
            #expect(Self.values("x-b3-parentspanid", in: headers).isEmpty, "stale", sourceLocation: sourceLocation)
            #expect(Self.values("x-b3-flags", in: headers).isEmpty, "stale", sourceLocation: sourceLocation)
        case .jaeger:
            #expect(
                Self.values("uber-trace-id", in: headers) == ["\(trace):\(span):0:\(sampled ? 1 : 0)"],
                sourceLocation: sourceLocation
            )
        case .datadog:
            #expect(Self.values("x-datadog-trace-id", in: headers) == [String(traceID.low)], sourceLocation: sourceLocation)
            #expect(Self.values("x-datadog-parent-id", in: headers) == [String(parent.value)], sourceLocation: sourceLocation)
            let priority = Self.values("x-datadog-sampling-priority", in: headers).first.flatMap { Int($0) }
            #expect(priority.map { $0 > 0 } == sampled, sourceLocation: sourceLocation)
            let tags = Self.values("x-datadog-tags", in: headers)
            if traceID.high == 0 {
                #expect(!tags.contains { $0.contains("_dd.p.tid") }, sourceLocation: sourceLocation)
            } else {
                #expect(tags.count == 1, sourceLocation: sourceLocation)
                #expect(
                    tags.first?.split(separator: ",").contains("_dd.p.tid=\(Hex.string(traceID.high))") == true,
                    sourceLocation: sourceLocation
                )
            }
        case .baggage, .none:
            break
        }
    }
}

/// The caller's context used throughout.
enum PropagationCaller {
    static let trace = "4bf92f3577b34da6a3ce929d0e0e4736"
    static let span = "00f067aa0ba902b7"
    /// `trace`'s low 64 bits and `span`, in Datadog's decimal.
    static let traceLowDecimal = "11803532876627986230"
    static let spanDecimal = "67667974448284343"
}
