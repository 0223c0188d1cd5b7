import Foundation
import Testing
@testable import ProbeLint

/// `-o github`: workflow commands as actions/toolkit parses them (ECOSYSTEM.md section 4).
@Suite struct GitHubReporterTests {
    @Test func incidentGivesErrorCommandsWithRelativeFiles() throws {
        let dir = try OutputSupport.temporaryDirectory("github")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: OutputSupport.incident, to: dir.appendingPathComponent("rgw.yaml"))
        let run = try TestSupport.run(OutputSupport.incidentFlags + ["-o", "github", dir.appendingPathComponent("rgw.yaml").path], directory: dir)
        #expect(run.status == 1)
        // The two timing errors; the full catalog adds warnings (PL106, PL107, PL301) around them.
        let lines = run.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("::error ") }
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=rgw.yaml,line=59,endLine=59,col=29,endColumn=30,title=PL101 probe-timeout-below-tail-latency::livenessProbe timeoutSeconds 1 is not above"))
        #expect(lines[0].contains("under load%0Afix (display only): timeoutSeconds 1 -> 3: ceil(2 * L99load 1.08 s) = 3"))
        #expect(lines[1].hasPrefix("::error file=rgw.yaml,line=59,endLine=59,col=29,endColumn=30,title=PL102 kill-window-shorter-than-saturation::"))
    }

    /// A container name with ESC, BEL, DEL, a C1 control and a bidi override reaches the job's
    /// log as U+FFFD each, as in the text output, in the message and the file name alike.
    @Test func controlCharactersFromTheInputAreReplaced() throws {
        let dir = try OutputSupport.temporaryDirectory("github-controls")
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "p\u{1B}[2J\u{202E}.yaml"
        try Data("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: \"c\\e[2J\\a\\u202e\\x7f\\x9b\"\n    image: x\n".utf8)
            .write(to: dir.appendingPathComponent(name))
        let run = try TestSupport.run(["-o", "github", "--select", "PL204", name], directory: dir)
        #expect(run.status == 0)
        #expect(run.stdout == "::notice file=p\u{FFFD}[2J\u{FFFD}.yaml,line=6,endLine=6,col=11,endColumn=35,title=PL204 missing-liveness-probe::container c\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} has no livenessProbe: if it hangs, nothing restarts it\n")
        let text = try TestSupport.run(["--no-color", "--select", "PL204", name], directory: dir)
        #expect(text.stdout.contains("container c\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD} has no livenessProbe"))
    }

    @Test func escaping() {
        #expect(GitHubReporter.escapeData("50% a:b,c\r\nd") == "50%25 a:b,c%0D%0Ad")
        #expect(GitHubReporter.escapeProperty("a:b,c%\n") == "a%3Ab%2Cc%25%0A")
        // Multibyte text around and between escapes, escapes first and last, nothing to escape.
        #expect(GitHubReporter.escapeData("%é\n中🙂%") == "%25é%0A中🙂%25")
        #expect(GitHubReporter.escapeProperty("ü:,") == "ü%3A%2C")
        #expect(GitHubReporter.escapeData("plain é") == "plain é")
    }

    @Test func severitiesMapToCommandsAndMultiLineRangesDropColumns() {
        let range = SourceRange(start: SourcePosition(offset: 0, line: 3, column: 5), end: SourcePosition(offset: 20, line: 4, column: 2))
        var f = Finding(rule: "PL101", severity: .warning, message: "m, with: 100%", file: "/w/a,b.yaml", range: range,
                        object: ObjectRef(kind: "Pod", name: "p"))
        let reporter = GitHubReporter(workingDirectory: "/w")
        #expect(reporter.render(f) == "::warning file=a%2Cb.yaml,line=3,endLine=4,title=PL101 probe-timeout-below-tail-latency::m, with: 100%25\n")
        f.severity = .info
        #expect(reporter.render(f).hasPrefix("::notice file="))
        let error = LintError(file: "/w/x.yaml", position: SourcePosition(offset: 0, line: 2, column: 7), message: "parser: bad")
        #expect(reporter.render(error) == "::error file=x.yaml,line=2,col=7,title=probelint input error::parser: bad\n")
    }

    /// A block scalar's end mark is column 1 of the line after its text: the annotation ends the
    /// line before, as SARIF's region does, where it took in the next line; and the message shows
    /// the scalar's text quoted, its line break as `\n`, not as a replacement character.
    @Test func aBlockScalarsAnnotationEndsOnItsLastLine() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: |\n  1")
        let f = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL202" })
        #expect(f.range.end.column == 1 && f.range.end.line == f.range.start.line + 2, "\(f.range)")
        let line = GitHubReporter(workingDirectory: "").render(f)
        #expect(line.hasPrefix("::error file=test.yaml,line=\(f.range.start.line),endLine=\(f.range.start.line + 1),title=PL202 "), "\(line)")
        #expect(line.contains("::timeoutSeconds: \"1\\n\" must be an integer, not a string"), "\(line)")
    }

    /// A file name's line break is written `%0A`, which the runner decodes, so the annotation
    /// finds the file; another control character has no such escape and is replaced (the
    /// annotation then names no file, as the text report names none that a terminal would show).
    @Test func aLineBreakInAFileNameIsEscapedNotReplaced() {
        let range = SourceRange(point: SourcePosition(offset: 0, line: 2, column: 3))
        let reporter = GitHubReporter(workingDirectory: "/w")
        let f = Finding(rule: "PL101", severity: .warning, message: "m", file: "/w/a\nb\r.yaml", range: range, object: ObjectRef(kind: "Pod", name: "p"))
        #expect(reporter.render(f).hasPrefix("::warning file=a%0Ab%0D.yaml,line=2,"), "\(reporter.render(f))")
        let escaped = Finding(rule: "PL101", severity: .warning, message: "m", file: "/w/a\u{1B}[2K\u{202E}b.yaml", range: range, object: ObjectRef(kind: "Pod", name: "p"))
        #expect(reporter.render(escaped).hasPrefix("::warning file=a\u{FFFD}[2K\u{FFFD}b.yaml,line=2,"), "\(reporter.render(escaped))")
        let error = LintError(file: "/w/a\nb.yaml", position: SourcePosition(offset: 0, line: 1, column: 1), message: "parser: bad")
        #expect(reporter.render(error) == "::error file=a%0Ab.yaml,line=1,col=1,title=probelint input error::parser: bad\n")
    }

    /// Live objects have no file: the annotation names the object and field path instead.
    @Test func liveObjectsHaveNoFileProperty() throws {
        let range = SourceRange(point: SourcePosition(offset: 900, line: 40, column: 9))
        let f = Finding(rule: "PL102", severity: .error, message: "m", file: "deployment/ns/a", range: range,
                        object: ObjectRef(kind: "Deployment", namespace: "ns", name: "a", container: "c", probe: .liveness),
                        path: "spec.template.spec.containers[0].livenessProbe.timeoutSeconds")
        let reporter = GitHubReporter(workingDirectory: "/w", source: .cluster(command: ["kubectl", "get", "deployments", "-o", "json"]))
        #expect(reporter.render(f) == "::error title=PL102 kill-window-shorter-than-saturation::deployment/ns/a spec.template.spec.containers[0].livenessProbe.timeoutSeconds: m\n")
        // An input error names its object in the message, as a finding does: two objects' same
        // error were two identical lines.
        let error = LintError(file: "pod/shop/a", position: SourcePosition(offset: 113, line: 1, column: 113), message: "annotation x: bad")
        #expect(reporter.render(error, as: .inputError) == "::error title=probelint input error::pod/shop/a: annotation x: bad\n")
        // And SARIF's notification, which has no location for it either.
        let sarif = SARIFReporter(toolVersion: "0", workingDirectory: "/w", source: .cluster(command: ["kubectl", "get", "pods", "-o", "json"]))
        var report = LintReport()
        report.errors = [error]
        let log = try #require(try JSONSerialization.jsonObject(with: Data(sarif.report(report).utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let notes = try #require((run["invocations"] as? [[String: Any]])?.first?["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.compactMap { ($0["message"] as? [String: Any])?["text"] as? String } == ["pod/shop/a: annotation x: bad"])
    }

    /// The escapes pass over eight bytes at a time where a word test finds nothing to
    /// replace: every byte at every offset of strings of 1 to 19 bytes must come out as
    /// a byte-by-byte reference writes it.
    @Test func everyEscapeAtEveryOffset() {
        func reference(_ text: String, property: Bool) -> String {
            var out = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "%": out += "%25"
                case "\r": out += "%0D"
                case "\n": out += "%0A"
                case ":" where property: out += "%3A"
                case "," where property: out += "%2C"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        let specials = (0..<0x80).compactMap(Unicode.Scalar.init) + ["é", "🙂"]
        for (text, label) in OutputSupport.eachAtEveryOffset(specials) {
            #expect(GitHubReporter.escapeData(text) == reference(text, property: false), "\(label)")
            #expect(GitHubReporter.escapeProperty(text) == reference(text, property: true), "\(label)")
        }
    }

    /// Each annotation's fix lines are the text report's, word for word: an invalid value,
    /// a fix that only moves (PL301), "display only" and "not set" included. (The GitHub lines
    /// had their own wording, and said "unset" for a quoted number and "5 -> 5" for PL301.)
    @Test func fixLinesAreTheTextReportsLines() throws {
        let dir = try OutputSupport.temporaryDirectory("github-fixes")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: x\n        livenessProbe:\n          httpGet: {path: /, port: 8080}\n          timeoutSeconds: \"5\"\n          successThreshold: 2\n".utf8)
            .write(to: dir.appendingPathComponent("quoted.yaml"))
        let root = TestSupport.packageRoot.path
        let runs = [
            (["quoted.yaml"], dir),
            (OutputSupport.incidentFlags + [root + "/examples/rgw-incident.yaml"], dir),
            (["--journal-size", "382MB", "--journal-bandwidth", "2MB/s", root + "/examples/mds-incident.yaml",
              root + "/examples/rook-config-override.yaml"], dir),
            (OutputSupport.incidentFlags + ["-R", TestSupport.corpus.path + "/rook-v1.1.0"], dir),
        ]
        var compared = 0, displayOnly = 0
        for (arguments, directory) in runs {
            let text = try TestSupport.run(arguments + ["--no-color"], directory: directory)
            let github = try TestSupport.run(arguments + ["-o", "github"], directory: directory)
            let textLines = text.stdout.split(separator: "\n").filter { $0.hasPrefix("  fix") }.map { String($0.dropFirst(2)) }
            let githubLines = github.stdout.split(separator: "\n").flatMap { line in
                line.components(separatedBy: "%0A").filter { $0.hasPrefix("fix") }
                    .map { $0.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%25", with: "%") }
            }
            #expect(!textLines.isEmpty, "\(arguments)")
            #expect(githubLines == textLines, "\(arguments)")
            compared += textLines.count
            displayOnly += textLines.filter { $0.hasPrefix("fix (display only): ") }.count
        }
        #expect(compared > 10 && displayOnly > 0)
        let quoted = try TestSupport.run(["-o", "github", "quoted.yaml"], directory: dir)
        #expect(quoted.stdout.contains("%0Afix: timeoutSeconds invalid -> 5: "))
    }
}
