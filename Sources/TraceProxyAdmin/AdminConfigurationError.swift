/// Why an admin server configuration was refused at start-up.
package struct AdminConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: Equatable {
        case publicHostNotAllowed(String)
        case invalidPort(Int)
    }

    private let code: Code

    static func publicHostNotAllowed(_ host: String) -> Self { Self(code: .publicHostNotAllowed(host)) }
    static func invalidPort(_ port: Int) -> Self { Self(code: .invalidPort(port)) }

    package var description: String {
        switch self.code {
        case .publicHostNotAllowed(let host):
            "--admin host \(host) is not a loopback address; the admin endpoints expose traces and metrics, so add --admin-public to serve them on it."
        case .invalidPort(let port):
            "--admin port \(port) is out of range 0...65535."
        }
    }
}
