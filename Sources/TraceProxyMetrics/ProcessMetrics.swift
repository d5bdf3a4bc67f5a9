#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the standard `process_*` figures of this process from /proc and getrusage.
///
/// Names follow the Prometheus client conventions
/// (https://prometheus.io/docs/instrumenting/writing_clientlibs/#process-metrics).
/// Each read costs a few syscalls, so it happens per scrape, never per request.
package struct ProcessMetrics: Sendable {
    /// One reading; a field is nil where the platform does not expose it.
    package struct Sample: Sendable, Equatable {
        package var residentMemoryBytes: Int?
        package var cpuSeconds: Double?
        package var openFileDescriptors: Int?
        package var startTimeUnixSeconds: Double?

        package init(
            residentMemoryBytes: Int? = nil,
            cpuSeconds: Double? = nil,
            openFileDescriptors: Int? = nil,
            startTimeUnixSeconds: Double? = nil
        ) {
            self.residentMemoryBytes = residentMemoryBytes
            self.cpuSeconds = cpuSeconds
            self.openFileDescriptors = openFileDescriptors
            self.startTimeUnixSeconds = startTimeUnixSeconds
        }
    }

    /// Start time does not change, so it is read once.
    private let startTimeUnixSeconds: Double?

    package init() {
        self.startTimeUnixSeconds = Self.readStartTime()
    }

    package func sample() -> Sample {
        Sample(
            residentMemoryBytes: Self.readResidentMemory(),
            cpuSeconds: Self.readCPUSeconds(),
            // The directory listing holds the descriptor opendir itself uses: subtract it.
            openFileDescriptors: ProcFile.countEntries("/proc/self/fd").map { max(0, $0 - 1) },
            startTimeUnixSeconds: self.startTimeUnixSeconds
        )
    }

    /// `/proc/self/statm`: the second field is resident pages.
    static func readResidentMemory() -> Int? {
        guard let bytes = ProcFile.read("/proc/self/statm") else { return nil }
        let fields = bytes.split(separator: UInt8(ascii: " "))
        guard fields.count >= 2, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    #if canImport(Glibc)
    private static let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let rusageSelf = RUSAGE_SELF
    #endif

    static func readCPUSeconds() -> Double? {
        var usage = rusage()
        guard getrusage(Self.rusageSelf, &usage) == 0 else { return nil }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Boot time (`btime` in /proc/stat) plus field 22 of /proc/self/stat (clock ticks after boot).
    static func readStartTime() -> Double? {
        guard let stat = ProcFile.read("/proc/self/stat"), let system = ProcFile.read("/proc/stat"),
            let ticks = startTicks(stat: stat), let boot = bootTime(stat: system)
        else { return nil }
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0 else { return nil }
        return Double(boot) + Double(ticks) / ticksPerSecond
    }

    /// Field 22 of /proc/<pid>/stat. The command name (field 2) may hold spaces and `)`, so count
    /// fields from the last `)`: after it comes field 3.
    static func startTicks(stat: [UInt8]) -> UInt64? {
        guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
        let index = 22 - 3
        guard fields.count > index else { return nil }
        return UInt64(String(decoding: fields[index], as: UTF8.self))
    }

    static func bootTime(stat: [UInt8]) -> UInt64? {
        for line in stat.split(separator: UInt8(ascii: "\n")) where line.starts(with: "btime ".utf8) {
            return UInt64(String(decoding: line.dropFirst(6), as: UTF8.self).trimmingSpaces)
        }
        return nil
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " || $0 == "\n" }).reversed())
    }
}
