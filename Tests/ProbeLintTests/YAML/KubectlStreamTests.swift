import Foundation
import Testing
@testable import ProbeLint

/// Streams that libyaml reads but kubectl refuses are input errors here too, at the place
/// kubectl stops, and the streams kubectl reads are read: each case goes through the real
/// kubectl (`kubectl annotate --local -o json`) and through the Reader.
@Suite struct KubectlStreamTests {
    static let configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"

    /// kubectl cuts a stream at lines that start with `---` and refuses one with anything but
    /// a comment after the dashes; libyaml would start the document there.
    static let separators: [(yaml: String, refusedAt: (line: Int, column: Int)?)] = [
        ("--- {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n", (1, 5)),
        ("--- null\n", (1, 5)),
        ("--- &a\n", (1, 5)),
        ("--- !!map\n" + configMap, (1, 5)),
        (configMap + "--- |\n  text\n", (4, 5)),
        ("---  # a comment\n" + configMap, nil),
        ("---\n---\n" + configMap + "---\n", nil),
        ("---\r\n" + configMap.replacingOccurrences(of: "\n", with: "\r\n"), nil),
        ("--- # one\n" + configMap + "...\n--- # two\n" + configMap, nil),
        // A line inside a value or a key that starts with `---` and goes on: libyaml reads text,
        // kubectl a separator it refuses (a PEM block in a quoted value, a key `---x`, `----`).
        (configMap + "data:\n  ca.crt: \"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\"\n", (7, 1)),
        (configMap + "---x: 1\n", (4, 1)),
        (configMap + "data:\n  a: b\n----: c\n", (6, 1)),
        ("---x: 1\n" + configMap, (1, 1)),
        (configMap + "data:\n  a: \"x\n    ---y\"\n  b: |\n    ---z\n", nil),
        // Such a line that libyaml fails on later, at what follows it: the error is kubectl's,
        // at the line, where it was libyaml's on the next one ("could not find expected ':'",
        // "mapping values are not allowed in this context").
        (configMap + "----\n" + configMap, (4, 1)),
        (configMap + "---- # c\n" + configMap, (4, 1)),
        (configMap + "-----BEGIN\n" + configMap, (4, 1)),
        (configMap + "--- --- \n" + configMap, (4, 1)),
        (configMap + "---  x\n" + configMap, (4, 1)),
        (configMap + "---\t# c\n" + configMap, nil),
        // Line breaks that are CR alone: kubectl's line ends at a line feed, so a '---' with more
        // after its CR goes on (refused), and one document read whole is read.
        ("---\r" + configMap.replacingOccurrences(of: "\n", with: "\r"), (1, 1)),
        (configMap + "---\r" + configMap.replacingOccurrences(of: "\n", with: "\r"), (4, 1)),
        (configMap.replacingOccurrences(of: "\n", with: "\r"), nil),
        ("# a comment\r---\n" + configMap, nil),
        (configMap + "--- \r\n" + configMap, nil),
    ]

