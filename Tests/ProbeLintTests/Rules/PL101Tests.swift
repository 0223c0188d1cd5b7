import Testing
@testable import ProbeLint

/// MODEL.md section 4: L99load = 80 ms + 10 MB / B. At B = 10 MB/s it is 1.08 s.
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
}
