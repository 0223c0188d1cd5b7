import Testing
@testable import ProbeLint

@Suite struct LabelsTests {
    /// Written labels read as the map decoded from them does: each key, and whether there are any.
    @Test(arguments: ["{app: web, tier: front}", "{}", "{app: [x], n: 1}", "{app: {a: b}}", "{1: v, true: w}",
                      "{base: &b {app: api, x: y}, m: {<<: *b, x: z}}", "{base: &b {app: api}, m: {<<: *b, app: [w]}}",
                      "{base: &b {app: api}, m: {<<: *b, x: [y]}}", "{base: &b {app: [api]}, m: {<<: *b}}"])
    func writtenLabelsReadAsTheirMap(yaml: String) throws {
        try Reader.read(Array("labels: \(yaml)\n".utf8), file: "t.yaml") { doc in
            var node = doc.lookup("labels", in: doc.root!)!.value
            if let merged = doc.lookup("m", in: node) { node = merged.value }
            let written = Labels(doc, node), map = written.map
            #expect(written.isEmpty == map.isEmpty, "\(yaml)")
            for key in ["app", "x", "tier", "n", "absent", "<<"] {
                #expect(written[key] == map[key], "\(yaml) \(key)")
            }
        }
    }

    @Test func mapLabels() {
        let labels: Labels = ["app": "rook-ceph-mon"]
        #expect(labels["app"] == "rook-ceph-mon" && labels["tier"] == nil && !labels.isEmpty)
        #expect(Labels().isEmpty && Labels().map.isEmpty)
    }
}
