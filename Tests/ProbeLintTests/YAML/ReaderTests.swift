import Testing
@testable import ProbeLint

@Suite struct ReaderTests {
    func doc(_ text: String) throws -> Document {
        try #require(try Reader.readAll(text).first)
    }

    func root(_ d: Document) throws -> NodeID { try #require(d.root) }

    /// Hand-computed positions: "a: 1\nbb:\n  c: xyz\n"
    /// offsets: a=0, 1@3, bb@5, c@11, xyz@14.
    @Test func positionsOfKeysAndValues() throws {
        let d = try doc("a: 1\nbb:\n  c: xyz\n")
        let entries = d.rawEntries(try root(d))
        #expect(entries.count == 2)
        #expect(d.range(entries[0].key).start == SourcePosition(offset: 0, line: 1, column: 1))
        #expect(d.range(entries[0].key).end == SourcePosition(offset: 1, line: 1, column: 2))
        #expect(d.range(entries[0].value).start == SourcePosition(offset: 3, line: 1, column: 4))
        #expect(d.range(entries[1].key).start == SourcePosition(offset: 5, line: 2, column: 1))
        let inner = d.rawEntries(entries[1].value)
        #expect(d.range(inner[0].key).start == SourcePosition(offset: 11, line: 3, column: 3))
        #expect(d.range(inner[0].value).start == SourcePosition(offset: 14, line: 3, column: 6))
        #expect(d.range(inner[0].value).end == SourcePosition(offset: 17, line: 3, column: 9))
        #expect(d.string(inner[0].value) == "xyz")
    }

    /// libyaml counts characters: after "# café\n" the key has index 7 but byte offset 8.
    @Test func multibyteCommentShiftsBytesNotColumns() throws {
        let d = try doc("# café\nk: é😀 v\nz: 1\n")
        let entries = d.rawEntries(try root(d))
        #expect(d.range(entries[0].key).start == SourcePosition(offset: 8, line: 2, column: 1))
        // "k: " then "é😀 v": value starts at byte 11, ends after 2+4+1+1 bytes.
        #expect(d.range(entries[0].value).start == SourcePosition(offset: 11, line: 2, column: 4))
        #expect(d.range(entries[0].value).end.offset == 19)
        #expect(d.range(entries[1].key).start == SourcePosition(offset: 20, line: 3, column: 1))
    }

    @Test func crlfAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: 1\r\nb: 2\r\n".utf8)
        let d = try #require(try Reader.readAll(bytes, file: "x").first)
        let entries = d.rawEntries(try #require(d.root))
        #expect(d.range(entries[0].key).start == SourcePosition(offset: 3, line: 1, column: 1))
        #expect(d.range(entries[1].key).start == SourcePosition(offset: 9, line: 2, column: 1))
        #expect(d.range(entries[1].value).start == SourcePosition(offset: 12, line: 2, column: 4))
    }

    @Test func quotedScalarRangeIncludesQuotesAndPlainStopsBeforeComment() throws {
        let d = try doc("t: \"5\"\nu: 7   # seven\n")
        let entries = d.rawEntries(try root(d))
        #expect(d.range(entries[0].value).bytes == 3..<6)
        #expect(d.style(entries[0].value) == .doubleQuoted)
        #expect(d.scalarValue(entries[0].value) == .string("5"))
        #expect(d.range(entries[1].value).bytes == 10..<11)
        #expect(d.scalarValue(entries[1].value) == .int(7))
    }

    @Test func multipleDocumentsKeepFileLines() throws {
        let docs = try Reader.readAll("a: 1\n---\nb: 2\n...\n---\nc: 3\n")
        #expect(docs.count == 3)
        #expect(docs.map(\.index) == [0, 1, 2])
        let c = docs[2].rawEntries(try #require(docs[2].root))[0].key
        #expect(docs[2].range(c).start.line == 6)
    }

    /// The reader hands each document its buffers and reads the next one into them
    /// when it was not kept: a kept Document must not change as later ones are read,
    /// and one read after a larger or a kept one must hold only its own nodes.
    @Test func keptDocumentsStayAsTheyWereRead() throws {
        let stream = "big: {a: 1, b: [2, 3], c: four}\n---\nsmall: 5\n---\nmid: [x, y]\n---\nlast: z\n"
        var kept: [Document] = []
        var seen: [[String]] = []
        try Reader.read(Array(stream.utf8), file: "s.yaml") { document in
            seen.append(Self.scalars(document))
            if document.index == 0 || document.index == 2 { kept.append(document) }
        }
        let expected = [["big", "a", "1", "b", "2", "3", "c", "four"], ["small", "5"], ["mid", "x", "y"], ["last", "z"]]
        #expect(seen == expected)
        #expect(kept.map(Self.scalars) == [expected[0], expected[2]])
        #expect(kept.map(\.nodeCount) == [11, 5])
        #expect(try Reader.readAll(stream).map(Self.scalars) == expected)
    }

    /// Every scalar's text, in node order.
    static func scalars(_ document: Document) -> [String] {
        (0..<document.nodeCount).map { NodeID($0) }.filter { document.kind($0) == .scalar }.map(document.string)
    }

    @Test func anchorsAndAliasesShareTheNode() throws {
        let d = try doc("base: &p {timeoutSeconds: 5}\nuse: *p\n")
        let entries = d.rawEntries(try root(d))
        #expect(entries[0].value == entries[1].value)
        #expect(d.style(entries[1].value) == .flow)
    }

    /// A key written after the merge wins; `entries` lists the merged keys where the `<<` is.
    /// (A key written before it is set again by it: KubectlMergeTests.)
    @Test func mergeKeysResolveWithALaterWrittenKeyWinning() throws {
        let d = try doc("""
            defaults: &d
              timeoutSeconds: 5
              periodSeconds: 10
            probe:
              <<: *d
              periodSeconds: 20
            """)
        let probe = try #require(d.lookup("probe", in: try root(d))?.value)
        #expect(d.lookup("timeoutSeconds", in: probe).map { d.scalarValue($0.value) } == .int(5))
        #expect(d.lookup("periodSeconds", in: probe).map { d.scalarValue($0.value) } == .int(20))
        #expect(d.entries(probe).map { d.string($0.key) } == ["timeoutSeconds", "periodSeconds"])
    }

    @Test func mergeOfAListOfMappings() throws {
        let d = try doc("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n")
        let c = try #require(d.lookup("c", in: try root(d))?.value)
        #expect(d.lookup("y", in: c).map { d.scalarValue($0.value) } == .int(2))
    }

    @Test func jsonInputIsAFlowStream() throws {
        let d = try doc(#"{"kind": "Pod", "spec": {"containers": [{"name": "a\u003cb"}]}}"#)
        #expect(d.isFlowStream)
        let spec = try #require(d.lookup("spec", in: try root(d))?.value)
        let containers = try #require(d.lookup("containers", in: spec)?.value)
        let first = try #require(d.items(containers).first)
        #expect(d.lookup("name", in: first).map { d.string($0.value) } == "a<b")
        #expect(d.range(try #require(d.lookup("spec", in: try root(d))?.key)).start.column == 17)
    }

    /// A tab typed as indentation is libyaml's bare "found character that cannot start any
    /// token": the context says it is a tab. A tab after a key's colon is a separator, and fine;
    /// another character that starts no token gets no tab hint.
    @Test func aTabThatStartsNoTokenIsNamed() throws {
        for text in ["a:\n\tb: 1\n", "a:\n  b: 1\n  c:\n\t- x\n", "# é\nk: [1,\n\t@]\n"] {
            do {
                _ = try Reader.readAll(text, file: "tab.yaml")
                Issue.record("expected an error for \(text.debugDescription)")
            } catch {
                let tab = text.hasPrefix("a:")
                #expect(error.message.hasSuffix("a tab: YAML indents with spaces only)") == tab, "\(error.message)")
            }
        }
        #expect(try Reader.readAll("a:\t1\n").count == 1)
    }

    /// A binary file (NUL bytes, more than one in its first 8 KiB) says so, without the snippet
    /// that was a row of U+FFFD; a control character in text keeps its snippet (one stray NUL
    /// too: HostileInputTests).
    @Test func aBinaryFileIsNamedSo() throws {
        let elf: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00] + Array(repeating: 0x41, count: 40)
        do {
            _ = try Reader.readAll(elf, file: "prog.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .reader)
            #expect(error.message == "control characters are not allowed (byte 0x7f at offset 0; a NUL byte at offset 7: a binary file (or UTF-16 text), not a UTF-8 manifest)")
            #expect(error.snippet == nil)
        }
        do {
            _ = try Reader.readAll(Array("a: \u{1}b\n".utf8), file: "ctl.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "control characters are not allowed (byte 0x01 at offset 3)")
            #expect(error.snippet != nil)
        }
    }

    @Test func parseErrorCarriesPositionAndLibyamlProblem() {
        #expect(throws: YAMLError.self) { try Reader.readAll("a: b: c\n", file: "bad.yaml") }
        do {
            _ = try Reader.readAll("a: 1\nb: c: d\n", file: "bad.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .scanner)
            #expect(error.problem == "mapping values are not allowed in this context")
            #expect(error.position.line == 2)
            #expect(error.position.column == 5)
            #expect(error.description.hasPrefix("bad.yaml:2:5: error: scanner: mapping values are not allowed"))
            #expect(error.snippet == "b: c: d\n    ^")
        }
    }

    /// An error at the end of a file whose last line has no line break is placed after that
    /// line's last character, on a line the file has (libyaml's mark moves past the last line
    /// at the end of the stream), and the snippet shows the same line. With a final line break
    /// the position is libyaml's own.
    @Test(arguments: [
        ("apiVersion: v1\nkind: Pod\nmetadata: [a, b", 3, 16, "metadata: [a, b\n               ^"),
        ("a: b\nc", 2, 2, "c\n ^"),
        ("a: b\nné: [é", 2, 7, "né: [é\n      ^"),
        ("a: b\r\nc", 2, 2, "c\n ^"),
        ("apiVersion: v1\nkind: Pod\nmetadata: [a, b\n", 4, 1, "\n^"),
    ])
    func anErrorAtTheEndIsOnTheLastLine(text: String, line: Int, column: Int, snippet: String) throws {
        do {
            _ = try Reader.readAll(text, file: "end.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.position.line == line && error.position.column == column, "\(error.description)")
            #expect(error.snippet == snippet)
        }
    }

    /// On a long line the snippet is some 200 bytes around the error, `…` where it is cut,
    /// and the caret under the character the column names (ASCII and two-byte characters).
    @Test(arguments: ["x", "é"], [20, 300, 3000])
    func snippetOfALongLineKeepsTheCaretUnderTheError(filler: String, count: Int) throws {
        let line = "k: \"" + String(repeating: filler, count: count) + "\" x: 1"
        do {
            _ = try Reader.readAll(line + "\n", file: "long.yaml")
            Issue.record("expected an error")
        } catch {
            let snippet = try #require(error.snippet).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            try #require(snippet.count == 2)
            let caret = snippet[1].count - 1
            #expect(snippet[1].allSatisfy { $0 == " " || $0 == "^" } && snippet[1].last == "^")
            let shown = Array(snippet[0]), written = Array(line)
            #expect(shown[caret] == written[error.position.column - 1], "\(snippet[0])")
            #expect(snippet[0].hasPrefix("…") == (count > 150))
            #expect(snippet[0].count <= 202)
        }
    }

    @Test func undefinedAliasIsAnError() {
        do {
            _ = try Reader.readAll("a: *nope\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .composer)
            #expect(error.problem == "found undefined alias 'nope'")
            #expect(error.position == SourcePosition(offset: 3, line: 1, column: 4))
        }
    }

    @Test func duplicateKeysAreRejectedAsKubernetesDoes() {
        do {
            _ = try Reader.readAll("a: 1\nb: 2\na: 3\n", file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == "duplicate key 'a'")
            #expect(error.context == "first defined at line 1, column 1")
            #expect(error.position.line == 3)
        }
    }

    /// Read as kustomize reads a kustomization file, a key written twice is its last value,
    /// in a small mapping and in one large enough for the dictionary check; a merge key that
    /// is no mapping is still refused.
    @Test func duplicateKeysTakenAsKustomizeTakesThemInAKustomization() throws {
        let limits = KustomizationPatches.readerLimits()
        let many = (0..<40).map { "k\($0): \($0)\n" }.joined()
        for yaml in ["a: 1\nb: 2\na: 3\n", many + "a: 1\na: 3\n"] {
            let document = try #require(try Reader.readAll(Array(yaml.utf8), file: "k.yaml", limits: limits).first)
            let root = try #require(document.root)
            #expect(document.lookup("a", in: root).map { document.string($0.value) } == "3")
        }
        #expect(throws: YAMLError.self) { try Reader.readAll(Array("a: 1\n<<: 2\n".utf8), file: "k.yaml", limits: limits) }
    }

    /// A key given twice early in an outer mapping is the error, not a later one inside a mapping
    /// that closes first; a repeated key whose own value holds the other is decoded after it.
    @Test(arguments: [
        ("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", 2, "a"),
        ("x:\n  a: 1\n  a: 2\n  b: [{c: 1, c: 2}]\n", 3, "a"),
        ("a: 1\nb:\n  - k: 1\n    k: 2\nb: 3\n", 4, "k"),
        ("a: 1\na:\n  c: 1\n  c: 2\n", 4, "c"),
    ])
    func theFirstRepeatedKeyInTheFileIsTheError(yaml: String, line: Int, key: String) {
        do {
            _ = try Reader.readAll(yaml, file: "x.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.problem == "duplicate key '\(key)'" && error.position.line == line, "\(error)")
        }
    }

    @Test func billionLaughsIsRefusedNotExpanded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 {
            let refs = Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(refs)]\n"
        }
        do {
            _ = try Reader.readAll(text, file: "lol.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .limit)
            #expect(error.problem.hasPrefix("aliases expand to more than 1000000 nodes"))
            #expect(error.position.line == 6)  // a5: 10 aliases of a4 (111,111 nodes each) pass 1,000,000
        }
    }

    @Test func depthLimit() {
        var limits = ReaderLimits()
        limits.maxDepth = 3
        #expect(throws: YAMLError.self) { try Reader.readAll("a: {b: {c: {d: 1}}}\n", limits: limits) }
        #expect((try? Reader.readAll("a: {b: {c: 1}}\n", limits: limits))?.count == 1)
    }

    @Test func utf16IsRefused() {
        do {
            _ = try Reader.readAll([0xFF, 0xFE, 0x61, 0x00], file: "u16.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .encoding)
        }
    }

    @Test func emptyInputHasNoDocuments() throws {
        #expect(try Reader.readAll("").isEmpty)
        #expect(try Reader.readAll("# only a comment\n").isEmpty)
    }

    @Test(arguments: [
        ("5", ScalarValue.int(5)), ("-3", .int(-3)), ("0x1F", .int(31)), ("1.5", .float(1.5)), ("true", .bool(true)),
        ("on", .bool(true)), ("null", .null), ("~", .null), ("abc", .string("abc")),
        ("99999999999999999999", .bigInt("99999999999999999999")),
        // As go-yaml v2 reads them for kubectl (strconv.ParseInt base 0, then 0b): a leading
        // 0 is octal (`defaultMode: 0644` is 420), `0b` binary; `08` is no octal number and
        // reaches the API server as 8; a bad digit after a prefix makes a string.
        ("010", .int(8)), ("0644", .int(420)), ("-017", .int(-15)), ("0o17", .int(15)), ("0b11", .int(3)),
        ("-0b101", .int(-5)), ("00", .int(0)), ("0", .int(0)), ("08", .int(8)), ("0b12", .string("0b12")), ("0o8", .string("0o8")),
    ])
    func plainScalarResolution(text: String, expected: ScalarValue) throws {
        let d = try doc("v: \(text)\n")
        let v = try #require(d.lookup("v", in: try root(d))?.value)
        #expect(d.scalarValue(v) == expected)
    }
}
