import Testing
@testable import ProbeLint

/// The eight-bytes-at-a-time tests against a byte-by-byte reading.
@Suite struct WordBytesTests {
    /// Eight bytes as the word a little-endian load reads.
    static func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
    }

    /// Every ASCII byte in every place, among neighbours at the edges of the printable range.
    @Test func nonPrintableBytesMarksExactlyControlsAndDelete() {
        let neighbours: [UInt8] = [0x00, 0x1F, 0x20, 0x7E, 0x7F, 0x41]
        for byte in UInt8(0)..<0x80 {
            for place in 0..<8 {
                for neighbour in neighbours {
                    var bytes = [UInt8](repeating: neighbour, count: 8)
                    bytes[place] = byte
                    let expected = bytes.enumerated().reduce(UInt64(0)) {
                        $1.element < 0x20 || $1.element == 0x7F ? $0 | 0x80 << (8 * UInt64($1.offset)) : $0
                    }
                    #expect(WordBytes.nonPrintableBytes(Self.word(bytes)) == expected, "\(bytes)")
                }
            }
        }
    }
}
