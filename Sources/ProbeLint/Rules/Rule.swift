/// A rule's stable identifier: `PL` and three digits, never reused.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
}

public enum Severity: String, CaseIterable, Comparable, Sendable {
    case info, warning, error

    public var rank: Int {
        switch self {
        case .info: return 0
        case .warning: return 1
        case .error: return 2
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool {
        a.rank < b.rank
    }

    /// Whether a finding of this severity fails a run whose `--fail-on` is `threshold` (exit 1):
    /// at or above it; never when there is none (`--fail-on never`). Every report and exit status asks this.
    public func fails(at threshold: Severity?) -> Bool { threshold.map { self >= $0 } ?? false }
}

/// Whether a rule's findings carry a fix (ruff's page header).
public enum FixAvailability: String, Sendable {
    case none, sometimes, always
}

/// The one source of truth for a rule's identity: its page in `rules/` repeats
/// these and a test keeps the two in step.
public struct RuleInfo: Sendable {
    public let id: RuleID
    public let name: String
    public let summary: String
    public let defaultSeverity: Severity
    public let fix: FixAvailability
    /// Tags for SARIF `properties.tags`.
    public let tags: [String]
    /// False for a rule that runs only when asked for (`--enable`, `--select`, or a severity
    /// in `.probelint.yaml`), as pylint's useless-suppression and ruff's RUF100 do.
    public let enabledByDefault: Bool

    public init(id: RuleID, name: String, summary: String, defaultSeverity: Severity, fix: FixAvailability,
                tags: [String] = [], enabledByDefault: Bool = true) {
        self.id = id
        self.name = name
        self.summary = summary
        self.defaultSeverity = defaultSeverity
        self.fix = fix
        self.tags = tags
        self.enabledByDefault = enabledByDefault
    }
}

/// A check over one Kubernetes object.
public protocol Rule: Sendable {
    static var info: RuleInfo { get }
    init()
    /// Appends the object's findings to `findings`, which may hold others before them: the
    /// caller's list, where an array of each rule's own was an allocation (and its free) for
    /// every rule that found something. Rules append each in a loop rather than
    /// `compactMap` to an optional finding: compactMap copies each finding out of the
    /// optional its closure returns and destroys the optional of every probe or container
    /// without one (over a million instructions a rule on a large run).
    func check(_ object: ObjectContext, into findings: inout [Finding])
    /// The rule as a cross-object rule, or nil. A requirement, not an `as?` cast:
    /// a cast to a protocol scans every conformance record of the binary once
    /// per rule type, which costs start-up time.
    var crossObject: (any CrossObjectRule)? { get }
}

extension Rule {
    public var crossObject: (any CrossObjectRule)? { nil }
}

/// A rule whose findings depend on other objects of the run (PL205: a Service in
/// any file): per object it returns candidates, which `Linter.resolve` confirms
/// once every file is read (CrossObjectFacts).
public protocol CrossObjectRule: Rule {
    /// Appends the object's pending findings to `pending` (the caller's, as `check` does).
    func candidates(_ object: ObjectContext, into pending: inout [CrossObjectFacts.PendingFinding])
}

extension CrossObjectRule {
    public var crossObject: (any CrossObjectRule)? { self }
}

/// Every rule, sorted by ID.
public let allRules: [any Rule.Type] = [
    ProbeTimeoutBelowTailLatency.self,
    KillWindowShorterThanSaturation.self,
    FalseRestartRate.self,
    DetectionTimeTooLong.self,
    StartupBudgetBelowStartupTime.self,
    GracePeriodBelowDrainTime.self,
    LivenessProbeOnDataPort.self,
    CommandTimeoutAboveProbeTimeout.self,
    LivenessIdenticalToReadiness.self,
    InvalidProbeField.self,
    ProbePortNotFound.self,
    MissingLivenessProbe.self,
    MissingReadinessProbe.self,
    RookManagedObject.self,
    MdsMemoryBelowCache.self,
    MdsWithoutHotStandby.self,
    RookProbeSettingNotApplied.self,
]

public enum RuleCatalog {
    /// Built once: reports look a rule up per finding (JSON and GitHub print its name),
    /// and mapping `allRules` on each lookup cost about 4,700 instructions a call.
    /// `allRules`' in their order (the Linter reads an entry by a rule's index there), then
    /// PL401, which checks no object but the run's ignore directives (`IgnoreDirectives`).
    public static let infos: [RuleInfo] = allRules.map { $0.info } + [UnusedIgnore.info]
    /// PL401's ID: alone it finds nothing, since it judges the ignores of the rules that run.
    public static let unusedIgnore = UnusedIgnore.info.id

    public static func info(_ id: RuleID) -> RuleInfo? { infos.first { $0.id == id } }

    /// Accepts an ID (`PL101`) or a name (`probe-timeout-below-tail-latency`).
    public static func lookup(_ text: String) -> RuleInfo? {
        infos.first { $0.id.rawValue == text.uppercased() || $0.name == text }
    }
}
