import Testing
@testable import ProbeLint

/// `Linter` lints a file's documents a batch at a time (`DocumentBatch`): every document of
/// every batch, in order, each with its own ignore comments, and the documents before a YAML
/// error as well, their errors before it.
@Suite struct DocumentBatchTests {
    static let size = DocumentBatch.maxDocuments

    /// A document with one container (`cN`) and no livenessProbe (PL204), its comments first.
    static func pod(_ n: Int, comments: String = "") -> String {
        comments + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\(n)\nspec:\n  containers:\n  - name: c\(n)\n    image: x\n"
    }

    @Test func aBatchIsFullAtItsCountOrAtItsBytes() throws {
        let documents = try Reader.readAll((0..<Self.size).map { Self.pod($0) }.joined(), file: "p.yaml")
        var batch = DocumentBatch()
        #expect(documents.map { batch.add($0) } == Array(repeating: false, count: Self.size - 1) + [true])
        batch.removeAll()
        #expect(batch.documents.isEmpty)
        let small = batch.add(documents[0])
        #expect(!small)
        let large = "x: '" + String(repeating: "y", count: DocumentBatch.maxBytes) + "'\n"
        let full = try batch.add(#require(Reader.readAll(large, file: "large.yaml").first))
        #expect(full)
        #expect(batch.documents.count == 2)
    }

    /// Two full batches and part of a third; the comments on the first and last document of
    /// each are that document's.
    @Test func everyDocumentIsLintedInOrderWithItsOwnComments() {
        let count = 2 * Self.size + 6
        let ignored: Set = [0, Self.size - 1, Self.size, 2 * Self.size - 1, 2 * Self.size, count - 1]
        let text = (0..<count).map { Self.pod($0, comments: ignored.contains($0) ? "# probelint ignore=PL204\n" : "") }.joined()
        #expect(IgnoreCommentsTests.unprobed(text) == (0..<count).filter { !ignored.contains($0) }.map { "c\($0)" })
    }

    @Test func theDocumentsBeforeAYAMLErrorAreLintedAndTheirErrorsComeFirst() {
        let count = Self.size + 3
        let badComment = "# probelint ignore=nosuch\n"
        let text = (0..<count).map { Self.pod($0, comments: $0 == Self.size + 1 ? badComment : "") }.joined()
        let report = IgnoreCommentsTests.lint(text + "---\nkey: [unclosed\n")
        #expect(report.findings.compactMap(\.object.container) == (0..<count).map { "c\($0)" })
        // Each document before the comment is nine lines.
        let commentLine = 9 * (Self.size + 1) + 1
        #expect(report.errors.count == 2)
        #expect(report.errors.first?.position?.line == commentLine)
        #expect(report.errors.first?.message.contains("'nosuch' is not a rule") == true)
        #expect((report.errors.last?.position?.line ?? 0) > 9 * count)
        #expect(report.readFailed)
    }
}
