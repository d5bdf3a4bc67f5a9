import Synchronization

/// The heuristic fallback with its cardinality bound: at most `limit` distinct folded routes, after
/// which new shapes share `overflowRoute`, so a scanner cannot flood span names and metric labels.
package final class HeuristicRoutes: Sendable {
    /// The bucket for shapes beyond the bound.
    package static let overflowRoute = "/{unmatched}"

    package let limit: Int
    private let seen: Mutex<Set<String>>

    package init(limit: Int = 500) {
        precondition(limit >= 0, "a negative route limit")
        self.limit = limit
        self.seen = Mutex([])
    }

    /// The distinct folded routes handed out so far.
    package var count: Int { self.seen.withLock { $0.count } }

    /// The folded route for `path` (starting with `/`), or the overflow bucket once the bound is reached.
    package func route(path: Substring) -> String {
        let folded = SegmentFolding.fold(path)
        // The critical section is one hash lookup (and at most one insert): no allocation while locked
        // except the set growing, which stops at `limit`.
        let known = self.seen.withLock { seen -> Bool in
            if seen.contains(folded) { return true }
            guard seen.count < self.limit else { return false }
            seen.insert(folded)
            return true
        }
        return known ? folded : Self.overflowRoute
    }
}
