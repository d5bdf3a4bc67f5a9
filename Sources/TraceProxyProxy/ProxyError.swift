import NIOHTTP1
import TraceProxyUpstream

/// Why the proxy itself answered instead of the upstream.
struct ProxyError: Error, CustomStringConvertible, Equatable {
    private enum Code: Equatable {
        case upstreamUnreachable
        case upstreamConnectTimedOut
        case upstreamTimedOut
        case upstreamProtocolError
        case upstreamFailed
        case badRequest
        case headersTooLarge
        case requestSmuggling
        case unsupportedTarget
        case methodNotAllowed
    }

    private let code: Code
    /// Operator-facing detail for logs; never sent to the client.
    let detail: String

    static func upstream(_ error: UpstreamError) -> ProxyError {
        switch error.kind {
        case .connectionRefused, .nameResolution: ProxyError(code: .upstreamUnreachable, detail: error.description)
        case .connectTimeout: ProxyError(code: .upstreamConnectTimedOut, detail: error.description)
        case .responseTimeout: ProxyError(code: .upstreamTimedOut, detail: error.description)
        case .protocolError: ProxyError(code: .upstreamProtocolError, detail: error.description)
        case .cancelled, .other: ProxyError(code: .upstreamFailed, detail: error.description)
        }
    }

    static func badRequest(_ detail: String) -> ProxyError { ProxyError(code: .badRequest, detail: detail) }
    static func headersTooLarge(_ detail: String) -> ProxyError { ProxyError(code: .headersTooLarge, detail: detail) }
    static func requestSmuggling(_ detail: String) -> ProxyError { ProxyError(code: .requestSmuggling, detail: detail) }
    static func unsupportedTarget(_ detail: String) -> ProxyError { ProxyError(code: .unsupportedTarget, detail: detail) }
    static func methodNotAllowed(_ detail: String) -> ProxyError { ProxyError(code: .methodNotAllowed, detail: detail) }

    /// The only place where a proxy failure becomes an HTTP status.
    /// Connect timeouts answer 504: the upstream did not answer in time, as nginx does.
    var responseStatus: HTTPResponseStatus {
        switch self.code {
        case .upstreamUnreachable, .upstreamProtocolError, .upstreamFailed: .badGateway
        case .upstreamConnectTimedOut, .upstreamTimedOut: .gatewayTimeout
        case .badRequest, .requestSmuggling, .unsupportedTarget: .badRequest
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    /// One short line for the client: what happened, never internals.
    var responseBody: String {
        switch self.code {
        case .upstreamUnreachable: "upstream connection refused\n"
        case .upstreamConnectTimedOut: "upstream connect timed out\n"
        case .upstreamTimedOut: "upstream timed out\n"
        case .upstreamProtocolError: "upstream connection failed\n"
        case .upstreamFailed: "upstream request failed\n"
        case .badRequest: "bad request: \(self.detail)\n"
        case .headersTooLarge: "request header fields too large\n"
        case .requestSmuggling: "bad request: \(self.detail)\n"
        case .unsupportedTarget: "bad request: \(self.detail)\n"
        case .methodNotAllowed: "method not allowed: \(self.detail)\n"
        }
    }

    /// The `error.type` attribute of the span.
    var errorType: String {
        switch self.code {
        case .upstreamUnreachable: "upstream_unreachable"
        case .upstreamConnectTimedOut: "upstream_connect_timeout"
        case .upstreamTimedOut: "upstream_timeout"
        case .upstreamProtocolError: "upstream_protocol_error"
        case .upstreamFailed: "upstream_failed"
        case .badRequest: "bad_request"
        case .headersTooLarge: "request_header_fields_too_large"
        case .requestSmuggling: "request_smuggling"
        case .unsupportedTarget: "unsupported_target"
        case .methodNotAllowed: "method_not_allowed"
        }
    }

    var description: String { "\(self.errorType): \(self.detail)" }
}

extension ProxyError {
    /// Maps an HTTP parser failure to the answer a client gets.
    init(parserError: HTTPParserError) {
        switch parserError {
        case .headerOverflow:
            self = .headersTooLarge("header section over the limit")
        case .unexpectedContentLength:
            self = .requestSmuggling("Content-Length together with Transfer-Encoding")
        case .invalidContentLength:
            self = .requestSmuggling("invalid or conflicting Content-Length")
        case .invalidMethod:
            self = .badRequest("invalid method")
        case .invalidURL:
            self = .badRequest("invalid request target")
        case .invalidVersion:
            self = .badRequest("invalid HTTP version")
        case .invalidHeaderToken, .invalidConstant, .lfExpected, .invalidCharactersUsed:
            self = .badRequest("malformed header")
        case .invalidChunkSize:
            self = .badRequest("invalid chunk size")
        default:
            self = .badRequest("malformed request")
        }
    }
}
