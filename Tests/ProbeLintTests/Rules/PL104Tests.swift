import Testing
@testable import ProbeLint

/// docs/model.md rule 4: liveness W_max = F * P + T above the 300 s detection budget.
@Suite struct PL104Tests {
    func findings(_ body: String, kind: ProbeKind = .liveness) -> [Finding] {
        let yaml = TestSupport.deployment(probeKind: kind, probe: "httpGet:\n  path: /healthz\n  port: 8080\n" + body)
        return TestSupport.lint(yaml).findings.filter { $0.rule == "PL104" }
    }

    /// Just below, at and just above the budget.
    @Test(arguments: [(29, 9, false), (29, 10, false), (29, 11, true), (30, 1, true)])
    func boundary(failure: Int, timeout: Int, fires: Bool) {
        #expect(findings("timeoutSeconds: \(timeout)\nfailureThreshold: \(failure)").isEmpty != fires)
    }

    @Test func lowersFailureThreshold() throws {
        let f = try #require(findings("failureThreshold: 30").first)
        #expect(f.message == "livenessProbe takes up to 301 s to notice a hung container, above the 300 s detection budget")
        #expect(f.suggestions.map(\.field) == [.failureThreshold])
        #expect(f.suggestions.map(\.value) == [29])
        #expect(f.range.start.line == 18)
        #expect(f.range.start.column == 31)
    }

    /// The budget's note names where it was set: a `.probelint.yaml`'s place, else the default
    /// and the key that sets it.
    @Test func theBudgetsNoteNamesItsOrigin() throws {
        let f = try #require(findings("failureThreshold: 30").first)
        let note = try #require(f.notes.first { $0.name == "detectionBudget" })
        #expect(note.text == "detection budget = 300 s (default; detection-budget in .probelint.yaml sets it)")
        #expect(note.origin == "default")
        let config = try ConfigFile.parse(Array("margin: 3\ndetection-budget: 200s\n".utf8), file: "team/.probelint.yaml")
        var options = LintOptions()
        config.apply(to: &options)
        let yaml = TestSupport.deployment(probeKind: .liveness, probe: "httpGet:\n  path: /healthz\n  port: 8080\nfailureThreshold: 30\n")
        let set = try #require(Linter.lint(InputFile(path: "d.yaml", bytes: Array(yaml.utf8)), options: options).findings.first { $0.rule == "PL104" })
        let configured = try #require(set.notes.first { $0.name == "detectionBudget" })
        #expect(configured.text == "detection budget = 200 s (from team/.probelint.yaml:2:19)")
        #expect(configured.origin == "config")
        #expect(options.environment.options.origins == ["margin": "team/.probelint.yaml:1:9", "detection-budget": "team/.probelint.yaml:2:19"])
    }

    @Test func lowersPeriodWhenFailureWouldDropBelowThree() throws {
        let f = try #require(findings("periodSeconds: 300").first)
        #expect(f.suggestions.map(\.field) == [.periodSeconds])
        #expect(f.suggestions.map(\.value) == [99])
        #expect(f.range.start.line == 18)
    }

    @Test func readinessAndStartupAreNotJudged() {
        #expect(findings("failureThreshold: 30", kind: .readiness).isEmpty)
        #expect(findings("failureThreshold: 60", kind: .startup).isEmpty)
    }

