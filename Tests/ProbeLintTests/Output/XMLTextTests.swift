import Testing
@testable import ProbeLint

/// The XML reports escape text as bytes, in runs between the bytes replaced. They must give
/// what escaping one Unicode scalar at a time gives (the reporters' first way, kept here as
/// the reference), for any text: markup, tabs, CR LF, terminal controls, bidirectional
/// overrides, XML's two noncharacters, and text of every length around the eight-byte words.
@Suite struct XMLTextTests {
    /// A scalar at a time: the terminal's replacements first, then the markup as entities.
    static func reference(_ text: String) -> String {
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

    /// Lines kept (split as `String.split` splits them: CR LF is one character), each escaped.
    static func referenceLines(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { reference(String($0)) }.joined(separator: "\n")
    }

    static let pieces = ["a", "probe timeout", "&", "<", ">", "'", "\"", "\t", "\r\n", "\n", "\r", "\u{1B}[31m", "\u{202E}",
                         "\u{FFFE}", "\u{FFFF}", "é", "🙂", "\u{7F}", "\u{85}", "&amp;"]

    /// Every pair of pieces, each around runs of plain text of 0 to 9 bytes.
    static var texts: [String] {
        var texts: [String] = [""]
        for first in pieces {
            for second in pieces {
                for run in [0, 1, 7, 8, 9] {
                    let plain = String(repeating: "x", count: run)
                    texts.append(plain + first + plain + second + plain)
                }
            }
        }
        return texts
    }

    @Test func attributesAreEscapedAsScalarByScalar() {
        for text in Self.texts {
            #expect(XMLText.escape(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }

    @Test func elementTextKeepsItsLines() {
        for text in Self.texts + ["line one\nline <two>\n", "\n\n", "a\r\nb\nc"] {
            var out = ByteText()
            text.withContiguousUTF8 { XMLText.appendLines(utf8: $0, to: &out) }
            #expect(out.string == Self.referenceLines(text), "\(text.debugDescription)")
        }
    }
}
