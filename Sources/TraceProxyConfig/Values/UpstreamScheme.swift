/// How the proxy talks to its upstream.
package enum UpstreamScheme: String, CaseIterable, Sendable {
    case http, https

    /// The port used when the URL names none.
    package var defaultPort: Int {
        switch self {
        case .http: 80
        case .https: 443
        }
    }
}
