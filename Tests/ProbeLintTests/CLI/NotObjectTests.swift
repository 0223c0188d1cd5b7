import Foundation
import Testing
@testable import ProbeLint

/// A document that is not a Kubernetes object (`jq .items`'s array, a Helm values file, a
/// mapping without `kind`) is not linted, as kubectl refuses it, and a note on stderr says so:
/// the run passed without a word, so a pipe that fed an array passed as a clean run.
@Suite struct NotObjectTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
              - {name: web, image: example/web:1}

        """

    @Test func documentsThatAreNotObjectsGetOneNote() throws {
        let dir = try OutputSupport.temporaryDirectory("not-objects")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in [("a-items.yaml", "- a\n- b\n"), ("b-values.yaml", "replicas: 3\nimage: {tag: v1}\n"),
                             ("c-null.yaml", "---\n~\n---\n# only a comment\n"), ("d-web.yaml", Self.deployment)] {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let run = try TestSupport.run(["--select", "PL101", "-f", "."], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr == "note: 2 documents are not Kubernetes objects (mappings with a kind) and were not linted, as kubectl refuses them; the first, ./a-items.yaml:1:1, is a sequence\n")
        // The same with two jobs; none for an object, a List, or an empty or null document.
        let jobs = try TestSupport.run(["--select", "PL101", "-j", "2", "-f", "."], directory: dir)
        #expect(jobs.stderr == run.stderr)
        for clean in ["d-web.yaml", "c-null.yaml"] {
            #expect(try TestSupport.run(["--select", "PL101", "-f", clean], directory: dir).stderr.isEmpty)
        }
        let list = try TestSupport.run(["--select", "PL101", "-f", "-"], stdin: "apiVersion: v1\nkind: List\nitems: []\n")
        #expect(!list.stderr.contains("not a Kubernetes object"), "\(list.stderr)")
    }

    /// `kubectl get -o json | jq .items | kubectl probelint -f -`: an array, and a kind that is no string.
    @Test(arguments: [
        (#"[{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}}]"#, "<stdin>:1:1 is a sequence"),
        ("kind: [Pod]\nmetadata: {name: x}\n", "<stdin>:1:1 is a mapping whose kind is not a string"),
        // kubectl: "cannot unmarshal number into Go struct field .kind of type string", "Object 'Kind' is missing".
        ("apiVersion: v1\nkind: 5\nmetadata: {name: x}\n", "<stdin>:1:1 is a mapping whose kind is not a string"),
        ("apiVersion: v1\nkind: true\nmetadata: {name: x}\n", "<stdin>:1:1 is a mapping whose kind is not a string"),
        ("apiVersion: v1\nkind: \"\"\nmetadata: {name: x}\n", "<stdin>:1:1 is a mapping whose kind is empty"),
        ("apiVersion: v1\nkind:\nmetadata: {name: x}\n", "<stdin>:1:1 is a mapping with no kind"),
        ("just words\n", "<stdin>:1:1 is a scalar"),
    ])
    func standardInputThatIsNotAnObject(input: String, tail: String) throws {
        let run = try TestSupport.run(["-f", "-"], stdin: input)
        #expect(run.status == 0)
        #expect(run.stderr == "note: 1 document is not a Kubernetes object (a mapping with a kind) and was not linted, as kubectl refuses it: \(tail)\n")
    }

    /// pre-commit names a `.probelint.yaml` that changed (it is YAML): it is read as its folder's
    /// config, which checks it, and gets no note that it is not an object. A broken one is still
    /// an input error, as for the files below it.
    @Test func aNamedConfigFileIsTheConfig() throws {
        let dir = try OutputSupport.temporaryDirectory("named-config")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "bandwidth: 10MB/s\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        try Self.deployment.write(to: dir.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--select", "PL101", "--", ".probelint.yaml", "web.yaml"], directory: dir)
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        // Another mapping without kind is still named.
        try "bandwidth: 10MB/s\n".write(to: dir.appendingPathComponent("probelint.yaml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["--select", "PL101", "--", "probelint.yaml"], directory: dir).stderr.hasPrefix("note: 1 document is not a Kubernetes object"))
        try "bandwidth: fast\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let broken = try TestSupport.run(["--", ".probelint.yaml"], directory: dir)
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix(".probelint.yaml:1:12: error: bandwidth 'fast' is not a rate"), "\(broken.stderr)")
    }
}
