import CCurlShims

/// The C entry points libcurl calls on the curl thread; `userdata` is the unretained `CurlTransfer`,
/// kept alive by `CurlMultiLoop` while its handle is in the multi handle.
enum CurlCallbacks {
    static let header: CCurlShims_data_callback = { buffer, size, count, userdata in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.curlReceivedHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
    }

    static let write: CCurlShims_data_callback = { buffer, size, count, userdata in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.curlReceivedBody(UnsafeRawBufferPointer(start: buffer, count: size * count))
    }

    static let read: CCurlShims_data_callback = { buffer, size, count, userdata in
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(userdata!).takeUnretainedValue()
        return transfer.curlReadRequestBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
    }
}
