import CCurlShims

extension CurlTransfer {
    /// Sets every option for this request on a freshly reset handle.
    ///
    /// libcurl must not alter the exchange: no decoding, no redirects, no proxy, no headers of its own
    /// beyond `Host` (when the request has none) and the body framing (when the request has none).
    func applyOptions(to easy: CurlEasyHandle, configuration: CurlUpstreamClient.Configuration) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        easy.set(CURLOPT_URL, self.request.url)
        easy.set(CURLOPT_PATH_AS_IS, true)
        easy.set(CURLOPT_NOSIGNAL, true)
        easy.set(CURLOPT_TCP_NODELAY, true)
        switch self.request.httpVersion {
        case .http1_1:
            easy.set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_1_1))
        case .http2:
            let tls = self.request.url.utf8.starts(with: "https:".utf8)
            easy.set(CURLOPT_HTTP_VERSION, Int(tls ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE))
            // libcurl 7.88 fails a second upload stream on a reused HTTP/2 connection ("Error in the HTTP2
            // framing layer"), so each HTTP/2 exchange gets a connection of its own.
            easy.set(CURLOPT_FRESH_CONNECT, true)
            easy.set(CURLOPT_FORBID_REUSE, true)
        }
        easy.set(CURLOPT_HTTP_CONTENT_DECODING, false)
        easy.set(CURLOPT_HTTP_TRANSFER_DECODING, true)
        easy.set(CURLOPT_FOLLOWLOCATION, false)
        // An empty proxy and a catch-all no-proxy keep *_proxy environment variables from applying.
        easy.set(CURLOPT_PROXY, "")
        easy.set(CURLOPT_NOPROXY, "*")
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.curlMilliseconds)

        easy.set(CURLOPT_HEADERDATA, pointer: me)
        easy.setHeaderCallback(CurlCallbacks.header)
        easy.set(CURLOPT_WRITEDATA, pointer: me)
        easy.setWriteCallback(CurlCallbacks.write)

        switch self.request.body {
        case .none:
            if self.request.method == "HEAD" {
                easy.set(CURLOPT_NOBODY, true)
            } else {
                easy.set(CURLOPT_HTTPGET, true)
            }
        case .length(let length):
            easy.set(CURLOPT_UPLOAD, true)
            easy.set(CURLOPT_INFILESIZE_LARGE, offset: length)
        case .chunked:
            easy.set(CURLOPT_UPLOAD, true)
        }
        if self.request.body != .none {
            easy.set(CURLOPT_READDATA, pointer: me)
            easy.setReadCallback(CurlCallbacks.read)
        }
        // The method token goes out verbatim, whatever NOBODY, HTTPGET or UPLOAD chose as the default.
        easy.set(CURLOPT_CUSTOMREQUEST, self.request.method)

        let headers = CurlHeaderList()
        var hasAccept = false
        var hasExpect = false
        for (name, value) in self.request.headers {
            headers.append(name: name, value: value)
            if !hasAccept && name.utf8.count == 6 && name.lowercased() == "accept" { hasAccept = true }
            if !hasExpect && name.utf8.count == 6 && name.lowercased() == "expect" { hasExpect = true }
        }
        // "Name:" with no value removes a header curl would otherwise add.
        if !hasAccept { headers.append(line: "Accept:") }
        if !hasExpect { headers.append(line: "Expect:") }
        easy.setHeaders(headers)
        self.curlHeaders = headers
    }
}
