#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

enum WallClockSeconds {
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}
