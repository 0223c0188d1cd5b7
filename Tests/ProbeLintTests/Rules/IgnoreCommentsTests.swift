import Foundation
import Testing
@testable import ProbeLint

/// `# probelint ignore=RULES -- reason` comments: what each covers, and what is no such comment.
@Suite struct IgnoreCommentsTests {
    static func lint(_ text: String, only: Set<RuleID> = ["PL204"]) -> LintReport {
        var options = LintOptions()
        options.disabledRules = Set(RuleCatalog.infos.map(\.id)).subtracting(only)
        options.enabledRules = only.filter { RuleCatalog.info($0)?.enabledByDefault == false }
        return Linter.lint(InputFile(path: "pod.yaml", bytes: Array(text.utf8)), options: options)
    }

    /// The containers of each PL204 finding (no livenessProbe), in order.
    static func unprobed(_ text: String) -> [String] {
        lint(text).findings.compactMap { $0.rule == "PL204" ? $0.object.container : nil }
    }

    static func pod(_ containers: String, header: String = "") -> String {
        header + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n" + containers
    }

    @Test func aCommentOnItsOwnLineCoversTheNextItemOnly() {
        let text = Self.pod("  # probelint ignore=PL204 -- a sidecar\n  - name: a\n    image: x\n  - name: b\n    image: x\n")
        #expect(Self.unprobed(text) == ["b"])
        #expect(Self.unprobed(text.replacingOccurrences(of: "ignore=", with: "note=")) == ["a", "b"])
    }

    @Test func aTrailingCommentCoversItsLinesNode() {
        // On an item's line: the whole container (its PL204 points at its name, the line after).
        #expect(Self.unprobed(Self.pod("  - image: x  # probelint ignore=missing-liveness-probe\n    name: a\n  - name: b\n    image: x\n")) == ["b"])
        // On a key's line: the key and its whole value.
        #expect(Self.unprobed(Self.pod("  - name: a\n    image: x\n").replacingOccurrences(of: "  containers:\n", with: "  containers: # probelint ignore=PL204\n")).isEmpty)
        // On another key's line: only that key.
        #expect(Self.unprobed(Self.pod("  - image: x\n    name: a  # probelint ignore=PL204\n")).isEmpty)
        #expect(Self.unprobed(Self.pod("  - name: a\n    image: x  # probelint ignore=PL204\n")) == ["a"])
    }

    /// `timeoutSeconds: 0` is the default 1 (the API server's `SetDefaults_Probe`): its findings
    /// point at the 0, so a comment at the end of its line silences them, and the fix says the 0
    /// is written (it replaces it, `FixPlanner.inPlace`).
    @Test func aCommentOnAWrittenZerosLineCoversItsFindings() {
        let probe = "    livenessProbe:\n      tcpSocket: {port: 80}\n      timeoutSeconds: 0\n"
        let text = Self.pod("  - name: a\n    image: x\n" + probe)
        var options = LintOptions()
        options.disabledRules = Set(RuleCatalog.infos.map(\.id)).subtracting(["PL101"])
        let report = TestSupport.lint(text, flags: [.latencyP99: "3s"], options: options)
        let finding = report.findings.first
        #expect(finding.map { "\($0.range.start)" } == "11:23")
        var line = ByteText()
        finding?.suggestions.first?.writeLineHead(rookDefault: false, into: &line)
        #expect(line.string == "fix: timeoutSeconds 1 -> 6 (written 0, Kubernetes default): ")
        let silenced = text.replacingOccurrences(of: "timeoutSeconds: 0\n", with: "timeoutSeconds: 0  # probelint ignore=PL101\n")
        #expect(report.findings.count == 1)
        #expect(TestSupport.lint(silenced, flags: [.latencyP99: "3s"], options: options).findings.isEmpty)
    }

