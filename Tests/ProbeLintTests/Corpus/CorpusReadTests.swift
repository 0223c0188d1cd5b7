import Foundation
import Testing
@testable import ProbeLint

/// Every file of ../shared/corpus (76 manifests) is read without a crash; the test prints what
/// each produced and pins the facts that SOURCES.md records about them.
@Suite struct CorpusReadTests {
    struct Summary {
        var objects = 0
        var probes = 0
        var findings: [String] = []
        var errors: [LintError] = []
    }

    static func corpusFiles() throws -> [String] {
        try FileManager.default.subpathsOfDirectory(atPath: TestSupport.corpus.path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }.sorted()
    }

    static func summarize(_ file: String) throws -> Summary {
        let bytes = try [UInt8](Data(contentsOf: TestSupport.corpus.appendingPathComponent(file)))
        var summary = Summary()
        let report = Linter.lint(InputFile(path: file, bytes: bytes))
        summary.objects = report.objects
        summary.findings = report.findings.map { "\($0.rule)@\($0.range.start)" }
        summary.errors = report.errors
        try? Reader.read(bytes, file: file) { doc in
            for m in ManifestDecoder.decode(doc).manifests {
                summary.probes += m.podSpec?.probedContainers.reduce(0) { $0 + $1.probes.count } ?? 0
            }
        }
        return summary
    }

    @Test func everyFileIsReadWithoutACrash() throws {
        let files = try Self.corpusFiles()
        #expect(files.count == 76)
        var table = ""
        for file in files {
            let s = try Self.summarize(file)
            table += "\(file): \(s.objects) objects, \(s.probes) probes, findings [\(s.findings.joined(separator: " "))]"
            table += s.errors.isEmpty ? "\n" : ", error \(s.errors.map(\.description).joined(separator: "; "))\n"
            if !file.contains("templates/") { #expect(s.errors.isEmpty, "\(file): \(s.errors)") }
        }
        print(table)
    }

    @Test func goTemplateIsAParseErrorWithAPosition() throws {
        let s = try Self.summarize("rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml")
        let error = try #require(s.errors.first)
        #expect(s.errors.count == 1)
        // `namespace: {{ .NAMESPACE }}` happens to parse as a flow mapping; the first line that
        // cannot be YAML is the bare `{{ if .PRIORITY_CLASS_NAME }}` action on line 73.
        // Rook's own template (the operator renders it): the error says what the file is.
        #expect(error.description == "rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml:74:7: error: scanner: could not find expected ':' (while scanning a simple key at line 73, column 7; the line holds '{{': a Go template, to render to YAML first (a Helm chart's: helm template RELEASE CHART | kubectl probelint -f -))")
    }

    /// SOURCES.md note 2: the CRDs name probe fields hundreds of times, as schema.
    @Test func crdSchemasAreNotProbes() throws {
        let s = try Self.summarize("rook-v1.20.6/crds.yaml")
        #expect(s.objects == 21)
        #expect(s.probes == 0)
        #expect(s.findings.isEmpty)
    }

    /// SOURCES.md note 3 and the probe counts in its tables.
    @Test(arguments: [
        ("rook-v1.20.6/csi-operator.yaml", 2), ("kube-prometheus-v0.18.0/manifests/prometheusAdapter-deployment.yaml", 3),
        ("kube-prometheus-v0.18.0/manifests/grafana-deployment.yaml", 1), ("ceph-csi-v3.12.2/examples/kms/vault/vault.yaml", 1),
        ("kubernetes-examples-279e8e4/databases/cassandra/cassandra-statefulset.yaml", 2),
        ("kubernetes-examples-279e8e4/_archived/https-nginx/nginx-app.yaml", 1),
        ("ceph-csi-v3.12.2/deploy/rbd/kubernetes/csi-rbdplugin.yaml", 0),
    ])
    func probeCounts(file: String, probes: Int) throws {
        #expect(try Self.summarize(file).probes == probes)
    }

    /// SOURCES.md note 9: `gRPC:` is not the API's `grpc`, so the probe has no handler.
    @Test func grpcWithWrongCaseHasNoHandler() throws {
        let s = try Self.summarize("kubernetes-website/content/en/examples/pods/probe/grpc-liveness.yaml")
        #expect(s.findings.contains { $0.hasPrefix("PL202@") })
    }
}
