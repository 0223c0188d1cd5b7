import ArgumentParser
import ProbeLint

/// `--config` and `--rook-version`; finds `.probelint.yaml`
/// from each linted file's folder upward and gathers the run's Rook facts.
struct RookOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Environment config file (default: the nearest .probelint.yaml from each file's folder upward).", valueName: "file"))
    var config: String?
    @Option(help: ArgumentHelp("Rook release whose generated probes to model (default: the rook/ceph operator image among the inputs, else .probelint.yaml, else v1.20).", valueName: "vX.Y[.Z]"))
    var rookVersion: String?

    /// A `--config` file that cannot be read or does not parse: nothing is linted, as a
    /// discovered `.probelint.yaml` that is broken stops the files below it (findings made
    /// without the environment the user named would be wrong).
    struct ConfigFailure: Error {
        var error: LintError
    }

    /// Adds the flags to `options` and gathers the facts of every input.
    func prepare(_ options: inout LintOptions, files: [String], maxFileBytes: Int, workers: Int = 1) throws {
        if let rookVersion {
            guard let version = RookVersion.parse(rookVersion) else {
                throw ValidationError("--rook-version '\(rookVersion)' is not a Rook version such as v1.20 or v1.11.3")
            }
            options.environment.rook.flag = version
        }
        if let config {
            switch FileDiscovery.read(config, limit: maxFileBytes) {
            case .success(let bytes):
                do {
                    let file = try ConfigFile.parse(bytes, file: config)
                    ConfigDiscovery.warn(file)
                    file.apply(to: &options)
                } catch { throw ConfigFailure(error: error) }
            case .failure(let error): throw ConfigFailure(error: error)
            }
        }
        // Regular files only: stdin, a FIFO or a device can be read once, and Linter scans those itself.
        let regular = files.filter { $0 != "-" && FileDiscovery.isRegularFile($0) }
        options.environment.rook.facts.merge(RookFacts.gather(regular, limits: options.limits, mapping: ParallelMapping(workers: workers)) { path in
            guard case .success(let bytes) = FileDiscovery.read(path, limit: maxFileBytes) else { return nil }
            return bytes
        })
        options.environment.rook.scanned.formUnion(regular)
    }

    /// The options for one file: with its nearest `.probelint.yaml` unless --config was given.
    func options(for path: String, base: LintOptions, cache: inout [String: Result<ConfigFile?, LintError>]) -> Result<LintOptions, LintError> {
        guard config == nil else { return .success(base) }
        var options = base
        switch ConfigDiscovery.nearest(from: path == "-" ? "." : ConfigDiscovery.directory(of: path), cache: &cache) {
        case .success(let file): file?.apply(to: &options)
        case .failure(let error): return .failure(error)
        }
        return .success(options)
    }
}

enum ConfigDiscovery {
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The `.probelint.yaml` in `dir` or its nearest ancestor.
    static func nearest(from dir: String, cache: inout [String: Result<ConfigFile?, LintError>]) -> Result<ConfigFile?, LintError> {
        if let cached = cache[dir] { return cached }
        let candidate = (dir == "/" ? "" : dir) + "/" + ConfigFile.fileName
        let result: Result<ConfigFile?, LintError>
        if FileDiscovery.isRegularFile(candidate) {
            switch FileDiscovery.read(candidate, limit: 1 << 20) {
            case .success(let bytes):
                do {
                    let file = try ConfigFile.parse(bytes, file: candidate.hasPrefix("./") ? String(candidate.dropFirst(2)) : candidate)
                    warn(file)  // once: the result is cached for the directory and those below it
                    result = .success(file)
                } catch { result = .failure(error) }
            case .failure(let error): result = .failure(error)
            }
        } else if let parent = parent(of: dir) {
            result = nearest(from: parent, cache: &cache)
        } else {
            result = .success(nil)
        }
        cache[dir] = result
        return result
    }

    /// A config file's warnings, on stderr as `file:line:column: warning: ...`.
    static func warn(_ file: ConfigFile) {
        for warning in file.warnings {
            let at = warning.position.map { ":\($0.line):\($0.column)" } ?? ""
            writeStderr(TerminalText.escape("\(warning.file)\(at): warning: \(warning.message)") + "\n")
        }
    }

    /// The parent folder; relative paths climb through `..` up to the real root.
    static func parent(of dir: String) -> String? {
        let absolute = dir.hasPrefix("/") ? dir : (FileDiscovery.currentDirectory() ?? "/") + "/" + dir
        var parts = absolute.split(separator: "/").map(String.init)
        var normalized: [String] = []
        for part in parts {
            if part == "." { continue }
            if part == ".." { _ = normalized.popLast() } else { normalized.append(part) }
        }
        parts = normalized
        guard !parts.isEmpty else { return nil }
        parts.removeLast()
        return "/" + parts.joined(separator: "/")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileDiscovery {
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    static func currentDirectory() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return nil }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
