#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes fixed bytes over a file without ever leaving it half-written:
/// a temporary file beside it, fsync, rename. The file keeps its mode; a
/// read-only file, and a file whose bytes are no longer those that were read,
/// are refused and left as they are.
public struct AtomicWriter {
    /// Runs after the checks and before the rename (tests use it to change the file in between).
    public var beforeCommit: ((String) -> Void)?
    /// Told the temporary file's path once it exists, and nil once it is renamed or removed
    /// (the command line removes it if a signal ends the run in between).
    public var temporaryFile: ((String?) -> Void)?

    /// Whether `info` is the file open as fd 0, 1 or 2 (same device and inode).
    static func isStandardStream(_ info: stat) -> Bool {
        (0...2).contains { fd in
            var open = stat()
            return fstat(Int32(fd), &open) == 0 && (open.st_mode & S_IFMT) == S_IFREG
                && open.st_dev == info.st_dev && open.st_ino == info.st_ino
        }
    }

    /// True for a name of an open file descriptor (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`):
    /// its target is whatever the shell or the parent opened, not a file the user named.
    static func namesDescriptor(_ path: String) -> Bool {
        if ["/dev/stdin", "/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") { return true }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        return path.hasPrefix("/proc/") && parts.count == 4 && parts[2] == "fd"
    }

    public init(beforeCommit: ((String) -> Void)? = nil, temporaryFile: ((String?) -> Void)? = nil) {
        self.beforeCommit = beforeCommit
        self.temporaryFile = temporaryFile
    }

    public func replace(_ path: String, with bytes: [UInt8], expecting original: [UInt8]) throws(FixError) {
        // `--fix /dev/stdin < deploy.yaml` would rewrite deploy.yaml, which the shell opened,
        // while the user asked for stdin: `-` is stdin, fixed into stdout.
        if Self.namesDescriptor(path) {
            throw .unwritable(file: path, reason: "it names an open file descriptor, not a file: use - to fix standard input into standard output, or name the file")
        }
        let target = resolved(path)
        var info = stat()
        guard stat(target, &info) == 0 else { throw .unwritable(file: path, reason: "cannot stat it (\(Self.errorText()))") }
        // Spelled otherwise (`/dev/./stdin`, a link to /dev/stdin): the file is one the run has
        // open as its standard input or output.
        if Self.isStandardStream(info) {
            throw .unwritable(file: path, reason: "it is the file this run has open as its standard input or output: use - to fix standard input into standard output, or name the file")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .unwritable(file: path, reason: "it is not a regular file") }
        let mode = info.st_mode & 0o7777
        if mode & 0o222 == 0 {
            throw .unwritable(file: path, reason: "it is read-only (mode \(String(mode, radix: 8)))")
        }
        if access(target, W_OK) != 0 {
            // A read-only mount, an immutable file, or a mode that leaves this user out.
            throw .unwritable(file: path, reason: "it is not writable (\(Self.errorText()))")
        }
        guard Self.unchanged(target, original) else { throw .changedSinceRead(file: path) }
        let directory = PathBase.directory(of: target)
        // By bytes, as `directory` is: a name that starts with a combining mark (`d/\u{301}x.yaml`)
        // makes `/` and the mark one Character, and a split by Character found no `/` there.
        let base = target.utf8.lastIndex(of: UInt8(ascii: "/")).map { String(decoding: target.utf8[target.utf8.index(after: $0)...], as: UTF8.self) } ?? target
        // `.NAME.probelint-XXXXXX`, or without the name when that would pass the 255 bytes a
        // file name may have (a 240-byte name could not be fixed: "File name too long").
        let suffix = ".probelint-XXXXXX"
        let name = 1 + base.utf8.count + suffix.utf8.count <= 255 ? ".\(base)\(suffix)" : suffix
        var template = Array("\(directory)/\(name)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .unwritable(file: path, reason: "cannot create a temporary file in \(directory) (\(Self.errorText()))") }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        temporaryFile?(temporary)
        var committed = false
        defer {
            close(fd)
            if !committed { unlink(temporary) }
            temporaryFile?(nil)
        }
        // Owner first and mode last: a change of owner, and a write by anyone but root, clear
        // the set-user-ID and set-group-ID bits that the mode may hold.
        if getuid() == 0 { _ = fchown(fd, info.st_uid, info.st_gid) }
        guard Self.writeAll(fd, bytes), fchmod(fd, mode) == 0, fsync(fd) == 0 else {
            throw .unwritable(file: path, reason: "cannot write \(temporary) (\(Self.errorText()))")
        }
        beforeCommit?(target)
        guard Self.unchanged(target, original) else { throw .changedSinceRead(file: path) }
        guard rename(temporary, target) == 0 else {
            throw .unwritable(file: path, reason: "cannot replace it (\(Self.errorText()))")
        }
        committed = true
        let dirFD = open(directory, O_RDONLY)
        if dirFD >= 0 {
            _ = fsync(dirFD)
            close(dirFD)
        }
    }

    /// A symlink is followed, so the link stays a link and its target gets the fix.
    func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }

    /// Same size and same bytes as when read (a byte compare: stronger than a hash, and the bytes are in memory).
    static func unchanged(_ path: String, _ original: [UInt8]) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, Int(info.st_size) == original.count else { return false }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: original.count + 1)
        var total = 0
        while total < buffer.count {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + total, $0.count - total) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            total += n
        }
        return total == original.count && buffer[..<total].elementsEqual(original)
    }

    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
