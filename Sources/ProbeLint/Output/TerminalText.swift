/// Text from an input file made safe to print on a terminal.
///
/// A hostile file can put escape sequences (ESC, CSI, OSC) or bidirectional
/// overrides into an error snippet, a key or a name. Each control character
/// (C0 except tab, DEL, C1), the line and paragraph separators U+2028/U+2029
/// and each bidi control becomes U+FFFD, one column
/// wide, so a snippet's caret stays under the right column.
public enum TerminalText {
    public static func escape(_ text: String) -> String {
        // Printable ASCII and tabs (nearly every text) are checked byte by byte.
        var utf8 = text
        let plain = utf8.withUTF8 { bytes in !bytes.contains { ($0 < 0x20 && $0 != 0x09) || $0 >= 0x7F } }
        if plain { return text }
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { out.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    /// Escapes each line of a multi-line text and keeps the line breaks.
    public static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }

    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return (v < 0x20 && v != 0x09) || (0x7F..<0xA0).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2066...0x2069).contains(v)
    }
}
