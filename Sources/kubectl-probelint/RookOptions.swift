import ArgumentParser
import ProbeLint

/// `--config` and `--rook-version`; finds `.probelint.yaml`
/// from each linted file's folder upward and gathers the run's Rook facts.
struct RookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Environment config file (default: the nearest .probelint.yaml from each file's folder upward).", valueName: "file"),
            completion: .file())
    var config: String?
    @Option(help: ArgumentHelp("Rook release whose generated probes to model (default: the rook/ceph operator image among the inputs, else .probelint.yaml, else the newest Rook that runs the object's own ceph/ceph image (or its namespace's CephCluster's, when the inputs hold two Ceph releases) or else the oldest among the inputs, else \(RookVersion.newest)). vX.Y is vX.Y.0; vX.Y.x the line's last release.", valueName: "vX.Y[.Z]"))
    var rookVersion: String?

    /// A value that is no Rook version is a usage error, shown as `--jobs 0`'s is (with the usage
    /// line), before any file is read; so is an empty `--config=` (a variable that was not set),
    /// which named no file in its error.
    func validate() throws {
        if config?.isEmpty == true { throw ValidationError("--config is empty: give the path of a config file such as .probelint.yaml") }
        guard let rookVersion else { return }
        guard let version = RookVersion.parse(rookVersion) else {
            throw ValidationError("--rook-version '\(rookVersion)' is not a Rook version such as v1.20, v1.11.3 or v1.9.x")
        }
        if let why = RookVersion.unmodelled(version, "--rook-version") { throw ValidationError(why) }
    }

    /// A `--config` file that cannot be read or does not parse: nothing is linted, as a
    /// discovered `.probelint.yaml` that is broken stops the files below it (findings made
    /// without the environment the user named would be wrong).
    struct ConfigFailure: Error {
        var error: LintError
    }

    /// Adds the flags to `options` and gathers the facts of every input: the regular files
    /// read here, the others from the bytes read before (`OnceReadInputs`). `configs`: the
    /// `.probelint.yaml` files found so far (`options(for:)`'s cache), whose `rook-version`s the
    /// gathering heeds; without `--config`, those of every file's folder are found here.
    @discardableResult
    func prepare(_ options: inout LintOptions, files: [String], readOnce: OnceReadInputs = OnceReadInputs([], limit: 0),
                 maxFileBytes: Int, workers: Int = 1, configs: inout [String: Result<ConfigFile?, LintError>]) throws -> [LintError] {
        var warnings: [LintError] = []
        // Checked by `validate`.
        if let rookVersion, let version = RookVersion.parse(rookVersion) { options.environment.rook.flag = version }
        if let config {
            switch FileDiscovery.read(config, limit: maxFileBytes) {
            case .success(let bytes):
                let file: ConfigFile
                // Named as standard input is where it holds manifests (`<stdin>:1:14`), not `-`.
                do { file = try ConfigFile.parse(bytes, file: configName ?? config) } catch {
                    throw ConfigFailure(error: error)
                }
                if let conflict = file.latencyConflict(flags: options.environment.flags) { throw ConfigFailure(error: conflict) }
                ConfigDiscovery.warn(file)
                warnings = file.warnings
                file.apply(to: &options)
            case .failure(var error):
                // Named as what it is: a file that is missing is the --config flag's.
                error.message = "--config file: " + error.message
                throw ConfigFailure(error: error)
            }
        }
        let regular = files.filter { $0 != "-" && FileDiscovery.isRegularFile($0) }
        let once = readOnce.bytesByName
        let names = regular + once.keys.sorted()
        // A discovered config's rook-version models a Rook that may read the MDS probes from the
        // CephCluster, whose facts only this pass gathers: it heeds them (it decided by the
        // newest Rook, and the MDS got Rook's defaults where --config got the cluster's values).
        // Each setting once, for the warning when the operator image overrides it.
        var configVersions: [RookVersionChoice] = [], configSettings = [options.environment.rook.config].compactMap { $0 }
        if config == nil {
            for path in files {
                guard case .success(let file?) = ConfigDiscovery.nearest(from: Self.configFolder(of: path, stdinFilename: readOnce.stdinFilename), cache: &configs),
                      let version = file.rookVersion else { continue }
                if !configVersions.contains(where: { $0.version == version.version }) { configVersions.append(version) }
                if !configSettings.contains(where: { $0.file == version.file }) { configSettings.append(version) }
            }
        }
        options.environment.rook.facts.merge(RookFacts.gather(names, limits: options.limits, mapping: ParallelMapping(workers: workers),
                                                              rook: options.environment.rook, configVersions: configVersions) { name in
            if let bytes = once[name] { return bytes }
            guard case .success(let bytes) = FileDiscovery.read(name, limit: maxFileBytes) else { return nil }
            return bytes
        })
        options.environment.rook.scanned.formUnion(names)
        let rook = options.environment.rook
        // The flag's own, with no file: no place in the reports (the findings' notes name the
        // release modelled and the one given).
        for warning in [rook.flag != nil ? rook.newerThanModelled : nil, rook.unwrittenPatch].compactMap({ $0 }) { writeWarning(warning) }
        let found = factWarnings(rook, settings: configSettings, configs: &configs) { PathBase.directory(of: $0) }
        found.forEach(writeWarning)
        return warnings + found.filter { !$0.file.isEmpty }
    }

    /// The warnings that the run's Rook facts give (operator images that disagree or name no
    /// release, an operator image past the newest line or over a config's `rook-version`, a
    /// `rook-config-override` or a Rook CR given twice with other settings), for `rook`'s facts; `folder` gives where a
    /// `.probelint.yaml` is looked for from an operator's file. Not printed.
    func factWarnings(_ rook: RookSettings, settings: [RookVersionChoice], configs: inout [String: Result<ConfigFile?, LintError>],
                      folder: (String) -> String) -> [LintError] {
        // An image that names no release is no news where a .probelint.yaml beside it chooses one.
        var unread = rook.unreadOperatorImage
        if let warning = unread, config == nil ? Self.setsRookVersion(in: folder(warning.file), cache: &configs) : rook.config != nil { unread = nil }
        let found = [rook.operatorConflict, unread, rook.flag == nil ? rook.newerThanModelled : nil].compactMap { $0 }
        return found + settings.compactMap(rook.overriddenSettingWarning) + rook.facts.cephConfigConflicts + rook.facts.crConflicts
    }

    /// For kubectl's output (`-k`, live objects), read after `prepare` (which had no file to
    /// read): its Rook facts, into `options`, and their warnings, each named by its object (a
    /// line of kubectl's output names nothing), printed and returned for the reports. A run of
    /// files gets them from `prepare`; `-k` and live runs had none.
    func gather(output bytes: [UInt8], path: String, configDirectory: String, options: inout LintOptions,
                configs: inout [String: Result<ConfigFile?, LintError>]) -> [LintError] {
        options.environment.rook.facts.merge(RookFacts.gather([path], limits: options.limits, rook: options.environment.rook) { _ in bytes })
        options.environment.rook.scanned.insert(path)
        // `options` holds the config that applies, --config's or the nearest to `configDirectory`'s.
        let settings = [options.environment.rook.config].compactMap { $0 }
        var found = factWarnings(options.environment.rook, settings: settings, configs: &configs) { _ in configDirectory }
        LiveInput.nameByObject(&found, in: bytes, path: path, limits: options.limits)
        found.forEach(writeWarning)
        return found
    }

    /// Whether the `.probelint.yaml` nearest to `folder` sets rook-version.
    static func setsRookVersion(in folder: String, cache: inout [String: Result<ConfigFile?, LintError>]) -> Bool {
        guard case .success(let config?) = ConfigDiscovery.nearest(from: folder, cache: &cache) else { return false }
        return config.rookVersion != nil
    }

    /// How findings and errors name `--config`'s file: standard input is `<stdin>`, not `-`.
    var configName: String? { config.map { FileDiscovery.displayName($0, stdin: FileDiscovery.standardInput) } }

    /// The run's warnings for the machine-readable reports, once each: the config files' (those of
    /// `given` in `--config`'s file, and those of every config file discovered, `cache`), and the
    /// rest of `given`, the Rook facts' (`LintReport.factWarnings`), which are the manifests'.
    func warnings(given: [LintError], discovered cache: [String: Result<ConfigFile?, LintError>]) -> RunWarnings {
        // A warning placed in a config file is the config's (a `rook-version` the operator image
        // overrides), whether it was given with --config or found.
        func inConfig(_ warning: LintError) -> Bool { warning.file == configName || ConfigFile.isConfigFile(warning.file) }
        var out = given.filter(inConfig)
        for (key, result) in cache where !key.hasPrefix("\u{0}") {
            guard case .success(let file?) = result else { continue }
            for warning in file.warnings where !out.contains(warning) { out.append(warning) }
        }
        func sorted(_ warnings: [LintError]) -> [LintError] {
            warnings.sorted { ($0.file, $0.position?.offset ?? 0) < ($1.file, $1.position?.offset ?? 0) }
        }
        return RunWarnings(config: sorted(out), facts: sorted(given.filter { !inConfig($0) }))
    }

    /// The run's warnings: its config files' and its Rook facts'.
    struct RunWarnings {
        var config: [LintError] = []
        var facts: [LintError] = []

        func add(to report: inout LintReport) {
            report.warnings += config
            report.factWarnings += facts
        }
    }

    /// The options for one file: with its nearest `.probelint.yaml` unless --config was given.
    func options(for path: String, stdinFilename: String?, base: LintOptions,
                 cache: inout [String: Result<ConfigFile?, LintError>]) -> Result<LintOptions, LintError> {
        options(forDirectory: Self.configFolder(of: path, stdinFilename: stdinFilename), base: base, cache: &cache)
    }

    /// The folder from which input `path`'s `.probelint.yaml` is looked for: its own; for stdin
    /// (`-`) that of `--stdin-filename`'s path, or the working directory.
    static func configFolder(of path: String, stdinFilename: String?) -> String {
        guard path == "-" else { return PathBase.directory(of: path) }
        return stdinFilename.map { PathBase.directory(of: $0) } ?? "."
    }

    /// The options for the objects of folder `dir` (a kustomization's): with the nearest
    /// `.probelint.yaml` from it upward unless --config was given.
    func options(forDirectory dir: String, base: LintOptions,
                 cache: inout [String: Result<ConfigFile?, LintError>]) -> Result<LintOptions, LintError> {
        guard config == nil else { return .success(base) }
        var options = base
        switch ConfigDiscovery.nearest(from: dir, cache: &cache) {
        case .success(let file):
            if let conflict = file?.latencyConflict(flags: base.environment.flags) { return .failure(conflict) }
            file?.apply(to: &options)
        case .failure(let error): return .failure(error)
        }
        return .success(options)
    }
}

