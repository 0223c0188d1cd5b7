/// Text from an input file made safe to print on a terminal.
///
/// A hostile file can put escape sequences (ESC, CSI, OSC) or bidirectional
/// overrides into an error snippet, a key or a name. Each control character
/// (C0 except tab, DEL, C1), the line and paragraph separators U+2028/U+2029
/// and each bidi control becomes U+FFFD, one column
/// wide, so a snippet's caret stays under the right column.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        // Printable ASCII and tabs (nearly every text) return as they are.
        if text.withContiguousUTF8(isPrintableASCII) { return text }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    /// Escapes each line of a multi-line text and keeps the line breaks.
    public static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    /// Whether every byte is printable ASCII or a tab, eight bytes at a time: the words'
    /// tests are gathered without a branch, the last (short) word read as the last eight
    /// bytes, and only a text with a flagged word (a tab, a control byte, DEL or non-ASCII)
    /// is checked byte by byte.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func plain(_ byte: UInt8) -> Bool { (byte >= 0x20 && byte < 0x7F) || byte == 0x09 }
        guard let base = bytes.baseAddress else { return true }
        guard bytes.count >= 8 else { return bytes.allSatisfy(plain) }
        let raw = UnsafeRawPointer(base)
        var flagged: UInt64 = 0
        var i = 0
        while i + 8 < bytes.count {
            flagged |= mayNotBePrintable(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        flagged |= mayNotBePrintable(raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        return flagged == 0 || bytes.allSatisfy(plain)
    }

    /// Nonzero when a byte of `word` is below 0x20 or at or above 0x7F (DEL, non-ASCII),
    /// and zero when every byte is printable ASCII (0x20 to 0x7E). `word + 1…` sets the high
    /// bit of a 0x7F byte (a byte that carries out is 0xFF, flagged itself);
    /// `WordBytes.hasByte(_:below:)`'s test flags a byte below 0x20.
    @inline(__always)
    static func mayNotBePrintable(_ word: UInt64) -> UInt64 {
        ((word &+ WordBytes.ones) | word | ((word &- 0x20 &* WordBytes.ones) & ~word)) & WordBytes.highs
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || (0x7F..<0xA0).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }
}
