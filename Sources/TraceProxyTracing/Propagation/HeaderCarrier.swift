/// Read access to a request's header lines, as the propagators need it.
///
/// The proxy adapts NIO's `HTTPHeaders` to this; tests use `HeaderList`.
package protocol HeaderCarrier {
    /// Every value of the header named `lowercasedName`, compared case-insensitively, in order.
    /// Repeated lines yield several values; an absent header yields an empty array.
    func values(forName lowercasedName: String) -> [String]
}

extension HeaderCarrier {
    /// The first value of the header, or nil when absent.
    package func firstValue(forName lowercasedName: String) -> String? {
        self.values(forName: lowercasedName).first
    }
}
