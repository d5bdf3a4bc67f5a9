/// What `--store-spans auto` means.
///
/// Without an exporter (or with only the console one) the embedded store is where traces live, so it keeps 10 000 spans (about 9 MB). With an
/// exporter to a backend, the backend holds them and the dashboard only needs recent ones: 1 000 spans keep a sidecar's
/// memory about 8 MB smaller. The dashboard's RED charts and percentiles come from per-route aggregates, not
/// from the ring, so they are the same either way.
package enum StoreSize {
    package static let withoutExporter = 10_000
    package static let withExporter = 1_000

    package static func automatic(exporting: Bool) -> Int {
        exporting ? Self.withExporter : Self.withoutExporter
    }
}
