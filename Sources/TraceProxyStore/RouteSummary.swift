/// One route's figures over a window, for the route table.
package struct RouteSummary: Sendable, Equatable {
    package var key: RouteKey
    package var figures: WindowSummary.Figures

    /// `METHOD route`.
    package var displayName: String { self.key.displayName }
}
