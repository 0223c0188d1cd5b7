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

    public var description: String { line(label: "error") }

    /// `file:line:column: LABEL: message`, as an error (`description`) or a warning shows it.
    public func line(label: String) -> String {
        let place = place
        return place.isEmpty ? "\(label): \(message)" : "\(place): \(label): \(message)"
    }

    /// `file:line:column`, or the file alone when the problem has no position.
    public var place: String {
        position.map { "\(file):\($0.line):\($0.column)" } ?? file
    }
}

public struct LintReport: Sendable {
    public var findings: [Finding] = []
    public var errors: [LintError] = []
    /// Input warnings: a config file's setting that does nothing (`rules: {PL999: off}`). They
    /// go to stderr as they are found, and into the machine-readable reports as well.
    public var warnings: [LintError] = []
    /// Warnings of the run's manifests found before they are linted, with the Rook facts:
    /// operator images that disagree or name no release, a `rook-version` the operator image
    /// overrides, a `rook-config-override` or Rook CR given twice. Printed as found, as config
    /// warnings are; the reports label them as the manifests' own (`fileWarnings`), after those.
    public var factWarnings: [LintError] = []
    /// Warnings of the linted files themselves: an ignore annotation or comment that names a rule
    /// of a later version (`RuleCatalog.laterRuleID`). They go to stderr with the input errors,
    /// and into the machine-readable reports after `warnings`; neither changes the exit status.
    public var fileWarnings: [LintError] = []
    /// What the machine-readable reports list as warnings.
    public var allWarnings: [LintError] { fileWarnings.isEmpty && factWarnings.isEmpty ? warnings : warnings + factWarnings + fileWarnings }
    /// The warnings the reports label as the manifests' (not a config file's).
    public var inputWarnings: [LintError] { factWarnings.isEmpty ? fileWarnings : factWarnings + fileWarnings }
    /// Files read (for summaries).
    public var files = 0
    public var objects = 0
    /// Objects made by a controller from its pod template (`Manifest.templateOwner`), not
    /// linted: the controller's findings are theirs. The first one's name, for the note.
    public var madeByControllers = 0
    public var firstMadeByController: (object: ObjectRef, owner: OwnerReference)?
    /// Documents that are not Kubernetes objects (`DecodedDocument.notObject`), not linted, and
    /// the first one's place and what it is, for the note.
    public var notObjects = 0
    public var firstNotObject: (place: String, what: String)?
    /// Facts for rules that look across objects, until `Linter.resolve`.
    public var crossObject = CrossObjectFacts()
    /// Set when reading stopped at a YAML error or a limit (the error is in `errors`).
    public var readFailed = false

    public init() {}

    /// An input problem of `file`: an input error, or a warning (`InputProblem.warning`).
    mutating func add(_ problem: InputProblem, file: String) {
        let error = LintError(file: file, position: problem.range.start, message: problem.message)
        if problem.warning { fileWarnings.append(error) } else { errors.append(error) }
    }

    public mutating func merge(_ other: consuming LintReport) { merge(moving: &other) }

    /// Merges `other` and leaves its pending cross-object findings empty: they are moved,
    /// not copied (a retain of every String they hold), when `other` is the only owner.
    public mutating func merge(moving other: inout LintReport) {
        findings += other.findings
        errors += other.errors
        // Each once: every file of a run may carry the same config file's warning.
        for warning in other.warnings where !warnings.contains(warning) { warnings.append(warning) }
        for warning in other.factWarnings where !factWarnings.contains(warning) { factWarnings.append(warning) }
        fileWarnings += other.fileWarnings
        files += other.files
        objects += other.objects
        if firstMadeByController == nil { firstMadeByController = other.firstMadeByController }
        madeByControllers += other.madeByControllers
        if firstNotObject == nil { firstNotObject = other.firstNotObject }
        notObjects += other.notObjects
        readFailed = readFailed || other.readFailed
        crossObject.merge(moving: &other.crossObject)
    }
}