    /// A '---' after a CR alone cuts nothing to kubectl, whose go-yaml reads the first document of
    /// each piece: the objects after it would never reach the cluster, and the file is refused
    /// here at that '---', where all of them were linted.
    @Test func aSeparatorAfterALoneCRIsRefusedWhereKubectlDropsTheDocument() throws {
        let yaml = (Self.configMap + "---\n" + Self.configMap.replacingOccurrences(of: "name: x", with: "name: y"))
            .replacingOccurrences(of: "\n", with: "\r")
        let kubectl = try KubectlScalarsTests.kubectlJSON(yaml)
        #expect(kubectl.status == 0 && kubectl.stdout.contains("\"name\": \"x\"") && !kubectl.stdout.contains("\"name\": \"y\""), "\(kubectl.stdout)")
        do {
            _ = try Reader.readAll(yaml)
            Issue.record("read")
        } catch {
            #expect([error.position.line, error.position.column] == [4, 1] && error.message.contains("CR alone"), "\(error.message)")
        }
        // A comment ended by a lone CR: to kubectl the '---' is on the comment's line, and cuts nothing.
        let afterComment = Self.configMap + "# a\r---\n" + Self.configMap.replacingOccurrences(of: "name: x", with: "name: y")
        let dropped = try KubectlScalarsTests.kubectlJSON(afterComment)
        #expect(dropped.status == 0 && !dropped.stdout.contains("\"name\": \"y\""), "\(dropped.stdout)")
        #expect(throws: YAMLError.self) { try Reader.readAll(afterComment) }
        // After a line feed it cuts, and both are read.
        #expect(try Reader.readAll(Self.configMap + "# a\n---\r\n" + Self.configMap).count == 2)
        // An empty document between kubectl's cut and the '---' after a CR is none to go-yaml's
        // first read: kubectl applies both, and they are read (a review: it was refused).
        let second = Self.configMap.replacingOccurrences(of: "name: x", with: "name: other")
        let empty = Self.configMap + "---\n# comment\r---\n" + second
        let both = try KubectlScalarsTests.kubectlJSON(empty)
        #expect(both.status == 0 && both.stdout.contains("\"name\": \"other\""), "\(both.stdout)")
        #expect(try Reader.readAll(empty).count == 3)  // a's, the empty one, y's
        // A '---' line whose comment runs on past a lone CR: kubectl drops the line with what
        // follows the CR, document and all; refused here, where that document was linted.
        for swallowed in [Self.configMap + "--- # x\r" + second.replacingOccurrences(of: "\n", with: "\r"),
                          Self.configMap + "---\r# c\r" + second.replacingOccurrences(of: "\n", with: "\r")] {
            let lost = try KubectlScalarsTests.kubectlJSON(swallowed)
            #expect(lost.status == 0 && !lost.stdout.contains("\"name\": \"other\""), "\(lost.stdout)")
            do {
                _ = try Reader.readAll(swallowed)
                Issue.record("read: \(swallowed.debugDescription)")
            } catch {
                #expect([error.position.line, error.position.column] == [4, 1] && error.message.contains("kubectl drops the whole line"), "\(error.message)")
            }
        }
    }

    @Test(arguments: separators.indices)
    func contentOnASeparatorLineIsRefusedAsByKubectl(_ index: Int) throws {
        let (yaml, refusedAt) = Self.separators[index]
        let kubectl = try Self.expectRefusedAsByKubectl(yaml, at: refusedAt)
        if refusedAt != nil { #expect(kubectl.stderr.contains("invalid Yaml document separator"), "\(kubectl.stderr)") }
    }

    /// `yaml` is refused by the real kubectl exactly when the Reader refuses it, and then at
    /// `refusedAt`, with a message that says kubectl refuses it. Returns kubectl's run.
    @discardableResult
    static func expectRefusedAsByKubectl(_ yaml: String, at refusedAt: (line: Int, column: Int)?) throws -> TestSupport.Run {
        let kubectl = try KubectlScalarsTests.kubectlJSON(yaml)
        #expect((kubectl.status != 0) == (refusedAt != nil), "kubectl on \(yaml.debugDescription): \(kubectl.stderr)")
        do {
            _ = try Reader.readAll(yaml)
            #expect(refusedAt == nil, "\(yaml.debugDescription) was read")
        } catch {
            #expect(refusedAt.map { [$0.line, $0.column] } == [error.position.line, error.position.column], "\(error.message)")
            #expect(error.message.contains("kubectl refuses"), "\(error.message)")
        }
        return kubectl
    }
}

extension KubectlStreamTests {
    static let object = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}"#

