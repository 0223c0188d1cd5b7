import Testing
@testable import ProbeLint

@Suite struct PL202Tests {
    /// kubernetes-website's old grpc-liveness.yaml writes `gRPC:`.
    @Test func handlerKeyInTheWrongCase() {
        let yaml = TestSupport.deployment(probe: "gRPC:\n  port: 2379\ninitialDelaySeconds: 10")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["livenessProbe has no handler: set exactly one of exec, httpGet, tcpSocket or grpc",
                                         "gRPC is not a probe field: did you mean grpc?"])
        #expect(found.map(\.range.start.line) == [14, 15])
        #expect(found.map(\.range.start.column) == [11, 13])
    }

    @Test func rightCaseIsFine() {
        let yaml = TestSupport.deployment(probe: "grpc:\n  port: 2379\nhttpGet:\n  port: 80")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["livenessProbe has more than one handler (httpGet and grpc): the API server accepts exactly one"])
    }

    @Test func quotedNumberSuggestsTheNumber() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: \"5\"\nperiodSeconds: \"0\"\nfailureThreshold: 2.5")
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == ["timeoutSeconds: \"5\" must be an integer, not a string (write it without quotes)",
                                         "periodSeconds: \"0\" must be an integer, not a string (write it without quotes)",
                                         "failureThreshold: 2.5 must be a whole number, not a float"])
        #expect(found.map { $0.suggestions.map(\.value) } == [[5], [], []])
        let s = try #require(found.first?.suggestions.first)
        #expect(s.path == "spec.template.spec.containers[0].livenessProbe.timeoutSeconds")
        #expect(s.field == .timeoutSeconds)
    }

    /// Wrong types in a Rook CR are PL202 findings too, and a quoted probe number in the
    /// CR gets the same fix, keyed by the field's path in the CR.
    @Test func rookCRFieldsOfTheWrongType() throws {
        let yaml = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: s, namespace: rook-ceph}
            spec:
              gateway: {port: "80", securePort: x, instances: 1.5, resources: []}
              healthCheck:
                readinessProbe:
                  disabled: maybe
                  probe: {timeoutSeconds: "5", periodSeconds: -1}
            """
        let found = TestSupport.lint(yaml).findings.filter { $0.rule == "PL202" }
        #expect(found.map(\.message) == [
            "port must be an integer, not a string", "securePort must be an integer, not a string",
            "instances must be an integer, not a float", "resources must be a mapping, not a list",
            "disabled must be true or false, not a string",
            "timeoutSeconds: \"5\" must be an integer, not a string (write it without quotes)",
            "periodSeconds: -1 must not be negative (Kubernetes rejects it)",
        ])
        let fix = try #require(found.first { $0.message.hasPrefix("timeoutSeconds") }?.suggestions.first)
        #expect(fix.path == "spec.healthCheck.readinessProbe.probe.timeoutSeconds")
        #expect(fix.value == 5)
    }

    /// A probe on an init container that is not a sidecar is rejected by the API server
    /// (pkg/apis/core/validation, validateInitContainers); a sidecar's probes are fine. These
    /// probes were skipped without a word.
    @Test func probesOnAPlainInitContainerAreRejected() throws {
        func findings(_ restartPolicy: String) -> [Finding] {
            let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - name: setup\n    image: x\n\(restartPolicy)    startupProbe: {tcpSocket: {port: 80}}\n    livenessProbe: {tcpSocket: {port: 80}}\n  containers:\n  - name: c\n    image: x\n"
            return TestSupport.lint(yaml).findings.filter { $0.rule.rawValue == "PL202" }
        }
        let plain = findings("")
        #expect(Set(plain.map(\.message)) == Set(["livenessProbe", "startupProbe"].map {
            "init container setup must not set \($0): the API server rejects probes on an init container that is not a sidecar (restartPolicy: Always)"
        }))
        #expect(Set(plain.map(\.range.start.line)) == [8, 9])
        #expect(plain.allSatisfy { $0.object.container == "setup" })
        #expect(findings("    restartPolicy: Always\n").isEmpty)
        #expect(findings("    restartPolicy: OnFailure\n").count == 2)
    }
}
