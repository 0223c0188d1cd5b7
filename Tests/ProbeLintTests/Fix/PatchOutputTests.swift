import Foundation
import Testing
@testable import ProbeLint

/// `-o patch`: strategic-merge patches that address containers by name, valid
/// JSON with the right paths, checked by the real kubectl (`patch --local`).
@Suite(.serialized) struct PatchOutputTests {
    static let rgw: String = {
        let text = (try? String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"), encoding: .utf8)) ?? ""
        guard let start = text.range(of: "  ownerReferences:\n"), let end = text.range(of: "blockOwnerDeletion: true\n") else { return text }
        return text.replacingCharacters(in: start.lowerBound..<end.upperBound, with: "")
    }()

    /// The `-p` argument of each `kubectl patch` line, and the lines.
    static func commands(_ output: String) -> [(line: Substring, patch: String)] {
        output.split(separator: "\n").filter { $0.hasPrefix("kubectl patch ") }.compactMap { line in
            guard let start = line.range(of: " -p '"), line.hasSuffix("'") else { return nil }
            return (line, String(line[start.upperBound..<line.index(before: line.endIndex)]))
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static var kubectl: URL? {
        ["/usr/bin/kubectl", "/usr/local/bin/kubectl"].map(URL.init(fileURLWithPath:))
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func strategicPatchAddressesTheContainerByName() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.rgw.write(to: dir.appendingPathComponent("rgw.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(FixRoundTripTests.exampleFlags + ["--select", "PL101,PL102", "-o", "patch", "rgw.yaml"], directory: dir)
        #expect(run.status == 1)
        #expect(try String(contentsOf: dir.appendingPathComponent("rgw.yaml"), encoding: .utf8) == Self.rgw, "-o patch writes nothing")
        let commands = Self.commands(run.stdout)
        try #require(commands.count == 1)
        #expect(commands[0].line.hasPrefix("kubectl patch deployment/rook-ceph-rgw-my-store-a -n rook-ceph --type=strategic -p '"))
        #expect(commands[0].patch == #"{"spec":{"template":{"spec":{"containers":[{"name":"rgw","livenessProbe":{"timeoutSeconds":3}}]}}}}"#)
        #expect(run.stdout.hasPrefix("# Deployment/rook-ceph/rook-ceph-rgw-my-store-a (rgw.yaml): livenessProbe timeoutSeconds 1 -> 3 [PL101, PL102]\n"))

        // The real kubectl applies it offline and changes only that field.
        let kubectl = try #require(Self.kubectl, "kubectl is not installed: scripts/setup says where to get it")
        let base = try TestSupport.run(["patch", "--local", "-f", "rgw.yaml", "--type=strategic", "-p", "{}", "-o", "json"],
                                       executable: kubectl, directory: dir)
        let patched = try TestSupport.run(["patch", "--local", "-f", "rgw.yaml", "--type=strategic", "-p", commands[0].patch, "-o", "json"],
                                          executable: kubectl, directory: dir)
        #expect(patched.status == 0, "\(patched.stderr)")
        let expected = base.stdout.replacingOccurrences(of: "\"timeoutSeconds\": 1", with: "\"timeoutSeconds\": 3")
        #expect(base.stdout.contains("\"timeoutSeconds\": 1"))
        #expect(patched.stdout == expected)
    }

    /// The core API's PodTemplate has its template at the top (`template.spec`, no `spec`
    /// around it): the strategic patch follows that path, and the real kubectl applies it.
    @Test func aPodTemplateIsPatchedAtItsTopLevelTemplate() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = """
            apiVersion: v1
            kind: PodTemplate
            metadata: {name: web, namespace: shop}
            template:
              metadata: {labels: {app: web}}
              spec:
                containers:
                  - name: sidecar
                    image: example/log:1
                  - name: web
                    image: example/web:1
                    livenessProbe:
                      httpGet: {path: /healthz, port: 8080}
                      timeoutSeconds: 1

            """
        try template.write(to: dir.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "-o", "patch", "t.yaml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let commands = Self.commands(run.stdout)
        try #require(commands.count == 1, "\(run.stdout)")
        #expect(commands[0].line.hasPrefix("kubectl patch podtemplate/web -n shop --type=strategic -p '"))
        #expect(commands[0].patch == #"{"template":{"spec":{"containers":[{"name":"web","livenessProbe":{"timeoutSeconds":3}}]}}}"#)

        let kubectl = try #require(Self.kubectl, "kubectl is not installed: scripts/setup says where to get it")
        let patched = try TestSupport.run(["patch", "--local", "-f", "t.yaml", "--type=strategic", "-p", commands[0].patch, "-o", "yaml"],
                                          executable: kubectl, directory: dir)
        #expect(patched.status == 0, "\(patched.stderr)")
        try patched.stdout.write(to: dir.appendingPathComponent("patched.yaml"), atomically: true, encoding: .utf8)
        let relint = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "patched.yaml"], directory: dir)
        #expect(relint.status == 0, "\(relint.stdout)")
    }

    /// One probe text reached through aliases (`&p`, `*p`) is a field at each path of the live
    /// object: the patch sets every use, not the first alone (which left container b and the
    /// readiness probe as they were). The real kubectl, applying it, leaves no PL101.
    @Test func anAliasedProbeIsPatchedAtEveryUse() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pod = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: a
                      image: x
                      livenessProbe: &p
                        httpGet: {path: /, port: 80}
                        timeoutSeconds: 1
                      readinessProbe: *p
                    - name: b
                      image: x
                      livenessProbe: *p

            """
        try pod.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--loaded-latency-p99", "3s", "--select", "PL101", "-o", "patch", "pod.yaml"], directory: dir)
        let commands = Self.commands(run.stdout)
        try #require(commands.count == 1)
        // The header says each change once, though it is set at three paths.
        let header = run.stdout.split(separator: "\n").first { $0.hasPrefix("# Deployment/web") } ?? ""
        #expect(header.components(separatedBy: "livenessProbe timeoutSeconds 1 -> 6").count == 2, "\(header)")
        #expect(header.hasSuffix("livenessProbe timeoutSeconds 1 -> 6 [PL101] (containers a, b); readinessProbe timeoutSeconds 1 -> 6 [PL101] (container a)"), "\(header)")
        #expect(commands[0].patch == #"{"spec":{"template":{"spec":{"containers":[{"name":"a","livenessProbe":{"timeoutSeconds":6},"readinessProbe":{"timeoutSeconds":6}},{"name":"b","livenessProbe":{"timeoutSeconds":6}}]}}}}"#)
        let kubectl = try #require(Self.kubectl, "kubectl is not installed: scripts/setup says where to get it")
        let patched = try TestSupport.run(["patch", "--local", "-f", "pod.yaml", "--type=strategic", "-p", commands[0].patch, "-o", "yaml"],
                                          executable: kubectl, directory: dir)
        #expect(patched.status == 0, "\(patched.stderr)")
        let after = try TestSupport.run(["--loaded-latency-p99", "3s", "--select", "PL101", "-f", "-"], stdin: patched.stdout)
        #expect(after.status == 0, "\(after.stdout)")
    }

    /// A strategic merge keeps the patch's order of a list merged by name: the containers are
    /// in the object's order, though the first one's fix is display-only (a flow mapping) and
    /// the second's is written; in the other order the patch reordered the live containers.
    @Test func containersAreInTheObjectsOrder() throws {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: order}
            spec:
              template:
                spec:
                  initContainers:
                  - name: vault-agent
                    image: vault
                    restartPolicy: Always
                    livenessProbe: {httpGet: {path: /, port: 8200}}
                  - name: proxy
                    image: envoy
                    restartPolicy: Always
                    livenessProbe:
                      httpGet: {path: /, port: 9901}
                      timeoutSeconds: 1
                  containers:
                  - {name: app, image: nginx}

            """
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try yaml.write(to: dir.appendingPathComponent("order.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--latency-p99", "2s", "--select", "PL101", "-o", "patch", "order.yaml"], directory: dir)
        let patch = try Self.json(try #require(Self.commands(run.stdout).first).patch)
        let spec = ((patch["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        let names = (spec?["initContainers"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["vault-agent", "proxy"], "\(run.stdout)")
        // The comment says which container each change is in: both are a livenessProbe's timeout.
        let comment = try #require(run.stdout.split(separator: "\n").first)
        #expect(comment.hasSuffix("livenessProbe timeoutSeconds 1 -> 4 [PL101] (container proxy); livenessProbe timeoutSeconds 1 (default) -> 4 [PL101] (container vault-agent)"), "\(comment)")
    }

    /// A threshold computed with the timing the patch changes is left out, with why: `--fix`
    /// computes it again once it wrote the timeout, but the period it cannot write into JSON
    /// never reached its model, and the patch's threshold broke the detection budget (PL104)
    /// once applied. With every field written (as kubectl get prints it), it is in the patch.
    @Test func aThresholdComputedWithTimingThePatchChangesIsHeld() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = { (probe: String) in
            #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "al3"}, "spec": {"template": {"spec": {"containers": [{"image": "nginx", "livenessProbe": {"httpGet": {"path": "/", "port": 80}, "#
                + probe + #"}, "name": "web"}]}}}}"# + "\n"
        }
        try object(#""timeoutSeconds": 1"#).write(to: dir.appendingPathComponent("sparse.json"), atomically: true, encoding: .utf8)
        try object(#""timeoutSeconds": 1, "periodSeconds": 10, "failureThreshold": 3"#).write(to: dir.appendingPathComponent("full.json"), atomically: true, encoding: .utf8)
        let flags = ["--latency-p99", "10s", "--startup-time", "200s", "-o", "patch"]
        let sparse = try TestSupport.run(flags + ["sparse.json"], directory: dir)
        let patch = try Self.json(try #require(Self.commands(sparse.stdout).first).patch)
        let probe = ((((patch["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?["livenessProbe"] as? [String: Any]
        #expect(probe?["timeoutSeconds"] as? Int == 20 && probe?["periodSeconds"] as? Int == 20, "\(sparse.stdout)")
        #expect(probe?["failureThreshold"] == nil, "\(sparse.stdout)")
        #expect(sparse.stdout.contains("failureThreshold 3 (default) -> 21 [PL105] is not in the patch: it was computed with the timeoutSeconds and periodSeconds that the patch changes"), "\(sparse.stdout)")
        // Where the patch changes the timeout alone, the comment names the timeout alone (it said
        // "the timeoutSeconds and periodSeconds that the patch changes" of every held threshold).
        let probes = #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"}, "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx", "ports": [{"containerPort": 8080}], "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "timeoutSeconds": 1, "periodSeconds": 10}, "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080}, "timeoutSeconds": 1, "periodSeconds": 10}}]}}}}"#
        try (probes + "\n").write(to: dir.appendingPathComponent("timeout.json"), atomically: true, encoding: .utf8)
        let timeout = try TestSupport.run(["--bandwidth", "10MB/s", "--largest-transfer", "700MB", "--loaded-latency-p99", "1.5s", "-o", "patch", "timeout.json"], directory: dir)
        #expect(timeout.stdout.contains("failureThreshold 3 (default) -> 5 [PL201] is not in the patch: it was computed with the timeoutSeconds that the patch changes; lint again once the patch is applied"), "\(timeout.stdout)")
        let full = try TestSupport.run(flags + ["full.json"], directory: dir)
        #expect(try Self.json(try #require(Self.commands(full.stdout).first).patch).description.contains("failureThreshold"), "\(full.stdout)")
        #expect(!full.stdout.contains("is not in the patch"))
    }

    /// A Pod's probes and a Job's pod template cannot change: their commands are shown commented
    /// out, with why; a CronJob's job template can, and its command runs.
    @Test func podsAndJobsAreNotPatched() throws {
        let probe = "livenessProbe:\n  httpGet: {path: /, port: 80}\n  timeoutSeconds: 1"
        func indented(_ text: String, _ n: Int) -> String { text.split(separator: "\n").map { String(repeating: " ", count: n) + $0 }.joined(separator: "\n") }
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: pod1}\nspec:\n  containers:\n  - name: web\n    image: nginx\n" + indented(probe, 4)
            + "\n---\napiVersion: batch/v1\nkind: Job\nmetadata: {name: job1}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: web\n        image: nginx\n" + indented(probe, 8)
            + "\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj1}\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n          - name: web\n            image: nginx\n" + indented(probe, 12) + "\n"
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try yaml.write(to: dir.appendingPathComponent("kinds.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--latency-p99", "2s", "--select", "PL101", "-o", "patch", "kinds.yaml"], directory: dir)
        #expect(Self.commands(run.stdout).map { $0.line.prefix(28) } == ["kubectl patch cronjob/cj1 --"], "\(run.stdout)")
        #expect(run.stdout.contains("# not patchable: a Pod's probes cannot change once it exists"), "\(run.stdout)")
        #expect(run.stdout.contains("# not patchable: a Job's pod template cannot change (spec.template is immutable)"), "\(run.stdout)")
        #expect(run.stdout.contains("# kubectl patch pod/pod1 ") && run.stdout.contains("# kubectl patch job/job1 "), "\(run.stdout)")
    }

    /// A ReplicationController's or a bare ReplicaSet's running pods keep their probes when the
    /// template changes (no rollout replaces them): the command runs, after a line that says so.
    /// A Deployment's rolls, and gets no such line.
    @Test func controllersThatDoNotRollSayTheirPodsKeepTheOldProbes() throws {
        func object(_ apiVersion: String, _ kind: String) -> String {
            "apiVersion: \(apiVersion)\nkind: \(kind)\nmetadata: {name: x}\nspec:\n  selector: {app: x}\n  template:\n    metadata: {labels: {app: x}}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        livenessProbe: {httpGet: {path: /, port: 80}, timeoutSeconds: 1}\n"
        }
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = [object("v1", "ReplicationController"), object("apps/v1", "ReplicaSet"), object("apps/v1", "Deployment")].joined(separator: "---\n")
        try yaml.write(to: dir.appendingPathComponent("rc.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--latency-p99", "2s", "--select", "PL101", "-o", "patch", "rc.yaml"], directory: dir)
        #expect(Self.commands(run.stdout).map { String($0.line.prefix(40)) } == ["kubectl patch replicationcontroller/x --", "kubectl patch replicaset/x --type=strate", "kubectl patch deployment/x --type=strate"], "\(run.stdout)")
        let notes = run.stdout.split(separator: "\n").filter { $0.contains("running pods keep the old probes") }
        #expect(notes.map(String.init) == ["ReplicationController", "ReplicaSet"].map {
            "# the \($0)'s running pods keep the old probes until deleted (no rollout replaces them): delete them one at a time, by its selector; their replacements get the patch"
        }, "\(run.stdout)")
        // A StatefulSet or DaemonSet with updateStrategy OnDelete likewise; one that rolls does not.
        func workload(_ kind: String, _ strategy: String) -> String {
            object("apps/v1", kind).replacingOccurrences(of: "metadata: {name: x}\nspec:\n", with: "metadata: {name: \(kind.lowercased())}\nspec:\n" + strategy)
        }
        let sets = [workload("StatefulSet", "  updateStrategy: {type: OnDelete}\n"), workload("DaemonSet", "  updateStrategy:\n    type: OnDelete\n"),
                    workload("StatefulSet", "  updateStrategy: {type: RollingUpdate}\n").replacingOccurrences(of: "name: statefulset", with: "name: rolling")]
        try sets.joined(separator: "---\n").write(to: dir.appendingPathComponent("sets.yaml"), atomically: true, encoding: .utf8)
        let onDelete = try TestSupport.run(["--latency-p99", "2s", "--select", "PL101", "-o", "patch", "sets.yaml"], directory: dir)
        #expect(Self.commands(onDelete.stdout).count == 3, "\(onDelete.stdout)")
        let lines = onDelete.stdout.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("running pods keep the old probes") } == ["StatefulSet", "DaemonSet"].map {
            "# the \($0)'s running pods keep the old probes until deleted (updateStrategy OnDelete): delete them one at a time, by its selector; their replacements get the patch"
        }, "\(onDelete.stdout)")
    }

    /// A JSON object without the key a fix sets: `--fix` cannot insert it and says so ("or use
    /// -o patch"); `-o patch` patches it and does not say "not fixed" beside the patch.
    @Test func aJSONKeyToInsertIsPatchedNotReportedAsNotFixed() throws {
        let json = """
            {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "shop"},
             "spec": {"template": {"spec": {"containers": [{"name": "web", "image": "nginx",
               "livenessProbe": {"httpGet": {"path": "/", "port": 8080}},
               "readinessProbe": {"httpGet": {"path": "/", "port": 8080}}}]}}}}

            """
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try json.write(to: dir.appendingPathComponent("web.json"), atomically: true, encoding: .utf8)
        let patch = try TestSupport.run(["--select", "PL201", "-o", "patch", "web.json"], directory: dir)
        #expect(Self.commands(patch.stdout).count == 1, "\(patch.stdout)")
        #expect(patch.stdout.contains(#""livenessProbe":{"failureThreshold":5}"#), "\(patch.stdout)")
        #expect(!patch.stderr.contains("not fixed"), "\(patch.stderr)")
        let diff = try TestSupport.run(["--select", "PL201", "--diff", "web.json"], directory: dir)
        #expect(diff.stdout.isEmpty)
        #expect(diff.stderr.contains("not fixed (display only): livenessProbe failureThreshold 3 (default) -> 5 [PL201]: JSON input"), "\(diff.stderr)")
    }

    @Test func liveClusterListAsJSON() throws {
        // As `kubectl get deploy -o json` prints it: every default written, the probed container second.
        let list = """
            {"apiVersion": "v1", "kind": "List", "items": [
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "quiet", "namespace": "a"},
               "spec": {"template": {"spec": {"containers": [{"name": "q", "image": "nginx"}]}}}},
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "namespace": "b"},
               "spec": {"template": {"spec": {"terminationGracePeriodSeconds": 30, "containers": [
                 {"name": "side", "image": "envoy"},
                 {"name": "app", "image": "nginx", "livenessProbe": {"httpGet": {"path": "/", "port": 80},
                  "timeoutSeconds": 1, "periodSeconds": 10, "failureThreshold": 3, "successThreshold": 1, "initialDelaySeconds": 0},
                  "readinessProbe": {"tcpSocket": {"port": 80}, "timeoutSeconds": 1, "periodSeconds": 10,
                  "failureThreshold": 3, "successThreshold": 1, "initialDelaySeconds": 0}}]}}}}
            ]}

            """
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try list.write(to: dir.appendingPathComponent("live.json"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(FixSupport.cliFlags + ["-o", "patch", "live.json"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let commands = Self.commands(run.stdout)
        try #require(commands.count == 1)
        #expect(commands[0].line.hasPrefix("kubectl patch deployment/web -n b --type=strategic -p '"))
        let patch = try Self.json(commands[0].patch)
        let spec = ((patch["spec"] as? [String: Any])?["template"] as? [String: Any])?["spec"] as? [String: Any]
        let containers = try #require(spec?["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        #expect(containers.first?["name"] as? String == "app")
        #expect((containers.first?["livenessProbe"] as? [String: Any])?["timeoutSeconds"] as? Int == 3)
        #expect((containers.first?["readinessProbe"] as? [String: Any])?["timeoutSeconds"] as? Int == 3)
        #expect(Set(containers.first?.keys.map { $0 } ?? []) == ["name", "livenessProbe", "readinessProbe"])
    }

    @Test func rookGeneratedObjectsGetACommentedPatch() throws {
        let run = try TestSupport.run(FixRoundTripTests.exampleFlags + ["--rook-version", "v1.20", "-o", "patch", "examples/rgw-incident.yaml"])
        #expect(run.status == 1)
        #expect(Self.commands(run.stdout).isEmpty)
        // Rook v1.20 generates no RGW liveness probe: nothing to change in the CR either (PL301).
        #expect(run.stdout.contains("# generated by Rook from CephObjectStore my-store: the operator reverts this patch; Rook v1.20 generates no livenessProbe for rgw and removes this one (PL301): nothing to change\n# kubectl patch deployment/rook-ceph-rgw-my-store-a -n rook-ceph --type=strategic -p '"))
        // A version that generates it: the change belongs in the CR.
        let v110 = try TestSupport.run(FixRoundTripTests.exampleFlags + ["--rook-version", "v1.10", "-o", "patch", "examples/rgw-incident.yaml"])
        #expect(v110.stdout.contains("# generated by Rook from CephObjectStore my-store: the operator reverts this patch; set spec.healthCheck.livenessProbe.probe.timeoutSeconds in CephObjectStore my-store\n# kubectl patch deployment/rook-ceph-rgw-my-store-a -n rook-ceph --type=strategic -p '"), "\(v110.stdout)")
        // The report's fix line says the same (it showed a fix as if there were something to do).
        let text = try TestSupport.run(FixRoundTripTests.exampleFlags + ["--rook-version", "v1.20", "examples/rgw-incident.yaml"])
        let removed = "nothing to change: Rook v1.20 generates no livenessProbe for rgw and removes this one (PL301)\n"
        #expect(text.stdout.contains("fix (display only): timeoutSeconds 1 -> 3: ceil(2 * L99load 1.08 s) = 3; W_max becomes 33 s; " + removed))
        let older = try TestSupport.run(FixRoundTripTests.exampleFlags + ["--rook-version", "v1.10", "examples/rgw-incident.yaml"])
        #expect(!older.stdout.contains("nothing to change"))
        // With no version named, the example's Ceph v14.2.2 models Rook v1.2.x, which generates
        // it and reads no timing from the CR (it said "change the CephObjectStore").
        let unnamed = try TestSupport.run(FixRoundTripTests.exampleFlags + ["-o", "patch", "examples/rgw-incident.yaml"])
        #expect(unnamed.stdout.contains("# generated by Rook from CephObjectStore my-store: the operator reverts this patch; Rook v1.2.x reads no probe timing from CephObjectStore my-store: set spec.healthCheck.livenessProbe.probe.timeoutSeconds there once you run Rook v1.6.0 to v1.10 (v1.11.0 and later generate no livenessProbe for rgw)\n"), "\(unnamed.stdout)")
    }

    /// Rook before v1.6 reads no probe timing from its CR: the merge patch of the CR's health
    /// check would change nothing, so it is printed commented out, with why; from v1.6 it runs.
    @Test func rookBeforeTimingOverridesGetsACommentedPatch() throws {
        let cluster = TestSupport.corpus.appendingPathComponent("rook-v1.1.0/cluster-minimal.yaml").path
        let old = try TestSupport.run(["--loaded-latency-p99", "5s", "--rook-version", "v1.5", "-o", "patch", cluster])
        #expect(Self.commands(old.stdout).isEmpty, "\(old.stdout)")
        #expect(old.stdout.contains("\n# Rook v1.5 reads no probe timing from the CR (v1.6.0 and later do): this patch changes nothing until the operator is upgraded\n# kubectl patch cephcluster/rook-ceph -n rook-ceph --type=merge -p '{\"spec\":{\"healthCheck\":"), "\(old.stdout)")
        let current = try TestSupport.run(["--loaded-latency-p99", "5s", "--rook-version", "v1.6", "-o", "patch", cluster])
        #expect(Self.commands(current.stdout).map(\.line.description).allSatisfy { $0.hasPrefix("kubectl patch cephcluster/rook-ceph -n rook-ceph --type=merge -p '{\"spec\":{\"healthCheck\":") })
        #expect(Self.commands(current.stdout).count == 1 && !current.stdout.contains("reads no probe timing"), "\(current.stdout)")
    }

    /// Strategic merge is Kubernetes' own: a Rollout is a custom resource, which takes no
    /// strategic merge patch, and a DeploymentConfig is left out as well. Their containers
    /// get a JSON patch by index, guarded by a test of the container's name: the real
    /// kubectl (`patch --local`, no cluster) applies it to the file, and refuses it as a
    /// whole when the containers are ordered otherwise.
    @Test(arguments: PodTemplateKindFixTests.kinds)
    func rolloutsAndDeploymentConfigsGetAGuardedJSONPatch(apiVersion: String, kind: String) throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = PodTemplateKindFixTests.workload(apiVersion: apiVersion, kind: kind)
        try manifest.write(to: dir.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "-o", "patch", "web.yaml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let patch = #"[{"op":"test","path":"/spec/template/spec/containers/0/name","value":"web"},"#
            + #"{"op":"add","path":"/spec/template/spec/containers/0/livenessProbe/timeoutSeconds","value":3}]"#
        #expect(run.stdout == "# \(kind)/shop/web (web.yaml): livenessProbe timeoutSeconds 1 -> 3 [PL101]\n"
            + "kubectl patch \(kind.lowercased())/web -n shop --type=json -p '\(patch)'\n\n")
        let printed = try #require(Self.commands(run.stdout).first?.patch)
        func kubectlPatch(_ file: String) throws -> TestSupport.Run {
            try TestSupport.run(["patch", "--local", "-f", file, "--type=json", "-p", printed, "-o", "json"],
                                executable: KubectlPluginTests.kubectl, directory: dir)
        }
        let applied = try kubectlPatch("web.yaml")
        #expect(applied.status == 0, "\(applied.stderr)")
        let containers = try #require(((Self.json(applied.stdout)["spec"] as? [String: Any])?["template"] as? [String: Any])
            .flatMap { ($0["spec"] as? [String: Any])?["containers"] as? [[String: Any]] })
        #expect((containers.first?["livenessProbe"] as? [String: Any])?["timeoutSeconds"] as? Int == 3)
        // The same patch on an object whose first container is another: refused, nothing changed.
        let reordered = manifest.replacingOccurrences(of: "      containers:\n", with: "      containers:\n        - {name: proxy, image: envoy}\n")
        try reordered.write(to: dir.appendingPathComponent("reordered.yaml"), atomically: true, encoding: .utf8)
        let refused = try kubectlPatch("reordered.yaml")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("testing value /spec/template/spec/containers/0/name failed"), "\(refused.stderr)")
    }

    /// JSON Pointer tokens escape `~` and `/` (RFC 6901); a list that is not of named
    /// containers cannot be addressed.
    @Test func indexedPatchesEscapeKeysAndRefuseOtherLists() {
        #expect(PatchReporter.pointerToken("a/b~c") == "a~1b~0c")
        func field(_ path: String, container: String?) -> PlannedField {
            PlannedField(file: "f.yaml", document: 0, path: path, object: ObjectRef(kind: "Rollout", namespace: "shop", name: "web", container: container),
                         current: .written(1, key: SourceRange(point: .start), value: SourceRange(point: .start)), value: 4,
                         rules: ["PL101"], reasons: [], applicability: .safe, why: nil, edit: nil, position: .start, managedBy: nil)
        }
        #expect(PatchReporter.indexedPatch([field("spec.template.spec.volumes[0].x", container: "web")]) == nil)
        // The report names the field that cannot be addressed, as for any other kind.
        let refused = PatchReporter.report([field("spec.template.spec.containers[0].livenessProbe.timeoutSeconds", container: "web"),
                                            field("spec.template.spec.volumes[0].x", container: "web")])
        #expect(refused.hasSuffix("# not patchable: spec.template.spec.volumes[0].x is inside a list that a patch cannot address by name\n\n"))
        #expect(!refused.contains("kubectl patch"))
        #expect(PatchReporter.indexedPatch([field("spec.template.spec.containers[0].livenessProbe.timeoutSeconds", container: nil)]) == nil)
        let two = PatchReporter.indexedPatch([field("spec.template.spec.initContainers[1].startupProbe.periodSeconds", container: "warm"),
                                              field("spec.template.spec.initContainers[1].startupProbe.failureThreshold", container: "warm")])
        #expect(two?.serialized(pretty: false) == #"[{"op":"test","path":"/spec/template/spec/initContainers/1/name","value":"warm"},"#
            + #"{"op":"add","path":"/spec/template/spec/initContainers/1/startupProbe/periodSeconds","value":4},"#
            + #"{"op":"add","path":"/spec/template/spec/initContainers/1/startupProbe/failureThreshold","value":4}]"#)
    }

    @Test func customResourcesGetAMergePatchAndListsElsewhereAreRefused() {
        func field(_ path: String, kind: String, container: String? = nil) -> PlannedField {
            PlannedField(file: "f.yaml", document: 0, path: path, object: ObjectRef(kind: kind, namespace: "rook-ceph", name: "s", container: container),
                         current: .written(1, key: SourceRange(point: .start), value: SourceRange(point: .start)), value: 4,
                         rules: ["PL101"], reasons: [], applicability: .safe, why: nil, edit: nil, position: .start, managedBy: nil)
        }
        let cr = PatchReporter.report([field("spec.healthCheck.startupProbe.probe.timeoutSeconds", kind: "CephObjectStore")])
        #expect(cr.contains(#"kubectl patch cephobjectstore/s -n rook-ceph --type=merge -p '{"spec":{"healthCheck":{"startupProbe":{"probe":{"timeoutSeconds":4}}}}}'"#))
        let listed = PatchReporter.report([field("spec.gateway.probes[0].timeoutSeconds", kind: "CephObjectStore")])
        #expect(listed.contains("# not patchable: spec.gateway.probes[0].timeoutSeconds is inside a list that a patch cannot address by name"))
        #expect(PatchReporter.shellQuote("it's") == #"'it'\''s'"#)
    }

    /// A name, namespace or file name from the input cannot run a command when the output is
    /// piped to a shell: a POSIX shell, with `kubectl` a function that prints its arguments,
    /// runs the whole report and sees one call with the names as single arguments, or, for a
    /// name with a line break or another control character (which Kubernetes refuses in a
    /// name), no call: the command is a comment, escaped, whatever else comments it (a Pod's
    /// probes cannot be patched: its commented command ended at the line break, and the rest ran).
    @Test(arguments: [("Deployment", "x; touch pwned #", "ns"), ("Deployment", "web", "a b$(touch pwned)"),
                      ("Deployment", "it's\nrm -rf x", "`touch pwned`"), ("Deployment", "plain-name.v1", "rook-ceph"),
                      ("Pod", "x\ntouch pwned #", "ns"), ("Deployment", "web", "rook\ntouch pwned #"),
                      ("Deployment", "x\u{1B}[2Ky\u{202E}z", "ns")])
    func namesFromTheInputStayOneShellWord(kind: String, name: String, namespace: String) throws {
        let path = kind == "Pod" ? "spec.containers[0].livenessProbe.timeoutSeconds" : "spec.template.spec.containers[0].livenessProbe.timeoutSeconds"
        let field = PlannedField(file: "dir\n touch pwned/f.yaml", document: 0, path: path,
                                 object: ObjectRef(kind: kind, namespace: namespace, name: name, container: "c'; touch pwned"),
                                 current: .written(1, key: SourceRange(point: .start), value: SourceRange(point: .start)), value: 3,
                                 rules: ["PL101"], reasons: [], applicability: .safe, why: nil, edit: nil, position: .start, managedBy: nil)
        let report = PatchReporter.report([field])
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = #"kubectl() { for a in "$@"; do printf '%s\0' "$a"; done; }"# + "\n" + report
        let run = try TestSupport.run(["-c", script], executable: URL(fileURLWithPath: "/bin/sh"), directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("pwned").path), "\(report)")
        // Every line is a comment or the one command: no control character reaches the terminal.
        #expect(report.unicodeScalars.allSatisfy { $0 == "\n" || !TerminalText.isUnsafe($0) }, "\(report)")
        let arguments = run.stdout.split(separator: "\0", omittingEmptySubsequences: false).dropLast().map(String.init)
        let runnable = kind != "Pod" && TerminalText.escape(name + namespace) == name + namespace
        if runnable {
            #expect(arguments == ["patch", "deployment/\(name)", "-n", namespace, "--type=strategic", "-p",
                                  #"{"spec":{"template":{"spec":{"containers":[{"name":"c'; touch pwned","livenessProbe":{"timeoutSeconds":3}}]}}}}"#])
        } else {
            #expect(arguments.isEmpty, "\(report)")
            #expect(report.split(separator: "\n").allSatisfy { $0.hasPrefix("# ") }, "\(report)")
        }
        if name == "plain-name.v1" { #expect(report.contains("kubectl patch deployment/plain-name.v1 -n rook-ceph --type=")) }
    }
}
