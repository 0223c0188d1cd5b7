import Testing
@testable import ProbeLint

/// docs/model.md rule 3 with its numbers: the RGW profile (L50 20 ms, L99 80 ms) at T = 1 s,
/// and a mon exec probe (L50 300 ms, L99 1.5 s) at T = 1 s and 2 s.
@Suite struct PL103Tests {
    func monExec(timeout: Int, options: LintOptions = LintOptions()) -> [Finding] {
        let yaml = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probe: """
            exec:
              command: ["ceph", "--admin-daemon", "/run/ceph/ceph-mon.a.asok", "mon_status"]
            timeoutSeconds: \(timeout)
            """)
        return TestSupport.lint(yaml, options: options).findings.filter { $0.rule == "PL103" }
    }

    @Test func rgwIncidentProfileFigure() {
        let model = IdleTailModel(p50: 0.02, p99: 0.08)
        #expect(abs(model.sigma - 0.596) < 0.0005)
        let q = model.timeoutChance(1)
        #expect(q > 2.62e-11 && q < 2.63e-11)
        let restarts = model.falseRestartsPer30Days(ProbeTiming(timeout: 1, period: 10, failure: 3))
        #expect(restarts > 4.67e-27 && restarts < 4.68e-27)
        #expect(IdleTailModel.format(restarts) == "4.7e-27")
        #expect(IdleTailModel.format(0.0073714) == "0.0074")
        #expect(IdleTailModel.format(0.0409285) == "0.041")
        #expect(IdleTailModel.format(0.1) == "0.1")
        #expect(IdleTailModel.format(0.00099996) == "1e-3")
        #expect(IdleTailModel.format(17.0437) == "17.044")
        // Below 1, two significant digits as Double's description wrote the rounded value.
        #expect(IdleTailModel.format(0.996) == "1.0")
        #expect(IdleTailModel.format(0.0996) == "0.1")
        #expect(IdleTailModel.format(0.001) == "0.001")
        #expect(IdleTailModel.format(0.00104) == "0.001")
        #expect(IdleTailModel.format(0.0105) == "0.011")
    }

    /// A figure just above the budget shows the digits that set it above: 0.101 against 0.1,
    /// where two significant digits wrote 0.1 against a budget of 0.1.
    @Test func aFigureJustAboveTheBudgetShowsWhy() throws {
        #expect("\(IdleTailModel.Figure(0.10109, above: 0.1))" == "0.101")
        #expect("\(IdleTailModel.Figure(0.10004, above: 0.1))" == "0.10004")
        #expect("\(IdleTailModel.Figure(0.26, above: 0.1))" == "0.26")
        #expect("\(IdleTailModel.Figure(0.0996, above: 0.1))" == "0.1")  // not above: as format writes it
        // Through the rule: the mon's figure at T = 1 s, with a budget a hair below it.
        let restarts = IdleTailModel(p50: 0.3, p99: 1.5).falseRestartsPer30Days(ProbeTiming(timeout: 1, period: 10, failure: 3))
        var options = LintOptions()
        options.environment.options.restartBudget = (restarts * 1000).rounded(.down) / 1000
        let shown = "\(IdleTailModel.Figure(restarts, above: options.environment.options.restartBudget))"
        #expect(shown != IdleTailModel.format(options.environment.options.restartBudget))
        let finding = try #require(monExec(timeout: 1, options: options).first)
        #expect(finding.message.contains("expects \(shown) false restarts per 30 days"), "\(finding.message)")
    }

    /// The budget as the config set it: 0.0073 was shown as 0.007 (three decimals), in the message,
    /// the derivation and the fix's reason alike.
    @Test func theBudgetShowsAsSet() throws {
        var options = LintOptions()
        options.environment.options.restartBudget = 0.0073
        let finding = try #require(monExec(timeout: 2, options: options).first)
        #expect(finding.message.contains("(budget 0.0073)"), "\(finding.message)")
        #expect(finding.notes.contains { $0.text.hasSuffix(", budget 0.0073") }, "\(finding.notes.map(\.text))")
        #expect(finding.suggestions.first?.reason.contains("at most 0.0073 false restarts") == true, "\(finding.suggestions.map(\.reason))")
        #expect("\(Format.Setting(value: 0.1))" == "0.1" && "\(Format.Setting(value: 2))" == "2" && "\(Format.Setting(value: 1.2345))" == "1.2345")
        // Without Double's exponent (it wrote 1e-05).
        #expect("\(Format.Setting(value: 0.00001))" == "0.00001" && "\(Format.Setting(value: 0.000015))" == "0.000015"
                && "\(Format.Setting(value: 1e16))" == "10000000000000000" && "\(Format.Setting(value: 2.5e-7))" == "0.00000025")
    }

    @Test func phiAtKnownPoints() {
        #expect(abs(IdleTailModel.phi(0) - 0.5) < 1e-12)
        #expect(abs(IdleTailModel.phi(IdleTailModel.z99) - 0.99) < 1e-4)
        #expect(abs(IdleTailModel.phi(-1.96) - 0.025) < 1e-4)
    }

    @Test func firesForMonExecAtOneSecond() throws {
        let f = try #require(monExec(timeout: 1).first)
        #expect(f.severity == .warning)
        #expect(f.message.hasPrefix("livenessProbe expects 17.044 false restarts per 30 days"))
        #expect(f.range.start.line == 17)
        #expect(f.suggestions.map(\.value) == [2])
        #expect(f.suggestions.first?.field == .timeoutSeconds)
        #expect(f.notes.contains { $0.name == "q" && abs(($0.value ?? 0) - 0.0409285) < 1e-6 })
    }

    /// The figures the rule page quotes for Rook's exec timeouts 1 s, 2 s and 5 s.
    @Test func rookExecTimeoutHistory() {
        let model = IdleTailModel(p50: 0.3, p99: 1.5)
        let figures = [1, 2, 5].map { IdleTailModel.format(model.falseRestartsPer30Days(ProbeTiming(timeout: $0))) }
        #expect(figures == ["17.044", "0.0074", "3.5e-9"])
    }

    @Test func silentForMonExecAtTwoSeconds() {
        // 0.0074 false restarts per 30 days: within the 0.1 budget.
        #expect(monExec(timeout: 2).isEmpty)
    }

    /// The budget is exclusive: at the figure it stays silent, just below it fires.
    @Test(arguments: [(1.0, false), (0.999, true), (1.001, false)])
    func budgetBoundary(scale: Double, fires: Bool) {
        let figure = IdleTailModel(p50: 0.3, p99: 1.5).falseRestartsPer30Days(ProbeTiming(timeout: 1, period: 10, failure: 3))
        var options = LintOptions()
        options.environment.options.restartBudget = figure * scale
        #expect(monExec(timeout: 1, options: options).isEmpty != fires)
    }

    @Test func readinessNeverFires() {
        let yaml = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probeKind: .readiness,
                                          probe: "exec:\n  command: [ceph, status]")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule == "PL103" }.isEmpty)
    }

    @Test func genericDefaultsStaySilent() {
        let yaml = TestSupport.deployment(probe: "exec:\n  command: [cat, /tmp/healthy]")
        #expect(TestSupport.lint(yaml).findings.filter { $0.rule == "PL103" }.isEmpty)
    }

    @Test func livenessFixRespectsTheDetectionBudget() {
        let model = IdleTailModel(p50: 5, p99: 60)
        var options = ModelOptions()
        options.detectionBudget = Seconds(50)
        let timing = ProbeTiming(timeout: 1, period: 10, failure: 3)
        let fix = FalseRestartRate.suggestedTimeout(model, timing, options)
        // Cap: 50 - 3 * 10 = 20 s; at T = 20 about 21 false restarts per 30 days remain.
        #expect(fix == nil)
    }

    /// A startup probe stops at its first success: rule 3's rate over 30 days is not its (with
    /// failureThreshold 1 and a mon's exec tail it said 12.4 false restarts per 30 days; the
    /// chance is q^F once per start). A liveness probe with the same timing is judged.
    @Test func startupProbesHaveNoRateOver30Days() {
        let probe = "exec: {command: [ceph, mon_status]}\nperiodSeconds: 5\nfailureThreshold: 1"
        let startup = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probeKind: .startup, probe: probe)
        #expect(TestSupport.lint(startup).findings.filter { $0.rule == "PL103" }.isEmpty)
        let liveness = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probe: probe)
        #expect(TestSupport.lint(liveness).findings.contains { $0.rule == "PL103" })
    }

    /// Where neither field alone does: failureThreshold 1 -> 3 and, with it, the smallest timeout.
    /// L50 10 ms, L99 4.13 s, P = 10 s: no timeout up to the 10 s period helps F = 1, nor F = 3
    /// at T = 1; F = 3 with T = 6 gives 0.079 (W_max 36 s).
    @Test func raisesBothWhereNeitherDoesAlone() throws {
        let yaml = TestSupport.deployment(probe: "exec: {command: [/bin/check]}\nfailureThreshold: 1")
        let flags: [InputKey: String] = [.latencyP50: "10ms", .latencyP99: "4130ms"]
        let finding = try #require(TestSupport.lint(yaml, flags: flags).findings.first { $0.rule == "PL103" })
        #expect(finding.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["failureThreshold 3", "timeoutSeconds 6"])
        #expect(finding.suggestions.last?.reason == "with failureThreshold 3, smallest timeout with at most 0.1 false restarts per 30 days: 0.079 at T = 6; W_max becomes 36 s")
        #expect(!finding.notes.contains(name: "noFix"))
        // Neither alone does: each single-field search comes back empty.
        let model = IdleTailModel(p50: 0.01, p99: 4.13), timing = ProbeTiming(timeout: 1, period: 10, failure: 1)
        #expect(FalseRestartRate.suggestedFailureThreshold(model, timing, ModelOptions()) == nil)
        #expect(FalseRestartRate.suggestedTimeout(model, timing, ModelOptions()) == nil)
        // PL101 alone asks for 9 s (twice the 4.13 s), and `--fix` takes the larger.
        let (result, text) = FixSupport.fix(yaml, flags: flags, only: ["PL103"])
        #expect(result.conflicts.isEmpty)
        #expect(text.contains("failureThreshold: 3\n") && text.contains("timeoutSeconds: 6"), "\(text)")
        #expect(!result.report.findings.contains { $0.rule == "PL103" })
        // The threshold is the smallest with that timeout, which `--fix` computes again once it
        // wrote the timeout: L50 200 ms, L99 920 ms, P = 5 s: T = 2 with F = 2 (the pair said F = 3,
        // and `--fix` wrote 2).
        let short = TestSupport.deployment(probe: "exec: {command: [/bin/check]}\nperiodSeconds: 5\nfailureThreshold: 1")
        let shortFlags: [InputKey: String] = [.latencyP50: "200ms", .latencyP99: "920ms"]
        let pair = try #require(TestSupport.lint(short, flags: shortFlags).findings.first { $0.rule == "PL103" })
        #expect(pair.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["failureThreshold 2", "timeoutSeconds 2"])
        let (_, fixed) = FixSupport.fix(short, flags: shortFlags, only: ["PL103"])
        #expect(fixed.contains("failureThreshold: 2\n") && fixed.contains("timeoutSeconds: 2"), "\(fixed)")
    }

    /// With no fix, the note says what was tried and what is left: the latency inputs.
    @Test func noFixSaysWhy() throws {
        // The search stops at Kubernetes' default of 3 though a fourth would do: L50 1.4 s, L99
        // 11.5 s, T = 9 s, P = 10 s: F = 3 gives 2.01 per 30 days, F = 4 0.04, and no timeout up
        // to the 10 s period helps F = 1 (3,815 at 10 s).
        let heavy = TestSupport.lint(TestSupport.deployment(probe: "exec: {command: [/bin/check]}\ntimeoutSeconds: 9\nfailureThreshold: 1"),
                                     flags: [.latencyP50: "1.4s", .latencyP99: "11.5s"])
        let stopped = try #require(heavy.findings.first { $0.rule == "PL103" })
        #expect(stopped.suggestions.isEmpty)
        #expect(stopped.notes.first { $0.name == "noFix" }?.text == "no fix: neither a failureThreshold up to 3 nor a timeoutSeconds up to the 10 s that the detection budget and the period allow, alone or together, brings the figure within the budget; the latency inputs (L50, L99) deserve a second look")
        // A failureThreshold already at 3 or above was not searched: the note does not say it was.
        let five = TestSupport.lint(TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\nfailureThreshold: 5"),
                                    flags: [.latencyP50: "5s", .latencyP99: "200s"])
        #expect(try #require(five.findings.first { $0.rule == "PL103" }).notes.first { $0.name == "noFix" }?.text
            == "no fix: no timeoutSeconds up to the 10 s that the detection budget and the period allow brings the figure within the budget; the latency inputs (L50, L99) deserve a second look")
        // A period whose F * P alone fills the detection budget leaves no timeout to try: its
        // fix comes first (the note named a bound of -300 s and blamed the latency inputs).
        let long = TestSupport.lint(TestSupport.deployment(probe: "tcpSocket: {port: 80}\nperiodSeconds: 200"),
                                    flags: [.latencyP50: "300ms", .latencyP99: "1.5s"])
        #expect(try #require(long.findings.first { $0.rule == "PL103" }).notes.first { $0.name == "noFix" }?.text
            == "no fix of failureThreshold or timeoutSeconds alone: F * P = 3 * 200 = 600 s already fills the 300 s detection budget; lower periodSeconds first (PL104), then the figure can be judged again")
        #expect(long.findings.contains { $0.rule == "PL104" })
    }

    /// failureThreshold 1 at T = 2 s: 789.565 per 30 days; F = 2 gives 2.42, F = 3 gives 0.0074.
    @Test func raisesALowFailureThresholdFirst() throws {
        let yaml = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probe: """
            exec:
              command: [ceph, mon_status]
            timeoutSeconds: 2
            failureThreshold: 1
            """)
        let f = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL103" })
        #expect(f.message == "livenessProbe expects 789.565 false restarts per 30 days from the idle latency tail alone (budget 0.1): one probe in 327 exceeds timeoutSeconds 2, and a single one restarts the container")
        #expect(f.suggestions.first?.reason == "smallest failureThreshold with at most 0.1 false restarts per 30 days: 0.0074 at F = 3; W_max becomes 32 s")
        #expect(f.suggestions.map(\.field) == [.failureThreshold])
        #expect(f.suggestions.map(\.value) == [3])
    }

    /// The rule page shows the RGW incident's figure; it must be what the model computes.
    @Test func rulePageShowsTheComputedRGWFigure() throws {
        let figure = IdleTailModel(p50: 0.02, p99: 0.08).falseRestartsPer30Days(ProbeTiming(timeout: 1, period: 10, failure: 3))
        let page = try #require(RulePage.all.first { $0.id == "PL103" })
        #expect(page.text.contains("= \(IdleTailModel.format(figure)) false restarts per 30 days"))
    }
}
