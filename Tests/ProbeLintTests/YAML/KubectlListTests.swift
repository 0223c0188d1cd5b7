import Foundation
import Testing
@testable import ProbeLint

/// `kubectl get -o json`'s List read as a stream of its items (`KubectlList`): the
/// per-document limits apply to each object, not to the whole cluster's at once.
@Suite struct KubectlListTests {
    static func pod(_ name: String) -> String {
        #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "\#(name)", "namespace": "shop"}, "#
            + #""spec": {"containers": [{"name": "web", "image": "example/web:1", "#
            + #""livenessProbe": {"httpGet": {"path": "/", "port": 80}, "timeoutSeconds": 1, "periodSeconds": 1, "failureThreshold": 1}}]}}"#
    }

    static func list(_ names: [String], kind: String = "List") -> String {
        "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        " + names.map(pod).joined(separator: ",\n        ")
            + "\n    ],\n    \"kind\": \"\(kind)\",\n    \"metadata\": {\"resourceVersion\": \"\"}\n}\n"
    }

    /// The items where they are, every other byte a blank but line breaks: offsets, lines and
    /// columns are kubectl's output's.
    @Test func aListIsItsItemsWhereTheyAre() throws {
        let list = Array(Self.list(["a", "b", "c"]).utf8)
        let stream = try #require(KubectlList.items(list))
        #expect(stream.count == list.count)
        #expect(stream.filter { $0 != 0x20 && $0 != 0x0A } == Array(["a", "b", "c"].map(Self.pod).joined().utf8).filter { $0 != 0x20 })
        for (i, byte) in stream.enumerated() where byte != 0x20 { #expect(byte == list[i]) }
        #expect(try #require(KubectlList.items(Array(Self.list([]).utf8))).allSatisfy { $0 == 0x20 || $0 == 0x0A })
        // An item that is no object: read as kubectl printed it.
        #expect(KubectlList.items(Array(Self.list(["a"]).replacingOccurrences(of: "\"items\": [", with: "\"items\": [1, ").utf8)) == nil)
        // A typed list (the API's `PodList`) is its items when each writes its kind; one that leaves
        // it to the list is read whole, so that it keeps the list's (`ManifestDecoder.objects`).
        #expect(KubectlList.items(Array(Self.list(["a"], kind: "PodList").utf8)) != nil)
        let kindless = Self.list(["a"], kind: "PodList").replacingOccurrences(of: #""kind": "Pod","#, with: "")
        #expect(kindless != Self.list(["a"], kind: "PodList"), "\(kindless)")
        #expect(KubectlList.items(Array(kindless.utf8)) == nil)
        #expect(KubectlList.items(Array(kindless.replacingOccurrences(of: "PodList", with: "List").utf8)) != nil)
        // No List: one object (kubectl get deploy/NAME), another kind, YAML, broken or trailing JSON.
        for text in [Self.pod("a"), Self.list(["a"], kind: "Pod"), "apiVersion: v1\nkind: List\nitems: []\n",
                     String(Self.list(["a"]).dropLast(3)), Self.list(["a"]) + "[]", "{}", "", Self.pod("a") + Self.pod("b")] {
            #expect(KubectlList.items(Array(text.utf8)) == nil, "\(text)")
        }
        // Two kubectl get -o json one after the other, with an object between, after a BOM: each List
        // its items, the object itself.
        let two = "\u{FEFF}" + Self.list(["a", "b"]) + Self.pod("c") + "\n" + Self.list(["d"])
        let joined = try #require(KubectlList.items(Array(two.utf8)))
        #expect(String(decoding: joined, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined()
                == ["a", "b", "c", "d"].map(Self.pod).joined().split(whereSeparator: \.isWhitespace).joined())
    }

    /// Each item is read with its own bytes only: the List's framing before and after it counts
    /// against no item's `--max-document-bytes`, and an item over it is named at its own byte.
    @Test func eachItemIsItsOwnBytes() throws {
        let pod = Self.pod("a"), size = pod.utf8.count
        let padded = Self.list(["a", "b"]).replacingOccurrences(of: "\"resourceVersion\": \"\"", with: "\"x\": \"" + String(repeating: "y", count: 4 * size) + "\"")
        var limits = ReaderLimits.default
        limits.maxDocumentBytes = size
        #expect(try Reader.readAll(Array(padded.utf8), file: "l", limits: limits).map(\.index) == [0, 1])
        limits.maxDocumentBytes = size - 10
        let oneLine = #"{"apiVersion": "v1", "items": ["# + pod + "]" + #", "kind": "List"}"#
        do {
            _ = try Reader.readAll(Array(oneLine.utf8), file: "l", limits: limits)
            Issue.record("no limit error")
        } catch {
            let start = #"{"apiVersion": "v1", "items": ["#.utf8.count
            // Inside the item, and the line's column of that byte (the line is ASCII).
            #expect((start..<(start + size)).contains(error.position.offset), "\(error)")
            #expect(error.position.line == 1 && error.position.column == error.position.offset + 1, "\(error)")
        }
        // An error at an item's start shows the line as it is in the input, the List's framing
        // before the item included (a blanked copy showed blanks there).
        limits.maxDocumentBytes = 8
        do {
            _ = try Reader.readAll(Array(oneLine.utf8), file: "l", limits: limits)
            Issue.record("no limit error")
        } catch {
            #expect(error.snippet?.contains(#""items": [{"apiVersion""#) == true, "\(error.snippet ?? "")")
        }
    }

    /// A member of the List's wrapper named twice is the whole document's duplicate key error,
    /// as it was when the List was one document; a stream that does not start with a List is
    /// read as it is.
    @Test func aWrapperWithARepeatedMemberIsOneDocument() throws {
        let twice = Self.list(["a"]).replacingOccurrences(of: "\"metadata\": {", with: "\"metadata\": {}, \"metadata\": {")
        #expect(KubectlList.items(Array(twice.utf8)) == nil)
        #expect(Linter.lint([InputFile(path: "l", bytes: Array(twice.utf8))]).errors.first?.message.contains("duplicate key 'metadata'") == true)
        #expect(KubectlList.items(Array((Self.pod("x") + Self.list(["a"])).utf8)) == nil)
    }

    /// Each object within the node limit, the List past it: the JSON List lints (a file, stdin or
    /// live mode's), as its stream does, where the same List read as one document (YAML: a `---`
    /// line first) does not; the findings are the same, named without the List's `items[N].`.
    @Test func theLimitsApplyToEachObject() throws {
        let list = Array(Self.list(["a", "b", "c"]).utf8)
        var options = LintOptions()
        options.limits.maxNodes = 60
        options.disabledRules = [RuleID(rawValue: "PL204")]
        let whole = Linter.lint([InputFile(path: "kubectl", bytes: Array("---\n".utf8) + list)], options: options)
        #expect(whole.errors.first?.message.contains("more than 60 nodes") == true, "\(whole.errors)")
        let stream = Linter.lint([InputFile(path: "kubectl", bytes: try #require(KubectlList.items(list)))], options: options)
        #expect(stream.errors.isEmpty, "\(stream.errors)")
        let asRead = Linter.lint([InputFile(path: "kubectl", bytes: list)], options: options)
        #expect(asRead.errors.isEmpty, "\(asRead.errors)")
        #expect(asRead.findings.map(\.message) == stream.findings.map(\.message))
        #expect(asRead.findings.map(\.range) == stream.findings.map(\.range))
        // An empty List is no document, and a List with a second `items` the one document it was.
        #expect(try Reader.readAll(Array(Self.list([]).utf8), file: "k").isEmpty)
        let twice = Self.list(["a"]).replacingOccurrences(of: "\"kind\"", with: "\"items\": [], \"kind\"")
        #expect(KubectlList.items(Array(twice.utf8)) == nil)
        #expect(Linter.lint([InputFile(path: "k", bytes: Array(twice.utf8))]).errors.first?.message.contains("duplicate") == true)
        #expect(stream.findings.filter { $0.rule.rawValue == "PL103" }.map(\.object.name) == ["a", "b", "c"])
        #expect(stream.findings.allSatisfy { $0.path?.hasPrefix("spec.containers[0]") != false }, "\(stream.findings.map(\.path))")
        options.limits = .default
        let unlimited = Linter.lint([InputFile(path: "kubectl", bytes: list)], options: options)
        #expect(unlimited.findings.map(\.message) == stream.findings.map(\.message))
    }
}

extension KubectlListTests {
    /// A List kubectl refuses (`items` no list, an item no object) is an input error where it
    /// goes wrong, not a clean run of what could be read.
    @Test func aListKubectlRefusesIsAnInputError() throws {
        let pod = #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x"}]}}"#
        for (text, message, column) in [(#"{"apiVersion": "v1", "kind": "List", "items": {"a": 1}}"#, "items must be a list, not a mapping", 47),
                                        (#"{"apiVersion": "v1", "kind": "List", "items": [1, "# + pod + "]}", "items[0] must be a mapping, not an integer", 48),
                                        ("apiVersion: v1\nkind: List\nitems: 5\n", "items must be a list, not an integer", 8)] {
            let report = Linter.lint([InputFile(path: "l", bytes: Array(text.utf8))])
            #expect(report.errors.map(\.message) == [message], "\(text)")
            #expect(report.errors.first?.position?.column == column, "\(report.errors)")
        }
        // The object beside the bad item is linted all the same.
        let beside = #"{"apiVersion": "v1", "kind": "List", "items": [1, "# + pod + "]}"
        #expect(Linter.lint([InputFile(path: "l", bytes: Array(beside.utf8))]).findings.contains { $0.rule == "PL204" })
    }

    /// A list among a List's items, in YAML and in JSON (whose List is otherwise read as its
    /// items): kubectl refuses the file, and so does probelint, at the inner list's kind. It
    /// linted the inner list's objects.
    @Test func aListAmongAListsItemsIsRefusedAsByKubectl() throws {
        // An item of a list kind whose items are no list is an object to kubectl, and read as one.
        let notList = "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMapList\n  items: {}\n"
        #expect(try KubectlScalarsTests.kubectlJSON(notList).status == 0)
        #expect(Linter.lint([InputFile(path: "l", bytes: Array(notList.utf8))]).errors.isEmpty)
        let configMap = #"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}"#
        for (text, line) in [("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\(configMap)]}]}\n", 1),
                             ("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMapList\n  items:\n  - \(configMap)\n", 6),
                             // Any object whose items are a list is one to kubectl, whatever its kind.
                             ("{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"x.io/v1\", \"kind\": \"Thing\", \"metadata\": {\"name\": \"q\"}, \"items\": [\(configMap)]}]}\n", 1)] {
            let kubectl = try KubectlScalarsTests.kubectlJSON(text)
            #expect(kubectl.status != 0 && kubectl.stderr.contains("is not a list: no Items field"), "\(kubectl.stderr)")
            let report = Linter.lint([InputFile(path: "l", bytes: Array(text.utf8))])
            #expect(report.errors.count == 1 && report.errors.first?.message.contains("among a list's items, which kubectl refuses") == true, "\(report.errors)")
            #expect(report.errors.first?.position?.line == line)
        }
    }

    /// A YAML List stays one document: past a limit, the error says that kubectl's JSON is read
    /// object by object; a document that is no List gets no such word.
    @Test func aYAMLListPastALimitSaysToUseJSON() throws {
        let pods = (0..<3).map { "- apiVersion: v1\n  kind: Pod\n  metadata: {name: p\($0)}\n  spec:\n    containers:\n    - {name: web, image: x}\n" }
        let list = "apiVersion: v1\nitems:\n" + pods.joined() + "kind: List\n"
        var limits = ReaderLimits.default
        limits.maxNodes = 20
        func error(_ text: String) -> YAMLError? {
            do { _ = try Reader.readAll(Array(text.utf8), file: "l.yaml", limits: limits) } catch { return error }
            return nil
        }
        let listError = try #require(error(list))
        #expect(listError.context?.contains("kubectl get -o json's is read object by object") == true, "\(listError)")
        let plain = try #require(error(list.replacingOccurrences(of: "items:", with: "things:")))
        #expect(plain.context == nil, "\(plain)")
    }

    /// `kubectl get pods -A -o json | kubectl probelint -f -` and the same List saved to a file:
    /// each object under the node limit lints, where the whole List passed it (an input error,
    /// exit 2, and no finding); `--fix` on the file edits the items and keeps the List around them.
    @Test func aPipedOrSavedListLintsObjectByObject() throws {
        let list = Self.list(["a", "b", "c"])
        let piped = try TestSupport.run(["--max-nodes", "60", "--ignore", "PL204", "-f", "-"], stdin: list)
        #expect(piped.status == 1, "\(piped.stderr)")
        #expect(piped.stdout.components(separatedBy: "[PL103]").count - 1 == 3, "\(piped.stdout)")
        #expect(piped.stdout.contains("<stdin>:4:"), "\(piped.stdout)")
        #expect(!piped.stderr.contains("more than 60 nodes"), "\(piped.stderr)")
        // kubectl get of a mistyped namespace: an empty List, said so (exit 0, as kubectl's).
        let empty = try TestSupport.run(["-f", "-"], stdin: Self.list([]))
        #expect(empty.status == 0 && empty.stdout.isEmpty, "\(empty.stderr)")
        #expect(empty.stderr.contains("standard input holds only an empty List: kubectl get found no objects"), "\(empty.stderr)")
        #expect(!(try TestSupport.run(["-f", "-"], stdin: list)).stderr.contains("empty List"))
        let dir = try OutputSupport.temporaryDirectory("list")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("pods.json")
        try Data(list.utf8).write(to: file)
        let fixed = try TestSupport.run(["--max-nodes", "60", "--fix", "-f", file.path])
        #expect(fixed.stderr.components(separatedBy: "fixed:").count - 1 >= 3, "\(fixed.stderr)")
        let after = try String(contentsOf: file, encoding: .utf8)
        #expect(after != list)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(after.utf8)) as? [String: Any])
        #expect(object["kind"] as? String == "List")
        #expect((object["items"] as? [Any])?.count == 3)
        // Outside the probes' values, every byte is where it was.
        #expect(after.replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression)
                == list.replacingOccurrences(of: #"\d+"#, with: "N", options: .regularExpression))
    }
}
