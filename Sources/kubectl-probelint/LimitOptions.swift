import ArgumentParser
import ProbeLint

/// `--max-*`: the limits that keep hostile input bounded (ReaderLimits, plus the
/// file size FileDiscovery enforces while reading). Each refusal names its flag.
/// A limit is a hard maximum of 0 or more: 0 allows none (`--max-file-bytes 0` reads
/// only empty files, `--max-aliases 0` refuses every alias); there is no "unlimited".
/// `.unconditional` takes `-1` as the value (else argument-parser reads it as an
/// option and says the value is missing), so that validate() can say what is wrong.
struct LimitOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Largest input file (or stdin), in bytes (0 or more; 0 reads only empty files).", valueName: "bytes"))
    var maxFileBytes = 256 << 20
    @Option(parsing: .unconditional, help: ArgumentHelp("Largest single YAML document, in bytes.", valueName: "bytes"))
    var maxDocumentBytes = ReaderLimits.default.maxDocumentBytes
    @Option(parsing: .unconditional, help: ArgumentHelp("Deepest nesting of mappings and sequences (libyaml slows quadratically with flow nesting: 100,000 levels of [ take over a minute).", valueName: "n"))
    var maxDepth = ReaderLimits.default.maxDepth
    @Option(parsing: .unconditional, help: ArgumentHelp("Most aliases in one document.", valueName: "n"))
    var maxAliases = ReaderLimits.default.maxAliases
    @Option(parsing: .unconditional, help: ArgumentHelp("Most nodes that aliases may expand to in one document.", valueName: "n"))
    var maxAliasExpansion = ReaderLimits.default.maxAliasExpansion
    @Option(parsing: .unconditional, help: ArgumentHelp("Longest scalar, in bytes.", valueName: "bytes"))
    var maxScalarBytes = ReaderLimits.default.maxScalarBytes
    @Option(parsing: .unconditional, help: ArgumentHelp("Most nodes (scalars, mappings, sequences) in one document.", valueName: "n"))
    var maxNodes = ReaderLimits.default.maxNodes

    var readerLimits: ReaderLimits {
        var limits = ReaderLimits()
        limits.maxDocumentBytes = maxDocumentBytes
        limits.maxDepth = maxDepth
        limits.maxAliases = maxAliases
        limits.maxAliasExpansion = maxAliasExpansion
        limits.maxScalarBytes = maxScalarBytes
        limits.maxNodes = maxNodes
        return limits
    }

    func validate() throws {
        let given = [("max-file-bytes", maxFileBytes), ("max-document-bytes", maxDocumentBytes), ("max-depth", maxDepth),
                     ("max-aliases", maxAliases), ("max-alias-expansion", maxAliasExpansion),
                     ("max-scalar-bytes", maxScalarBytes), ("max-nodes", maxNodes)]
        for (name, value) in given where value < 0 {
            throw ValidationError("--\(name) must be 0 or more, not \(value)")
        }
    }
}
