/// How much the proxy logs.
///
/// The raw values are swift-log's `Logger.Level` raw values, so the app maps
/// one onto the other with `Logger.Level(rawValue:)` without this module
/// importing Logging.
package enum LogLevel: String, CaseIterable, Sendable {
    case trace, debug, info, notice, warning, error, critical
}
