/// A failure before the proxy could serve: the operator gets one line saying what and where.
package struct StartupError: Error, CustomStringConvertible {
    package var description: String

    package init(_ description: String) {
        self.description = description
    }
}
