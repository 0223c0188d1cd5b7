import ProbeLint

/// The inputs that can be read only once: stdin, a FIFO (`-f <(kubectl get cm ...)`) or a
/// character device. They are read before the run, so that the Rook facts they hold (the
/// operator's image, `rook-config-override`, the CR a fix goes into) reach every other input
/// as a regular file's do, and each is then linted from these bytes.
struct OnceReadInputs: Sendable {
    private var results: [String: Result<[UInt8], LintError>] = [:]
    /// Standard input's bytes as read, whether they lint or not (`--fix -` passes them on), and
    /// whether the read stopped at the limit with more to come; nil when `-` is no input.
    private(set) var standardInput: (bytes: [UInt8], cut: Bool)?

    /// `--stdin-filename`: the file that stdin holds, for its name and its `.probelint.yaml`.
    let stdinFilename: String?
    var stdinName: String { stdinFilename ?? FileDiscovery.standardInput }

    init(_ files: [String], limit: Int, stdinFilename: String? = nil) {
        self.stdinFilename = stdinFilename
        for path in files where path == "-" || !FileDiscovery.isRegularFile(path) {
            var kept: ([UInt8], Bool) = ([], false)
            results[path] = FileDiscovery.read(path, limit: limit, stdinName: stdinFilename ?? FileDiscovery.standardInput, kept: { kept = ($0, $1) })
            if path == "-" {
                if case .success(let bytes) = results[path] { kept = (bytes, false) }
                standardInput = kept
            }
        }
        // Any input read once: `-f /dev/stdin` and `-f <(kubectl get ...)` are the same pipe.
        for (path, result) in results {
            guard case .success(let bytes) = result, Self.holdsNoDocument(bytes) else { continue }
            results[path] = .failure(LintError(file: FileDiscovery.displayName(path, stdin: stdinName), position: nil,
                                               message: path == "-" ? Self.emptyStdin : Self.emptyPipe))
        }
        // An empty List is a few dozen bytes: a larger input is not walked for it.
        if case .success(let bytes) = results["-"], bytes.count < 4096, KubectlList.holdsNoObject(bytes) {
            emptyListNote = "note: standard input holds only an empty List: kubectl get found no objects (a mistyped namespace?)\n"
        }
    }

    /// Standard input that is only `kubectl get -o json`'s empty List(s): kubectl succeeded and
    /// found nothing, as live mode says of the same command (`LintReport.noObjectsNote`).
    private(set) var emptyListNote: String?

    /// Standard input with nothing in it: in a pipe, the command before it most likely failed
    /// (`kubectl get ... -o yaml | kubectl probelint -f -` without `pipefail`), and a run that
    /// read nothing must not pass as clean. kubectl refuses it too. An empty file is clean; a pipe
    /// or device named by its path is not (`emptyPipe`).
    static let emptyStdin = "standard input holds no document: nothing to lint (did the command before the pipe fail? kubectl apply -f - refuses it too: no objects passed to apply)"

    /// A pipe or device named by its path (`/dev/stdin`, a FIFO, `<(kubectl get ...)`) with nothing in it, as standard input.
    static let emptyPipe = "a pipe or device that holds no document: nothing to lint (did the command writing to it fail? kubectl apply -f refuses it too: no objects passed to apply)"

    /// Whether `bytes` are only blanks, line breaks, comments and `---`/`...` lines.
    static func holdsNoDocument(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var line = bytes[i..<end].drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line = line.dropLast() }
            let marker = line.count == 3 && (line.elementsEqual("---".utf8) || line.elementsEqual("...".utf8))
            if !line.isEmpty && line.first != UInt8(ascii: "#") && !marker { return false }
            i = end + 1
        }
        return true
    }

    /// `path`'s bytes: those read before the run, or a regular file's, read now.
    func read(_ path: String, limit: Int) -> Result<[UInt8], LintError> {
        results[path] ?? FileDiscovery.read(path, limit: limit)
    }

    /// The bytes of each input read before the run, by the name findings give it (`<stdin>`,
    /// or `--stdin-filename`'s).
    var bytesByName: [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for (path, result) in results {
            if case .success(let bytes) = result { out[FileDiscovery.displayName(path, stdin: stdinName)] = bytes }
        }
        return out
    }
}
