/// Tests of eight bytes at once, read as one word: the reader's input check
/// (`PrimedInput`), terminal escaping (`TerminalText`) and the output escapes
/// (`ByteText.append(_:replacing:wordMayNeedReplacing:)`) pass over plain words with them.
enum WordBytes {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// Whether one of the eight bytes of `word` may be `byte`, an ASCII byte (the usual
    /// "has a zero byte" test on `word ^ byte…`: it never misses one, and a byte of UTF-8
    /// above 0x7F never counts).
    @inline(__always)
    static func hasByte(_ word: UInt64, equalTo byte: UInt8) -> Bool {
        let x = word ^ (UInt64(byte) &* ones)
        return (x &- ones) & ~word & highs != 0
    }

    /// Whether one of the eight bytes of `word` may be below `bound` (at most 0x80).
    @inline(__always)
    static func hasByte(_ word: UInt64, below bound: UInt8) -> Bool {
        (word &- UInt64(bound) &* ones) & ~word & highs != 0
    }

    /// Exactly the bytes of `word` below `bound`, as their high bits, when every byte is
    /// below 0x80: `(byte | 0x80) - bound` borrows from no neighbour, and its high bit is
    /// clear exactly when the byte is below `bound`. (The tests above may flag a
    /// neighbour of a matching byte; this may not.)
    @inline(__always)
    static func bytes(_ word: UInt64, below bound: UInt8) -> UInt64 {
        ~((word | highs) &- UInt64(bound) &* ones) & highs
    }

    /// Exactly the bytes of `word` equal to `byte`, as their high bits, when every byte
    /// of `word` and `byte` are below 0x80.
    @inline(__always)
    static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        bytes(word ^ (UInt64(byte) &* ones), below: 1)
    }

    /// Exactly the bytes of `word` that are not printable ASCII (below 0x20, or 0x7F), as
    /// their high bits, when every byte is below 0x80: `byte + 0x60` reaches 0x80 exactly
    /// from 0x20 and `byte + 1` exactly at 0x7F, and neither carries into a neighbour.
    @inline(__always)
    static func nonPrintableBytes(_ word: UInt64) -> UInt64 {
        (~(word &+ 0x60 &* ones) | (word &+ ones)) & highs
    }
}
