import Foundation
import Testing
@testable import ProbeLint

/// Every value of every corpus document reads as the real kubectl reads it: the whole tree,
/// merge keys resolved and every scalar typed (`KubectlMergeTests.resolved`), equals the tree of
/// the JSON kubectl prints for the file (`kubectl annotate --local` removing an annotation that
/// is not there, so that the objects come back unchanged). The findings are compared by
/// KubectlJSONTests; this compares what no rule reads too. The corpus itself holds few spellings
/// (no tag, octal or whole float outside comments), so the same is done for it as PyYAML writes
/// it again (ReemittedYAMLTests): canonical YAML tags and quotes every scalar.
@Suite struct KubectlTreeTests {
    /// The resolved trees of the documents of `files`, in order, leaving out empty ones (kubectl
    /// prints none for them).
    static func trees(_ files: [URL]) throws -> [String] {
        try files.flatMap { file in
            try Reader.readAll(Array(try Data(contentsOf: file)), file: file.lastPathComponent)
                .compactMap { doc in doc.root.map { KubectlMergeTests.resolved(doc, $0) } }
                .filter { $0 != "null" && $0 != "{}" }
        }
    }

    /// The resolved trees of the objects kubectl prints for `files`, unchanged.
    static func kubectlTrees(_ files: [URL]) throws -> [String]? {
        let run = try TestSupport.run(["annotate", "--local"] + files.flatMap { ["-f", $0.path] } + ["-o", "json", "example.com/not-there-"],
                                      executable: KubectlPluginTests.kubectl)
        guard run.status == 0 else {
            #expect(run.stderr.contains("error parsing"), "\(run.stderr)")
            return nil
        }
        return try Reader.readAll(Array(run.stdout.utf8), file: "kubectl.json").compactMap { doc in doc.root.map { KubectlMergeTests.resolved(doc, $0) } }
    }

    /// Records the first differing entry of each document that differs.
    static func compare(_ ours: [String], _ kubectls: [String], _ label: String) {
        #expect(ours.count == kubectls.count, "\(label)")
        for (index, (mine, theirs)) in zip(ours, kubectls).enumerated() where mine != theirs {
            let a = mine.split(separator: ","), b = theirs.split(separator: ",")
            let at = Array(zip(a, b)).firstIndex { $0 != $1 } ?? min(a.count, b.count)
            Issue.record("\(label) document \(index): probelint `\(a[min(at, a.count - 1)])`, kubectl `\(b[min(at, b.count - 1)])`")
        }
    }

    @Test(arguments: ReemittedYAMLTests.Style.allCases)
    func theCorpusWrittenAgainReadsAsKubectlsJSON(_ style: ReemittedYAMLTests.Style) throws {
        let (folder, unread) = try ReemittedYAMLTests.reemit(style)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = CorpusGoldenTests.files.filter { !unread.contains($0) }.map { folder.appendingPathComponent($0) }
        let kubectls = try #require(try Self.kubectlTrees(files))
        Self.compare(try Self.trees(files), kubectls, "\(style)")
    }

    @Test(arguments: CorpusGoldenTests.files)
    func eachCorpusDocumentReadsAsKubectlsJSON(_ relative: String) throws {
        let file = TestSupport.corpus.appendingPathComponent(relative)
        guard let kubectls = try Self.kubectlTrees([file]) else { return }
        Self.compare(try Self.trees([file]), kubectls, relative)
    }
}
