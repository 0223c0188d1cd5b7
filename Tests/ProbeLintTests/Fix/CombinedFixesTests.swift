import Foundation
import Testing
@testable import ProbeLint

/// Fixes of one liveness probe from several findings that `--fix` drops together (W_max above
/// the detection budget): the lint report says so on each, in the planner's words.
@Suite struct CombinedFixesTests {
    /// An OSD's exec liveness probe: PL101 wants timeoutSeconds 10 (L99 5 s), PL103 a longer
    /// timeout too, PL105 failureThreshold 5 (earliest kill 61 s, Tstart 120 s). Each alone keeps
    /// W_max within a 155 s budget (3 * 30 + 10 = 100 s, 5 * 30 + 1 = 151 s); together
    /// 5 * 30 + 10 = 160 s.
    static let yaml = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: osd, namespace: ceph}
        spec:
          template:
            spec:
              containers:
                - name: osd
                  image: quay.io/ceph/ceph:v18
                  livenessProbe:
                    exec: {command: [ceph, status]}
                    timeoutSeconds: 1
                    periodSeconds: 30
                    failureThreshold: 3

        """

    static func options(budget: Double) -> LintOptions {
        var options = FixSupport.options([.latencyP99: "5s"])
        options.environment.options.detectionBudget = Seconds(budget)
        return options
    }

    static let why = "together the suggested values (livenessProbe timeoutSeconds 1 -> 10, livenessProbe failureThreshold 3 -> 5) make W_max = 160 s, above the 155 s detection budget"

    @Test func eachDroppedFixSaysWhyInThePlannersWords() throws {
        let input = InputFile(path: "osd.yaml", bytes: Array(Self.yaml.utf8))
        let report = Linter.lint([input], options: Self.options(budget: 155))
        let fixed = report.findings.filter { !$0.suggestions.isEmpty }
        #expect(Set(fixed.map(\.rule)) == ["PL101", "PL103", "PL105"])
        for finding in fixed {
            let notes = finding.notes.filter { $0.name == "fixesCombined" }.map(\.text)
            #expect(notes == ["--fix applies none of this probe's fixes: " + Self.why], "\(finding.rule)")
        }
        let result = Fixer.fix([input], options: Self.options(budget: 155))
        #expect(result.conflicts.map(\.path) == ["spec.template.spec.containers[0].livenessProbe"])
        #expect(result.conflicts.map(\.message) == [Self.why])
        #expect(result.outcomes[0].fixed == input.bytes)
    }

    /// The command line names the probe once (`file:line:col: not fixed: path: why`), and the
    /// budget is the file's own `.probelint.yaml`'s, with which its findings were computed.
    @Test func theCommandLineSaysWhichProbeIsNotFixed() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("osd.yaml")
        try Self.yaml.write(to: file, atomically: true, encoding: .utf8)
        try "detection-budget: 155s\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--no-color", "--latency-p99", "5s", "--fix", "-f", file.path], directory: dir)
        #expect(run.stderr.split(separator: "\n").contains { $0.hasSuffix(
            "osd.yaml:12:29: not fixed: spec.template.spec.containers[0].livenessProbe: " + Self.why) }, "\(run.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.yaml)
    }

    @Test func fixesThatFitTogetherHaveNoNote() {
        let input = InputFile(path: "osd.yaml", bytes: Array(Self.yaml.utf8))
        let report = Linter.lint([input], options: Self.options(budget: 300))
        #expect(report.findings.contains { !$0.suggestions.isEmpty })
        #expect(!report.findings.contains { $0.notes.contains { $0.name == "fixesCombined" } })
        let result = Fixer.fix([input], options: Self.options(budget: 300))
        #expect(result.conflicts.isEmpty)
        #expect(result.outcomes[0].fixed != input.bytes)
    }
}
