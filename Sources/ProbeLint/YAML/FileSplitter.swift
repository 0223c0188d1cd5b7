#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run of whole documents of a file: the bytes from one `---` line up to the
/// next piece's. `line` is the file's line number of the piece's first byte.
/// Positions of a piece's documents are the file's; `Document.index` counts from
/// 0 within the piece (only `--fix`, which reads whole files, uses it).
public struct FilePiece: Sendable, Equatable {
    public var range: Range<Int>
    public var line: Int

    public init(range: Range<Int>, line: Int) {
        self.range = range
        self.line = line
    }
}

/// Cuts a large stream into pieces at `---` lines, so that its documents can be
/// read on several cores and their findings written as each piece is done.
///
/// A `---` at the start of a line, followed by a blank or a line break, starts a
/// new document wherever it stands, except inside a quoted scalar or a flow
/// collection, where libyaml rejects it. A piece that reads cleanly therefore ends
/// where the whole stream has a document boundary, and the next piece starts in
/// the state the whole stream has there. A piece that fails to read is no proof
/// of anything (its quote may close in the next piece): the caller reads the rest
/// of the file from that piece's start as one piece, which gives exactly the
/// whole stream's documents and error from there on (the CLI's runner does this,
/// `Lint.lintFiles`; `Linter.lint` of a piece only sets `readFailed`).
///
/// Only block streams whose line breaks are LF, CRLF or CR are cut: libyaml counts
/// those as this does. Streams with a Unicode line break (NEL, LS, PS), which libyaml
/// counts too, and flow (JSON) streams are one piece. UTF-8 beyond ASCII and a BOM are
/// cut like ASCII: a piece starts at a line start, and the reader maps libyaml's
/// character counts to bytes within the piece.
public enum FileSplitter {
    /// Exactly `count` pieces in file order, cut at the first `---` line at or after
    /// each `k * size / count`; pieces are empty where cuts coincide or run out. A
    /// stream that cannot be cut safely is all in the first piece.
    public static func pieces(_ bytes: [UInt8], count: Int) -> [FilePiece] {
        let count = max(1, count)
        let end = FilePiece(range: bytes.count..<bytes.count, line: 0)
        let whole = [FilePiece(range: 0..<bytes.count, line: 1)] + Array(repeating: end, count: count - 1)
        guard count > 1, bytes.count <= SourcePosition.maxInputBytes else { return whole }
        return bytes.withUnsafeBufferPointer { buffer -> [FilePiece] in
            guard ByteOffsetMap.isASCII(buffer) || !hasUnicodeLineBreak(buffer) else { return whole }
            let first = Reader.firstByte(afterBlanksIn: buffer)
            if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") { return whole }
            var out: [FilePiece] = []
            var start = 0, line = 1
            // Looked for once: each cut looked for a CR in the whole file twice, a memchr over all
            // of a file without one (a 30 MB file in 114 pieces: 6.8 GB of memchr, 0.3 s).
            let hasCR = hasCR(buffer)
            for k in 1..<count {
                let target = max(start + 1, Int((Double(buffer.count) * Double(k) / Double(count)).rounded()))
                var next = documentStart(in: buffer, from: target)
                // A piece holds a document: comments alone before a `---` (a file's header) are the next
                // document's in the whole file (`# probelint ignore=` before its first node), so they stay with it.
                // Nor is a `---` cut away from a `# probelint ignore=` above it, which covers the document
                // that starts there (`IgnoreComments.taken`).
                // Each line is read once for the cuts looked at here (a cut each `---`: re-read from the
                // piece's start each time, a file of 200,000 comment-only documents took minutes).
                var content = (seen: false, readTo: start)
                var directive: (readTo: Int, found: Bool)?
                while let cut = next {
                    if !content.seen {
                        content = (!holdsNoContent(buffer, from: content.readTo, to: cut), cut)
                    }
                    let found = directive.map { directiveAfterContent(buffer, from: $0.readTo, to: cut, found: $0.found) }
                        ?? directiveAbove(buffer, at: cut, after: start)
                    directive = (cut, found)
                    guard followsSeparatorLine(buffer, at: cut) || !content.seen || found else { break }
                    next = documentStart(in: buffer, from: cut + 1)
                }
                guard let cut = next else { break }
                out.append(FilePiece(range: start..<cut, line: line))
                line += lineBreaks(in: buffer, from: start, to: cut, hasCR: hasCR)
                start = cut
            }
            out.append(FilePiece(range: start..<buffer.count, line: line))
            return out + Array(repeating: FilePiece(range: buffer.count..<buffer.count, line: line), count: count - out.count)
        }
    }

    /// The offset of the first line at or after `from` that is `---` followed by a
    /// blank, a line break or the end, after a line feed (libc memchr from line break to line
    /// break; CRLF's line breaks end in one too). Never after a CR alone: kubectl cuts nothing
    /// there, and the reader refuses the document that follows one (`Builder.crSeparatorError`),
    /// which a piece starting there would not.
    static func documentStart(in buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < buffer.count, let base = buffer.baseAddress else { return nil }
        if from == 0, isDocumentStart(buffer, at: 0) { return 0 }
        var at = max(from - 1, 0)
        while at < buffer.count, let hit = memchr(base + at, 0x0A, buffer.count - at) {
            let start = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            if start < buffer.count && buffer[start] == UInt8(ascii: "-") && isDocumentStart(buffer, at: start) { return start }
            at = start
        }
        return nil
    }

