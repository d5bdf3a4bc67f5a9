/// Fetches the upstream's OpenAPI document and installs its routes in a `RouteTable`.
///
/// The proxy may start before the upstream, so connection failures and 5xx answers are retried until
/// `timeout`; an answer that will not change by waiting (404, 401, a document that does not parse)
/// ends discovery at once. Nothing is logged here: the outcome says what happened, and the app logs it.
package struct OpenAPIDiscovery: Sendable {
    /// GETs a path on the upstream; the app wires it to its HTTP client.
    package typealias Fetch = @Sendable (_ path: String) async throws -> (status: Int, body: [UInt8])

    package enum Outcome: Sendable, CustomStringConvertible {
        /// The routes were installed.
        case installed(routes: Int, skipped: [OpenAPIDocument.SkippedPath], attempts: Int)
        /// The upstream answered with a status that waiting will not change.
        case unavailable(status: Int, attempts: Int)
        /// The upstream's answer is not a usable OpenAPI document.
        case invalid(OpenAPIDocument.ParseError, attempts: Int)
        /// No answer within the time allowed; `lastError` is the last attempt's failure.
        case timedOut(lastError: String, attempts: Int)
        /// The task running discovery was cancelled.
        case cancelled(attempts: Int)

        package var description: String {
            switch self {
            case .installed(let routes, let skipped, let attempts):
                "installed \(routes) OpenAPI routes after \(attempts) attempt(s)"
                    + (skipped.isEmpty ? "" : "; skipped: " + skipped.map(\.description).joined(separator: "; "))
            case .unavailable(let status, let attempts): "OpenAPI document answered \(status) (attempt \(attempts))"
            case .invalid(let error, let attempts): "\(error) (attempt \(attempts))"
            case .timedOut(let lastError, let attempts):
                "no OpenAPI document after \(attempts) attempt(s): \(lastError)"
            case .cancelled(let attempts): "OpenAPI discovery cancelled after \(attempts) attempt(s)"
            }
        }
    }

    package var path: String
    package var basePath: String
    package var useServerPath: Bool
    /// How long to keep retrying while the upstream is not up yet.
    package var timeout: Duration
    /// The pause between attempts.
    package var retryInterval: Duration

    package init(
        path: String = "/openapi.json",
        basePath: String = "",
        useServerPath: Bool = true,
        timeout: Duration = .seconds(60),
        retryInterval: Duration = .milliseconds(500)
    ) {
        self.path = path
        self.basePath = basePath
        self.useServerPath = useServerPath
        self.timeout = timeout
        self.retryInterval = retryInterval
    }

    /// Fetches the document (retrying while the upstream is not up) and, when it parses, installs its
    /// routes in `table`. The table is left as it was otherwise.
    package func run(fetch: Fetch, into table: RouteTable) async -> Outcome {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: self.timeout)
        var attempts = 0
        var lastError = "not attempted"
        while true {
            if Task.isCancelled { return .cancelled(attempts: attempts) }
            attempts += 1
            do {
                let (status, body) = try await fetch(self.path)
                switch status {
                case 200..<300:
                    do {
                        let document = try OpenAPIDocument(
                            json: body,
                            basePath: self.basePath,
                            useServerPath: self.useServerPath
                        )
                        table.update(openAPI: document.patterns)
                        return .installed(
                            routes: document.patterns.count, skipped: document.skipped, attempts: attempts)
                    } catch {
                        return .invalid(error, attempts: attempts)
                    }
                case 500..<600, 408, 429:
                    // Starting (a gateway's 502/503) or overloaded: worth another try.
                    lastError = "status \(status)"
                default:
                    return .unavailable(status: status, attempts: attempts)
                }
            } catch is CancellationError {
                return .cancelled(attempts: attempts)
            } catch {
                lastError = String(describing: error)
            }
            guard clock.now.advanced(by: self.retryInterval) < deadline else {
                return .timedOut(lastError: lastError, attempts: attempts)
            }
            do {
                try await Task.sleep(for: self.retryInterval, clock: clock)
            } catch {
                return .cancelled(attempts: attempts)
            }
        }
    }
}
