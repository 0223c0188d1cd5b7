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

    /// Whether every byte is printable ASCII or a tab, eight bytes at a time: a word
    /// with no byte at or above 0x7F or below 0x20 is plain; any other word is checked bytewise.
    static func isPrintableASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func plain(_ byte: UInt8) -> Bool { (byte >= 0x20 && byte < 0x7F) || byte == 0x09 }
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // A high bit, a byte below 0x20, or a byte equal to 0x7F.
            if w & WordBytes.highs != 0 || WordBytes.hasByte(w, below: 0x20) || WordBytes.hasByte(w, equalTo: 0x7F) {
                for j in i..<i + 8 where !plain(bytes[j]) { return false }
            }
            i += 8
        }
        while i < bytes.count {
            if !plain(bytes[i]) { return false }
            i += 1
        }
        return true
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || (0x7F..<0xA0).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }
}
