#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// The folder that SARIF's, GitHub's and GitLab's file names start at (`PathBase`): the CI's
/// own variable when it is set (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`), or the outermost git
/// work tree below it around the working directory (`actions/checkout` with `path: src` puts the
/// repository in a folder of the workspace: named from the workspace, `deploy/web.yaml` was
/// `src/deploy/web.yaml`, a file the repository does not have); else the git work tree around
/// the working directory (the nearest folder upward with a `.git` entry, a folder or a worktree's
/// file, as git finds it), else none, and the working directory is the root. GitHub reads a
/// relative name from the repository's root: from a subfolder, `web.yaml` would be another file
/// than `deploy/web.yaml`.
struct RepositoryRoot {
    let path: String
    /// `path` with its links resolved, when that differs (`getcwd` gives the resolved working directory).
    let resolved: String?

    static func find(variable: String, workingDirectory: String) -> RepositoryRoot? {
        if let given = getenv(variable).map({ String(cString: $0) }), given.hasPrefix("/") {
            return RepositoryRoot(path: checkout(in: given, around: workingDirectory) ?? given)
        }
        return gitWorkTree(around: workingDirectory).map { RepositoryRoot(path: $0) }
    }

    init(path: String) {
        self.path = path
        let real = PathBase.resolvingLinks(path)
        resolved = real == path ? nil : real
    }

    /// The outermost folder that holds `.git` from `folder` up to `workspace` (itself not
    /// counted: it is the root anyway), when `folder` lies below the workspace (compared with
    /// the workspace's links resolved, as `getcwd` gives `folder`). The outermost, so that a
    /// submodule's work tree inside the repository is not taken for the repository.
    static func checkout(in workspace: String, around folder: String) -> String? {
        var top = PathBase.resolvingLinks(workspace) ?? workspace
        while top.count > 1 && top.hasSuffix("/") { top.removeLast() }
        // The workspace is the repository (actions/checkout's default): a work tree below it is a submodule.
        guard folder.hasPrefix(top + "/"), access(top + "/.git", F_OK) != 0 else { return nil }
        var found: String?
        var tree = gitWorkTree(around: folder)
        while let inside = tree, inside.hasPrefix(top + "/"), let slash = inside.lastIndex(of: "/") {
            found = inside
            tree = gitWorkTree(around: String(inside[..<slash]))
        }
        return found
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
