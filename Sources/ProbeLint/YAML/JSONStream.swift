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
/// A stream is cut only where YAML could not go on anyway: after a complete top-level
/// value, at the `{` of the next. The values are scanned as JSON tokens only (strings,
/// numbers, `true`, `false`, `null`, structure), on which JSON and YAML's flow syntax
/// agree; a YAML flow mapping (`{a: b}`, a comment, a `'` string) is never cut and reads
/// as before. A value that is not JSON, or does not end, starts the last piece, which
/// libyaml reads and reports as it would have.
enum JSONStream {
    /// One value's piece: its bytes up to the next value's start, and where it starts.
    struct Value: Equatable {
        var range: Range<Int>
        /// The file's line (1-based) and column (in characters, as libyaml counts them) of its first byte.
        var line: Int
        var column: Int
    }

    /// Whether `buffer` may hold several values: it starts with `{` and has a `}` followed by
    /// a `{` (`mayHoldSecondValue`). Any other stream is read as one, as before.
    static func maySplit(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        Reader.firstByte(afterBlanksIn: buffer) == UInt8(ascii: "{") && mayHoldSecondValue(buffer)
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
            // The next value's start, when this one is JSON, ends, and a `{` follows it.
            var next: Int?
            if let end = valueEnd(buffer, from: valueAt) {
                var i = end
                skipBlanks(buffer, &i)
                if i < buffer.count && buffer[i] == UInt8(ascii: "{") { next = i }
            }
            guard body(Value(range: pieceStart..<(next ?? buffer.count), line: line, column: column)), let next else { return }
            var lastBreakEnd: Int?
            var j = pieceStart
            while j < next {
                let length = LineBreak.length(in: buffer, at: j)
                if length > 0 { line += 1; lastBreakEnd = j + length }
                j += max(length, 1)
            }
            // A BOM on the first line is no character.
            let counted = lastBreakEnd ?? (pieceStart == 0 ? min(buffer.utf8BOMLength, next) : pieceStart)
            column = (lastBreakEnd == nil ? column : 1) + (counted..<next).count { buffer[$0] & 0xC0 != 0x80 }
            pieceStart = next
            valueAt = next
        }
    }

    /// Every value's piece (`forEachValue`) when `buffer` holds more than one; nil otherwise.
    static func values(_ buffer: UnsafeBufferPointer<UInt8>) -> [Value]? {
        guard maySplit(buffer) else { return nil }
        var values: [Value] = []
        forEachValue(buffer) { values.append($0); return true }
        return values.count > 1 ? values : nil
    }

    /// Whether a `}` is followed, after blanks, by a `{`: where one value ends and the next
    /// begins (or, inside a string, text that looks so). One JSON value never has it (its
    /// members and items are joined by commas), so a stream without it is one value, found
    /// with memchr from brace to brace instead of a walk over every byte of a large
    /// `kubectl get -o json` (88 MB, a `kind: List` of 40,000 Deployments: 28 % of the run).
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

    /// The offset after the JSON object or array at `from`, or nil when what starts there is
    /// not made of JSON tokens or does not end.
    static func valueEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < buffer.count, buffer[from] == UInt8(ascii: "{") || buffer[from] == UInt8(ascii: "[") else { return nil }
        var depth = 0, i = from
        while i < buffer.count {
            switch buffer[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return i + 1 }
            case UInt8(ascii: "\""):
                guard let close = stringEnd(buffer, from: i + 1) else { return nil }
                i = close
            case UInt8(ascii: "t"):
                guard matches(buffer, i, "true") else { return nil }
                i += 3
            case UInt8(ascii: "f"):
                guard matches(buffer, i, "false") else { return nil }
                i += 4
            case UInt8(ascii: "n"):
                guard matches(buffer, i, "null") else { return nil }
                i += 3
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: ":"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                 UInt8(ascii: "e"), UInt8(ascii: "E"):
                break
            default:
                return nil
            }
            i += 1
        }
        return nil
    }

    /// The offset of the `"` that closes the string whose contents start at `from`: the
    /// next quote not escaped by an odd run of backslashes (memchr from quote to quote).
    private static func stringEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard let base = buffer.baseAddress else { return nil }
        var at = from
        while at < buffer.count, let hit = memchr(base + at, 0x22, buffer.count - at) {
            let quote = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            var backslashes = 0
            while quote - backslashes - 1 >= from && buffer[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return quote }
            at = quote + 1
        }
        return nil
    }

    private static func matches(_ buffer: UnsafeBufferPointer<UInt8>, _ at: Int, _ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= buffer.count else { return false }
        return (0..<count).allSatisfy { buffer[at + $0] == word.utf8Start[$0] }
    }
}
