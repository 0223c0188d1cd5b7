/// One input: a path as the user gave it and its bytes, unchanged.
public struct InputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}

/// An input problem: broken YAML, a limit, an unreadable file, a bad input
/// value. Not a rule: it goes to stderr and makes the exit code 2.
public struct LintError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var position: SourcePosition?
    public var message: String
    public var snippet: String?

    public init(file: String, position: SourcePosition?, message: String, snippet: String? = nil) {
        self.file = file
        self.position = position
        self.message = message
        self.snippet = snippet
    }

    public init(_ error: YAMLError) {
        self.init(file: error.file, position: error.position, message: "\(error.kind.rawValue): \(error.message)",
                  snippet: error.snippet)
    }

    public var description: String {
        let at = position.map { ":\($0.line):\($0.column)" } ?? ""
        return "\(file)\(at): error: \(message)"
    }
}

public struct LintReport: Sendable {
    public var findings: [Finding] = []
    public var errors: [LintError] = []
    /// Files read (for summaries).
    public var files = 0
    public var objects = 0

    public init() {}

    public mutating func merge(_ other: LintReport) {
        findings += other.findings
        errors += other.errors
        files += other.files
        objects += other.objects
    }
}

public struct LintOptions: Sendable {
    public var environment = Environment()
    public var limits = ReaderLimits.default
    public var disabledRules: Set<RuleID> = []
    public var severities: [RuleID: Severity] = [:]
    public init() {}
}

/// The pipeline: bytes -> documents -> typed objects -> rules -> findings.
public enum Linter {
    static let ignoreAnnotation = "probelint.io/ignore"

    public static func lint(_ file: InputFile, options: LintOptions = LintOptions()) -> LintReport {
        var report = LintReport()
        report.files = 1
        let rules = allRules.filter { !options.disabledRules.contains($0.info.id) }.map { $0.init() }
        do {
            try Reader.read(file.bytes, file: file.path, limits: options.limits) { document in
                lint(document, rules: rules, options: options, into: &report)
            }
        } catch {
            report.errors.append(LintError(error))
        }
        report.findings.sort(by: Finding.reportOrder)
        return report
    }

    public static func lint(_ document: Document, options: LintOptions = LintOptions()) -> LintReport {
        var report = LintReport()
        lint(document, rules: allRules.filter { !options.disabledRules.contains($0.info.id) }.map { $0.init() },
             options: options, into: &report)
        report.findings.sort(by: Finding.reportOrder)
        return report
    }

    static func lint(_ document: Document, rules: [any Rule], options: borrowing LintOptions, into report: inout LintReport) {
        let decoded = ManifestDecoder.decode(document)
        for manifest in decoded.manifests {
            report.objects += 1
            let problems = decoded.problems.filter {
                manifest.range.start.offset <= $0.range.start.offset && $0.range.start.offset <= manifest.range.end.offset
            }
            let context = ObjectContext(manifest: manifest, document: document, environment: options.environment,
                                        problems: problems)
            for problem in context.inputProblems {
                report.errors.append(LintError(file: document.file, position: problem.range.start, message: problem.message))
            }
            let ignored = ignoredRules(manifest)
            for rule in rules where !ignored.contains(type(of: rule).info.id) {
                for var finding in rule.check(context) {
                    if let severity = options.severities[finding.rule] { finding.severity = severity }
                    report.findings.append(finding)
                }
            }
        }
    }

    /// `probelint.io/ignore: PL104,PL204 -- reason`
    static func ignoredRules(_ manifest: Manifest) -> Set<RuleID> {
        guard let value = manifest.metadata.annotations[ignoreAnnotation]?.value else { return [] }
        var ids = Substring(value)
        if let dash = value.indices.first(where: { value[$0...].hasPrefix("--") }) { ids = value[..<dash] }
        return Set(ids.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { word in
            RuleCatalog.lookup(String(word))?.id
        })
    }
}
