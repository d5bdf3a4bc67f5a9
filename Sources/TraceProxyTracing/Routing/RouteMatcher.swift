/// Maps a request to its route template (`/items/{item_id}`), so span names and metric labels
/// never carry raw paths. Called once per request on an event loop: cheap, no I/O.
package protocol RouteMatcher: Sendable {
    /// The template for `path` (no query), or nil when no route is known.
    func route(method: String, path: Substring) -> String?
}

/// Knows no routes: spans are named by their method alone.
package struct NoRouteMatcher: RouteMatcher {
    package init() {}
    package func route(method: String, path: Substring) -> String? { nil }
}
