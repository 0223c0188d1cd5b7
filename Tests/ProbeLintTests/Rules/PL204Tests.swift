import Foundation
import Testing
@testable import ProbeLint

@Suite struct PL204Tests {
    func findings(_ yaml: String) -> [Finding] { TestSupport.lint(yaml).findings.filter { $0.rule == "PL204" } }

    /// Each kind in its own API group: a kind in another group is no workload.
    static let apiVersions = ["Job": "batch/v1", "CronJob": "batch/v1", "Rollout": "argoproj.io/v1alpha1",
                              "DeploymentConfig": "apps.openshift.io/v1"]

    func workload(kind: String = "Deployment", apiVersion: String? = nil, container: String = "web", app: String = "web",
                  extra: String = "") -> String {
        let template = kind == "CronJob" ? "jobTemplate:\n    spec:\n      template:" : "template:"
        let indent = kind == "CronJob" ? "    " : ""
        return """
            apiVersion: \(apiVersion ?? Self.apiVersions[kind] ?? "apps/v1")
            kind: \(kind)
            metadata:
              name: x
            spec:
              \(template)
            \(indent)    metadata:
            \(indent)      labels: {app: \(app)}
            \(indent)    spec:
            \(indent)      containers:
            \(indent)        - name: \(container)
            \(indent)          image: example/x:1
            \(extra)
            """
    }

    @Test func deploymentWithoutLivenessIsInfo() throws {
        let f = try #require(findings(workload()).first)
        #expect(f.severity == .info)
        #expect(f.message == "container web has no livenessProbe: if it hangs, nothing restarts it")
        #expect(f.range.start.line == 11)
        #expect(f.range.start.column == 17)
    }

    /// `livenessProbe: null` is a choice made in writing (Mimir's ingester): not repeated. An
    /// empty mapping is a probe without a handler (PL202's), not a missing one.
    @Test(arguments: [("null", false), ("~", false), ("", false), ("{}", false)])
    func aLivenessProbeWrittenAsNullIsAChoice(value: String, fires: Bool) {
        let text = workload(extra: "          livenessProbe: \(value)")
        #expect(text.contains("livenessProbe: \(value)\n") || text.hasSuffix("livenessProbe: \(value)"))
        #expect(findings(text).isEmpty != fires, "\(text)")
    }

    /// A livenessProbe that is no mapping is PL202's error: the container lacks no probe, and
    /// saying it has none contradicted that error. A readinessProbe that is none leaves it lacking one.
    @Test(arguments: ["5", "[httpGet]", "probe", "true"])
    func aLivenessProbeThatIsNoMappingIsPL202s(value: String) {
        let all = TestSupport.lint(workload(extra: "          livenessProbe: \(value)")).findings
        #expect(all.filter { $0.rule == "PL204" }.isEmpty, "\(all.map(\.message))")
        #expect(all.contains { $0.rule == "PL202" && $0.message.hasPrefix("livenessProbe must be a mapping, not ") })
        #expect(findings(workload(extra: "          readinessProbe: \(value)")).count == 1)
    }

    @Test func jobsAndCronJobsAreSkipped() {
        #expect(findings(workload(kind: "Job")).isEmpty)
        #expect(findings(workload(kind: "CronJob")).isEmpty)
    }

    /// A Rollout and a DeploymentConfig run their pods for good, as a Deployment does.
    @Test(arguments: [("Rollout", "argoproj.io/v1alpha1"), ("DeploymentConfig", "apps.openshift.io/v1"), ("DeploymentConfig", "v1")])
    func rolloutsAndDeploymentConfigsAreLongRunning(kind: String, apiVersion: String) throws {
        let found = findings(workload(kind: kind, apiVersion: apiVersion))
        #expect(found.map(\.message) == ["container web has no livenessProbe: if it hangs, nothing restarts it"])
        #expect(found.first?.object.objectName == "\(kind)/x")
        #expect(found.first?.range.start.line == 11)
    }

