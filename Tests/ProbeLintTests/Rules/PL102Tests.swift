import Testing
@testable import ProbeLint

/// docs/model.md section 4: E = 70 s, W_min = 21 s, W_max = 31 s for the RGW incident.
@Suite struct PL102Tests {
    func findings(timeout: Int = 1, period: Int = 10, failures: Int = 3, transfer: String = "700MB",
                  bandwidth: String = "10MB/s", handler: String = "httpGet:\n  path: /\n  port: 80",
                  kind: ProbeKind = .liveness, loaded: String? = nil) -> [Finding] {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                          probeKind: kind, probe: """
            \(handler)
            timeoutSeconds: \(timeout)
            periodSeconds: \(period)
            failureThreshold: \(failures)
            """)
        var flags: [InputKey: String] = [.bandwidth: bandwidth, .largestTransfer: transfer]
        if let loaded { flags[.loadedLatencyP99] = loaded }
        return TestSupport.lint(yaml, flags: flags).findings.filter { $0.rule == "PL102" }
    }

    /// A workload whose probe waits behind no queued bytes (Q = 0, another workload's default):
    /// a transfer does not slow it, and a timeout at or below L99 is PL101's finding alone. With
    /// Q or a measured L99load, the transfer slows it and PL102 fires.
    @Test func aTransferThatSlowsNothingRestartsNothing() {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}")
        func rules(_ extra: [InputKey: String]) -> [String] {
            var flags: [InputKey: String] = [.bandwidth: "10MB/s", .largestTransfer: "700MB", .latencyP99: "2s"]
            flags.merge(extra) { $1 }
            return TestSupport.lint(yaml, flags: flags).findings.map(\.rule.rawValue).filter { $0 == "PL101" || $0 == "PL102" }
        }
        #expect(rules([:]) == ["PL101"])
        #expect(rules([.queue: "1MB"]) == ["PL101", "PL102"])
        #expect(rules([.loadedLatencyP99: "2s"]) == ["PL101", "PL102"])
    }

    @Test func theIncident() throws {
        let f = try #require(findings().first)
        #expect(f.message.hasPrefix("every 700 MB transfer restarts the container: it saturates the link for 70 s, longer than the 21-31 s kill window"))
        let derived = Dictionary(uniqueKeysWithValues: f.notes.compactMap { n in n.name.flatMap { name in n.value.map { (name, $0) } } })
        #expect(derived["E"] == 70)
        #expect(derived["W_min"] == 21)
        #expect(derived["W_max"] == 31)
        #expect(f.range.start.line == 19 && f.range.start.column == 29)  // the timeoutSeconds value
        #expect(f.suggestions.map(\.field) == [.timeoutSeconds])
        #expect(f.suggestions.first?.value == 3)
        #expect(f.notes.contains { $0.text.contains("(from --bandwidth)") })
        #expect(f.notes.contains { $0.text.contains("Q = 10 MB") && $0.text.contains("(rgw default)") })
    }

    /// E just above W_min (21 s): "can restart". E = 21 s exactly: silent. E just above W_max (31 s): "every".
    @Test(arguments: [("210MB", false, ""), ("211MB", true, "a 211 MB transfer can restart"),
                      ("310MB", true, "a 310 MB transfer can restart"), ("311MB", true, "every 311 MB transfer restarts")])
    func windowBoundaries(transfer: String, fires: Bool, prefix: String) {
        let found = findings(transfer: transfer)
        #expect(!found.isEmpty == fires)
        if fires { #expect(found.first?.message.hasPrefix(prefix) == true) }
    }

    @Test func silentWhenProbesPassUnderSaturation() {
        #expect(findings(timeout: 5).isEmpty)   // the operator's fix: T = 5 > 1.08
        #expect(findings(timeout: 2).isEmpty)
    }

    @Test func silentForReadinessAndExec() {
        #expect(findings(kind: .readiness).isEmpty)
        #expect(findings(handler: "exec:\n  command: [ceph, status]").isEmpty)
    }

    /// A startup probe stops at its first success, before the container is Ready and carries a
    /// transfer: none restarts it (it had "every 700 MB transfer restarts the container"). The
    /// saturated link it may meet while the daemon starts is PL101's finding on it.
    @Test func silentForAStartupProbe() {
        #expect(findings(kind: .startup).isEmpty)
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                          probeKind: .startup, probe: "httpGet: {path: /, port: 80}\ntimeoutSeconds: 1")
        let rules = TestSupport.lint(yaml, flags: [.bandwidth: "10MB/s", .largestTransfer: "700MB"]).findings.map(\.rule.rawValue)
        #expect(rules.contains("PL101") && !rules.contains("PL102"), "\(rules)")
    }

    /// When no timeout within the detection budget passes L99load, raise F so that W_min > E.
    @Test func failureThresholdFixWhenTimeoutCannotClearTheLatency() throws {
        // L99load = 200 s: the cap 300 - 3 * 10 = 270 would clear it; a measured 400 s cannot be cleared.
        let f = try #require(findings(transfer: "700MB", loaded: "400s").first)
        let s = try #require(f.suggestions.first)
        #expect(s.field == .failureThreshold)
        #expect(s.value == 8)  // (8 - 1) * 10 + 1 = 71 > 70
    }
}
