/// Why the command line and environment do not make a valid configuration.
///
/// Holds every problem found, in the order the options are listed in `--help`.
/// `description` is one line: the problems joined by `"; "`. Each problem names
/// the flag or the variable that supplied the bad value, quotes the value
/// (escaped, so a newline cannot split the line) and says what was expected:
///
///     --connect-timeout: "5x" is not a duration (expected e.g. 250ms, 5s, 2m)
///     TRACEPROXY_LISTEN: "abc" is not HOST:PORT (expected e.g. 127.0.0.1:7800, :7800 or [::1]:7800)
///     --upstream is required (or set TRACEPROXY_UPSTREAM)
package struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case missing(flag: String, environmentKey: String)
        case invalid(source: String, value: String, reason: String)
    }

    /// The process exit status for a configuration problem (a usage error, as ArgumentParser's own).
    package static let exitCode: Int32 = 2

    private let codes: [Code]

    private init(codes: [Code]) {
        self.codes = codes
    }

    /// A required setting was given neither as a flag nor in the environment.
    static func missing(_ setting: Setting) -> Self {
        Self(codes: [.missing(flag: setting.flag, environmentKey: setting.environmentKey.rawValue)])
    }

    /// `value`, supplied by `source` (a flag such as `--listen` or a variable name), was rejected.
    static func invalid(source: String, value: String, _ failure: ParseFailure) -> Self {
        Self(codes: [.invalid(source: source, value: value, reason: failure.reason)])
    }

    /// All problems of `errors`, in order.
    init(combining errors: [ConfigurationError]) {
        self.codes = errors.flatMap(\.codes)
    }

    /// One line per problem, in option order.
    package var messages: [String] {
        self.codes.map { code in
            switch code {
            case .missing(let flag, let environmentKey):
                "\(flag) is required (or set \(environmentKey))"
            case .invalid(let source, let value, let reason):
                "\(source): \(String(reflecting: value)) \(reason)"
            }
        }
    }

    package var description: String {
        self.messages.joined(separator: "; ")
    }
}
