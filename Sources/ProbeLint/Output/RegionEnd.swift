/// Where a finding's region ends as a reader sees it. A node's end from libyaml is where the
/// next token starts: after a block scalar's last line break (column 1 of the line after it),
/// and for a block mapping or sequence at the next key's indentation, a line or more below the
/// node's last text. Shown as it is, SARIF's region and GitHub's annotation took in the next
/// field's line (`timeoutSeconds:` holding a mapping by mistake took in `periodSeconds:`).
struct RegionEnd: Equatable {
    var line: Int
    /// The exclusive end column in code points; nil when the line's text is not known.
    var column: Int?
    /// Whether the end moved back to the last line with text.
    var clamped: Bool

    init(line: Int, column: Int?, clamped: Bool) {
        (self.line, self.column, self.clamped) = (line, column, clamped)
    }

    /// The end of `range`: as written, unless it is on a later line than the start with only
    /// blanks before it on its line (or past a last line without its line break); then the end
    /// of the last line before it with text (blank lines skipped, and comment lines no deeper
    /// than the end), never before the start. `text`: the file's bytes, when known; without
    /// them only an end at column 1 moves, to the line before, its column unknown.
    init(_ range: SourceRange, text: [UInt8]?) {
        line = range.end.line
        column = range.end.column
        clamped = false
        guard range.end.line > range.start.line else { return }
        guard let text, range.end.offset <= text.count, range.end.offset > range.start.offset else {
            if range.end.column == 1 { (line, column, clamped) = (range.end.line - 1, nil, true) }
            return
        }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        func lineStart(_ i: Int) -> Int {
            var start = i
            while start > 0, !isBreak(text[start - 1]) { start -= 1 }
            return start
        }
        var i = range.end.offset
        var lines = range.end.line
        if range.end.column == 1 && i == text.count && i > 0 && !isBreak(text[i - 1]) {
            // libyaml's mark at the end of a last line without its line break, a line below it.
            lines -= 1
        } else {
            // Only blanks between the end and its line's start.
            while i > range.start.offset, isBlank(text[i - 1]) { i -= 1 }
            guard i > range.start.offset, isBreak(text[i - 1]) else { return }
        }
        // Back over line breaks, blank lines and comment lines no deeper than the end (the next
        // key's; a block scalar's deeper `#` lines are its text) to the last byte of text.
        while i > range.start.offset {
            let byte = text[i - 1]
            if byte == 0x0A {
                i -= 1
                if i > range.start.offset && text[i - 1] == 0x0D { i -= 1 }
                lines -= 1
            } else if byte == 0x0D || isBlank(byte) {
                if byte == 0x0D { lines -= 1 }
                i -= 1
            } else {
                let start = lineStart(i)
                var first = start
                while first < i, isBlank(text[first]) { first += 1 }
                guard text[first] == UInt8(ascii: "#"), first - start < range.end.column, start > range.start.offset else { break }
                i = start
            }
        }
        guard lines >= range.start.line else { return }
        let start = lineStart(i)
        let codePoints = text[start..<i].reduce(0) { $0 + (($1 & 0xC0) == 0x80 ? 0 : 1) }
        line = lines
        column = codePoints + 1
        clamped = true
        if line == range.start.line, let c = column, c < range.start.column { column = range.start.column }
    }
}
