import Foundation
import Testing
@testable import ProbeLint

/// GitLab keeps one JUnit test case per suite, class name and name (gitlabhq
/// `lib/gitlab/ci/reports/test_case.rb`): no two test cases of a suite share a name. A finding's
/// is its rule, object and field path, with an ordinal on a repeat in its file; an input error's
/// and a config warning's is its place.
@Suite struct JUnitNameTests {
    /// kubernetes/website's grpc-liveness Pod with `gRPC` for `grpc`: one PL202.
    static let grpcPod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: etcd
        spec:
          containers:
          - name: etcd
            image: etcd
            livenessProbe:
              gRPC:
                port: 2379

        """

    /// The same probe with a successThreshold a liveness probe must not have: two PL202 on it.
    static let twoOnOneProbe = grpcPod + "      successThreshold: 2\n"

    /// A Deployment with two `probelint.io/*` annotations that are no durations: two input errors.
    static let badAnnotations = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            probelint.io/latency-p99: "banana"
            probelint.io/drain-time: "soon"
        spec:
          template:
            spec:
              containers:
              - name: web
                livenessProbe: {httpGet: {path: /, port: 80}}

        """

    static func names(_ cases: [[String: Any]], suite: String) -> [String] {
        cases.filter { $0["suite"] as? String == suite }.compactMap { $0["name"] as? String }
    }

    @Test func findingsOfOneFieldAndRepeatedObjectsHaveTheirOwnNames() throws {
        let dir = try OutputSupport.temporaryDirectory("junit-names")
        defer { try? FileManager.default.removeItem(at: dir) }
        try (Self.twoOnOneProbe + "---\n" + Self.twoOnOneProbe).write(to: dir.appendingPathComponent("twice.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-o", "junit", "twice.yaml"], directory: dir)
        #expect(run.status == 1)
        let cases = try #require(try JUnitOutputTests.cases(run.stdout))
        let probe = "PL202 Pod/etcd container etcd livenessProbe at spec.containers[0].livenessProbe"
        #expect(Self.names(cases, suite: "twice.yaml") == [probe + ".gRPC", probe + ".successThreshold", probe + ".gRPC #2", probe + ".successThreshold #2"])
        #expect(cases.allSatisfy { $0["classname"] as? String == "twice.yaml" })
    }

    @Test func inputErrorsAndConfigWarningsAreNamedByTheirPlace() throws {
        let dir = try OutputSupport.temporaryDirectory("junit-names")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.badAnnotations.write(to: dir.appendingPathComponent("annot.yaml"), atomically: true, encoding: .utf8)
        try "rules: {PL998: off, PL999: off}\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-o", "junit", "annot.yaml"], directory: dir)
        #expect(run.status == 2)
        let cases = try #require(try JUnitOutputTests.cases(run.stdout))
        #expect(Self.names(cases, suite: "input errors") == ["annot.yaml:6:31", "annot.yaml:7:30"])
        #expect(Self.names(cases, suite: "config warnings") == [".probelint.yaml:1:9", ".probelint.yaml:1:21"])
    }

    /// Two input errors at one place keep it, the second with its ordinal.
    @Test func aRepeatedPlaceGetsAnOrdinal() throws {
        var report = LintReport()
        let error = LintError(file: "a.yaml", position: nil, message: "cannot read")
        report.errors = [error, error]
        let cases = try #require(try JUnitOutputTests.cases(JUnitReporter.header + JUnitReporter().footer(report)))
        #expect(Self.names(cases, suite: "input errors") == ["a.yaml", "a.yaml #2"])
    }
}
