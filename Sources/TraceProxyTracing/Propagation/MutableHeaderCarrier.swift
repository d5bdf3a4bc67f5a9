/// Read and write access to a request's header lines, so propagators can inject.
package protocol MutableHeaderCarrier: HeaderCarrier {
    /// Replaces every line named `lowercasedName` (compared case-insensitively) by one line with
    /// `value`; a nil `value` removes them all.
    mutating func setValue(_ value: String?, forName lowercasedName: String)
}