    /// A custom resource called Deployment is not linted as one; with no apiVersion, a Deployment is.
    @Test func aDeploymentOfAnotherGroupIsNoWorkload() {
        #expect(findings(workload(apiVersion: "example.com/v1")).isEmpty)
        #expect(findings(workload().replacingOccurrences(of: "apiVersion: apps/v1\n", with: "")).count == 1)
    }

    @Test func rgwAndMdsAreExempt() {
        #expect(findings(workload(container: "rgw", app: "rook-ceph-rgw")).isEmpty)
        #expect(findings(workload(container: "mds", app: "rook-ceph-mds")).isEmpty)
        #expect(findings(workload(container: "mon", app: "rook-ceph-mon")).count == 1)
    }

    @Test func sidecarsCountPlainInitContainersDoNot() {
        let sidecars = """
                  initContainers:
                    - name: setup
                      image: example/setup:1
                    - name: proxy
                      image: example/proxy:1
                      restartPolicy: Always
            """
        let messages = findings(workload(extra: sidecars)).map(\.message)
        #expect(messages == ["container web has no livenessProbe: if it hangs, nothing restarts it",
                             "sidecar proxy has no livenessProbe: if it hangs, nothing restarts it"])
    }

    @Test func podThatRunsToCompletionIsSkipped() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Never\n  containers:\n    - name: c\n      image: x\n"
        #expect(findings(pod).isEmpty)
        #expect(findings(pod.replacingOccurrences(of: "Never", with: "Always")).count == 1)
        // A PodTemplate's pods as well (its template is at the top).
        let template = "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: p}\ntemplate:\n  spec:\n    restartPolicy: OnFailure\n    containers:\n      - name: c\n        image: x\n"
        #expect(findings(template).isEmpty)
        #expect(findings(template.replacingOccurrences(of: "OnFailure", with: "Always")).count == 1)
    }

    /// A container that passes its mounts back to the node (a CSI node plugin) is not asked for a
    /// liveness probe: a restart breaks the volumes it serves. Another propagation mode, or none, is.
    @Test func aContainerThatServesMountsToTheNodeIsNotAskedForOne() {
        func daemonSet(_ propagation: String, pluginAsSidecar: Bool = false) -> String {
            let plugin = [
                "      - name: csi-cephfsplugin",
                "        image: quay.io/cephcsi/cephcsi:v3.12.2",
            ] + (pluginAsSidecar ? ["        restartPolicy: Always"] : []) + [
                "        volumeMounts:",
                "          - {name: socket-dir, mountPath: /csi}",
                "          - name: mountpoint-dir",
                "            mountPath: /var/lib/kubelet/pods",
                "            mountPropagation: \(propagation)",
            ]
            let registrar = [
                "      - name: driver-registrar",
                "        image: example/registrar:1",
                "        volumeMounts: [{name: registration-dir, mountPath: /registration}]",
            ]
            let head = ["apiVersion: apps/v1", "kind: DaemonSet", "metadata: {name: csi-cephfsplugin}", "spec:", "  template:", "    spec:"]
            let lists = pluginAsSidecar ? ["    initContainers:"] + plugin + ["    containers:"] + registrar
                : ["    containers:"] + registrar + plugin
            return (head + lists.map { "  " + $0 }).joined(separator: "\n") + "\n"
        }
        #expect(findings(daemonSet("Bidirectional")).compactMap(\.object.container) == ["driver-registrar"])
        #expect(findings(daemonSet("Bidirectional", pluginAsSidecar: true)).compactMap(\.object.container) == ["driver-registrar"])
        #expect(findings(daemonSet("HostToContainer")).compactMap(\.object.container) == ["driver-registrar", "csi-cephfsplugin"])
        #expect(findings(daemonSet("HostToContainer", pluginAsSidecar: true)).count == 2)
    }
}