public struct LintOptions: Sendable {
    public var environment = Environment()
    public var limits = ReaderLimits.default
    public var disabledRules: Set<RuleID> = []
    /// Rules off by default (`RuleInfo.enabledByDefault`) that the run turns on: `--enable`,
    /// `--select`, a severity in `.probelint.yaml`. `disabledRules` still wins.
    public var enabledRules: Set<RuleID> = []
    /// The rules `--select` or `--enable` name: the command line's choice, which a
    /// `.probelint.yaml` `off` does not undo (as ruff's `--select` wins over a config's `ignore`).
    public var namedRules: Set<RuleID> = []
    public var severities: [RuleID: Severity] = [:]
    /// Whether findings get `path` (the field's dotted path in its object): JSON,
    /// SARIF, GitHub output and fixes read it; file-based text output does not.
    public var findingPaths = true
    /// `-l`: only the objects whose labels it selects are linted; the others still count as
    /// facts for the rest (a Service's ports, a Rook CR's settings). Nil: every object.
    public var selector: LabelSelector?
    /// `-l`'s text, for the note when it selects nothing (`LintReport.emptySelectionNote`).
    public var selectorText: String?
    /// Findings that comments the linted text no longer holds silence: `-k -o patch` plans its
    /// patches from kustomize's render, which drops comments, with those its trace found silenced
    /// in DIR's files (`lint(_:options:)` leaves them out).
    public var silenced: Set<FindingIdentity> = []
    public init() {}
}

/// A finding by its rule, object and field path: what a rendered object's finding and the same
/// object's traced one share (their files and positions differ).
public struct FindingIdentity: Hashable, Sendable {
    public var rule: RuleID
    public var object: ObjectRef
    public var path: String?

    public init(_ finding: Finding) {
        rule = finding.rule
        object = finding.object
        path = finding.path
    }
}

extension LintReport {
    /// The note for `-l` that selected no object of a run that read cleanly: `kubectl apply -l`
    /// would refuse to apply nothing, and a mistyped selector must not pass without a word. A
    /// note, not an error: a pre-commit hook with `-l` is handed files without such objects.
    public func emptySelectionNote(_ options: LintOptions) -> String? {
        // Objects a controller made count as selected: their own note says why they were not linted.
        guard options.selector != nil, objects == 0, madeByControllers == 0, errors.isEmpty else { return nil }
        return "note: -l '\(options.selectorText ?? "")' selects no object of the inputs: nothing was linted\n"
    }

    /// The notes on stderr about what the run did not lint: `emptySelectionNote`,
    /// `madeByControllersNote` and `notObjectsNote`, in that order.
    public func notLintedNotes(_ options: LintOptions) -> [String] {
        [emptySelectionNote(options), madeByControllersNote, notObjectsNote].compactMap { $0 }
    }

    /// The note for documents that are not Kubernetes objects: `jq .items`'s array, a
    /// mapping without `kind` (a Helm values file, a CI workflow). kubectl refuses them;
    /// a note, not an error, as a pre-commit hook is handed every YAML file of a commit
    /// (kube-linter, too, warns and goes on).
    public var notObjectsNote: String? {
        guard notObjects > 0, let (place, what) = firstNotObject else { return nil }
        if notObjects == 1 {
            return "note: 1 document is not a Kubernetes object (a mapping with a kind) and was not linted, as kubectl refuses it: \(place) is \(what)\n"
        }
        return "note: \(notObjects) documents are not Kubernetes objects (mappings with a kind) and were not linted, as kubectl refuses them; the first, \(place), is \(what)\n"
    }

    /// The note for `kubectl get` output (`command`) that held no object: `kubectl get -o json`
    /// prints an empty List, and no "No resources found", for a namespace or selector that
    /// matches nothing (a mistyped one), and a clean run must not hide that.
    public func noObjectsNote(_ command: String) -> String? {
        guard objects == 0, madeByControllers == 0, errors.isEmpty else { return nil }
        return "note: \(command) returned no objects: nothing was linted\n"
    }

