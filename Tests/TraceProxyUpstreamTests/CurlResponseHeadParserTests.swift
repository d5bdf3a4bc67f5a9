import Testing

@testable import TraceProxyUpstream

/// The header lines libcurl hands over become one final head: interim heads dropped, values trimmed,
/// obs-fold joined, trailers kept apart.
@Suite struct CurlResponseHeadParserTests {
    /// Feeds `lines` (CRLF added) and returns every head the parser completed.
    private func feed(_ lines: [String], into parser: inout CurlResponseHeadParser) -> [UpstreamResponseHead] {
        var heads: [UpstreamResponseHead] = []
        for line in lines {
            var bytes = Array((line + "\r\n").utf8)
            let head = bytes.withUnsafeMutableBytes { parser.parse(line: UnsafeRawBufferPointer($0)) }
            if let head { heads.append(head) }
        }
        return heads
    }

    @Test func finalHeadAfterInterimOnes() {
        var parser = CurlResponseHeadParser()
        let heads = feed(
            [
                "HTTP/1.1 100 Continue", "",
                "HTTP/1.1 103 Early Hints", "Link: </a.css>; rel=preload", "",
                "HTTP/1.1 404 Not Found Here", "Content-Type:  text/plain \t", "X-Empty:", "Set-Cookie: a=1",
                "Set-Cookie: b=2", "",
            ],
            into: &parser
        )
        #expect(heads.count == 1)
        let head = heads[0]
        #expect(head.status == 404)
        #expect(head.reason == "Not Found Here")
        #expect(head.version == (1, 1))
        #expect(head.headers.map(\.name) == ["Content-Type", "X-Empty", "Set-Cookie", "Set-Cookie"])
        #expect(head.headers.map(\.value) == ["text/plain", "", "a=1", "b=2"])
        #expect(parser.isComplete)
    }

    @Test func statusLineWithoutReasonOrMinorVersion() {
        var parser = CurlResponseHeadParser()
        let heads = feed(["HTTP/2 204", "server: x", ""], into: &parser)
        #expect(heads.first?.status == 204)
        #expect(heads.first?.reason == "")
        #expect(heads.first.map { $0.version == (2, 0) } == true)
    }

    @Test func obsFoldJoinsThePreviousValue() {
        var parser = CurlResponseHeadParser()
        let heads = feed(["HTTP/1.0 200 OK", "X-Long: one", "\t two  ", ""], into: &parser)
        #expect(heads.first?.headers.map(\.value) == ["one two"])
        #expect(heads.first.map { $0.version == (1, 0) } == true)
    }

    @Test func fieldsAfterTheHeadAreTrailers() {
        var parser = CurlResponseHeadParser()
        _ = feed(["HTTP/1.1 200 OK", "Trailer: grpc-status", "", "grpc-status: 0", "grpc-message:  ok ", ""], into: &parser)
        #expect(parser.trailers.map(\.name) == ["grpc-status", "grpc-message"])
        #expect(parser.trailers.map(\.value) == ["0", "ok"])
    }

    @Test func nonASCIIValuesSurviveByteForByte() {
        var parser = CurlResponseHeadParser()
        let heads = feed(["HTTP/1.1 200 OK", "X-Name: Grüße", "No colon here", ""], into: &parser)
        #expect(heads.first?.headers.count == 1)
        #expect(heads.first?.headers.first?.value == "Grüße")
    }

    @Test func fieldsThatCouldSplitTheResponseAreDropped() {
        var parser = CurlResponseHeadParser()
        let heads = feed(
            [
                "HTTP/1.1 200 O\rK", "X-Good: 1", "X-Cr: a\rSet-Cookie: evil=1", "X-Nul: a\u{0}b", "Bad Name: x",
                "X(y): z", ": empty name", "X-Fold: start", " \rcontinued", "X-Last: 2", "",
            ],
            into: &parser
        )
        let head = heads.first
        #expect(head?.reason == "")
        #expect(head?.headers.map(\.name) == ["X-Good", "X-Fold", "X-Last"])
        #expect(head?.headers.map(\.value) == ["1", "start", "2"])
    }
}
