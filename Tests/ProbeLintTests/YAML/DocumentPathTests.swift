import Testing
@testable import ProbeLint

/// `Document.path(to:from:)`: the field path that JSON and SARIF give each finding,
/// found from a source position by walking the node arena.
@Suite struct DocumentPathTests {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rgw
        spec:
          template:
            spec:
              containers:
                - name: sidecar
                  image: busybox
                - name: rgw
                  livenessProbe:
                    timeoutSeconds: 1
                    httpGet: {path: /swift/healthcheck, port: 8080}
              volumes: [a, b, {name: c}]

        """

    /// The path to the first byte of the `occurrence`th (0-based) `needle` in `text`.
    static func path(_ text: String, at needle: String, occurrence: Int = 0, from root: ((Document) -> NodeID)? = nil) throws -> String? {
        let document = try #require(try Reader.readAll(text).first)
        let bytes = Array(text.utf8), want = Array(needle.utf8)
        var found: [Int] = []
        for i in 0...(bytes.count - want.count) where Array(bytes[i..<i + want.count]) == want { found.append(i) }
        let offset = try #require(found.indices.contains(occurrence) ? found[occurrence] : nil)
        let at = SourcePosition(offset: offset, line: 1, column: 1)
        return document.path(to: SourceRange(start: at, end: at), from: root?(document) ?? document.root!)
    }

    @Test func valuesKeysAndItems() throws {
        let text = Self.deployment
        #expect(try Self.path(text, at: "rgw", occurrence: 0) == "metadata.name")
        #expect(try Self.path(text, at: "name: rgw", occurrence: 0) == "metadata.name")
        #expect(try Self.path(text, at: "busybox") == "spec.template.spec.containers[0].image")
        #expect(try Self.path(text, at: "rgw\n", occurrence: 1) == "spec.template.spec.containers[1].name")
        // A dash is the list's, not its item's: the item starts at its first key.
        #expect(try Self.path(text, at: "- name: rgw") == "spec.template.spec.containers")
        #expect(try Self.path(text, at: "1\n", occurrence: 1) == "spec.template.spec.containers[1].livenessProbe.timeoutSeconds")
        #expect(try Self.path(text, at: "timeoutSeconds") == "spec.template.spec.containers[1].livenessProbe.timeoutSeconds")
        #expect(try Self.path(text, at: "8080") == "spec.template.spec.containers[1].livenessProbe.httpGet.port")
        #expect(try Self.path(text, at: "/swift") == "spec.template.spec.containers[1].livenessProbe.httpGet.path")
        #expect(try Self.path(text, at: "b,") == "spec.template.spec.volumes[1]")
        #expect(try Self.path(text, at: "c}") == "spec.template.spec.volumes[2].name")
        #expect(try Self.path(text, at: "apiVersion") == "apiVersion")
    }

    /// A key names the field it starts and the walk stops there, though the value spans further.
    @Test func aKeyStopsTheWalk() throws {
        #expect(try Self.path(Self.deployment, at: "template") == "spec.template")
        #expect(try Self.path(Self.deployment, at: "containers") == "spec.template.spec.containers")
    }

    /// Relative to the root given: an object inside a list is named from itself.
    @Test func relativeToTheRootGiven() throws {
        let list = "kind: List\nitems:\n  - kind: Pod\n    spec: {containers: [{name: a, image: x}]}\n"
        let items: (Document) -> NodeID = { $0.items($0.lookup("items", in: $0.root!)!.value).first! }
        #expect(try Self.path(list, at: "x}", from: items) == "spec.containers[0].image")
        #expect(try Self.path(list, at: "x}") == "items[0].spec.containers[0].image")
        // Outside the root given: no path.
        #expect(try Self.path(list, at: "List", from: items) == nil)
    }

    /// A multi-byte key is kept whole. (A key that is a collection is refused by the reader,
    /// as by kubectl: KubectlStreamTests.)
    @Test func multiByteKeysAreKeptWhole() throws {
        #expect(try Self.path("tëst:\n  - 7\n", at: "7") == "tëst[0]")
        #expect(try Self.path("日本:\n  ü: {x: 1}\n", at: "1") == "日本.ü.x")
    }

    /// Aliases put a node into the arena twice: the walk follows the value written at the position.
    @Test func aliasesFollowTheWrittenValue() throws {
        let text = "base: &b {port: 1}\nprobe: *b\nother: {port: 2}\n"
        #expect(try Self.path(text, at: "1") == "base.port")
        #expect(try Self.path(text, at: "2") == "other.port")
    }
}