    /// The note for objects a controller made from its pod template, which were not linted
    /// (as Polaris lints controllers, not their pods): `kubectl probelint pods` would report
    /// each finding of a Deployment once per pod, and patch pods whose probes cannot change.
    public var madeByControllersNote: String? {
        guard madeByControllers > 0, let (object, owner) = firstMadeByController else { return nil }
        let count = madeByControllers == 1 ? "1 object was" : "\(madeByControllers) objects were"
        return "note: \(count) not linted: a controller made \(madeByControllers == 1 ? "it" : "each") from its own pod template"
            + " (\(object.objectName) from \(owner.kind) \(owner.name)), which holds the probes and replaces what is"
            + " changed in \(madeByControllers == 1 ? "it" : "them"): lint the controllers (deployments, statefulsets, daemonsets, jobs, cronjobs, rollouts)\n"
    }
}

/// The pipeline: bytes -> documents -> typed objects -> rules -> findings.
public enum Linter {
    static let ignoreAnnotation = "probelint.io/ignore"

    public static func lint(_ file: InputFile, options: LintOptions = LintOptions()) -> LintReport {
        var report = lint(file, piece: nil, options: options, eachDocument: nil)
        if !options.silenced.isEmpty { report.findings.removeAll { options.silenced.contains(FindingIdentity($0)) } }
        return report
    }

    /// Lints one piece of a file (FileSplitter): its documents, positioned in the
    /// whole file. The run's Rook facts must already be in `options` (the caller
    /// gathers them from whole files). Only the first piece counts the file.
    /// When a piece fails to read, lint the rest of the file from its start as one
    /// piece: that gives the whole file's findings and error from there on.
    public static func lint(_ file: InputFile, piece: FilePiece, options: LintOptions = LintOptions()) -> LintReport {
        lint(file, piece: piece, options: options, eachDocument: nil)
    }

    /// Lints a file, or one piece of it (see above), and hands each document's
    /// findings in report order to `eachDocument` as soon as the document is done:
    /// the report's `findings` stay empty, so a caller that renders them as they
    /// come holds one document's findings, not a file's. `eachDocument` may move the
    /// findings out (they are dropped after it returns). Without `eachDocument`,
    /// the findings are in the report, as `lint(_:options:)` gives them.
    public static func lint(_ file: InputFile, piece: FilePiece?, options: LintOptions,
                            eachDocument: ((inout [Finding]) -> Void)?) -> LintReport {
        // The caller's options as they are when the run has the file's Rook facts: a local
        // taken from either (`piece == nil ? withRookFacts(…) : options`) was a copy of the
        // whole struct for every file, and more copies followed from it.
        if piece == nil, !options.environment.rook.scanned.contains(file.path) {
            return lint(file, piece: piece, withFacts: withRookFacts(of: file, options), eachDocument: eachDocument)
        }
        return lint(file, piece: piece, withFacts: options, eachDocument: eachDocument)
    }