    /// JSON that kubectl reads and JSON it refuses (a YAML flow mapping, a comment, a trailing
    /// comma, `---` after the object, every kind of bad token): each the object above with
    /// something after its metadata.
    static let jsonStreams: [String] = [
        object + #", "data": {"a": "1", "b": "\u00e9\n", "c": "\/"}}"#,
        object + ", \"data\": {\"a\": \"1\"}}\n" + object + "}",
        object + "}" + object + "}\n",
        "\u{FEFF}" + object + "}\n",
        "\n  " + object + "}\n",
        object + ", \"n\": [1, -0.5, 1e3, 2E-2, 0, true, false, null, {}, []]}",
        object + ", \"data\": {\"a\": \"1\",}}",
        object + ", data: {a: b}}",
        object + ", 'data': {}}",
        object + "} // a comment",
        object + "}\n# a comment\n",
        object + "}\n---\n",
        object + ", \"n\": 01}",
        object + ", \"n\": .5}",
        object + ", \"n\": -}",
        object + ", \"n\": 1.}",
        object + ", \"n\": 1e}",
        object + ", \"n\": tru}",
        object + ", \"n\" 1}",
        object + ", \"n\": [1,]}",
        object + ", \"s\": \"a\tb\"}",
        object + ", \"s\": \"a\u{01}b\"}",
        object + ", \"s\": \"\\q\"}",
        object + ", \"s\": \"\\u12\"}",
        object + ",\r\n  \"data\": {\r\n    \"a\": 'b'}}",
        "{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}",
    ]

