/// Supplies the admin server with everything it does not own: configuration facts and exporter counters.
///
/// Implemented in the app, which knows the proxy and the exporters; called per admin request,
/// off the event loops, so it may take a lock but must not block on I/O.
package protocol StatusSource: Sendable {
    func status() -> AdminStatus
}
