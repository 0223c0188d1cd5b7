#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// Finds and reads inputs the way `kubectl -f` does: `-` is stdin, a named
/// file is read whatever its extension, a directory gives its top-level
/// `.yaml`/`.yml`/`.json` files in lexical order (all levels with `-R`), and a
/// directory that gives none is an input error, as kubectl makes it (a run that
/// read nothing must not pass as clean, in CI least of all).
struct FileDiscovery {
    static let extensions = [".yaml", ".yml", ".json"]

    /// How findings and errors name an input: `stdin` (`--stdin-filename`'s path, or `<stdin>`)
    /// for `-`, else the path as given; a file named `<stdin>` is `./<stdin>`, or `--fix` would
    /// take it for standard input (its fixed text written to stdout, the file left as it was).
    static func displayName(_ path: String, stdin: String) -> String {
        switch path {
        case "-": return stdin
        case standardInput: return "./" + standardInput
        default: return path
        }
    }

    /// How reports name standard input (`-`) without `--stdin-filename`, as ESLint and ruff do.
    static let standardInput = "<stdin>"

    var recursive: Bool
    /// `--exclude`: shell patterns (fnmatch(3)) for what a folder's walk leaves out, a trailing
    /// `/` and a leading `./` dropped (`excluded`). Paths named on the command line are read.
    var exclude: [String] = []

    init(recursive: Bool, exclude: [String] = []) {
        self.recursive = recursive
        self.exclude = exclude.flatMap { $0.split(separator: ",").map(Self.normalizedPattern) }.filter { !$0.isEmpty }
    }

    static func normalizedPattern(_ pattern: Substring) -> String {
        var pattern = pattern
        while pattern.count > 1 && pattern.hasSuffix("/") { pattern = pattern.dropLast() }
        while pattern.hasPrefix("./") { pattern = pattern.dropFirst(2) }
        return String(pattern)
    }

    /// Whether the walk of a folder given on the command line leaves out one of its files or
    /// folders: a pattern without `/` is matched against the entry's name (`tsconfig.json`,
    /// `.vscode`, `*.schema.json`), one with `/` against its path below that folder
    /// (`vendor/*/examples`, `*` not crossing a `/`), and one that starts with `**/` against
    /// that path and each of its tails (`**/templates`: a `templates` folder at any depth).
    /// kubectl has no such flag; ruff, yamllint and ESLint leave out paths the same way, and a
    /// pre-commit hook has its own `exclude:`.
    func excluded(name: String, relative: String) -> Bool {
        exclude.contains { pattern in
            guard pattern.hasPrefix("**/") else {
                return pattern.contains("/") ? fnmatch(pattern, relative, FNM_PATHNAME) == 0 : fnmatch(pattern, name, 0) == 0
            }
            let rest = String(pattern.dropFirst(3))
            var tail = Substring(relative)
            while true {
                if fnmatch(rest, String(tail), FNM_PATHNAME) == 0 { return true }
                guard let slash = tail.firstIndex(of: "/") else { return false }
                tail = tail[tail.index(after: slash)...]
            }
        }
    }

    /// The usage error for a pattern that can match nothing the walk finds: an absolute path,
    /// or one through `..` (the walk names entries below the folder given, `charts/a`, never
    /// `/work/repo/charts/a`); nil when every pattern is one it can match.
    var unmatchable: String? {
        guard let bad = exclude.first(where: { $0.hasPrefix("/") || $0.split(separator: "/").contains("..") }) else { return nil }
        return "--exclude '\(bad)' can match nothing: a pattern is a name (.vscode) or a path below the folder given (vendor/*/examples), not an absolute path or one through '..'"
    }

