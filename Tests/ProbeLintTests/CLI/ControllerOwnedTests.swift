import Foundation
import Testing
@testable import ProbeLint

/// Objects a controller made from its own pod template (a Deployment's ReplicaSet, the
/// ReplicaSet's Pods: `kubectl get all -o yaml`, or `kubectl probelint pods`) are not linted,
/// as Polaris lints controllers: each finding of the Deployment came once per ReplicaSet and
/// Pod, and `-o patch` patched Pods, whose probes the API server does not let change.
@Suite struct ControllerOwnedTests {
    /// A Deployment whose liveness probe draws PL103 (timeout 1 s, period 1 s, threshold 1), as
    /// `kubectl get` shows it beside the ReplicaSet and a Pod made from it, and a bare Pod.
    static func dump(pods: Int) -> String {
        let template = """
                template:
                  metadata: {labels: {app: web}}
                  spec:
                    containers:
                    - name: web
                      image: example/web:1
                      livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 1, periodSeconds: 1, failureThreshold: 1}
            """
        func owner(_ kind: String, _ name: String, controller: Bool = true) -> String {
            "    ownerReferences:\n    - {apiVersion: apps/v1, kind: \(kind), name: \(name), uid: u, controller: \(controller)}\n"
        }
        var items = "- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: web\n    namespace: shop\n  spec:\n\(template)\n"
        // Only what the controllers made carries the pods' labels (`-l app=web` selects them alone).
        items += "- apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata:\n    name: web-6d4\n    namespace: shop\n    labels: {app: web}\n" + owner("Deployment", "web")
            + "  spec:\n\(template)\n"
        for i in 0..<pods {
            items += "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: web-6d4-\(i)\n    namespace: shop\n    labels: {app: web}\n" + owner("ReplicaSet", "web-6d4")
                + "  spec:\n    containers:\n    - name: web\n      image: example/web:1\n"
                + "      livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 1, periodSeconds: 1, failureThreshold: 1}\n"
        }
        // Owned, but not by its controller (no `controller: true`): its own template.
        items += "- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: debug\n    namespace: shop\n" + owner("ReplicaSet", "web-6d4", controller: false)
            + "  spec:\n    containers:\n    - name: sh\n      image: example/sh:1\n"
            + "      livenessProbe: {exec: {command: [date]}, timeoutSeconds: 1, periodSeconds: 1, failureThreshold: 1}\n"
        return "apiVersion: v1\nkind: List\nitems:\n" + items
    }

    @Test func onlyTheControllerAndObjectsOfNoControllerAreLinted() throws {
        let dir = try OutputSupport.temporaryDirectory("owned")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.dump(pods: 3).write(to: dir.appendingPathComponent("all.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--select", "PL103", "-o", "json", "all.yaml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let findings = try OutputSupport.parse(run.stdout).array("findings")
        #expect(findings.compactMap { $0.object("object")?.string("name") }.sorted() == ["debug", "web"], "\(run.stdout)")
        #expect(run.stderr == "note: 4 objects were not linted: a controller made each from its own pod template (ReplicaSet/shop/web-6d4 from Deployment web), which holds the probes and replaces what is changed in them: lint the controllers (deployments, statefulsets, daemonsets, jobs, cronjobs, rollouts)\n")
        // No kubectl patch for a Pod: the API server refuses to change a running Pod's probes.
        let patch = try TestSupport.run(["--select", "PL103", "-o", "patch", "all.yaml"], directory: dir)
        #expect(!patch.stdout.contains("kubectl patch pod/web-6d4") && !patch.stdout.contains("replicaset/"), "\(patch.stdout)")
        #expect(patch.stdout.contains("kubectl patch deployment/web -n shop"))
        // Selected by -l, they are not "no object": the one note says why they were not linted.
        let selected = try TestSupport.run(["--select", "PL103", "-l", "app=none", "all.yaml"], directory: dir)
        #expect(selected.stderr.contains("selects no object"), "\(selected.stderr)")
        let web = try TestSupport.run(["--select", "PL103", "-l", "app=web", "all.yaml"], directory: dir)
        #expect(!web.stderr.contains("selects no object") && web.stderr.contains("objects were not linted"), "\(web.stderr)")
        // The same output with every job count and piece size.
        let pieces = try TestSupport.run(["--select", "PL103", "-o", "json", "-j", "2", "--piece-bytes", "1", "all.yaml"], directory: dir)
        #expect(pieces.stdout == run.stdout && pieces.stderr == run.stderr)
    }
}
