import ArgumentParser
import ProbeLint

/// `--select PL101,PL102` runs only those rules; `--ignore PL204` turns rules off
/// (IDs or names, repeatable or comma lists), as ruff's flags do.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run only these rules (IDs or names; repeatable, or a comma-separated list).", valueName: "rules"))
    var select: [String] = []

    @Option(help: ArgumentHelp("Do not run these rules (IDs or names; repeatable, or a comma-separated list).", valueName: "rules"))
    var ignore: [String] = []

    func apply(to options: inout LintOptions) throws {
        let selected = try Self.resolve(select, flag: "--select")
        let ignored = try Self.resolve(ignore, flag: "--ignore")
        if !selected.isEmpty {
            options.disabledRules.formUnion(RuleCatalog.infos.map(\.id).filter { !selected.contains($0) })
        }
        options.disabledRules.formUnion(ignored)
    }

    static func resolve(_ values: [String], flag: String) throws -> Set<RuleID> {
        var ids: Set<RuleID> = []
        for word in values.flatMap({ $0.split(separator: ",") }).map(String.init) {
            guard let info = RuleCatalog.lookup(word) else {
                throw ValidationError("\(flag) '\(word)' is not a rule: see 'kubectl-probelint rules'")
            }
            ids.insert(info.id)
        }
        return ids
    }
}