    /// Expands the paths into files to read, with errors for missing paths.
    func expand(_ paths: [String]) -> (files: [String], errors: [LintError]) {
        var files: [String] = []
        var errors: [LintError] = []
        var visited = Set<DirectoryID>()
        for (path, pattern) in paths.flatMap({ path in Self.globbed(path).map { $0.map { ($0, Optional(path)) } } ?? [(path, nil)] }) {
            if path == "-" { files.append("-"); continue }
            var st = stat()
            guard stat(path, &st) == 0 else {
                // A path that is there but cannot be followed is not missing: a loop of links
                // (ELOOP), a folder on the way that is no folder or cannot be entered.
                let reason = errno
                let message = reason == ENOENT ? Self.missing(path) : "cannot read \"\(path)\": \(String(cString: strerror(reason)))"
                errors.append(LintError(file: path, position: nil, message: message))
                continue
            }
            // A FIFO a pattern matches was found, not named, as one in a folder is: never waited on.
            if let pattern, (st.st_mode & S_IFMT) == S_IFIFO {
                errors.append(LintError(file: path, position: nil, message: "is a FIFO matched by the pattern '\(pattern)', not read: name it to read it (probelint then waits for its writer)"))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                // Already read by an earlier argument (given twice, or below one given with -R):
                // its files are listed once, and it is not a directory without manifests.
                if visited.contains(DirectoryID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))) { continue }
                let before = files.count, errorsBefore = errors.count
                var left = false
                let skipped = walk(path, root: path, into: &files, errors: &errors, visited: &visited, excludedAny: &left)
                if files.count == before && errors.count == errorsBefore {
                    errors.append(LintError(file: path, position: nil, message: Self.noManifests(skippedDirectories: skipped, excluding: left)))
                }
            } else {
                files.append(path)
            }
        }
        return (files, errors)
    }

    /// Each file once, under the name it was first given (`f.yaml ./f.yaml`, `-R -f deploy -f
    /// deploy/web.yaml`, or a link to it), in the order given, as ruff and ESLint lint a file
    /// named twice once: linted twice, its findings were reported twice (and fixed twice).
    /// Files are the same when their paths with links resolved are, byte for byte; standard input is one.
    /// A name that reaches the file through a symbolic link (its own, or a folder's) gives way to
    /// one that does not, at the place of the first: a walk lists `alias.yaml` before `real.yaml`,
    /// and GitHub code scanning does not show alerts on a link's path.
    ///
    /// Two files whose names differ only in Unicode normalization (`nü.yaml` as NFC and as NFD)
    /// are two files to Linux, and one name to a Swift String, which compares canonically: the
    /// run's tables by file name cannot hold both, so the second is an input error, where it was
    /// dropped as the first file named twice.
    static func distinct(_ files: [String]) -> (files: [String], errors: [LintError]) {
        guard files.count > 1 else { return (files, []) }
        var kept: [String] = [], at: [[UInt8]: Int] = [:], names: [String: String] = [:], errors: [LintError] = []
        // A relative name is judged from the working directory's real path, so that only its
        // own components count.
        let base = PathBase.resolvingLinks(".") ?? ""
        func throughLink(_ path: String, real: [UInt8]) -> Bool {
            !PathBase.normalized(path.hasPrefix("/") ? path : base + "/" + path).utf8.elementsEqual(real)
        }
        for path in files {
            guard path != "-", let real = PathBase.resolvingLinks(path) else {
                kept.append(path)
                continue
            }
            let key = Array(real.utf8)
            if let i = at[key] {
                if throughLink(kept[i], real: key) && !throughLink(path, real: key) && names[path] == nil {
                    names[kept[i]] = nil
                    names[path] = path
                    kept[i] = path
                }
                continue
            }
            if let other = names[path], !other.utf8.elementsEqual(path.utf8) {
                errors.append(LintError(file: path, position: nil, message: "has the name of \"\(other)\" in another Unicode normalization form (NFC and NFD): probelint cannot tell the two apart, and lints only the first; rename one"))
                continue
            }
            names[path] = path
            at[key] = kept.count
            kept.append(path)
        }
        return (kept, errors)
    }

    /// Whether `a` and `b` name one file: their paths with links resolved, or where one does not
    /// exist (`--stdin-filename`'s new file), their absolute paths tidied (`./a.yaml`, `a.yaml`,
    /// `$PWD/a.yaml`, `x/../a.yaml`).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        if let ra = PathBase.resolvingLinks(a), let rb = PathBase.resolvingLinks(b) { return ra == rb }
        let base = PathBase.resolvingLinks(".") ?? ""
        func absolute(_ path: String) -> String { PathBase.normalized(path.hasPrefix("/") ? path : base + "/" + path) }
        return absolute(a) == absolute(b)
    }

    /// Whether kubectl would fetch `path` over the network (its `-f` takes these two schemes).
    static func isURL(_ path: String) -> Bool { path.hasPrefix("http://") || path.hasPrefix("https://") }

    /// The error for a path that does not exist: kubectl's words, or for a URL, which kubectl
    /// fetches and probelint does not, how to read it anyway.
    /// A path that does not exist, read as a pattern (`-f 'deploy/*.yaml'`, quoted so that no
    /// shell expanded it: a workflow's `args:`, a Makefile), as kubectl reads it
    /// (`expandIfFilePattern`: Go's `filepath.Glob`, whose `*` matches a leading dot too): its
    /// matches in order, or nil when it exists, is no pattern or matches nothing (then it is
    /// missing, in kubectl's words).
    static func globbed(_ path: String) -> [String]? {
        guard path != "-", path.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }), !isURL(path) else { return nil }
        var st = stat()
        guard stat(path, &st) != 0 else { return nil }
        var found = glob_t()
        defer { globfree(&found) }
        #if canImport(Glibc)
        let flags = GLOB_PERIOD  // glibc's `*` skips a leading dot without it
        #else
        let flags: Int32 = 0  // no GLOB_PERIOD: on macOS `*` skips a leading dot
        #endif
        guard glob(path, flags, nil, &found) == 0 else { return nil }
        // GLOB_PERIOD lets `*` match `.` and `..` too, which Go's Glob never returns (`deploy/*`
        // read the folder above).
        let matches = (0..<Int(found.gl_pathc)).compactMap { found.gl_pathv[$0].map { String(cString: $0) } }
            .filter { path in !(path.split(separator: "/").last.map { $0 == "." || $0 == ".." } ?? false) }
        return matches.isEmpty ? nil : matches
    }

    static func missing(_ path: String) -> String {
        guard isURL(path) else { return "the path \"\(path)\" does not exist" }
        return "\"\(path)\" is a URL: probelint reads files, directories and stdin, and fetches nothing; download it first (curl -fsSL '\(path)' | kubectl probelint -f -)"
    }

    /// The error for a directory argument that gives no file to read.
    static func noManifests(skippedDirectories: Bool, excluding: Bool = false) -> String {
        "no .yaml, .yml or .json file in this directory" + (excluding ? " that --exclude leaves in" : "")
            + (skippedDirectories ? " (subdirectories are read with -R)" : "")
    }

    struct DirectoryID: Hashable { var device: UInt64; var inode: UInt64 }

    /// Whether `path` is itself a symbolic link or a regular file (`lstat`, not following it): a
    /// loop of links, or a link to a folder out of reach, is passed over as kubectl's walk passes
    /// it over. Asked only where `stat` failed; readdir's d_type is DT_UNKNOWN on some file systems.
    static func isLinkOrFile(_ path: String) -> Bool {
        var link = stat()
        guard lstat(path, &link) == 0 else { return false }
        return (link.st_mode & S_IFMT) == S_IFLNK || (link.st_mode & S_IFMT) == S_IFREG
    }

    /// Adds the directory's files; returns true when it left subdirectories unread (no `-R`).
    /// Under `-R` a symbolic link to a directory is not followed, as kubectl's walk
    /// (`filepath.Walk`) and kube-linter's do not: `kubectl apply -R` applies nothing through
    /// it, and a link to a folder outside the tree (or back up it) read files from elsewhere.
    /// A directory given by name is read whether or not it is a link.
    @discardableResult
    private func walk(_ dir: String, root: String, into files: inout [String], errors: inout [LintError], visited: inout Set<DirectoryID>,
                      excludedAny: inout Bool) -> Bool {
        var st = stat()
        guard stat(dir, &st) == 0 else { return false }
        // A directory given twice, or below one given with -R, is read once.
        guard visited.insert(DirectoryID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))).inserted else { return false }
        guard let handle = opendir(dir) else {
            errors.append(LintError(file: dir, position: nil, message: "cannot read directory: \(String(cString: strerror(errno)))"))
            return false
        }
        var names: [String] = []
        var unnamable: [LintError] = []
        let base = dir.hasSuffix("/") ? dir : dir + "/"
        while let entry = readdir(handle) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
            }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // A name that is no UTF-8 cannot be named again by a String (it would be read, and
                // fixed, as the name with U+FFFD in its place): a manifest or a folder -R would read is an error.
                if let error = self.unnamable(bytes, in: base) { unnamable.append(error) }
                continue
            }
            // probelint's own config file is no manifest: read as one, it only added to the count.
            if name != "." && name != ".." && !ConfigFile.fileNames.contains(name) { names.append(name) }
        }
        closedir(handle)
        errors += unnamable.sorted { $0.file < $1.file }
        var skipped = false
        let rootLength = (root.hasSuffix("/") ? root : root + "/").utf8.count
        for name in names.sorted() {
            let path = base + name
            if !exclude.isEmpty, excluded(name: name, relative: String(decoding: path.utf8.dropFirst(rootLength), as: UTF8.self)) {
                excludedAny = true
                continue
            }
            var entryStat = stat()
            guard stat(path, &entryStat) == 0 else {
                let code = errno
                // A dangling symlink (or a file removed meanwhile) with a manifest's name: reading reports it.
                if Self.extensions.contains(where: { name.hasSuffix($0) }) {
                    files.append(path)
                } else if code != ENOENT && !Self.isLinkOrFile(path) {
                    // A folder below PATH_MAX's reach (`File name too long`), or in a folder that
                    // may be listed but not searched: -R had passed over it, and a broken file in it, as a clean run.
                    errors.append(LintError(file: path, position: nil, message: "cannot read: \(String(cString: strerror(code)))"))
                }
                continue
            }
            if (entryStat.st_mode & S_IFMT) == S_IFDIR {
                var link = stat()
                if !recursive {
                    skipped = true
                } else if lstat(path, &link) != 0 || (link.st_mode & S_IFMT) != S_IFLNK {
                    walk(path, root: root, into: &files, errors: &errors, visited: &visited, excludedAny: &excludedAny)
                }
            } else if Self.extensions.contains(where: { name.hasSuffix($0) }) {
                if (entryStat.st_mode & S_IFMT) == S_IFIFO {
                    // Read, it would wait for a writer that may never come (FileDiscovery.read).
                    errors.append(LintError(file: path, position: nil, message: "is a FIFO found in a folder, not read: name it to read it (probelint then waits for its writer)"))
                } else {
                    files.append(path)
                }
            }
        }
        return skipped
    }

    /// The error for a directory entry whose name is no UTF-8, when it is a manifest by its
    /// extension or a folder that -R would read; nil for any other.
    private func unnamable(_ name: [UInt8], in base: String) -> LintError? {
        var entryStat = stat()
        let path = Array(base.utf8) + name + [0]
        let isFolder = path.withUnsafeBufferPointer { stat(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), &entryStat) } == 0
            && (entryStat.st_mode & S_IFMT) == S_IFDIR
        guard (isFolder && recursive) || Self.extensions.contains(where: { name.count >= $0.utf8.count && name.suffix($0.utf8.count).elementsEqual($0.utf8) }) else { return nil }
        return LintError(file: base + Self.escaped(name), position: nil,
                         message: "the name is not valid UTF-8, so probelint cannot name it to read or fix it: rename it (not \(isFolder ? "read" : "linted"))")
    }

    /// A name's bytes with each byte that is no UTF-8 as `\xNN`, as ls -b shows it.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = "", at = 0
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                out.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                at += encoded.count
            case .error(let length):
                for byte in bytes[at..<(at + length)] {
                    let digits = String(byte, radix: 16)
                    out += "\\x" + (digits.count < 2 ? "0" + digits : digits)
                }
                at += length
            case .emptyInput:
                return out
            }
        }
    }

    /// Reads a file (or stdin for `-`), refusing what is not a regular file or
    /// pipe and anything larger than `limit` bytes. `kept` is handed the bytes a read that
    /// stopped had read, and whether it stopped at the limit with more to come.
    /// `notRegular`: the message for what is neither a regular file nor a folder, refused as it is
    /// opened (unread, so never waited on); nil reads a FIFO or character device as input.
    /// `stdinName`: what errors call `-`.
    static func read(_ path: String, limit: Int, notRegular: String? = nil, stdinName: String = standardInput,
                     kept: (([UInt8], _ cut: Bool) -> Void)? = nil) -> Result<[UInt8], LintError> {
        let display = displayName(path, stdin: stdinName)
        let fd = path == "-" ? 0 : open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else {
            return .failure(LintError(file: display, position: nil, message: "cannot read: \(String(cString: strerror(errno)))"))
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0 {
            let type = st.st_mode & S_IFMT
            if type == S_IFDIR {
                return .failure(LintError(file: display, position: nil, message: "is a directory"))
            }
            if let notRegular, type != S_IFREG {
                return .failure(LintError(file: display, position: nil, message: notRegular))
            }
            if type != S_IFREG && type != S_IFIFO && type != S_IFCHR && path != "-" {
                return .failure(LintError(file: display, position: nil, message: "not a regular file; skipped"))
            }
            if type == S_IFREG && Int(st.st_size) > limit {
                kept?([], true)
                return .failure(LintError(file: display, position: nil,
                                          message: "file is \(st.st_size) bytes, larger than the \(limit)-byte limit (raise it with --max-file-bytes)"))
            }
        }
        if path != "-" {
            // Opened non-blocking so that the open itself cannot hang; read it blocking.
            let flags = fcntl(fd, F_GETFL)
            _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK)
            // A FIFO named to be read waits for its writer, as kubectl's blocking open does: read
            // before one came, it was an empty file that passed (`mkfifo x.yaml; ... > x.yaml &`).
            // Data or a writer that came and went ends the wait (POLLIN, POLLHUP).
            if st.st_mode & S_IFMT == S_IFIFO {
                var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                while poll(&waiting, 1, -1) < 0 && errno == EINTR {}
            }
        }
        // Read straight into uninitialized array storage sized by fstat; a pipe, a device
        // or a file that grows while read goes on in further blocks, never past the limit.
        let most = limit < Int.max ? limit + 1 : Int.max
        var bytes: [UInt8] = []
        var block = min(max(Int(st.st_size) + 1, 1 << 16), most)
        var failure: Int32 = 0
        var atEnd = false
        while !atEnd {
            let part = [UInt8](unsafeUninitializedCapacity: block) { buffer, count in
                count = 0
                while count < buffer.count {
                    let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
                    if n < 0 && errno == EINTR { continue }
                    if n < 0 { failure = errno; break }
                    if n == 0 { atEnd = true; break }
                    count += n
                }
            }
            if bytes.isEmpty { bytes = part } else { bytes += part }
            if failure != 0 {
                kept?(bytes, false)
                return .failure(LintError(file: display, position: nil, message: "cannot read: \(String(cString: strerror(failure)))"))
            }
            if bytes.count > limit {
                kept?(bytes, true)
                return .failure(LintError(file: display, position: nil,
                                          message: "input is larger than the \(limit)-byte limit (raise it with --max-file-bytes)"))
            }
            block = min(1 << 20, most - bytes.count)
        }
        return .success(bytes)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
