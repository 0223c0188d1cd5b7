import Testing
@testable import ProbeLint

@Suite struct AnnotationsTests {
    /// Written annotations answer `hasKey(withPrefix:)` as the map decoded from them does,
    /// merged keys included.
    @Test(arguments: ["{probelint.io/queue: 1MB}", "{}", "{a: b}", "{probelint.io/queue: [1MB]}",
                      "{base: &b {probelint.io/queue: 1MB}, m: {<<: *b, a: b}}",
                      "{base: &b {a: b}, m: {<<: *b, probelint.io/x: [y]}}"])
    func writtenAnnotationsReadAsTheirMap(yaml: String) throws {
        try Reader.read(Array("annotations: \(yaml)\n".utf8), file: "t.yaml") { doc in
            var node = doc.lookup("annotations", in: doc.root!)!.value
            if let merged = doc.lookup("m", in: node) { node = merged.value }
            let map = Annotations(doc.scalarMap(node) { Located(doc.string($0), doc.range($0)) })
            for prefix in ["probelint.io/", "a", "absent"] {
                #expect(Annotations(doc, node).hasKey(withPrefix: prefix) == map.hasKey(withPrefix: prefix), "\(yaml) \(prefix)")
            }
        }
    }
}
