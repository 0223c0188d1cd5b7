import Testing
@testable import ProbeLint

/// The word-at-a-time check agrees with the byte rule for every byte value at
/// every position of a word, and escape replaces exactly the unsafe scalars.
@Suite struct TerminalTextTests {
    static func reference(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x09 }
    }

    @Test func wordCheckAgreesWithTheByteRule() {
        for value in 0...255 {
            for position in 0..<19 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
                bytes[position] = UInt8(value)
                let fast = bytes.withUnsafeBufferPointer(TerminalText.isPrintableASCII)
                #expect(fast == Self.reference(bytes), "byte 0x\(String(value, radix: 16)) at \(position)")
            }
        }
    }

    @Test func escapeReplacesControlsAndBidiOnly() {
        #expect(TerminalText.escape("plain\ttext ~") == "plain\ttext ~")
        #expect(TerminalText.escape("a\u{1B}[31mb") == "a\u{FFFD}[31mb")
        #expect(TerminalText.escape("x\u{7F}y\u{85}z") == "x\u{FFFD}y\u{FFFD}z")
        #expect(TerminalText.escape("ab\u{202E}cd") == "ab\u{FFFD}cd")
        #expect(TerminalText.escape("café über") == "café über")
    }
}
