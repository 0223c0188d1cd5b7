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
    /// The input's bytes after a BOM, and its characters.
    private let count: Int
    private let characters: Int
    /// The input's size, BOM included (libyaml's reader counts it in `offset`).
    private let inputCount: Int
    /// libyaml's own working buffer (`start`, `end`), kept by `install` for `uninstall`.
    private var ownStart: UnsafeMutablePointer<yaml_char_t>?
    private var ownEnd: UnsafeMutablePointer<yaml_char_t>?

    static let padding = 16
    /// The largest input primed: the copy is held while the input is read.
    static let maxBytes = 8 << 20

    /// Whether every character is one byte: libyaml's marks count bytes (`ByteOffsetMap`).
    var isASCII: Bool { characters == count }

    /// The decoded copy of `buffer` when libyaml's reader would accept every character
    /// of it unchanged; nil when libyaml's reader must read it. Checked and copied in one
    /// pass (`copyAccepted`).
    init?(_ buffer: UnsafeBufferPointer<UInt8>, limits: ReaderLimits) {
        guard buffer.count > 0, buffer.count <= Self.maxBytes,
              buffer.count < limits.maxScalarBytes, buffer.count < limits.maxDocumentBytes else { return nil }
        // libyaml's reader skips a UTF-8 BOM: its marks count from after it (`ByteOffsetMap`).
        let bom = buffer.utf8BOMLength
        let text = UnsafeBufferPointer(rebasing: buffer[bom...])
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: text.count + Self.padding)
        guard let characters = Self.copyAccepted(text, to: storage) else {
            storage.deallocate()
            return nil
        }
        (storage + text.count).initialize(repeating: 0, count: Self.padding)
        self.storage = storage
        count = text.count
        self.characters = characters
        inputCount = buffer.count
    }

    /// Puts the copy in `parser`'s working buffer (initialised, input handler set,
    /// nothing read yet), as libyaml's reader leaves it at the end of its input.
    mutating func install(_ parser: inout yaml_parser_t) {
        ownStart = parser.buffer.start
        ownEnd = parser.buffer.end
        parser.buffer.start = storage
        parser.buffer.pointer = storage
        parser.buffer.last = storage + count + 1  // the NUL, as libyaml's reader adds it at the end
        parser.buffer.end = storage + count + Self.padding
        parser.unread = characters + 1
        parser.encoding = YAML_UTF8_ENCODING
        parser.offset = inputCount
        parser.eof = 1
    }

    /// Puts libyaml's own buffer back; call before `yaml_parser_delete`.
    func uninstall(_ parser: inout yaml_parser_t) {
        parser.buffer.start = ownStart
        parser.buffer.pointer = ownStart
        parser.buffer.last = ownStart
        parser.buffer.end = ownEnd
        parser.unread = 0
    }

    /// Frees the copy (after `uninstall`).
    func deallocate() { storage.deallocate() }

    /// The number of characters of `bytes` when libyaml's reader accepts every one and
    /// so writes them to its buffer unchanged; nil when it would not.
    static func acceptedCharacters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { scratch.deallocate() }
        return copyAccepted(bytes, to: scratch)
    }

    /// Copies `bytes` to `out` (room for `bytes.count`) while checking that libyaml's
    /// reader accepts every character; returns the number of characters, or nil when it
    /// would not accept one (`out` then holds a part). Accepted: valid UTF-8 in its
    /// shortest form, each character one YAML allows (a tab, a line break, `0x20...0x7E`,
    /// U+0085, U+00A0...U+D7FF, U+E000...U+FFFD, U+10000...U+10FFFF), as
    /// `yaml_parser_update_buffer` checks them. Eight ASCII bytes per step: a word of
    /// printable ASCII passes with a few operations, and is stored as it is loaded (one
    /// pass over the input, not a check and a copy).
    static func copyAccepted(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base), into = UnsafeMutableRawPointer(out)
        let count = bytes.count
        // Characters are the bytes less each multi-byte character's trailing bytes.
        var i = 0, trailingBytes = 0
        while i < count {
            i = copyPlainBlocks(raw, into, from: i, count: count)
            while i &+ 8 <= count {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                guard word & WordBytes.highs == 0 else { break }
                guard isPlainWord(word) else { return nil }
                into.storeBytes(of: word, toByteOffset: i, as: UInt64.self)
                i &+= 8
            }
            guard i < count else { break }
            let lead = bytes[i]
            out[i] = lead
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
                out[i + k] = trailing
            }
            i += width
            trailingBytes += width - 1
            let shortest = width == 2 ? value >= 0x80 : width == 3 ? value >= 0x800 : value >= 0x10000
            guard shortest, value == 0x85 || (0xA0...0xD7FF).contains(value) || (0xE000...0xFFFD).contains(value)
                    || (0x10000...0x10FFFF).contains(value) else { return nil }
        }
        return count - trailingBytes
    }

    /// Copies the 16-byte blocks from `start` on while every byte is a tab, a line break or
    /// `0x20...0x7E`; returns where it stopped (at a block holding anything else, or
    /// fewer than 16 bytes before the end), for the word and byte steps to go on from.
    /// One vector test a block and no branch on its contents: the word step's branch
    /// on line feeds (in about one word in four) went the wrong way 260,000 times on the
    /// 5 MB benchmark corpus (callgrind's branch simulation).
    @inline(__always)
    private static func copyPlainBlocks(_ raw: UnsafeRawPointer, _ into: UnsafeMutableRawPointer, from start: Int, count: Int) -> Int {
        let space = SIMD16<UInt8>(repeating: 0x20), printableSpan = SIMD16<UInt8>(repeating: 0x7F - 0x20)
        let lineFeed = SIMD16<UInt8>(repeating: 0x0A), tab = SIMD16<UInt8>(repeating: 0x09)
        let carriageReturn = SIMD16<UInt8>(repeating: 0x0D)
        var i = start
        while i &+ 16 <= count {
            let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            // `byte - 0x20` wraps below 0x20, so one unsigned test is the printable range.
            let accepted = ((block &- space) .< printableSpan) .| (block .== lineFeed) .| (block .== tab) .| (block .== carriageReturn)
            guard all(accepted) else { break }
            into.storeBytes(of: block, toByteOffset: i, as: SIMD16<UInt8>.self)
            i &+= 16
        }
        return i
    }

    /// Whether eight ASCII bytes are each a tab, a line break or `0x20...0x7E`. Most
    /// words are all printable; most others hold a line feed and nothing else outside it.
    @inline(__always)
    private static func isPlainWord(_ word: UInt64) -> Bool {
        let others = WordBytes.nonPrintableBytes(word)
        if others == 0 { return true }
        let lineFeeds = WordBytes.bytes(word, equalTo: 0x0A)
        if others & ~lineFeeds == 0 { return true }
        let allowed = lineFeeds | WordBytes.bytes(word, equalTo: 0x09) | WordBytes.bytes(word, equalTo: 0x0D)
        return others & ~allowed == 0
    }
}
