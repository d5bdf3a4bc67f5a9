/// Picks each setting's raw text (flag, else environment, else default), parses it, and keeps every problem.
///
/// An empty environment variable counts as unset, as the OpenTelemetry
/// specification asks; an empty flag value is given and is parsed (and usually rejected).
struct SettingResolver {
    private let environment: [String: String]
    private(set) var problems: [ConfigurationError] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    /// The parsed value, or `nil` after recording why there is none.
    mutating func value<Value>(
        _ setting: Setting,
        flag: String?,
        parse: (String) throws(ParseFailure) -> Value
    ) -> Value? {
        let source: String
        let text: String
        if let flag {
            (source, text) = (setting.flag, flag)
        } else if let variable = self.environment[setting.environmentKey.rawValue], !variable.isEmpty {
            (source, text) = (setting.environmentKey.rawValue, variable)
        } else if let defaultValue = setting.defaultValue {
            (source, text) = ("default of \(setting.flag)", defaultValue)
        } else {
            self.problems.append(.missing(setting))
            return nil
        }
        do {
            return try parse(text)
        } catch {
            self.problems.append(.invalid(source: source, value: text, error))
            return nil
        }
    }

    /// An on/off flag: the flag itself cannot be malformed, the variable and default are parsed.
    mutating func value(_ setting: Setting, flag: Bool?) -> Bool? {
        if let flag { return flag }
        return self.value(setting, flag: nil, parse: BoolParser.parse)
    }
}
