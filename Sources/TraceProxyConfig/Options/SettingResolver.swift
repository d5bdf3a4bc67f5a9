/// Picks each setting's raw text (flag, else environment, else default), parses it, and keeps every problem.
///
/// An empty environment variable counts as unset, as the OpenTelemetry
/// specification asks; an empty flag value is given and is parsed (and usually rejected).
struct SettingResolver {
    /// Where a raw value came from: a flag (`--listen`), a variable name, or `default of --listen`.
    struct Raw {
        let source: String
        let text: String
    }

    private let environment: [String: String]
    private(set) var problems: [ConfigurationError] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The variable's text, or `nil` when it is unset or empty.
    func variable(_ key: EnvironmentKey) -> String? {
        guard let text = self.environment[key.rawValue], !text.isEmpty else { return nil }
        return text
    }

    /// The first of: the flag, the variable, `fallbacks` (e.g. values derived from other variables), the default.
    func raw(_ setting: Setting, flag: String?, fallbacks: [Raw] = []) -> Raw? {
        if let flag { return Raw(source: setting.flag, text: flag) }
        if let text = self.variable(setting.environmentKey) {
            return Raw(source: setting.environmentKey.rawValue, text: text)
        }
        if let fallback = fallbacks.first { return fallback }
        return setting.defaultValue.map { Raw(source: "default of \(setting.flag)", text: $0) }
    }

    /// Records that `raw` was rejected.
    mutating func reject(_ raw: Raw, _ failure: ParseFailure) {
        self.problems.append(.invalid(source: raw.source, value: raw.text, failure))
    }

    /// `raw` parsed, or `nil` after recording why not.
    mutating func parse<Value>(_ raw: Raw, _ parse: (String) throws(ParseFailure) -> Value) -> Value? {
        do {
            return try parse(raw.text)
        } catch {
            self.reject(raw, error)
            return nil
        }
    }

    /// The parsed value, or `nil` after recording why there is none.
    mutating func value<Value>(
        _ setting: Setting,
        flag: String?,
        fallbacks: [Raw] = [],
        parse: (String) throws(ParseFailure) -> Value
    ) -> Value? {
        guard let raw = self.raw(setting, flag: flag, fallbacks: fallbacks) else {
            self.problems.append(.missing(setting))
            return nil
        }
        return self.parse(raw, parse)
    }

    /// For a setting without default that may stay unset: `.some(nil)` when unset, `nil` after a problem.
    mutating func optionalValue<Value>(
        _ setting: Setting,
        flag: String?,
        parse: (String) throws(ParseFailure) -> Value
    ) -> Value?? {
        guard let raw = self.raw(setting, flag: flag) else { return .some(nil) }
        guard let value = self.parse(raw, parse) else { return nil }
        return .some(value)
    }

    /// An on/off flag: the flag itself cannot be malformed, the variable and default are parsed.
    mutating func value(_ setting: Setting, flag: Bool?) -> Bool? {
        if let flag { return flag }
        return self.value(setting, flag: nil, parse: BoolParser.parse)
    }

    /// A repeatable flag: every occurrence of the flag, else the variable's (or the default's)
    /// comma-separated items. Each item is parsed on its own and a bad one is quoted alone;
    /// duplicates are dropped. `nil` after recording a problem.
    mutating func listValue<Item: Equatable>(
        _ setting: Setting,
        flags: [String],
        parseItem: (String) throws(ParseFailure) -> Item
    ) -> [Item]? {
        let items: [Raw]
        if !flags.isEmpty {
            items = flags.map { Raw(source: setting.flag, text: $0) }
        } else if let list = self.raw(setting, flag: nil) {
            let parts = ListSplitter.split(list.text)
            guard !parts.contains(where: \.isEmpty) else {
                self.reject(list, ListSplitter.emptyItem)
                return nil
            }
            items = parts.map { Raw(source: list.source, text: $0) }
        } else {
            return []
        }
        var values: [Item] = []
        var failed = false
        for item in items {
            guard let value = self.parse(item, parseItem) else {
                failed = true
                continue
            }
            if !values.contains(value) { values.append(value) }
        }
        return failed ? nil : values
    }
}

/// Splits a comma-separated variable into items trimmed of spaces and tabs.
enum ListSplitter {
    static let emptyItem = ParseFailure("has an empty item (expected a comma-separated list)")

    static func split(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map(Self.trimmed)
    }

    static func trimmed(_ text: Substring) -> String {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = text.firstIndex(where: { !isBlank($0) }), let last = text.lastIndex(where: { !isBlank($0) })
        else { return "" }
        return String(text[first...last])
    }
}
