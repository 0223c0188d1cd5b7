#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search over raw bytes with libc's memmem: fast in any build and
/// without allocation (FileSplitter runs it over every input; the Rook marker search,
/// several needles in one pass, is `NeedleSet`).
enum ByteSearch {
    /// The offset of the first `needle` in `buffer` at or after `from`.
    static func find(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = buffer.baseAddress, !needle.isEmpty, from >= 0, buffer.count - from >= needle.count else { return nil }
        return libcMemmem(base + from, buffer.count - from, needle.baseAddress, needle.count)
            .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
    }

    static func find(_ buffer: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        find(buffer, UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount), from: from)
    }
}

/// libc's memmem (glibc and Darwin both have it; Swift's Glibc module hides it
/// behind _GNU_SOURCE). Pointers and sizes only, so the calling conventions agree.
@_silgen_name("memmem")
private func libcMemmem(_ haystack: UnsafeRawPointer?, _ haystackLength: Int,
                        _ needle: UnsafeRawPointer?, _ needleLength: Int) -> UnsafeMutableRawPointer?

/// Several needles searched for in one pass over the bytes (Wu–Manber, with byte
/// pairs): the Rook marker search looks for four strings in every input, and in
/// inputs that hold few of them four memmem calls read every byte four times.
///
/// A window as long as the shortest needle slides along the bytes. The pair of
/// bytes at its end says how far it may move: as far as the window's length when
/// the pair is in no needle's first window, else so that the pair lines up with
/// its last place there. Where the pair ends a needle's first window, every
/// needle whose first byte is the window's is compared there.
struct NeedleSet: Sendable {
    let needles: [[UInt8]]
    /// The length of the window: the shortest needle's.
    private let window: Int
    /// The shift for each byte pair, indexed by the pair read as a `UInt16`.
    private let shifts: [UInt8]

    /// `needles`: non-empty, at least two bytes and at most 255 long each.
    init(_ needles: [String]) {
        let needles = needles.map { Array($0.utf8) }
        let window = needles.map(\.count).min() ?? 2
        precondition(window >= 2 && needles.allSatisfy { $0.count <= 255 }, "needles of 2 to 255 bytes")
        var shifts = [UInt8](repeating: UInt8(window - 1), count: 1 << 16)
        for needle in needles {
            needle.withUnsafeBytes { bytes in
                for j in 0..<(window - 1) {
                    let pair = Int(bytes.loadUnaligned(fromByteOffset: j, as: UInt16.self))
                    shifts[pair] = min(shifts[pair], UInt8(window - 2 - j))
                }
            }
        }
        self.needles = needles
        self.window = window
        self.shifts = shifts
    }

    /// Calls `found` with each needle's index and offset, in the order of the
    /// offsets (needles at one offset in the order given), until it returns false.
    func forEachMatch(in buffer: UnsafeBufferPointer<UInt8>, _ found: (_ needle: Int, _ at: Int) -> Bool) {
        guard let base = buffer.baseAddress, buffer.count >= window else { return }
        let last = buffer.count - window
        shifts.withUnsafeBufferPointer { shifts in
            var start = 0
            while true {
                start = nextCandidate(from: start, last: last, in: UnsafeRawPointer(base), shifts: shifts.baseAddress!)
                guard start <= last else { return }
                for (i, needle) in needles.enumerated() where needle.count <= buffer.count - start && needle[0] == base[start] {
                    let same = needle.withUnsafeBufferPointer { memcmp(base + start, $0.baseAddress!, $0.count) == 0 }
                    if same && !found(i, start) { return }
                }
                start &+= 1
            }
        }
    }

    /// The first window from `start` on whose pair shifts it by 0 (a needle may start there),
    /// or an offset past `last`, the last window's. `shifts`: the 65,536 of `self.shifts`.
    private func nextCandidate(from start: Int, last: Int, in bytes: UnsafeRawPointer, shifts: UnsafePointer<UInt8>) -> Int {
        let longest = window - 1
        let lastRun = last - longest
        func shift(at start: Int) -> Int {
            Int(shifts[Int(bytes.loadUnaligned(fromByteOffset: start &+ window &- 2, as: UInt16.self))])
        }
        var start = start
        while start <= last {
            // Most windows end in a pair that is in no needle and move a whole window on.
            // Runs of them are stepped over by a constant, so each lookup's address is known
            // without waiting for the lookup before it (a predicted branch instead of a chain
            // of dependent loads: about three times faster on manifests). `>=`, not `==`: with
            // `==` the compiler adds the looked-up shift instead, and the chain is back.
            while start <= lastRun && shift(at: start) >= longest { start &+= longest }
            let shift = shift(at: start)
            if shift == 0 { return start }
            start &+= shift
        }
        return start
    }
}
