import Foundation
import Testing
@testable import ProbeLint

/// A rule that is off by default (PL401): turned on by `--enable`, by `--select`, or by a severity
/// in `.probelint.yaml`; `--ignore` and `off` in the file turn it off.
@Suite struct RuleEnableTests {
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: a  # probelint ignore=PL204,PL107
            image: x

        """

    /// The rule IDs of a run's findings, from `-o json`. A usage or input error (exit 2) is an
    /// issue unless `refused` says it is the point: its empty list would pass a check of none.
    static func rules(_ arguments: [String], config: String? = nil, refused: Bool = false,
                      sourceLocation: SourceLocation = #_sourceLocation) throws -> (status: Int32, rules: [String], stderr: String) {
        let dir = try OutputSupport.temporaryDirectory("enable")
        defer { try? FileManager.default.removeItem(at: dir) }
        try pod.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8) }
        let run = try TestSupport.run(["-o", "json"] + arguments + ["pod.yaml"], directory: dir)
        #expect((run.status == 2) == refused, "exit \(run.status): \(run.stderr)", sourceLocation: sourceLocation)
        guard run.status != 2 else { return (run.status, [], run.stderr) }
        let findings = try OutputSupport.parse(run.stdout).array("findings")
        return (run.status, findings.compactMap { $0.string("rule") }, run.stderr)
    }

    @Test func offUntilEnabled() throws {
        #expect(try Self.rules([]).rules.isEmpty)
        let enabled = try Self.rules(["--enable", "PL401"])
        #expect(enabled.rules == ["PL401"])
        #expect(enabled.status == 1)
        #expect(try Self.rules(["--enable", "unused-ignore"]).rules == ["PL401"])
        #expect(try Self.rules(["--enable", "PL401", "--ignore", "PL401"]).rules.isEmpty)
        // `--select` runs it with the rules it names: PL107 is not selected, so not judged.
        #expect(try Self.rules(["--select", "PL401,PL204"]).rules.isEmpty)
        #expect(try Self.rules(["--select", "PL401,PL107"]).rules == ["PL401"])
        // Words split at blanks too, as in the ignore annotation.
        #expect(try Self.rules(["--select", "PL401, PL107"]).rules == ["PL401"])
        #expect(try Self.rules(["--select", "unused-ignore liveness-probe-on-data-port"]).rules == ["PL401"])
        // A rule ID of a later version's form is a warning, as in the config and annotations: a
        // hook's `--ignore PL109` written for a later release still runs here, with the rules it knows.
        let later = "warning: --ignore: PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them); the flag does nothing for it\n"
        let ignoredLater = try Self.rules(["--enable", "PL401", "--ignore", "PL999,pl999", "--ignore", "PL999"])
        #expect(ignoredLater.rules == ["PL401"] && ignoredLater.stderr == later, "\(ignoredLater.stderr)")
        let enabledLater = try Self.rules(["--enable", "pl999,PL401"])
        #expect(enabledLater.rules == ["PL401"] && enabledLater.stderr.hasPrefix("warning: --enable: PL999 is not a rule"), "\(enabledLater.stderr)")
        #expect(try Self.rules(["--select", "PL401,PL107,PL998"]).rules == ["PL401"])
        // Later rules alone select none of this version's: not a run of every rule.
        let onlyLater = try Self.rules(["--select", "PL999"], refused: true)
        #expect(onlyLater.stderr.contains("--select names no rule of this version of probelint: no rule would run"), "\(onlyLater.stderr)")
        let unknown = try Self.rules(["--enable", "PL99"], refused: true)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("Error: --enable 'PL99' is not a rule: see 'kubectl-probelint rules'\n"), "\(unknown.stderr)")
        let typo = try Self.rules(["--select", "PL401,PL1O7"], refused: true)
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("Error: --select 'PL1O7' is not a rule (did you mean PL107, liveness-probe-on-data-port?): see 'kubectl-probelint rules'\n"),
                "\(typo.stderr)")
        // An empty value (an unset CI variable) names no rule: it ran every rule. An empty
        // --ignore or --enable ignores or enables nothing, as before.
        for empty in ["", ",", " "] {
            let run = try Self.rules(["--select", empty], refused: true)
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("Error: --select '\(empty)' names no rule: give rule IDs or names (see 'kubectl-probelint rules')\n"), "\(run.stderr)")
        }
        #expect(try Self.rules(["--ignore", "", "--enable", ""]).status != 2)
        // Nothing left to run is a usage error, not a clean run.
        let none = try Self.rules(["--select", "PL401,PL107", "--ignore", "PL107,unused-ignore"], refused: true)
        #expect(none.status == 2 && none.stderr.hasPrefix("Error: --ignore takes out every rule --select names: no rule would run\n"), "\(none.stderr)")
        let all = try Self.rules(["--ignore", RuleCatalog.infos.map(\.id.rawValue).joined(separator: ",")], refused: true)
        #expect(all.status == 2 && all.stderr.hasPrefix("Error: --ignore takes out every rule: no rule would run\n"), "\(all.stderr)")
        // PL401 alone, or every other rule ignored, judges nothing (a review).
        let alone = try Self.rules(["--select", "PL401,PL107", "--ignore", "PL107"], refused: true)
        #expect(alone.status == 2 && alone.stderr.hasPrefix("Error: PL401 alone finds nothing: it judges the ignores of the rules that run, and no other rule would run\n"), "\(alone.stderr)")
        let others = RuleCatalog.infos.map(\.id.rawValue).filter { $0 != "PL401" }.joined(separator: ",")
        #expect(try Self.rules(["--ignore", others], refused: true).status == 2)
        #expect(try Self.rules(["--ignore", others, "--enable", "PL401"], refused: true).status == 2)
    }

    @Test func theConfigFileTurnsItOnAndOff() throws {
        let on = try Self.rules([], config: "rules: {PL401: error}\n")
        #expect(on.rules == ["PL401"])
        let dir = try OutputSupport.temporaryDirectory("enable-sarif")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.pod.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        try "rules: {unused-ignore: error}\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let text = try TestSupport.run(["--no-color", "pod.yaml"], directory: dir)
        #expect(text.stdout.hasPrefix("pod.yaml:6:14: error: this '# probelint ignore' comment names PL107, which finds nothing in what it covers: remove it from the comment (PL204 still silences a finding) [PL401]\n"),
                "\(text.stdout)")
        // Off in the file is off, but not for a rule `--enable` names: the command line's choice
        // wins (as ruff's `--select` over its config's `ignore`); `--ignore` wins over both.
        #expect(try Self.rules([], config: "rules: {PL401: off}\n").rules.isEmpty)
        #expect(try Self.rules(["--enable", "PL401"], config: "rules: {PL401: off}\n").rules == ["PL401"])
        #expect(try Self.rules(["--enable", "PL401", "--ignore", "PL401", "--select", "PL204"], config: "rules: {PL401: warning}\n").rules.isEmpty)
        #expect(try Self.rules(["--enable", "PL401"], config: "rules: {PL204: info}\n").rules == ["PL401"])
    }

    /// Enabling PL401 adds PL401 findings and changes no other: every real manifest of the shared
    /// corpus and the examples, with their findings compared field by field.
    @Test func enablingItChangesNoOtherFinding() throws {
        let inputs = ["-R", "-f", "examples", "-f", TestSupport.corpus.path]
        let plain = try TestSupport.run(["-o", "json", "--fail-on", "never"] + inputs)
        let enabled = try TestSupport.run(["-o", "json", "--fail-on", "never", "--enable", "PL401"] + inputs)
        #expect(plain.stderr == enabled.stderr)
        let before = try OutputSupport.parse(plain.stdout).array("findings")
        let after = try OutputSupport.parse(enabled.stdout).array("findings").filter { $0.string("rule") != "PL401" }
        #expect(before.count > 50)
        #expect(after.count == before.count)
        for (a, b) in zip(before, after) {
            #expect(NSDictionary(dictionary: a).isEqual(to: b), "\(a["message"] ?? "") / \(b["message"] ?? "")")
        }
    }
}
