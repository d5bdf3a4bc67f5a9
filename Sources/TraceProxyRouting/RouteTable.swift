import Synchronization
import TraceProxyTracing

/// The proxy's route matcher. Sources are consulted in order and the first that matches wins:
/// explicit patterns (`--route`), then patterns discovered from the upstream's OpenAPI document,
/// then the heuristic fallback (when enabled). Within a source the most specific pattern wins.
///
/// Explicit patterns are fixed at build time; the OpenAPI part is swapped whole by `update(openAPI:)`
/// (discovery finishes after the proxy starts serving): readers take a reference to the current trie
/// under a lock held for one retain, then match without it.
package final class RouteTable: RouteMatcher {
    private let explicit: RouteTrie
    private let openAPI: Mutex<RouteTrie>
    private let heuristic: HeuristicRoutes?

    /// - Parameters:
    ///   - explicit: patterns that win over everything else, in declaration order.
    ///   - openAPI: discovered patterns, if already known.
    ///   - heuristic: the fallback for paths no pattern matches; nil leaves them without a route.
    package init(
        explicit: [RoutePattern] = [], openAPI: [RoutePattern] = [], heuristic: HeuristicRoutes? = HeuristicRoutes()
    ) {
        self.explicit = RouteTrie(explicit)
        self.openAPI = Mutex(RouteTrie(openAPI))
        self.heuristic = heuristic
    }

    /// Replaces the discovered patterns; lookups in flight finish against the previous set.
    package func update(openAPI patterns: [RoutePattern]) {
        let trie = RouteTrie(patterns)  // built outside the lock: readers never wait for it
        self.openAPI.withLock { $0 = trie }
    }

    /// How many explicit and discovered patterns the table holds.
    package var patternCount: (explicit: Int, openAPI: Int) {
        (self.explicit.count, self.openAPI.withLock { $0 }.count)
    }

    package func route(method: String, path: Substring) -> String? {
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }  // `*` or absolute-form: no route
        if self.explicit.count > 0, let template = self.explicit.match(method: method, path: path) {
            return template
        }
        let discovered = self.openAPI.withLock { $0 }
        if discovered.count > 0, let template = discovered.match(method: method, path: path) {
            return template
        }
        return self.heuristic?.route(path: path)
    }
}
