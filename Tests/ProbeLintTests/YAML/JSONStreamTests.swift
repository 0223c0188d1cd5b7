import Testing
@testable import ProbeLint

/// JSON objects one after another (`kubectl annotate --local -o json`, `jq -c`) are read as one
/// document each, at the file's positions; a YAML stream, or JSON that YAML reads as it is, is
/// read as before.
@Suite struct JSONStreamTests {
    /// Line and column of byte `offset`, counted afresh: LF, CR and CRLF end a line, a column is a
    /// character (a UTF-8 lead byte), a BOM is none.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0, i = 0
        while i < offset {
            if bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            if bytes[i] == 0x0A || bytes[i] == 0x0D { line += 1; lineStart = i + 1 }
            i += 1
        }
        if lineStart == 0 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineStart = min(3, offset) }
        return (line, 1 + bytes[lineStart..<offset].count { $0 & 0xC0 != 0x80 })
    }

    /// Reads `stream` whose values start at the offsets `starts`: each document is value k read
    /// alone, node for node, moved to where the value stands, at positions counted afresh.
    static func expectValues(_ stream: [UInt8], starts: [Int], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let documents = try Reader.readAll(stream, file: "s.json")
        #expect(documents.count == starts.count, sourceLocation: sourceLocation)
        for (k, document) in documents.enumerated() where k < starts.count {
            #expect(document.index == k, sourceLocation: sourceLocation)
            let end = k + 1 < starts.count ? starts[k + 1] : stream.count
            let alone = try #require(try Reader.readAll(Array(stream[starts[k]..<end]), file: "v.json").first)
            #expect(document.nodeCount == alone.nodeCount, sourceLocation: sourceLocation)
            for n in 0..<min(document.nodeCount, alone.nodeCount) {
                let id = NodeID(n), range = document.range(id), aloneRange = alone.range(id)
                #expect(document.kind(id) == alone.kind(id) && document.string(id) == alone.string(id), sourceLocation: sourceLocation)
                #expect(range.start.offset == aloneRange.start.offset + starts[k], sourceLocation: sourceLocation)
                #expect(range.end.offset == aloneRange.end.offset + starts[k], sourceLocation: sourceLocation)
                for p in [range.start, range.end] {
                    let fresh = position(of: p.offset, in: stream)
                    #expect(p.line == fresh.line && p.column == fresh.column, "node \(n) of value \(k) at \(p)", sourceLocation: sourceLocation)
                }
            }
        }
    }

    static func starts(_ parts: [String], prefix: [UInt8] = []) -> (bytes: [UInt8], starts: [Int]) {
        var bytes = prefix, starts: [Int] = []
        for part in parts {
            if let brace = part.utf8.firstIndex(of: UInt8(ascii: "{")) {
                starts.append(bytes.count + part.utf8.distance(from: part.utf8.startIndex, to: brace))
            }
            bytes += Array(part.utf8)
        }
        return (bytes, starts)
    }

    @Test(arguments: [
        ["{\"a\": 1}\n", "{\"b\": {\"c\": [1, 2]}}\n"],                    // one per line (jq -c)
        ["{\n  \"a\": 1\n}\n", "{\n  \"b\": \"x\"\n}\n", "{\"c\": 3}"],      // kubectl -o json, no final break
        ["{\"a\":1}", "{\"b\":{\"c\":2}}", "  {\"d\":null}"],               // one line
        ["{\"a\":\"é😀\"}", " {\"é\":[true,false]}\r\n", "{\"c\":-1.5e3}"],  // characters, CRLF
        ["{\"a\":\"}{\\\"\\\\\"}", "{\"b\":\"\\\\\"}\r", "{\"c\":\"\\\"\"}"], // braces and escapes in strings, CR
    ])
    func eachValueIsADocumentAtTheFilesPositions(_ parts: [String]) throws {
        let (bytes, starts) = Self.starts(parts)
        try Self.expectValues(bytes, starts: starts)
        let (withBOM, bomStarts) = Self.starts(parts, prefix: [0xEF, 0xBB, 0xBF])
        try Self.expectValues(withBOM, starts: [0] + bomStarts.dropFirst())
    }

    /// A stream that starts with `{` is JSON to kubectl: a value that is not JSON is refused
    /// where it stops being JSON, after the values before it were delivered. After a `---`
    /// line the stream is YAML, and a flow mapping is YAML's.
    @Test func aValueThatIsNotJSONIsRefusedWhereItStopsBeingJSON() throws {
        for (text, at, problem, delivered) in [
            ("{\"a\": 1}\n{b: c}\n", "2:2", "invalid character 'b' looking for beginning of object key string", 1),
            ("{a: 1, 'b': \"c\"} # comment\n", "1:2", "invalid character 'a' looking for beginning of object key string", 0),
            ("{\"a\": 1}\n---\n{\"b\": 2}\n", "2:2", "invalid character '-' in numeric literal", 0),
        ] {
            var documents = 0
            do {
                try Reader.read(Array(text.utf8), file: "n.json") { _ in documents += 1 }
                Issue.record("no error for \(text)")
            } catch {
                #expect("\(error.position)" == at && error.problem.hasSuffix(problem), "\(error)")
                #expect(documents == delivered, "\(text)")
            }
        }
        #expect(try Reader.readAll("---\n{a: 1, 'b': \"c\"} # comment\n").count == 1)
        #expect(try Reader.readAll("---\n{\"a\": 1}\n---\n{\"b\": 2}\n").count == 2)
        #expect(JSONStream.values(Array("{\"a\": 1}\n".utf8).withUnsafeBufferPointer { $0 }) == nil)
    }

    /// One value is found without walking it when no `}` is followed by a `{` (`kubectl get -o
    /// json`'s List); a `} {` inside a string sends it to the walk, which finds one value.
    @Test func oneValueIsFoundByItsBraces() throws {
        func check(_ text: String) -> (Bool, Int?) {
            Array(text.utf8).withUnsafeBufferPointer { (JSONStream.mayHoldSecondValue($0), JSONStream.values($0)?.count) }
        }
        let list = "{\n  \"kind\": \"List\",\n  \"items\": [\n    {\"a\": {\"b\": 1}},\n    {\"c\": [{}, {}]}\n  ]\n}\n"
        #expect(check(list) == (false, nil))
        #expect(check("{\"a\": \"} {\"}\n") == (true, nil))
        #expect(check("{\"a\": 1}\n\t {\"b\": 2}") == (true, 2))
        #expect(try Reader.readAll("{\"a\": \"} {\"}\n").count == 1)
    }

    /// A Helm template (`{{- if ... }}` first) is no JSON, and no '---' line would make it YAML:
    /// the error says to render it, not to add one.
    @Test func aGoTemplateIsSaidToBeOne() {
        do {
            _ = try Reader.readAll(Array("{{- if .Values.enabled }}\napiVersion: apps/v1\nkind: Deployment\n{{- end }}\n".utf8), file: "t.yaml")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "t.yaml:1:2: error: parser: a Go template ('{{'), not a manifest: a Helm chart's templates are linted as they render (render them first: helm template RELEASE CHART | kubectl probelint -f -)")
        }
    }

    /// A chart template that starts as YAML fails where a `{{` is: that line's error says so.
    /// An error on a line without one says nothing of templates.
    @Test func anErrorOnATemplatesLineSaysSo() {
        for (text, hint) in [("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n", true),
                             ("a: [1\nb: 2\n", false), ("a: b: c # {{ not here\n", false), ("a: b: c\t# {{ nor here\n", false),
                             ("  a: \"{{ a string }}\" : bad\n", false), ("  a: '{{ x }}' : bad\n", false)] {
            do {
                _ = try Reader.readAll(Array(text.utf8), file: "t.yaml")
                Issue.record("no error: \(text)")
            } catch {
                #expect("\(error)".contains("the line holds '{{': a Go template, to render to YAML first (a Helm chart's: helm template RELEASE CHART | kubectl probelint -f -)") == hint, "\(error)")
            }
        }
    }

    /// A bare `{{ if }}` line is a simple key without its ':', which libyaml reports on the next
    /// line, the template's line in its context: the hint names that line. A context line
    /// without `{{` adds nothing.
    @Test func aTemplateOnTheContextsLineIsNamed() {
        for (text, hint) in [("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n{{ if .y }}\ndata: {}\n{{ end }}\n", "line 5 holds '{{'"),
                             ("metadata:\n  name: x\n  {{- if .y }}\n  labels: {}\n  {{- end }}\n", "line 3 holds '{{'"),
                             ("a: b\nc\nd: e\n", nil)] {
            do {
                _ = try Reader.readAll(Array(text.utf8), file: "t.yaml")
                Issue.record("no error: \(text)")
            } catch {
                #expect(hint.map { "\(error)".contains("; \($0): a Go template, to render to YAML first") } ?? !"\(error)".contains("{{"), "\(error)")
            }
        }
    }

    /// An error in a later value is at its place in the file, with the whole line shown, after
    /// the documents before it were delivered; a duplicate key's first place too.
    @Test func errorsInALaterValueAreAtTheFilesPositions() {
        var delivered = 0
        do {
            try Reader.read(Array("{\"a\":1}  {\"b\": [1,}\n".utf8), file: "e.json") { _ in delivered += 1 }
            Issue.record("no error")
        } catch {
            #expect(delivered == 1)
            #expect("\(error)" == "e.json:1:19: error: parser: not JSON, though kubectl reads a stream that starts with '{' as JSON: invalid character '}' looking for beginning of value (a JSON file with comments, such as tsconfig.json, is no manifest: leave it out with --exclude; YAML that starts with '{' is read as YAML after a '---' line)")
            #expect(error.snippet == "{\"a\":1}  {\"b\": [1,}\n                  ^")
        }
        do {
            _ = try Reader.readAll([0xEF, 0xBB, 0xBF] + Array("{\"a\":1}{\"b\":\n 1, \"b\": 2}\n".utf8), file: "d.json")
            Issue.record("no error")
        } catch {
            #expect("\(error)" == "d.json:2:5: error: composer: duplicate key 'b' (first defined at line 1, column 9)")
        }
    }

    /// A string left open, or a brace too many, is refused where JSON stops: a line break in
    /// a string, the brace after the last value, the end of a value that does not end.
    @Test func anUnendedValueIsReportedWhereJSONStops() {
        for (text, at) in [("{\"a\":1}\n{\"b\": \"x}\n", "2:10"), ("{\"a\":1}\n{\"b\": 1}}\n", "2:9"), ("{\"a\":1}\n{\"b\": [1\n", "3:1")] {
            do {
                _ = try Reader.readAll(text, file: "u.json")
                Issue.record("no error for \(text)")
            } catch {
                #expect("\(error.position)" == at, "\(error)")
            }
        }
    }
}
