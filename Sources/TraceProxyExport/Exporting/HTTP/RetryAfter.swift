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

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), or of the obsolete RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms recipients must accept.
    static func httpDate(_ text: String) -> Int64? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" }).map(String.init)
        // IMF and RFC 850: weekday, day, month, year, time, GMT. asctime: weekday, month, day, time, year.
        let day: Int?, month: Int?, year: Int?, time: String
        if parts.count == 6, parts[5] == "GMT" {
            (day, month, year, time) = (Int(parts[1]), Self.month(parts[2]), Int(parts[3]), parts[4])
        } else if parts.count == 5 {
            (day, month, year, time) = (Int(parts[2]), Self.month(parts[1]), Int(parts[4]), parts[3])
        } else {
            return nil
        }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard let day, let month, var year, clock.count == 3, (1...31).contains(day), clock[0] < 24, clock[1] < 60,
            clock[2] < 61
        else { return nil }
        // RFC 9110: a two-digit year more than 50 years in the future is the past century's.
        if year < 100 { year += year < 70 ? 2000 : 1900 }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return days * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
    }

    private static func month(_ name: String) -> Int? {
        Self.months.firstIndex(of: name.lowercased()).map { $0 + 1 }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
