import ArgumentParser
import ProbeLint

/// `--max-*`: the limits that keep hostile input bounded (ReaderLimits, plus the
/// file size FileDiscovery enforces while reading). Each refusal names its flag.
struct LimitOptions: ParsableArguments {
    @Option(help: "Largest input file, in bytes.")
    var maxFileBytes = 256 << 20
    @Option(help: "Largest single YAML document, in bytes.")
    var maxDocumentBytes = ReaderLimits.default.maxDocumentBytes
    @Option(help: "Deepest nesting of mappings and sequences (libyaml slows quadratically with flow nesting: 100,000 levels of [ take over a minute).")
    var maxDepth = ReaderLimits.default.maxDepth
    @Option(help: "Most aliases in one document.")
    var maxAliases = ReaderLimits.default.maxAliases
    @Option(help: "Most nodes that aliases may expand to in one document.")
    var maxAliasExpansion = ReaderLimits.default.maxAliasExpansion
    @Option(help: "Longest scalar, in bytes.")
    var maxScalarBytes = ReaderLimits.default.maxScalarBytes
    @Option(help: "Most nodes (scalars, mappings, sequences) in one document.")
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
            throw ValidationError("--\(name) must not be negative (got \(value))")
        }
    }
}
