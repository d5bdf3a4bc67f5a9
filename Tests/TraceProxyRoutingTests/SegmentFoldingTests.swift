import Testing
import TraceProxyRouting

@Suite struct SegmentFoldingTests {
    static let segments: [(String, String?)] = [
        // Numbers, any length.
        ("0", "{id}"),
        ("8731", "{id}"),
        ("12345678901234567890123", "{id}"),
        // UUIDs, either case.
        ("123e4567-e89b-12d3-a456-426614174000", "{uuid}"),
        ("123E4567-E89B-12D3-A456-426614174000", "{uuid}"),
        ("123e4567-e89b-12d3-a456-42661417400", "{token}"),  // one digit short: not a UUID, still id-like
        ("123e4567e89b12d3a456426614174000", "{hex}"),  // a UUID without dashes is hex
        // Hex from 16 digits.
        ("deadbeefdeadbeef", "{hex}"),
        ("5f2b3c4d5e6f7a8b9c0d", "{hex}"),
        ("DEADBEEFCAFEBABE", "{hex}"),
        ("deadbeefdeadbee", nil),  // 15: could be a word
        ("feedface", nil),
        // Tokens: 20+ base64url characters mixing letters and digits.
        ("AbCdEfGh12345678IjKl", "{token}"),
        ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", "{token}"),
        ("dGhpcyBpcyBhIHRva2VuMTIzNA==", "{token}"),
        ("my-blog-post-title-2024", "{token}"),
        ("abcdefghijklmnopqrstuvwxyz", nil),  // letters only: a long word stays
        ("internationalization", nil),
        ("AbCdEfGh1234567", nil),  // too short
        ("abc=def1234567890abcdef", nil),  // `=` only pads the end
        ("abc.def.1234567890abcdef", nil),  // `.` is not base64url
        // Ordinary segments stay.
        ("items", nil),
        ("v1", nil),
        ("orders", nil),
        ("user-42", nil),
        ("", nil),
        ("report.pdf", nil),
    ]

    @Test(arguments: Self.segments)
    func placeholder(_ segment: String, _ expected: String?) {
        #expect(SegmentFolding.placeholder(for: segment[...]) == expected)
    }

    static let paths: [(String, String)] = [
        ("/", "/"),
        ("/items/8731", "/items/{id}"),
        ("/items/8731/", "/items/{id}/"),
        ("/users/42/orders/123e4567-e89b-12d3-a456-426614174000", "/users/{id}/orders/{uuid}"),
        ("/v1/blobs/deadbeefdeadbeefdeadbeef/raw", "/v1/blobs/{hex}/raw"),
        ("/reset/AbCdEfGh12345678IjKl", "/reset/{token}"),
        ("/static/app.js", "/static/app.js"),
        ("//double", "//double"),
    ]

    @Test(arguments: Self.paths)
    func fold(_ path: String, _ expected: String) {
        #expect(SegmentFolding.fold(path[...]) == expected)
    }
}
