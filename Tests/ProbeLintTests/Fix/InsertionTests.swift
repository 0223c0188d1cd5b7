import Testing
@testable import ProbeLint

/// Where fixes go in the text: insertions after nested values, both list
/// indentation styles, multibyte text before the edit, CRLF, no final newline,
/// flow mappings and JSON.
@Suite struct InsertionTests {
    static func pod(_ containers: String) -> String {
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web  # the name\nspec:\n" + containers
    }

    /// The container `web` with a liveness probe of 1 s, its probe and container open for more lines.
    static let webWithLiveness = """
          containers:
          - name: web
            image: nginx
            livenessProbe:
              httpGet: {port: 80}
              timeoutSeconds: 1

        """

    @Test func absentTimeoutAfterNestedHTTPGetMapping() {
        let (result, text) = FixSupport.fix(Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: 8080

                  # a comment after the probe
                ports:
                - containerPort: 8080

            """))
        #expect(result.outcomes[0].error == nil)
        #expect(text == Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  httpGet:
                    path: /healthz
                    port: 8080
                  timeoutSeconds: 3

                  # a comment after the probe
                ports:
                - containerPort: 8080

            """))
        #expect(result.outcomes[0].applied.map(\.change) == ["livenessProbe timeoutSeconds 1 (default) -> 3"])
    }

    @Test func containersIndentedUnderTheirKeyAndLastValueABlockList() {
        let (_, text) = FixSupport.fix(Self.pod("""
              containers:
                - name: web
                  image: nginx
                  readinessProbe:
                    tcpSocket:
                      port: 80
                    periodSeconds: 5
                  livenessProbe:
                    initialDelaySeconds: 5
                    httpGet:
                      port: 80
                      httpHeaders:
                        - name: X-Probe
                          value: "1"
                  resources: {}

            """))
        #expect(text == Self.pod("""
              containers:
                - name: web
                  image: nginx
                  readinessProbe:
                    tcpSocket:
                      port: 80
                    periodSeconds: 5
                    timeoutSeconds: 3
                  livenessProbe:
                    initialDelaySeconds: 5
                    httpGet:
                      port: 80
                      httpHeaders:
                        - name: X-Probe
                          value: "1"
                    timeoutSeconds: 3
                  resources: {}

            """))
    }

    @Test func lastValueALiteralBlockScalar() {
        let (result, text) = FixSupport.fix(Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  exec:
                    command:
                    - sh
                    - -c
                    - |
                      test -f /tmp/ok
                      echo ok
                readinessProbe:
                  tcpSocket: {port: 80}

            """), flags: [.latencyP99: "1.5s", .loadedLatencyP99: "1.5s"])
        #expect(result.outcomes[0].error == nil)
        #expect(text == Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  exec:
                    command:
                    - sh
                    - -c
                    - |
                      test -f /tmp/ok
                      echo ok
                  timeoutSeconds: 3
                readinessProbe:
                  tcpSocket: {port: 80}
                  timeoutSeconds: 3

            """))
    }

    @Test func multibyteTextBeforeTheEdit() {
        let before = Self.pod("""
              # café, naïve, 日本語, ☃: byte offsets differ from libyaml's character index here
              containers:
              - name: web
                image: "nginx"   # ünïcödé 🚀
                livenessProbe:
                  httpGet: {path: /größe, port: 80}
                  timeoutSeconds: 1   # expect: PL101 — “quoted”
                  periodSeconds: 10

            """)
        let (result, text) = FixSupport.fix(before)
        #expect(result.outcomes[0].error == nil)
        #expect(text == before.replacingOccurrences(of: "timeoutSeconds: 1 ", with: "timeoutSeconds: 3 "))
        #expect(result.outcomes[0].applied.first?.position.line == 12)
        #expect(result.outcomes[0].applied.first?.position.column == 23)
    }

    @Test func fileWithoutFinalNewlineKeepsNone() {
        let (_, text) = FixSupport.fix(Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  httpGet:
                    port: 80
            """))
        #expect(text.hasSuffix("        port: 80\n      timeoutSeconds: 3"))
    }

    /// A block scalar (`|`) that ends the file with no line break: a line after it would give
    /// its text one, so a field that goes after it is shown, not inserted, and the finding's
    /// other fixes are written. With `|-`, which strips the line break, it is inserted.
    @Test func aBlockScalarThatEndsTheFileIsNotWrittenAfter() {
        let text = Self.pod(Self.webWithLiveness + """
                args:
                - |
                  multi
            """)
        let (result, fixed) = FixSupport.fix(text)
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        let (stripped, strippedText) = FixSupport.fix(text.replacingOccurrences(of: "- |", with: "- |-"), flags: [.loadedLatencyP99: "1.5s", .drainTime: "60s"])
        #expect(stripped.outcomes[0].error == nil)
        #expect(strippedText.hasSuffix("      multi\n  terminationGracePeriodSeconds: 65"), "\(strippedText)")
        // An anchor or a tag before the `|` may hold a `-` that is no chomping indicator.
        let anchored = text.replacingOccurrences(of: "- |", with: "- &run-it |")
        let (anchoredResult, anchoredText) = FixSupport.fix(anchored, flags: [.loadedLatencyP99: "1.5s", .drainTime: "60s"])
        #expect(anchoredResult.outcomes[0].error == nil, "\(String(describing: anchoredResult.outcomes[0].error))")
        #expect(anchoredText == anchored.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        let (open, _) = FixSupport.fix(text, flags: [.loadedLatencyP99: "1.5s", .drainTime: "60s"])
        #expect(open.displayOnly.first { $0.key == "terminationGracePeriodSeconds" }?.why?.hasPrefix("the mapping ends in a block scalar (line 13) that ends the file with no line break") == true,
                "\(open.displayOnly)")
    }

    @Test func crlfLineEndingsAreKept() {
        let lf = Self.pod("""
              containers:
              - name: web
                image: nginx  # keep me
                livenessProbe:
                  httpGet:
                    port: 80

            """)
        let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
        let (result, text) = FixSupport.fix(crlf)
        #expect(result.outcomes[0].error == nil)
        #expect(text == crlf + "      timeoutSeconds: 3\r\n")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func loneCarriageReturnLineEndingsAreKept() {
        let lf = Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  httpGet:
                    port: 80

            """)
        let cr = lf.replacingOccurrences(of: "\n", with: "\r")
        let (result, text) = FixSupport.fix(cr)
        #expect(result.outcomes[0].error == nil)
        #expect(text == cr + "      timeoutSeconds: 3\r")
    }

    @Test func flowMappingProbeWithoutTheFieldIsRefusedAndUntouched() {
        let before = Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe: {httpGet: {path: /, port: 80}}

            """)
        let (result, text) = FixSupport.fix(before)
        #expect(text == before)
        #expect(result.displayOnly.count == 1)
        #expect(result.displayOnly.first?.applicability == .displayOnly)
        #expect(result.displayOnly.first?.why == "the mapping at line 9 is a flow mapping ({...}): set timeoutSeconds: 3 by hand")
    }

    @Test func flowMappingProbeWithTheFieldIsReplacedInPlace() {
        let before = Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 1, periodSeconds: 10}

            """)
        let (result, text) = FixSupport.fix(before)
        #expect(result.outcomes[0].error == nil)
        #expect(text == before.replacingOccurrences(of: "timeoutSeconds: 1,", with: "timeoutSeconds: 3,"))
    }

    @Test func jsonReplacesWrittenValuesAndRefusesInsertions() {
        let json = """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web"},
             "spec": {"containers": [
               {"name": "a", "image": "nginx", "livenessProbe": {"httpGet": {"port": 80}, "timeoutSeconds": 1}},
               {"name": "b", "image": "nginx", "readinessProbe": {"tcpSocket": {"port": 81}}}
             ]}}

            """
        let (result, text) = FixSupport.fix(json, file: "pod.json")
        #expect(result.outcomes[0].error == nil)
        #expect(text == json.replacingOccurrences(of: "\"timeoutSeconds\": 1}", with: "\"timeoutSeconds\": 3}"))
        #expect(result.displayOnly.map(\.path) == ["spec.containers[1].readinessProbe.timeoutSeconds"])
        #expect(result.displayOnly.first?.why?.hasPrefix("JSON input: probelint does not insert into JSON") == true)
    }

    /// JSON objects one after another (`kubectl annotate --local -o json`, `jq -c`): each
    /// object's written value is replaced in place, the second one's on the first's line too.
    @Test func jsonObjectsOneAfterAnotherAreEachFixed() {
        func pod(_ name: String) -> String {
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)"},"spec":{"containers":[{"name":"a","image":"nginx","livenessProbe":{"httpGet":{"port":80},"timeoutSeconds":1}}]}}"#
        }
        let json = pod("one") + " " + pod("two") + "\n" + pod("three") + "\n"
        let (result, text) = FixSupport.fix(json, file: "pods.json")
        #expect(result.outcomes[0].error == nil)
        #expect(result.outcomes[0].applied.count == 3)
        #expect(text == json.replacingOccurrences(of: #""timeoutSeconds":1}"#, with: #""timeoutSeconds":3}"#))
    }

    @Test func fieldFromAMergeKeyIsDisplayOnly() {
        // The edit would change the anchored mapping that other objects share: it is shown,
        // not made (the tree comparison would abandon it too: SharedBlockFixTests).
        let before = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
            x-probe: &probe
              httpGet: {port: 80}
              timeoutSeconds: 1
            spec:
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  <<: *probe
                  periodSeconds: 10

            """
        let (result, text) = FixSupport.fix(before)
        #expect(text == before)
        #expect(result.outcomes[0].error == nil)
        #expect(result.displayOnly.map(\.why) == ["timeoutSeconds is inside the block at line 5 that an alias or a merge key (<<) brings in: editing it there changes every use of it, not this object's own field; give this use its own copy and set timeoutSeconds: 3 there"])
    }

    @Test func anchoredValueIsDisplayOnlyAndATagIsKept() {
        let anchored = Self.pod("""
              containers:
              - name: web
                image: nginx
                livenessProbe:
                  httpGet: {port: 80}
                  timeoutSeconds: &t 1
                readinessProbe:
                  httpGet: {port: 80}
                  timeoutSeconds: *t

            """)
        // PL101's timeout fix alone (PL201 would also raise liveness's failureThreshold).
        let (result, text) = FixSupport.fix(anchored, only: ["PL101", "PL102"])
        #expect(text == anchored)
        #expect(result.outcomes[0].error == nil)
        #expect(result.displayOnly.map(\.why) == ["timeoutSeconds is anchored (line 11): its aliases share the value; set timeoutSeconds: 3 by hand"])
        // The report marks it display-only too, so that JSON and SARIF give no edit of `&t 1`
        // (which replaced the anchor with the value, and kubectl then found no anchor for `*t`).
        let report = Linter.lint([InputFile(path: "test.yaml", bytes: Array(anchored.utf8))], options: FixSupport.options(only: ["PL101", "PL102"]))
        #expect(!report.findings.isEmpty && report.findings.allSatisfy { $0.suggestions.allSatisfy { $0.displayOnly && $0.unwritable != nil } })
        // An anchor that no alias uses is kept, and the value after it written.
        let unused = anchored.replacingOccurrences(of: "*t", with: "1")
        let (unusedResult, unusedText) = FixSupport.fix(unused, only: ["PL101", "PL102"])
        #expect(unusedResult.outcomes[0].error == nil)
        #expect(unusedText == unused.replacingOccurrences(of: "&t 1", with: "&t 3").replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"), "\(unusedText)")

        // An anchored period holds back the timeout it makes room for: written alone, T 16 with
        // P 10 would make failing probes start every 16 s, which the fix does not allow.
        let pair = Self.pod(Self.webWithLiveness + """
                  periodSeconds: &p 10
                readinessProbe:
                  httpGet: {port: 80}
                  periodSeconds: *p

            """)
        let (pairResult, pairText) = FixSupport.fix(pair, flags: [.loadedLatencyP99: "8s"], only: ["PL101"])
        #expect(pairText == pair, "\(pairText)")
        #expect(pairResult.displayOnly.filter { $0.path.contains("livenessProbe") }.map(\.key).sorted() == ["periodSeconds", "timeoutSeconds"])

        let tagged = anchored.replacingOccurrences(of: "&t 1", with: "!!int 1").replacingOccurrences(of: "*t", with: "!!int 1")
        let (tagResult, tagText) = FixSupport.fix(tagged, only: ["PL101", "PL102"])
        #expect(tagResult.outcomes[0].error == nil)
        #expect(tagText == tagged.replacingOccurrences(of: "!!int 1", with: "!!int 3"))

        // A comment between the tag (or an unused anchor) and the value on the next line is
        // kept: the edit starts at the scalar, not at the comment (which it replaced, with the
        // line break, and the check of the fixed tree, blind to comments, let it through).
        let keyLine = tagged.split(separator: "\n").first { $0.contains("timeoutSeconds: !!int 1") } ?? ""
        let deeper = String(repeating: " ", count: keyLine.prefix { $0 == " " }.count + 2)
        for property in ["!!int", "&t"] {
            let commented = tagged.replacingOccurrences(of: "timeoutSeconds: !!int 1\n", with: "timeoutSeconds: \(property)   # see JIRA-1\n\(deeper)1\n")
            #expect(commented.contains("JIRA-1"))
            let (commentResult, commentText) = FixSupport.fix(commented, only: ["PL101", "PL102"])
            #expect(commentResult.outcomes[0].error == nil)
            #expect(commentText == commented.replacingOccurrences(of: "JIRA-1\n\(deeper)1", with: "JIRA-1\n\(deeper)3"), "\(commentText)")
        }
    }

    /// A value Kubernetes reads as the default (`~`, `null`) is replaced in place, unless a tag or
    /// an anchor comes with it: then setting it is the user's (a mutant that dropped the check
    /// wrote `timeoutSeconds: 3` over `&t ~`, and the anchor was gone).
    @Test(arguments: ["&t ~", "&t null", "!!null ~", "!!null null"])
    func aDefaultedValueWithATagOrAnchorIsLeftToTheUser(_ written: String) {
        let plain = Self.pod(Self.webWithLiveness.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: ~"))
        let (plainResult, plainText) = FixSupport.fix(plain, only: ["PL101", "PL102"])
        #expect(plainResult.outcomes[0].error == nil)
        #expect(plainText == plain.replacingOccurrences(of: "timeoutSeconds: ~", with: "timeoutSeconds: 3"), "\(plainText)")
        let text = plain.replacingOccurrences(of: "timeoutSeconds: ~", with: "timeoutSeconds: \(written)")
        let (result, fixed) = FixSupport.fix(text, only: ["PL101", "PL102"])
        #expect(fixed == text, "\(fixed)")
        #expect(result.displayOnly.map(\.why) == ["timeoutSeconds is written with a tag or an anchor (line 11): set timeoutSeconds: 3 by hand"])
    }

    /// A pod spec whose last entry is its containers, the last container's probe last in
    /// both: the probe's new field and the pod spec's go to the same byte. The probe's goes
    /// first, or it would land under the pod spec's and the text would not parse (and the
    /// fix was refused). Both line endings, and without a final newline.
    @Test(arguments: ["\n", "\r\n"], [true, false])
    func nestedInsertionsAtOnePointGoDeepestFirst(eol: String, finalNewline: Bool) {
        func text(_ lines: [String]) -> String {
            lines.joined(separator: eol) + (finalNewline ? eol : "")
        }
        let before = ["apiVersion: v1", "kind: Pod", "metadata:", "  name: rgw", "spec:", "  containers:", "  - name: rgw",
                      "    image: quay.io/ceph/ceph:v18.2.4", "    readinessProbe:", "      tcpSocket:", "        port: 8080"]
        var flags = FixSupport.flags
        flags[.drainTime] = "120s"
        let (result, fixed) = FixSupport.fix(text(before), flags: flags, only: ["PL101", "PL106"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text(before + ["      timeoutSeconds: 3", "  terminationGracePeriodSeconds: 125"]))
    }

    /// A file of mixed line endings: the inserted line ends as the line it follows does (it
    /// took the file's first line's ending, an LF inside a CRLF block).
    @Test(arguments: [("\n", "\r\n"), ("\r\n", "\n")])
    func anInsertedLineEndsAsItsNeighbour(first: String, rest: String) {
        let lines = ["apiVersion: v1", "kind: Pod", "metadata:", "  name: rgw", "spec:", "  containers:", "  - name: rgw",
                     "    image: quay.io/ceph/ceph:v18.2.4", "    readinessProbe:", "      tcpSocket:", "        port: 8080",
                     "    resources: {}"]
        let text = lines[0] + first + lines.dropFirst().joined(separator: rest) + rest
        let (result, fixed) = FixSupport.fix(text, only: ["PL101"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text.replacingOccurrences(of: "        port: 8080" + rest, with: "        port: 8080" + rest + "      timeoutSeconds: 3" + rest))
    }

    @Test func spliceRejectsOverlapsAndKeepsInsertionOrder() throws {
        let bytes = Array("abcdef".utf8)
        #expect(throws: FixError.self) {
            try Splicer.apply([Edit(bytes: 1..<3, replacement: "X"), Edit(bytes: 2..<4, replacement: "Y")], to: bytes, file: "f")
        }
        let out = try Splicer.apply([Edit(bytes: 3..<3, replacement: "1"), Edit(bytes: 3..<3, replacement: "2"),
                                     Edit(bytes: 3..<5, replacement: "Z")], to: bytes, file: "f")
        #expect(String(decoding: out, as: UTF8.self) == "abc12Zf")
        #expect(Splicer.lineEnding(Array("a\r\nb\n".utf8)) == "\r\n")
        #expect(Splicer.lineEnding(Array("a\nb\r\n".utf8)) == "\n")
        #expect(Splicer.lineEnding(Array("a\rb\r".utf8)) == "\r")
        #expect(Splicer.lineEnding(Array("a".utf8)) == "\n")
    }
}