    /// A `#` after a block scalar's header (`- |  # probelint ignore=...`) is a comment, as YAML
    /// says: read as the scalar's text, a misspelt rule there was no error, and one that covered
    /// nothing was not reported by PL401. A `#` in the scalar's lines stays text.
    @Test func aCommentOnABlockScalarsHeaderLineIsRead() {
        func text(_ comment: String, body: String = "curl -m 5 http://localhost/") -> String {
            Self.pod("  - name: a\n    image: x\n    livenessProbe:\n      exec:\n        command:\n        - sh\n        - -c\n        - |\(comment)\n          \(body)\n      timeoutSeconds: 1\n")
        }
        let misspelt = Self.lint(text("  # probelint ignore=PL1O8"), only: ["PL108"])
        #expect(misspelt.errors.map { "\($0.position.map { "\($0)" } ?? "") \($0.message.prefix(42))" } == ["14:33 comment '# probelint ignore': 'PL1O8' is n"])
        let unused = Self.lint(text(">-  # probelint ignore=PL108").replacingOccurrences(of: "- |>-", with: "- >-"), only: ["PL108", "PL401"])
        #expect(unused.errors.isEmpty)
        #expect(unused.findings.map(\.rule.rawValue) == ["PL401", "PL108"])
        let inside = Self.lint(text("", body: "curl -m 5 http://localhost/  # probelint ignore=PL1O8"), only: ["PL108"])
        #expect(inside.errors.isEmpty && inside.findings.map(\.rule.rawValue) == ["PL108"])
    }

    @Test func aCommentBeforeTheFirstNodeCoversTheDocumentOnly() {
        let one = Self.pod("  - name: a\n    image: x\n", header: "# probelint ignore=PL204\n")
        #expect(Self.unprobed(one).isEmpty)
        let two = "---\n" + one + "---\n" + Self.pod("  - name: b\n    image: x\n")
        #expect(Self.unprobed(two) == ["b"])
    }

    /// A `--` ends the rules wherever it is, as in the annotation (`PL204--reason`).
    @Test func aReasonMayFollowARuleWithoutABlank() {
        let text = Self.pod("  # probelint ignore=PL204--a sidecar\n  - name: a\n    image: x\n")
        #expect(Self.unprobed(text).isEmpty)
        #expect(Self.lint(text).errors.isEmpty)
        #expect(Linter.ignoreWords("PL204--a sidecar") == ["PL204"])
    }

    /// A file that starts with a UTF-8 byte order mark: a comment on its first line is on a line
    /// of its own, as without the mark (it was taken for a trailing one and covered nothing).
    @Test func aCommentAfterAByteOrderMarkIsOnALineOfItsOwn() {
        let bom = "\u{FEFF}"
        #expect(Self.unprobed(bom + Self.pod("  - name: a\n    image: x\n", header: "# probelint ignore=PL204\n")).isEmpty)
        #expect(Self.unprobed(bom + "--- # probelint ignore=PL204\n" + Self.pod("  - name: a\n    image: x\n")).isEmpty)
        // A misspelt directive after the mark is found, and an error.
        let misspelt = Self.lint(bom + Self.pod("  - name: a\n    image: x\n", header: "# probelint ignore=PL2O4\n"))
        #expect(misspelt.errors.map { "\($0.position.map { "\($0)" } ?? "") \($0.message.prefix(40))" } == ["1:20 comment '# probelint ignore': 'PL2O4' is"])
    }

