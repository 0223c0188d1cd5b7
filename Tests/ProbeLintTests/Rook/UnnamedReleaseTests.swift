import Foundation
import Testing
@testable import ProbeLint

/// A Rook CR whose release nothing in the run names is modelled as the newest release, and a
/// warning at the CR says so: a pre-commit run of the RGW incident's CephObjectStore alone passed
/// clean as Rook v1.20's (which generates no RGW liveness probe) with not a word.
@Suite struct UnnamedReleaseTests {
    static let store = """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata: {name: my-store, namespace: rook-ceph}
        spec:
          gateway: {port: 80, instances: 1}

        """
    static let incident: [InputKey: String] = [.bandwidth: "10MB/s", .largestTransfer: "700MB"]

    static func warnings(_ report: LintReport) -> [String] { report.fileWarnings.map { $0.line(label: "warning") } }

    @Test func aCRAloneIsNamedAsTheNewestRelease() {
        let report = TestSupport.lint(Self.store, flags: Self.incident)
        #expect(Self.warnings(report) == ["test.yaml:1:1: warning: CephObjectStore my-store is modelled as Rook v1.20, the newest release probelint models: nothing in the run names the release you run (no --rook-version, rook-version in .probelint.yaml or rook-ceph-operator image, and no Ceph image that only an older Rook runs); give it with --rook-version or rook-version"])
        #expect(report.errors.isEmpty)
        // Named, the release is modelled and says nothing more: v1.1.0's GET / liveness probe is the incident's.
        var options = LintOptions()
        options.environment.rook.flag = RookVersion(1, 1, 0)
        let named = TestSupport.lint(Self.store, flags: Self.incident, options: options)
        #expect(named.fileWarnings.isEmpty)
        #expect(Set(named.findings.map(\.rule.rawValue)).isSuperset(of: ["PL101", "PL102"]))
    }

    /// A release named by a `.probelint.yaml`, by the run's operator image or bounded by a Ceph
    /// image is no guess to warn of; a CR that renders no pod (an external cluster) models nothing.
    @Test func aReleaseTheRunNamesIsNoWarning() {
        var config = LintOptions()
        config.environment.rook.config = RookVersionChoice(version: RookVersion(1, 9, 13), origin: "from .probelint.yaml")
        #expect(TestSupport.lint(Self.store, options: config).fileWarnings.isEmpty)
        let operatorImage = "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator, namespace: rook-ceph}\nspec: {template: {spec: {containers: [{name: op, image: \"rook/ceph:v1.1.0\"}]}}}\n"
        #expect(TestSupport.lint(Self.store + operatorImage).fileWarnings.isEmpty)
        let cluster = "---\napiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\nspec:\n  cephVersion: {image: \"quay.io/ceph/ceph:v18.2.4\"}\n"
        #expect(TestSupport.lint(Self.store + cluster).fileWarnings.isEmpty)
        let external = "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: ext, namespace: rook-ceph}\nspec:\n  external: {enable: true}\n"
        #expect(TestSupport.lint(external).fileWarnings.isEmpty)
    }

    /// The CLI prints it on stderr, and the JSON report carries it among its warnings.
    @Test func theCLIReportsIt() throws {
        let run = try TestSupport.run(["--no-color", "-o", "json", "-"], stdin: Self.store)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("<stdin>:1:1: warning: CephObjectStore my-store is modelled as Rook v1.20"), "\(run.stderr)")
        #expect(run.stdout.contains("CephObjectStore my-store is modelled as Rook v1.20"))
    }
}
