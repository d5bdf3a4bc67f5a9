/// Phase timings of one upstream exchange, from libcurl, in microseconds since the transfer started.
/// A phase that did not happen (a reused connection has no connect) is 0.
package struct UpstreamTimings: Sendable, Equatable {
    package var nameLookupMicroseconds: Int64 = 0
    package var connectMicroseconds: Int64 = 0
    package var tlsMicroseconds: Int64 = 0
    /// When the first response byte arrived.
    package var firstByteMicroseconds: Int64 = 0
    package var totalMicroseconds: Int64 = 0
    /// True when the transfer reused a kept-alive connection.
    package var connectionReused: Bool = false
    /// The upstream's IP address as connected (empty if no connection was made).
    package var peerAddress: String = ""
    package var peerPort: Int = 0

    package init() {}
}
