import Foundation
import Testing
@testable import ProbeLint

/// SARIF's artifact URIs and GitHub's `file=` are relative to the repository's root, as
/// GitHub resolves them, and name each file one way whatever path led to it.
@Suite struct PathBaseTests {
    @Test(arguments: [
        ("deploy/web.yaml", "deploy/web.yaml"), ("./deploy/web.yaml", "deploy/web.yaml"), ("deploy//web.yaml", "deploy/web.yaml"),
        ("./deploy/../deploy/web.yaml", "deploy/web.yaml"), ("/repo/deploy/web.yaml", "deploy/web.yaml"),
        ("../other/x.yaml", "/other/x.yaml"), ("/elsewhere/x.yaml", "/elsewhere/x.yaml"), ("<stdin>", "<stdin>"),
        // A file whose name starts with `<` is a file (it was left as written, as `<stdin>` is).
        ("<a>.yaml", "<a>.yaml"), ("./<a>.yaml", "<a>.yaml"), ("/repo/sub/<a>.yaml", "sub/<a>.yaml"), ("./<stdin>", "<stdin>"),
    ])
    func namesAreRelativeToTheRoot(_ file: String, _ expected: String) {
        #expect(PathBase(workingDirectory: "/repo").relative(file) == expected)
    }

    /// From a subfolder, a name that starts with `<` is under it, as any other name is.
    @Test func aNameThatStartsWithAnAngleBracketIsUnderTheWorkingFolder() {
        let base = PathBase(workingDirectory: "/repo/sub", root: "/repo")
        #expect(base.relative("<a>.yaml") == "sub/<a>.yaml")
        #expect(base.relative("<stdin>") == "<stdin>")
    }

    /// From a subfolder in a workflow (`working-directory: deploy`), names start at the
    /// workspace, not at the subfolder: `web.yaml` is `deploy/web.yaml` in the repository.
    /// The folder of a name as written, the one definition for `--fix`'s temporary file, the
    /// config search and a Rook object's folder (`.` and `` for a bare name).
    @Test(arguments: [("a/b/c.yaml", "a/b", "a/b"), ("/c.yaml", "/", "/"), ("c.yaml", ".", ""), ("./a/c.yaml", "./a", "a"),
                      ("./c.yaml", ".", ""), ("n\u{00FC}/c.yaml", "n\u{00FC}", "n\u{00FC}"), ("e\u{0301}/c.yaml", "e\u{0301}", "e\u{0301}"),
                      // A `/` before a combining mark is one Character with it: found by its byte.
                      ("d/\u{0301}x.yaml", "d", "d"), ("\u{0301}d/\u{0301}x.yaml", "\u{0301}d", "\u{0301}d")])
    func theFolderOfAName(path: String, directory: String, rookFolder: String) {
        #expect(PathBase.directory(of: path) == directory)
        #expect(RookFacts.folder(of: path) == rookFolder)
    }

    @Test func aSubfolderOfTheWorkspaceKeepsItsPlace() {
        let paths = PathBase(workingDirectory: "/repo/deploy", root: "/repo/")
        #expect(paths.root == "/repo/")
        #expect(paths.relative("web.yaml") == "deploy/web.yaml")
        #expect(paths.relative("../charts/x.yaml") == "charts/x.yaml")
        // A relative root is not used; a file outside the root keeps its absolute name, also when
        // the working directory is outside it: GitHub would read a relative one from the root.
        #expect(PathBase(workingDirectory: "/repo", root: "repo").root == "/repo/")
        #expect(PathBase(workingDirectory: "/tmp/x", root: "/repo").relative("a.yaml") == "/tmp/x/a.yaml")
        #expect(PathBase(workingDirectory: "/tmp", root: "/repo").relative("/repo/deploy/web.yaml") == "deploy/web.yaml")
        #expect(PathBase(workingDirectory: "/tmp", root: "/repo").relative("../repo/deploy/web.yaml") == "deploy/web.yaml")
        #expect(PathBase(workingDirectory: "/repository", root: "/repo").relative("a.yaml") == "/repository/a.yaml")
    }

    /// A workspace named through a link: `getcwd` gives the resolved working directory, and a
    /// name given through the link starts with the link. Both are relative to the root.
    @Test func aLinkedRootIsMatchedBothWays() {
        let paths = PathBase(workingDirectory: "/real/repo/deploy", root: "/link", rootAlias: "/real/repo")
        #expect(paths.rootAlias == "/real/repo/")
        #expect(paths.relative("web.yaml") == "deploy/web.yaml")
        #expect(paths.relative("/link/deploy/web.yaml") == "deploy/web.yaml")
        #expect(paths.relative("/real/repo/deploy/web.yaml") == "deploy/web.yaml")
        #expect(paths.relative("/real/other.yaml") == "/real/other.yaml")
        #expect(PathBase(workingDirectory: "/repo", root: "/repo", rootAlias: "/repo/").rootAlias == nil)
    }

