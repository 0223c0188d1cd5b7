import Foundation
import Testing
@testable import ProbeLint

/// `--fix` on the kinds whose pod template is a Deployment's but that Kubernetes does not
/// serve itself (Argo's Rollout, OpenShift's DeploymentConfig): the file is edited in place
/// exactly as a Deployment's would be.
@Suite(.serialized) struct PodTemplateKindFixTests {
    /// A workload whose liveness timeout of 1 s PL101 raises to 3 with `FixSupport.cliFlags`.
    static func workload(apiVersion: String, kind: String, timeout: Int = 1) -> String {
        """
        apiVersion: \(apiVersion)
        kind: \(kind)
        metadata:
          name: web
          namespace: shop
        spec:
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web   # the server
                  image: example/web:1
                  livenessProbe:
                    httpGet: {path: /healthz, port: 8080}
                    timeoutSeconds: \(timeout)   # seconds

        """
    }

    static let kinds = [("argoproj.io/v1alpha1", "Rollout"), ("apps.openshift.io/v1", "DeploymentConfig"), ("v1", "DeploymentConfig")]

    @Test(arguments: kinds)
    func fixEditsTheFileInPlace(apiVersion: String, kind: String) throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("web.yaml")
        try Self.workload(apiVersion: apiVersion, kind: kind).write(to: file, atomically: true, encoding: .utf8)
        let fix = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "--fix", "web.yaml"], directory: dir)
        #expect(fix.status == 0, "\(fix.stdout)\(fix.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.workload(apiVersion: apiVersion, kind: kind, timeout: 3))
        let again = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "web.yaml"], directory: dir)
        #expect(again.status == 0 && again.stdout.isEmpty, "\(again.stdout)")
    }
}
