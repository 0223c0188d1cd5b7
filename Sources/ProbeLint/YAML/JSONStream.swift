#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// JSON objects one after another in one stream (`{...}{...}`, or one per line), as
/// `kubectl create --dry-run=client -o json` and `kubectl annotate --local -o json` print
/// several objects, and `jq -c` prints a list's items. kubectl reads a stream that starts
/// with `{` as JSON values one after another (apimachinery's YAMLOrJSONDecoder); YAML
/// reads it as one document followed by content where a document start is expected, an
/// error. probelint reads each value as a document of its own, so that it lints every
/// object kubectl would apply.
///
/// The stream is cut after each complete top-level value, at the `{` of the next, where
/// the value's scan (`JSONSyntax.valueEnd`, kubectl's grammar) ends: each value is walked
/// once, and that walk is also its check. A piece whose value is not JSON, or what follows
/// the last value when that is not JSON, carries the failure, and the reader reports it
/// there, after the values before it were read.
enum JSONStream {
    /// One value's piece: its bytes up to the next value's start, and where it starts.
    struct Value: Equatable {
        var range: Range<Int>
        /// The file's line (1-based) and column (in characters, as libyaml counts them) of its first byte.
        var line: Int
        var column: Int
        /// Where the piece stops being JSON (the piece then runs to the end), if it does.
        var failure: JSONSyntax.Failure? = nil
    }

    /// Calls `body` with each value's piece in order, found as it goes (a stream of millions
    /// of tiny values holds no list of them), until `body` returns false. The first piece
    /// starts at 0 (a BOM and blanks before the first value included); each piece runs to the
    /// next value's start, the last to the end. A stream of one value is one piece: the
    /// whole buffer at line 1, column 1, as it is read without this.
    static func forEachValue(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (Value) -> Bool) {
        var pieceStart = 0, valueAt = buffer.utf8BOMLength
        skipBlanks(buffer, &valueAt)
        // Lines as the reader counts them (LF, CR, CRLF: `LineTable`), columns in characters,
        // both carried from value to value: a stream on one line is not walked again per value.
        var line = 1, column = 1
        while true {
            // The next value's start, when this one is JSON and a `{` follows it; else the
            // rest is checked as the last piece's.
            var next: Int?, failure: JSONSyntax.Failure?
            switch JSONSyntax.valueEnd(buffer, from: valueAt) {
            case .failure(let found): failure = found
            case .success(let end):
                var i = end
                skipBlanks(buffer, &i)
                if i < buffer.count && buffer[i] == UInt8(ascii: "{") { next = i } else { failure = JSONSyntax.firstError(buffer, from: i) }
            }
            guard body(Value(range: pieceStart..<(next ?? buffer.count), line: line, column: column, failure: failure)), let next else { return }
            advance(buffer, from: pieceStart, to: next, line: &line, column: &column)
            pieceStart = next
            valueAt = next
        }
    }

    /// Moves `line` and `column`, those of byte `from`, to those of byte `to`, as the reader
    /// counts them: line breaks as `LineTable` has them, columns in characters, and a BOM on
    /// the first line no character.
    static func advance(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, line: inout Int, column: inout Int) {
        var lastBreakEnd: Int?
        var j = from
        while j < to {
            let length = LineBreak.length(in: buffer, at: j)
            if length > 0 { line += 1; lastBreakEnd = j + length }
            j += max(length, 1)
        }
        let counted = lastBreakEnd ?? (from == 0 ? min(buffer.utf8BOMLength, to) : from)
        column = (lastBreakEnd == nil ? column : 1) + (counted..<to).count { buffer[$0] & 0xC0 != 0x80 }
    }

    /// Every value's piece (`forEachValue`) when `buffer` holds more than one; nil otherwise.
    static func values(_ buffer: UnsafeBufferPointer<UInt8>) -> [Value]? {
        guard Reader.firstByte(afterBlanksIn: buffer) == UInt8(ascii: "{") && mayHoldSecondValue(buffer) else { return nil }
        var values: [Value] = []
        forEachValue(buffer) { values.append($0); return true }
        return values.count > 1 ? values : nil
    }

    /// Whether a `}` is followed, after blanks, by a `{`: where one value ends and the next
    /// begins (or, inside a string, text that looks so). One JSON value never has it (its
    /// members and items are joined by commas), so `values` knows a stream without it for
    /// one value with memchr from brace to brace, without cutting it.
    static func mayHoldSecondValue(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        var at = 0
        while at < buffer.count, let hit = memchr(base + at, 0x7D, buffer.count - at) {
            var i = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            skipBlanks(buffer, &i)
            if i < buffer.count && buffer[i] == UInt8(ascii: "{") { return true }
            at = i
        }
        return false
    }

    private static func skipBlanks(_ buffer: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
    }
}
