import NIOCore
import NIOPosix
import Testing
import TraceProxyTestSupport
import TraceProxyUpstream

/// The upstream receives what the caller asked for, and the caller receives what the upstream sent.
@Suite struct CurlUpstreamClientTransparencyTests {
    @Test(arguments: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PURGE"])
    func methodWithoutBodyIsSentWithoutBody(method: String) async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request(method, "/anything"))

            let received = try #require(fixture.server.requests.first)
            #expect(outcome.error == nil)
            #expect(outcome.head?.status == 200)
            #expect(outcome.bodyString == (method == "HEAD" ? "" : "ok"))
            #expect(received.method == method)
            #expect(received.headers.map(\.name) == ["Host"])
            #expect(received.bodyLength == 0)
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "PURGE"])
    func methodWithBodySendsItWithItsContentLength(method: String) async throws {
        try await UpstreamTestFixture.with { fixture in
            let body = Array("payload for \(method)".utf8)
            let headers: [(name: String, value: String)] = [fixture.host, ("Content-Length", "\(body.count)")]

            let outcome = try await fixture.run(
                fixture.request(method, "/echo", headers: headers, body: .length(Int64(body.count))),
                parts: [body]
            )

            let received = try #require(fixture.server.requests.first)
            #expect(outcome.error == nil)
            #expect(outcome.body == body)
            #expect(outcome.headerValues("x-echo-method") == [method])
            #expect(received.method == method)
            #expect(received.body == body)
            #expect(received.headers.map(\.name) == ["Host", "Content-Length"])
        }
    }

    @Test func headersReachTheUpstreamExactlyAsGiven() async throws {
        try await UpstreamTestFixture.with { fixture in
            let headers: [(name: String, value: String)] = [
                fixture.host, ("X-Repeat", "1"), ("x-lower-case", "Value  With  Spaces"), ("X-Repeat", "2"),
                ("Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), ("X-Empty", ""),
            ]

            _ = try await fixture.run(fixture.request("GET", "/", headers: headers))

            let received = try #require(fixture.server.requests.first)
            #expect(received.headers.map { "\($0.name): \($0.value)" } == headers.map { "\($0.name): \($0.value)" })
        }
    }

    /// libcurl's one liberty with headers: it rebuilds a given `Host` as the first line, spelled `Host`.
    @Test func givenHostIsSentFirst() async throws {
        try await UpstreamTestFixture.with { fixture in
            let headers: [(name: String, value: String)] = [("X-A", "1"), ("hOsT", "example.com:81"), ("X-B", "2")]

            _ = try await fixture.run(fixture.request("GET", "/", headers: headers))

            let received = try #require(fixture.server.requests.first)
            #expect(received.headers.map { "\($0.name): \($0.value)" } == ["Host: example.com:81", "X-A: 1", "X-B: 2"])
        }
    }

    @Test func givenAcceptAndUserAgentAreKeptAndNoneAreAdded() async throws {
        try await UpstreamTestFixture.with { fixture in
            let headers: [(name: String, value: String)] = [
                fixture.host, ("Accept", "application/json"), ("User-Agent", "client/1.0"),
            ]

            _ = try await fixture.run(fixture.request("GET", "/", headers: headers))

            let received = try #require(fixture.server.requests.first)
            #expect(received.headers.map(\.name) == ["Host", "Accept", "User-Agent"])
            #expect(received.headers[1].value == "application/json")
        }
    }

    @Test func requestTargetArrivesByteForByte() async throws {
        try await UpstreamTestFixture.with { fixture in
            let target = "/a/../b/./c//d?x=%2F&y=a+b&z=%zz"

            _ = try await fixture.run(fixture.request("GET", target))

            #expect(fixture.server.requests.first?.uri == target)
        }
    }

    @Test func compressedBodyIsNotDecoded() async throws {
        try await UpstreamTestFixture.with { fixture in
            let headers: [(name: String, value: String)] = [fixture.host, ("Accept-Encoding", "gzip")]

            let outcome = try await fixture.run(fixture.request("GET", "/gzip", headers: headers))

            #expect(outcome.body == TestUpstreamServer.gzipBody)
            #expect(outcome.headerValues("Content-Encoding") == ["gzip"])
            #expect(outcome.headerValues("Content-Length") == ["\(TestUpstreamServer.gzipBody.count)"])
        }
    }

    @Test func redirectIsReturnedNotFollowed() async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request("GET", "/status/302"))

            #expect(outcome.head?.status == 302)
            #expect(outcome.headerValues("Location") == ["/elsewhere"])
            #expect(fixture.server.requests.count == 1)
        }
    }

    @Test(arguments: [204, 304, 404, 500, 503])
    func statusIsPassedThrough(status: Int) async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request("GET", "/status/\(status)"))

            #expect(outcome.error == nil)
            #expect(outcome.head?.status == status)
            #expect(outcome.bodyLength == (status == 204 || status == 304 ? 0 : "status \(status)\n".utf8.count))
        }
    }

    @Test func responseHeadersKeepOrderCaseAndRepeats() async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request("GET", "/headers"))

            let head = try #require(outcome.head)
            #expect(head.reason == "OK")
            #expect(head.version == (1, 1))
            #expect(outcome.headerValues("Set-Cookie") == ["a=1; Path=/", "b=2; HttpOnly", "c=3"])
            #expect(outcome.headerValues("X-Multi") == ["one", "two"])
            #expect(outcome.headerValues("X-Empty") == [""])
            #expect(
                outcome.headerNames.prefix(8) == [
                    "Set-Cookie", "X-Multi", "Set-Cookie", "x-lower", "X-Multi", "Set-Cookie", "X-Empty",
                    "Cache-Control",
                ]
            )
        }
    }

    @Test func interimResponsesAreSwallowed() async throws {
        try await UpstreamTestFixture.with { fixture in
            let body = Array("ping".utf8)
            let headers: [(name: String, value: String)] = [fixture.host, ("Content-Length", "4")]

            let outcome = try await fixture.run(
                fixture.request("POST", "/continue", headers: headers, body: .length(4)),
                parts: [body]
            )

            #expect(outcome.error == nil)
            #expect(outcome.head?.status == 200)
            #expect(outcome.bodyString == "continued")
            #expect(outcome.orderViolations.isEmpty)
            #expect(fixture.server.requests.first?.body == body)
        }
    }

    @Test func customRouteAnswersAsGiven() async throws {
        let server = try await TestUpstreamServer.start(routes: [
            TestUpstreamServer.Route("/custom") { request in
                TestUpstreamServer.Response(
                    status: 418,
                    headers: [("X-Route", request.uri)],
                    body: Array("teapot".utf8)
                )
            }
        ])
        let client = CurlUpstreamClient()
        let fixture = UpstreamTestFixture(
            server: server,
            client: client,
            eventLoop: MultiThreadedEventLoopGroup.singleton.next()
        )

        let outcome = try await fixture.run(fixture.request("GET", "/custom/x"))
        client.shutdown()
        try await server.stop()

        #expect(outcome.head?.status == 418)
        #expect(outcome.headerValues("X-Route") == ["/custom/x"])
        #expect(outcome.headerValues("Content-Length") == ["6"])
        #expect(outcome.bodyString == "teapot")
    }

    @Test func smallResponseArrivesInOneEventLoopTask() async throws {
        try await UpstreamTestFixture.with { fixture in
            let outcome = try await fixture.run(fixture.request("GET", "/"))

            #expect(outcome.bodyString == "ok")
            #expect(outcome.arrivedInOneTask)
        }
    }

    @Test func timingsDescribeTheConnection() async throws {
        try await UpstreamTestFixture.with { fixture in
            let first = try await fixture.run(fixture.request("GET", "/"))
            let second = try await fixture.run(fixture.request("GET", "/"))

            #expect(first.timings.peerAddress == "127.0.0.1")
            #expect(first.timings.peerPort == fixture.server.port)
            #expect(first.timings.connectionReused == false)
            #expect(first.timings.connectMicroseconds > 0)
            #expect(first.timings.totalMicroseconds >= first.timings.firstByteMicroseconds)
            #expect(first.timings.firstByteMicroseconds > 0)
            #expect(second.timings.connectionReused)
        }
    }
}
