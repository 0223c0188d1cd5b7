#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where SARIF and GitHub annotations make file names relative to, as GitHub resolves them:
/// the repository's root, which is the workflow's `GITHUB_WORKSPACE` (upload-sarif's default
/// `checkout_path`), else the git work tree around the working directory, else the working
/// directory itself (the CLI chooses, `RepositoryRoot`). A file outside the root keeps its
/// absolute name: relative to anything else, GitHub would put it on another file.
public struct PathBase: Sendable, Equatable {
    /// The working directory, absolute and ending in `/`: where relative file names are.
    public let workingDirectory: String
    /// The folder names are made relative to, absolute and ending in `/`.
    public let root: String
    /// The root's other spelling, ending in `/`, or nil: its links resolved when it is named
    /// through one (a workspace that is a symbolic link, where `getcwd` gives the resolved
    /// working directory), so that a name under either is relative.
    public let rootAlias: String?
    /// Whether a name outside the root is tried again with its links resolved: a file named
    /// through a link to the repository (`$PWD/web.yaml` from a linked folder, where `getcwd`
    /// and the git work tree are resolved). The command line sets it; it reads the file system.
    public let resolvesLinks: Bool
    /// Whether the working directory is known and every folder is ASCII, so that `relative`
    /// may join and compare bytes.
    private let asciiFolders: Bool

    /// `root` is used when it is absolute, else the working directory is the root.
    public init(workingDirectory: String, root: String? = nil, rootAlias: String? = nil, resolvesLinks: Bool = false) {
        self.resolvesLinks = resolvesLinks
        func folder(_ path: String) -> String {
            let normalized = PathBase.normalized(path)
            return normalized.hasSuffix("/") ? normalized : normalized + "/"
        }
        self.workingDirectory = workingDirectory.isEmpty ? "" : folder(workingDirectory)
        if let root, root.hasPrefix("/"), !self.workingDirectory.isEmpty {
            self.root = folder(root)
            self.rootAlias = rootAlias.flatMap { $0.hasPrefix("/") && folder($0) != folder(root) ? folder($0) : nil }
        } else {
            self.root = self.workingDirectory
            self.rootAlias = nil
        }
        asciiFolders = !self.workingDirectory.isEmpty && ![self.workingDirectory, self.root, self.rootAlias ?? ""]
            .contains { $0.utf8.contains { $0 >= 0x80 } }
    }

    /// `file` relative to `root` when it lies inside it (`deploy/web.yaml`), else absolute; `.`,
    /// `..` and doubled slashes resolved as text (`deploy//web.yaml`, `./deploy/../deploy/web.yaml`).
    /// A name that is no path (`<stdin>`) or an unknown working directory leaves it as written, tidied.
    public func relative(_ file: String) -> String {
        let name = relativeAsWritten(file)
        guard resolvesLinks, name.hasPrefix("/"), let real = Self.resolvingLinks(name), real != name else { return name }
        let resolved = relativeAsWritten(real)
        return resolved.hasPrefix("/") ? name : resolved
    }

    /// `relative(_:)` without resolving links.
    func relativeAsWritten(_ file: String) -> String {
        // Nearly every name is normal already: then it is joined and cut as bytes, not split and
        // joined (some 38,000 instructions a finding in `-o github`, a fifth of the whole run).
        if asciiFolders, !Self.isNoPath(file), Self.isNormalASCII(file) {
            if file.utf8.first == UInt8(ascii: "/") { return droppingRoot(from: file) }
            // The working directory is normal and ends in `/`: joined to a normal name, it is normal.
            return root == workingDirectory ? file : droppingRoot(from: workingDirectory + file)
        }
        // A URL (`-f https://...`, refused with an input error) is no path: its `//` is kept.
        if Self.isURL(file) { return file }
        return relativeByComponents(file)
    }

    /// Whether `name` names no file: `<stdin>` (a file of that name is `./<stdin>`,
    /// `FileDiscovery.displayName`), a test's `<string>`. A file whose name starts with `<`
    /// (`<a>.yaml`) is a file, relative to the root as any other.
    static func isNoPath(_ name: String) -> Bool {
        name.utf8.first == UInt8(ascii: "<") && name.utf8.last == UInt8(ascii: ">") && !name.utf8.contains(UInt8(ascii: "/"))
    }

    /// Whether `name` is a URL as kubectl's `-f` takes one (`http://`, `https://`).
    public static func isURL(_ name: String) -> Bool {
        name.hasPrefix("https://") || name.hasPrefix("http://")
    }

    /// The folder of `path` as written: `a/b` of `a/b/c.yaml`, `/` of `/c.yaml`, `.` of a bare name.
    /// Found in its UTF-8 bytes, since a `/` is one byte and a search by Character walks graphemes.
    /// The one definition: `--fix`'s temporary file, `.probelint.yaml`'s search and a Rook
    /// object's folder (`RookFacts.folder`) start from it.
    public static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.utf8.startIndex ? "/" : String(decoding: path.utf8[..<slash], as: UTF8.self)
    }

    /// `path` with its links resolved (`realpath`); nil when it does not exist.
    public static func resolvingLinks(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    /// `path` without the root (or its alias) when it starts with it, else `path` (bytes compared: both ASCII).
    func droppingRoot(from path: String) -> String {
        if path.utf8.starts(with: root.utf8) { return Self.dropping(root, from: path) }
        if let rootAlias { return Self.dropping(rootAlias, from: path) }
        return path
    }

    /// `relative(_:)` for any name: its components normalized, then the root's prefix dropped.
    func relativeByComponents(_ file: String) -> String {
        guard !workingDirectory.isEmpty, !Self.isNoPath(file) else { return Self.normalized(file) }
        let path = Self.normalized(file.hasPrefix("/") ? file : workingDirectory + file)
        for folder in [root, rootAlias] {
            if let folder, path.hasPrefix(folder) { return String(path.dropFirst(folder.count)) }
        }
        return path
    }

    /// Whether `path` is ASCII and `normalized` returns it as it is: no empty, `.` or `..`
    /// component, no final `/`. (ASCII, so that comparing bytes is comparing Strings, which
    /// compare canonically equivalent Unicode text as equal.)
    static func isNormalASCII(_ path: String) -> Bool {
        path.withContiguousUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            var start = 0
            for i in 0...bytes.count {
                if i < bytes.count {
                    if bytes[i] >= 0x80 { return false }
                    if bytes[i] != UInt8(ascii: "/") { continue }
                }
                // The component bytes[start..<i]: empty only before a leading `/`.
                let length = i - start
                if length == 0 && i != 0 { return false }
                if length == 1 && bytes[start] == UInt8(ascii: ".") { return false }
                if length == 2 && bytes[start] == UInt8(ascii: ".") && bytes[start + 1] == UInt8(ascii: ".") { return false }
                start = i + 1
            }
            return true
        }
    }

    /// `path` without `prefix` when it starts with it, else `path` (bytes compared: both ASCII).
    static func dropping(_ prefix: String, from path: String) -> String {
        guard path.utf8.starts(with: prefix.utf8) else { return path }
        return String(Substring(path.utf8.dropFirst(prefix.utf8.count)))
    }

    /// `path` with empty and `.` components dropped and each `..` taking the component before
    /// it (one at the root stays at the root), as text: links are not followed.
    public static func normalized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : joined.isEmpty ? "." : joined
    }
}
