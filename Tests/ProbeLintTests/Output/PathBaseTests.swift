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
    ])
    func namesAreRelativeToTheRoot(_ file: String, _ expected: String) {
        #expect(PathBase(workingDirectory: "/repo").relative(file) == expected)
    }

    /// From a subfolder in a workflow (`working-directory: deploy`), names start at the
    /// workspace, not at the subfolder: `web.yaml` is `deploy/web.yaml` in the repository.
    @Test func aSubfolderOfTheWorkspaceKeepsItsPlace() {
        let paths = PathBase(workingDirectory: "/repo/deploy", root: "/repo/")
        #expect(paths.root == "/repo/")
        #expect(paths.relative("web.yaml") == "deploy/web.yaml")
        #expect(paths.relative("../charts/x.yaml") == "charts/x.yaml")
        // A root the working directory is not inside (or a relative one) is not used.
        #expect(PathBase(workingDirectory: "/tmp/x", root: "/repo").relative("a.yaml") == "a.yaml")
        #expect(PathBase(workingDirectory: "/repo", root: "repo").root == "/repo/")
        #expect(PathBase(workingDirectory: "/repository", root: "/repo").root == "/repository/")
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
}