    /// `lint(_:piece:options:eachDocument:)` with options that hold the file's Rook facts.
    private static func lint(_ file: InputFile, piece: FilePiece?, withFacts options: LintOptions,
                             eachDocument: ((inout [Finding]) -> Void)?) -> LintReport {
        var report = LintReport()
        if (piece?.range.lowerBound ?? 0) == 0 {
            report.files = 1
            report.crossObject.files = [file.path]
        }
        let rules = ActiveRules(options)
        let environment = SharedEnvironment(options.environment)
        // The one field the per-document step reads: the closure below captured the whole
        // struct, a copy of it (a retain of each of its buffers) for every file.
        let findingPaths = options.findingPaths
        let selector = options.selector
        var subjects = ObjectContext.SubjectBuffers()
        // Documents follow one another in the file and their findings point into them,
        // so each document's findings, sorted, in turn are the file's findings sorted.
        func handOver() {
            guard let eachDocument, !report.findings.isEmpty else { return }
            report.findings.sortInReportOrder()
            eachDocument(&report.findings)
            report.findings.removeAll(keepingCapacity: true)
        }
        // `# probelint ignore=` comments, each handed to the document it is in or before.
        let comments = IgnoreComments.find(in: file.bytes, range: piece?.range ?? 0..<file.bytes.count)
        var nextComment = 0
        do {
            try file.bytes.withUnsafeBufferPointer { (whole) throws(YAMLError) in
                // The file's lines, counted once and only for a comment's input error.
                var lines: LineTable?
                func position(_ offset: Int) -> SourcePosition {
                    if lines == nil { lines = LineTable(whole) }
                    return lines!.position(ofByte: offset, base: SourcePosition(offset: 0, line: 1, column: 1))
                }
                func append(_ problems: [InputProblem]) {
                    for problem in problems { report.add(problem, file: file.path) }
                }
                /// The comments no document took that start before `end`, checked as a piece's last.
                func checkLeft(before end: Int, atEnd: Bool) {
                    guard nextComment < comments.count else { return }
                    let last = comments[nextComment...].firstIndex { $0.hash >= end } ?? comments.endIndex
                    var problems: [InputProblem] = []
                    IgnoreComments.checkAfterLastDocument(comments[nextComment..<last], bytes: file.bytes, atEnd: atEnd,
                                                          position: position, problems: &problems)
                    append(problems)
                }
                // Documents are linted a batch at a time (`DocumentBatch`), in the order they were read.
                var batch = DocumentBatch()
                func lintBatch() {
                    for document in batch.documents {
                        var scopes: [IgnoreScope] = []
                        if nextComment < comments.count {
                            let taken = IgnoreComments.taken(from: comments, &nextComment, in: document)
                            if !taken.isEmpty {
                                var problems: [InputProblem] = []
                                scopes = IgnoreComments.scopes(taken, in: document, bytes: file.bytes,
                                                               locate: rules.unusedIgnores != nil, position: position, problems: &problems)
                                append(problems)
                            }
                        }
                        lint(document, rules: rules, findingPaths: findingPaths, selector: selector, ignoring: scopes, environment: environment,
                             subjects: &subjects, into: &report)
                        handOver()
                    }
                    batch.removeAll()
                }
                do throws(YAMLError) {
                    try Reader.read(file.bytes, file: file.path, limits: options.limits, piece: piece) { document in
                        if batch.add(document) { lintBatch() }
                    }
                    lintBatch()
                } catch {
                    // The documents before the error first, as if each had been linted when it was read.
                    lintBatch()
                    // The comments before the error that no document took (those of documents with no
                    // node, carried on to the one that failed) name their rules all the same: a piece
                    // cut before the error checks them as its last, and so must the whole file, or the
                    // two report different errors.
                    checkLeft(before: error.position.offset, atEnd: false)
                    throw error
                }
                checkLeft(before: Int.max, atEnd: (piece?.range.upperBound ?? file.bytes.count) >= file.bytes.count)
            }
        } catch {
            report.errors.append(LintError(error))
            report.readFailed = true
        }
        report.findings.sortInReportOrder()
        return report
    }

    /// `options` with the Rook facts of `file` (for a run that does not have them).
    static func withRookFacts(of file: InputFile, _ options: LintOptions) -> LintOptions {
        var options = options
        let markers = RookMarkers(file.bytes)
        var facts = RookFacts.scan(file, limits: options.limits, resources: markers.rookOwned ? .all : .none, markers: markers)
        var rook = options.environment.rook
        rook.facts.merge(facts)
        if rook.facts.clustersNeeded([markers], options.environment.rook) {
            facts.takeClusters(RookFacts.scan(file, limits: options.limits, resources: .clusters, markers: markers))
        }
        options.environment.rook.facts.merge(facts)
        options.environment.rook.facts.settleClusterImages()
        return options
    }