    /// The other rules' fixes stay within the budget (a fix never trades one finding for another).
    @Test func pl102FailureFixIsBounded() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probe: """
            httpGet:
              path: /
              port: 80
            periodSeconds: 90
            """)
        let report = TestSupport.lint(yaml, flags: [.bandwidth: "10MB/s", .largestTransfer: "5GB", .loadedLatencyP99: "80s"])
        // No failureThreshold clears E = 500 s within the budget, and no timeout above L99load
        // fits it either (160 s would need periodSeconds 46, shorter than the timeout, and the
        // largest timeout any period fits, 300 / 4 = 75 s, is below 80 s).
        let f = try #require(report.findings.first { $0.rule == "PL102" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.hasPrefix("no timeout or failureThreshold clears E = 500 s") })
        #expect(!report.findings.contains { $0.rule == "PL104" })
    }

    /// The timeout capped at the budget (30 s) would still be below L99load (50 s) and fire, and
    /// ceil(2 * 50) = 100 s fits no period of at least 100 s (3 * 100 + 100 > 300): the timeout
    /// is capped at 300 / 4 = 75 s with a 75 s period (W_max 300 s). At L99load 80 s not even
    /// that is above it: no fix, and a note. With L99load 20 s the cap (30 s) clears it.
    @Test func pl101TimeoutFixStaysWithinTheBudget() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket:\n  port: 80\nperiodSeconds: 90")
        let fit = try #require(TestSupport.lint(yaml, flags: [.loadedLatencyP99: "50s"]).findings.first { $0.rule == "PL101" })
        #expect(fit.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 75", "periodSeconds 75"])
        let report = TestSupport.lint(yaml, flags: [.loadedLatencyP99: "80s"])
        let f = try #require(report.findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.hasPrefix("no timeout above L99load fits: ceil(2 * L99load) = 160 s") })
        // Where the cap is above L99load, the timeout alone is capped, as before.
        let capped = TestSupport.lint(yaml, flags: [.loadedLatencyP99: "20s"]).findings.first { $0.rule == "PL101" }
        #expect(capped?.suggestions.map(\.value) == [30])
    }

    /// Inputs far beyond any real value clamp suggestions to int32 instead of trapping.
    @Test(arguments: [ProbeKind.liveness, .startup])
    func hugeInputsDoNotTrap(kind: ProbeKind) {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probeKind: kind, probe: """
            httpGet: {path: /, port: 80}
            periodSeconds: 2147483647
            failureThreshold: 2147483647
            """)
        // The bounds of the inputs (`InputValue`): the slowest rate, the largest size and duration.
        let report = TestSupport.lint(yaml, flags: [.bandwidth: "1bit/s", .largestTransfer: "9000000TB",
                                                    .loadedLatencyP99: "2147483647s"])
        let values = report.findings.flatMap(\.suggestions).map(\.value)
        #expect(values.allSatisfy { $0 >= 1 && $0 <= Int(Int32.max) })
        #expect(report.findings.contains { $0.rule == "PL101" })
    }

    @Test func int32Clamp() {
        #expect(ProbeArithmetic.int32(1e300) == Int(Int32.max))
        #expect(ProbeArithmetic.int32(-.infinity) == Int(Int32.min))
        #expect(ProbeArithmetic.int32(41.0) == 41)
    }

    /// `periodSeconds: 010` and `failureThreshold: 031` are octal to kubectl (8 and 25):
    /// W_max = 25 * 8 + 1 = 201 s is within the budget. Read as decimal (10 and 31, 311 s),
    /// PL104 fired and its fix raised F from 25 to 29.
    @Test func octalNumbersAreReadAsKubectlReadsThem() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\nperiodSeconds: 010\nfailureThreshold: 031\n")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule.rawValue == "PL104" }.isEmpty)
        let decimal = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\nperiodSeconds: 10\nfailureThreshold: 31\n")
        #expect(TestSupport.lint(decimal).findings.contains { $0.rule.rawValue == "PL104" })
    }

    /// A timeout near the budget on its own leaves no F or P to fix: no fix, and a note with the
    /// numbers (the rule's page said "Fix: always").
    @Test func aTimeoutThatFillsTheBudgetHasANoteNotAFix() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 400\n")
        let finding = try #require(TestSupport.lint(yaml).findings.first { $0.rule.rawValue == "PL104" })
        #expect(finding.suggestions.isEmpty)
        // T = 400 > P = 10: failing probes start every T, and no period brings W_max = P + F * T under 1 + 3 * 400.
        #expect(finding.notes.contains { $0.text.hasPrefix("no failureThreshold of at least 3 or periodSeconds brings W_max within the budget: with timeoutSeconds 400, W_max = P + F * T is at least 1 + 3 * 400 = 1201 s at any period") })
        #expect(RuleCatalog.info(RuleID(rawValue: "PL104"))?.fix == .sometimes)
    }

    /// The note's floor is at the fewest failures a fix keeps, 3, not at the probe's own F: with
    /// F = 10 it said "at least 10 * 100 + 100 = 1100 s", the current W_max, where 3 gives 400 s.
    @Test func theNotesFloorIsAtThreeFailures() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 100\nperiodSeconds: 100\nfailureThreshold: 10\n")
        let finding = try #require(TestSupport.lint(yaml).findings.first { $0.rule.rawValue == "PL104" })
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.contains { $0.text.hasPrefix("no failureThreshold of at least 3 or periodSeconds brings W_max within the budget: with timeoutSeconds 100, W_max = F * P + T is at least 3 * 100 + 100 = 400 s with a period") }, "\(finding.notes.map(\.text))")
        let stretched = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 100\nperiodSeconds: 10\nfailureThreshold: 10\n")
        let again = try #require(TestSupport.lint(stretched).findings.first { $0.rule.rawValue == "PL104" })
        #expect(again.notes.contains { $0.text.contains("W_max = P + F * T is at least 1 + 3 * 100 = 301 s at any period") }, "\(again.notes.map(\.text))")
    }

    /// The period fix never goes below the timeout: F = 3 with T = 100 needs P <= 66 for
    /// F * P + T <= 300, but the kubelet would run such a probe's failing checks back to back,
    /// every 100 s, so W_max would be 66 + 3 * 100 = 366 s. No fix then, and the note. A probe
    /// whose period is already shorter than its timeout can lower it further (its own term only).
    @Test func thePeriodFixStaysAtLeastTheTimeout() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 100\nperiodSeconds: 150\nfailureThreshold: 3\n")
        let finding = try #require(TestSupport.lint(yaml).findings.first { $0.rule.rawValue == "PL104" })
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.contains { $0.text.contains("W_max = F * P + T is at least 3 * 100 + 100 = 400 s with a period no shorter than the timeout") })
        let stretched = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 76\nperiodSeconds: 75\nfailureThreshold: 3\n")
        let lowered = try #require(TestSupport.lint(stretched).findings.first { $0.rule.rawValue == "PL104" })
        // W_max = 75 + (3 - 1) * 76 + 76 = 303 s; P = 300 - 3 * 76 = 72 gives 300 s.
        #expect(lowered.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["periodSeconds 72"])
        let fits = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 10\nperiodSeconds: 200\nfailureThreshold: 3\n")
        #expect(TestSupport.lint(fits).findings.first { $0.rule.rawValue == "PL104" }?.suggestions.map(\.value) == [96])
    }

    /// F 30 -> 29 would move the earliest kill to 281 s, before a 290 s start-up (PL105), and
    /// `--fix` would refuse it: no fix, and a note with the startupProbe to add first. With a
    /// startupProbe, or a start-up the lowered probe still covers, the fix stands.
    @Test func aFixThatWouldKillTheStartIsANote() throws {
        let probe = "httpGet: {path: /, port: 8080}\nperiodSeconds: 10\nfailureThreshold: 30\n"
        let yaml = TestSupport.deployment(probe: probe)
        let finding = try #require(TestSupport.lint(yaml, flags: [.startupTime: "290s"]).findings.first { $0.rule == "PL104" })
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.first { $0.name == "fixTrades" }?.text
            == "no fix: failureThreshold 29 would kill the container 281 s after it starts (D0 + (F - 1) * P + T), before its startup time of 290 s (PL105), and --fix would refuse it. Add a startupProbe with the same handler and timing and failureThreshold 30 to cover the start; the liveness probe starts once it succeeds, and then failureThreshold 29 is safe")
        #expect(TestSupport.lint(yaml, flags: [.startupTime: "280s"]).findings.first { $0.rule == "PL104" }?.suggestions.map(\.value) == [29])
        let started = yaml.replacingOccurrences(of: "          livenessProbe:", with: "          startupProbe:\n            httpGet: {path: /, port: 8080}\n            failureThreshold: 30\n          livenessProbe:")
        #expect(started != yaml)
        #expect(TestSupport.lint(started, flags: [.startupTime: "290s"]).findings.first { $0.rule == "PL104" }?.suggestions.map(\.value) == [29])
    }
}
