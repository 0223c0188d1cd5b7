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
        #expect(KubectlList.items(Array(Self.list(["a"], kind: "PodList").utf8)) != nil)
        // No List: one object (kubectl get deploy/NAME), another kind, YAML, broken or trailing JSON.
        for text in [Self.pod("a"), Self.list(["a"], kind: "Pod"), "apiVersion: v1\nkind: List\nitems: []\n",
                     String(Self.list(["a"]).dropLast(3)), Self.list(["a"]) + "{}", "{}", ""] {
            #expect(KubectlList.items(Array(text.utf8)) == nil, "\(text)")
        }
    }

    /// Each object within the node limit, the List past it: the stream lints, the List did not;
    /// the findings are the same, named without the List's `items[N].`.
    @Test func theLimitsApplyToEachObject() throws {
        let list = Array(Self.list(["a", "b", "c"]).utf8)
        var options = LintOptions()
        options.limits.maxNodes = 60
        options.disabledRules = [RuleID(rawValue: "PL204")]
        let whole = Linter.lint([InputFile(path: "kubectl", bytes: list)], options: options)
        #expect(whole.errors.first?.message.contains("more than 60 nodes") == true, "\(whole.errors)")
        let stream = Linter.lint([InputFile(path: "kubectl", bytes: try #require(KubectlList.items(list)))], options: options)
        #expect(stream.errors.isEmpty, "\(stream.errors)")
        #expect(stream.findings.filter { $0.rule.rawValue == "PL103" }.map(\.object.name) == ["a", "b", "c"])
        #expect(stream.findings.allSatisfy { $0.path?.hasPrefix("spec.containers[0]") != false }, "\(stream.findings.map(\.path))")
        options.limits = .default
        let unlimited = Linter.lint([InputFile(path: "kubectl", bytes: list)], options: options)
        #expect(unlimited.findings.map(\.message) == stream.findings.map(\.message))
    }
}
