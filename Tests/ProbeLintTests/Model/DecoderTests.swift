import Testing
@testable import ProbeLint

@Suite struct DecoderTests {
    /// The dotted pod-spec path (a literal, so decoding builds no string) is the path's keys.
    @Test func podSpecDottedIsThePathJoined() {
        for kind in WorkloadKind.allCases {
            #expect(kind.podSpecDotted == (kind.podTemplatePath + ["spec"]).joined(separator: "."), "\(kind)")
        }
    }

    func manifests(_ yaml: String) throws -> DecodedDocument {
        let doc = try #require(try Reader.readAll(yaml, file: "m.yaml").first)
        return ManifestDecoder.decode(doc)
    }

    let pod = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          namespace: ns
          labels: {app: web}
          annotations:
            probelint.io/bandwidth: 10MB/s
        spec:
          terminationGracePeriodSeconds: 60
          containers:
          - name: web
            image: nginx
            ports:
            - {name: http, containerPort: 8080}
            livenessProbe:
              httpGet:
                path: /healthz
                port: http
              timeoutSeconds: 2
            readinessProbe:
              tcpSocket: {port: 8080}
        """

    @Test(arguments: [("List", true), ("PodList", true), ("ConfigMapList", true), ("Lis", false), ("Listing", false),
                      ("list", false), ("", false), ("Pod", false)])
    func listKindsEndInList(kind: String, isList: Bool) {
        #expect(ManifestDecoder.isListKind(kind) == isList)
    }

    /// A typed list's items (the API's `PodList`, `DeploymentList`) need not write their kind: an
    /// item that writes neither kind nor apiVersion takes the list's, without `List`, as kubectl
    /// reads it (apimachinery's `decodeToList`). They were skipped, and a raw API dump linted as
    /// nothing. Only a kind that ends in `List` is a list here: a Deployment with a stray `items`
    /// is still the Deployment it says it is.
    @Test func aTypedListsItemsTakeItsKind() throws {
        let item = "- metadata: {name: web}\n  spec:\n    containers:\n    - {name: c, image: nginx}\n"
        let pods = try manifests("kind: PodList\napiVersion: v1\nitems:\n" + item)
        #expect(pods.manifests.map(\.ref.objectName) == ["Pod/web"])
        #expect(pods.manifests.first?.podSpec?.containers.first?.name == "c")
        let deployments = try manifests("kind: DeploymentList\napiVersion: apps/v1\nitems:\n- metadata: {name: d}\n  spec:\n    template:\n      spec:\n        containers: [{name: c, image: nginx}]\n")
        #expect(deployments.manifests.map(\.ref.objectName) == ["Deployment/d"])
        #expect(deployments.manifests.first?.podSpec != nil && deployments.manifests.first?.apiVersion == "apps/v1")
        // An item with its own kind keeps it; one with only an apiVersion is no object; a `List`'s
        // kindless item has no kind to take.
        let mixed = try manifests("kind: PodList\napiVersion: v1\nitems:\n- {kind: ConfigMap, apiVersion: v1, metadata: {name: cm}}\n- {apiVersion: v1, metadata: {name: x}}\n")
        #expect(mixed.manifests.map(\.ref.objectName) == ["ConfigMap/cm"])
        #expect(try manifests("kind: List\napiVersion: v1\nitems:\n" + item).manifests.isEmpty)
        let stray = try manifests("kind: Deployment\napiVersion: apps/v1\nmetadata: {name: d}\nitems: []\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n")
        #expect(stray.manifests.map(\.ref.objectName) == ["Deployment/d"] && stray.manifests.first?.podSpec != nil)
    }

    @Test func writtenAndDefaultedFields() throws {
        let decoded = try manifests(pod)
        #expect(decoded.problems.isEmpty)
        let m = try #require(decoded.manifests.first)
        #expect(m.ref.objectName == "Pod/ns/p")
        #expect(m.metadata.labels == ["app": "web"])
        #expect(m.metadata.annotations["probelint.io/bandwidth"]?.value == "10MB/s")
        let spec = try #require(m.podSpec)
        #expect(spec.terminationGracePeriodSeconds.value == 60)
        let c = try #require(spec.containers.first)
        #expect(Array(c.ports) == [ContainerPort(name: "http", containerPort: 8080, proto: nil)])
        let live = try #require(c.probe(.liveness))
        #expect(live.handler?.kind == .httpGet)
        #expect(live.handler?.port == .name("http"))
        guard case .written(2, _, let range) = live.timeoutSeconds else { Issue.record("timeout not written"); return }
        #expect(range.start.line == 20 && range.start.column == 23)
        guard case .defaulted(10, let at) = live.periodSeconds else { Issue.record("period not defaulted"); return }
        #expect(at.parentKey.start.line == 16)
        #expect(at.lastKey?.start.line == 20)
        #expect(!at.isFlow)
        #expect(live.terminationGracePeriodSeconds.value == 60)
        #expect(live.path == "spec.containers[0].livenessProbe")
        let ready = try #require(c.probe(.readiness))
        #expect(ready.handler?.port == .number(8080))
        #expect(ready.failureThreshold == .defaulted(3, at: ready.failureThreshold.defaultedAt!))
    }

    @Test func kubernetesDefaultsLiveInOnePlace() throws {
        let m = try manifests("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe:\n      exec: {command: [date]}\n")
        let probe = try #require(m.manifests.first?.podSpec?.containers.first?.probe(.liveness))
        let timing = try #require(probe.timing)
        #expect(timing == ProbeTiming(initialDelay: 0, timeout: 1, period: 10, success: 1, failure: 3))
        #expect(probe.terminationGracePeriodSeconds.value == 30)
        #expect(timing.killWindowMin == 21 && timing.killWindowMax == 31)
    }

    /// The API server replaces a 0 in these four fields with the default before it validates
    /// (`SetDefaults_Probe`): the model reads the default, and no problem is recorded.
    @Test func zeroIsTheDefaultWhereTheAPIServerSaysSo() throws {
        let m = try manifests("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe:\n      exec: {command: [date]}\n      initialDelaySeconds: 0\n      timeoutSeconds: 0\n      periodSeconds: 0\n      successThreshold: 0\n      failureThreshold: 0\n")
        let probe = try #require(m.manifests.first?.podSpec?.containers.first?.probe(.liveness))
        #expect(m.problems.isEmpty)
        #expect(probe.timing == ProbeTiming(initialDelay: 0, timeout: 1, period: 10, success: 1, failure: 3))
        #expect(probe.initialDelaySeconds.isWritten)
        #expect(!probe.timeoutSeconds.isWritten && !probe.periodSeconds.isWritten && !probe.successThreshold.isWritten && !probe.failureThreshold.isWritten)
        // Each such 0 is where findings about its field point (line 9 on is the timeout's),
        // not the probe's key, and it is known as written.
        let anchors = [probe.timeoutSeconds, probe.periodSeconds, probe.successThreshold, probe.failureThreshold].map { "\($0.anchor.start)" }
        #expect(anchors == ["9:23", "10:22", "11:25", "12:25"])
        #expect(probe.timeoutSeconds.isWrittenZero && !probe.initialDelaySeconds.isWrittenZero)
    }

    @Test(arguments: [
        ("\"5\"", "timeoutSeconds: \"5\" must be an integer, not a string (write it without quotes)"),
        ("'5'", "timeoutSeconds: '5' must be an integer, not a string (write it without quotes)"),
        ("0b2", "timeoutSeconds: 0b2 must be an integer, not a string"),  // 0b1 is binary 1, as kubectl reads it
        ("1.5", "timeoutSeconds: 1.5 must be a whole number, not a float"),
        ("99999999999", "timeoutSeconds: 99999999999 is out of range for an int32"),
        ("[1]", "timeoutSeconds: a list must be an integer"),
        ("{a: 1}", "timeoutSeconds: a mapping must be an integer"),
        ("true", "timeoutSeconds: true must be an integer, not a boolean"),
    ])
    func wrongTypesAreProblemsWithPositions(value: String, message: String) throws {
        let m = try manifests("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe:\n      tcpSocket: {port: 1}\n      timeoutSeconds: \(value)\n")
        let problem = try #require(m.problems.first)
        #expect(problem.message == message)
        #expect(problem.range.start.line == 8 && problem.range.start.column == 23)
        #expect(problem.path == "spec.containers[0].livenessProbe.timeoutSeconds")
        let probe = try #require(m.manifests.first?.podSpec?.containers.first?.probe(.liveness))
        #expect(probe.timeoutSeconds.value == nil)
        #expect(probe.timing == nil)
        // The field keeps the value's node; its text as written is made from the document.
        guard case .invalid(let written, _, let range) = probe.timeoutSeconds else { Issue.record("timeout not invalid"); return }
        #expect(range == problem.range)
        #expect(message.hasPrefix("timeoutSeconds: \(m.document.asWritten(written)) "))
    }

    @Test func listWhereAMappingBelongs() throws {
        let m = try manifests("kind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    livenessProbe: [1, 2]\n")
        #expect(m.problems.map(\.message) == ["livenessProbe must be a mapping, not a list"])
        #expect(m.problems.map(\.path) == ["spec.containers[0].livenessProbe"])
        #expect(m.manifests.first?.podSpec?.containers.first?.probes.isEmpty == true)
    }

    @Test(arguments: [
        ("Deployment", "spec:\n  template:\n    spec:\n      containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "spec.template.spec.containers[0].livenessProbe"),
        ("StatefulSet", "spec:\n  template:\n    spec:\n      containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "spec.template.spec.containers[0].livenessProbe"),
        ("Rollout", "spec:\n  template:\n    spec:\n      containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "spec.template.spec.containers[0].livenessProbe"),
        ("DeploymentConfig", "spec:\n  template:\n    spec:\n      containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "spec.template.spec.containers[0].livenessProbe"),
        // The core API's PodTemplate: a bare `template`, with no `spec` around it.
        ("PodTemplate", "template:\n  spec:\n    containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "template.spec.containers[0].livenessProbe"),
        ("CronJob", "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, livenessProbe: {exec: {command: [x]}}}]\n", "spec.jobTemplate.spec.template.spec.containers[0].livenessProbe"),
    ])
    func workloadKindsReachTheirPodTemplate(kind: String, spec: String, path: String) throws {
        let m = try manifests("kind: \(kind)\nmetadata: {name: w}\n" + spec)
        let probe = try #require(m.manifests.first?.podSpec?.containers.first?.probes.first)
        #expect(probe.path == path)
        #expect(probe.isFlow)
    }

    /// A workload's kind in another API group is a custom resource of that name: its pod
    /// template is not read. No `apiVersion` (absent, null or empty) leaves the kind to decide.
    @Test(arguments: [("apiVersion: apps/v1\n", true), ("apiVersion: extensions/v1beta1\n", true), ("", true),
                      ("apiVersion: ~\n", true), ("apiVersion: \"\"\n", true),
                      ("apiVersion: example.com/v1\n", false), ("apiVersion: v1\n", false), ("apiVersion: argoproj.io/v1alpha1\n", false)])
    func aDeploymentIsReadOnlyInItsOwnGroups(apiVersion: String, read: Bool) throws {
        let m = try manifests(apiVersion + "kind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers: [{name: a}]\n")
        #expect((m.manifests.first?.podSpec != nil) == read)
        #expect(m.manifests.first?.kind == "Deployment")
        #expect(m.problems.isEmpty)
    }

    /// A Rollout that takes its pod template from a Deployment (`workloadRef`) has none of
    /// its own to read: nothing is reported for it.
    @Test func rolloutWithAWorkloadRefHasNoPodSpec() throws {
        let rollout = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: r}
            spec:
              workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              strategy: {canary: {steps: [{setWeight: 20}]}}
            """
        let m = try manifests(rollout)
        #expect(m.manifests.map(\.kind) == ["Rollout"])
        #expect(m.manifests.first?.podSpec == nil)
        #expect(m.problems.isEmpty)
        let report = TestSupport.lint(rollout)
        #expect(report.findings.isEmpty && report.errors.isEmpty)
    }

    @Test func sidecarsAreInitContainersWithRestartPolicyAlways() throws {
        let m = try manifests("""
            kind: Pod
            metadata: {name: p}
            spec:
              initContainers:
              - name: init
              - name: proxy
                restartPolicy: Always
                livenessProbe: {tcpSocket: {port: 15000}}
              containers:
              - name: app
            """)
        let spec = try #require(m.manifests.first?.podSpec)
        #expect(spec.probedContainers.map(\.name) == ["proxy", "app"])
        #expect(spec.initContainers[1].isSidecar)
    }

    /// A List read as one document (YAML: a `---` line first; JSON, `kubectl get -o json`'s, is
    /// read as a stream of its items, `KubectlListTests`): its objects under `items[N].`.
    @Test func listKindAndMetadata() throws {
        let m = try manifests("""
            ---
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "a", "namespace": "n",
                "ownerReferences": [{"apiVersion": "ceph.rook.io/v1", "kind": "CephObjectStore", "name": "s", "controller": true}]},
               "spec": {"template": {"spec": {"containers": [{"name": "c"}]}}}},
              {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc"}}
            ]}
            """)
        #expect(m.manifests.map(\.kind) == ["Deployment", "Service"])
        #expect(m.manifests[0].pathPrefix == "items[0].")
        #expect(m.manifests[0].metadata.ownerReferences == [OwnerReference(apiVersion: "ceph.rook.io/v1", kind: "CephObjectStore", name: "s", controller: true)])
        #expect(m.manifests[0].podSpec?.path == "items[0].spec.template.spec")
    }
}

