import Foundation
import Testing
@testable import ProbeLint

/// Lints every file of shared/corpus as `kubectl-probelint <project folder>` would
/// (Rook facts such as the operator's image come from the whole folder) and
/// compares rule, line:column, severity and message with a golden file per input.
/// Regenerate on purpose only: `PROBELINT_UPDATE_GOLDENS=1 swift test --filter Corpus`,
/// then review every changed line.
@Suite struct CorpusGoldenTests {
    static let goldenRoot = TestSupport.packageRoot.appendingPathComponent("Tests/ProbeLintTests/Corpus/golden")

    /// Corpus files relative to shared/corpus, sorted; SOURCES.md is the corpus's description, not an input.
    static let files: [String] = {
        let root = TestSupport.corpus.path
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var out: [String] = []
        while let relative = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDir), !isDir.boolValue,
               relative != "SOURCES.md" {
                out.append(relative)
            }
        }
        return out.sorted()
    }()

    static func project(_ relative: String) -> String { String(relative.split(separator: "/").first ?? "") }

    /// One run per project folder (`rook-v1.1.0`), as `kubectl-probelint -R <folder>`: the
    /// operator's image, rook-config-override and Services are seen across its files.
    static let runs: [String: LintReport] = {
        var inputs: [String: [InputFile]] = [:]
        for relative in files {
            guard let data = FileManager.default.contents(atPath: TestSupport.corpus.path + "/" + relative) else { continue }
            inputs[project(relative), default: []].append(InputFile(path: relative, bytes: Array(data)))
        }
        return inputs.mapValues { Linter.lint($0) }
    }()

    static let facts: [String: RookFacts] = {
        var out: [String: RookFacts] = [:]
        for relative in files {
            guard let data = FileManager.default.contents(atPath: TestSupport.corpus.path + "/" + relative) else { continue }
            out[project(relative), default: RookFacts()].merge(RookFacts.scan(InputFile(path: relative, bytes: Array(data))))
        }
        return out
    }()

    static func render(_ relative: String) throws -> String {
        let report = try #require(runs[project(relative)])
        var environment = Environment()
        environment.rook.facts = facts[project(relative)] ?? RookFacts()
        var out = "# \(relative): Rook \(environment.rook.version.version) (\(environment.rook.version.origin))\n"
        for e in report.errors where e.file == relative {
            out += "\(e.position.map { "\($0.line):\($0.column)" } ?? "-") error: \(e.message)\n"
        }
        for f in report.findings where f.file == relative {
            out += "\(f.range.start.line):\(f.range.start.column) \(f.rule) \(f.severity.rawValue): \(f.message)\n"
        }
        return out
    }

    @Test func theCorpusIsComplete() {
        #expect(Self.files.count == 76)
        #expect(Self.files.contains("rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml"))
    }

    @Test(arguments: files)
    func matchesGolden(_ relative: String) throws {
        let actual = try Self.render(relative)
        let golden = Self.goldenRoot.appendingPathComponent(relative + ".golden")
        if ProcessInfo.processInfo.environment["PROBELINT_UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "\(relative) differs from its golden file; run PROBELINT_UPDATE_GOLDENS=1 swift test --filter Corpus and review the diff")
    }

    /// The Go template is not YAML: a parse error with its position, never a crash.
    @Test func goTemplateIsAParseErrorWithPosition() throws {
        let text = try Self.render("rook-v1.20.6/templates/floating-mon-drbd-deployment.yaml")
        #expect(text.contains("74:7 error: scanner: could not find expected ':'"))
    }

    /// Linting the v1.1.0 folder picks Rook's version from operator.yaml's image.
    @Test func rookVersionComesFromTheOperatorImage() {
        #expect(Self.facts["rook-v1.1.0"]?.operatorVersion?.version == RookVersion(1, 1, 0))
        #expect(Self.facts["rook-v1.20.6"]?.operatorVersion?.version == RookVersion(1, 20, 6))
    }
}
