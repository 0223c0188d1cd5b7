import Testing
@testable import ProbeLint

/// Same check, and liveness W_min = (F - 1) * P + T no later than readiness's, or a shorter liveness T.
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

    /// Exec commands that differ only in a coreutils `timeout` that starts one (a redis chart's
    /// `timeout 5 redis-cli ping`) are one check: the kubelet's timeout bounds both (a review:
    /// near-identical probes passed). Another command, or a timeout elsewhere, is another check.
    @Test func aLeadingTimeoutMakesNoOtherCheck() throws {
        func exec(_ liveness: String, _ readiness: String) -> [Finding] {
            let text = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: redis}
                spec:
                  template:
                    spec:
                      containers:
                      - name: redis
                        image: redis:7
                        livenessProbe:
                          exec: {command: \(liveness)}
                          periodSeconds: 10
                        readinessProbe:
                          exec: {command: \(readiness)}
                          periodSeconds: 10

                """
            return findings(text)
        }
        let shell = { (script: String) in "[sh, -c, \"\(script)\"]" }
        #expect(exec(shell("timeout 5 redis-cli ping | grep -q PONG"), shell("redis-cli ping | grep -q PONG")).count == 1)
        #expect(exec("[timeout, -s, KILL, \"3\", redis-cli, ping]", "[redis-cli, ping]").count == 1)
        #expect(exec(shell("timeout 5 redis-cli ping"), shell("redis-cli info")).isEmpty)
        #expect(exec(shell("redis-cli ping | timeout 5 grep -q PONG"), shell("redis-cli ping | grep -q PONG")).isEmpty)
    }

    @Test func identicalDefaultsFire() throws {
        let f = try #require(findings(yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10")).first)
        #expect(f.severity == .warning)
        #expect(f.message == "livenessProbe runs the same httpGet check as readinessProbe and restarts after 21 s of failures, as soon as readiness removes the pod")
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

    /// Fields as the API server defaults them: an httpGet without a path asks `/`; an empty host
    /// or gRPC service is none. Two checks that differ only there are the same check.
    @Test func defaultedFieldsAreTheSameCheck() {
        let noPath = yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10", livenessPath: "/")
            .replacingOccurrences(of: "{path: /, port: 8080}", with: "{port: 8080}")
        #expect(noPath.contains("httpGet: {port: 8080}"))
        #expect(findings(noPath.replacingOccurrences(of: "{path: /healthz, port: 8080}", with: "{path: /, port: 8080}")).count == 1)
        #expect(findings(noPath.replacingOccurrences(of: "{path: /healthz, port: 8080}", with: "{path: '', port: 8080}")).count == 1)
        #expect(findings(noPath).isEmpty)
        let host = yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10")
            .replacingOccurrences(of: "{path: /healthz, port: 8080}\n            periodSeconds: 10\n          readinessProbe:",
                                  with: "{path: /healthz, port: 8080, host: ''}\n            periodSeconds: 10\n          readinessProbe:")
        #expect(host.contains("host: ''"))
        #expect(findings(host).count == 1)
        #expect(findings(host.replacingOccurrences(of: "host: ''", with: "host: 10.0.0.1")).isEmpty)
        let grpc = yaml(liveness: "periodSeconds: 10", readiness: "periodSeconds: 10")
            .replacingOccurrences(of: "httpGet: {path: /healthz, port: 8080}\n            periodSeconds: 10\n          readinessProbe:",
                                  with: "grpc: {port: 9000, service: ''}\n            periodSeconds: 10\n          readinessProbe:")
            .replacingOccurrences(of: "httpGet: {path: /healthz, port: 8080}", with: "grpc: {port: 9000}")
        #expect(findings(grpc).count == 1)
        #expect(findings(grpc.replacingOccurrences(of: "service: ''", with: "service: liveness")).isEmpty)
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

    /// Liveness that waits less than readiness on the same check fails alone on an answer
    /// between the two timeouts, whatever its thresholds (a Redis cluster's: readiness 5 s,
    /// liveness the default 1 s): the fix is readiness's timeout, and no threshold.
    @Test func aShorterLivenessTimeoutFiresAlone() throws {
        let text = yaml(liveness: "periodSeconds: 3\n            failureThreshold: 20", readiness: "timeoutSeconds: 5")
        let f = try #require(findings(text).first, "\(text)")
        #expect(f.message == "livenessProbe runs the same httpGet check as readinessProbe and waits 1 s for an answer where readiness waits 5 s: an answer in 1 to 5 s fails liveness alone, which restarts after 58 s a pod that readiness keeps in its Services")
        #expect(f.range.start.line == 11)  // the livenessProbe key, where timeoutSeconds would go
        // T 5 would pass the liveness period of 3: the period goes up with it (a review: T above P).
        #expect(f.suggestions.map(\.field) == [.periodSeconds, .timeoutSeconds] && f.suggestions.map(\.value) == [5, 5])
        let within = try #require(findings(yaml(liveness: "periodSeconds: 10\n            failureThreshold: 20", readiness: "timeoutSeconds: 5")).first)
        #expect(within.suggestions.map(\.field) == [.timeoutSeconds] && within.suggestions.map(\.value) == [5])
        #expect(f.notes.contains { $0.text == "liveness T = 1 s < readiness T = 5 s" })
        #expect(!f.notes.contains { $0.text.hasPrefix("liveness W_min") })
        // With the fix written, nothing fires; an equal timeout and a longer one pass.
        #expect(findings(yaml(liveness: "periodSeconds: 3\n            failureThreshold: 20\n            timeoutSeconds: 5", readiness: "timeoutSeconds: 5")).isEmpty)
        #expect(findings(yaml(liveness: "periodSeconds: 3\n            failureThreshold: 20\n            timeoutSeconds: 6", readiness: "timeoutSeconds: 5")).isEmpty)
    }

    /// Both at once: the timeout first, then the threshold computed with it.
    @Test func aShorterTimeoutAndAnEarlierRestartFixBoth() throws {
        let f = try #require(findings(yaml(liveness: "periodSeconds: 10", readiness: "timeoutSeconds: 2")).first)
        #expect(f.message.hasSuffix("restarts after 21 s of failures, 1 s before readiness would remove the pod (after 22 s); and it waits 1 s for an answer where readiness waits 2 s"), "\(f.message)")
        // readiness W_max = 3 * 10 + 2 = 32; with T 2, F = 5 gives W_min = 4 * 10 + 2 = 42.
        #expect(f.suggestions.map(\.field) == [.timeoutSeconds, .failureThreshold] && f.suggestions.map(\.value) == [2, 5])
        #expect(findings(yaml(liveness: "periodSeconds: 10\n            timeoutSeconds: 2\n            failureThreshold: 5", readiness: "timeoutSeconds: 2")).isEmpty)
    }

    /// Readiness's timeout would take liveness past the detection budget: a note, no fix.
    @Test func aTimeoutPastTheBudgetIsANote() throws {
        let f = try #require(findings(yaml(liveness: "periodSeconds: 99\n            failureThreshold: 3", readiness: "timeoutSeconds: 10")).first)
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.hasPrefix("liveness timeoutSeconds 10, readiness's, would make liveness W_max = ") && $0.text.contains("above the 300 s detection budget") })
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
