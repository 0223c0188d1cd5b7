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

    /// PL105's threshold was computed with the old timeout: `--fix` writes the timeout (which fits
    /// on its own), then computes the threshold again with it. Here F = 5 still breaks the budget
    /// with T = 10 (160 s), so PL105 then offers a startup probe instead, and only it has a note.
    @Test func aRaisedThresholdWaitsForTheOtherFixes() throws {
        let input = InputFile(path: "osd.yaml", bytes: Array(Self.yaml.utf8))
        let report = Linter.lint([input], options: Self.options(budget: 155))
        let fixed = report.findings.filter { !$0.suggestions.isEmpty }
        #expect(Set(fixed.map(\.rule)) == ["PL101", "PL103", "PL105"])
        for finding in fixed {
            let notes = finding.notes.filter { $0.name == "fixesCombined" }.map(\.text)
            let expected = finding.rule == "PL105"
                ? ["--fix writes this probe's other fixes first and then computes failureThreshold again with them: " + Self.why] : []
            #expect(notes == expected, "\(finding.rule)")
        }
        let result = Fixer.fix([input], options: Self.options(budget: 155))
        #expect(result.conflicts.isEmpty)
        let text = String(decoding: result.outcomes[0].fixed, as: UTF8.self)
        #expect(text == Self.yaml.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 10\n"))
        #expect(result.report.findings.first { $0.rule == "PL105" }?.notes.contains { $0.name == "startupProbeInstead" } == true)
    }

    /// The helper's case: with the new timeout the threshold PL105 asks for is lower, and fits.
    @Test func theThresholdComputedAgainFits() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 3")
        let (result, text) = FixSupport.fix(yaml, flags: [.loadedLatencyP99: "25s", .startupTime: "250s"])
        #expect(result.conflicts.isEmpty)
        // T = 50 with P = 50 first (F = 26 with them would be W_max 1350 s); then F = 5:
        // earliest kill 4 * 50 + 50 = 250 s, W_max = 5 * 50 + 50 = 300 s.
        #expect(text.contains("timeoutSeconds: 50\n") && text.contains("periodSeconds: 50\n") && text.contains("failureThreshold: 5\n"), "\(text)")
        #expect(!result.report.findings.contains { ["PL101", "PL104", "PL105"].contains($0.rule) })
    }

    /// The budget is the file's own `.probelint.yaml`'s, with which its findings were computed:
    /// at 155 s the threshold computed again does not fit; at the flags' 300 s all would.
    @Test func theCommandLineUsesTheFilesOwnBudget() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("osd.yaml")
        try Self.yaml.write(to: file, atomically: true, encoding: .utf8)
        try "detection-budget: 155s\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--no-color", "--latency-p99", "5s", "--fix", "-f", file.path], directory: dir)
        #expect(run.stderr.contains("osd.yaml:12:29: fixed: livenessProbe timeoutSeconds 1 -> 10"), "\(run.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.yaml.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 10\n"))
    }

    /// Within the budget together, the threshold still waits for the new timeout, with which
    /// it was not computed: the note says so on its finding alone, and `--fix` writes both
    /// (F = 5 again with T = 10: 0 + (5 - 1) * 30 + 10 = 130 s >= 120 s).
    @Test func fixesThatFitTogetherWaitForTheTimeout() {
        let input = InputFile(path: "osd.yaml", bytes: Array(Self.yaml.utf8))
        let report = Linter.lint([input], options: Self.options(budget: 300))
        #expect(report.findings.contains { !$0.suggestions.isEmpty })
        #expect(report.findings.filter { $0.notes.contains(name: "fixesCombined") }.map(\.rule) == ["PL105"])
        #expect(report.findings.first { $0.rule == "PL105" }?.notes.first { $0.name == "fixesCombined" }?.text
            == "--fix writes this probe's other fixes first and then computes failureThreshold again with them: this value was computed with its present timeoutSeconds and periodSeconds")
        let result = Fixer.fix([input], options: Self.options(budget: 300))
        #expect(result.conflicts.isEmpty)
        let text = String(decoding: result.outcomes[0].fixed, as: UTF8.self)
        #expect(text == Self.yaml.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 10\n")
            .replacingOccurrences(of: "failureThreshold: 3\n", with: "failureThreshold: 5\n"), "\(text)")
    }

    /// PL104's cut was computed with the old period too: F 30 -> 29 (29 * 10 + 1 = 291 s), and
    /// PL101's T 6 with P 9 brings W_max to 276 s alone. Both written, the earliest kill was
    /// 28 * 9 + 6 = 258 s, below the 260 s startup time (PL105), and the next round set F back
    /// to 30, reported as a fix `30 -> 30`. The cut waits, and its note says so.
    @Test func aCutThresholdWaitsForTheNewPeriod() {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 30")
        let options = FixSupport.options([.loadedLatencyP99: "3s", .startupTime: "260s"])
        let report = Linter.lint(InputFile(path: "test.yaml", bytes: Array(yaml.utf8)), options: options)
        #expect(report.findings.filter { $0.notes.contains(name: "fixesCombined") }.map(\.rule) == ["PL104"])
        #expect(report.findings.first { $0.rule == "PL104" }?.suggestions.map(\.value) == [29])
        // The first round writes the timeout and the period only.
        let source = FixSource.read(InputFile(path: "test.yaml", bytes: Array(yaml.utf8)))
        let plan = FixPlanner(sources: source.map { [$0] } ?? []).plan(report.findings)
        #expect(plan.fields.map(\.key) == ["timeoutSeconds", "periodSeconds"])
        let (result, text) = FixSupport.fix(yaml, flags: [.loadedLatencyP99: "3s", .startupTime: "260s"])
        #expect(result.conflicts.isEmpty)
        #expect(text.contains("timeoutSeconds: 6\n") && text.contains("periodSeconds: 9\n") && text.contains("failureThreshold: 30\n"), "\(text)")
        #expect(result.outcomes[0].applied.map(\.key) == ["timeoutSeconds", "periodSeconds"])
        #expect(!result.report.findings.contains { ["PL101", "PL104", "PL105"].contains($0.rule) })
    }

    /// The helper's case: T and P 1 -> 3 (PL101), and PL105's threshold, 30 with the old P = 1,
    /// is 10 with the new: 0 + (10 - 1) * 3 + 3 = 30 s. It wrote 30.
    @Test func aThresholdComputedWithTheOldPeriodWaits() {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                          probe: "exec: {command: [\"true\"]}\ntimeoutSeconds: 1\nperiodSeconds: 1\n")
        let (result, text) = FixSupport.fix(yaml, flags: [.bandwidth: "10MB/s"])
        #expect(result.conflicts.isEmpty)
        #expect(text.contains("timeoutSeconds: 3\n") && text.contains("periodSeconds: 3\n") && text.contains("failureThreshold: 10\n"), "\(text)")
    }
}
