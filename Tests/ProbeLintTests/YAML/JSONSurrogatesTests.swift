import Foundation
import Testing
@testable import ProbeLint

/// A JSON stream may escape a character beyond U+FFFF as a surrogate pair (`\ud83d\ude80`,
/// as Python's `json.dumps` writes it) and may hold a lone surrogate escape; libyaml refuses
/// both. probelint reads them as kubectl does: the pair as its character, a lone surrogate
/// as U+FFFD, every node where the file has it. YAML keeps libyaml's refusal, as kubectl's.
@Suite struct JSONSurrogatesTests {
    /// An annotation with a pair, a key with one, a lone high and a lone low surrogate, escapes
    /// around them, and a value after them on the same line.
    static let json = #"{"kind": "ConfigMap", "metadata": {"name": "x\ud83d\ude80y", "annotations": {"k\uD83D\uDE00": "a\"\ud83d\ude80\\\ud800z\udc00"}}, "data": {"after": "\u00e9 ok"}}"#

    static func strings(_ document: Document) -> [String] {
        (0..<document.nodeCount).compactMap { i in
            let id = NodeID(i)
            return document.kind(id) == .scalar ? document.string(id) : nil
        }
    }

    @Test func pairsReadAsTheirCharacterAndLoneSurrogatesAsReplacement() throws {
        let document = try #require(try Reader.readAll(Self.json).first)
        #expect(Self.strings(document) == ["kind", "ConfigMap", "metadata", "name", "x🚀y", "annotations", "k😀",
                                           "a\"🚀\\\u{FFFD}z\u{FFFD}", "data", "after", "é ok"])
    }

    /// A stream with no `\uD8` to `\uDF` is not walked; one with it only after an escaped
    /// backslash is walked and needs no rewrite.
    @Test func onlyAStreamThatMayHoldASurrogateIsWalked() {
        func check(_ text: String) -> (Bool, Bool) {
            Array(text.utf8).withUnsafeBufferPointer { (JSONSurrogates.mayHoldSurrogateEscape($0), JSONSurrogates.rewrite($0) != nil) }
        }
        #expect(check(Self.json) == (true, true))
        #expect(check(#"{"a": "\uDFFF"}"#) == (true, true))
        #expect(check(#"{"a": "\u00e9 \ud7ff \u0041", "b": "\\"}"#) == (false, false))
        #expect(check(#"{"a": "\\ud800"}"#) == (true, false))
    }

    /// Every node's range is where the file has it: the same as in the same stream with each
    /// surrogate escape written as another escape of the same length.
    @Test func everyNodeKeepsItsPlace() throws {
        var plain = Self.json
        for unit in ["ud83d", "ude80", "uD83D", "uDE00", "ud800", "udc00"] { plain = plain.replacingOccurrences(of: unit, with: "u0041") }
        let rewritten = try #require(try Reader.readAll(Self.json).first)
        let reference = try #require(try Reader.readAll(plain).first)
        #expect(rewritten.nodeCount == reference.nodeCount)
        #expect(rewritten.range == reference.range)
        for i in 0..<rewritten.nodeCount {
            #expect(rewritten.range(NodeID(i)) == reference.range(NodeID(i)), "node \(i)")
        }
    }

    /// Read through libyaml's own reader and through `PrimedInput`, and as a piece: the same.
    @Test func bothDecodingsAgree() throws {
        let bytes = Array(Self.json.utf8)
        let primed = try Reader.readAll(bytes, file: "x.json")
        let libyaml = try Reader.readAll(bytes, file: "x.json", decoding: .libyaml)
        #expect(primed.count == 1 && libyaml.count == 1)
        #expect(primed[0].isSameArena(as: libyaml[0]))
    }

    /// YAML, and a YAML flow mapping (after `---`, so not JSON to kubectl), are read as they
    /// are and keep libyaml's error, as kubectl refuses them.
    @Test(arguments: ["a: \"\\ud83d\\ude80\"\n", "---\n{\"a\": \"\\ud83d\\ude80\"} # note\n", "---\n{'a': \"\\ud83d\"}\n"])
    func yamlKeepsLibyamlsRefusal(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { JSONSurrogates.rewrite($0) } == nil)
        #expect(throws: YAMLError.self) { _ = try Reader.readAll(text) }
        do {
            _ = try Reader.readAll(text)
        } catch {
            #expect(error.problem.contains("invalid Unicode character escape code"), "\(error)")
            #expect(error.position.line == (text.hasPrefix("---") ? 2 : 1))
        }
    }

    /// `--fix` edits a one-line JSON file after the pairs at the place the file has it: the
    /// timeout changes, every pair stays as written, and the file is still JSON.
    @Test func fixEditsAfterThePairsInPlace() throws {
        let dir = try OutputSupport.temporaryDirectory("surrogates")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("rgw.json")
        let text = #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "rook-ceph-rgw-a", "namespace": "rook-ceph", "annotations": {"note": "ship \ud83d\ude80 \ud83d\ude80 it"}}, "spec": {"selector": {"matchLabels": {"app": "rook-ceph-rgw"}}, "template": {"metadata": {"labels": {"app": "rook-ceph-rgw"}}, "spec": {"terminationGracePeriodSeconds": 600, "containers": [{"name": "rgw", "image": "quay.io/ceph/ceph:v18", "readinessProbe": {"exec": {"command": ["ceph", "status"]}, "timeoutSeconds": 1, "periodSeconds": 5}}]}}}}"#
        try text.write(to: path, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--fix", "-f", path.path])
        #expect((run.stdout + run.stderr).contains("fixed: readinessProbe timeoutSeconds 1 -> 3 [PL101]"), "\(run.stdout)\(run.stderr)")
        let fixed = try String(contentsOf: path, encoding: .utf8)
        #expect(fixed == text.replacingOccurrences(of: #""timeoutSeconds": 1,"#, with: #""timeoutSeconds": 3,"#))
        let object = try JSONSerialization.jsonObject(with: Data(fixed.utf8)) as? [String: Any]
        let annotations = (object?["metadata"] as? [String: Any])?["annotations"] as? [String: String]
        #expect(annotations?["note"] == "ship 🚀 🚀 it")
    }

    /// The real kubectl reads the same names: `kubectl apply --dry-run=client -o json` against
    /// the recorded API server, and probelint's finding on the container (PL204) names the
    /// object and container as kubectl's output has them.
    @Test func kubectlReadsTheSameNames() throws {
        let cluster = try KubectlPluginTests.Cluster()
        let path = cluster.dir.appendingPathComponent("pod.json")
        let pod = #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web\ud83d\ude80", "namespace": "default"}, "spec": {"containers": [{"name": "c\ud83d\ude00\udc00x", "image": "nginx"}]}}"#
        try pod.write(to: path, atomically: true, encoding: .utf8)
        let kubectl = try cluster.kubectl(["apply", "--dry-run=client", "--validate=false", "--context", "recorded",
                                           "-f", path.path, "-o", "json"])
        #expect(kubectl.status == 0, "\(kubectl.stderr)")
        let object = try OutputSupport.parse(kubectl.stdout)
        let name = (object["metadata"] as? [String: Any])?["name"] as? String
        let container = ((object["spec"] as? [String: Any])?["containers"] as? [[String: Any]])?.first?["name"] as? String
        #expect(name == "web🚀" && container == "c😀\u{FFFD}x")
        let probelint = try TestSupport.run(["-o", "json", "-f", path.path])
        #expect(probelint.status == 0, "\(probelint.stderr)")
        let findings = try OutputSupport.parse(probelint.stdout)["findings"] as? [[String: Any]] ?? []
        let named = findings.compactMap { $0["object"] as? [String: Any] }
        #expect(!named.isEmpty)
        for object in named {
            #expect(object["name"] as? String == name)
            #expect(object["container"] as? String == container)
        }
    }
}
