/// Turns libyaml's `index` (a count of Unicode scalars after an optional BOM)
/// into a byte offset in the original UTF-8 bytes.
///
/// ASCII files take a fast path (offset = index + BOM length). Other files use a
/// cursor that walks UTF-8 lead bytes forwards or backwards from the last query;
/// libyaml's marks arrive almost in order, so the walk is linear overall.
struct ByteOffsetMap {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let bomLength: Int
    private let isASCII: Bool
    /// The characters after the BOM when the file is ASCII (an index below it is its
    /// byte offset less the BOM), else 0: one comparison takes the fast path.
    private let asciiCharacters: UInt
    private var cursorIndex = 0
    private var cursorOffset: Int

    /// `isASCII`: whether the bytes after a BOM are all ASCII, when the caller knows
    /// (`PrimedInput` checked every byte already); nil to scan them here.
    init(bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool? = nil) {
        self.bytes = bytes
        bomLength = bytes.utf8BOMLength
        cursorOffset = bomLength
        self.isASCII = isASCII ?? Self.isASCII(UnsafeBufferPointer(rebasing: bytes[bomLength...]))
        asciiCharacters = self.isASCII ? UInt(bytes.count - bomLength) : 0
    }

    /// Whether every byte is below 0x80: 32 bytes (four words ORed) per test, then
    /// eight at a time. Every file and piece is scanned once, so this is per input byte.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 32 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { return false }
            i += 32
        }
        while i + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    mutating func offset(ofIndex index: Int) -> Int {
        if let offset = asciiOffset(ofIndex: index) { return offset }
        return isASCII ? min(index &+ bomLength, bytes.count) : walk(to: index)
    }

    /// The offset of a character inside an ASCII file (after its BOM): the index counts bytes
    /// there. Nil for any other index (`offset(ofIndex:)` has them all).
    @inline(__always)
    func asciiOffset(ofIndex index: Int) -> Int? {
        UInt(bitPattern: index) < asciiCharacters ? index &+ bomLength : nil
    }

    /// The cursor walk for files that are not pure ASCII. Forwards it skips eight
    /// ASCII bytes (eight characters) at a time: one non-ASCII line in a large file
    /// (Rook's crds.yaml has one) must not make every mark cost a byte-by-byte walk.
    private mutating func walk(to index: Int) -> Int {
        if index - cursorIndex >= 8, let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index - cursorIndex >= 8 && bytes.count - cursorOffset >= 8
                    && raw.loadUnaligned(fromByteOffset: cursorOffset, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                cursorOffset += 8
                cursorIndex += 8
            }
        }
        while cursorIndex < index && cursorOffset < bytes.count {
            cursorOffset += Self.sequenceLength(lead: bytes[cursorOffset])
            cursorIndex += 1
        }
        while cursorIndex > index && cursorOffset > bomLength {
            cursorOffset -= 1
            while cursorOffset > bomLength && bytes[cursorOffset] & 0xC0 == 0x80 { cursorOffset -= 1 }
            cursorIndex -= 1
        }
        return min(cursorOffset, bytes.count)
    }

    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: return 1
        case 0xC0..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0...: return 4
        default: return 1  // a stray continuation byte; libyaml rejects those before we get here
        }
    }
}
