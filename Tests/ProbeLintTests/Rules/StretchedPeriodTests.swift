import Testing
@testable import ProbeLint

/// A timeout longer than the period: the kubelet starts a probe only when the last one has
/// ended, so the failing probes of a slow or hung container start every T, and the windows are
/// W_min = (F - 1) * T + T, W_max = P + (F - 1) * T + T (docs/model.md's formulas with T for P).
@Suite struct StretchedPeriodTests {
    func lint(_ probe: String, flags: [InputKey: String] = [:]) -> LintReport {
        TestSupport.lint(TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\n" + probe), flags: flags)
    }

    /// The probe's Deployment through `--fix` with a measured L99load: the fixed text, and the
    /// rules that still fire on it.
    func fixed(_ probe: String, loaded: String) throws -> (text: String, after: [String], stderr: String) {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\n" + probe)
        let run = try TestSupport.run(["--loaded-latency-p99", loaded, "--fix", "-"], stdin: yaml)
        return (run.stdout, TestSupport.lint(run.stdout, flags: [.loadedLatencyP99: loaded]).findings.map(\.rule.rawValue), run.stderr)
    }

    @Test(arguments: [(1, 10, 3, 21.0, 31.0), (10, 10, 3, 30, 40), (30, 10, 3, 90, 100), (120, 10, 3, 360, 370), (30, 10, 1, 30, 40)])
    func windows(timeout: Int, period: Int, failure: Int, min: Double, max: Double) {
        let timing = ProbeTiming(timeout: timeout, period: period, failure: failure)
        #expect(timing.killWindowMin == min)
        #expect(timing.killWindowMax == max)
    }

    /// A container that does not answer yet can refuse the connection at once: the earliest
    /// kill keeps P as the interval, and T counts up to P only, so that it is never later than
    /// Kubernetes' own D0 + F * P (docs/model.md rule 5's D0 + (F - 1) * P + T when T <= P).
    @Test func earliestKillKeepsThePeriod() throws {
        #expect(ProbeTiming(initialDelay: 5, timeout: 30, period: 10, failure: 3).earliestKill == 35)
        #expect(ProbeTiming(initialDelay: 5, timeout: 3, period: 10, failure: 3).earliestKill == 28)
        let finding = try #require(lint("initialDelaySeconds: 5\ntimeoutSeconds: 30\nperiodSeconds: 10\n", flags: [.startupTime: "250s"])
            .findings.first { $0.rule == "PL105" })
        #expect(finding.notes.first { $0.name == "earliestKill" }?.text.hasPrefix("earliest kill = D0 + F * P = 5 + 3 * 10 = 35 s (timeoutSeconds 30 > periodSeconds") == true)
        // The startup probe it advises: 5 + (F - 1) * 10 + 10 >= 250 at F = 25.
        #expect(finding.notes.contains { $0.name == "startupProbeInstead" && $0.text.contains("failureThreshold 25 (earliest kill 255 s >= Tstart)") })
    }

    /// T = 120 with P = 10 was W_max = 150 s, inside the budget; it is 370 s. No fix: F = 2
    /// leaves fewer than 3 failures, and no period of at least the timeout fits.
    @Test func pl104SeesTheStretchedWindow() throws {
        let finding = try #require(lint("timeoutSeconds: 120\nperiodSeconds: 10\n").findings.first { $0.rule == "PL104" })
        #expect(finding.message.contains("takes up to 370 s"))
        #expect(finding.suggestions.isEmpty)
        let wmax = try #require(finding.notes.first { $0.name == "W_max" })
        #expect(wmax.text.hasPrefix("W_max = P + (F - 1) * T + T = 10 + (3 - 1) * 120 + 120 = 370 s (timeoutSeconds 120 > periodSeconds 10"))
        #expect(finding.notes.contains { $0.text.hasPrefix("no failureThreshold of at least 3 or periodSeconds") })
    }

