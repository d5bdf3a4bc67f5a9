import CCurlShims

/// One libcurl easy handle and its error buffer, reused across transfers.
///
/// Owned by the curl thread: only `CurlMultiLoop` touches it.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer
    // libcurl writes the failure text here; it must outlive every transfer run on this handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    init?() {
        _ = CurlEasyHandle.ensureGlobalInit
        guard let raw = curl_easy_init() else { return nil }
        self.raw = raw
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.attachErrorBuffer()
    }

    deinit {
        curl_easy_cleanup(self.raw)
        self.errorBuffer.deallocate()
    }

    /// Forgets every option of the last transfer; connections stay in the multi handle's cache.
    func reset() {
        curl_easy_reset(self.raw)
        self.attachErrorBuffer()
    }

    /// libcurl's own message for the last failure, empty when it wrote none.
    var errorMessage: String {
        String(cString: self.errorBuffer)
    }

    func set(_ option: CURLoption, _ value: Int) {
        _ = CCurlShims_easy_setopt_long(self.raw, option, value)
    }

    func set(_ option: CURLoption, _ value: Bool) {
        _ = CCurlShims_easy_setopt_long(self.raw, option, value ? 1 : 0)
    }

    /// libcurl copies string options, so the Swift string need not outlive the call.
    func set(_ option: CURLoption, _ value: String) {
        _ = CCurlShims_easy_setopt_string(self.raw, option, value)
    }

    func set(_ option: CURLoption, offset value: Int64) {
        _ = CCurlShims_easy_setopt_off_t(self.raw, option, curl_off_t(value))
    }

    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) {
        _ = CCurlShims_easy_setopt_pointer(self.raw, option, value)
    }

    /// The caller keeps `list` alive until the transfer is over: libcurl does not copy it.
    func setHeaders(_ list: CurlHeaderList) {
        _ = CCurlShims_easy_setopt_slist(self.raw, CURLOPT_HTTPHEADER, list.raw)
    }

    func setWriteCallback(_ callback: CCurlShims_data_callback) {
        _ = CCurlShims_easy_setopt_write_callback(self.raw, callback)
    }

    func setReadCallback(_ callback: CCurlShims_data_callback) {
        _ = CCurlShims_easy_setopt_read_callback(self.raw, callback)
    }

    func setHeaderCallback(_ callback: CCurlShims_data_callback) {
        _ = CCurlShims_easy_setopt_header_callback(self.raw, callback)
    }

    func infoInt(_ info: CURLINFO) -> Int {
        var value = 0
        _ = CCurlShims_easy_getinfo_long(self.raw, info, &value)
        return value
    }

    func infoOffset(_ info: CURLINFO) -> Int64 {
        var value: curl_off_t = 0
        _ = CCurlShims_easy_getinfo_off_t(self.raw, info, &value)
        return Int64(value)
    }

    func infoString(_ info: CURLINFO) -> String {
        var value: UnsafePointer<CChar>? = nil
        _ = CCurlShims_easy_getinfo_string(self.raw, info, &value)
        return value.map { String(cString: $0) } ?? ""
    }

    /// Sets the new pause state: bits set in `mask` (`CCurlShims_pause_recv()`, `_send()`) are paused, others run.
    func pause(_ mask: Int32) {
        _ = curl_easy_pause(self.raw, mask)
    }

    private func attachErrorBuffer() {
        self.errorBuffer[0] = 0
        _ = CCurlShims_easy_setopt_pointer(self.raw, CURLOPT_ERRORBUFFER, self.errorBuffer)
    }

    // Swift runs a static initializer once, thread-safely, which is what curl_global_init needs.
    static let ensureGlobalInit: Void = {
        _ = CCurlShims_global_init()
    }()
}
