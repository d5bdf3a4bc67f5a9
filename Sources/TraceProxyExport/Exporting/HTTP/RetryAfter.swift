#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Reads a `Retry-After` value (RFC 9110 §10.2.3): a number of seconds, or an HTTP date.
package enum RetryAfter {
    /// Seconds to wait, never negative; nil when `value` is neither form.
    /// - Parameter nowUnixSeconds: the wall clock, injected so tests need not sleep.
    package static func seconds(_ value: String, nowUnixSeconds: Int64) -> Double? {
        let text = value.trimmingSpaces
        if let seconds = Double(text), seconds.isFinite { return max(0, seconds) }
        guard let date = Self.httpDate(text) else { return nil }
        return Double(max(0, date - nowUnixSeconds))
    }

    /// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) or the obsolete RFC 850 and
    /// asctime forms, which HTTP recipients must still accept.
    static func httpDate(_ text: String) -> Int64? {
        for format in ["%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"] {
            var fields = tm()
            let parsed = text.withCString { pointer -> Bool in
                guard let end = strptime(pointer, format, &fields) else { return false }
                return end.pointee == 0
            }
            if parsed { return Int64(timegm(&fields)) }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
