import Foundation
import Testing
@testable import ProbeLint

@Suite struct ComponentTests {
    func container(name: String, image: String = "quay.io/ceph/ceph:v18", command: [String] = [], args: [String] = []) -> Container {
        Container(name: name, nameRange: SourceRange(point: .start), image: image, command: command, args: args, ports: [],
                  resources: Quantities(), probes: [], isInit: false, restartPolicy: nil, path: "spec.containers[0]")
    }

    @Test(arguments: [
        (["radosgw"], [String](), Component.rgw, "runs radosgw"),
        (["/usr/bin/ceph-mds"], [], .mds, "runs ceph-mds"),
        ([], ["ceph-osd", "--foreground"], .osd, "runs ceph-osd"),
        (["ceph-mon"], [], .mon, "runs ceph-mon"),
        (["ceph-mgr"], [], .mgr, "runs ceph-mgr"),
    ])
    func executableWins(command: [String], args: [String], expected: Component, evidence: String) {
        let d = Component.detect(container(name: "x", command: command, args: args), podLabels: [:], objectLabels: [:], isMainContainer: true)
        #expect(d == ComponentDetection(component: expected, evidence: evidence))
    }

    /// A shell's script is read when the shell is the command's first word, or the args' when
    /// there is no command; a command that is no shell keeps the args' script unread.
    @Test(arguments: [
        ([String](), ["sh", "-c", "exec /usr/bin/ceph-mon --foreground"], "runs ceph-mon from a sh script"),
        (["/bin/bash", "-c", "radosgw --rgw-frontends=beast; sleep 1"], [String](), "runs radosgw from a bash script"),
        (["dash"], ["-c", "ceph-mgr"], "runs ceph-mgr from a dash script"),
        (["/usr/bin/env"], ["sh", "-c", "ceph-mon"], "no Ceph daemon recognised"),
        (["sh", "-c", "nginx"], [String](), "no Ceph daemon recognised"),
    ])
    func shellScriptIsReadForItsDaemon(command: [String], args: [String], evidence: String) {
        let d = Component.detect(container(name: "x", command: command, args: args), podLabels: [:], objectLabels: [:], isMainContainer: false)
        #expect(d.evidence == evidence)
    }

