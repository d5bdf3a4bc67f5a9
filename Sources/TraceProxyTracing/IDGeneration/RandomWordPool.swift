import Glibc
import Synchronization

/// Cryptographically random 64-bit words from the kernel (`getrandom` through glibc's `arc4random_buf`),
/// fetched 64 at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per word; a request needs three or
/// four ids, so the calls alone cost about 0.4 µs each. One call per 64 words keeps the ids as
/// unpredictable as before at a small fraction of the cost. The pool is shared by all event loops
/// behind a lock that is held for a few instructions.
final class RandomWordPool: Sendable {
    private static let wordsPerRefill = 64

    private struct Pool: ~Copyable {
        var words = [UInt64](repeating: 0, count: RandomWordPool.wordsPerRefill)
        var next = RandomWordPool.wordsPerRefill
    }

    private let pool = Mutex(Pool())

    init() {}

    func next() -> UInt64 {
        self.pool.withLock { pool in
            if pool.next == pool.words.count {
                Self.refill(&pool.words)
                pool.next = 0
            }
            defer { pool.next += 1 }
            return pool.words[pool.next]
        }
    }

    private static func refill(_ words: inout [UInt64]) {
        // glibc's arc4random_buf is one getrandom call for the whole buffer (and cannot fail).
        words.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
    }
}