    /// The problems that start inside `range`, in the order they were found: a binary search
    /// of them sorted by where they start (`byStart`, sorted once per document). A filter per
    /// object was O(problems x objects): a 10,000-object YAML List with a problem in each took
    /// 21.7 s in a debug build.
    static func problems(of range: SourceRange, _ problems: [ModelProblem], byStart: inout [Int]?) -> [ModelProblem] {
        if byStart == nil { byStart = problems.indices.sorted { problems[$0].range.start.offset < problems[$1].range.start.offset } }
        guard let order = byStart else { return [] }
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if problems[order[mid]].range.start.offset < range.start.offset { low = mid + 1 } else { high = mid }
        }
        var inside: [Int] = []
        while low < order.count, problems[order[low]].range.start.offset <= range.end.offset {
            inside.append(order[low])
            low += 1
        }
        return inside.sorted().map { problems[$0] }
    }

    /// `findingPaths`: `LintOptions.findingPaths`. `subjects`: the file's (`ObjectContext.SubjectBuffers`).
    static func lint(_ document: Document, rules: ActiveRules, findingPaths: Bool, selector: LabelSelector?,
                     ignoring scopes: [IgnoreScope], environment: SharedEnvironment, subjects: inout ObjectContext.SubjectBuffers, into report: inout LintReport) {
        let decoded = ManifestDecoder.decode(document)
        // PL401: the document's ignore directives and the findings each would silence (nil when it does not run).
        var directives = rules.unusedIgnores.map { _ in IgnoreDirectives(scopes, checked: rules.checked) }
        func silencedByComment(_ rule: RuleID, at offset: Int) -> Bool { scopes.contains { $0.silences(rule, at: offset) } }
        // The blocks an alias shares, for `FixReach`: found once per document, and only in one with an alias.
        var sharedBlocks: [SourceRange]? = document.hasAliases ? nil : []
        // The document's problems by where they start, sorted when an object first needs them.
        var problemsByStart: [Int]?
        // A problem found outside every object's decoding (a List whose `items` is no list of
        // objects) is the document's input error, as kubectl refuses it; one found in an object,
        // wherever an alias took its text from, is that object's.
        for problem in decoded.problems where problem.object == nil && !decoded.manifests.contains(where: {
            $0.range.start.offset <= problem.range.start.offset && problem.range.start.offset <= $0.range.end.offset
        }) {
            report.errors.append(LintError(file: document.file, position: problem.range.start, message: problem.message))
        }
        // A kustomization file (often without kind) is kustomize's, which probelint reads as such
        // (`-k`); a `.probelint.yaml` (pre-commit names it when it changes) is read as its folder's config.
        if let what = decoded.notObject, !KustomizationPatches.isKustomizationFile(document.file), !ConfigFile.isConfigFile(document.file) {
            if report.firstNotObject == nil, let root = document.root {
                let start = document.range(root).start
                report.firstNotObject = ("\(document.file):\(start.line):\(start.column)", what)
            }
            report.notObjects += 1
        }
        for manifest in decoded.manifests {
            if let selector, !selector.matches(manifest.metadata.labelLookup) {
                if let service = CrossObjectFacts.service(manifest, in: document) { report.crossObject.add(service) }
                continue
            }
            if let owner = manifest.templateOwner {
                if report.firstMadeByController == nil { report.firstMadeByController = (manifest.ref, owner) }
                report.madeByControllers += 1
                continue
            }
            report.objects += 1
            let problems = decoded.problems.isEmpty ? [] : Self.problems(of: manifest.range, decoded.problems, byStart: &problemsByStart)
            var context = ObjectContext(manifest: manifest, document: document, shared: environment, problems: problems,
                                        reusing: &subjects)
            for problem in context.inputProblems { report.add(problem, file: document.file) }
            let ignored = ignoredRules(context.annotations)
            // Read once: read for each rule, the list was retained and released each time.
            let podIgnores = !context.podIgnores.isEmpty
            let objectFindings = report.findings.endIndex
            directives?.begin(context)
            // What a rule wrote for the object, from `first` on: each noted for PL401, dropped where
            // the object ignores the rule (`ignoredHere`), a pod annotation or a comment silences
            // it, and the rest given the rule's configured severity and, when the output names
            // them, their field paths. Changed in place (`for var finding in` copied each out of
            // the array, a retain per String).
            func settle<Output: RuleOutput>(_ outputs: inout [Output], from first: Int, ignoredHere: Bool, severity: Severity?) {
                if directives != nil {
                    for i in first..<outputs.endIndex {
                        directives?.note(outputs[i].finding.rule, container: outputs[i].finding.object.container,
                                         at: outputs[i].finding.range.start.offset)
                    }
                    if ignoredHere { outputs.removeSubrange(first...) }
                }
                if podIgnores {
                    outputs.removeAll(from: first) { context.isIgnoredInPod($0.finding.rule, container: $0.finding.object.container) }
                }
                if !scopes.isEmpty {
                    outputs.removeAll(from: first) { output in scopes.contains { $0.silences(output.finding.rule, at: output.finding.range.start.offset) } }
                }
                for i in first..<outputs.endIndex {
                    if let severity { outputs[i].finding.severity = severity }
                    if findingPaths, outputs[i].finding.path == nil {
                        outputs[i].finding.path = document.path(to: outputs[i].finding.range, from: manifest.node)
                    }
                }
            }
            // By index, each field read in place: binding an entry (`for active in`) copied
            // it, or retained it when it was a class, for every rule of every object.
            for index in rules.rules.indices {
                // A rule the object's annotations ignore runs only for PL401, which asks whether it finds anything.
                var ignoredHere = false
                if !ignored.isEmpty, ignored.contains(rules.rules[index].id) {
                    guard directives != nil else { continue }
                    ignoredHere = true
                }
                let severity = rules.rules[index].severity
                // Written straight into the report's buffer (kept from the file's earlier documents, `handOver`).
                let first = report.findings.endIndex
                rules.rules[index].rule.check(context, into: &report.findings)
                settle(&report.findings, from: first, ignoredHere: ignoredHere, severity: severity)
                guard rules.rules[index].isCrossObject, let crossObject = rules.rules[index].crossObject else { continue }
                // Written straight into the report's pending findings (an array of the rule's own was
                // an allocation for each). A candidate is a finding as soon as a Service of the run
                // selects its pod, which a pre-commit run of the changed files may not hold: an
                // ignore of it is used.
                let firstPending = report.crossObject.pending.endIndex
                crossObject.candidates(context, into: &report.crossObject.pending)
                settle(&report.crossObject.pending, from: firstPending, ignoredHere: ignoredHere, severity: severity)
                report.crossObject.movePendingToLog()
            }
            FixReach.annotate(&report.findings, from: objectFindings, context, shared: &sharedBlocks)
            PairedFixes.annotate(&report.findings, from: objectFindings, context)
            CombinedFixes.annotate(&report.findings, from: objectFindings, context)
            if let severity = rules.unusedIgnores {
                let unused = UnusedIgnore.info.id
                directives?.endObject(context, severity: severity, findingPaths: findingPaths,
                                      silenced: { ignored.contains(unused) || silencedByComment(unused, at: $0) }, into: &report.findings)
            }
            if let service = CrossObjectFacts.service(manifest, in: document) { report.crossObject.add(service) }
            context.recycle(into: &subjects)
        }
        if let severity = rules.unusedIgnores, directives?.hasComments == true {
            let unused = UnusedIgnore.info.id
            // A comment in an object whose annotations ignore PL401 is that object's to silence.
            let ignoring = Set(decoded.manifests.filter { ignoredRules(ProbelintAnnotations($0)).contains(unused) }.map(\.ref))
            directives?.endDocument(document, severity: severity, findingPaths: findingPaths,
                                    silenced: { ignoring.contains($1) || silencedByComment(unused, at: $0) }, into: &report.findings)
        }
    }

    /// Lints several files as one run: per file, merged in input order, then resolved.
    public static func lint(_ files: [InputFile], options: LintOptions = LintOptions()) -> LintReport {
        var report = LintReport()
        var options = options
        // Rook facts (operator image, rook-config-override) from every file, before any rule runs.
        let bytes = Dictionary(files.map { ($0.path, $0.bytes) }) { first, _ in first }
        options.environment.rook.facts.merge(RookFacts.gather(files.map(\.path), limits: options.limits, rook: options.environment.rook) { bytes[$0] })
        options.environment.rook.scanned.formUnion(files.map(\.path))
        for file in files { report.merge(lint(file, options: options)) }
        return resolve(report)
    }

    /// The final step of a run (see CrossObjectFacts): turns the pending
    /// cross-object findings that the run's Services confirm into findings, and
    /// sorts every finding by file (input order), position and rule.
    public static func resolve(_ report: LintReport) -> LintReport {
        var report = report
        let facts = report.crossObject
        resolveCrossObject(facts) { report.findings.append($0) }
        report.crossObject.pending = []
        var order: [String: Int] = [:]
        for file in facts.files where order[file] == nil { order[file] = order.count }
        let indexed = report.findings.enumerated().map { (order[$0.element.file] ?? Int.max, $0.offset, $0.element) }
        report.findings = indexed.sorted { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.2.file != b.2.file { return a.2.file < b.2.file }
            if a.2.range.start.offset != b.2.range.start.offset { return a.2.range.start.offset < b.2.range.start.offset }
            if a.2.rule != b.2.rule { return a.2.rule < b.2.rule }
            return a.1 < b.1
        }.map(\.2)
        return report
    }

    /// The rules a run checks, each with what the per-object loop needs of it,
    /// found once per file rather than per object (a protocol cast is costly).
    struct ActiveRules {
        /// Read field by field in place by the lint loop (see there): a copy of an entry
        /// copies both existentials through their value witnesses, and a class entry was
        /// retained and released for every rule of every object.
        struct Entry {
            let rule: any Rule
            let id: RuleID
            let severity: Severity?
            let crossObject: (any CrossObjectRule)?
            /// Tested before `crossObject` is read: reading the optional existential
            /// copies it, 15 copies per object for one cross-object rule.
            let isCrossObject: Bool

            init(rule: any Rule, id: RuleID, severity: Severity?) {
                self.rule = rule
                self.id = id
                self.severity = severity
                crossObject = rule.crossObject
                isCrossObject = crossObject != nil
            }
        }
        let rules: [Entry]
        /// PL401's severity when it runs (`IgnoreDirectives`), else nil.
        let unusedIgnores: Severity?
        /// The IDs of `rules`, for PL401 (empty when it does not run).
        let checked: Set<RuleID>

        /// `borrowing`: an initializer takes its arguments owned, and the caller copied the whole options to give them.
        init(_ options: borrowing LintOptions) {
            var rules: [Entry] = []
            rules.reserveCapacity(allRules.count)
            // Each rule's ID read in place from the catalog, built once a run: `type.info` copied
            // the whole RuleInfo (its strings and tags) three times a rule for every file.
            for (index, type) in allRules.enumerated() {
                let id = RuleCatalog.infos[index].id
                guard Self.runs(RuleCatalog.infos[index], options) else { continue }
                rules.append(Entry(rule: type.init(), id: id, severity: options.severities[id]))
            }
            self.rules = rules
            let unused = UnusedIgnore.info
            unusedIgnores = Self.runs(unused, options) ? options.severities[unused.id] ?? unused.defaultSeverity : nil
            checked = unusedIgnores == nil ? [] : Set(rules.map(\.id))
        }

        static func runs(_ info: RuleInfo, _ options: borrowing LintOptions) -> Bool {
            !options.disabledRules.contains(info.id) && (info.enabledByDefault || options.enabledRules.contains(info.id))
        }
    }

    /// The cross-object findings that the run's facts confirm, one at a time in
    /// report order (file in input order, then position), so that a streaming
    /// caller renders each and drops it instead of holding them all.
    public static func resolveCrossObject(_ facts: CrossObjectFacts, _ emit: (Finding) -> Void) {
        var services = MissingReadinessProbe.ServiceNotes(CrossObjectFacts.ServiceIndex(facts.services))
        pendingCrossObject(facts) { (pending: consuming CrossObjectFacts.PendingFinding) in
            var pending = pending
            if let finding = MissingReadinessProbe.confirm(&pending, &services) { emit(finding) }
        }
    }

    /// The pending findings that the run's Services confirm, each naming the Services that
    /// select its pod; findings of pods with the same labels share those notes. Pure, so a
    /// runner may confirm batches on its workers.
    /// The batch is the caller's to give (`consuming`): each pending finding is moved out of
    /// it (as `Array.append(moving:)` moves elements), where reading a shared batch copied
    /// each one (a retain of every String it holds).
    public static func confirm(_ batch: consuming [CrossObjectFacts.PendingFinding],
                               _ services: CrossObjectFacts.ServiceIndex) -> [Finding] {
        var notes = MissingReadinessProbe.ServiceNotes(services)
        var confirmed: [Finding] = []
        confirmed.reserveCapacity(batch.count)
        batch.withUnsafeMutableBufferPointer { $0.reverse() }
        while var pending = batch.popLast() {
            if let finding = MissingReadinessProbe.confirm(&pending, &notes) { confirmed.append(finding) }
        }
        return confirmed
    }

    /// The run's pending cross-object findings, one at a time in report order.
    /// Each is handed over as the caller's own (`consuming`): one read back from the log is
    /// moved on, not copied.
    public static func pendingCrossObject(_ facts: CrossObjectFacts, _ each: (consuming CrossObjectFacts.PendingFinding) -> Void) {
        var pending = facts.pending
        if let log = facts.log, log.count > 0 {
            // Pending findings arrive in report order (files merged in input order,
            // objects in document order): the log is read as it was written.
            if log.inReportOrder && pending.isEmpty {
                log.forEach(each)
                return
            }
            pending = []
            log.forEach { pending.append($0) }
            pending += facts.pending
        }
        var order: [String: Int] = [:]
        for file in facts.files where order[file] == nil { order[file] = order.count }
        func key(_ i: Int) -> (Int, Int, Int) {
            // Field by field: a copy of the whole finding would retain each of its strings.
            (order[pending[i].finding.file] ?? Int.max, pending[i].finding.range.start.offset, i)
        }
        // Sorting is the fallback (a file named twice, say).
        var indices = Array(pending.indices)
        if zip(indices, indices.dropFirst()).contains(where: { key($0) > key($1) }) { indices.sort { key($0) < key($1) } }
        for i in indices { each(pending[i]) }
    }

    /// `probelint.io/ignore: PL104,PL204 -- reason`, on the object, its pod template or a Rook CR's pod annotations: the rules
    /// of both (each says "not here"). A word that names no rule is an input problem
    /// (`Environment.unknownAnnotations`).
    static func ignoredRules(_ annotations: ProbelintAnnotations) -> Set<RuleID> {
        var ignored: Set<RuleID> = []
        for (written, _) in annotations.values(ignoreAnnotation) {
            ignored.formUnion(ignoreWords(written.value).compactMap { RuleCatalog.lookup(String($0))?.id })
        }
        return ignored
    }

    /// The rule IDs or names of an ignore annotation's value: the words before ` -- reason`,
    /// split at commas and blanks.
    static func ignoreWords(_ value: String) -> [Substring] {
        var ids = Substring(value)
        if let dash = value.indices.first(where: { value[$0...].hasPrefix("--") }) { ids = value[..<dash] }
        return ids.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" })
    }
}
