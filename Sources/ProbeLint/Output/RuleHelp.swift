/// SARIF's `help` and `fullDescription` from the rule pages in `rules/`, which
/// `scripts/generate-rule-docs` embeds in `RuleDocs.generated.swift`.
public enum RuleHelp {
    /// The Markdown page of a rule, or nil when none is embedded.
    public static func page(for id: RuleID) -> String? {
        RuleDocs.page(id)
    }

    /// The first paragraph under `## What it checks`, else the summary.
    public static func fullDescription(_ info: RuleInfo) -> String {
        guard let page = page(for: info.id) else { return info.summary }
        return section("What it checks", in: page) ?? info.summary
    }

    static func section(_ heading: String, in page: String) -> String? {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## ") && $0.dropFirst(3).hasPrefix(heading) }) else { return nil }
        let paragraph = lines[(start + 1)...].drop { $0.allSatisfy { $0 == " " } }.prefix { !$0.isEmpty && !$0.hasPrefix("#") }
        let text = paragraph.joined(separator: " ")
        return text.isEmpty ? nil : text
    }
}
