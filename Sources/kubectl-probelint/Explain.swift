import ArgumentParser
import ProbeLint

/// `kubectl-probelint explain PL101` (or a rule name): prints the rule's page,
/// embedded in the binary from rules/*.md.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Print a rule's page: what it checks, why, the arithmetic, examples and fix.",
        discussion: "RULE is an ID (PL101) or a name (probe-timeout-below-tail-latency). 'kubectl-probelint rules' lists them.")

    @Argument(help: ArgumentHelp("A rule ID or name.", valueName: "rule"),
              completion: .list(RuleCatalog.infos.map(\.id.rawValue) + RuleCatalog.infos.map(\.name)))
    var rule: String

    func run() throws {
        guard let info = RuleCatalog.lookup(rule) else {
            let hint = RuleCatalog.didYouMean(rule).map { " (\($0))" } ?? ""
            writeStderr("error: unknown rule '\(rule)'\(hint): run 'kubectl-probelint rules' to list the rules, then 'kubectl-probelint explain PLnnn'\n")
            throw ExitCode(Exit.inputError)
        }
        guard let page = RuleDocs.page(info.id) else {
            writeStderr("error: \(info.id) \(info.name) has no page in this build: \(info.summary)\n")
            throw ExitCode(Exit.inputError)
        }
        writeStdout(page)
    }
}
