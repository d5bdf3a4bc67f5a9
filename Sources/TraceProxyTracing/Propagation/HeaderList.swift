/// Header lines in order, repeated names kept: the shape of `UpstreamRequest.headers`.
package struct HeaderList: MutableHeaderCarrier, Sendable {
    package var fields: [(name: String, value: String)]

    package init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    package func values(forName lowercasedName: String) -> [String] {
        var result: [String] = []
        for field in self.fields where Self.namesMatch(field.name, lowercasedName) {
            result.append(field.value)
        }
        return result
    }

    /// Keeps the first matching line in place (so header order stays stable) and drops the others.
    package mutating func setValue(_ value: String?, forName lowercasedName: String) {
        var kept = false
        var index = 0
        while index < self.fields.count {
            if Self.namesMatch(self.fields[index].name, lowercasedName) {
                if let value, !kept {
                    self.fields[index].value = value
                    kept = true
                    index += 1
                } else {
                    self.fields.remove(at: index)
                }
            } else {
                index += 1
            }
        }
        if let value, !kept {
            self.fields.append((name: lowercasedName, value: value))
        }
    }

    @inline(__always)
    private static func namesMatch(_ name: String, _ lowercasedName: String) -> Bool {
        name.equalsIgnoringASCIICase(lowercasedName)
    }
}