enum ConfigDiscovery {
    /// The `.probelint.yaml` in `dir` or its nearest ancestor, named as it is reached from
    /// `dir` (`.probelint.yaml` for `sub/app.yaml` when it is in the working directory,
    /// `../.probelint.yaml` when it is in its parent): findings' origins and errors name it as
    /// the user would, not by an absolute path that differs from machine to machine. Cached by the folder's absolute path, so that a
    /// folder reached by two names is read once, and by the name given (after a NUL, which no
    /// path holds), so that each file of a folder does not make its absolute path again (some
    /// 25,000 instructions each: the benchmark's 200 files, asked twice).
    static func nearest(from dir: String, cache: inout [String: Result<ConfigFile?, LintError>]) -> Result<ConfigFile?, LintError> {
        let given = "\u{0}" + dir
        if let cached = cache[given] { return cached }
        let key = absolute(dir)
        if let cached = cache[key] {
            cache[given] = cached
            return cached
        }
        // `.probelint.yaml`, else `.probelint.yml` (as kube-linter reads either spelling).
        let folder = dir == "/" ? "" : dir
        // Whatever is there under the name, read or refused: a link to a file that is missing (a
        // submodule not checked out) or a folder is the user's config that cannot be read, not
        // a reason to take the parent's.
        let names = ConfigFile.fileNames.map { folder + "/" + $0 }.filter(FileDiscovery.exists)
        // The one not read, a warning of the one read: in every report, as its own warnings are
        // (on stderr alone when the one read fails, whose error is the report's).
        let shown = names.map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 }
        let beside = shown.count > 1 ? LintError(file: shown[1], position: nil, message: "not read: \(shown[0]) is beside it, and probelint reads one") : nil
        let result: Result<ConfigFile?, LintError>
        if let candidate = names.first {
            switch readFound(candidate) {
            case .success(let bytes):
                do {
                    var file = try ConfigFile.parse(bytes, file: shown[0])
                    if let beside { file.warnings.insert(beside, at: 0) }
                    warn(file)  // once: the result is cached for the directory and those below it
                    result = .success(file)
                } catch { result = .failure(error) }
            case .failure(let error): result = .failure(error)
            }
            if case .failure = result { beside.map(writeWarning) }
        } else if let parent = parent(of: dir) {
            result = nearest(from: parent, cache: &cache)
        } else {
            result = .success(nil)
        }
        cache[key] = result
        cache[given] = result
        return result
    }

    /// The most of a `.probelint.yaml` found in a folder that is read (`--config` reads up to `--max-file-bytes`).
    static let foundLimit = 1 << 20

    /// A found `.probelint.yaml`'s bytes, when it is a regular file of at most `foundLimit`
    /// bytes. A FIFO or device under the name (anyone can make `/tmp/.probelint.yaml` one) is
    /// refused unopened: read, it hung every run below its folder, waiting for a writer. A
    /// folder under the name is `read`'s "is a directory".
    static func readFound(_ path: String) -> Result<[UInt8], LintError> {
        var info = stat()
        if stat(path, &info) == 0 {
            let type = info.st_mode & S_IFMT
            if type != S_IFREG && type != S_IFDIR { return .failure(LintError(file: path, position: nil, message: notRegular)) }
            if type == S_IFREG && Int(info.st_size) > foundLimit {
                return .failure(LintError(file: path, position: nil,
                                          message: "file is \(info.st_size) bytes, larger than the \(foundLimit) bytes probelint reads of a .probelint.yaml it finds in a folder (--config FILE reads one up to --max-file-bytes)"))
            }
        }
        // Refused again as opened: the name may have become a FIFO since.
        return FileDiscovery.read(path, limit: foundLimit, notRegular: notRegular)
    }

    static let notRegular = "is not a regular file (a FIFO, device or socket): probelint reads a .probelint.yaml it finds in a folder only when it is one, and never waits on one"

    /// A config file's warnings, on stderr as `file:line:column: warning: ...`.
    static func warn(_ file: ConfigFile) {
        file.warnings.forEach(writeWarning)
    }

    /// The parent folder, relative when `dir` is (`sub` -> `.`, `.` -> `..`, `..` -> `../..`),
    /// nil at the root; `..` is taken lexically, up to the real root.
    static func parent(of dir: String) -> String? {
        guard absolute(dir) != "/" else { return nil }
        var parts = normalized(dir)
        if let last = parts.last, last != ".." { parts.removeLast() } else { parts.append("..") }
        if dir.hasPrefix("/") { return "/" + parts.joined(separator: "/") }
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }

    /// `dir` from the root, `.` and `..` resolved lexically: `/` for the root.
    static func absolute(_ dir: String) -> String {
        "/" + normalized(dir.hasPrefix("/") ? dir : (workingDirectory ?? "/") + "/" + dir).joined(separator: "/")
    }

    /// The folders of `dir` without `.` and with each `..` taking the folder before it, if any
    /// (a relative path keeps its leading `..`s; an absolute one stops at the root).
    static func normalized(_ dir: String) -> [String] {
        var parts: [String] = []
        for part in dir.split(separator: "/") where part != "." {
            if part != ".." { parts.append(String(part)) } else if let last = parts.last, last != ".." { parts.removeLast() }
            else if !dir.hasPrefix("/") { parts.append("..") }
        }
        return parts
    }

    /// Nil when the working directory cannot be read (removed under the process).
    static let workingDirectory: String? = { let directory = currentDirectory(); return directory.isEmpty ? nil : directory }()
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileDiscovery {
    /// Whether anything is at `path`, a dangling symbolic link included (`lstat`).
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
