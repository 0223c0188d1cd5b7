/// Why a YAML stream could not be read. Every case carries the file and a
/// 1-based position so that it prints as `file:line:column: error: ...`.
public struct YAMLError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case reader, scanner, parser, composer, limit, encoding
    }

    public var kind: Kind
    public var problem: String
    public var context: String?
    public var file: String
    public var position: SourcePosition
    /// The source line and a caret under the column, when the line is known.
    public var snippet: String?

    /// Adds `hint` after the context libyaml (or a check of probelint's) gave.
    mutating func addContext(_ hint: String) {
        context = context.map { "\($0); \(hint)" } ?? hint
    }

    public init(kind: Kind, problem: String, context: String? = nil, file: String,
                position: SourcePosition, snippet: String? = nil) {
        self.kind = kind
        self.problem = problem
        self.context = context
        self.file = file
        self.position = position
        self.snippet = snippet
    }

    public var message: String {
        if let context { return "\(problem) (\(context))" }
        return problem
    }

    public var description: String {
        "\(file):\(position.line):\(position.column): error: \(kind.rawValue): \(message)"
    }
}

/// The limits that keep hostile input bounded. Each has a flag to raise it.
/// Sizes are also enforced while libyaml reads (see `InputFeed`), so an
/// oversized scalar or document is refused before libyaml buffers all of it.
public struct ReaderLimits: Sendable, Equatable {
    /// Largest accepted nesting of sequences and mappings.
    public var maxDepth = 512
    /// Largest number of aliases in one document.
    public var maxAliases = 10_000
    /// Largest number of nodes that aliases may stand for in one document, counted
    /// as if every alias were expanded (a "billion laughs" file fails here fast).
    public var maxAliasExpansion = 1_000_000
    /// Largest single document, in bytes.
    public var maxDocumentBytes = 64 << 20
    /// Largest scalar, in bytes.
    public var maxScalarBytes = 16 << 20
    /// Most nodes (scalars, mappings, sequences) in one document: each costs about
    /// 100 bytes in the arena, so a 50 MB line of `[1,1,1,...` would need 2.5 GB;
    /// real manifests have far fewer (the largest document in the shared corpus, a Rook CRD, has 7,975).
    public var maxNodes = 500_000
    /// Whether a key written twice in one mapping is refused, as kubectl's decoder and
    /// kustomize refuse it in a manifest (docs/yaml.md). kustomize reads a kustomization file
    /// with the last value winning, and so does probelint (`KustomizationPatches.readerLimits`).
    public var refusesDuplicateKeys = true

    public init() {}
    public static let `default` = ReaderLimits()
}
