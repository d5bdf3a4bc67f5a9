import Histogram

/// Request counts, error counts and latencies of one route per 10 s bucket over the last hour.
///
/// The bucket being filled records into a preallocated dense HDR histogram (O(1) per span). When a
/// span lands in a later bucket the dense histogram is compacted into that bucket's
/// `LatencyDigest` and reset: once per route per bucket, amortised O(1).
struct RouteAggregates: Sendable {
    /// One bucket of the ring; `bucket` says which interval it holds (`Int.min` for none yet).
    struct Slot: Sendable {
        var bucket = Int.min
        var requests: UInt32 = 0
        var errors: UInt32 = 0
        var latencies = LatencyDigest()
    }

    /// Counts and latencies of one bucket, copied out for a query.
    struct BucketSnapshot: Sendable {
        var requests: UInt64 = 0
        var errors: UInt64 = 0
        var latencies = LatencyDigest()
    }

    /// Latencies are recorded in microseconds, clamped to this bound (60 s).
    static let highestMicroseconds: UInt64 = 60_000_000

    /// An empty histogram to copy from. `Histogram.reset()` and `init` take 70–270 µs (unspecialised
    /// loops across the module boundary); assigning this shares its storage, and the next `record`
    /// copies the 70 KB with one memcpy (a few µs).
    static let empty = Histogram<UInt32>(
        lowestDiscernibleValue: 1,
        highestTrackableValue: highestMicroseconds,
        numberOfSignificantValueDigits: .three
    )

    let key: RouteKey
    let displayName: String
    private var slots: [Slot]
    private var live: Histogram<UInt32>
    private var liveBucket = Int.min

    init(key: RouteKey, bucketCount: Int) {
        self.key = key
        self.displayName = key.displayName
        self.slots = Array(repeating: Slot(), count: bucketCount)
        self.live = Self.empty
    }

    mutating func record(bucket requested: Int, microseconds: UInt64, isError: Bool) {
        // A wall clock stepping back must not reopen a sealed bucket: count into the live one.
        let bucket = max(requested, self.liveBucket)
        if bucket != self.liveBucket { self.seal(startingBucket: bucket) }
        let position = self.position(of: bucket)
        self.slots[position].requests &+= 1
        if isError { self.slots[position].errors &+= 1 }
        self.live.record(min(microseconds, Self.highestMicroseconds))
    }

    /// Compacts the live histogram into its slot and opens `bucket`.
    private mutating func seal(startingBucket bucket: Int) {
        if self.liveBucket != Int.min, self.live.totalCount > 0 {
            let previous = self.position(of: self.liveBucket)
            if self.slots[previous].bucket == self.liveBucket {
                self.slots[previous].latencies = LatencyDigest(self.live)
            }
            self.live = Self.empty
        }
        self.liveBucket = bucket
        let position = self.position(of: bucket)
        if self.slots[position].bucket != bucket {
            self.slots[position] = Slot(bucket: bucket)
        }
    }

    @inline(__always)
    private func position(of bucket: Int) -> Int {
        let remainder = bucket % self.slots.count
        return remainder >= 0 ? remainder : remainder + self.slots.count
    }

    /// Buckets `range`, oldest first; empty snapshots where nothing was recorded (or it aged out).
    ///
    /// Sealed digests are shared, not copied; only the live bucket is compacted here, so the lock
    /// is held for one walk of one histogram and percentiles are computed after it is released.
    func snapshot(_ range: ClosedRange<Int>) -> [BucketSnapshot] {
        range.map { bucket in
            let slot = self.slots[self.position(of: bucket)]
            guard slot.bucket == bucket else { return BucketSnapshot() }
            return BucketSnapshot(
                requests: UInt64(slot.requests),
                errors: UInt64(slot.errors),
                latencies: bucket == self.liveBucket ? LatencyDigest(self.live) : slot.latencies
            )
        }
    }

    /// True when any bucket in `range` saw a request.
    func hasRequests(in range: ClosedRange<Int>) -> Bool {
        range.contains { bucket in
            let slot = self.slots[self.position(of: bucket)]
            return slot.bucket == bucket && slot.requests > 0
        }
    }
}