    /// PL101's timeout was capped by the budget only: T' = 260 s at P = 10 was called W_max = 290 s,
    /// and the kubelet would take 790 s. Now no timeout fits, and the note says so.
    @Test func pl101NeverSuggestsATimeoutPastThePeriodAlone() throws {
        let finding = try #require(lint("timeoutSeconds: 1\nperiodSeconds: 10\n", flags: [.loadedLatencyP99: "130s"]).findings.first { $0.rule == "PL101" })
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.contains { $0.text.hasPrefix("no timeout above L99load fits") })
    }

    /// A timeout longer than the period brings the period up to it when the budget allows,
    /// and the fixed file passes PL101 and PL104.
    @Test func pl101RaisesThePeriodToTheTimeout() throws {
        let probe = "timeoutSeconds: 1\nperiodSeconds: 10\n"
        let finding = try #require(lint(probe, flags: [.loadedLatencyP99: "8s"]).findings.first { $0.rule == "PL101" })
        #expect(finding.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 16", "periodSeconds 16"])
        #expect(finding.suggestions.last?.reason.contains("W_max = 3 * 16 + 16 = 64 s") == true)
        let fixed = try fixed(probe, loaded: "8s")
        #expect(fixed.text.contains("timeoutSeconds: 16\n") && fixed.text.contains("periodSeconds: 16\n"), "\(fixed.stderr)")
        #expect(fixed.after.isEmpty, "\(fixed.after)")
    }

    /// When the raised period would break the budget (F = 20: 20 * 16 + 16 = 336 s), the timeout
    /// is capped at the period, still above L99load.
    @Test func pl101CapsAtThePeriodWhenTheBudgetForbidsRaisingIt() throws {
        let finding = try #require(lint("timeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 13\n", flags: [.loadedLatencyP99: "8s"])
            .findings.first { $0.rule == "PL101" })
        // 13 * 16 + 16 = 224 s fits: the period goes up.
        #expect(finding.suggestions.map(\.value) == [16, 16])
        let capped = try #require(lint("timeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 20\n", flags: [.loadedLatencyP99: "8s"])
            .findings.first { $0.rule == "PL101" })
        #expect(capped.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 10"])
        #expect(capped.suggestions.first?.reason.contains("capped at the periodSeconds") == true)
    }

    /// PL102's failureThreshold counts failing probes every T when T > P: with T = 20, P = 10,
    /// E = 100 s needs (F - 1) * 20 + 20 > 100, F = 6, not the 10 that P would give.
    @Test func pl102ThresholdUsesTheStretchedInterval() throws {
        let flags: [InputKey: String] = [.loadedLatencyP99: "280s", .bandwidth: "10MB/s", .largestTransfer: "1GB"]
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 8080}\ntimeoutSeconds: 20\nperiodSeconds: 10\n",
                                          annotations: ["probelint.io/data-ports": "8080"])
        let finding = try #require(TestSupport.lint(yaml, flags: flags).findings.first { $0.rule == "PL102" })
        // E = 1 GB / 10 MB/s = 100 s.
        #expect(finding.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["failureThreshold 6"])
        #expect(finding.suggestions.first?.reason.contains("W_max = 130 s") == true)
    }

    /// No period fits T' = 40 with F = 10 (10 * 40 + 40 = 440 s), but 27 with a 27 s period does
    /// (297 s), and is above L99load = 20 s: that is the fix, where there was none.
    @Test func pl101CapsAtTheLargestTimeoutAnyPeriodFits() throws {
        let probe = "periodSeconds: 10\nfailureThreshold: 10\n"
        let finding = try #require(lint(probe, flags: [.loadedLatencyP99: "20s"]).findings.first { $0.rule == "PL101" })
        #expect(finding.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 27", "periodSeconds 27"])
        #expect(finding.suggestions.first?.reason.contains("capped at 27, the largest timeout that a period no shorter than it keeps within the 300 s detection budget (F * T + T)") == true)
        let fixed = try fixed(probe, loaded: "20s")
        #expect(fixed.text.contains("timeoutSeconds: 27\n") && !fixed.after.contains("PL101") && !fixed.after.contains("PL104"), "\(fixed.after) \(fixed.stderr)")
        // Above L99load no longer: 300 / 11 = 27 is not above 30 s, so no fix, and the note gives the figure.
        let none = try #require(lint(probe, flags: [.loadedLatencyP99: "30s"]).findings.first { $0.rule == "PL101" })
        #expect(none.suggestions.isEmpty)
        #expect(none.notes.contains { $0.text.contains("the largest timeout that does, floor(300 / (F + 1)) = 27 s, is not above L99load") })
    }
}
