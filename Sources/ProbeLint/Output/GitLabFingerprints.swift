/// GitLab takes issues with one fingerprint for one issue and shows only one of them
/// (astral-sh/ruff#3441, flakehell/flakehell#17). A GitLab fingerprint names the file, rule,
/// object, container and field path, never the line, so that it survives edits elsewhere in
/// the file; two findings share one only when a file holds the same object twice. The runs of
/// issues, rendered on the workers, pass through here in report order: the n-th repeat of a
/// fingerprint (n >= 1) becomes the hash of it and n, written over it (the same 32 digits),
/// as ruff salts its repeats. The first keeps the fingerprint it has alone, and a repeat's
/// stays the same as long as the objects before it in the report do.
public struct GitLabFingerprints: Sendable {
    /// A fingerprint's length: `StableHash.hex`'s 32 lowercase hex digits.
    static let digits = 32

    /// The fingerprint's two 64-bit lanes (16 bytes a finding, not a String).
    struct Key: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    /// How many times each fingerprint was written so far.
    private var seen: [Key: Int] = [:]

    public init() {}

    /// Makes the fingerprints that start at `offsets` in `bytes` unique in the report.
    public mutating func makeUnique(_ bytes: inout [UInt8], at offsets: [Int]) {
        for offset in offsets {
            let digits = bytes[offset..<offset + Self.digits]
            guard let key = Self.key(digits) else { continue }
            let repeats = seen[key, default: 0]
            seen[key] = repeats + 1
            guard repeats > 0 else { continue }
            let salted = StableHash.hex(joining: [String(decoding: digits, as: UTF8.self), String(repeats)],
                                        separator: UInt8(ascii: "|"))
            bytes.replaceSubrange(offset..<offset + Self.digits, with: salted.utf8)
        }
    }

    /// The lanes of 32 hex digits; nil for anything else.
    static func key(_ digits: ArraySlice<UInt8>) -> Key? {
        guard digits.count == Self.digits else { return nil }
        var lanes: (UInt64, UInt64) = (0, 0)
        for (i, byte) in digits.enumerated() {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            if i < 16 { lanes.0 = lanes.0 << 4 | UInt64(nibble) } else { lanes.1 = lanes.1 << 4 | UInt64(nibble) }
        }
        return Key(high: lanes.0, low: lanes.1)
    }
}
