import Foundation
import Testing
@testable import ProbeLint

/// Merge keys (`<<`) resolve as the real kubectl resolves them (`kubectl annotate --local -o
/// json`: sigs.k8s.io/yaml on go-yaml v2): a mapping's entries apply in order, so a merge after a
/// written key sets it again, a later merge wins over an earlier one, and within a list of
/// mappings the first wins. `!!merge` and `!` make a quoted `<<` merge; `"<<"` and `!!str <<` are
/// keys. (kustomize reads these differently: a written key wins wherever it is; docs/yaml.md.)
@Suite struct KubectlMergeTests {
    static let cases = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: merges}
        b1: &b1 {a: 1, b: 1, c: 1}
        b2: &b2 {a: 2, b: 2, d: 2}
        nested: &nested {a: 3, <<: *b2}
        writtenBefore:
          a: 0
          <<: *b1
        writtenAfter:
          <<: *b1
          a: 0
        list:
          <<: [*b1, *b2]
        writtenBeforeList:
          b: 9
          <<: [*b1, *b2]
        twoMerges:
          <<: *b1
          <<: *b2
        twoInline:
          <<: {a: 5}
          <<: {a: 6}
        mergeBetween:
          <<: *b1
          b: 7
          <<: {c: 8}
        nestedMerge:
          <<: *nested
        nullOverWritten:
          a: 1
          <<: {a: null}
        sameTwice:
          <<: [*b1, *b1]
        taggedMerge:
          !!merge "<<": *b1
        nonSpecificTag:
          ! <<: *b1
        quotedKey:
          "<<": *b1
        stringKey:
          !!str <<: *b1

        """

    /// A node as kubectl's JSON holds it, merge keys resolved (`Document.entries`), keys sorted;
    /// every resolved entry is also what `lookup` finds for its key. An `annotations` key with
    /// nothing in it is left out: `kubectl annotate` prints one where there was none.
    static func resolved(_ doc: Document, _ node: NodeID) -> String {
        switch doc.kind(node) {
        case .scalar: return "\(doc.scalarValue(node))"
        case .sequence: return "[" + doc.items(node).map { resolved(doc, $0) }.joined(separator: ", ") + "]"
        case .mapping:
            let entries = doc.entries(node).filter {
                !(doc.scalar($0.key, equals: "annotations") && (doc.isNull($0.value) || doc.entries($0.value).isEmpty && doc.kind($0.value) == .mapping))
            }
            for entry in entries {
                let found = doc.lookup(doc.string(entry.key), in: node)
                #expect(found?.value == entry.value, "lookup of \(doc.string(entry.key)) disagrees with entries")
            }
            return "{" + entries.map { "\(doc.string($0.key)): \(resolved(doc, $0.value))" }.sorted().joined(separator: ", ") + "}"
        }
    }

    static func topLevel(_ doc: Document) throws -> [String: String] {
        let root = try #require(doc.root)
        var out: [String: String] = [:]
        for entry in doc.rawEntries(root) where doc.string(entry.key) != "metadata" {
            out[doc.string(entry.key)] = resolved(doc, entry.value)
        }
        return out
    }

    @Test func everyMergeResolvesAsKubectlsJSON() throws {
        let run = try KubectlScalarsTests.kubectlJSON(Self.cases)
        try #require(run.status == 0, "\(run.stderr)")
        let ours = try Self.topLevel(try #require(try Reader.readAll(Self.cases).first))
        let kubectls = try Self.topLevel(try #require(try Reader.readAll(run.stdout).first))
        #expect(ours.count == 19)
        for (key, value) in kubectls.sorted(by: { $0.key < $1.key }) {
            #expect(ours[key] == value, "\(key)")
        }
        #expect(Set(ours.keys) == Set(kubectls.keys))
    }

    /// A probe whose fields come partly from an anchor, written before and after the merge:
    /// the same findings as kubectl's JSON of it. `timeoutSeconds: 5` before `<<: *probe` is
    /// set again to the anchor's 1 (PL103 then counts false restarts); after it, it stays 5.
    @Test(arguments: [("      timeoutSeconds: 5\n      <<: *probe\n", ["PL103"]), ("      <<: *probe\n      timeoutSeconds: 5\n", [])])
    func aProbeBuiltByAMergeHasKubectlsFields(_ body: String, rules: [String]) throws {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            x-probe: &probe {httpGet: {path: /, port: 80}, timeoutSeconds: 1, failureThreshold: 1}
            spec:
              containers:
              - name: c
                image: nginx
                livenessProbe:

            """ + body
        let run = try KubectlScalarsTests.kubectlJSON(yaml)
        try #require(run.status == 0, "\(run.stderr)")
        let fromYAML = Linter.lint([InputFile(path: "p.yaml", bytes: Array(yaml.utf8))])
        let fromJSON = Linter.lint([InputFile(path: "p.yaml", bytes: Array(run.stdout.utf8))])
        #expect(fromYAML.errors.isEmpty && fromJSON.errors.isEmpty)
        #expect(fromYAML.findings.map(\.rule.rawValue) == rules)
        // The YAML's finding points into the anchor the value comes from (`x-probe.timeoutSeconds`).
        func described(_ report: LintReport) -> [String] { report.findings.map { "\($0.rule) \($0.object): \($0.message)" } }
        #expect(described(fromYAML) == described(fromJSON))
    }
}
