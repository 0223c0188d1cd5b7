import Testing
@testable import ProbeLint

/// The arithmetic rules at the values where their "at most", "within" and "at least" turn: each
/// test is at the boundary itself, where a < written for a <= changed what the rule says (a
/// mutation test of the rules found these unasserted).
@Suite struct ArithmeticBoundaryTests {
    func generic(_ body: String) -> String { TestSupport.deployment(probe: body) }

    /// PL101's no-fix note offers a lower failureThreshold when F = 1, P = T = ceil(m * L99load)
    /// fits the budget: 2 * 150 = 300 <= 300 ("within" is inclusive).
    @Test func pl101LowerThresholdOfferedAtExactlyTheBudget() throws {
        let report = TestSupport.lint(generic("httpGet: {path: /healthz, port: 8080}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 3"),
                                      flags: [.loadedLatencyP99: "75s"])
        let f = try #require(report.findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.contains("(PL107), lower failureThreshold, or measure") }, "\(f.notes.map(\.text))")
    }

    /// At wanted == cap (T' = P = 3) the timeout fits as is: no "capped" wording.
    @Test func pl101TimeoutEqualToTheCapIsNotCapped() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                          probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1\nperiodSeconds: 3\nfailureThreshold: 3")
        let f = try #require(TestSupport.lint(yaml, flags: [.bandwidth: "10MB/s"]).findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.map(\.value) == [3])
        #expect(f.suggestions.first?.reason == "ceil(2 * L99load 1.08 s) = 3; W_max becomes 12 s")
    }

    /// PL102's failureThreshold fix at exactly failureCap: F = 29 gives W_min 281 > E 275 and W_max 291 <= 300.
    @Test func pl102ThresholdAtTheCapIsSuggested() throws {
        let report = TestSupport.lint(generic("tcpSocket: {port: 8080}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 3"),
                                      flags: [.loadedLatencyP99: "150s", .bandwidth: "1MB/s", .largestTransfer: "275MB"])
        let f = try #require(report.findings.first { $0.rule == "PL102" })
        #expect(f.suggestions.map(\.field) == [.failureThreshold])
        #expect(f.suggestions.map(\.value) == [29])
    }

    /// PL103: F * P = 3 * 100 = 300 s fills the 300 s budget exactly: cap 0 is "no room".
    /// F already 3 = the searched limit: the note does not claim a threshold search.
    @Test func pl103NoFixNotesAtTheirBoundaries() throws {
        func note(period: Int) throws -> String? {
            let report = TestSupport.lint(generic("exec: {command: [/bin/check]}\ntimeoutSeconds: 1\nperiodSeconds: \(period)\nfailureThreshold: 3"),
                                          flags: [.latencyP50: "3s", .latencyP99: "30s"])
            return try #require(report.findings.first { $0.rule == "PL103" }).notes.first { $0.name == "noFix" }?.text
        }
        #expect(try note(period: 100) == "no fix of failureThreshold or timeoutSeconds alone: F * P = 3 * 100 = 300 s already fills the 300 s detection budget; lower periodSeconds first (PL104), then the figure can be judged again")
        #expect(try note(period: 10) == "no fix: no timeoutSeconds up to the 10 s that the detection budget and the period allow brings the figure within the budget; the latency inputs (L50, L99) deserve a second look")
    }

    /// "one probe in N" rounds 1 / q to the nearest: 16698.996 is 16699.
    @Test func pl103OneProbeInRoundsToNearest() throws {
        let report = TestSupport.lint(generic("exec: {command: [/bin/check]}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 1"),
                                      flags: [.latencyP99: "213ms"])
        let f = try #require(report.findings.first { $0.rule == "PL103" })
        #expect(f.message.contains("one probe in 16699 exceeds timeoutSeconds 1"), "\(f.message)")
    }

    /// Above 0.4, "one probe in 2" or "in 1" would be 10 points off or more (0.59, and 0.9 read
    /// as every probe): the message gives the whole per cent instead, rounded down.
    @Test func pl103ShareOfProbesAboveTwoFifths() throws {
        #expect(FalseRestartRate.share(0.4) == "one probe in 3 exceeds")
        #expect(FalseRestartRate.share(0.41) == "41 % of probes exceed")
        #expect(FalseRestartRate.share(0.59) == "59 % of probes exceed")
        #expect(FalseRestartRate.share(0.67) == "67 % of probes exceed")
        #expect(FalseRestartRate.share(0.99999) == "99 % of probes exceed")
        #expect(FalseRestartRate.share(1) == "100 % of probes exceed")
        // L50 3 s, L99 30 s: q = 1 - Phi(ln(1/3) / (ln 10 / 2.326)) = 0.8667 at T = 1 s.
        let report = TestSupport.lint(generic("exec: {command: [/bin/check]}\ntimeoutSeconds: 1\nperiodSeconds: 10\nfailureThreshold: 3"),
                                      flags: [.latencyP50: "3s", .latencyP99: "30s"])
        let f = try #require(report.findings.first { $0.rule == "PL103" })
        #expect(f.message.contains("budget 0.1): 86 % of probes exceed timeoutSeconds 1, and 3 in a row"), "\(f.message)")
    }

    /// "at most" the budget: a threshold whose figure equals the budget exactly is enough.
    @Test func pl103ThresholdAtExactlyTheBudgetIsEnough() throws {
        let yaml = TestSupport.deployment(name: "mon-a", labels: ["app": "rook-ceph-mon"], container: "mon", probe: """
            exec:
              command: ["ceph", "--admin-daemon", "/run/ceph/ceph-mon.a.asok", "mon_status"]
            timeoutSeconds: 1
            failureThreshold: 1
            """)
        var options = LintOptions()
        options.environment.options.restartBudget = IdleTailModel(p50: 0.3, p99: 1.5).falseRestartsPer30Days(ProbeTiming(timeout: 1, period: 10, failure: 2))
        let f = try #require(TestSupport.lint(yaml, options: options).findings.first { $0.rule == "PL103" })
        #expect(f.suggestions.map(\.value) == [2])
    }

    /// A preStop sleep of G - 2 leaves exactly the kubelet's least 2 s: the note names which formula applied.
    @Test func pl106PreStopAtTheKubeletsLeast() throws {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 30
                  containers:
                    - name: web
                      image: nginx
                      lifecycle: {preStop: {sleep: {seconds: 28}}}
                      livenessProbe: {tcpSocket: {port: 8080}}
            """
        let f = try #require(TestSupport.lint(yaml, flags: [.drainTime: "10s"]).findings.first { $0.rule == "PL106" })
        #expect(f.notes.first { $0.name == "afterSIGTERM" }?.text == "after SIGTERM = max(2, G - min(Tpre, G)), the kubelet's least = 2 s < Tdrain = 10 s")
    }

    /// An httpGet without a path asks GET /: for RGW that is the anonymous ListBuckets.
    @Test func pl107RgwHttpGetWithoutPathIsGetSlash() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                          probe: "httpGet: {port: 80}")
        let f = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL107" })
        #expect(f.message.hasPrefix("livenessProbe GET / on port 80 is an anonymous S3 ListBuckets"), "\(f.message)")
    }

    /// Liveness T raised to readiness's 30 s gives W_max = 3 * 90 + 30 = 300 s: within the 300 s budget, a fix.
    @Test func pl201TimeoutFixAtExactlyTheBudget() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /healthz, port: 8080}\ntimeoutSeconds: 1\nperiodSeconds: 90\nfailureThreshold: 3",
                                          extraContainer: "          readinessProbe:\n            httpGet: {path: /healthz, port: 8080}\n            timeoutSeconds: 30\n            periodSeconds: 10\n            failureThreshold: 3")
        let f = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL201" })
        #expect(f.suggestions.map(\.field) == [.timeoutSeconds])
        #expect(f.suggestions.map(\.value) == [30])
    }
}
