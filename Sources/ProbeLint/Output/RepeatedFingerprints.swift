/// GitLab and GitHub code scanning take results with one fingerprint for one issue or alert
/// and show only one of them (GitLab: astral-sh/ruff#3441, flakehell/flakehell#17; GitHub
/// merges results whose partial fingerprints match, csutils/csdiff#98). probelint's fingerprint
/// names the rule, object, container and field path, never the line, so that it survives edits
/// elsewhere in the file (SARIF's `probelint/v2`; GitLab's adds the file): two findings of one
/// file share one only when the file holds the same object twice. The runs of results, rendered
/// on the workers, pass through here in report order: the n-th repeat of a finding's identity in
/// its file (n >= 1) gets the hash of its fingerprint and n, written over it (the same 32
/// digits), as ruff salts its repeats. The first keeps the fingerprint it has alone, and a
/// repeat's stays the same as long as the objects before it in the file do.
public struct RepeatedFingerprints: Sendable {
    /// A fingerprint's length: `StableHash.hex`'s 32 lowercase hex digits.
    static let digits = 32

    /// A fingerprint as written, kept as its two 64-bit `StableHash` lanes (16 bytes a finding,
    /// not a String): within one file it is the finding's identity.
    public struct Key: Hashable, Sendable {
        var high: UInt64
        var low: UInt64

        init(_ lanes: (UInt64, UInt64)) {
            high = lanes.0
            low = lanes.1
        }

        /// Its 32 hex digits, as written.
        var hex: String { StableHash.hex((high, low)) }
    }

    /// Where a rendered run holds a fingerprint (the offset of its first digit), and whose it
    /// is, in which file.
    public struct Mark: Sendable {
        var offset: Int
        var key: Key
        var file: String
    }

    private var counter = RepeatCounter()

    public init() {}

    /// Makes the fingerprints at `marks` in `bytes` unique in their files.
    public mutating func makeUnique(_ bytes: inout [UInt8], at marks: [Mark]) {
        for mark in marks {
            let repeats = counter.count(mark.key, in: mark.file)
            guard repeats > 0 else { continue }
            let range = mark.offset..<mark.offset + Self.digits
            let salted = StableHash.hex(joining: [mark.key.hex, String(repeats)], separator: UInt8(ascii: "|"))
            bytes.replaceSubrange(range, with: salted.utf8)
        }
    }
}

/// How many times each identity was written so far in the file whose findings are being
/// written (`RepeatedFingerprints`, `RepeatedNames`). A file's findings come together (its pieces
/// in order), and its cross-object ones (PL205) together after every file's, whose identities,
/// by their rule, are none of the others': what was counted for another file is dropped, so the
/// count follows the file, not the run.
struct RepeatCounter: Sendable {
    private var seen: [RepeatedFingerprints.Key: Int] = [:]
    private var file = ""

    /// How many times `key` came before in `file` (0 the first time), and counts this one.
    mutating func count(_ key: RepeatedFingerprints.Key, in file: String) -> Int {
        if file != self.file {
            seen.removeAll(keepingCapacity: true)
            self.file = file
        }
        let repeats = seen[key, default: 0]
        seen[key] = repeats + 1
        return repeats
    }
}
