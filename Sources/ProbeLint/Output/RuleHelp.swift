/// SARIF's `help` and `fullDescription` from the rule pages in `rules/`, which
/// `scripts/generate-rule-docs` embeds in `RuleDocs.generated.swift`.
public enum RuleHelp {
    /// The Markdown page of a rule, or nil when none is embedded.
    public static func page(for id: RuleID) -> String? {
        RuleDocs.page(id)
    }

    /// The first paragraph under `## What it checks` (and the list it introduces), else the summary.
    public static func fullDescription(_ info: RuleInfo) -> String {
        guard let page = page(for: info.id) else { return info.summary }
        return section("What it checks", in: page) ?? info.summary
    }

    /// The first paragraph under `## heading` as plain lines: a paragraph's lines joined by
    /// one space, each list item (`- `, `1. `) on a line of its own without the indentation
    /// of its continuation lines, a table row as its cells between ` | ` (no delimiter row).
    /// A paragraph that ends with ":" goes on with the list or table after it. Whole lines
    /// only, as many as fit in `SARIFReporter.descriptionLimit`, and a line "..." when some do not.
    static func section(_ heading: String, in page: String) -> String? {
        // Split as bytes (a page has no CR): split as Characters, the fifteen pages took some 31 M
        // instructions, two thirds of `-o sarif`'s start-up.
        let lines = page.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## ") && $0.dropFirst(3).hasPrefix(heading) }) else { return nil }
        var rest = lines[(start + 1)...]
        var items: [String] = []
        while true {
            rest = rest.drop { isBlank($0) }
            let block = rest.prefix { !$0.isEmpty && !$0.hasPrefix("#") }
            guard !block.isEmpty, items.isEmpty || block.first.map(isListItem) == true else { break }
            for line in block {
                if line.hasPrefix("|") {
                    let cells = line.split(separator: "|").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                    if !cells.allSatisfy({ $0.allSatisfy { "-:".contains($0) } }) { items.append(cells.joined(separator: " | ")) }
                    continue
                }
                let text = line.drop { $0 == " " }
                if items.isEmpty || isListItem(line) { items.append(String(text)) } else { items[items.count - 1] += " " + text }
            }
            rest = rest.dropFirst(block.count)
            guard items.last?.hasSuffix(":") == true else { break }
        }
        var text = ""
        for (index, item) in items.enumerated() {
            let joined = text.isEmpty ? item : text + "\n" + item
            // Room for a last line "..." while lines are left.
            let room = SARIFReporter.descriptionLimit - (index == items.count - 1 ? 0 : 4)
            if joined.count > room && !text.isEmpty { return text + "\n..." }
            text = joined
        }
        return text.isEmpty ? nil : text
    }

    static func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " } }

    /// `- item`, `* item`, `1. item` or a table row, at the start of a line.
    static func isListItem(_ line: Substring) -> Bool {
        if line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("|") { return true }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        return !digits.isEmpty && line.dropFirst(digits.count).hasPrefix(". ")
    }
}

extension RuleInfo {
    /// The rule's page in the repository (`rules/PL101-probe-timeout-below-tail-latency.md`):
    /// SARIF's `helpUri` and `rules -o json`'s `page`.
    public var pageURI: String { "\(SARIFReporter.informationURI)/blob/main/rules/\(id)-\(name).md" }

    /// The catalog entry as `kubectl-probelint rules -o json` lists it.
    public var json: JSONValue {
        .object([("id", .string(id.rawValue)), ("name", .string(name)), ("severity", .string(defaultSeverity.rawValue)),
                 ("enabled", .bool(enabledByDefault)), ("fix", .string(fix.rawValue)), ("summary", .string(summary)), ("tags", .array(tags.map { .string($0) })),
                 ("page", .string(pageURI))])
    }
}