    /// Whether `buffer[from..<to]` holds only blank lines, comments and `---` lines: no node
    /// of a document. Stops at the first line with content, which is nearly always the first
    /// line after the piece's `---`.
    static func holdsNoContent(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Bool {
        var i = from
        while i < to {
            var first = i
            while first < to, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
            var end = first
            while end < to, buffer[end] != 0x0A, buffer[end] != 0x0D { end += 1 }
            let blankOrComment = first == end || buffer[first] == UInt8(ascii: "#")
            let separator = first == i && isDocumentStart(buffer, at: first) && (first + 3 == end || {
                var j = first + 3
                while j < end, buffer[j] == 0x20 || buffer[j] == 0x09 { j += 1 }
                return j == end || buffer[j] == UInt8(ascii: "#")
            }())
            if !blankOrComment && !separator { return false }
            i = end + 1
        }
        return true
    }

    /// Whether the lines just above the `---` line at `cut` (back to `start` or the last line
    /// with a node: blank lines, comments and `---` lines) hold a comment that names probelint.
    static func directiveAbove(_ buffer: UnsafeBufferPointer<UInt8>, at cut: Int, after start: Int) -> Bool {
        var lineEnd = cut
        while lineEnd > start {
            var lineStart = lineEnd - 1  // the line break that ends the line above
            while lineStart > start, buffer[lineStart - 1] != 0x0A, buffer[lineStart - 1] != 0x0D { lineStart -= 1 }
            guard let named = namesProbelintWithoutANode(buffer, lineStart..<lineEnd) else { return false }
            if named { return true }
            lineEnd = lineStart
        }
        return false
    }

    /// Of the line `line` (its break, if any, at its end): nil when it holds a node; else whether
    /// it names probelint (blank lines, comments and `---` lines hold no node).
    static func namesProbelintWithoutANode(_ buffer: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool? {
        var first = line.lowerBound
        while first < line.upperBound, buffer[first] == 0x20 || buffer[first] == 0x09 { first += 1 }
        let blank = first >= line.upperBound || buffer[first] == 0x0A || buffer[first] == 0x0D
        guard blank || buffer[first] == UInt8(ascii: "#") || (first == line.lowerBound && isDocumentStart(buffer, at: first)) else { return nil }
        return !line.isEmpty && ByteSearch.find(UnsafeBufferPointer(rebasing: buffer[line]), "robelint", from: 0) != nil
    }

    /// `found` (whether a comment that names probelint stands since the last line with a node,
    /// as of `from`) after the lines from `from` to `to` (line starts), read forward.
    static func directiveAfterContent(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, found: Bool) -> Bool {
        var found = found, lineStart = from
        while lineStart < to {
            var lineEnd = lineStart
            while lineEnd < to, buffer[lineEnd] != 0x0A, buffer[lineEnd] != 0x0D { lineEnd += 1 }
            switch namesProbelintWithoutANode(buffer, lineStart..<lineEnd) {
            case nil: found = false
            case true?: found = true
            case false?: break
            }
            lineStart = lineEnd + 1
        }
        return found
    }

    /// Whether the line before `start` (a line's start) is a `---` line. kubectl keeps a `---`
    /// that follows one it dropped (`SeparatorLines`), and a piece must start at one it drops,
    /// so no piece starts at the second of two `---` lines.
    static func followsSeparatorLine(_ buffer: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start > 0 else { return false }
        var end = start - 1  // the line break before `start`
        if end > 0 && buffer[end] == 0x0A && buffer[end - 1] == 0x0D { end -= 1 }
        var lineStart = end
        while lineStart > 0 && buffer[lineStart - 1] != 0x0A && buffer[lineStart - 1] != 0x0D { lineStart -= 1 }
        return isDocumentStart(buffer, at: lineStart)
    }

    static func isDocumentStart(_ buffer: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        i + 3 <= buffer.count && buffer[i] == UInt8(ascii: "-") && buffer[i + 1] == UInt8(ascii: "-")
            && buffer[i + 2] == UInt8(ascii: "-")
            && (i + 3 == buffer.count || [0x20, 0x09, 0x0A, 0x0D].contains(buffer[i + 3]))
    }

    /// Whether the UTF-8 bytes hold a line break libyaml counts beyond LF and CR:
    /// NEL (U+0085), LINE SEPARATOR (U+2028) or PARAGRAPH SEPARATOR (U+2029).
    static func hasUnicodeLineBreak(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        // Lead bytes with memchr, which is fast over mostly ASCII text; then the rest of the sequence.
        func any(_ lead: UInt8, _ rest: (Int) -> Bool) -> Bool {
            var at = 0
            while at < buffer.count, let hit = memchr(base + at, Int32(lead), buffer.count - at) {
                let i = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                if rest(i) { return true }
                at = i + 1
            }
            return false
        }
        return any(0xC2) { LineBreak.unicodeLength(in: buffer, at: $0) > 0 } || any(0xE2) { LineBreak.unicodeLength(in: buffer, at: $0) > 0 }
    }

    static func hasCR(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return memchr(base, 0x0D, buffer.count) != nil
    }

    /// Line breaks in `from..<to` (`LineBreak`; a stream with one that only libyaml counts is read
    /// whole); `hasCR`: whether `buffer` has a CR.
    static func lineBreaks(in buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int, hasCR: Bool) -> Int {
        guard let base = buffer.baseAddress, from < to else { return 0 }
        var count = 0
        if !hasCR {
            // LF only: jump from one to the next.
            var at = from
            while at < to, let hit = memchr(base + at, 0x0A, to - at) {
                count += 1
                at = UnsafeRawPointer(hit) - UnsafeRawPointer(base) + 1
            }
            return count
        }
        var i = from
        while i < to {
            let lineBreak = LineBreak.length(in: buffer, at: i)
            if lineBreak > 0 { count += 1 }
            i += max(lineBreak, 1)
        }
        return count
    }
}
