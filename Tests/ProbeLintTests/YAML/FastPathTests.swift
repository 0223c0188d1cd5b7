import Testing
@testable import ProbeLint

/// The byte-level fast paths of the reader and scalar resolution agree with the
/// general code they short-cut.
@Suite struct FastPathTests {
    static let plainScalars = [
        "", "~", "null", "Null", "NULL", "nul", "true", "True", "yes", "on", "y", "N", "off", "0", "7", "-5", "+5", "007",
        "-0", "123456789012345678", "1234567890123456789", "99999999999999999999", "0x1F", "0o17", "1_000", "+", "-", "010", "-0644", "08", "0b11",
        "1.5", "-.inf", ".nan", "1e3", "10s", "rook-ceph", "Ceph", "٣", "½", "quay.io/ceph/ceph:v18.2.4", "3Gi", "500m",
    ]

    @Test(arguments: plainScalars)
    func bytePathResolvesLikeTheStringPath(_ text: String) {
        // Compared as text so that .nan equals itself.
        #expect("\(Array(text.utf8).withUnsafeBufferPointer { Document.resolvePlain($0) })" == "\(Document.resolvePlain(text))")
    }

    /// `isStringScalar` decides most words from their first bytes: it agrees with `scalarValue`
    /// on every plain scalar above, on command words, and quoted and tagged.
    @Test func stringCheckMatchesScalarValue() throws {
        let words = Self.plainScalars + ["-c", "-i", "--admin-daemon", "-.5", "+.inf", "-1", "+1", ".5", ".inf", ".Inf", "./run.sh",
                                         "nginx", "no", "NO", "false", "FALSE", "falsey", "Off", "offset", "y", "yes!", "~x", "0.0.0.0:80",
                                         "'5'", "\"true\"", "!!str 5", "!!int 5", "! 5", "!!bool yes", "[a]", "{a: b}"]
        let yaml = "items:\n" + words.map { $0.isEmpty ? "- \"\"" : "- \($0)" }.joined(separator: "\n") + "\n"
        let doc = try #require(try Reader.readAll(yaml).first)
        let root = try #require(doc.root)
        let list = try #require(doc.lookup("items", in: root)?.value)
        #expect(doc.items(list).count == words.count)
        for (word, item) in zip(words, doc.items(list)) {
            let slow = doc.kind(item) == .scalar && doc.scalarValue(item).isString
            #expect(doc.isStringScalar(item) == slow, "\(word)")
        }
    }

    @Test func nullCheckMatchesScalarValue() throws {
        let docs = try Reader.readAll("a: ~\nb: null\nc:\nd: 'null'\ne: !!null null\nf: !!str null\ng: NULL\nh: x\ni: !!null \"\"\nj: !!null 'x'\n")
        let doc = try #require(docs.first)
        let root = try #require(doc.root)
        for (key, value) in doc.rawEntries(root) {
            #expect(doc.isNull(value) == (doc.scalarValue(value) == .null), "key \(doc.string(key))")
        }
        #expect(doc.rawEntries(root).filter { doc.isNull($0.value) }.map { doc.string($0.key) } == ["a", "b", "c", "e", "g", "i"])
    }

