/// Where the linted objects came from, which decides how reporters locate a
/// finding: by file, line and column, or (for objects read from a cluster with
/// `kubectl get`) by object and field path only.
public enum ReportSource: Sendable, Equatable {
    case files
    /// `command` is the kubectl command line that fetched the objects.
    case cluster(command: [String])

    public var isCluster: Bool {
        if case .cluster = self { return true }
        return false
    }
}

extension ObjectRef {
    /// `deployment/rook-ceph/rook-ceph-rgw-my-store-a`: how a live object is
    /// named where a file name would stand (kubectl's `kind/name` style, with the namespace).
    public var displayName: String {
        // One allocation for the joined text: `[…].compactMap.joined` built an array
        // and grew the string piece by piece (about 4,000 instructions a finding in `-o json`).
        if let namespace { return String(concatenating: kind.lowercased(), "/", namespace, "/", name) }
        return String(concatenating: kind.lowercased(), "/", name)
    }
}

/// 128-bit FNV-1a (two 64-bit lanes with different offsets) as 32 hex digits:
/// a stable, dependency-free hash for fingerprints. Not a cryptographic hash.
enum StableHash {
    /// The hash of the pieces joined by `separator` (an ASCII byte), without joining them.
    static func hex(joining pieces: [String], separator: UInt8) -> String {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        func add(_ byte: UInt8) {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte ^ 0x5a)) &* 0x0000_0100_0000_01b3
        }
        for (i, piece) in pieces.enumerated() {
            if i > 0 { add(separator) }
            // Over the contiguous bytes: iterating `piece.utf8` decodes index by index.
            piece.withContiguousUTF8 { bytes in
                for byte in bytes { add(byte) }
            }
        }
        // Each lane as 16 lowercase hex digits, zero-padded.
        return String(unsafeUninitializedCapacity: 32) { out in
            func digits(_ value: UInt64, at start: Int) {
                for i in 0..<16 {
                    let nibble = UInt8(truncatingIfNeeded: value >> (60 - 4 * UInt64(i))) & 0x0F
                    out[start + i] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
            }
            digits(a, at: 0)
            digits(b, at: 16)
            return 32
        }
    }
}

/// A file name as reports show it: relative to `workingDirectory` (which ends
/// in `/`) when it lies inside it, without a leading `./`.
func relativePath(_ file: String, to workingDirectory: String) -> String {
    var path = file
    if !workingDirectory.isEmpty && path.hasPrefix(workingDirectory) { path.removeFirst(workingDirectory.count) }
    while path.hasPrefix("./") { path.removeFirst(2) }
    return path
}
