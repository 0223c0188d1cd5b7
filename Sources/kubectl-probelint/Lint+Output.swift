#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

extension Lint {
    /// Live mode: when there are resource arguments (or a flag for the cluster, or -l
    /// without files), fetches them with `kubectl get`, lints and reports them; nil otherwise.
    func lintLiveObjects(_ resources: [String], files: [String], options: LintOptions) -> Int32? {
        guard !resources.isEmpty || live.needsCluster || (live.selector != nil && files.isEmpty) else { return nil }
        guard files.isEmpty else {
            let message = resources.isEmpty ? live.refusal(notTo: "files")
                : "give files or kubectl resources, not both (no such file: \(resources.joined(separator: ", ")))"
            writeStderr("error: \(message)\n")
            return Exit.inputError
        }
        if let first = resources.first, let message = Self.mistypedCommand(first) {
            writeStderr("error: \(message)\n")
            return Exit.inputError
        }
        guard !resources.isEmpty else {
            writeStderr("error: no resources: give kubectl resources such as 'deployments' or 'deploy/NAME' (see --help)\n")
            return Exit.inputError
        }
        guard !fixes.isActive else {
            writeStderr("error: --fix and --diff edit files; for kubectl resources, -o patch prints the fixes as kubectl patch commands\n")
            return Exit.inputError
        }
        let command = live.getCommand(resources)
        // As for stdin: the nearest .probelint.yaml from the working directory upward.
        return lintKubectlOutput(command, source: .cluster(command: Kubectl.shown(command)), configDirectory: ".", options: options,
                                 failureHint: live.needsCluster ? "" : Self.takenAsResources(resources))
    }

    /// A first word that is no file and reads as a mistyped subcommand (`rule`, `explian`) or
    /// a peer's (`completion`): refused before it reaches `kubectl get` and a live cluster, as
    /// kubectl refuses an unknown command. A bare word only, and no resource type probelint
    /// knows: a resource is still reached by its type and group (`rule.example.com`) or kind/name.
    static func mistypedCommand(_ word: String) -> String? {
        guard !word.contains(where: { $0 == "/" || $0 == "." || $0 == "," }),
              !knownResourceTypes.contains(word.lowercased()) else { return nil }
        let commands = ProbeLintCommand.configuration.subcommands.compactMap { $0.configuration.commandName } + ["help"]
        let taken = "'\(word)' is no file here and no subcommand: as a kubectl resource it would be fetched from the cluster;"
            + " to fetch it anyway, name its type with its group (\(word).GROUP)"
        if word == "completion" {
            return "unknown command 'completion': the shell completion scripts are printed by --generate-completion-script bash|zsh|fish (\(taken))"
        }
        // Two edits for a long word (`explian`), one for a short one: `routes` is two from `rules`.
        guard let near = RuleCatalog.nearestWord(word.lowercased(), among: commands, within: word.count > 6 ? 2 : 1) else { return nil }
        return "unknown command '\(word)': did you mean '\(near)'? (\(taken))"
    }

    /// What a failed `kubectl get` adds when no flag for the cluster was given: the words were
    /// taken as resources because no file has their name (a mistyped folder, `manifests`).
    static func takenAsResources(_ resources: [String]) -> String {
        // Only words that name no resource type kubectl knows (`manifests`, not `deploy/web` or
        // `daemonsets,deployments`): a missing object or a type the cluster lacks is kubectl's to say.
        let unknown = resources.filter { word in
            word.split(separator: ",").contains { part in
                let type = part.split(separator: "/").first.map { $0.split(separator: ".").first ?? $0 } ?? part
                return !knownResourceTypes.contains(type.lowercased())
            }
        }
        guard !unknown.isEmpty else { return "" }
        let words = unknown.map { "'\($0)'" }.joined(separator: ", ")
        return unknown.count == 1 ? "; \(words) is no file here, so it was taken as a kubectl resource"
            : "; \(words) are no files here, so they were taken as kubectl resources"
    }

    /// kubectl's names for the resource types probelint reads and a few more (plural, singular, short).
    static let knownResourceTypes: Set<String> = [
        "all", "pods", "pod", "po", "deployments", "deployment", "deploy", "daemonsets", "daemonset", "ds",
        "statefulsets", "statefulset", "sts", "replicasets", "replicaset", "rs", "replicationcontrollers",
        "replicationcontroller", "rc", "podtemplates", "podtemplate", "jobs", "job", "cronjobs", "cronjob", "cj", "services", "service", "svc",
        "configmaps", "configmap", "cm", "rollouts", "rollout", "ro", "deploymentconfigs", "deploymentconfig", "dc",
        "cephclusters", "cephcluster", "cephobjectstores", "cephobjectstore", "cephfilesystems", "cephfilesystem",
        "namespaces", "namespace", "ns", "nodes", "node", "no",
        // One edit from `rules`: a resource, not a mistyped subcommand (`mistypedCommand`).
        "roles", "role",
    ]