    /// A comment at the start of a line above a `---` covers the document that starts there, in
    /// the middle of a file as at its top (it covered nothing there, and PL401 said it would
    /// silence the next such finding); so do the comments of a document with no node. Cut into
    /// pieces anywhere, the file gives the same.
    @Test func aCommentAboveASeparatorCoversTheNextDocument() {
        let a = Self.pod("  - name: a\n    image: x\n"), b = Self.pod("  - name: b\n    image: x\n")
        let header = "# probelint ignore=PL204 -- batch workers\n"
        let texts = [
            header + "---\n" + a + header + "---\n" + b,
            "---\n" + a + header + "\n---\n" + b,
            "---\n" + a + "...\n" + header + "---\n" + b,
            "---\n" + a + "---\n" + header + "---\n" + b,
            "---\n" + a + "--- # probelint ignore=PL204\n---\n" + b,
        ]
        for text in texts {
            #expect(Self.unprobed(text) == (text.hasPrefix(header) ? [] : ["a"]), "\(text)")
            let report = Self.lint(text, only: ["PL204", "PL401"])
            #expect(report.errors.isEmpty && !report.findings.contains { $0.rule == "PL401" }, "\(report.findings.map(\.message))")
            for size in [1, 40, 90, 120] {
                var options = LintOptions()
                options.disabledRules = Set(RuleCatalog.infos.map(\.id)).subtracting(["PL204"])
                let pieces = FileSplitter.pieces(Array(text.utf8), count: max(1, text.utf8.count / size))
                let findings = pieces.flatMap { piece in
                    Linter.lint(InputFile(path: "pod.yaml", bytes: Array(text.utf8)), piece: piece, options: options).findings
                }
                #expect(findings.compactMap(\.object.container) == Self.unprobed(text), "\(size): \(text)")
            }
        }
        // An indented comment there is the document's, which it ends: it covers nothing.
        #expect(Self.unprobed("---\n" + a + "  " + header + "---\n" + b) == ["a", "b"])
        // A document with only comments at the file's end: they cover nothing, an input error.
        #expect(Self.lint(a + "---\n" + header).errors.map(\.message) == ["comment '# probelint ignore' is after the file's last document and covers nothing: put it at the end of the line of what it silences, or on the line before it"])
    }

    /// A comment at the end of a `---` line is before the document's first node too.
    @Test func aCommentOnTheSeparatorLineCoversTheDocumentAfterIt() {
        let a = Self.pod("  - name: a\n    image: x\n"), b = Self.pod("  - name: b\n    image: x\n")
        #expect(Self.unprobed("---\n" + a + "--- # probelint ignore=PL204 -- b is a job\n" + b) == ["a"])
        #expect(Self.unprobed("---  # probelint ignore=PL204\n" + a + "---\n" + b) == ["b"])
        // After `--- !!map` it is a trailing comment of a line that holds a node: that node's.
        #expect(Self.unprobed("---\n" + a + "--- x: 1 # probelint ignore=PL204\n").isEmpty == false)
    }

