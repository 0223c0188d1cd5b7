internal import CYAML

/// Hands libyaml's scanner the input as its working buffer, already decoded,
/// when libyaml's reader would accept every character of it unchanged.
///
/// libyaml reads in two steps. Its reader (`yaml_parser_update_buffer`) decodes
/// the input a character at a time into a working buffer, checking each one: valid
/// UTF-8 in its shortest form, no control character, no surrogate. Its scanner and
/// parser then read only that buffer, counting marks in characters. For an input
/// that passes every check, the decoded buffer is the input itself, byte for byte
/// (after a UTF-8 BOM, which the reader skips). The reader was 9 % of probelint's
/// instructions and 16 % of the floor's (`bench/README.md`).
///
/// So such an input is put in the working buffer as the reader leaves it at the end
/// of its input: every character in place, libyaml's end-of-input NUL after them,
/// `eof` set, nothing left in the raw buffer. The reader then returns at its first
/// test every time it is asked for more (`yaml_parser_update_buffer`: "If the EOF
/// flag is set and the raw buffer is empty, do nothing"); the scanner and the parser
/// run unchanged over every character, with every error and mark of their own.
///
/// Any other input is read by libyaml's own reader through `InputFeed`, so that its
/// errors are libyaml's: invalid UTF-8, a control character, UTF-16; and so is an
/// input as large as a limit (the feed enforces the scalar and document limits while
/// libyaml reads). A test reads every test manifest and corpus file both ways and
/// compares the documents and errors (`PrimedInputTests`).
///
/// The fields set here are public members of `yaml_parser_t` (yaml.h), written
/// before the first event is pulled; libyaml's own buffer is put back before
/// `yaml_parser_delete` frees it.
struct PrimedInput {
    /// The input, a NUL and zero padding: libyaml's scanner peeks up to four
    /// characters ahead without asking the reader once it has reached the end.
    private let storage: UnsafeMutablePointer<UInt8>
    /// libyaml's own working buffer (`start`, `end`), restored for `yaml_parser_delete`.
    private let ownStart: UnsafeMutablePointer<yaml_char_t>?
    private let ownEnd: UnsafeMutablePointer<yaml_char_t>?

    static let padding = 16
    /// The largest input primed: the copy is held while the input is read.
    static let maxBytes = 8 << 20
    /// Primes `parser` (initialised, input handler set, nothing read yet) with
    /// `buffer` when it may; nil when libyaml's reader must read it.
    static func prime(_ parser: inout yaml_parser_t, with buffer: UnsafeBufferPointer<UInt8>,
                      limits: ReaderLimits) -> PrimedInput? {
        guard buffer.count > 0, buffer.count <= maxBytes,
              buffer.count < limits.maxScalarBytes, buffer.count < limits.maxDocumentBytes else { return nil }
        // libyaml's reader skips a UTF-8 BOM: its marks count from after it (`ByteOffsetMap`).
        let bom = buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0
        let text = UnsafeBufferPointer(rebasing: buffer[bom...])
        guard let base = text.baseAddress, let characters = acceptedCharacters(text) else { return nil }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count + padding)
        storage.update(from: base, count: text.count)
        (storage + text.count).initialize(repeating: 0, count: padding)
        let primed = PrimedInput(storage: storage, ownStart: parser.buffer.start, ownEnd: parser.buffer.end)
        parser.buffer.start = storage
        parser.buffer.pointer = storage
        parser.buffer.last = storage + text.count + 1  // the NUL, as libyaml's reader adds it at the end
        parser.buffer.end = storage + text.count + padding
        parser.unread = characters + 1
        parser.encoding = YAML_UTF8_ENCODING
        parser.offset = buffer.count
        parser.eof = 1
        return primed
    }

    /// Puts libyaml's own buffer back and frees the copy; call before `yaml_parser_delete`.
    func release(_ parser: inout yaml_parser_t) {
        parser.buffer.start = ownStart
        parser.buffer.pointer = ownStart
        parser.buffer.last = ownStart
        parser.buffer.end = ownEnd
        parser.unread = 0
        storage.deallocate()
    }

    /// The number of characters of `bytes` when libyaml's reader accepts every one and
    /// so writes them to its buffer unchanged; nil when it would not. Accepted: valid
    /// UTF-8 in its shortest form, each character one YAML allows (a tab, a line break,
    /// `0x20...0x7E`, U+0085, U+00A0...U+D7FF, U+E000...U+FFFD, U+10000...U+10FFFF), as
    /// `yaml_parser_update_buffer` checks them. Eight ASCII bytes per step: a word with
    /// no byte below `0x20` or above `0x7E` passes with a few operations.
    static func acceptedCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        // Characters are the bytes less each multi-byte character's trailing bytes.
        var i = 0, trailingBytes = 0
        while i < count {
            while i + 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                guard word & WordBytes.highs == 0 else { break }
                guard isPlainWord(word) else { return nil }
                i += 8
            }
            guard i < count else { break }
            let lead = bytes[i]
            if lead < 0x80 {
                guard lead >= 0x20 && lead <= 0x7E || lead == 0x0A || lead == 0x09 || lead == 0x0D else { return nil }
                i += 1
                continue
            }
            // libyaml's reader: the width from the lead byte, then the trailing bytes, the shortest form and the range.
            let width = lead & 0xE0 == 0xC0 ? 2 : lead & 0xF0 == 0xE0 ? 3 : lead & 0xF8 == 0xF0 ? 4 : 0
            guard width > 0, i + width <= count else { return nil }
            var value = UInt32(lead) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
            for k in 1..<width {
                let trailing = bytes[i + k]
                guard trailing & 0xC0 == 0x80 else { return nil }
                value = value << 6 | UInt32(trailing & 0x3F)
            }
            i += width
            trailingBytes += width - 1
            let shortest = width == 2 ? value >= 0x80 : width == 3 ? value >= 0x800 : value >= 0x10000
            guard shortest, value == 0x85 || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                    || (0x10000...0x10FFFF).contains(value) else { return nil }
        }
        return count - trailingBytes
    }

    /// Whether eight ASCII bytes are each a tab, a line break or `0x20...0x7E`.
    @inline(__always)
    private static func isPlainWord(_ word: UInt64) -> Bool {
        let controls = WordBytes.bytes(word, below: 0x20), deletes = WordBytes.bytes(word, equalTo: 0x7F)
        if controls == 0 && deletes == 0 { return true }
        let allowed = WordBytes.bytes(word, equalTo: 0x0A) | WordBytes.bytes(word, equalTo: 0x09) | WordBytes.bytes(word, equalTo: 0x0D)
        return deletes == 0 && controls & ~allowed == 0
    }
}
