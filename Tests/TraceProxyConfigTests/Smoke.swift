import Testing
@testable import TraceProxyConfig

@Test func smoke() {}
