/// Parses a comma-separated exporter list such as `console`, or the keyword `none`.
///
/// | Input              | Result                         |
/// | ------------------ | ------------------------------ |
/// | `none`             | `[]`                           |
/// | `console`          | `[.console]`                   |
/// | ` console ,console`| `[.console]` (trimmed, deduplicated) |
/// | `none,console`     | error: `none` stands alone     |
/// | `otlp`, `console,` | error: unsupported / empty name |
enum ExporterListParser {
    static let noneKeyword = "none"

    /// What the error text lists as accepted.
    static var supportedNames: String {
        (ExporterName.allCases.map(\.rawValue) + [Self.noneKeyword]).joined(separator: ", ")
    }

    static func parse(_ text: String) throws(ParseFailure) -> [ExporterName] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(Self.trimmingSpaces)
        var exporters: [ExporterName] = []
        for name in names {
            if name.isEmpty {
                throw ParseFailure("has an empty exporter name (supported: \(Self.supportedNames))")
            }
            if name == Self.noneKeyword {
                guard names.count == 1 else {
                    throw ParseFailure("combines none with other exporters (none must stand alone)")
                }
                return []
            }
            guard let exporter = ExporterName(rawValue: name) else {
                throw ParseFailure(
                    "names an unsupported exporter \(String(reflecting: name)) (supported: \(Self.supportedNames))"
                )
            }
            if !exporters.contains(exporter) { exporters.append(exporter) }
        }
        return exporters
    }

    private static func trimmingSpaces(_ text: Substring) -> String {
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else {
            return ""
        }
        return String(text[first...last])
    }
}
