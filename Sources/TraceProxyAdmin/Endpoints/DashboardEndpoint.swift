/// `/`, `/dashboard.js` and `/dashboard.css`: the dashboard, embedded in the binary at build time.
enum DashboardEndpoint {
    // `no-cache` (revalidate) rather than `no-store`: a new binary may ship a new dashboard.
    private static let headers = [("Cache-Control", "no-cache"), ("X-Content-Type-Options", "nosniff")]

    static func index() -> AdminResponse {
        AdminResponse(status: 200, contentType: "text/html; charset=utf-8", headers: headers, body: PackageResources.index_html)
    }

    static func script() -> AdminResponse {
        AdminResponse(
            status: 200, contentType: "text/javascript; charset=utf-8", headers: headers, body: PackageResources.dashboard_js
        )
    }

    static func stylesheet() -> AdminResponse {
        AdminResponse(status: 200, contentType: "text/css; charset=utf-8", headers: headers, body: PackageResources.dashboard_css)
    }
}
