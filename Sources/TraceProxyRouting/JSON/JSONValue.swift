/// A parsed JSON document, as `JSONReader` returns it. Numbers keep their text: the OpenAPI reader
/// never needs their value.
enum JSONValue: Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(String)
    case bool(Bool)
    case null

    /// The value of the first member named `key`, when this is an object.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first(where: { $0.key == key })?.value
    }

    var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }
}
