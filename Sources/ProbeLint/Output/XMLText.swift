/// Text for the XML reports (`-o checkstyle`, `-o junit`), written as bytes: the markup
/// characters as entities; control characters and bidirectional overrides replaced as for the
/// terminal (`TerminalText`), and the two noncharacters XML 1.0 does not allow (U+FFFE, U+FFFF)
/// too. Printable ASCII (nearly every text) is copied in runs between the bytes replaced, eight
/// bytes tested at a time (`ByteText.append(utf8:replacing:wordMayNeedReplacing:)`): escaped a
/// Unicode scalar at a time into a `String`, `-o junit` took six times as long as `-o text`.
enum XMLText {
    /// Text for an attribute in single quotes.
    static func append(_ text: String, to out: inout ByteText) {
        text.withContiguousUTF8 { append(utf8: $0, to: &out) }
    }

    /// UTF-8 text for an attribute: printable ASCII copied in runs, anything else made safe first.
    private static func append(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteText) {
        if TerminalText.isPrintableASCII(bytes) {
            out.append(utf8: bytes, replacing: replacement, wordMayNeedReplacing: mayNeedReplacement)
        } else {
            out.append(safeText(String(decoding: bytes, as: UTF8.self)), replacing: replacement,
                       wordMayNeedReplacing: mayNeedReplacement)
        }
    }

    /// Element text: lines kept, each made safe as an attribute is (a line break is the one
    /// control character kept; CR LF is one character, and replaced as the others are).
    static func appendLines(utf8 bytes: UnsafeBufferPointer<UInt8>, to out: inout ByteText) {
        func endsLine(_ i: Int) -> Bool {
            i == bytes.count || (bytes[i] == UInt8(ascii: "\n") && (i == 0 || bytes[i - 1] != UInt8(ascii: "\r")))
        }
        var start = 0
        for i in 0...bytes.count where endsLine(i) {
            if i > start { append(utf8: UnsafeBufferPointer(rebasing: bytes[start..<i]), to: &out) }
            if i < bytes.count { out.append(UInt8(ascii: "\n")) }
            start = i + 1
        }
    }

    /// Text for an attribute, as a `String` (headers, footers, tests).
    static func escape(_ text: String) -> String {
        var out = ByteText(capacity: text.utf8.count + 16)
        append(text, to: &out)
        return out.string
    }

    /// `text` without what the terminal and XML 1.0 do not take; markup still to be replaced.
    private static func safeText(_ text: String) -> String {
        let safe = TerminalText.escape(text)
        guard safe.unicodeScalars.contains(where: isNoncharacter) else { return safe }
        var out = String.UnicodeScalarView()
        for scalar in safe.unicodeScalars { out.append(isNoncharacter(scalar) ? "\u{FFFD}" : scalar) }
        return String(out)
    }

    private static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool { scalar == "\u{FFFE}" || scalar == "\u{FFFF}" }

    static func replacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "'"): return "&apos;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "\t"): return "&#9;"
        default: return nil
        }
    }

    /// Whether eight bytes may hold one that `replacement` replaces.
    @inline(__always)
    static func mayNeedReplacement(_ w: UInt64) -> Bool {
        WordBytes.hasByte(w, equalTo: UInt8(ascii: "&")) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "<"))
            || WordBytes.hasByte(w, equalTo: UInt8(ascii: ">")) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "'"))
            || WordBytes.hasByte(w, equalTo: UInt8(ascii: "\"")) || WordBytes.hasByte(w, equalTo: UInt8(ascii: "\t"))
    }
}
