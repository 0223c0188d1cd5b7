import Foundation
import Testing
@testable import ProbeLint

/// Every rules/*.md page against the code: one page per rule, headings, and
/// every ```yaml fires|passes|fixed``` block run through the Linter.
@Suite struct RuleDocsTests {
    @Test func everyRuleHasExactlyOnePageAndEveryPageARule() {
        let pages = RulePage.all
        #expect(!pages.isEmpty)
        for info in RuleCatalog.infos {
            let matching = pages.filter { $0.id == info.id.rawValue }
            #expect(matching.map(\.file) == ["\(info.id)-\(info.name).md"], "\(info.id) \(info.name)")
        }
        for page in pages {
            #expect(RuleCatalog.info(RuleID(rawValue: page.id)) != nil, "\(page.file) has no rule in allRules")
        }
    }

    @Test(arguments: RulePage.all)
    func pageHeaderMatchesRuleInfo(_ page: RulePage) throws {
        let info = try #require(RuleCatalog.info(RuleID(rawValue: page.id)), "\(page.file): title \(page.id)")
        #expect(page.name == info.name)
        #expect(page.file == "\(info.id)-\(info.name).md")
        #expect(page.severity == info.defaultSeverity.rawValue, "Severity: line of \(page.file)")
        // The paragraph under the header is the rule's summary (`rules`, SARIF's shortDescription, PL401's notes).
        #expect(page.text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) == info.summary,
                "line 4 of \(page.file) and RuleInfo.summary")
        #expect(page.fix == info.fix.rawValue, "Fix: on the Severity line of \(page.file)")
        #expect(page.sections == RulePage.headings, "\(page.file) headings")
        #expect(page.blocks.contains { $0.kind == .fires }, "\(page.file) needs a fires block")
        #expect(page.blocks.contains { $0.kind == .passes }, "\(page.file) needs a passes block")
        #expect(page.blocks.filter { $0.kind == .fires }.allSatisfy { block in block.expected.contains { $0.rule == page.id } },
                "every fires block of \(page.file) marks a line with # expect: \(page.id)")
    }

    /// README's rules table has a row per rule, in the catalog's order, with its name and its
    /// default severity first in the "default" column.
    @Test func readmeRulesTableMatchesTheCatalog() throws {
        let readme = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| PL") }.map {
            $0.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        }
        #expect(rows.map { $0[0] } == RuleCatalog.infos.map(\.id.rawValue))
        for (row, info) in zip(rows, RuleCatalog.infos) {
            #expect(row[1] == info.name, "README row \(row[0])")
            #expect(row[2].hasPrefix(info.defaultSeverity.rawValue), "README row \(row[0]): \(row[2])")
            #expect(row[2].contains("off by default") == !info.enabledByDefault, "README row \(row[0]): \(row[2])")
        }
    }

    @Test(arguments: RulePage.all)
    func blocksFireExactlyWhereMarked(_ page: RulePage) throws {
        for block in page.blocks {
            let result = try DocBlockRunner.run(Array(block.yaml.utf8), args: block.args)
            #expect(result.errors.isEmpty, "\(block): \(result.errors)")
            switch block.kind {
            case .fires:
                let marked = block.expected
                let rules = Set(marked.map(\.rule) + [page.id])
                let found = result.findings.filter { rules.contains($0.rule) }.sorted()
                #expect(found == marked, "\(block)")
            case .passes, .fixed:
                #expect(!result.findings.contains { $0.rule == page.id }, "\(block): \(result.findings)")
            }
        }
    }

    /// A `fixed` block shows the values that the preceding `fires` block's
    /// findings of the page's rule suggest (`field: value` on some line).
    @Test(arguments: RulePage.all)
    func fixedBlocksCarryTheSuggestedValues(_ page: RulePage) throws {
        var fires: CodeBlock?
        for block in page.blocks {
            if block.kind == .fires { fires = block }
            guard block.kind == .fixed, let source = fires else { continue }
            let options = try #require(DocBlockRunner.options(source.args), "\(source): a fires block with a fixed block takes only input flags and --rook-version")
            let report = Linter.lint([InputFile(path: "doc.yaml", bytes: Array(source.yaml.utf8))], options: options)
            let suggestions = report.findings.filter { $0.rule.rawValue == page.id }.flatMap(\.suggestions)
            #expect(!suggestions.isEmpty || RuleCatalog.info(RuleID(rawValue: page.id))?.fix == FixAvailability.none, "\(block)")
            let lines = Set(block.yaml.split(separator: "\n").map { line in
                String(line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").trimmingCharacters(in: .whitespaces)
            })
            for suggestion in suggestions {
                #expect(lines.contains("\(suggestion.field.rawValue): \(suggestion.value)"), "\(block): \(suggestion.field.rawValue) -> \(suggestion.value)")
            }
        }
    }

    /// swift-format's harness: the page's rule run alone gives the same findings
    /// of that rule as the full Linter.
    @Test(arguments: RulePage.all)
    func ruleAloneMatchesTheFullLinter(_ page: RulePage) throws {
        for block in page.blocks where block.kind == .fires {
            guard var options = DocBlockRunner.options(block.args) else { continue }
            let file = InputFile(path: "doc.yaml", bytes: Array(block.yaml.utf8))
            let full = Linter.lint([file], options: options).findings.filter { $0.rule.rawValue == page.id }
            options.disabledRules = Set(RuleCatalog.infos.map(\.id).filter { $0.rawValue != page.id })
            let alone = Linter.lint([file], options: options).findings
            #expect(alone.map(\.message) == full.map(\.message), "\(block)")
            #expect(alone.map(\.range) == full.map(\.range), "\(block)")
            #expect(!alone.isEmpty, "\(block)")
        }
    }

    /// DESIGN.md section 5: every fires and fixed block, varied four ways, gives
    /// the same findings with lines shifted by the known amount and the same columns.
    @Test(arguments: RulePage.all)
    func variationsKeepPositions(_ page: RulePage) throws {
        for block in page.blocks where block.kind != .passes {
            let base = try DocBlockRunner.run(Array(block.yaml.utf8), args: block.args).findings.sorted()
            for variant in Variant.allCases {
                let result = try DocBlockRunner.run(variant.apply(block.yaml), args: block.args)
                #expect(result.errors.isEmpty, "\(block) \(variant): \(result.errors)")
                let shifted = base.map { CodeBlock.Expected(rule: $0.rule, line: $0.line + variant.lineShift, column: $0.column) }
                #expect(result.findings.sorted() == shifted, "\(block) \(variant)")
            }
        }
    }

    /// A block with a flag other than the input flags runs through the built
    /// binary (`-o json`) and must find what the in-process run finds.
    @Test func binaryFallbackAgreesWithInProcess() throws {
        let page = try #require(RulePage.all.first { $0.id == "PL102" })
        let block = try #require(page.blocks.first { $0.kind == .fires })
        #expect(DocBlockRunner.inputFlags(block.args) != nil)
        #expect(DocBlockRunner.inputFlags(block.args + ["--max-depth", "64"]) == nil)
        let inProcess = try DocBlockRunner.run(Array(block.yaml.utf8), args: block.args)
        let viaBinary = try DocBlockRunner.run(Array(block.yaml.utf8), args: block.args + ["--max-depth", "64"])
        #expect(viaBinary.errors.isEmpty)
        #expect(viaBinary.findings.sorted() == inProcess.findings.sorted())
        #expect(inProcess.findings.contains { $0.rule == "PL102" })
        let equals = block.args.joined(separator: " ").replacingOccurrences(of: "--bandwidth ", with: "--bandwidth=")
        #expect(DocBlockRunner.inputFlags(equals.split(separator: " ").map(String.init)) == DocBlockRunner.inputFlags(block.args))
    }

    @Test func valueColumns() {
        #expect(CodeBlock.valueColumn("  timeoutSeconds: 1   ") == 19)
        #expect(CodeBlock.valueColumn("    - name: rgw ") == 13)
        #expect(CodeBlock.valueColumn("  livenessProbe:   ") == 3)
        #expect(CodeBlock.valueColumn("  \"a: b\": 5") == 11)
        #expect(CodeBlock.valueColumn("  café: 5") == 9)
    }

    enum Variant: String, CaseIterable, CustomStringConvertible {
        case multibyteComment, crlf, bom, secondDocument

        static let firstDocument = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: first}\n---\n"

        var description: String { rawValue }

        var lineShift: Int {
            switch self {
            case .multibyteComment: return 1
            case .crlf, .bom: return 0
            case .secondDocument: return 4
            }
        }

        func apply(_ yaml: String) -> [UInt8] {
            switch self {
            case .multibyteComment: return Array("# ünïcødé ✓ 日本語 🚀\n\(yaml)".utf8)
            case .crlf: return Array(yaml.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            case .bom: return [0xEF, 0xBB, 0xBF] + Array(yaml.utf8)
            case .secondDocument: return Array((Self.firstDocument + yaml).utf8)
            }
        }
    }
}
