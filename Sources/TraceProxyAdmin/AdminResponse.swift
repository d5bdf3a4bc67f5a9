/// A complete admin response: status, content type, extra headers and body.
package struct AdminResponse: Sendable {
    package var status: Int
    package var contentType: String
    package var headers: [(String, String)]
    package var body: [UInt8]

    package init(status: Int, contentType: String, headers: [(String, String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    package static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Self {
        Self(status: status, contentType: "text/plain; charset=utf-8", headers: headers, body: Array(text.utf8))
    }

    /// JSON is never cached: the dashboard polls it.
    package static func json(_ status: Int, _ writer: JSONWriter) -> Self {
        Self(
            status: status,
            contentType: "application/json",
            headers: [("Cache-Control", "no-store")],
            body: Array(writer.output.utf8)
        )
    }

    package static func jsonError(_ status: Int, _ message: String) -> Self {
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("error", message)
        writer.endObject()
        return .json(status, writer)
    }
}