    /// An explicit core tag reads the text as its type whatever the style, as go-yaml does:
    /// canonical YAML (PyYAML's `canonical=True`) quotes every scalar and tags it. Text the
    /// tag cannot hold stays a string, which the model reports as the wrong type.
    @Test func explicitTagsResolveInAnyStyle() throws {
        let yaml = """
            a: !!bool "false"
            b: !!bool 'yes'
            c: !!bool "maybe"
            d: !!null ""
            e: !!null "x"
            f: !!int "443"
            g: !!float "1.5"
            h: !!str true
            i: "false"
            j: !!int "0x1F"
            k: !!bool |-
              true

            """
        let doc = try #require(try Reader.readAll(yaml).first)
        let root = try #require(doc.root)
        let values = doc.rawEntries(root).map { doc.scalarValue($0.value) }
        #expect(values == [.bool(false), .bool(true), .string("maybe"), .null, .string("x"), .int(443), .float(1.5),
                           .string("true"), .string("false"), .int(31), .bool(true)])
    }

    /// `plainDecimal` gives an integer exactly where `scalarValue` resolves a plain decimal
    /// one, and nil for quoted, tagged, other numbers and collections.
    @Test func plainDecimalMatchesScalarValue() throws {
        let yaml = "a: 42\nb: -3\nc: +7\nd: '42'\ne: !!int 42\nf: 0x1F\ng: 1_000\nh: 4.5\ni: 1234567890123456789\n"
            + "j: 007\nk: ten\nl: [1]\nm: {n: 1}\no: \"8\"\np:\n"
        let doc = try #require(try Reader.readAll(yaml).first)
        let root = try #require(doc.root)
        var found: [String: Int] = [:]
        for (key, value) in doc.rawEntries(root) {
            let n = doc.plainDecimal(value)
            if let n {
                found[doc.string(key)] = n
                #expect(doc.scalarValue(value) == .int(n), "key \(doc.string(key))")
            }
        }
        // `007` is octal (7, and `010` would be 8): the general path reads it.
        #expect(found == ["a": 42, "b": -3, "c": 7])
    }

    @Test func tagsSurviveAsIndexes() throws {
        let doc = try #require(try Reader.readAll("a: !!str 5\nb: !!int '6'\nc: !custom 7\nd: 8\ne: !!str 9\n").first)
        let root = try #require(doc.root)
        let values = doc.rawEntries(root).map { doc.scalarValue($0.value) }
        #expect(values == [.string("5"), .int(6), .string("7"), .int(8), .string("9")])
        #expect(doc.tag(doc.rawEntries(root)[0].value) == "tag:yaml.org,2002:str")
        #expect(doc.tag(doc.rawEntries(root)[3].value) == nil)
    }

    @Test func duplicateKeysFoundInSmallAndLargeMappings() {
        let small = "a: 1\nb: 2\na: 3\n"
        let large = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n") + "\nk7: again\n"
        for (text, line) in [(small, 3), (large, 41)] {
            #expect(throws: YAMLError.self) { try Reader.readAll(text) }
            do { _ = try Reader.readAll(text) } catch {
                #expect(error.position.line == line)
                #expect(error.message.contains("duplicate key"))
            }
        }
        #expect((try? Reader.readAll("<<: {a: 1}\n<<: {b: 2}\nab: 1\nba: 2\n")) != nil)
    }

    /// The character-to-byte map skips ASCII eight bytes at a time in a file that is
    /// not pure ASCII: every plain scalar's range still holds exactly its text, at the
    /// column its line's characters give, across short and long runs and wide characters.
    @Test func offsetsOfNonASCIIFilesPointAtEachScalar() throws {
        var lines = ["# Ceph — Rook’s operator: naïve 😀 comment"]
        for i in 0..<60 {
            let pad = String(repeating: "x", count: i % 19)
            let wide = ["é", "—", "😀", "", "日本"][i % 5]
            lines.append("k\(i)\(pad): v\(wide)\(pad)w\(i)")
            lines.append("s\(i): [a\(wide), \(pad)b, c\(wide)\(wide)]")
        }
        let text = lines.joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        let doc = try #require(try Reader.readAll(text).first)
        var checked = 0
        func visit(_ node: NodeID) {
            switch doc.kind(node) {
            case .mapping:
                for (key, value) in doc.rawEntries(node) { visit(key); visit(value) }
            case .sequence:
                for item in doc.items(node) { visit(item) }
            case .scalar:
                let range = doc.range(node)
                #expect(Array(bytes[range.start.offset..<range.end.offset]) == Array(doc.string(node).utf8))
                var lineStart = range.start.offset
                while lineStart > 0 && bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
                let column = bytes[lineStart..<range.start.offset].filter { $0 & 0xC0 != 0x80 }.count + 1
                #expect(range.start.column == column)
                #expect(range.start.line == bytes[..<range.start.offset].filter { $0 == 0x0A }.count + 1)
                checked += 1
            }
        }
        visit(try #require(doc.root))
        #expect(checked == 60 * 2 + 60 * 4)
    }
}
