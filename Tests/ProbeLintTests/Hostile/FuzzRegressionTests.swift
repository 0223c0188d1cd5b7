import Foundation
import Testing
@testable import ProbeLint

/// Every input the fuzzer (scripts/fuzz, docs/fuzzing.md) ever crashed on, kept in
/// Fixtures/fuzz-regressions/ and run the way the fuzz target runs it: the whole
/// pipeline and both reporters, every reported position inside the input, and the
/// file cut into three pieces linting as the whole file.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    static let directory = TestSupport.packageRoot.appendingPathComponent("Tests/ProbeLintTests/Fixtures/fuzz-regressions")

    static var inputs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted()
    }

    /// The regressions are there to be replayed: an empty list (a moved folder) would make the
    /// replay a test of nothing.
    @Test func theRegressionsAreFound() {
        #expect(Self.inputs.count >= 6, "\(Self.inputs)")
    }

    @Test(arguments: inputs)
    func replay(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent(name)))
        var options = LintOptions()
        // The fuzz target's limits (Fuzz/Sources/probelint-fuzz/FuzzLint.swift).
        options.limits.maxDepth = 64
        options.limits.maxAliases = 256
        options.limits.maxAliasExpansion = 4096
        // Rook facts from the whole file first, as the command line and the fuzz target gather them.
        options.environment.rook.facts.merge(RookFacts.gather([name], limits: options.limits) { _ in bytes })
        options.environment.rook.scanned = [name]
        let report = Linter.lint(InputFile(path: name, bytes: bytes), options: options)
        let positions = report.findings.flatMap { [$0.range.start, $0.range.end] } + report.errors.compactMap(\.position)
        for position in positions {
            #expect(position.offset >= 0 && position.offset <= bytes.count, "\(name): offset \(position.offset)")
            #expect(position.line >= 1 && position.column >= 1, "\(name): \(position)")
        }
        for finding in report.findings {
            #expect(finding.range.start.offset <= finding.range.end.offset, "\(name): \(finding.range)")
        }
        // Both reporters write the whole report: JSON that parses and counts every finding and
        // error, text that names each error's file.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter.report(report, tool: "test").utf8)) as? [String: Any])
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["inputErrors"] as? Int == report.errors.count && (json["findings"] as? [Any])?.count == report.findings.count, "\(name)")
        let text = TextReporter(color: false)
        #expect(report.errors.allSatisfy { text.render($0).hasPrefix(name) }, "\(name)")
        let pieces = FileSplitterTests.lintInPieces(InputFile(path: name, bytes: bytes), count: 3, options: options)
        #expect(text.report(pieces.findings) == text.report(report.findings), "\(name): findings in pieces")
        #expect(pieces.errors.map(\.description) == report.errors.map(\.description), "\(name): errors in pieces")
    }
}