    /// Names that are normal ASCII are cut as bytes, without splitting them into components:
    /// the same names as splitting gives, for every name made of these pieces, under roots and
    /// working directories with and without non-ASCII (U+212A KELVIN SIGN is canonically
    /// equivalent to `K`, so a String comparison matches it where bytes do not).
    @Test func bytesAndComponentsGiveTheSameNames() {
        let pieces = ["", ".", "..", "a", "K", "\u{212A}", "é", "repo", "x.yaml"]
        var names: [String] = []
        for first in pieces {
            for second in pieces {
                names += ["\(first)/\(second)", "/\(first)/\(second)", "\(first)//\(second)/", "/repo/\(first)/\(second)", first]
            }
        }
        let bases = [PathBase(workingDirectory: "/repo"), PathBase(workingDirectory: "/repo/a", root: "/repo"),
                     PathBase(workingDirectory: "/tmp", root: "/repo"), PathBase(workingDirectory: "/K/a", root: "/repo", rootAlias: "/K"),
                     PathBase(workingDirectory: "/K/a", root: "/\u{212A}"), PathBase(workingDirectory: "/\u{212A}", root: "/K"),
                     PathBase(workingDirectory: "/"), PathBase(workingDirectory: "/é/a", root: "/é")]
        var fast = 0
        for base in bases {
            for name in names {
                #expect(base.relative(name) == base.relativeByComponents(name), "\(name) under \(base.root)")
                if PathBase.isNormalASCII(name) { fast += 1 }
            }
        }
        #expect(fast > 100)
        #expect(!PathBase.isNormalASCII("a/") && !PathBase.isNormalASCII("/") && !PathBase.isNormalASCII("a/./b"))
        #expect(PathBase.isNormalASCII("/a/b.yaml") && PathBase.isNormalASCII("a/..b/.c"))
    }

    @Test func normalizationIsTextual() {
        #expect(PathBase.normalized("a/./b//c/../d") == "a/b/d")
        #expect(PathBase.normalized("../../a") == "../../a")
        #expect(PathBase.normalized("/../a") == "/a")
        #expect(PathBase.normalized("a/..") == ".")
        #expect(PathBase.normalized("/") == "/")
    }