    /// kubectl's `json: offset N: MESSAGE` (N counts the bytes read up to and with the bad one).
    static func kubectlSyntaxError(_ stderr: String) -> (offset: Int, message: String)? {
        guard let range = stderr.range(of: #"json: offset \d+: .*"#, options: .regularExpression) else { return nil }
        let text = stderr[range].dropFirst("json: offset ".count)
        let number = text.prefix { $0.isNumber }
        return (Int(number)!, String(text.dropFirst(number.count + 2)).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test(arguments: jsonStreams.indices)
    func aStreamThatStartsWithABraceIsJSONAsForKubectl(_ index: Int) throws {
        let stream = Self.jsonStreams[index]
        let kubectl = try KubectlScalarsTests.kubectlJSON(stream)
        let bytes = Array(stream.utf8)
        do {
            _ = try Reader.readAll(bytes, file: "j.json")
            #expect(kubectl.status == 0, "probelint read \(stream.debugDescription), kubectl refused it: \(kubectl.stderr)")
        } catch {
            #expect(kubectl.status != 0, "probelint refused \(stream.debugDescription) (\(error.message)), kubectl read it")
            // Where kubectl names the bad byte, probelint points at it with the same words.
            if let (offset, message) = Self.kubectlSyntaxError(kubectl.stderr) {
                #expect(error.position.offset + 1 == offset, "\(error.message) at \(error.position.offset), kubectl: \(kubectl.stderr)")
                #expect(error.message.contains(message), "\(error.message), kubectl: \(message)")
                let reference = bytes.withUnsafeBufferPointer { JSONSyntax.position(of: error.position.offset, in: $0) }
                #expect(error.position == reference)
            } else {
                #expect(kubectl.stderr.contains("unexpected EOF") && error.message.contains("does not end"), "\(kubectl.stderr)")
            }
        }
    }
}

extension KubectlStreamTests {
    /// Keys and directives that go-yaml and sigs.k8s.io/yaml refuse: a collection or a null as
    /// a key ("invalid map key", "unsupported map key"), and a `%YAML` or `%TAG` directive
    /// before the first document (kubectl cuts at `---` first, leaving it without a document).
    /// Scalar keys of other types become strings, and a directive after a first document and
    /// its `...` is read with that document.
    static let keysAndDirectives: [(yaml: String, refusedAt: (line: Int, column: Int)?)] = [
        (configMap + "data:\n  ? {a: 1}\n  : x\n", (5, 5)),
        (configMap + "data:\n  [a]: x\n", (5, 3)),
        (configMap + "data:\n  ~: x\n", (5, 3)),
        (configMap + "data:\n  null: x\n", (5, 3)),
        (configMap + "data:\n  !!null \"\": x\n", (5, 3)),
        (configMap + "data:\n  1: x\n  true: y\n  \"null\": z\n  1.5: w\n", nil),
        (configMap + "data:\n  k: &s v\n  *s : w\n", nil),
        ("%YAML 1.1\n---\n" + configMap, (1, 1)),
        ("%YAML 1.2\n---\n" + configMap, (1, 1)),
        ("# a comment\n%TAG !e! tag:example.com,2000:\n---\n" + configMap, (2, 1)),
        (configMap + "...\n%YAML 1.1\n---\n" + configMap, nil),
    ]

    @Test(arguments: keysAndDirectives.indices)
    func keysAndDirectivesAreRefusedAsByKubectl(_ index: Int) throws {
        let (yaml, refusedAt) = Self.keysAndDirectives[index]
        try Self.expectRefusedAsByKubectl(yaml, at: refusedAt)
    }
}

extension KubectlStreamTests {
    /// A `---` and then a `...` with nothing between: kubectl drops a `---` line when it cuts
    /// the stream there, unless it is the stream's first line or follows one it dropped
    /// (`SeparatorLines`), and go-yaml refuses a piece that starts with `...`.
    static let documentEnds: [(yaml: String, refusedAt: (line: Int, column: Int)?)] = [
        ("---\n...\n---\n" + configMap, nil),
        ("---\n# a comment\n...\n---\n" + configMap, nil),
        ("\u{FEFF}---\n...\n" + "---\n" + configMap, nil),
        ("# a comment\n---\n...\n", (3, 1)),
        ("\n---\n...\n", (3, 1)),
        ("---\n---\n...\n", (3, 1)),
        (configMap + "---\n...\n", (5, 1)),
        (configMap + "---\n# a comment\n\n...\n", (7, 1)),
        (configMap + "---\r\n...\r\n", (5, 1)),
        (configMap + "---\n---\n...\n", nil),
        (configMap + "---\n---\n---\n...\n", (7, 1)),
        (configMap + "---\n...\n...\n", (5, 1)),
        (configMap + "...\n...\n---\n" + configMap, nil),
        (configMap + "---\n~\n...\n", nil),
        (configMap + "---\n!!null\n...\n", nil),
        (configMap + "...\n%YAML 1.1\n--- {a: 1}\n", (6, 5)),
    ]

    @Test(arguments: documentEnds.indices)
    func aDocumentEndAfterADroppedSeparatorIsRefusedAsByKubectl(_ index: Int) throws {
        let (yaml, refusedAt) = Self.documentEnds[index]
        try Self.expectRefusedAsByKubectl(yaml, at: refusedAt)
    }
}

extension KubectlStreamTests {
    /// kubectl reads the first document of each piece between `---` lines and nothing after
    /// its `...`: the second object here is skipped without a word. libyaml refuses it ("did
    /// not find expected <document start>"), and the error says what kubectl would do.
    @Test(arguments: ["", "%YAML 1.1\n"])
    func contentAfterADocumentEndIsRefusedWithWhatKubectlWouldDo(_ directive: String) throws {
        let first = Self.configMap, second = first.replacingOccurrences(of: "name: x", with: "name: skipped")
        let yaml = first + "...\n" + directive + second + "---\n" + first
        let kubectl = try KubectlScalarsTests.kubectlJSON(yaml)
        #expect(kubectl.status == 0 && !kubectl.stdout.contains("skipped"), "\(kubectl.stdout)\(kubectl.stderr)")
        let error = try #require(throws: YAMLError.self) { try Reader.readAll(yaml) }
        let line = directive.isEmpty ? 5 : 6
        #expect(error.position.line == line && error.position.column == 1)
        #expect(error.message.contains("kubectl reads nothing after a '...'"), "\(error.message)")
    }
}

extension KubectlStreamTests {
    /// A byte order mark at the start of a line past the file's first: kubectl drops it only at
    /// the start of a document (after a `---` line, or a second one at the file's start), and
    /// otherwise reads it as part of a key (`"\u{FEFF}data"`); libyaml counts it as a
    /// column. probelint refuses the document and names the mark. A mark before a comment or
    /// nothing moves nothing, and the error there is the file's own. `kubectl`: what kubectl's
    /// JSON holds, nil where kubectl refuses the file.
    static let byteOrderMarks: [(yaml: String, kubectl: String?, named: Bool)] = [
        (configMap + "---\n\u{FEFF}" + configMap.replacingOccurrences(of: "name: x", with: "name: second"), #""name": "second""#, true),
        (configMap + "\u{FEFF}data: {}\n", "\"\u{FEFF}data\": {}", true),
        (configMap + "data:\n  a: b\n\u{FEFF}  c: d\n", "\"\u{FEFF}  c\": \"d\"", true),
        ("\u{FEFF}\u{FEFF}" + configMap, #""apiVersion": "v1""#, true),
        (configMap + "---\n\u{FEFF}# a comment\n" + configMap + "data: [\n", nil, false),
    ]

    @Test(arguments: byteOrderMarks.indices)
    func aByteOrderMarkPastTheFilesStartIsNamed(_ index: Int) throws {
        let (yaml, read, named) = Self.byteOrderMarks[index]
        let kubectl = try KubectlScalarsTests.kubectlJSON(yaml)
        #expect((kubectl.status == 0) == (read != nil), "\(kubectl.stderr)")
        if let read { #expect(kubectl.stdout.contains(read), "\(kubectl.stdout)") }
        let error = try #require(throws: YAMLError.self) { try Reader.readAll(yaml) }
        #expect(error.message.contains("byte order mark") == named, "\(error.message)")
        // Both of kubectl's readings, which depend on what comes before the mark (it said
        // "unless it follows a '---' line" of a mark that did).
        if named { #expect(error.message.contains("kubectl skips it at the start of a document and reads it as part of a key elsewhere"), "\(error.message)") }
    }
}

extension KubectlStreamTests {
    /// Files kubectl reads after a change of their text, refused here as input errors: bytes
    /// that are no UTF-8 (kubectl makes each a U+FFFD) and UTF-16 (kubectl decodes it after its
    /// byte order mark; libyaml's reader here takes UTF-8 only).
    @Test(arguments: [
        (Array((configMap + "data: {a: x").utf8) + [0xFF] + Array("y}\n".utf8), "invalid leading UTF-8 octet"),
        (Array((configMap + "data: {a: x").utf8) + [0xED, 0xA0, 0x80] + Array("}\n".utf8), "invalid Unicode character"),
        ([0xFF, 0xFE] + (configMap + "data: {a: x}\n").utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }, "UTF-16"),
    ] as [([UInt8], String)])
    func textKubectlChangesIsRefused(_ bytes: [UInt8], _ problem: String) throws {
        let kubectl = try KubectlScalarsTests.kubectlJSON(bytes: bytes)
        #expect(kubectl.status == 0 && kubectl.stdout.contains(#""name": "x""#), "\(kubectl.stderr)")
        let error = try #require(throws: YAMLError.self) { try Reader.readAll(bytes, file: "t.yaml") }
        #expect(error.message.contains(problem), "\(error.message)")
    }
}

extension KubectlStreamTests {
    /// kubectl decodes each JSON number as a 64-bit float and refuses the file at one beyond it
    /// ("cannot unmarshal number 1e400 into Go value of type float64"), after the grammar.
    @Test(arguments: ["1e400", "-1E+400", "[1, 2e309]", String(repeating: "9", count: 309), "-" + String(repeating: "9", count: 309),
                      "1e308", "1e-400", String(repeating: "9", count: 308), "0." + String(repeating: "9", count: 400)])
    func aJSONNumberBeyondAFloatIsRefusedAsByKubectl(_ number: String) throws {
        let stream = Self.object + ", \"n\": \(number)}\n" + Self.object + "}\n"
        let kubectl = try KubectlScalarsTests.kubectlJSON(stream)
        do throws(YAMLError) {
            _ = try Reader.readAll(Array(stream.utf8), file: "j.json")
            #expect(kubectl.status == 0, "probelint read \(number), kubectl refused it: \(kubectl.stderr)")
        } catch {
            #expect(kubectl.status != 0, "probelint refused \(number) (\(error.message)), kubectl read it")
            let marker = "json: cannot unmarshal number "
            let refused = try #require(kubectl.stderr.range(of: marker), "\(kubectl.stderr)")
            let bad = String(kubectl.stderr[refused.upperBound...].prefix { $0 != " " })
            #expect(error.message.contains(marker + bad + " into Go value of type float64"), "\(error.message)")
            let at = try #require(stream.range(of: bad))
            #expect(error.position.offset == stream.utf8.distance(from: stream.startIndex, to: at.lowerBound))
        }
    }
}
