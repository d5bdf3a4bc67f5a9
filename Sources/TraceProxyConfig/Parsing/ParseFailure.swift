/// Why one raw value was rejected: the text that follows the quoted value in an error line.
///
/// Parsers know neither the flag nor the variable; `ConfigurationError` adds
/// whichever of the two supplied the value.
struct ParseFailure: Error, Equatable {
    /// For example `is not a duration (expected e.g. 250ms, 5s, 2m)`.
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
