import ArgumentParser
import ProbeLint

/// `--select PL101,PL102` runs only those rules; `--ignore PL204` turns rules off;
/// `--enable PL401` turns on a rule that is off by default (IDs or names, repeatable or
/// comma lists), as ruff's and golangci-lint's flags do.
struct RuleSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run only these rules (IDs or names; repeatable, or a comma-separated list).", valueName: "rules"),
            completion: .list(RuleCatalog.infos.map(\.id.rawValue)))
    var select: [String] = []

    @Option(help: ArgumentHelp("Do not run these rules (IDs or names; repeatable, or a comma-separated list).", valueName: "rules"),
            completion: .list(RuleCatalog.infos.map(\.id.rawValue)))
    var ignore: [String] = []

    @Option(help: ArgumentHelp("Also run these rules that are off by default (PL401 unused-ignore).", valueName: "rules"),
            completion: .list(RuleCatalog.infos.filter { !$0.enabledByDefault }.map(\.id.rawValue)))
    var enable: [String] = []

    /// `warn` is told of each rule ID of a later version's form (`PL999`, `RuleCatalog.laterRuleID`):
    /// a warning, not a usage error, as in `.probelint.yaml` and ignore annotations, so that a hook's
    /// `args: [--ignore, PL109]` written for a later release still runs with this one.
    func apply(to options: inout LintOptions, warn: (String) -> Void = { _ in }) throws {
        // `--select ""` (an unset CI variable) selected nothing, which ran every rule: a value that
        // names no rule is refused there, as ruff refuses an empty selector. An empty `--ignore`
        // or `--enable` names nothing to ignore or enable, and is nothing.
        if let empty = select.first(where: { Self.words($0).isEmpty }) {
            throw ValidationError("--select '\(empty)' names no rule: give rule IDs or names (see 'kubectl-probelint rules')")
        }
        let selected = try Self.resolve(select, flag: "--select", warn: warn)
        let ignored = try Self.resolve(ignore, flag: "--ignore", warn: warn)
        let enabled = try Self.resolve(enable, flag: "--enable", warn: warn)
        // A --select of later rules alone selects none of this version's: not every rule.
        if !select.isEmpty && selected.isEmpty {
            throw ValidationError("--select names no rule of this version of probelint: no rule would run (see 'kubectl-probelint rules')")
        }
        // Nothing left to run passed without a word (`--select PL101 --ignore PL101`), as a clean
        // run; so did PL401 alone, which judges only the ignores of rules that run.
        let byDefault = Set(RuleCatalog.infos.filter(\.enabledByDefault).map(\.id))
        let running = (selected.isEmpty ? byDefault.union(enabled) : selected.union(enabled)).subtracting(ignored)
        if running.subtracting([RuleCatalog.unusedIgnore]).isEmpty {
            let named = selected.isEmpty ? "every rule" : "every rule --select names"
            throw ValidationError(running.isEmpty ? "--ignore takes out \(named): no rule would run"
                                  : "PL401 alone finds nothing: it judges the ignores of the rules that run, and no other rule would run")
        }
        if !selected.isEmpty {
            options.disabledRules.formUnion(RuleCatalog.infos.map(\.id).filter { !selected.contains($0) })
        }
        options.enabledRules.formUnion(selected.union(enabled))
        options.namedRules.formUnion(selected.union(enabled).subtracting(ignored))
        options.disabledRules.formUnion(ignored)
    }

    /// A value's rule words, split at commas and blanks.
    static func words(_ value: String) -> [Substring] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" })
    }

    static func resolve(_ values: [String], flag: String, warn: (String) -> Void = { _ in }) throws -> Set<RuleID> {
        var ids: Set<RuleID> = [], warned: Set<RuleID> = []
        // Split at commas and blanks, as the ignore annotation's words are: `--select "PL101, PL204"`.
        for word in values.flatMap(words).map(String.init) {
            guard let info = RuleCatalog.lookup(word) else {
                if let later = RuleCatalog.laterRuleID(word) {
                    // Once for an ID named twice (`--ignore PL999,PL999`).
                    if warned.insert(later).inserted { warn("\(flag): \(RuleCatalog.laterRuleNote(later)); the flag does nothing for it") }
                    continue
                }
                let hint = RuleCatalog.didYouMean(word).map { " (\($0))" } ?? ""
                throw ValidationError("\(flag) '\(word)' is not a rule\(hint): see 'kubectl-probelint rules'")
            }
            ids.insert(info.id)
        }
        return ids
    }
}