extension Field {
    var defaultedAt: Insertion? {
        if case .defaulted(_, let at) = self { return at }
        return nil
    }
}

/// Each object's model problems: those that start inside it, in the order they were found,
/// whatever order their places are in (an alias's text comes from elsewhere).
@Suite struct ObjectProblemsTests {
    static func at(_ offset: Int) -> SourceRange {
        SourceRange(start: SourcePosition(offset: offset, line: 1, column: offset + 1), end: SourcePosition(offset: offset + 1, line: 1, column: offset + 2))
    }

    @Test func problemsAreTheOnesInsideInTheOrderFound() {
        let offsets = [50, 5, 120, 60, 10, 100, 200]
        let problems = offsets.enumerated().map { ModelProblem(message: "p\($0.offset)", range: Self.at($0.element), path: "", object: nil) }
        var byStart: [Int]?
        let object = SourceRange(start: SourcePosition(offset: 10, line: 1, column: 11), end: SourcePosition(offset: 100, line: 1, column: 101))
        #expect(Linter.problems(of: object, problems, byStart: &byStart).map(\.message) == ["p0", "p3", "p4", "p5"])
        #expect(byStart != nil)
        // The same answer as a filter of every problem, for objects anywhere.
        for start in stride(from: 0, to: 220, by: 7) {
            let range = SourceRange(start: SourcePosition(offset: start, line: 1, column: 1), end: SourcePosition(offset: start + 40, line: 1, column: 1))
            let filtered = problems.filter { range.start.offset <= $0.range.start.offset && $0.range.start.offset <= range.end.offset }
            #expect(Linter.problems(of: range, problems, byStart: &byStart).map(\.message) == filtered.map(\.message))
        }
    }
}
