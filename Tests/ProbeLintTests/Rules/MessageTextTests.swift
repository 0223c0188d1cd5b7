import Testing
@testable import ProbeLint

/// A `MessageText` is the text Swift's own interpolation writes, whether it fits in
/// the interpolation's bytes in place or goes on past them.
@Suite struct MessageTextTests {
    @Test func interpolatesAsStringInterpolationDoes() {
        let name = "rgw", sub: Substring = "my-store"[...], n = -42, x = 1.5
        let text: MessageText = "\(name) at \(n) (\(sub)) = \(x) s, \(true)"
        #expect(text.string == "\(name) at \(n) (\(sub)) = \(x) s, \(true)")
    }

    @Test func literalAloneAndEmptyPieces() {
        let empty = ""
        let text: MessageText = "\(empty)only literal\(empty)"
        #expect(text.string == "only literal")
        let nothing: MessageText = "\(empty)"
        #expect(nothing.string == "")
    }

    /// Every length around the in-place capacity, with the boundary falling inside a
    /// piece, at its end, and past it in several pieces.
    @Test func textsAroundTheInPlaceCapacity() {
        let capacity = MessageText.Interpolation.headCapacity
        for length in [capacity - 9, capacity - 1, capacity, capacity + 1, capacity + 7, 2 * capacity + 3] {
            let piece = String(repeating: "abcdefghi", count: length / 9) + String(repeating: "z", count: length % 9)
            let text: MessageText = "<\(piece)|\(length)|\(piece)>"
            #expect(text.string == "<\(piece)|\(length)|\(piece)>", "length \(length)")
        }
        for count in [capacity / 4 - 1, capacity / 4, capacity / 4 + 1, capacity] {
            var expected = "", interpolation = MessageText.Interpolation(literalCapacity: 0, interpolationCount: count)
            for i in 0..<count {
                expected += "\(i % 10)ab\u{e9}"[...].prefix(i % 4 + 1)
                interpolation.appendInterpolation("\(i % 10)ab\u{e9}".prefix(i % 4 + 1))
            }
            #expect(MessageText(stringInterpolation: interpolation).string == expected, "\(count) pieces")
        }
    }

    /// Non-ASCII text stays as it is, even where a multi-byte character crosses the
    /// end of the in-place bytes; invalid UTF-8 is repaired as `String(decoding:)` repairs it.
    @Test func utf8AcrossTheBoundary() {
        let capacity = MessageText.Interpolation.headCapacity
        let text: MessageText = "\(String(repeating: "a", count: capacity - 1))\u{e9}\u{1F600} ä"
        #expect(text.string == String(repeating: "a", count: capacity - 1) + "\u{e9}\u{1F600} ä")
        var interpolation = MessageText.Interpolation(literalCapacity: 0, interpolationCount: 1)
        [UInt8(ascii: "x"), 0xFF, UInt8(ascii: "y")].withUnsafeBufferPointer { interpolation.append($0) }
        #expect(MessageText(stringInterpolation: interpolation).string == "x\u{FFFD}y")
    }
}
