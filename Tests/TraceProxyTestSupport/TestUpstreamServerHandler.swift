import NIOCore
import NIOHTTP1

/// Serves `TestUpstreamServer`'s routes on one connection, one request at a time.
final class TestUpstreamServerHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: TestUpstreamServerRecorder
    private let connectionNumber: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8]? = []
    private var bodyLength = 0
    private var bodyChecksum = TestUpstreamServer.checksum(of: [])

    init(recorder: TestUpstreamServerRecorder, connectionNumber: Int) {
        self.recorder = recorder
        self.connectionNumber = connectionNumber
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch Self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            self.body = []
            self.bodyLength = 0
            self.bodyChecksum = TestUpstreamServer.checksum(of: [])
            if head.uri.hasPrefix("/continue") {
                let interim = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(Self.wrapOutboundOut(.head(interim)), promise: nil)
            }
        case .body(let part):
            self.bodyLength += part.readableBytes
            part.withUnsafeReadableBytes { bytes in
                self.bodyChecksum = TestUpstreamServer.checksum(of: bytes, continuing: self.bodyChecksum)
                if var body = self.body, body.count + bytes.count <= TestUpstreamServer.recordedBodyLimit {
                    self.body = nil
                    body.append(contentsOf: bytes)
                    self.body = body
                } else {
                    self.body = nil
                }
            }
        case .end:
            guard let head = self.head else { return }
            self.head = nil
            let request = TestUpstreamServer.RecordedRequest(
                method: head.method.rawValue,
                uri: head.uri,
                headers: head.headers.map { ($0.name, $0.value) },
                body: self.body,
                bodyLength: self.bodyLength,
                bodyChecksum: self.bodyChecksum,
                connectionNumber: self.connectionNumber
            )
            self.recorder.record(request)
            self.respond(to: request, keepAlive: head.isKeepAlive, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(
        to request: TestUpstreamServer.RecordedRequest,
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        let path = request.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let argument = Int(path.split(separator: "/").last ?? "") ?? 0
        let bodyAllowed = request.method != "HEAD"
        if let route = self.recorder.routes.first(where: { path.hasPrefix($0.pathPrefix) }) {
            let response = route.respond(request)
            var headers = HTTPHeaders(response.headers)
            let hasLength = headers.contains(name: "Content-Length") || headers.contains(name: "Transfer-Encoding")
            if !hasLength { headers.add(name: "Content-Length", value: "\(response.body.count)") }
            let status = HTTPResponseStatus(statusCode: response.status)
            self.write(
                status,
                headers: headers,
                body: response.body,
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
            return
        }
        switch path {
        case _ where path.hasPrefix("/echo"):
            var headers = HTTPHeaders([("x-echo-method", request.method), ("x-echo-uri", request.uri)])
            for (name, value) in request.headers { headers.add(name: "x-echo-header", value: "\(name): \(value)") }
            self.send(
                .ok,
                headers: headers,
                body: request.body ?? [],
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        case _ where path.hasPrefix("/status/"):
            let status = HTTPResponseStatus(statusCode: argument)
            var headers = HTTPHeaders()
            if (300..<400).contains(argument) { headers.add(name: "Location", value: "/elsewhere") }
            let body = argument == 204 || argument == 304 ? nil : Array("status \(argument)\n".utf8)
            self.send(
                status,
                headers: headers,
                body: body,
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        case _ where path.hasPrefix("/bytes/"), _ where path.hasPrefix("/chunked/"):
            var headers = HTTPHeaders()
            if path.hasPrefix("/bytes/") { headers.add(name: "Content-Length", value: "\(argument)") }
            context.write(
                Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))),
                promise: nil
            )
            self.streamPattern(total: bodyAllowed ? argument : 0, offset: 0, keepAlive: keepAlive, context: context)
        case _ where path.hasPrefix("/slow/"):
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(argument))) {
                self.send(.ok, body: Array("ok".utf8), bodyAllowed: bodyAllowed, keepAlive: keepAlive, context: context)
            }
        case "/headers":
            let headers = HTTPHeaders([
                ("Set-Cookie", "a=1; Path=/"), ("X-Multi", "one"), ("Set-Cookie", "b=2; HttpOnly"),
                ("x-lower", "lower"), ("X-Multi", "two"), ("Set-Cookie", "c=3"), ("X-Empty", ""),
                ("Cache-Control", "no-store"),
            ])
            self.send(
                .ok,
                headers: headers,
                body: Array("headers".utf8),
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        case "/gzip":
            let headers = HTTPHeaders([("Content-Encoding", "gzip"), ("Content-Type", "text/plain")])
            self.send(
                .ok,
                headers: headers,
                body: TestUpstreamServer.gzipBody,
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        case "/reset-mid-body":
            let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "1000"])
            context.write(Self.wrapOutboundOut(.head(head)), promise: nil)
            let part = context.channel.allocator.buffer(bytes: TestUpstreamServer.pattern(offset: 0, count: 100))
            context.writeAndFlush(Self.wrapOutboundOut(.body(.byteBuffer(part)))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case "/continue":
            self.send(
                .ok,
                body: Array("continued".utf8),
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        case "/sink":
            self.send(
                .ok,
                body: Array("\(request.bodyLength)".utf8),
                bodyAllowed: bodyAllowed,
                keepAlive: keepAlive,
                context: context
            )
        default:
            self.send(.ok, body: Array("ok".utf8), bodyAllowed: bodyAllowed, keepAlive: keepAlive, context: context)
        }
    }

    /// A whole response with `Content-Length` (when there is a body).
    private func send(
        _ status: HTTPResponseStatus,
        headers: HTTPHeaders = [:],
        body: [UInt8]?,
        bodyAllowed: Bool,
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = headers
        if let body { headers.add(name: "Content-Length", value: "\(body.count)") }
        self.write(
            status,
            headers: headers,
            body: body,
            bodyAllowed: bodyAllowed,
            keepAlive: keepAlive,
            context: context
        )
    }

    /// A whole response with the headers as given.
    private func write(
        _ status: HTTPResponseStatus,
        headers: HTTPHeaders,
        body: [UInt8]?,
        bodyAllowed: Bool,
        keepAlive: Bool,
        context: ChannelHandlerContext
    ) {
        var headers = headers
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        context.write(
            Self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
            promise: nil
        )
        if let body, bodyAllowed, !body.isEmpty {
            context.write(
                Self.wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))),
                promise: nil
            )
        }
        self.end(keepAlive: keepAlive, context: context)
    }

    /// Writes pattern bytes while the channel is writable, then continues when the last write completes.
    private func streamPattern(total: Int, offset: Int, keepAlive: Bool, context: ChannelHandlerContext) {
        var offset = offset
        var lastWrite: EventLoopFuture<Void>?
        while offset < total && (lastWrite == nil || context.channel.isWritable) {
            let count = min(64 * 1024, total - offset)
            let start = offset % 251
            let part = TestUpstreamServer.patternPeriods.withUnsafeBytes { period in
                context.channel.allocator.buffer(
                    bytes: UnsafeRawBufferPointer(rebasing: period[start..<(start + count)])
                )
            }
            lastWrite = context.write(Self.wrapOutboundOut(.body(.byteBuffer(part))))
            offset += count
        }
        context.flush()
        if offset >= total {
            self.end(keepAlive: keepAlive, context: context)
            return
        }
        lastWrite?.assumeIsolated().whenSuccess {
            self.streamPattern(total: total, offset: offset, keepAlive: keepAlive, context: context)
        }
    }

    private func end(keepAlive: Bool, context: ChannelHandlerContext) {
        let written = context.writeAndFlush(Self.wrapOutboundOut(.end(nil)))
        if !keepAlive {
            written.assumeIsolated().whenComplete { _ in context.close(promise: nil) }
        }
    }
}
