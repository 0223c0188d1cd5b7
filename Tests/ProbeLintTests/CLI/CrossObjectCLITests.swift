import Foundation
import Testing
@testable import ProbeLint

/// PL205 through the built binary: the Service and the workload in different files of one run.
@Suite struct CrossObjectCLITests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
                - name: web
                  image: example/web:1
                  livenessProbe: {httpGet: {path: /healthz, port: 8080}, failureThreshold: 6}

        """
    static let service = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n"

    func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-xobj-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(Self.deployment.utf8).write(to: dir.appendingPathComponent("deploy.yaml"))
        try Data(Self.service.utf8).write(to: dir.appendingPathComponent("svc.yaml"))
        return dir
    }

    @Test func serviceInAnotherFileOfTheRun() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TestSupport.run(["--fail-on", "info", "-f", dir.path])
        #expect(r.status == 1)
        let headers = r.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(headers == ["\(dir.path)/deploy.yaml:11:17: info: container web has no readinessProbe, but a Service selects the pod: it gets traffic before it can serve and while it is overloaded [PL205]"])
        #expect(r.stdout.contains("  input: selected by Service web (\(dir.path)/svc.yaml:1) with selector app=web\n"))
    }

    @Test func workloadAloneHasNoFinding() throws {
        let dir = try directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try TestSupport.run(["--fail-on", "info", dir.appendingPathComponent("deploy.yaml").path])
        #expect(r.stdout.isEmpty)
        #expect(r.status == 0)
    }
}

/// Two rook-ceph-operator images of different releases in one run (Rook v1.1.0's and v1.20.6's
/// examples): the run models one release, and says so on stderr and in the machine-readable
/// reports. The v1.1 RGW incident's findings were gone without a word.
@Suite struct OperatorConflictCLITests {
    /// Two rook-config-override ConfigMaps of one namespace with other settings: the first of
    /// the run is read, and a warning at the other says so, whichever order the files come in;
    /// the same settings twice (a copy) are no conflict.
    @Test func aSecondConfigOverrideIsAWarning() throws {
        let dir = try OutputSupport.temporaryDirectory("config-override")
        let big = dir.appendingPathComponent("big.yaml"), small = dir.appendingPathComponent("small.yaml")
        try TestSupport.rookConfigOverride("[mds]\nmds_cache_memory_limit = 8589934592\n").write(to: big, atomically: true, encoding: .utf8)
        try TestSupport.rookConfigOverride("[mds]\nmds_cache_memory_limit = 1073741824\n").write(to: small, atomically: true, encoding: .utf8)
        let mds = TestSupport.packageRoot.appendingPathComponent("examples/mds-incident.yaml").path
        for (first, second) in [(big.path, small.path), (small.path, big.path)] {
            let r = try TestSupport.run(["--select", "PL302", mds, first, second])
            let warnings = r.stderr.split(separator: "\n").filter { $0.contains("is given again") }
            #expect(warnings == ["\(second):1:1: warning: ConfigMap rook-config-override in namespace rook-ceph is given again with other settings: this one is not read, the one at \(first):1:1 is (the first of the run), so the findings depend on the order of the files; keep one, or lint each cluster in a run of its own"], "\(r.stderr)")
            // The first is the one read: 8 GiB of cache in an 8 GiB limit is PL302's error, 1 GiB is none.
            #expect(r.stdout.contains("[PL302]") == (first == big.path), "\(r.stdout)")
            let json = try TestSupport.run(["-o", "json", "--select", "PL302", mds, first, second])
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            let listed = (report["inputWarnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
            #expect(listed.contains { $0.hasPrefix("ConfigMap rook-config-override in namespace rook-ceph is given again") }, "\(json.stdout.prefix(2000))")
        }
        let copy = dir.appendingPathComponent("copy.yaml")
        try FileManager.default.copyItem(at: big, to: copy)
        let same = try TestSupport.run(["--select", "PL302", mds, big.path, copy.path])
        #expect(!same.stderr.contains("is given again"), "\(same.stderr)")
    }

    /// The same Rook CR in two clusters' folders with other probe settings: the first of the
    /// run is what PL301 reads for the Deployment it generates, and a warning at the other says
    /// so (the findings depended on the order of the files without a word); a copy is none,
    /// whether in one file or two.
    @Test func aSecondRookCRWithOtherSettingsIsAWarning() throws {
        let dir = try OutputSupport.temporaryDirectory("cr-twice")
        defer { try? FileManager.default.removeItem(at: dir) }
        func store(_ timeout: Int) -> String {
            "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: my-store, namespace: rook-ceph}\n"
                + "spec:\n  gateway: {port: 80}\n  healthCheck:\n    livenessProbe:\n      probe:\n        timeoutSeconds: \(timeout)\n"
        }
        let a = dir.appendingPathComponent("a.yaml"), b = dir.appendingPathComponent("b.yaml"), copy = dir.appendingPathComponent("copy.yaml")
        try store(4).write(to: a, atomically: true, encoding: .utf8)
        try store(1).write(to: b, atomically: true, encoding: .utf8)
        try store(4).write(to: copy, atomically: true, encoding: .utf8)
        // The RGW incident's Deployment, which my-store owns: PL301 reads the CR for it.
        let rgw = TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml").path
        for (first, second) in [(a.path, b.path), (b.path, a.path)] {
            let r = try TestSupport.run(["--select", "PL301", first, second, rgw])
            let warnings = r.stderr.split(separator: "\n").filter { $0.contains("is given again") }
            #expect(warnings == ["\(second):1:1: warning: CephObjectStore rook-ceph/my-store is given again with other probe settings: this one is not read, the one at \(first):1:1 is (the first of the run), so the findings that read it depend on the order of the files; keep one, or lint each cluster in a run of its own"], "\(r.stderr)")
        }
        let same = try TestSupport.run(["--select", "PL301", a.path, copy.path, rgw])
        #expect(!same.stderr.contains("is given again"), "\(same.stderr)")
        // Without an object that a CR generates, nothing reads the CR by its name: no word.
        #expect(!(try TestSupport.run(["--select", "PL301", a.path, b.path])).stderr.contains("is given again"))
        // Two documents of one file: the second is the warning's.
        let both = dir.appendingPathComponent("both.yaml")
        try (store(4) + "---\n" + store(1)).write(to: both, atomically: true, encoding: .utf8)
        let one = try TestSupport.run(["--select", "PL301", both.path, rgw])
        #expect(one.stderr.contains("\(both.path):11:1: warning: CephObjectStore rook-ceph/my-store is given again"), "\(one.stderr)")
        // The CephCluster whose MDS probes a CephFilesystem reads before Rook v1.9: the same.
        func cluster(_ timeout: Int) -> String {
            "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\n"
                + "spec:\n  healthCheck:\n    livenessProbe:\n      mds:\n        probe:\n          timeoutSeconds: \(timeout)\n"
        }
        let c1 = dir.appendingPathComponent("c1.yaml"), c2 = dir.appendingPathComponent("c2.yaml"), fs = dir.appendingPathComponent("fs.yaml")
        try cluster(2).write(to: c1, atomically: true, encoding: .utf8)
        try cluster(20).write(to: c2, atomically: true, encoding: .utf8)
        try "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: myfs, namespace: rook-ceph}\nspec: {metadataServer: {activeCount: 1}}\n"
            .write(to: fs, atomically: true, encoding: .utf8)
        let mds = try TestSupport.run(["--select", "PL101", "--rook-version", "v1.8.10", c1.path, c2.path, fs.path])
        #expect(mds.stderr.contains("\(c2.path):1:1: warning: CephCluster rook-ceph/rook-ceph is given again with other probe settings"), "\(mds.stderr)")
    }

    @Test func disagreeingOperatorImagesAreAWarning() throws {
        let corpus = TestSupport.corpus
        let old = corpus.appendingPathComponent("rook-v1.1.0/operator.yaml").path
        let new = corpus.appendingPathComponent("rook-v1.20.6/operator.yaml").path
        let r = try TestSupport.run(["-f", old, "-f", new])
        let warnings = r.stderr.split(separator: "\n").filter { $0.contains("images disagree") }
        #expect(warnings.count == 1, "\(r.stderr)")
        #expect(warnings.first?.hasPrefix("\(new):") == true)
        #expect(warnings.first?.contains(": warning: the run's rook-ceph-operator images disagree (v1.1.0 from the image rook/ceph:v1.1.0") == true)
        let json = try TestSupport.run(["-o", "json", "-f", old, "-f", new])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let listed = (report["inputWarnings"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String }
        #expect(listed.contains { $0.hasPrefix("the run's rook-ceph-operator images disagree") }, "\(json.stdout.prefix(2000))")
        // Named, the release is the user's choice: no warning.
        let chosen = try TestSupport.run(["--rook-version", "v1.1", "-f", old, "-f", new])
        #expect(!chosen.stderr.contains("images disagree"))
        // A line whose probes changed at a patch release, given without the patch: a warning on
        // stderr, the exit code the findings'.
        let line = try TestSupport.run(["--rook-version", "v1.8", "-f", old])
        #expect(line.stderr.contains("warning: --rook-version v1.8 is read as v1.8.0, the first release of its line"), "\(line.stderr)")
        #expect(line.status == chosen.status)
        // One that is no release, or older than the oldest modelled, is a usage error with the
        // usage line, as any other flag's bad value is, before any file is read.
        for (value, message) in [("banana", "Error: --rook-version 'banana' is not a Rook version such as v1.20, v1.11.3 or v1.9.x\n"),
                                 ("v1.0", "Error: --rook-version 'v1.0' is older than \(RookVersion.oldest), the oldest Rook release probelint models")] {
            let refused = try TestSupport.run(["--rook-version", value, "-f", old])
            #expect(refused.status == 2 && refused.stdout.isEmpty, "\(refused.stderr)")
            #expect(refused.stderr.hasPrefix(message) && refused.stderr.contains("Usage: kubectl probelint"), "\(refused.stderr)")
        }
        // So is an empty --config= (an unset variable): its error named no file.
        let empty = try TestSupport.run(["--config=", "-f", old])
        #expect(empty.status == 2 && empty.stdout.isEmpty, "\(empty.stderr)")
        #expect(empty.stderr.hasPrefix("Error: --config is empty: give the path of a config file such as .probelint.yaml\n"), "\(empty.stderr)")
    }

    /// A `.probelint.yaml` found beside the files that names a Rook before v1.9 (which sets the
    /// MDS probe from the CephCluster) gives the MDS the CephCluster's values, as `--config` and
    /// `--rook-version` do: the run's facts were gathered for the newest Rook, without the
    /// CephCluster's probe settings, and the MDS got Rook's defaults.
    @Test func aDiscoveredConfigsRookVersionReadsTheClustersMDSProbe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-rv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = TestSupport.clusterAndFilesystem(mdsLivenessProbe: "{timeoutSeconds: 1, failureThreshold: 1}")
        try Data(yaml.utf8).write(to: dir.appendingPathComponent("cluster.yaml"))
        let config = dir.appendingPathComponent("v18.yaml")
        try Data("rook-version: v1.8.0\n".utf8).write(to: config)
        let flagged = try TestSupport.run(["--rook-version", "v1.8.0", "cluster.yaml"], directory: dir)
        let given = try TestSupport.run(["--config", config.path, "cluster.yaml"], directory: dir)
        try FileManager.default.moveItem(at: config, to: dir.appendingPathComponent(".probelint.yaml"))
        let discovered = try TestSupport.run(["cluster.yaml"], directory: dir)
        let fromStdin = try TestSupport.run(["-f", "-"], stdin: yaml, directory: dir)
        let expected = "failureThreshold 1 (from CephCluster rook-ceph (cluster.yaml))"
        for run in [flagged, given, discovered] {
            #expect(run.stdout.contains(expected), "\(run.stdout)")
        }
        #expect(fromStdin.stdout.contains("failureThreshold 1 (from CephCluster rook-ceph (<stdin>))"), "\(fromStdin.stdout)")
        #expect(discovered.stdout == given.stdout.replacingOccurrences(of: "from \(config.path):", with: "from .probelint.yaml:"))
    }
}