    /// The CLI from a subfolder with GITHUB_WORKSPACE set: SARIF's %SRCROOT% is the workspace,
    /// the URI starts there, and the invocation keeps the real working directory.
    @Test func cliUsesTheWorkspaceAsTheRoot() throws {
        let repo = try OutputSupport.temporaryDirectory("workspace").resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: repo) }
        let deploy = repo.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: OutputSupport.incident, to: deploy.appendingPathComponent("rgw.yaml"))
        let environment = ["GITHUB_WORKSPACE": repo.path]
        let sarif = try TestSupport.run(OutputSupport.timingFlags + ["-o", "sarif", "./rgw.yaml"], environment: environment, directory: deploy)
        let run = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first)
        let location = run.array("results").first?.array("locations").first?.object("physicalLocation")?.object("artifactLocation")
        #expect(location?.string("uri") == "deploy/rgw.yaml")
        #expect(run.object("originalUriBaseIds")?.object("%SRCROOT%")?.string("uri") == "file://" + repo.path + "/")
        #expect(run.array("invocations").first?.object("workingDirectory")?.string("uri") == "file://" + deploy.path + "/")
        let github = try TestSupport.run(OutputSupport.timingFlags + ["-o", "github", "-R", "-f", "../deploy//"], environment: environment, directory: deploy)
        #expect(github.stdout.hasPrefix("::error file=deploy/rgw.yaml,line=59,"), "\(github.stdout)")
    }

    /// Without GITHUB_WORKSPACE the root is the git work tree around the working directory
    /// (a `.git` folder or a worktree's `.git` file), as GitHub reads names from the repository's
    /// root; with it, a file inside the workspace is named from there wherever probelint runs;
    /// a workspace named through a link matches the resolved working directory.
    @Test func cliFindsTheRepositoryRoot() throws {
        let top = try OutputSupport.temporaryDirectory("gitroot").resolvingSymlinksInPath()
        defer { try? FileManager.default.removeItem(at: top) }
        let repo = top.appendingPathComponent("repo"), deploy = repo.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: OutputSupport.incident, to: deploy.appendingPathComponent("rgw.yaml"))
        func uris(_ arguments: [String], _ environment: [String: String], in directory: URL) throws -> [String] {
            let run = try TestSupport.run(OutputSupport.timingFlags + ["-o", "sarif"] + arguments, environment: environment, directory: directory)
            let results = try #require(try OutputSupport.parse(run.stdout).array("runs").first).array("results")
            return results.compactMap { $0.array("locations").first?.object("physicalLocation")?.object("artifactLocation")?.string("uri") }
        }
        let noWorkspace = ["GITHUB_WORKSPACE": ""]
        // No .git: the working directory is the root.
        #expect(Set(try uris(["rgw.yaml"], noWorkspace, in: deploy)) == ["rgw.yaml"])
        for gitEntry in ["folder", "file"] {
            let git = repo.appendingPathComponent(".git")
            try? FileManager.default.removeItem(at: git)
            if gitEntry == "folder" { try FileManager.default.createDirectory(at: git, withIntermediateDirectories: false) }
            else { try Data("gitdir: /elsewhere\n".utf8).write(to: git) }
            #expect(Set(try uris(["rgw.yaml"], noWorkspace, in: deploy)) == ["deploy/rgw.yaml"], "\(gitEntry)")
        }
        // GITHUB_WORKSPACE wins, and applies from outside it to a file inside it.
        #expect(Set(try uris([deploy.path + "/rgw.yaml"], ["GITHUB_WORKSPACE": repo.path], in: top)) == ["deploy/rgw.yaml"])
        #expect(Set(try uris(["repo/deploy/rgw.yaml"], ["GITHUB_WORKSPACE": repo.path], in: top)) == ["deploy/rgw.yaml"])
        // A workspace that is a link to the repository: names through either spelling.
        let link = top.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: repo)
        let linked = ["GITHUB_WORKSPACE": link.path]
        #expect(Set(try uris(["rgw.yaml"], linked, in: link.appendingPathComponent("deploy"))) == ["deploy/rgw.yaml"])
        #expect(Set(try uris([link.path + "/deploy/rgw.yaml"], linked, in: top)) == ["deploy/rgw.yaml"])
        // A file named through the link, where the root is the resolved one (the git work tree
        // around a linked working directory, or a workspace given resolved): its links are resolved.
        #expect(Set(try uris([link.path + "/deploy/rgw.yaml"], noWorkspace, in: link.appendingPathComponent("deploy"))) == ["deploy/rgw.yaml"])
        #expect(Set(try uris([link.path + "/deploy/rgw.yaml"], ["GITHUB_WORKSPACE": repo.path], in: top)) == ["deploy/rgw.yaml"])
        // actions/checkout with `path: repo`: the workspace holds the repository in a folder, and
        // the names start at the repository's work tree (the outermost below the workspace: a
        // submodule's inside it is not the repository), not at the workspace.
        let git = repo.appendingPathComponent(".git")
        try? FileManager.default.removeItem(at: git)
        try FileManager.default.createDirectory(at: git, withIntermediateDirectories: false)
        let submodule = deploy.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: submodule, withIntermediateDirectories: false)
        try Data("gitdir: ../../.git/modules/sub\n".utf8).write(to: submodule.appendingPathComponent(".git"))
        #expect(Set(try uris(["rgw.yaml"], ["GITHUB_WORKSPACE": top.path], in: deploy)) == ["deploy/rgw.yaml"])
        #expect(Set(try uris(["../rgw.yaml"], ["GITHUB_WORKSPACE": top.path], in: submodule)) == ["deploy/rgw.yaml"])
        // A workspace that is itself the repository keeps its root below a submodule.
        let topGit = top.appendingPathComponent(".git")
        try FileManager.default.createDirectory(at: topGit, withIntermediateDirectories: false)
        #expect(Set(try uris(["../rgw.yaml"], ["GITHUB_WORKSPACE": top.path], in: submodule)) == ["repo/deploy/rgw.yaml"])
        try FileManager.default.removeItem(at: topGit)
        // From the workspace itself, outside any work tree, the workspace stays the root.
        #expect(Set(try uris(["repo/deploy/rgw.yaml"], ["GITHUB_WORKSPACE": top.path], in: top)) == ["repo/deploy/rgw.yaml"])
        // A file outside the root stays absolute, its name as given.
        let outside = top.appendingPathComponent("elsewhere.yaml")
        try FileManager.default.copyItem(at: OutputSupport.incident, to: outside)
        #expect(Set(try uris([outside.path], ["GITHUB_WORKSPACE": repo.path], in: top)) == ["file://" + outside.path])
    }
}
