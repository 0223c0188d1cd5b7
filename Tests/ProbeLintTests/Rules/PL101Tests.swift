import Testing
@testable import ProbeLint

/// docs/model.md section 4: L99load = 80 ms + 10 MB / B. At B = 10 MB/s it is 1.08 s.
@Suite struct PL101Tests {
    func findings(timeout: Int, bandwidth: String = "10MB/s", kind: ProbeKind = .liveness) -> [Finding] {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probeKind: kind, probe: """
            httpGet:
              path: /
              port: 80
            timeoutSeconds: \(timeout)
            """)
        return TestSupport.lint(yaml, flags: [.bandwidth: bandwidth]).findings.filter { $0.rule == "PL101" }
    }

    @Test func firesAtTheIncidentsTimeout() throws {
        let f = try #require(findings(timeout: 1).first)
        #expect(f.severity == .error)
        #expect(f.message.contains("loaded p99 latency of 1.08 s"))
        #expect(f.suggestions.first?.value == 3)
        #expect(f.suggestions.first?.field == .timeoutSeconds)
        #expect(f.notes.contains { $0.name == "L99load" && abs(($0.value ?? 0) - 1.08) < 1e-9 })
    }

    /// Off the data path L99load is L99, the daemon's own tail: the message says so, where it
    /// spoke of load that does not reach the probe (Rook's mgr admin-socket probe, 1.5 s exec p99).
    @Test func offTheDataPathTheMessageNamesThePlainTail() throws {
        let yaml = TestSupport.deployment(name: "mgr", labels: ["app": "rook-ceph-mgr"], container: "mgr", command: "ceph-mgr", probe: """
            exec:
              command: [env, -i, sh, -c, "ceph --admin-daemon /run/ceph/ceph-mgr.a.asok status"]
            timeoutSeconds: 1
            """)
        let f = try #require(TestSupport.lint(yaml, flags: [.bandwidth: "10MB/s"]).findings.first { $0.rule == "PL101" })
        #expect(f.message == "livenessProbe timeoutSeconds 1 is not above the mgr probe's p99 latency of 1.5 s (the exec probe asks the daemon's admin socket, which does not wait behind the data path): probes fail whenever it is that slow", "\(f.message)")
        #expect(try #require(findings(timeout: 1).first).message.hasSuffix("loaded p99 latency of 1.08 s: probes fail whenever it is under load"))
        // A given L99load is the probe's unless it is known to be off the data path (Rook's RGW
        // script curls the gateway's port): the loaded wording stays.
        let store = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/object-store.yaml"), encoding: .utf8)
        let given = try #require(TestSupport.lint(store, flags: [.loadedLatencyP99: "6s"]).findings.first { $0.rule == "PL101" })
        #expect(given.message.hasSuffix("endpoint's loaded p99 latency of 6 s: probes fail whenever it is under load"), "\(given.message)")
    }

    /// An exec probe that runs curl asks a port as httpGet does: Rook's RGW script (v1.11 and
    /// later) curls the gateway's own port, so a slow link raises its L99load to L99 + Q / B
    /// (1.5 s + 10 MB / 2 MB/s = 6.5 s above its timeout of 5 s). It took a measured L99load only.
    @Test func rooksCurlScriptWaitsBehindTheDataPort() throws {
        let store = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/object-store.yaml"), encoding: .utf8)
        let found = TestSupport.lint(store, flags: [.bandwidth: "2MB/s"]).findings.filter { $0.rule == "PL101" }
        #expect(Set(found.compactMap(\.object.probe)) == [.readiness, .startup], "\(found.map(\.message))")
        let readiness = try #require(found.first { $0.object.probe == .readiness })
        #expect(readiness.notes.contains { $0.name == "L99load" && abs(($0.value ?? 0) - 6.5) < 1e-9 }, "\(readiness.notes.map(\.text))")
        #expect(TestSupport.lint(store, flags: [.bandwidth: "20MB/s"]).findings.filter { $0.rule == "PL101" }.isEmpty)
        // A curl in a generic workload's exec probe is on its data path too; a plain command is not.
        // curl or wget as a command of its own, with its directory or in a script, admin socket or not;
        // a word that only holds the name is no fetch.
        for (command, fires) in [("[sh, -c, 'curl -fsS http://127.0.0.1:8080/healthz']", true), ("[/bin/check]", false),
                                 ("[/usr/bin/wget, -q, -O-, 'localhost:8080']", true), ("[sh, -c, 'test \"$(curl -s :8080/)\" = ok']", true),
                                 ("[sh, -c, 'ceph --admin-daemon /run/x.asok status && curl -sf localhost:8080/']", true),
                                 ("[/bin/check, --no-curl]", false), ("[test, -f, /tmp/wget-done]", false), ("[curlie, localhost]", false)] {
            let yaml = TestSupport.deployment(probe: "exec:\n  command: \(command)\ntimeoutSeconds: 1")
            let report = TestSupport.lint(yaml, flags: [.queue: "10MB", .bandwidth: "10MB/s"])
            #expect(report.findings.contains { $0.rule == "PL101" } == fires, "\(command)")
        }
    }

    /// A workload that is no Ceph daemon, without `probelint.io/data-ports`: every probed port is
    /// taken to carry its data, and the finding says so (a review's Thanos probe on its metrics
    /// port read as a data port without a word); named data ports, or a Ceph daemon, need no note.
    @Test func anAssumedDataPortIsSaid() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /-/healthy, port: 10902}")
        func note(_ text: String) throws -> Bool {
            let f = try #require(TestSupport.lint(text, flags: [.queue: "10MB", .bandwidth: "10MB/s"]).findings.first { $0.rule == "PL101" }, "\(text)")
            return f.notes.contains { $0.name == "dataPort" && $0.text.hasPrefix("the probe's port is taken to carry the workload's client data, as no probelint.io/data-ports annotation names the ports that do") }
        }
        #expect(try note(yaml))
        // "the endpoint's", not "the generic endpoint's" (a review), and PL107's "a data port".
        let generic = TestSupport.lint(yaml, flags: [.queue: "10MB", .bandwidth: "10MB/s"]).findings
        #expect(generic.first { $0.rule == "PL101" }?.message.contains("is not above the endpoint's loaded p99 latency") == true, "\(generic.map(\.message))")
        // With Q = 0, a workload's default, no load raises L99: "under load" would mislead.
        let idleTail: Finding? = TestSupport.lint(yaml, flags: [.latencyP99: "2s"]).findings.first { $0.rule == "PL101" }
        let expected = "livenessProbe timeoutSeconds 1 is not above the endpoint's p99 latency of 2 s (Q = 0: no bytes queue ahead of its answer on a saturated link): probes fail whenever it is that slow"
        #expect(idleTail?.message == expected, "\(String(describing: idleTail?.message))")
        let named = TestSupport.deployment(probe: "httpGet: {path: /-/healthy, port: 10902}", annotations: ["probelint.io/data-ports": "10902"])
        let onDataPort = TestSupport.lint(named, flags: [.queue: "10MB", .bandwidth: "10MB/s"]).findings.first { $0.rule == "PL107" }
        #expect(onDataPort?.message.hasPrefix("livenessProbe httpGet on port 10902 shares a data port:") == true, "\(String(describing: onDataPort?.message))")
        #expect(try !note(named))
        // No load given (Q = 0 by default, no L99load): the idle tail, no data path to speak of.
        let idle = TestSupport.lint(TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1"), flags: [.latencyP99: "2s"])
        #expect(idle.findings.first { $0.rule == "PL101" }.map { !$0.notes.contains { $0.name == "dataPort" } } == true)
    }

    /// A given L99load below the idle L99 (500 ms against 2 s, from two sources or one): load
    /// makes no probe faster, so L99 stands for it, and a note says so. It had hidden PL101 on a
    /// 1 s timeout, and PL102 took it for a saturated link's latency.
    @Test func aLoadedP99BelowTheIdleOneIsReadAsTheIdleOne() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1")
        let report = TestSupport.lint(yaml, flags: [.latencyP99: "2s", .loadedLatencyP99: "500ms", .largestTransfer: "700MB", .bandwidth: "10MB/s"])
        let f = try #require(report.findings.first { $0.rule == "PL101" })
        #expect(f.message == "livenessProbe timeoutSeconds 1 is not above the endpoint's p99 latency of 2 s (the loaded p99 given is below it, and load makes no probe faster): probes fail whenever it is that slow")
        #expect(f.notes.first { $0.name == "L99load" }?.text == "L99load = L99 = 2 s: the L99load given (500 ms) is below the idle L99, and load makes no probe faster; measure the two the same way")
        #expect(f.suggestions.first?.value == 4)
        #expect(!report.findings.contains { $0.rule == "PL102" })
        // At or above L99, the given value is the loaded one, as ever.
        let above = TestSupport.lint(yaml, flags: [.latencyP99: "2s", .loadedLatencyP99: "3s"]).findings.first { $0.rule == "PL101" }
        #expect(above?.message.contains("loaded p99 latency of 3 s") == true, "\(String(describing: above?.message))")
    }

    /// A ceiling past int32 is said as computed: it said `ceil(100 * L99load 30000000 s) =
    /// 2147483647`, the field's clamp, an equation that does not hold.
    @Test func aCeilingPastInt32IsSaidAsComputed() throws {
        var options = LintOptions()
        options.environment.options.margin = 100
        options.environment.options.detectionBudget = Seconds(360_000_000)
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}")
        let f = try #require(TestSupport.lint(yaml, flags: [.loadedLatencyP99: "30000000s"], options: options).findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.contains { $0.reason.contains("ceil(100 * L99load 30000000 s) = 3000000000, capped at ") }, "\(f.suggestions.map(\.reason))")
    }

    /// When no timeout fits the budget, the note's remedies suit the probe: off the data path
    /// (an exec probe) there is no data path to move it off, nor a loaded latency to measure.
    @Test func theNoFitNoteSuitsTheProbe() throws {
        let exec = TestSupport.deployment(probe: "exec: {command: [\"true\"]}")
        let offPath = try #require(TestSupport.lint(exec, flags: [.latencyP50: "20s", .latencyP99: "80s"]).findings.first { $0.rule == "PL101" })
        let offNote = try #require(offPath.notes.first { $0.text.hasPrefix("no timeout above L99load fits") }, "\(offPath.notes.map(\.text))")
        #expect(offNote.text.hasSuffix("is not above L99load: make the probe's check cheaper, or measure its latency (probelint.io/latency-p99)"), "\(offNote.text)")
        // On the data path with Q = 0 (no load raises it) the same: it said to move the probe and to measure a loaded latency.
        let idle = try #require(TestSupport.lint(TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}"), flags: [.latencyP50: "20s", .latencyP99: "80s"])
            .findings.first { $0.rule == "PL101" })
        #expect(idle.notes.contains { $0.text.hasSuffix("make the probe's check cheaper, or measure its latency (probelint.io/latency-p99)") }, "\(idle.notes.map(\.text))")
        let http = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}")
        let onPath = try #require(TestSupport.lint(http, flags: [.loadedLatencyP99: "80s"]).findings.first { $0.rule == "PL101" })
        #expect(onPath.notes.contains { $0.text.hasSuffix("move the probe off the data path (PL107), or measure the loaded latency (probelint.io/loaded-latency-p99)") },
                "\(onPath.notes.map(\.text))")
    }

    /// A readiness probe keeps its period: a timeout fix longer than it says that failing probes
    /// then start every T (the pod leaves its Services after F * T), where it said nothing.
    @Test func readinessTimeoutPastItsPeriodSaysSo() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probeKind: .readiness, probe: """
            httpGet: {path: /, port: 80}
            periodSeconds: 2
            """)
        let f = try #require(TestSupport.lint(yaml, flags: [.loadedLatencyP99: "3s"]).findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.map(\.value) == [6])
        #expect(f.suggestions.first?.reason == "ceil(2 * L99load 3 s) = 6; longer than periodSeconds 2, so failing probes start every 6 s: W_min becomes F * T = 18 s")
        // Within its period, the reason is the ceiling alone.
        let within = TestSupport.lint(yaml.replacingOccurrences(of: "periodSeconds: 2", with: "periodSeconds: 10"), flags: [.loadedLatencyP99: "3s"])
        #expect(within.findings.first { $0.rule == "PL101" }?.suggestions.first?.reason == "ceil(2 * L99load 3 s) = 6")
    }

    @Test func silentJustAboveLoadedLatency() {
        #expect(findings(timeout: 2).isEmpty)
        #expect(findings(timeout: 5).isEmpty)
    }

    /// T <= L99load fires: with a measured L99load the boundary is exact.
    @Test(arguments: [("1s", 1, true), ("999ms", 1, false), ("1001ms", 1, true), ("2s", 2, true), ("1999ms", 2, false)])
    func boundary(loaded: String, timeout: Int, fires: Bool) {
        let yaml = TestSupport.deployment(probe: "tcpSocket:\n  port: 80\ntimeoutSeconds: \(timeout)")
        let report = TestSupport.lint(yaml, flags: [.loadedLatencyP99: loaded])
        #expect(report.findings.contains { $0.rule == "PL101" } == fires)
    }

    @Test func readinessIsAWarning() throws {
        let f = try #require(findings(timeout: 1, kind: .readiness).first)
        #expect(f.severity == .warning)
    }

    @Test func silentWithDefaults() {
        let yaml = TestSupport.deployment(probe: "httpGet:\n  path: /healthz\n  port: 8080")
        #expect(TestSupport.lint(yaml).findings.isEmpty)
    }

    /// A liveness probe whose W_max is at the detection budget already has no room for a
    /// longer timeout at its period: the fix lowers the period with it, and the fixed probe
    /// passes PL101 and PL104 (docs/model.md rule 4). The timeout alone was suggested, W_max 303 s,
    /// and `--fix` refused it.
    @Test func atTheBudgetThePeriodComesDownWithTheTimeout() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 3\nperiodSeconds: 99\nfailureThreshold: 3\n")
        let finding = try #require(TestSupport.lint(yaml, flags: [.loadedLatencyP99: "3s"]).findings.first { $0.rule.rawValue == "PL101" })
        #expect(finding.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 6", "periodSeconds 98"])
        let fixed = try TestSupport.run(["--loaded-latency-p99", "3s", "--fix", "-"], stdin: yaml)
        #expect(fixed.stdout.contains("timeoutSeconds: 6\n") && fixed.stdout.contains("periodSeconds: 98\n"), "\(fixed.stderr)")
        let after = TestSupport.lint(fixed.stdout, flags: [.loadedLatencyP99: "3s"]).findings.map(\.rule.rawValue)
        #expect(!after.contains("PL101") && !after.contains("PL104"), "\(after)")
        // Below the budget the period stays.
        let roomy = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 3\nperiodSeconds: 10\n")
        #expect(TestSupport.lint(roomy, flags: [.loadedLatencyP99: "3s"]).findings.first { $0.rule.rawValue == "PL101" }?.suggestions.count == 1)
        // When even a 1 s period leaves no room (F = 299), there is no fix, and a note says why.
        let none = TestSupport.deployment(probe: "httpGet: {path: /, port: 8080}\ntimeoutSeconds: 1\nperiodSeconds: 1\nfailureThreshold: 299\n")
        let stuck = try #require(TestSupport.lint(none, flags: [.loadedLatencyP99: "3s"]).findings.first { $0.rule.rawValue == "PL101" })
        #expect(stuck.suggestions.isEmpty)
        #expect(stuck.notes.contains { $0.text.hasPrefix("no timeout above L99load fits: ceil(2 * L99load) = 6 s does not keep W_max") && $0.text.contains("lower failureThreshold") })
        // L99load 280 s: ceil(2 * 280) = 560 s fits no period, and a timeout capped at 270 s
        // would still be below L99load: no fix, and a note. PL102's failureThreshold fix
        // then stands alone; with the capped timeout it made W_max 380 s, and `--fix`
        // refused both.
        let slow = TestSupport.deployment(probe: "tcpSocket: {port: 8080}\ntimeoutSeconds: 1\n", annotations: ["probelint.io/data-ports": "8080"])
        let flags: [InputKey: String] = [.loadedLatencyP99: "280s", .bandwidth: "10MB/s", .largestTransfer: "1GB"]
        let report = TestSupport.lint(slow, flags: flags)
        let pl101 = try #require(report.findings.first { $0.rule.rawValue == "PL101" })
        #expect(pl101.suggestions.isEmpty && !pl101.notes.contains { $0.text.contains("lower failureThreshold") })
        #expect(report.findings.first { $0.rule.rawValue == "PL102" }?.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["failureThreshold 11"])
        let slowFixed = try TestSupport.run(["--loaded-latency-p99", "280s", "--bandwidth", "10MB/s", "--largest-transfer", "1GB", "--fix", "-"], stdin: slow)
        #expect(slowFixed.stdout.contains("failureThreshold: 11\n"), "\(slowFixed.stderr)")
        let slowAfter = TestSupport.lint(slowFixed.stdout, flags: flags).findings.map(\.rule.rawValue)
        #expect(!slowAfter.contains("PL102") && !slowAfter.contains("PL104") && slowAfter.contains("PL101"))
    }
}