    /// An indented comment after a document's last node covers nothing: PL401 says so; at the
    /// start of a line there it is the next document's, and after the file's last document
    /// (also after `...`) it is an input error, as it silences nothing.
    @Test func aCommentThatCoversNothingIsReported() {
        let pod = Self.pod("  - name: a\n    livenessProbe: {exec: {command: [x]}}\n    image: x\n")
        let unused = Self.lint(pod + "  # probelint ignore=PL204\n", only: ["PL204", "PL401"])
        #expect(unused.findings.map { "\($0.rule) \($0.range.start)" } == ["PL401 10:3"])
        #expect(unused.findings.first?.message == "this '# probelint ignore' comment covers nothing: no node of its document starts on its line or after it; put it at the end of the line of what it silences, or on the line before it, or remove it")
        #expect(unused.errors.isEmpty)
        let last = Self.lint(pod + "# probelint ignore=PL204\n", only: ["PL204", "PL401"])
        #expect(last.findings.isEmpty)
        #expect(last.errors.map(\.description) == ["pod.yaml:10:1: error: comment '# probelint ignore' is after the file's last document and covers nothing: put it at the end of the line of what it silences, or on the line before it"])
        let ended = Self.lint(pod + "...\n# probelint ignore=PL204\n# probelint ignore=nosuch\n# probelint ignore=PL999\n")
        #expect(ended.errors.map(\.description) == [
            "pod.yaml:11:1: error: comment '# probelint ignore' is after the file's last document and covers nothing: put it at the end of the line of what it silences, or on the line before it",
            "pod.yaml:12:20: error: comment '# probelint ignore': 'nosuch' is not a rule of this version of probelint (kubectl-probelint rules lists them); write rule IDs or names, then an optional '-- reason'",
        ])
        // A later version's rule alone there is a warning, not also "covers nothing": it names no rule here.
        #expect(ended.fileWarnings.map { $0.line(label: "warning") } == [
            "pod.yaml:13:20: warning: comment '# probelint ignore': PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them) and silences nothing here",
        ])
    }

    /// The directive is lowercase: `# Probelint ignore=` silences nothing, and says so at its
    /// word; capitalised prose is no directive.
    @Test func aCapitalisedDirectiveIsAnInputError() {
        let report = Self.lint(Self.pod("  - name: a  # Probelint ignore=PL204\n    image: x\n"))
        #expect(report.findings.map(\.rule) == ["PL204"])
        #expect(report.errors.map(\.description) == ["pod.yaml:7:16: error: comment '# Probelint ignore=PL204' is no probelint directive and silences nothing: write '# probelint ignore=PL101,PL107' (lowercase), then an optional '-- reason'"])
        #expect(Self.lint(Self.pod("  # Probelint runs in CI\n  - name: a\n    image: x\n")).errors.isEmpty)
    }

    /// A second directive in one comment's text (after its `#`) silences nothing: an error at its
    /// `#`, once a line, while the first one silences its rules; prose after the first `#` is
    /// no directive.
    @Test func aDirectiveInAnotherCommentsTextIsAnInputError() {
        let text = Self.pod("  - name: a  # probelint ignore=PL107 # probelint ignore=PL204 # probelint ignore=PL205\n    image: x\n")
        let report = Self.lint(text, only: ["PL204", "PL205"])
        #expect(report.findings.map(\.rule) == ["PL204"])
        #expect(report.errors.map(\.description) == ["pod.yaml:7:39: error: comment '# probelint ignore' is in the text of the comment before it on its line and silences nothing: name every rule in the first ('# probelint ignore=PL101,PL107')"])
        // In the reason, and after the file's last document, alike.
        let reason = Self.lint(Self.pod("  - name: a  # probelint ignore=PL205 -- # probelint ignore=PL204\n    image: x\n"))
        #expect(reason.findings.map(\.rule) == ["PL204"] && reason.errors.map { $0.position?.column } == [42])
        let after = Self.lint(Self.pod("  - name: a\n    image: x\n") + "# probelint ignore=PL204 # probelint ignore=PL205\n")
        #expect(after.errors.map { "\($0.position?.column ?? 0) \($0.message.prefix(35))" } == ["1 comment '# probelint ignore' is aft", "26 comment '# probelint ignore' is in "])
        #expect(Self.lint(Self.pod("  - name: a  # probelint ignore=PL204 # see the runbook\n    image: x\n")).errors.isEmpty)
        // After a `# probelint` inside a quoted scalar, the line's comment is the directive, and it silences.
        let quoted = Self.lint(Self.pod("  - name: \"a # probelint ignore=PL205\"  # probelint ignore=PL204\n    image: x\n"))
        #expect(quoted.errors.isEmpty && quoted.findings.isEmpty, "\(quoted.errors) \(quoted.findings.map(\.rule))")
    }

    /// A tab where the directive has a blank: no directive, and said so (it silenced nothing
    /// without a word).
    @Test func aTabInTheDirectiveIsAnInputError() {
        let report = Self.lint(Self.pod("  - name: a  # probelint\tignore=PL204\n    image: x\n"))
        #expect(report.findings.map(\.rule) == ["PL204"])
        #expect(report.errors.map(\.description) == ["pod.yaml:7:26: error: comment '# probelint\\tignore=PL204' is no probelint directive and silences nothing: write '# probelint ignore=PL101,PL107', then an optional '-- reason'"])
    }

    @Test func aHashInsideAScalarIsText() {
        let text = Self.pod("""
              - name: a
                image: x
                command: ["sh", "-c", "echo # probelint ignore=PL204"]
                args:
                - |
                  # probelint ignore=PL999
                  run

            """)
        let report = Self.lint(text)
        #expect(report.findings.map(\.rule) == ["PL204"])
        #expect(report.errors.isEmpty)
    }

    @Test func proseIsNoComment() {
        let text = Self.pod("  # probelint ignores nothing here\n  - name: a\n    image: x\n")
        #expect(Self.unprobed(text) == ["a"])
        #expect(Self.lint(text).errors.isEmpty)
    }

    @Test func wordsThatNameNoRuleAreInputErrorsAtTheirPosition() {
        let report = Self.lint(Self.pod("  # probelint ignore=PL204, PL1OO -- reason\n  - name: a\n    image: x\n"))
        #expect(report.errors.map { "\($0.position.map { "\($0.line):\($0.column)" } ?? "")" } == ["7:29"])
        #expect(report.errors.first?.message == "comment '# probelint ignore': 'PL1OO' is not a rule of this version of probelint (kubectl-probelint rules lists them); write rule IDs or names, then an optional '-- reason'")
        // The rule it does name is still silenced.
        #expect(report.findings.isEmpty)
        // A word near one rule says which.
        let typo = Self.lint(Self.pod("  # probelint ignore=missing-liveness-prob\n  - name: a\n    image: x\n"))
        #expect(typo.errors.first?.message == "comment '# probelint ignore': 'missing-liveness-prob' is not a rule of this version of probelint (did you mean PL204, missing-liveness-probe? kubectl-probelint rules lists them); write rule IDs or names, then an optional '-- reason'")
        let bare = Self.lint(Self.pod("  - name: a  # probelint ignore\n    image: x\n"))
        #expect(bare.errors.map(\.message) == ["comment '# probelint ignore' needs the rules: write '# probelint ignore=PL101,PL107', then an optional '-- reason'"])
        #expect(bare.errors.first?.position?.column == 14)
        #expect(Self.lint(Self.pod("  - name: a  # probelint ignore= -- no rule\n    image: x\n")).errors.map(\.message) == ["comment '# probelint ignore=' names no rule"])
    }

    /// Other linters' spellings silence nothing here, and say so at the word (as ShellCheck
    /// warns of a directive it does not know); prose about probelint is no comment.
    @Test(arguments: [
        ("# probelint disable=PL204", " disable=PL204", 15),
        ("# probelint: ignore=PL204", ": ignore=PL204", 16),
        ("# probelint-disable-next-line PL204", "-disable-next-line PL204", 15),
        ("#probelint ignore-next=PL204", " ignore-next=PL204", 14),
    ])
    func misspeltDirectivesAreInputErrorsAtTheirWord(_ comment: String, _ shown: String, _ column: Int) {
        let report = Self.lint(Self.pod("  \(comment)\n  - name: a\n    image: x\n"))
        #expect(report.findings.map(\.rule) == ["PL204"])
        #expect(report.errors.map(\.message) == ["comment '# probelint\(shown)' is no probelint directive and silences nothing: write '# probelint ignore=PL101,PL107', then an optional '-- reason'"])
        #expect(report.errors.first?.position.map { [$0.line, $0.column] } == [7, column])
    }

    /// A short misspelt comment does not take the next line's directive with it.
    @Test func aDirectiveAfterAShortMisspeltOneOnTheLineBeforeIsRead() {
        let report = Self.lint(Self.pod("  # probelint x=1\n  # probelint ignore=PL204\n  - name: a\n    image: x\n"))
        #expect(report.findings.isEmpty)
        #expect(report.errors.map { $0.position?.line } == [7])
    }

    @Test(arguments: ["# probelint runs in CI", "# probelint ignores nothing here", "# see probelint disable=x", "# probelint.io/ignore=PL204 is an annotation"])
    func proseAboutProbelintIsNoDirective(_ comment: String) {
        let text = Self.pod("  \(comment)\n  - name: a\n    image: x\n")
        #expect(Self.lint(text).errors.isEmpty)
        // Nor does it silence anything: the container's PL204 stays.
        #expect(Self.unprobed(text) == ["a"])
    }

    /// A file cut into pieces (`--piece-bytes`) gets the same findings and errors.
    @Test func piecesOfAFileAgreeWithTheWholeFile() {
        let documents = (0..<40).map { i in
            Self.pod("  - name: c\(i)\(i % 3 == 0 ? "  # probelint ignore=PL204" : "")\n    image: x\n",
                     header: i % 7 == 0 ? "# probelint ignore=PL204\n" : "")
                + (i == 20 ? "# probelint ignore=PL99B\n" : i == 30 ? "# probelint ignore=PL998\n" : "")
        }
        let bytes = Array(("---\n" + documents.joined(separator: "---\n")).utf8)
        var options = LintOptions()
        options.disabledRules = Set(RuleCatalog.infos.map(\.id)).subtracting(["PL204"])
        let file = InputFile(path: "pods.yaml", bytes: bytes)
        let whole = Linter.lint(file, options: options)
        let pieces = FileSplitter.pieces(bytes, count: 5)
        #expect(pieces.filter { !$0.range.isEmpty }.count > 2)
        var cut = LintReport()
        for piece in pieces { cut.merge(Linter.lint(file, piece: piece, options: options)) }
        func describe(_ report: LintReport) -> [String] {
            report.findings.map { "\($0.range.start) \($0.rule) \($0.object.container ?? "")" }
                + (report.errors + report.fileWarnings).map { "\($0.position.map(String.init(describing:)) ?? "") \($0.message)" }
        }
        #expect(describe(cut) == describe(whole))
        #expect(whole.findings.count == 40 - 14 - 6 + 2)  // 14 by trailing comments, 6 by document comments, 2 by both
        #expect(whole.errors.count == 1)
        #expect(whole.fileWarnings.count == 1)
    }

    /// Through the CLI: a silenced finding is neither reported nor fixed, and a cross-object
    /// finding (PL205, confirmed after every file) is silenced where it points: at the pod's
    /// first container, here inside the comment's container.
    @Test func theCLIReportsAndFixesOnlyWhatIsNotSilenced() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {app: web}}
            spec:
              containers:
              - name: a  # probelint ignore=PL101,PL205 -- measured: 1 s is enough here
                image: nginx
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  timeoutSeconds: 1
              - name: b
                image: nginx
                livenessProbe:
                  httpGet: {path: /, port: 80}
                  timeoutSeconds: 1

            """
        let file = dir.appendingPathComponent("web.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101,PL205", "-o", "json", "web.yaml"], directory: dir)
        let findings = try OutputSupport.parse(run.stdout).array("findings")
        #expect(findings.map { "\($0.string("rule") ?? "") \($0.object("object")?.string("container") ?? "")" } == ["PL101 b"])
        let fix = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "--fix", "web.yaml"], directory: dir)
        #expect(fix.stderr == "web.yaml:20:23: fixed: livenessProbe timeoutSeconds 1 -> 3 [PL101]\n", "\(fix.stderr)")
        let last = try #require(text.range(of: "timeoutSeconds: 1", options: .backwards))
        #expect(try String(contentsOf: file, encoding: .utf8) == text.replacingCharacters(in: last, with: "timeoutSeconds: 3"))
        let all = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL205", "-o", "json", "-"],
                                      stdin: text.replacingOccurrences(of: "PL101,PL205", with: "PL101"))
        #expect(try OutputSupport.parse(all.stdout).array("findings").map { $0.string("rule") } == ["PL205"])
    }

    /// A comment's own text may hold another `#` (a directive there is one error); many comments
    /// are bounded per document, and a long line of them is read once.
    @Test func hostileCommentsAreBounded() {
        let reason = Self.pod("  - name: a  # probelint ignore=PL204 # sidecar # probelint ignore=PL999\n    image: x\n")
        #expect(Self.lint(reason).errors.map { $0.position?.column } == [49])
        #expect(Self.unprobed(reason).isEmpty)

        let many = Self.pod(String(repeating: "  # probelint ignore=PL204\n", count: 1001) + "  - name: a\n    image: x\n")
        let report = Self.lint(many)
        #expect(report.errors.map(\.message) == ["more than 1000 '# probelint ignore' comments in one document: this one and those after it are not read"])
        #expect(report.errors.first?.position?.line == 1007)
        #expect(report.findings.isEmpty)  // the 1000th comment still covers the container

        let longLine = Self.pod("  - name: a  " + String(repeating: "# probelint ignore=PL204 ", count: 200_000) + "\n    image: x\n")
        let long = Self.lint(longLine)
        #expect(long.findings.isEmpty)
        #expect(long.errors.map { $0.position?.column } == [39])
    }
}
