import Testing
@testable import ProbeLint

@Suite struct ScalarTextTests {
    /// A written node reads as the decoder's text of it, and finds a word where that String holds it.
    @Test(arguments: ["quay.io/ceph/ceph:v18", "\"ceph\"", "nginx", "''", "[ceph]", "{a: ceph}", "CEPH", "cep h"])
    func writtenReadsAsItsText(yaml: String) throws {
        try Reader.read(Array("image: \(yaml)\n".utf8), file: "t.yaml") { doc in
            let node = doc.lookup("image", in: doc.root!)!.value
            let written = ScalarText(doc, node)
            let text = doc.kind(node) == .scalar ? doc.string(node) : nil
            #expect(written.string == text)
            #expect(written.contains("ceph") == (text?.contains("ceph") ?? false), "\(yaml)")
            #expect(ScalarText(text).contains("ceph") == written.contains("ceph"))
        }
    }

    @Test func absent() {
        #expect(ScalarText(nil).string == nil && !ScalarText(nil).contains("ceph"))
    }
}
