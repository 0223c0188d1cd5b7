import Testing
@testable import ProbeLint

/// A fix never trades one finding for another (docs/model.md rule 4): a fix that would draw a finding
/// its probe does not have is a note instead, where `--fix` refused the whole file ("the fix
/// would cause PL105"). The cases come from a review of the arithmetic.
@Suite struct FixTradesTests {
    static func yaml(liveness: String, readiness: String? = nil) -> String {
        TestSupport.deployment(probe: "httpGet: {path: /healthz, port: 8080}\n" + liveness,
                               extraContainer: readiness.map { probe in
                                   "          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n"
                                       + probe.split(separator: "\n").map { "            \($0)\n" }.joined()
                               } ?? "")
    }

    static func finding(_ rule: String, _ yaml: String, _ flags: [InputKey: String] = [:]) throws -> Finding {
        try #require(TestSupport.lint(yaml, flags: flags).findings.first { $0.rule.rawValue == rule })
    }

    static func trade(_ finding: Finding) -> String? { finding.notes.first { $0.name == "fixTrades" }?.text }

    /// `--fix` writes the file (it refused it before): the fixes it makes are those of `changes`
    /// (none: the file comes back whole, as it was), nothing else changes, and the finding that
    /// was traded for stays away. An empty or cut output (a crash) fails.
    static func fixes(_ yaml: String, _ flags: [String], without rule: String, _ lintFlags: [InputKey: String],
                      changes: [(from: String, to: String)]) throws {
        let fixed = try TestSupport.run(flags + ["--fix", "-"], stdin: yaml)
        #expect(fixed.status == 0 || fixed.status == 1, "\(fixed.stderr)")
        #expect(!fixed.stderr.contains("would cause"), "\(fixed.stderr)")
        let expected = changes.reduce(yaml) { text, change in
            #expect(text.contains(change.from + "\n"), "\(change.from) is not in the manifest")
            return text.replacingOccurrences(of: change.from + "\n", with: change.to + "\n")
        }
        #expect(fixed.stdout == expected, "\(fixed.stdout)")
        #expect(!TestSupport.lint(fixed.stdout, flags: lintFlags).findings.contains { $0.rule.rawValue == rule })
    }

