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
}
