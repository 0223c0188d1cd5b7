/// Splices edits into a file's original bytes and works out where an absent
/// field goes, so that everything the edits do not touch survives byte for byte.
public enum Splicer {
    /// Applies edits in one ascending pass that copies the gaps between them.
    /// Overlapping edits are an error, never resolved by choosing one. Insertions at one
    /// byte go the deepest first (`Edit.indent`), those of one depth in their order.
    public static func apply(_ edits: [Edit], to bytes: [UInt8], file: String) throws(FixError) -> [UInt8] {
        // `sorted(by:)` is stable: equal keys keep their order.
        let sorted = edits.sorted {
            ($0.bytes.lowerBound, $0.bytes.upperBound, -$0.indent) < ($1.bytes.lowerBound, $1.bytes.upperBound, -$1.indent)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + sorted.reduce(0) { $0 + $1.replacement.utf8.count })
        var cursor = 0
        var previous: Edit?
        for edit in sorted {
            guard edit.bytes.lowerBound >= 0, edit.bytes.upperBound <= bytes.count else {
                throw .overlappingEdits(file: file, first: edit.bytes, second: 0..<bytes.count)
            }
            // Insertions at one point are kept in order; ranges that share a byte overlap.
            if let previous, edit.bytes.lowerBound < previous.bytes.upperBound {
                throw .overlappingEdits(file: file, first: previous.bytes, second: edit.bytes)
            }
            out += bytes[cursor..<edit.bytes.lowerBound]
            out += Array(edit.replacement.utf8)
            cursor = edit.bytes.upperBound
            previous = edit
        }
        out += bytes[cursor...]
        return out
    }

    /// The file's own line ending, from its first line break: CRLF, LF or a lone CR.
    public static func lineEnding(_ bytes: [UInt8]) -> String {
        guard let first = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return "\n" }
        guard bytes[first] == 0x0D else { return "\n" }
        return first + 1 < bytes.count && bytes[first + 1] == 0x0A ? "\r\n" : "\r"
    }

    /// The edit that inserts `key: value` as a new entry of a block mapping
    /// whose last entry's value is `lastValue`, at `indent` spaces: after the
    /// end of that value (a nested mapping, a list or a multi-line scalar
    /// included), on its own line, with the file's line ending. A file without
    /// a final newline keeps having none.
    public static func insertion(key: String, value: Int, indent: Int, after lastValue: NodeID, in document: Document,
                                 bytes: [UInt8]) -> Edit {
        let end = contentEnd(lastValue, in: document)
        let line = String(repeating: " ", count: indent) + "\(key): \(value)"
        // The new line ends as the line it follows does (a file of mixed endings keeps each
        // part's); after a last line without a break, as the file's first line does.
        var offset = min(end, bytes.count)
        if offset > 0 && (bytes[offset - 1] == 0x0A || bytes[offset - 1] == 0x0D) {
            let lineBreak = bytes[offset - 1] == 0x0A && offset >= 2 && bytes[offset - 2] == 0x0D ? offset - 2 : offset - 1
            if bytes[offset - 1] == 0x0D && offset < bytes.count && bytes[offset] == 0x0A { offset += 1 }
            return Edit(bytes: offset..<offset, replacement: line + lineEnding(at: lineBreak, in: bytes), indent: indent)
        }
        while offset < bytes.count && bytes[offset] != 0x0A && bytes[offset] != 0x0D { offset += 1 }
        guard offset < bytes.count else { return Edit(bytes: offset..<offset, replacement: lineEnding(bytes) + line, indent: indent) }
        let eol = lineEnding(at: offset, in: bytes)
        offset += eol.utf8.count
        return Edit(bytes: offset..<offset, replacement: line + eol, indent: indent)
    }

    /// The line break that starts at `offset` (a CR or an LF there).
    static func lineEnding(at offset: Int, in bytes: [UInt8]) -> String {
        guard bytes[offset] == 0x0D else { return "\n" }
        return offset + 1 < bytes.count && bytes[offset + 1] == 0x0A ? "\r\n" : "\r"
    }

    /// Whether what ends at `lastValue` is a block scalar (`|`, `>`, not `|-`) that the file
    /// ends in without a line break: a line inserted after it would give its text a final
    /// line break it does not have (clip and keep chomping keep one), so nothing can go there.
    /// The scalar's line, or nil.
    static func openBlockScalar(endingAt lastValue: NodeID, in document: Document, bytes: [UInt8]) -> Int? {
        var id = lastValue
        while document.style(id) == .block {
            if document.kind(id) == .mapping, let last = document.rawEntries(id).last {
                id = last.value
            } else if document.kind(id) == .sequence, let last = document.items(id).last {
                id = last
            } else {
                return nil
            }
        }
        guard document.kind(id) == .scalar, document.style(id) == .literal || document.style(id) == .folded else { return nil }
        let range = document.range(id)
        guard range.end.offset >= bytes.count || !bytes[range.end.offset...].contains(where: { $0 == 0x0A || $0 == 0x0D }),
              range.end.offset > 0, bytes[min(range.end.offset, bytes.count) - 1] != 0x0A, bytes[min(range.end.offset, bytes.count) - 1] != 0x0D
        else { return nil }
        // The header's chomping indicator, after the `|` or `>` (an anchor or a tag before it,
        // `&run-it |`, may hold a `-` too): `|-` strips the final line break, so one added changes nothing.
        let line = bytes[min(range.start.offset, bytes.count)...].prefix { $0 != 0x0A && $0 != 0x0D }
        guard let indicator = line.firstIndex(where: { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: ">") }) else { return nil }
        let header = line[(indicator + 1)...].prefix { $0 != UInt8(ascii: "#") }
        return header.contains(UInt8(ascii: "-")) ? nil : range.start.line
    }

    /// Byte offset where a node's written content ends. libyaml ends a block
    /// collection at the next token, which may be lines further on after blank
    /// lines and comments, so a block collection ends where its last child ends.
    static func contentEnd(_ id: NodeID, in document: Document) -> Int {
        let range = document.range(id)
        switch document.kind(id) {
        case .scalar:
            return range.end.offset
        case .mapping where document.style(id) == .block:
            guard let last = document.rawEntries(id).last else { return range.end.offset }
            return max(document.range(last.key).end.offset, contentEnd(last.value, in: document))
        case .sequence where document.style(id) == .block:
            guard let last = document.items(id).last else { return range.end.offset }
            return contentEnd(last, in: document)
        case .mapping, .sequence:
            return range.end.offset
        }
    }
}