    /// PL101 lowered the period to 98 s with T = 6 s: the earliest kill, 202 s, came before a
    /// 250 s start-up (PL105).
    @Test func pl101sPeriodWouldKillTheStart() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 1\nperiodSeconds: 200\nfailureThreshold: 3\n")
        let flags: [InputKey: String] = [.loadedLatencyP99: "3s", .startupTime: "250s"]
        let f = try Self.finding("PL101", yaml, flags)
        #expect(f.suggestions.isEmpty)
        #expect(Self.trade(f) == "no fix: timeoutSeconds 6 with periodSeconds 98 (PL101's arithmetic) would kill the container 202 s after it starts (D0 + (F - 1) * P + T), before its startup time of 250 s (PL105), and --fix would refuse it: change the probe by hand")
        #expect(!f.notes.contains { $0.text.hasPrefix("no timeout above L99load fits") })
        try Self.fixes(yaml, ["--loaded-latency-p99", "3s", "--startup-time", "250s"], without: "PL105", flags, changes: [])
    }

    /// PL104's period 300 -> 99 gave liveness W_min 199 s, not above readiness's 201 s (PL201).
    @Test func pl104sPeriodWouldMatchReadiness() throws {
        let yaml = Self.yaml(liveness: "periodSeconds: 300\n", readiness: "periodSeconds: 100\n")
        #expect(TestSupport.lint(yaml).findings.allSatisfy { $0.rule.rawValue != "PL201" })
        let f = try Self.finding("PL104", yaml)
        #expect(f.suggestions.isEmpty)
        #expect(Self.trade(f)?.hasPrefix("no fix: periodSeconds 99 would let liveness restart after 199 s of failures, no later than readiness removes the pod after 201 s on the same check (PL201)") == true)
        try Self.fixes(yaml, [], without: "PL201", [:], changes: [])
    }

    /// PL104's failureThreshold 30 -> 29 gave W_min 281 s, shorter than one 2.85 GB transfer (PL102).
    @Test func pl104sThresholdWouldRestartATransfer() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 30\n")
        let flags: [InputKey: String] = [.loadedLatencyP99: "200s", .bandwidth: "10MB/s", .largestTransfer: "2850MB"]
        #expect(TestSupport.lint(yaml, flags: flags).findings.allSatisfy { $0.rule.rawValue != "PL102" })
        let f = try Self.finding("PL104", yaml, flags)
        #expect(Self.trade(f)?.contains("E = 285 s, longer than W_min = 281 s (PL102)") == true)
    }

    /// PL104's period 300 -> 93 made the idle tail restart the container 0.32 times in 30 days (PL103).
    @Test func pl104sPeriodWouldRaiseFalseRestarts() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 20\nperiodSeconds: 300\nfailureThreshold: 3\n")
        let flags: [InputKey: String] = [.latencyP50: "380ms", .latencyP99: "38s", .loadedLatencyP99: "10s"]
        let f = try Self.finding("PL104", yaml, flags)
        #expect(Self.trade(f)?.hasPrefix("no fix: periodSeconds 93 would expect 0.32 false restarts per 30 days from the idle latency tail, above the budget of 0.1 (PL103)") == true)
    }

    /// Readiness's timeout 1 -> 80 with its 10 s period: failing probes start every 80 s, readiness
    /// W_min 240 s, later than liveness's 101 s (PL201). The liveness fix stands.
    @Test func aReadinessTimeoutWouldOutlastLiveness() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 1\nperiodSeconds: 50\nfailureThreshold: 3\n",
                             readiness: "timeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 3\n")
        let findings = TestSupport.lint(yaml, flags: [.loadedLatencyP99: "40s"]).findings.filter { $0.rule.rawValue == "PL101" }
        #expect(findings.map { $0.suggestions.map(\.value) } == [[50], []])
        #expect(findings.last.flatMap(Self.trade)?.hasPrefix("no fix: timeoutSeconds 80 (PL101's arithmetic) would let liveness restart after 101 s of failures, no later than readiness removes the pod after 240 s on the same check (PL201)") == true,
                "\(findings.last.flatMap(Self.trade) ?? "")")
    }

    /// PL101's readiness T 1 -> 10 above liveness's 6 on the same check: an answer in 6 to 10 s
    /// would fail liveness alone (PL201), so the fix is a note (a review's `--fix` left PL201 firing).
    /// Judged with both probes' planned values: the same fix on both opens no band (it traded the
    /// readiness half of PL101's fix wherever both probes got it).
    @Test func aReadinessTimeoutAboveLivenesssIsANote() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 6\nfailureThreshold: 30\n", readiness: "timeoutSeconds: 1\nfailureThreshold: 29\n")
        let f = try Self.finding("PL101", yaml, [.loadedLatencyP99: "5s"])
        #expect(f.suggestions.isEmpty)
        #expect(Self.trade(f) == "no fix: readiness timeoutSeconds 10 would let liveness wait 6 s for an answer where readiness waits 10 s on the same check (PL201), and --fix would refuse it: raise both timeouts together by hand", "\(Self.trade(f) ?? "")")
        // Both at 1 s: PL101 raises both to 10, and both fixes stand.
        let both = TestSupport.lint(Self.yaml(liveness: "timeoutSeconds: 1\nfailureThreshold: 5\n", readiness: "timeoutSeconds: 1\n"),
                                    flags: [.loadedLatencyP99: "5s"]).findings.filter { $0.rule.rawValue == "PL101" }
        #expect(both.count == 2 && both.allSatisfy { $0.suggestions.map(\.value).contains(10) }, "\(both.map { $0.notes.map(\.text) })")
    }

    /// With T > P the earliest kill counts T up to P: the note's formula is D0 + F * P, whose
    /// number it gives (F 30 -> 6 at P 30: 6 * 30 = 180 s), not D0 + (F - 1) * P + T (190 s).
    @Test func theStretchedKillIsNamedByItsFormula() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 40\nperiodSeconds: 30\nfailureThreshold: 30\n")
        let f = try Self.finding("PL104", yaml, [.startupTime: "400s"])
        #expect(Self.trade(f)?.hasPrefix("no fix: failureThreshold 6 would kill the container 180 s after it starts (D0 + F * P), before its startup time of 400 s (PL105)") == true, "\(Self.trade(f) ?? "")")
    }

    /// PL104's liveness F 30 -> 29 and PL101's readiness T 1 -> 10 are each fine, but together
    /// give liveness W_min 290 s against readiness's 290 s (PL201), and `--fix` refused the file.
    /// No liveness F within the budget gets past readiness's new window, so the readiness fix is
    /// the note; liveness's stands (both were notes before, and PL104 went unfixed), and `--fix`
    /// writes nothing it would refuse.
    @Test func twoProbesFixesThatTogetherDrawPL201() throws {
        let yaml = Self.yaml(liveness: "timeoutSeconds: 10\nfailureThreshold: 30\n", readiness: "timeoutSeconds: 1\nfailureThreshold: 29\n")
        let flags: [InputKey: String] = [.loadedLatencyP99: "5s"]
        let report = TestSupport.lint(yaml, flags: flags)
        let touched = report.findings.filter { $0.notes.contains { $0.name == "fixTrades" } }
        #expect(touched.map(\.rule.rawValue) == ["PL101"] && touched[0].object.probe == .readiness)
        #expect(touched.allSatisfy { $0.suggestions.isEmpty })
        #expect(Self.trade(touched[0]) == "no fix: readiness's fixes would let it remove the pod only after 290 s of failures, no sooner than liveness restarts it after 290 s on the same check (PL201), which no liveness failureThreshold within the detection budget restores: change the two probes by hand",
                "\(touched.map { Self.trade($0) ?? "" })")
        #expect(report.findings.first { $0.rule.rawValue == "PL104" }?.suggestions.map(\.value) == [29])
        let fixed = try TestSupport.run(["--loaded-latency-p99", "5s", "--fix", "-"], stdin: yaml)
        #expect(!fixed.stderr.contains("would cause"), "\(fixed.stderr)")
        #expect(!TestSupport.lint(fixed.stdout, flags: flags).findings.contains { $0.rule.rawValue == "PL201" })
    }

    /// Readiness fixes that leave PL201 where no liveness fix within the budget can reach it (a
    /// review of the arithmetic): `--fix` wrote them and said "PL201 still fires". The readiness
    /// fix is a note; liveness's fixes stand, and the fixed file has no PL201.
    @Test(arguments: [
        // Readiness T 2 -> 16 at period 1 (F 30): it gives up after 480 s, beside liveness's
        // planned F 4 (80 s); liveness's F could reach it only past 300 s.
        ("timeoutSeconds: 20\nfailureThreshold: 3\n", "timeoutSeconds: 2\nperiodSeconds: 1\nfailureThreshold: 30\n", "8s",
         "no fix: readiness's fixes would let it remove the pod only after 480 s of failures, no sooner than liveness restarts it after 80 s on the same check (PL201), which no liveness failureThreshold within the detection budget restores: change the two probes by hand"),
        // Readiness T 5 -> 11 beside liveness's capped 9: liveness at 11 would pass the budget.
        ("periodSeconds: 3\nfailureThreshold: 30\n", "timeoutSeconds: 5\n", "5.08s",
         "no fix: readiness timeoutSeconds 11 would let liveness wait 9 s for an answer where readiness waits 11 s on the same check (PL201), and --fix would refuse it: raise both timeouts together by hand"),
    ])
    func readinessFixesNoLivenessFixCanFollow(liveness: String, readiness: String, loaded: String, note: String) throws {
        let yaml = Self.yaml(liveness: liveness, readiness: readiness)
        let flags: [InputKey: String] = [.loadedLatencyP99: loaded]
        let ready = try #require(TestSupport.lint(yaml, flags: flags).findings.first { $0.rule.rawValue == "PL101" && $0.object.probe == .readiness })
        #expect(ready.suggestions.isEmpty)
        #expect(Self.trade(ready) == note, "\(Self.trade(ready) ?? "")")
        let fixed = try TestSupport.run(["--loaded-latency-p99", loaded, "--fix", "-"], stdin: yaml)
        #expect(fixed.stdout != yaml && !fixed.stderr.contains("still fires"), "\(fixed.stderr)")
        #expect(!TestSupport.lint(fixed.stdout, flags: flags).findings.contains { $0.rule.rawValue == "PL201" }, "\(fixed.stdout)")
    }
}
