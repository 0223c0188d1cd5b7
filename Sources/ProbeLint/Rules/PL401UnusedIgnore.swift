/// PL401: a `# probelint ignore=` comment or a `probelint.io/ignore` annotation names a rule
/// that finds nothing where the directive applies. Such a directive silences nothing today
/// and will silence that rule's next finding there unseen: a probe fixed once and broken
/// again. Off unless asked for (`--enable PL401`), as pylint's useless-suppression is: what
/// some rules find depends on the run's inputs (`--bandwidth` for PL101), so a run without
/// CI's flags would call CI's ignores unused.
///
/// Not a check of an object: the Linter runs the ignored rules anyway, notes every finding
/// in `IgnoreDirectives` before any directive silences it, and asks it for the directives
/// that no finding used.
enum UnusedIgnore {
    static let info = RuleInfo(
        id: "PL401", name: "unused-ignore",
        summary: "An ignore comment or annotation names a rule that finds nothing where it applies, so it would silence that rule's next finding there unseen.",
        defaultSeverity: .warning, fix: .none, tags: ["suppression"], enabledByDefault: false)
}

/// A document's ignore directives as PL401 judges them: each rule a directive names, and
/// whether a finding of that rule lay where the directive applies (found before any
/// directive silenced it, so that two directives that cover the same finding are both used).
struct IgnoreDirectives {
    struct Directive {
        /// A comment's `#` (to the end of its text), or an annotation's value.
        var range: SourceRange
        var place: AnnotationPlace?
        /// The rules it names that this run checks (a rule turned off is not judged).
        var rules: [RuleID]
        var used: [Bool]
        /// A comment's scope (`IgnoreScope.offsets`); the whole object for an annotation.
        var offsets: Range<Int>
        /// A CephCluster daemon's own annotation (`spec.annotations.mon`): its pod's containers.
        var containers: [String]?

        /// The rules it names that no finding used.
        var unused: [RuleID] { zip(rules, used).filter { !$0.1 }.map(\.0) }
    }

    private var comments: [Directive] = []
    /// The object being linted's annotations.
    private var annotations: [Directive] = []
    /// The rules the run checks.
    private let checked: Set<RuleID>
    /// The document's linted objects: a comment in none of them (an object `-l` did not
    /// select) is not judged.
    private var objects: [(offsets: ClosedRange<Int>, ref: ObjectRef, node: NodeID)] = []

    /// A directive that names PL401 asks not to be judged.
    private static func judged(_ rules: [RuleID], checked: Set<RuleID>) -> [RuleID]? {
        rules.contains(UnusedIgnore.info.id) ? nil : rules.filter { checked.contains($0) }
    }

    init(_ scopes: [IgnoreScope], checked: Set<RuleID>) {
        self.checked = checked
        for scope in scopes {
            guard let at = scope.at, let rules = Self.judged(scope.rules, checked: checked), !rules.isEmpty else { continue }
            comments.append(Directive(range: at, place: nil, rules: rules, used: rules.map { _ in false }, offsets: scope.offsets))
        }
    }

    /// Starts an object: its ignore annotations (object, pod template, a Rook CR's pod annotations,
    /// a CephCluster daemon's own).
    mutating func begin(_ context: ObjectContext) {
        annotations.removeAll(keepingCapacity: true)
        if !comments.isEmpty {
            objects.append((context.manifest.range.start.offset...context.manifest.range.end.offset, context.manifest.ref,
                            context.manifest.node))
        }
        func add(_ value: Located<String>, _ place: AnnotationPlace, container: String?) {
            if let container, let i = annotations.firstIndex(where: { $0.range == value.range }) {
                annotations[i].containers?.append(container)
                return
            }
            var named: [RuleID] = []
            for word in Linter.ignoreWords(value.value) {
                if let id = RuleCatalog.lookup(String(word))?.id, !named.contains(id) { named.append(id) }
            }
            guard let rules = Self.judged(named, checked: checked), !rules.isEmpty else { return }
            annotations.append(Directive(range: value.range, place: place, rules: rules, used: rules.map { _ in false },
                                         offsets: 0..<Int.max, containers: container.map { [$0] }))
        }
        for (value, place) in context.annotations.values(Linter.ignoreAnnotation) { add(value, place, container: nil) }
        for pod in context.podIgnores { add(pod.value, pod.place, container: pod.container) }
    }

    /// A finding of `rule` at `offset` (in `container`), before any directive silenced it.
    mutating func note(_ rule: RuleID, container: String?, at offset: Int) {
        func mark(_ directive: inout Directive) {
            if let i = directive.rules.firstIndex(of: rule) { directive.used[i] = true }
        }
        for i in comments.indices where comments[i].offsets.contains(offset) { mark(&comments[i]) }
        for i in annotations.indices {
            if let containers = annotations[i].containers, !containers.contains(where: { $0 == container }) { continue }
            mark(&annotations[i])
        }
    }

