import CCurlShims

extension CURLcode {
    /// libcurl's fixed text for this code.
    var message: String {
        String(cString: curl_easy_strerror(self))
    }

    /// The failure as the rest of traceproxy sees it.
    ///
    /// | CURLcode | Kind |
    /// | --- | --- |
    /// | COULDNT_CONNECT | connectionRefused |
    /// | OPERATION_TIMEDOUT before a connection | connectTimeout |
    /// | OPERATION_TIMEDOUT once connected | responseTimeout |
    /// | COULDNT_RESOLVE_HOST | nameResolution |
    /// | RECV_ERROR, SEND_ERROR, GOT_NOTHING, PARTIAL_FILE, WEIRD_SERVER_REPLY | protocolError |
    /// | anything else | other |
    func upstreamError(errorBuffer: String, connected: Bool) -> UpstreamError {
        let kind: UpstreamError.Kind
        switch self {
        case CURLE_COULDNT_CONNECT: kind = .connectionRefused
        case CURLE_OPERATION_TIMEDOUT: kind = connected ? .responseTimeout : .connectTimeout
        case CURLE_COULDNT_RESOLVE_HOST: kind = .nameResolution
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY:
            kind = .protocolError
        default: kind = .other
        }
        let detail = errorBuffer.isEmpty ? self.message : "\(self.message): \(errorBuffer)"
        return UpstreamError(kind, detail: detail)
    }
}
