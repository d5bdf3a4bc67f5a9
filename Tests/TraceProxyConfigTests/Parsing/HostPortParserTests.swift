import Testing

@testable import TraceProxyConfig

@Suite struct HostPortParserTests {
    @Test(arguments: [
        ("127.0.0.1:7800", "127.0.0.1", 7800),
        (":7800", "0.0.0.0", 7800),
        ("localhost:0", "localhost", 0),
        ("0.0.0.0:65535", "0.0.0.0", 65535),
        ("my-host.internal:80", "my-host.internal", 80),
        ("[::1]:8080", "::1", 8080),
        ("[::]:80", "::", 80),
        ("[2001:db8::1]:443", "2001:db8::1", 443),
        ("[2001:db8:0:0:0:0:0:1]:443", "2001:db8:0:0:0:0:0:1", 443),
        ("[::ffff:192.0.2.1]:80", "::ffff:192.0.2.1", 80),
        ("host:00080", "host", 80),
    ])
    func parsesListenAddresses(text: String, host: String, port: Int) throws {
        let address = try HostPortParser.parse(text)

        #expect(address == SocketAddressSpec(host: host, port: port))
    }

    @Test(arguments: [
        "", "abc", "7800", "127.0.0.1", "127.0.0.1:", ":", "host:port", "host:+80", "host:-1", "host:8 0",
        "[::1]", "[::1]:", "[::1]8080", "[::1:8080", "[abc]:80", "[1:2:3:4:5:6:7:8:9]:80", "[::1::2]:80",
        "a b:80", "exa_mple!:80", "256.1.1.1:80", "1.2.3:80", "host..name:80", ".host:80", "http://host:80",
    ])
    func rejectsWhatIsNotHostPort(text: String) {
        #expect(throws: HostPortParser.notHostPort) { try HostPortParser.parse(text) }
    }

    @Test(arguments: ["::1:8080", "2001:db8::1:80", "::"])
    func asksForBracketsAroundIPv6(text: String) {
        #expect(throws: HostPortParser.unbracketedIPv6) { try HostPortParser.parse(text) }
    }

    @Test(arguments: [("host:65536", "65536"), ("[::1]:70000", "70000"), ("host:999999", "999999")])
    func rejectsPortsAbove65535(text: String, port: String) {
        #expect(throws: ParseFailure("has port \(port) out of range (expected 0 to 65535)")) {
            try HostPortParser.parse(text)
        }
    }
}
