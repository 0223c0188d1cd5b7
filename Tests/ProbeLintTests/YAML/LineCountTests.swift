import Testing
@testable import ProbeLint

/// Positions count lines as editors, GitHub and SARIF viewers do (LF, CR LF, CR), though
/// libyaml's marks also break lines at NEL, LS and PS (YAML 1.1): a U+2028 in a quoted
/// string moved every later finding one line down, while its byte offset was right.
@Suite struct LineCountTests {
    /// The position of byte `offset` counted from the bytes: lines after LF, CR LF or CR;
    /// a column per UTF-8 lead byte from the line's start, after a BOM.
    static func reference(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        var line = 1, start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0, i = 0
        while i < offset {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 >= bytes.count || bytes[i + 1] != 0x0A)) {
                line += 1
                start = i + 1
            }
            i += 1
        }
        return (line, 1 + (start..<offset).count { bytes[$0] & 0xC0 != 0x80 })
    }

    /// libyaml breaks lines at NEL, LS and PS even inside quotes, so that is where a valid
    /// stream has them.
    @Test(arguments: [
        "a: \"x\u{2028}y\"\nb: 1\nc: [2, 3]\n",
        "\u{FEFF}a: \"\u{85}\u{2029}\"\nb: 'é\u{2028}z'\nc: {d: 4}\n",
        "a: \"x\u{2028}\n  y\u{85}z\"\nb: 'é\u{85}'\r\nc:\r\n  - 5\r\n",
        "a: 'one\u{2028}two'\rb: \"\u{2029}\"\rc: 3\r",
        "{\"a\": \"x\u{2028}y\", \"b\": 1,\n \"c\": 2}\n",
    ])
    func nodePositionsCountLinesAsEditorsDo(_ source: String) throws {
        let bytes = Array(source.utf8)
        let doc = try #require(try Reader.readAll(bytes, file: "x.yaml").first)
        let root = try #require(doc.root)
        for key in ["b", "c"] {
            let entry = try #require(doc.lookup(key, in: root))
            for node in [entry.key, entry.value] {
                let start = doc.range(node).start
                let expected = Self.reference(bytes, start.offset)
                #expect(start.line == expected.line && start.column == expected.column, "\(key) at byte \(start.offset): \(start) in \(source.debugDescription)")
            }
        }
    }

    /// An error's position and the line its context names are counted the same way.
    @Test func errorPositionsCountLinesAsEditorsDo() {
        let source = "a: \"x\u{2028}y\"\nb: [1,\n  2\nc: 3\n"
        let error = #expect(throws: YAMLError.self) { try Reader.readAll(source, file: "x.yaml") }
        let bytes = Array(source.utf8)
        if let position = error?.position {
            let expected = Self.reference(bytes, position.offset)
            #expect(position.line == expected.line && position.column == expected.column, "\(position)")
        }
        #expect(error?.context?.contains("at line 2, column 4") == true, "\(String(describing: error?.context))")
    }
}