    /// The object's unused annotations as findings. `silenced`: whether PL401 is ignored at an offset.
    mutating func endObject(_ context: ObjectContext, severity: Severity, findingPaths: Bool,
                            silenced: (Int) -> Bool, into findings: inout [Finding]) {
        for directive in annotations where directive.used.contains(false) && !silenced(directive.range.start.offset) {
            let unused = directive.unused
            let subject = "\(Linter.ignoreAnnotation)\(directive.place?.suffix ?? "")"
            let message = Self.message(directive, subject: subject, scope: context.manifest.ref.objectName,
                                       remove: unused.count == 1 ? "remove it" : "remove them", from: "from the list")
            var finding = Finding(rule: UnusedIgnore.info.id, severity: severity, message: message, file: context.document.file,
                                  range: directive.range, object: context.manifest.ref, notes: Self.notes(unused))
            if findingPaths { finding.path = context.document.path(to: directive.range, from: context.manifest.node) }
            findings.append(finding)
        }
    }

    /// Whether the document has a comment to judge.
    var hasComments: Bool { !comments.isEmpty }

    /// The document's unused comments as findings, each on the linted object it lies in.
    func endDocument(_ document: Document, severity: Severity, findingPaths: Bool,
                     silenced: (Int, ObjectRef) -> Bool, into findings: inout [Finding]) {
        for directive in comments where directive.used.contains(false) {
            let hash = directive.range.start.offset
            // The object the comment applies in: the one its scope starts in, else the first linted one
            // it covers; a comment that covers nothing (after the document's last node), the last
            // linted one before it.
            let start = directive.offsets.lowerBound
            guard let object = objects.first(where: { $0.offsets.contains(start) })
                    ?? objects.first(where: { directive.offsets.overlaps($0.offsets.lowerBound..<$0.offsets.upperBound + 1) })
                    ?? (directive.offsets.isEmpty ? objects.last(where: { $0.offsets.lowerBound <= hash }) : nil)
            else { continue }
            if silenced(hash, object.ref) { continue }
            let unused = directive.unused
            // After the document's last node it covers nothing, and never will: where it stands is the fault.
            let message = directive.offsets.isEmpty
                ? "this '# \(IgnoreComments.directive)' comment covers nothing: no node of its document starts on its line or after it; put it at the end of the line of what it silences, or on the line before it, or remove it"
                : Self.message(directive, subject: "this '# \(IgnoreComments.directive)' comment", scope: "what it covers",
                               remove: unused.count == directive.rules.count ? "remove the comment"
                                   : unused.count == 1 ? "remove it" : "remove them", from: "from the comment")
            var finding = Finding(rule: UnusedIgnore.info.id, severity: severity, message: message, file: document.file,
                                  range: directive.range, object: object.ref, notes: Self.notes(unused))
            if findingPaths {
                let at = SourcePosition(offset: max(start, object.offsets.lowerBound), line: directive.range.start.line, column: 1)
                finding.path = document.path(to: SourceRange(start: at, end: at), from: object.node)
            }
            findings.append(finding)
        }
    }

    /// "SUBJECT names PL107, which finds nothing in SCOPE: " and what to do: remove the unused
    /// rules (`from` the list when others stay), or it silences the next such finding unseen.
    private static func message(_ directive: Directive, subject: String, scope: String, remove: String, from: String) -> String {
        let unused = directive.unused
        let head = "\(subject) names \(list(unused)), which \(unused.count == 1 ? "finds" : "find") nothing in \(scope): \(remove)"
        guard unused.count < directive.rules.count else {
            return "\(head), or \(remove == "remove the comment" || unused.count == 1 ? "it" : "they") will silence the next such finding unseen"
        }
        let kept = directive.rules.filter { !unused.contains($0) }
        return "\(head) \(from) (\(list(kept)) still silence\(kept.count == 1 ? "s" : "") a finding)"
    }

    /// `PL107` / `PL107 and PL101` / `PL107, PL101 and PL204`.
    private static func list(_ rules: [RuleID]) -> String { MessageText.list(rules.map(\.rawValue)) }

    private static func notes(_ unused: [RuleID]) -> Notes {
        var notes = Notes()
        for id in unused {
            guard let info = RuleCatalog.info(id) else { continue }
            notes.append(.note, "\(id) \(info.name): \(info.summary)")
        }
        notes.append(.note, "judged with this run's inputs (flags, annotations, .probelint.yaml): run PL401 with the flags CI passes")
        return notes
    }
}
