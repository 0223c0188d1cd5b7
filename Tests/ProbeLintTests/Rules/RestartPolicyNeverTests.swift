import Testing
@testable import ProbeLint

/// A container that a liveness or startup probe kills in a pod with `restartPolicy: Never` is not
/// restarted: the pod fails. Findings about such a probe say so in a note.
@Suite struct RestartPolicyNeverTests {
    static func findings(policy: String?, kind: String = "Job", sidecar: Bool = false) -> [Finding] {
        let policyLine = policy.map { "      restartPolicy: \($0)\n" } ?? ""
        let sidecarLines = sidecar ? """
                  initContainers:
                  - name: proxy
                    image: example/proxy:1
                    ports: [{containerPort: 8080}]
                    restartPolicy: Always
                    livenessProbe: {tcpSocket: {port: 8080}, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3}

            """ : ""
        let yaml = """
            apiVersion: \(kind == "Pod" ? "v1" : "batch/v1")
            kind: \(kind)
            metadata: {name: backup}
            spec:
            \(kind == "Pod" ? "" : "  template:\n    spec:\n")\(policyLine)\(sidecarLines)      containers:
                  - name: rgw
                    image: quay.io/ceph/ceph:v18.2.4
                    ports: [{containerPort: 8080}]
                    livenessProbe: {tcpSocket: {port: 8080}, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3}
                    readinessProbe: {tcpSocket: {port: 8080}, timeoutSeconds: 1, periodSeconds: 10, failureThreshold: 3}

            """
        return TestSupport.lint(kind == "Pod" ? yaml.replacingOccurrences(of: "\n      ", with: "\n  ") : yaml,
                                flags: [.bandwidth: "10MB/s", .largestTransfer: "700MB", .queue: "10MB", .latencyP99: "80ms"]).findings
    }

    static func noted(_ findings: [Finding]) -> [String] {
        findings.filter { $0.notes.contains { $0.name == "restartPolicy" } }.map { "\($0.rule) \($0.object.container ?? "") \($0.object.probe?.rawValue ?? "")" }
    }

    @Test func aJobThatIsNeverRestartedFails() {
        let found = Self.findings(policy: "Never")
        let noted = Self.noted(found)
        #expect(noted.contains("PL102 rgw liveness") && noted.contains("PL105 rgw liveness"), "\(noted)")
        #expect(!noted.contains { $0.hasSuffix("readiness") }, "a readiness probe kills nothing")
        #expect(found.contains { $0.object.probe == .readiness }, "the readiness probe has findings of its own")
    }

    @Test func restartedPodsHaveNoNote() {
        #expect(!Self.findings(policy: "OnFailure").isEmpty)
        #expect(Self.noted(Self.findings(policy: "OnFailure")).isEmpty)
        #expect(Self.noted(Self.findings(policy: nil, kind: "Pod")).isEmpty)
        #expect(!Self.noted(Self.findings(policy: "Never", kind: "Pod")).isEmpty)
    }

    /// A sidecar (an init container with `restartPolicy: Always`) is restarted whatever the pod's policy.
    @Test func aSidecarIsRestartedInANeverPod() {
        let found = Self.findings(policy: "Never", sidecar: true)
        #expect(found.contains { $0.object.container == "proxy" })
        #expect(!Self.noted(found).contains { $0.contains("proxy") })
        #expect(Self.noted(found).contains { $0.contains("rgw") })
    }

    /// A pod of more than 32 probes finds each finding's probe by its container's block
    /// (`ObjectContext.probeIndex`): every liveness finding still has the note, and so does the
    /// second of two containers of one name, whose probe is past the first one's block.
    @Test func aPodOfManyContainersNotesEachProbe() throws {
        func container(_ name: String, _ probes: String) -> String {
            "  - name: \(name)\n    image: example/app:1\n" + probes
        }
        let liveness = "    livenessProbe: {httpGet: {path: /, port: 8080}, timeoutSeconds: 1, failureThreshold: 1}\n"
        let readiness = "    readinessProbe: {httpGet: {path: /, port: 8080}}\n"
        let many = (0..<40).map { container("c\($0)", liveness) }.joined()
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: big}\nspec:\n  restartPolicy: Never\n  containers:\n"
            + container("dup", readiness) + many + container("dup", liveness)
        let found = TestSupport.lint(yaml).findings.filter { $0.object.probe == .liveness }
        let containers = Set(found.map { $0.object.container ?? "" })
        #expect(containers.count == 41, "\(containers.sorted())")
        let unnoted = found.filter { !$0.notes.contains { $0.name == "restartPolicy" } }
        #expect(unnoted.isEmpty, "\(unnoted.map { "\($0.rule) \($0.object)" })")
    }
}