    /// ceph-container's examples run the ceph/daemon image as `ceph-rgw`, `ceph-mds`, ...: the
    /// name on a Ceph image; not on another image, and no other name after `ceph-`.
    @Test(arguments: [
        ("ceph-rgw", "ceph/daemon:latest", Component.rgw), ("ceph-mds", "ceph/daemon:latest", .mds),
        ("ceph-mon", "quay.io/ceph/daemon:v8", .mon), ("ceph-mgr", "ceph/daemon:latest", .mgr),
        ("ceph-rgw", "nginx:1", .generic), ("ceph-exporter", "ceph/daemon:latest", .generic), ("ceph-", "ceph/daemon", .generic),
        ("xceph-rgw", "ceph/daemon:latest", .generic),
    ])
    func cephContainersNamesOnACephImage(name: String, image: String, expected: Component) {
        let d = Component.detect(container(name: name, image: image), podLabels: [:], objectLabels: [:], isMainContainer: true)
        #expect(d.component == expected)
        if expected != .generic { #expect(d.evidence == "container name \(name) on a Ceph image") }
    }

    @Test func containerNameNeedsCephImageOrRookLabel() {
        let onCeph = Component.detect(container(name: "rgw"), podLabels: [:], objectLabels: [:], isMainContainer: true)
        #expect(onCeph.component == .rgw)
        let unrelated = Component.detect(container(name: "mon", image: "grafana/mon:1"), podLabels: [:], objectLabels: [:], isMainContainer: true)
        #expect(unrelated.component == .generic)
        let labelled = Component.detect(container(name: "mds", image: "registry/x:1"), podLabels: ["app": "rook-ceph-mds"],
                                        objectLabels: [:], isMainContainer: false)
        #expect(labelled.component == .mds)
    }

    @Test func rookLabelAppliesToTheMainContainerOnly() {
        let main = Component.detect(container(name: "daemon", image: "x"), podLabels: ["app": "rook-ceph-rgw"], objectLabels: [:], isMainContainer: true)
        #expect(main == ComponentDetection(component: .rgw, evidence: "label app=rook-ceph-rgw"))
        let sidecar = Component.detect(container(name: "log-collector", image: "x"), podLabels: ["app": "rook-ceph-rgw"], objectLabels: [:], isMainContainer: false)
        #expect(sidecar.component == .generic)
    }

    /// Every workload in the real Rook examples is an operator, a tool or a CSI
    /// helper: none may be taken for a Ceph daemon.
    @Test func rookCorpusWorkloadsAreGeneric() throws {
        var seen: [String] = []
        for dir in ["rook-v1.1.0", "rook-v1.20.6"] {
            let root = TestSupport.corpus.appendingPathComponent(dir)
            let files = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
            for file in files where !file.hasPrefix("templates/") {
                let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(file)))
                try Reader.read(bytes, file: file) { doc in
                    for m in ManifestDecoder.decode(doc).manifests {
                        guard let pod = m.podSpec else { continue }
                        for c in pod.probedContainers {
                            let d = Component.detect(c, podLabels: pod.labels, objectLabels: m.metadata.labels,
                                                     isMainContainer: c.name == pod.containers.first?.name)
                            seen.append("\(dir)/\(file) \(m.kind)/\(m.metadata.name ?? "") \(c.name) -> \(d.component.rawValue)")
                            #expect(d.component == .generic, "\(dir)/\(file) \(c.name): \(d.evidence)")
                        }
                    }
                }
            }
        }
        #expect(seen.contains { $0.contains("rook-ceph-operator") })
        #expect(seen.contains { $0.contains("rook-ceph-tools") })
    }

    /// Rook v1.20.6's floating-mon template is the only MON Deployment spelled out as
    /// YAML; with its Go placeholders filled in, its mon container is a mon.
    @Test func floatingMonTemplateIsAMon() throws {
        let url = TestSupport.corpus.appendingPathComponent("rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: #"(?m)^\s*\{\{[^}]*\}\}\s*\n"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"\{\{[^}]*\}\}"#, with: "x", options: .regularExpression)
        let doc = try #require(try Reader.readAll(text, file: "mon.yaml").first)
        let m = try #require(ManifestDecoder.decode(doc).manifests.first)
        let pod = try #require(m.podSpec)
        let mon = try #require(pod.containers.first { $0.probes.contains { $0.kind == .liveness } })
        let d = Component.detect(mon, podLabels: pod.labels, objectLabels: m.metadata.labels, isMainContainer: true)
        #expect(d.component == .mon)
    }

    /// Detection looks for the one signature with a container's name: the names must differ.
    @Test func signatureContainerNamesDiffer() {
        let names = ComponentTable.signatures.map(\.containerName)
        #expect(Set(names).count == names.count)
    }

    /// A daemon's container name decides with a Ceph image, or else with the daemon's `app` label.
    @Test func containerNameNeedsACephImageOrTheAppLabel() {
        let plain = container(name: "mds", image: "example/mds:1")
        #expect(Component.detect(plain, podLabels: [:], objectLabels: [:], isMainContainer: false).component == .generic)
        #expect(Component.detect(plain, podLabels: ["app": "rook-ceph-mds"], objectLabels: [:], isMainContainer: false)
            == ComponentDetection(component: .mds, evidence: "container name mds"))
        #expect(Component.detect(plain, podLabels: [:], objectLabels: ["app": "rook-ceph-mds"], isMainContainer: false).component == .mds)
        #expect(Component.detect(container(name: "mds"), podLabels: ["app": "rook-ceph-rgw"], objectLabels: [:], isMainContainer: true)
            == ComponentDetection(component: .mds, evidence: "container name mds"))
    }
}
