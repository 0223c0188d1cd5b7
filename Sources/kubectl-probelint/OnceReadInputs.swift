import ProbeLint

/// The inputs that can be read only once: stdin, a FIFO (`-f <(kubectl get cm ...)`) or a
/// character device. They are read before the run, so that the Rook facts they hold (the
/// operator's image, `rook-config-override`, the CR a fix goes into) reach every other input
/// as a regular file's do, and each is then linted from these bytes.
struct OnceReadInputs: Sendable {
    private var results: [String: Result<[UInt8], LintError>] = [:]

    init(_ files: [String], limit: Int) {
        for path in files where path == "-" || !FileDiscovery.isRegularFile(path) {
            results[path] = FileDiscovery.read(path, limit: limit)
        }
    }

    /// `path`'s bytes: those read before the run, or a regular file's, read now.
    func read(_ path: String, limit: Int) -> Result<[UInt8], LintError> {
        results[path] ?? FileDiscovery.read(path, limit: limit)
    }

    /// The bytes of each input read before the run, by the name findings give it (`<stdin>`).
    var bytesByName: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for (path, result) in results {
            if case .success(let bytes) = result { out[FileDiscovery.displayName(path)] = bytes }
        }
        return out
    }
}
