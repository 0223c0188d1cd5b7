/// Text for the XML reports (`-o checkstyle`, `-o junit`).
enum XMLText {
    /// Text for an attribute in single quotes: the five markup characters as entities; control
    /// characters and bidirectional overrides replaced as for the terminal (`TerminalText`), and
    /// the two noncharacters XML 1.0 does not allow (U+FFFE, U+FFFF) too.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in TerminalText.escape(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "'": out += "&apos;"
            case "\"": out += "&quot;"
            case "\t": out += "&#9;"
            case "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Element text: lines kept, each made safe as an attribute is.
    static func escapeLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { escape(String($0)) }.joined(separator: "\n")
    }
}
