import Testing
import TraceProxyExport

@Suite struct GRPCStatusTests {
    @Test func okIsAccepted() {
        #expect(GRPCStatus.error(code: 0, message: "", hasDetails: false) == nil)
    }

    @Test(arguments: [1, 4, 10, 11, 14, 15])
    func transientCodesAreRetried(code: Int) {
        #expect(GRPCStatus.error(code: code, message: "", hasDetails: false)?.isRetryable == true)
    }

    @Test(arguments: [2, 3, 5, 6, 7, 9, 12, 13, 16])
    func otherCodesDropTheBatch(code: Int) {
        #expect(GRPCStatus.error(code: code, message: "", hasDetails: false)?.kind == .rejected)
    }

    @Test func resourceExhaustedIsRetriedOnlyWithRetryInfo() {
        #expect(GRPCStatus.error(code: 8, message: "", hasDetails: false)?.isRetryable == false)
        #expect(GRPCStatus.error(code: 8, message: "", hasDetails: true)?.isRetryable == true)
    }

    @Test func messagesArePercentDecoded() {
        #expect(GRPCStatus.decodeMessage("bad%20span%3A%20%E2%9C%93") == "bad span: ✓")
        #expect(GRPCStatus.decodeMessage("100%") == "100%")
    }
}