    /// `-k DIR`: lints what `kubectl kustomize DIR` renders, refused beside -f, -R, paths and
    /// resources as kubectl refuses them; nil when there is no -k.
    func lintKustomization(filename: [String], fileArguments: [String], resources: [String], options: LintOptions) -> Int32? {
        guard let directory = kustomize else { return nil }
        func refuse(_ message: String) -> Int32 {
            writeStderr("error: \(message)\n")
            return Exit.inputError
        }
        // kubectl's own words for -k beside -f, and beside -R.
        if !filename.isEmpty { return refuse("only one of -f or -k can be specified") }
        // No -f was given: the names are arguments, such as pre-commit adds to a hook's command.
        if !fileArguments.isEmpty {
            return refuse("-k lints what kustomize renders and takes no file names (\(fileArguments.joined(separator: ", "))); in a pre-commit hook that runs -k, set pass_filenames: false")
        }
        if recursive { return refuse("the -k flag can't be used with -f or -R") }
        if !resources.isEmpty { return refuse("give a kustomization or kubectl resources, not both (no such file: \(resources.joined(separator: ", ")))") }
        if live.needsCluster { return refuse(live.refusal(notTo: "-k")) }
        if fixes.isActive {
            return refuse("--fix and --diff edit files; -k lints what kustomize renders from the kustomization's files, so fix those (-o patch prints the fixes as kubectl patch commands)")
        }
        let command = ["kubectl", "kustomize", directory]
        let file = PatchFinder.kustomizationFile(in: directory)
        // The .probelint.yaml that covers the kustomization's own folder, as for its files.
        return lintKubectlOutput(command, source: .kustomization(command: command, file: file), configDirectory: directory, options: options)
    }

    /// Runs `command` (`kubectl get` or `kubectl kustomize`) and lints the objects it prints,
    /// named by object and field path, with `--rook-version` and `--config` (else the nearest
    /// `.probelint.yaml` from `configDirectory` upward) applied first: a broken config stops the
    /// run before kubectl is run.
    /// A kustomization that renders nothing (`resources: []`, a wrong overlay in CI): said, as an
    /// empty `kubectl get` is, where it passed without a word.
    static func renderedNothing(_ command: [String]) -> String {
        "note: \(Kubectl.shown(command).joined(separator: " ")) rendered no objects: nothing was linted\n"
    }

