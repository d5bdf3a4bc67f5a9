import TraceProxyTracing

/// A span held by the store, with the labels it was aggregated under.
package struct StoredSpan: Sendable, Equatable {
    package var span: FinishedSpan
    package var route: RouteKey
    /// Nil when no response status was recorded.
    package var statusCode: Int?
    /// 5xx or span status error.
    package var isError: Bool
}
