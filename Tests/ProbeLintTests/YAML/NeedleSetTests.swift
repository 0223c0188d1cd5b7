import Testing
@testable import ProbeLint

/// `NeedleSet` (one pass for several needles, with skips) must report exactly what a
/// naive search at every offset finds: every needle at every offset, in order.
@Suite struct NeedleSetTests {
    static let needles = ["rook-config-override", "rook/ceph:", "ceph.rook.io/", "ownerReferences"]

    /// Every (needle, offset) a naive search finds, ordered by offset, then needle.
    static func naive(_ bytes: [UInt8], _ needles: [[UInt8]]) -> [[Int]] {
        var out: [[Int]] = []
        for at in bytes.indices {
            for (i, needle) in needles.enumerated() where at + needle.count <= bytes.count
                && Array(bytes[at..<at + needle.count]) == needle {
                out.append([i, at])
            }
        }
        return out
    }

    static func found(_ set: NeedleSet, _ bytes: [UInt8]) -> [[Int]] {
        var out: [[Int]] = []
        bytes.withUnsafeBufferPointer { buffer in
            set.forEachMatch(in: buffer) { needle, at in
                out.append([needle, at])
                return true
            }
        }
        return out
    }

    @Test func matchesNaiveSearchOnRandomText() {
        let set = NeedleSet(Self.needles)
        let needles = Self.needles.map { Array($0.utf8) }
        // Text built from the needles' own bytes and pieces of them, so near misses,
        // overlaps and matches at both ends are common. Deterministic (a fixed LCG).
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("rook-config-override/ceph:.io/ownerReferences\n -".utf8)
        for _ in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<next(12) {
                if next(3) == 0 {
                    let needle = needles[next(needles.count)]
                    bytes += needle.prefix(next(needle.count + 1) + (next(2) == 0 ? needle.count : 0))
                } else {
                    for _ in 0..<next(8) { bytes.append(alphabet[next(alphabet.count)]) }
                }
            }
            #expect(Self.found(set, bytes) == Self.naive(bytes, needles), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    /// Long stretches of bytes in no needle move whole windows at a time: a needle at
    /// any offset after such a stretch, or at the very end of the bytes, is still found.
    @Test func findsNeedlesAfterLongStretchesWithoutThem() {
        let set = NeedleSet(Self.needles)
        let needles = Self.needles.map { Array($0.utf8) }
        let filler = Array("xyz 0123456789 ".utf8)
        for needle in needles {
            for length in 0..<60 {
                let before = (0..<length).map { filler[$0 % filler.count] }
                for after in [[], Array(" x".utf8), filler] {
                    let bytes = before + needle + after + before + needle
                    #expect(Self.found(set, bytes) == Self.naive(bytes, needles), "\(String(decoding: bytes, as: UTF8.self))")
                }
            }
        }
    }

    @Test func stopsWhenAsked() {
        let set = NeedleSet(Self.needles)
        let bytes = Array("ceph.rook.io/ ceph.rook.io/ rook/ceph:".utf8)
        var seen: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            set.forEachMatch(in: buffer) { _, at in
                seen.append(at)
                return false
            }
        }
        #expect(seen == [0])
    }

    @Test func shorterThanTheWindowFindsNothing() {
        #expect(Self.found(NeedleSet(Self.needles), Array("rook/ceph".utf8)).isEmpty)
        #expect(Self.found(NeedleSet(Self.needles), []).isEmpty)
    }
}