    func lintKubectlOutput(_ command: [String], source: ReportSource, configDirectory: String, options: LintOptions,
                           failureHint: String = "") -> Int32 {
        var options = options
        var configs: [String: Result<ConfigFile?, LintError>] = [:]
        func failed(_ error: LintError) -> Int32 {
            var report = LintReport()
            report.errors = [error]
            return write(report, source: source)
        }
        var givenWarnings: [LintError] = []
        // kubectl's objects give the run's Rook facts, and their warnings (`RookOptions.gather`).
        func gatherFacts(_ bytes: [UInt8]) {
            givenWarnings += rook.gather(output: bytes, path: Kubectl.shown(command).joined(separator: " "), configDirectory: configDirectory,
                                         options: &options, configs: &configs)
        }
        do {
            givenWarnings = try rook.prepare(&options, files: [], maxFileBytes: limits.maxFileBytes, configs: &configs)
            options = try rook.options(forDirectory: configDirectory, base: options, cache: &configs).get()
        } catch let failure as RookOptions.ConfigFailure {
            return failed(failure.error)
        } catch let error as LintError {
            return failed(error)
        } catch {
            writeStderr("error: \(error)\n")
            return Exit.inputError
        }
        // -k: traced to the kustomization's files where kustomize can say where each object came from.
        let shown = Kubectl.shown(command).joined(separator: " ")
        if case .kustomization(_, let file?) = source, let directory = kustomize,
           let trace = KustomizeTrace.render(directory, limit: limits.maxFileBytes) {
            if OnceReadInputs.holdsNoDocument(trace.bytes) { writeNote(Self.renderedNothing(command)) }
            gatherFacts(trace.bytes)
            if output == .patch {
                // Planned from the traced render, without what DIR's comments silence (kustomize
                // drops comments): the patches are those of the findings the lint report shows.
                options.silenced = trace.silenced(command: command, anchor: file, options: options, limit: limits.maxFileBytes)
                return fixes.execute([(InputFile(path: shown, bytes: trace.bytes), options)], readErrors: [], options: options, lint: self,
                                     runWarnings: rook.warnings(given: givenWarnings, discovered: configs))
            }
            var report = trace.lint(command: command, anchor: file, options: options, limit: limits.maxFileBytes)
            rook.warnings(given: givenWarnings, discovered: configs).add(to: &report)
            return write(report, source: .kustomizedFiles(command: command, file: file))
        }
        let isLive = if case .cluster = source { true } else { false }
        let result = Kubectl.run(command, limit: limits.maxFileBytes)
        if !isLive, case .success(let bytes) = result, OnceReadInputs.holdsNoDocument(bytes) { writeNote(Self.renderedNothing(command)) }
        // Listed whole, or before a refusal (RBAC): the List is linted, as below.
        switch result {
        case .success(let bytes): gatherFacts(bytes)
        case .failure(let failure) where isLive && KubectlList.isList(failure.output): gatherFacts(failure.output)
        case .failure: break
        }
        /// As for the same objects read from stdin: the fix planner makes the patches. Live
        /// objects: each patch goes to the cluster and as the identity they were read from. An
        /// object with an input error is left out, and the others patched (`holdingBack`); so
        /// are the objects kubectl listed before it failed, the failure an input error beside them.
        func patches(_ bytes: [UInt8], failure: LintError? = nil) -> Int32 {
            let (input, held) = isLive ? LiveInput.holdingBack(bytes, path: shown, options: options) : (bytes, [])
            return fixes.execute([(InputFile(path: shown, bytes: input), options)], readErrors: held + (failure.map { [$0] } ?? []),
                                 options: options, lint: self, identityFlags: isLive ? live.patchFlags : LiveOptions.PatchIdentity(),
                                 noObjectsNote: isLive && held.isEmpty && failure == nil ? shown : nil,
                                 runWarnings: rook.warnings(given: givenWarnings, discovered: configs))
        }
        switch result {
        case .success(let bytes) where output == .patch:
            return patches(bytes)
        case .failure(let failure) where isLive && output == .patch && KubectlList.isList(failure.output):
            // Some resources listed, another refused (RBAC): the listed objects' patches, as
            // their findings in the other formats (it printed none, and no word of them).
            return patches(failure.output, failure: LintError(file: shown, position: nil, message: failure.withReason))
        case .success(let bytes):
            var report = LiveInput.lint(bytes, command: Kubectl.shown(command), options: options)
            rook.warnings(given: givenWarnings, discovered: configs).add(to: &report)
            // -k without a trace: the selector is probelint's (for live resources it is kubectl get's, and nil here).
            for note in report.notLintedNotes(options) { writeNote(note) }
            if isLive, let note = report.noObjectsNote(shown) { writeNote(note) }
            return write(report, source: source)
        case .failure(let failure) where isLive && KubectlList.isList(failure.output):
            // Some resources listed, another refused (RBAC): the whole List kubectl printed is
            // linted, and the failure is an input error beside its findings (exit status 2). Output
            // cut short is no List, and only the failure is reported.
            var report = LiveInput.lint(failure.output, command: Kubectl.shown(command), options: options)
            rook.warnings(given: givenWarnings, discovered: configs).add(to: &report)
            report.errors.append(LintError(file: shown, position: nil, message: failure.withReason))
            for note in report.notLintedNotes(options) { writeNote(note) }
            return write(report, source: source)
        case .failure(let failure) where output == .text || output == .patch:
            writeStderr("error: \(failure.message)\(Self.kustomizationHint(source, reason: failure.reason, limit: limits.maxFileBytes))\(failureHint)\n")
            return Exit.inputError
        case .failure(let failure):
            // A whole document, the failure among its input errors: a CI step that uploads the
            // SARIF file, or reads the JSON, gets one that says what went wrong, not an empty file.
            return failed(LintError(file: Kubectl.shown(command).joined(separator: " "), position: nil,
                                    message: failure.withReason + Self.kustomizationHint(source, reason: failure.reason, limit: limits.maxFileBytes) + failureHint))
        }
    }

