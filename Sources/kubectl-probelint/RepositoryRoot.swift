#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// The folder that SARIF's, GitHub's and GitLab's file names start at (`PathBase`): the CI's
/// own variable when it is set (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`), else the git work tree
/// around the working directory (the nearest folder upward with a `.git` entry, a folder or a
/// worktree's file, as git finds it), else none, and the working directory is the root. GitHub
/// reads a relative name from the repository's root: from a subfolder, `web.yaml` would be
/// another file than `deploy/web.yaml`.
struct RepositoryRoot {
    let path: String
    /// `path` with its links resolved, when that differs (`getcwd` gives the resolved working directory).
    let resolved: String?

    static func find(variable: String, workingDirectory: String) -> RepositoryRoot? {
        if let given = getenv(variable).map({ String(cString: $0) }), given.hasPrefix("/") {
            return RepositoryRoot(path: given)
        }
        return gitWorkTree(around: workingDirectory).map { RepositoryRoot(path: $0) }
    }

    init(path: String) {
        self.path = path
        let real = PathBase.resolvingLinks(path)
        resolved = real == path ? nil : real
    }

    /// The nearest of `folder` and its parents that holds `.git`; nil when none does.
    static func gitWorkTree(around folder: String) -> String? {
        guard folder.hasPrefix("/") else { return nil }
        var current = Substring(folder)
        while current.count > 1 && current.hasSuffix("/") { current = current.dropLast() }
        while true {
            let candidate = current == "/" ? "/.git" : current + "/.git"
            if access(candidate, F_OK) == 0 { return String(current) }
            guard let slash = current.lastIndex(of: "/"), current != "/" else { return nil }
            current = slash == current.startIndex ? "/" : current[..<slash]
        }
    }

    /// File names made relative to the root `find` finds (or to the working directory when there
    /// is none), a name outside it tried again with its links resolved.
    static func pathBase(variable: String, workingDirectory: String) -> PathBase {
        let root = find(variable: variable, workingDirectory: workingDirectory)
        return PathBase(workingDirectory: workingDirectory, root: root?.path, rootAlias: root?.resolved, resolvesLinks: true)
    }
}
