import Testing
import TraceProxyMetrics

@Suite struct ProcessMetricsTests {
    @Test func readsPlausibleFiguresForThisProcess() throws {
        let sample = ProcessMetrics().sample()

        let resident = try #require(sample.residentMemoryBytes)
        #expect(resident > 1_000_000 && resident < 64_000_000_000)
        let cpu = try #require(sample.cpuSeconds)
        #expect(cpu > 0)
        let fds = try #require(sample.openFileDescriptors)
        #expect(fds >= 3)
        let start = try #require(sample.startTimeUnixSeconds)
        #expect(start > 1_600_000_000 && start < 4_000_000_000)
    }
}