    /// What the files say of kustomize's failure, which names no place in them: where kustomize
    /// found no YAML (its `reason` says "yaml: line 4: ..." or "unable to parse"), the place in
    /// DIR's kustomization file, or in a local file it names as a patch or a resource, that is
    /// no YAML, with its `file:line:column` (not a key written twice in the kustomization file,
    /// which kustomize takes, the last value winning); or that its `helmCharts`, or a base's
    /// that `resources` reach, render only with `--enable-helm`, which probelint does not pass
    /// (kustomize would run helm), and how to lint it anyway. Empty for any other.
    static func kustomizationHint(_ source: ReportSource, reason: String?, limit: Int) -> String {
        guard case .kustomization(let command, let file?) = source, let directory = command.last else { return "" }
        // probelint refuses some YAML kustomize takes (content on a '---' line): a place is named
        // only for a failure that is kustomize's own reading of YAML.
        let yamlFailure = reason.map { reason in
            ["yaml: line ", "yaml: unmarshal", "MalformedYAMLError", "unable to parse", "mapping key", "did not find expected"].contains { reason.contains($0) }
        } ?? true
        /// `path`'s documents, or the hint of its YAML error ("" where none is given); nil when unreadable.
        func read(_ path: String, limits: ReaderLimits = .default) -> (documents: [Document], hint: String)? {
            guard case .success(let bytes) = FileDiscovery.read(path, limit: limit) else { return nil }
            do {
                return (try Reader.readAll(bytes, file: path, limits: limits), "")
            } catch {
                return ([], yamlFailure ? "; \(path):\(error.position.line):\(error.position.column): \(error.problem)" : "")
            }
        }
        guard let top = read(file, limits: KustomizationPatches.readerLimits()) else { return "" }
        guard let document = top.documents.first, let root = document.root else { return top.hint }
        let folder = file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
        // A local patch or resource file that is no YAML (kustomize: "unable to parse SM or JSON patch").
        let named = KustomizationPatches.entries(of: document, root).compactMap(\.path)
            + Self.resources(of: document, root)
        for name in named where yamlFailure && !name.hasPrefix("/") && !name.contains("://") {
            if let hint = read(PathBase.normalized(folder + name))?.hint, !hint.isEmpty { return hint }
        }
        guard let charts = Self.helmCharts(from: file, document, root, limit: limit) else { return "" }
        return "; \(charts) inflates helmCharts, which kustomize does only with --enable-helm: render it with"
            + " 'kubectl kustomize --enable-helm \(directory) | kubectl probelint -f -'"
    }

    /// A kustomization's `resources`, as written; none when it is no list of names.
    static func resources(of document: Document, _ root: NodeID) -> [String] {
        guard let list = document.lookup("resources", in: root)?.value, document.kind(list) == .sequence else { return [] }
        return document.items(list).filter { document.kind($0) == .scalar }.map(document.string)
    }

    /// The first kustomization file, `file` or one its local `resources` reach (ten levels at
    /// most), that has `helmCharts`; nil when none has.
    static func helmCharts(from file: String, _ document: Document, _ root: NodeID, limit: Int, depth: Int = 0) -> String? {
        if document.lookup("helmCharts", in: root) != nil { return file }
        guard depth < 10 else { return nil }
        let folder = file.lastIndex(of: "/").map { String(file[...$0]) } ?? ""
        for name in resources(of: document, root) where !name.hasPrefix("/") && !name.contains("://") {
            guard let base = PatchFinder.kustomizationFile(in: PathBase.normalized(folder + name)),
                  case .success(let bytes) = FileDiscovery.read(base, limit: limit),
                  let documents = try? Reader.readAll(bytes, file: base), let next = documents.first, let nextRoot = next.root,
                  let found = helmCharts(from: base, next, nextRoot, limit: limit, depth: depth + 1) else { continue }
            return found
        }
        return nil
    }

    /// Writes the report in the chosen format (findings to stdout, input
    /// errors to stderr) and returns the exit status.
    func write(_ report: LintReport, source: ReportSource) -> Int32 {
        // What kubectl printed is one input, clean when it printed and read without an input
        // error or finding (its findings are named by their objects, not by it).
        let clean = report.errors.isEmpty && report.findings.isEmpty ? source.inputName.map { [$0] } ?? [] : []
        self.report(report, source: source, linted: clean)
        return Exit.status(inputErrors: !report.errors.isEmpty, failing: report.findings.contains { failOn.fails($0.severity) })
    }

    /// Findings in the chosen format to stdout (to stderr when stdout carries a
    /// fixed stream, `--fix -`), input errors to stderr. `linted`: what was linted
    /// (`StreamedOutput.finish`).
    func report(_ report: LintReport, source: ReportSource = .files, toStderr: Bool = false, linted: [String] = []) {
        var output = StreamedOutput(format: self.output, source: source, noColor: noColor, toStderr: toStderr, failingAt: failOn.severity)
        output.out(output.header())
        output.write(report.findings)
        output.finish(report, noColor: noColor, linted: linted)
    }
}
