import Testing
@testable import ProbeLint

/// MODEL rule 4: liveness W_max = F * P + T above the 300 s detection budget.
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
        let report = TestSupport.lint(yaml, flags: [.bandwidth: "10MB/s", .largestTransfer: "5GB", .loadedLatencyP99: "50s"])
        let f = try #require(report.findings.first { $0.rule == "PL102" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.hasPrefix("no timeout or failureThreshold clears E = 500 s") })
        #expect(!report.findings.contains { $0.rule == "PL104" })
    }

    @Test func pl101TimeoutFixIsCapped() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket:\n  port: 80\nperiodSeconds: 90")
        let report = TestSupport.lint(yaml, flags: [.loadedLatencyP99: "50s"])
        let f = try #require(report.findings.first { $0.rule == "PL101" })
        #expect(f.suggestions.map(\.value) == [30])
    }
}
