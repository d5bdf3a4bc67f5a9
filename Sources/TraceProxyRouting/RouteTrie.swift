/// An immutable segment trie over route patterns: lookups walk the path once, without regex or
/// allocation, and visit each trie node at most once (a node sits at one depth), so the cost is
/// bounded by the path's segments times the branching that parameters add.
final class RouteTrie: Sendable {
    /// What a pattern ending at a node answers with.
    struct Endpoint: Sendable {
        let method: String?
        let template: String
        /// Specificity keys: more literal segments, then fewer parameters, then declaration order.
        let literalCount: Int
        let parameterCount: Int
        let order: Int
    }

    final class Node: Sendable {
        let literals: [Substring: Node]
        let parameter: Node?
        /// Patterns ending here.
        let endpoints: [Endpoint]
        /// Patterns whose `{name:path}` segment starts here: they match whatever remains.
        let rest: [Endpoint]

        init(literals: [Substring: Node], parameter: Node?, endpoints: [Endpoint], rest: [Endpoint]) {
            self.literals = literals
            self.parameter = parameter
            self.endpoints = endpoints
            self.rest = rest
        }
    }

    /// Mutable while building; frozen into `Node`s so the shared trie holds no `var`.
    private final class Builder {
        var literals: [Substring: Builder] = [:]
        var parameter: Builder?
        var endpoints: [Endpoint] = []
        var rest: [Endpoint] = []

        func freeze() -> Node {
            Node(
                literals: self.literals.mapValues { $0.freeze() },
                parameter: self.parameter?.freeze(),
                endpoints: self.endpoints,
                rest: self.rest
            )
        }
    }

    let root: Node
    let count: Int

    init(_ patterns: [RoutePattern]) {
        let root = Builder()
        for (order, pattern) in patterns.enumerated() {
            var node = root
            let endpoint = Endpoint(
                method: pattern.method,
                template: pattern.template,
                literalCount: pattern.literalCount,
                parameterCount: pattern.parameterCount,
                order: order
            )
            var isRest = false
            for segment in pattern.segments {
                switch segment {
                case .literal(let text):
                    let key = Substring(text)
                    if let child = node.literals[key] {
                        node = child
                    } else {
                        let child = Builder()
                        node.literals[key] = child
                        node = child
                    }
                case .parameter:
                    if let child = node.parameter {
                        node = child
                    } else {
                        let child = Builder()
                        node.parameter = child
                        node = child
                    }
                case .rest:
                    node.rest.append(endpoint)
                    isRest = true
                }
            }
            if !isRest { node.endpoints.append(endpoint) }
        }
        self.root = root.freeze()
        self.count = patterns.count
    }

    /// The best match's template; one whose method differs still counts, below any that fits the
    /// method, as Starlette answers such a request from that route (with a 405).
    func match(method: String, path: Substring) -> String? {
        guard path.utf8.first == UInt8(ascii: "/") else { return nil }
        var best: Candidate?
        Self.walk(self.root, path: path, from: path.utf8.index(after: path.startIndex), method: method, best: &best)
        return best?.endpoint.template
    }

    private struct Candidate {
        let endpoint: Endpoint
        let methodFits: Bool

        func beats(_ other: Candidate) -> Bool {
            if self.methodFits != other.methodFits { return self.methodFits }
            if self.endpoint.literalCount != other.endpoint.literalCount {
                return self.endpoint.literalCount > other.endpoint.literalCount
            }
            if self.endpoint.parameterCount != other.endpoint.parameterCount {
                return self.endpoint.parameterCount < other.endpoint.parameterCount
            }
            return self.endpoint.order < other.endpoint.order
        }
    }

    private static func consider(_ endpoints: [Endpoint], method: String, best: inout Candidate?) {
        for endpoint in endpoints {
            let candidate = Candidate(endpoint: endpoint, methodFits: endpoint.method.map { $0 == method } ?? true)
            if best.map({ candidate.beats($0) }) ?? true { best = candidate }
        }
    }

    /// `start` is the first byte of the next segment; the path always has one more segment after a `/`.
    private static func walk(
        _ node: Node,
        path: Substring,
        from start: Substring.Index,
        method: String,
        best: inout Candidate?
    ) {
        if !node.rest.isEmpty { Self.consider(node.rest, method: method, best: &best) }
        let utf8 = path.utf8
        let end = utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? utf8.endIndex
        let segment = path[start..<end]
        let isLast = end == utf8.endIndex
        if let child = node.literals[segment] {
            if isLast {
                // A rest pattern below `child` is not considered: it needs one more segment, even an empty one.
                Self.consider(child.endpoints, method: method, best: &best)
            } else {
                Self.walk(child, path: path, from: utf8.index(after: end), method: method, best: &best)
            }
        }
        if let child = node.parameter, !segment.isEmpty {
            if isLast {
                Self.consider(child.endpoints, method: method, best: &best)
            } else {
                Self.walk(child, path: path, from: utf8.index(after: end), method: method, best: &best)
            }
        }
    }
}
