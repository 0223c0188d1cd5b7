/// JSON's grammar, checked as kubectl checks it. kubectl reads a stream whose first byte after
/// blanks (and a BOM) is `{` with Go's JSON decoder, value after value, and refuses the file at
/// the first byte that is not JSON: a YAML flow mapping (`{apiVersion: v1}`), a comment, a
/// trailing comma or a `---` after the object. libyaml would read all of those as YAML, so the
/// reader asks this first, and reports what kubectl would, where it would (Go's messages).
enum JSONSyntax {
    /// Where a stream stops being JSON, and Go's message for the byte there; or a number
    /// there that Go's decoder refuses after the grammar (`isNumberRange`).
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
        var isNumberRange = false
    }

    /// The first byte of `buffer` (from `from`) that is not JSON values one after another
    /// (blanks around them); nil when all of it is.
    static func firstError(_ buffer: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Failure? {
        var scanner = Scanner(buffer: buffer, i: from)
        return scanner.run()
    }

    /// The offset just after the one value that starts at `from` (after blanks), or where
    /// it stops being JSON: how a stream of values is cut (`JSONStream.forEachValue`).
    static func valueEnd(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Result<Int, Failure> {
        var scanner = Scanner(buffer: buffer, i: from)
        if let failure = scanner.value() { return .failure(failure) }
        return .success(scanner.i)
    }

    /// The position of byte `offset` of `buffer`: lines as the reader counts them (LF, CR LF,
    /// CR), columns in characters, a BOM no character. Counted afresh: only for an error.
    static func position(of offset: Int, in buffer: UnsafeBufferPointer<UInt8>) -> SourcePosition {
        var line = 1, lineStart = 0, i = 0
        let end = min(offset, buffer.count)
        while i < end {
            let length = LineBreak.length(in: buffer, at: i)
            if length > 0 { line += 1; lineStart = i + length }
            i += max(length, 1)
        }
        let from = lineStart == 0 ? min(buffer.utf8BOMLength, end) : lineStart
        let column = 1 + (from..<end).count { buffer[$0] & 0xC0 != 0x80 }
        return SourcePosition(offset: offset, line: line, column: column)
    }

    private struct Scanner {
        let buffer: UnsafeBufferPointer<UInt8>
        var i: Int
        /// The open containers, innermost last: `{` or `[`.
        var open: [UInt8] = []

        /// Values one after another to the end.
        mutating func run() -> Failure? {
            if i == 0 && buffer.utf8BOMLength > 0 { i = buffer.utf8BOMLength }
            while true {
                skipBlanks()
                if i == buffer.count { return nil }
                if let failure = value() { return failure }
            }
        }

        /// One value, `i` left just after it. A loop, not a descent: nesting depth costs a
        /// byte of `open`, never stack.
        mutating func value() -> Failure? {
            skipBlanks()
            guard i < buffer.count else { return endOfInput() }
            var needValue = false
            if let failure = beginValue(&needValue) { return failure }
            while let inner = open.last {
                skipBlanks()
                guard i < buffer.count else { return endOfInput() }
                if needValue {
                    if let failure = beginValue(&needValue) { return failure }
                    continue
                }
                // After a member or an item: the container goes on or closes.
                let inObject = inner == UInt8(ascii: "{")
                if buffer[i] == (inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    open.removeLast()
                    i += 1
                    continue
                }
                guard buffer[i] == UInt8(ascii: ",") else {
                    return invalid(at: i, inObject ? "after object key:value pair" : "after array element")
                }
                i += 1
                if inObject, let failure = key() { return failure }
                needValue = true
            }
            return nil
        }

        /// The value at `i`: a scalar is read whole (`needValue` false after it); a container
        /// that is empty too; any other is opened, with its first key read, and a value needed.
        mutating func beginValue(_ needValue: inout Bool) -> Failure? {
            needValue = false
            switch buffer[i] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let opener = buffer[i]
                i += 1
                skipBlanks()
                if i < buffer.count && buffer[i] == opener + 2 { i += 1; return nil }  // `}` and `]` follow `{` and `[` by 2
                open.append(opener)
                needValue = true
                return opener == UInt8(ascii: "{") ? key() : nil
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
            default: return invalid(at: i, "looking for beginning of value")
            }
        }

        /// An object's key and the `:` after it.
        mutating func key() -> Failure? {
            skipBlanks()
            guard i < buffer.count else { return endOfInput() }
            guard buffer[i] == UInt8(ascii: "\"") else { return invalid(at: i, "looking for beginning of object key string") }
            if let error = string() { return error }
            skipBlanks()
            guard i < buffer.count else { return endOfInput() }
            guard buffer[i] == UInt8(ascii: ":") else { return invalid(at: i, "after object key") }
            i += 1
            return nil
        }

        mutating func string() -> Failure? {
            i += 1
            while i < buffer.count {
                let c = buffer[i]
                if c == UInt8(ascii: "\"") { i += 1; return nil }
                if c < 0x20 { return invalid(at: i, "in string literal") }
                if c == UInt8(ascii: "\\") {
                    i += 1
                    guard i < buffer.count else { break }
                    switch buffer[i] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        break
                    case UInt8(ascii: "u"):
                        for _ in 0..<4 {
                            i += 1
                            guard i < buffer.count else { return endOfInput() }
                            guard Self.isHexDigit(buffer[i]) else { return invalid(at: i, "in \\u hexadecimal character escape") }
                        }
                    default: return invalid(at: i, "in string escape code")
                    }
                }
                i += 1
            }
            return endOfInput()
        }

        mutating func literal(_ word: StaticString) -> Failure? {
            let bytes = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            for k in 1..<bytes.count {
                guard i + k < buffer.count else { return endOfInput() }
                if buffer[i + k] != bytes[k] {
                    return invalid(at: i + k, "in literal \(word) (expecting '\(Character(Unicode.Scalar(bytes[k])))')")
                }
            }
            i += bytes.count
            return nil
        }

        /// `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`; what follows is the container's to judge.
        /// kubectl then decodes it as a 64-bit float, and refuses one beyond it (`1e400`).
        mutating func number() -> Failure? {
            let start = i
            if buffer[i] == UInt8(ascii: "-") {
                i += 1
                guard i < buffer.count else { return endOfInput() }
                guard Self.isDigit(buffer[i]) else { return invalid(at: i, "in numeric literal") }
            }
            if buffer[i] == UInt8(ascii: "0") { i += 1 } else { skipDigits() }
            if i < buffer.count && buffer[i] == UInt8(ascii: ".") {
                i += 1
                guard i < buffer.count else { return endOfInput() }
                guard Self.isDigit(buffer[i]) else { return invalid(at: i, "after decimal point in numeric literal") }
                skipDigits()
            }
            if i < buffer.count && (buffer[i] == UInt8(ascii: "e") || buffer[i] == UInt8(ascii: "E")) {
                i += 1
                if i < buffer.count && (buffer[i] == UInt8(ascii: "+") || buffer[i] == UInt8(ascii: "-")) { i += 1 }
                guard i < buffer.count else { return endOfInput() }
                guard Self.isDigit(buffer[i]) else { return invalid(at: i, "in exponent of numeric literal") }
                skipDigits()
                return Self.beyondFloat64(buffer, start..<i)
            }
            // 309 digits or more may pass the largest float (about 1.8e308).
            return i - start > 308 ? Self.beyondFloat64(buffer, start..<i) : nil
        }

        /// Go's decode error for a number that is JSON but no 64-bit float (it has an exponent
        /// or over 308 digits: the others always are one).
        static func beyondFloat64(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Failure? {
            let text = String(decoding: buffer[range], as: UTF8.self)
            guard let value = Double(text), !value.isFinite else { return nil }
            return Failure(offset: range.lowerBound, message: "cannot unmarshal number \(text) into Go value of type float64", isNumberRange: true)
        }

        mutating func skipDigits() {
            while i < buffer.count && Self.isDigit(buffer[i]) { i += 1 }
        }

        mutating func skipBlanks() {
            while i < buffer.count, buffer[i] == 0x20 || buffer[i] == 0x0A || buffer[i] == 0x0D || buffer[i] == 0x09 { i += 1 }
        }

        func endOfInput() -> Failure { Failure(offset: buffer.count, message: "unexpected end of input: a JSON value does not end") }

        /// Go's `invalid character 'x' <context>`, the character as Go quotes an ASCII one
        /// (`'\''`, `'\t'`, `'\x00'`); a character beyond ASCII whole (Go names its first byte).
        func invalid(at offset: Int, _ context: String) -> Failure {
            Failure(offset: offset, message: "invalid character \(Self.quoted(buffer, at: offset)) \(context)")
        }

        static func quoted(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int) -> String {
            var end = offset + 1
            while end < buffer.count && end - offset < 4 && buffer[end] & 0xC0 == 0x80 { end += 1 }
            let text = String(decoding: buffer[offset..<end], as: UTF8.self)
            switch text {
            case "'": return "'\\''"
            case "\"": return "'\"'"
            case "\t": return "'\\t'"
            case "\n": return "'\\n'"
            case "\r": return "'\\r'"
            default:
                guard let scalar = text.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F else {
                    let hex = String(buffer[offset], radix: 16)
                    return "'\\x\(hex.count == 1 ? "0" + hex : hex)'"
                }
                return "'\(text)'"
            }
        }

        static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
        static func isHexDigit(_ c: UInt8) -> Bool {
            isDigit(c) || (c | 0x20 >= UInt8(ascii: "a") && c | 0x20 <= UInt8(ascii: "f"))
        }
    }
}
