/// The seam between SARIF's `help` and the rule pages in `rules/`.
///
/// The pages are embedded in the binary by a generated `RuleDocs.generated.swift`
/// (the rules area). Point `page(for:)` at it when it lands; until then it
/// returns nil and reporters fall back to the rule's summary.
public enum RuleHelp {
    /// The Markdown page of a rule, or nil when none is embedded.
    public static func page(for id: RuleID) -> String? {
        nil
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
