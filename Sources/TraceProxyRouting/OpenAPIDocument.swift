import TraceProxyJSON
/// The routes an OpenAPI document (3.x, as FastAPI serves at `/openapi.json`; Swagger 2.0 too)
/// declares: one `METHOD /path/{param}` pattern per operation under `paths`.
package struct OpenAPIDocument: Sendable {
    package struct ParseError: Error, Hashable, CustomStringConvertible {
        package enum Reason: Hashable, Sendable {
            case notJSON(offset: Int, detail: String)
            case notAnObject
            case notOpenAPI
            case missingPaths
            case pathsNotAnObject
        }

        package let reason: Reason

        package init(reason: Reason) { self.reason = reason }

        package var description: String {
            switch self.reason {
            case .notJSON(_, let detail): "OpenAPI document is not JSON: \(detail)"
            case .notAnObject: "OpenAPI document is not a JSON object"
            case .notOpenAPI: "JSON document has neither an \"openapi\" nor a \"swagger\" version"
            case .missingPaths: "OpenAPI document has no \"paths\""
            case .pathsNotAnObject: "OpenAPI document's \"paths\" is not an object"
            }
        }
    }

    /// A path the document declares that no `RoutePattern` can express (e.g. `/files/{name}.{ext}`).
    package struct SkippedPath: Hashable, Sendable, CustomStringConvertible {
        package let path: String
        package let error: RoutePattern.ParseError
        package var description: String { self.error.description }
    }

    /// OpenAPI 3 operation keys of a path item; anything else there (`parameters`, `summary`, `$ref`…)
    /// is not an operation.
    static let operations = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// In document order: paths as listed, operations as listed within a path.
    package let patterns: [RoutePattern]
    package let skipped: [SkippedPath]
    /// The prefix put before every path: `basePath`, then the document's own server path.
    package let prefix: String

    /// The patterns of `json`, paths that cannot be expressed left out.
    package static func parse(json: [UInt8], basePath: String = "") throws(ParseError) -> [RoutePattern] {
        try Self(json: json, basePath: basePath).patterns
    }

    /// Reads the document.
    /// - Parameters:
    ///   - basePath: the prefix under which the proxy sees the upstream's paths (e.g. `/api`), if any.
    ///   - useServerPath: also prefix the path of `servers[0].url` (OpenAPI 3) or `basePath` (Swagger 2):
    ///     FastAPI sets it from `root_path` when the app is mounted under a prefix.
    package init(json: [UInt8], basePath: String = "", useServerPath: Bool = true) throws(ParseError) {
        let document: JSONValue
        do {
            document = try JSONReader.parse(json)
        } catch {
            throw ParseError(reason: .notJSON(offset: error.offset, detail: error.description))
        }
        guard case .object = document else { throw ParseError(reason: .notAnObject) }
        guard document["openapi"]?.stringValue != nil || document["swagger"]?.stringValue != nil else {
            throw ParseError(reason: .notOpenAPI)
        }
        guard let paths = document["paths"] else { throw ParseError(reason: .missingPaths) }
        guard case .object(let items) = paths else { throw ParseError(reason: .pathsNotAnObject) }

        let serverPath = useServerPath ? Self.serverPath(of: document) : ""
        let prefix = Self.trimmedPrefix(basePath) + Self.trimmedPrefix(serverPath)
        var patterns: [RoutePattern] = []
        var skipped: [SkippedPath] = []
        for (path, item) in items {
            let full = prefix + path
            let methods: [String] =
                if case .object(let members) = item {
                    members.map(\.key).filter { Self.operations.contains($0) }
                } else {
                    []
                }
            do {
                if methods.isEmpty {
                    // A path item without operations (a `$ref` this reader does not follow) still names a route.
                    patterns.append(try RoutePattern(method: nil, path: full))
                } else {
                    for method in methods { patterns.append(try RoutePattern(method: method.uppercased(), path: full)) }
                }
            } catch {
                skipped.append(SkippedPath(path: full, error: error))
            }
        }
        self.patterns = patterns
        self.skipped = skipped
        self.prefix = prefix
    }

    /// The path part of the first server's URL (`https://api.example.com/v1` → `/v1`), or Swagger 2's `basePath`.
    static func serverPath(of document: JSONValue) -> String {
        if case .array(let servers) = document["servers"], let url = servers.first?["url"]?.stringValue {
            var rest = Substring(url)
            if let scheme = rest.firstRange(of: "://") {
                rest = rest[scheme.upperBound...]
                rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
            }
            return String(rest)
        }
        return document["basePath"]?.stringValue ?? ""
    }

    /// `/api/` → `/api`, `/` → ``, `api` → `/api`: ready to put before a path that starts with `/`.
    static func trimmedPrefix(_ prefix: String) -> String {
        var text = Substring(prefix)
        while text.last == "/" { text = text.dropLast() }
        guard !text.isEmpty else { return "" }
        return text.first == "/" ? String(text) : "/" + text
    }
}
