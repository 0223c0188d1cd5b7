import Testing
@testable import ProbeLint

/// Same check, and liveness W_min = (F - 1) * P + T no later than readiness's.
@Suite struct PL201Tests {
    func yaml(liveness: String, readiness: String, livenessPath: String = "/healthz") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: example/web:1
                  livenessProbe:
                    httpGet: {path: \(livenessPath), port: 8080}
                    \(liveness)
                  readinessProbe:
                    httpGet: {path: /healthz, port: 8080}
                    \(readiness)
        """
    }

    func findings(_ text: String) -> [Finding] { TestSupport.lint(text).findings.filter { $0.rule == "PL201" } }

    @Test func identicalDefaultsFire() throws {
        let f = try #require(findings(yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10")).first)
        #expect(f.severity == .warning)
        #expect(f.message == "livenessProbe runs the same httpGet check as readinessProbe and restarts after 21 s of failures, no later than readiness removes the pod after 21 s")
        // Anchored at the livenessProbe key, where failureThreshold would go.
        #expect(f.range.start.line == 11)
        #expect(f.suggestions.map(\.value) == [5])
        #expect(f.suggestions.map(\.field) == [.failureThreshold])
        // The inputs say which values are Kubernetes' defaults (they read as written before).
        #expect(f.notes.filter { $0.kind == .input }.map(\.text) == [
            "livenessProbe: timeoutSeconds 1 (default), periodSeconds 10, failureThreshold 3 (default)",
            "readinessProbe: timeoutSeconds 1 (default), periodSeconds 10, failureThreshold 3 (default)"])
    }

    /// Kubernetes' recommendation: same endpoint, higher failureThreshold for liveness.
    @Test func higherLivenessFailureThresholdPasses() {
        #expect(findings(yaml(liveness: "failureThreshold: 4", readiness: "failureThreshold: 3")).isEmpty)
    }

    /// Boundary on W_min: 21 vs 21 fires, 22 vs 21 passes, 21 vs 22 fires.
    @Test(arguments: [("timeoutSeconds: 1", "timeoutSeconds: 1", true), ("timeoutSeconds: 2", "timeoutSeconds: 1", false),
                      ("timeoutSeconds: 1", "timeoutSeconds: 2", true)])
    func boundary(liveness: String, readiness: String, fires: Bool) {
        #expect(findings(yaml(liveness: liveness, readiness: readiness)).isEmpty != fires)
    }

    @Test func differentEndpointsPass() {
        #expect(findings(yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10", livenessPath: "/livez")).isEmpty)
    }

    @Test func writtenFailureThresholdIsTheAnchor() throws {
        let f = try #require(findings(yaml(liveness: "failureThreshold: 3", readiness: "failureThreshold: 6")).first)
        #expect(f.range.start.line == 13)
        #expect(f.range.start.column == 31)
        // readiness W_max = 6 * 10 + 1 = 61: F = 8 gives W_min 71.
        #expect(f.suggestions.map(\.value) == [8])
    }

    @Test func namedAndNumberedPortOfTheSameDeclaredPortAreTheSameCheck() {
        let text = yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10")
            .replacingOccurrences(of: "httpGet: {path: /healthz, port: 8080}\n            periodSeconds: 10\n          readinessProbe:",
                                  with: "httpGet: {path: /healthz, port: http}\n            periodSeconds: 10\n          readinessProbe:")
            .replacingOccurrences(of: "          image: example/web:1\n",
                                  with: "          image: example/web:1\n          ports: [{name: http, containerPort: 8080}]\n")
        #expect(text.contains("port: http}"))
        #expect(findings(text).count == 1)
        #expect(findings(text.replacingOccurrences(of: "containerPort: 8080", with: "containerPort: 9090")).isEmpty)
    }

    /// When no liveness failureThreshold outlasts readiness within the detection budget, the
    /// finding says so (it had no fix and no word on why).
    @Test func noFitAtTheBudgetIsANote() throws {
        let probe = "httpGet: {path: /, port: 8080}\nperiodSeconds: 100\nfailureThreshold: 3\ntimeoutSeconds: 1\n"
        let yaml = TestSupport.deployment(probe: probe, extraContainer: "")
            .replacingOccurrences(of: "          livenessProbe:\n", with: "          readinessProbe:\n            httpGet: {path: /, port: 8080}\n            periodSeconds: 100\n            failureThreshold: 3\n            timeoutSeconds: 1\n          livenessProbe:\n")
        let finding = try #require(TestSupport.lint(yaml).findings.first { $0.rule.rawValue == "PL201" }, "\(yaml)")
        #expect(finding.suggestions.isEmpty)
        #expect(finding.notes.contains { $0.text.hasPrefix("no liveness failureThreshold gives W_min > readiness W_max = 301 s") })
    }
}
