import Foundation
import Testing
@testable import ProbeLint

/// The corpus's objects written again by another YAML emitter get the findings their own
/// spelling gets. PyYAML (Tests/Tools/reemit-yaml.py) writes each file in four styles: canonical
/// YAML (every node tagged, every scalar double-quoted: `timeoutSeconds: !!int "1"`, `disabled:
/// !!bool "false"`, `annotations: !!null ""`), every scalar quoted with a tag where the quotes
/// would change its type, block style indented by 4 with folded lines, and flow style. Kubernetes'
/// YAML reader (go-yaml) gives each style the same objects, so probelint must too.
@Suite struct ReemittedYAMLTests {
    enum Style: String, CaseIterable { case canonical, quoted, indented, flow }

    /// The corpus written in `style` into a fresh folder, and the files PyYAML could not read.
    static func reemit(_ style: Style) throws -> (folder: URL, unread: Set<String>) {
        let folder = try OutputSupport.temporaryDirectory("reemit-\(style)")
        let script = TestSupport.packageRoot.appendingPathComponent("Tests/Tools/reemit-yaml.py").path
        let run = try TestSupport.run([script, style.rawValue, folder.path, TestSupport.corpus.path] + CorpusGoldenTests.files,
                                      executable: URL(fileURLWithPath: OutputSupport.python))
        #expect(run.status == 0, "\(run.stderr)")
        return (folder, Set(run.stdout.split(separator: "\n").map(String.init)))
    }

    @Test(arguments: Style.allCases)
    func eachCorpusFileWrittenAgainHasTheSameFindings(_ style: Style) throws {
        let (folder, unread) = try Self.reemit(style)
        defer { try? FileManager.default.removeItem(at: folder) }
        // PyYAML refuses only the Go template, which probelint refuses too (CorpusGoldenTests).
        #expect(unread == ["rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml"])
        var compared = 0
        for relative in CorpusGoldenTests.files where !unread.contains(relative) {
            let original = try Data(contentsOf: TestSupport.corpus.appendingPathComponent(relative))
            let written = try Data(contentsOf: folder.appendingPathComponent(relative))
            let before = Linter.lint([InputFile(path: relative, bytes: Array(original))])
            let after = Linter.lint([InputFile(path: relative, bytes: Array(written))])
            #expect(after.errors.isEmpty, "\(relative) in \(style): \(after.errors.map(\.message))")
            #expect(KubectlJSONTests.described(after) == KubectlJSONTests.described(before), "\(relative) in \(style)")
            compared += 1
        }
        #expect(compared == CorpusGoldenTests.files.count - 1)
    }
}
