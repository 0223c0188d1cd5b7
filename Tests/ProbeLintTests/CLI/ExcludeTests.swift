import Foundation
import Testing
@testable import ProbeLint

/// `--exclude`: what a folder's walk leaves out, by name or by path below the folder given.
/// A monorepo's `-R -f .` read `.vscode/settings.json` (JSON with a comment), a Helm chart's
/// templates and a `tsconfig.json` with a trailing comma, each an input error (exit 2), and
/// nothing in CI could leave them out.
@Suite struct ExcludeTests {
    func repository() throws -> URL {
        let root = try OutputSupport.temporaryDirectory("exclude")
        let files = [
            "deploy/web.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: web}\n",
            ".vscode/settings.json": "{ // editor settings\n}\n",
            "tsconfig.json": "{\"compilerOptions\": {},}\n",
            "charts/web/templates/deployment.yaml": "replicas: {{ .Values.replicas }}\n",
            "charts/web/values.yaml": "replicas: 2\n",
        ]
        try OutputSupport.write(files, in: root)
        return root
    }

    func failing(_ run: TestSupport.Run) -> [String] {
        run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map { String($0.split(separator: ":")[0]) }.sorted()
    }

    @Test func leavesOutByNameAndByPath() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let all = try TestSupport.run(["-R", "-f", "."], directory: root)
        #expect(all.status == 2)
        #expect(failing(all) == ["./.vscode/settings.json", "./charts/web/templates/deployment.yaml", "./tsconfig.json"])
        // A name (file or folder), a path below the folder with '*' (a trailing '/' dropped),
        // repeated or comma-separated.
        let clean = try TestSupport.run(["-R", "-f", ".", "--exclude", ".vscode,tsconfig.json", "--exclude", "charts/*/templates/"], directory: root)
        #expect(clean.status == 0, "\(clean.stderr)")
        // The chart's values file is no object: one note, no error.
        #expect(clean.stderr == "note: 1 document is not a Kubernetes object (a mapping with a kind) and was not linted, as kubectl refuses it: ./charts/web/values.yaml:1:1 is a mapping with no kind\n")
        // '*' in a path pattern does not cross '/'; a name pattern matches at any depth.
        let partial = try TestSupport.run(["-R", "-f", ".", "--exclude", "charts/*", "--exclude", "*.json"], directory: root)
        #expect(failing(partial).isEmpty, "\(partial.stderr)")
        let shallow = try TestSupport.run(["-R", "-f", ".", "--exclude", "*/templates", "--exclude", "*.json"], directory: root)
        #expect(failing(shallow) == ["./charts/web/templates/deployment.yaml"])
        // A leading '**/' matches at any depth.
        let deep = try TestSupport.run(["-R", "-f", ".", "--exclude", "**/templates", "--exclude", "**/*.json"], directory: root)
        #expect(deep.status == 0, "\(deep.stderr)")
        // A pattern that can match nothing the walk names is a usage error, not silence.
        for pattern in [root.path + "/charts", "../x/charts", "charts/../charts"] {
            let bad = try TestSupport.run(["-R", "-f", ".", "--exclude", pattern], directory: root)
            #expect(bad.status == 2)
            #expect(bad.stderr.hasPrefix("error: --exclude '\(pattern)' can match nothing"), "\(bad.stderr)")
        }
        // The path is the one below the folder given, however it was named.
        let named = try TestSupport.run(["-R", "-f", root.path + "/", "--exclude", "charts/web/templates", "--exclude", "*.json"])
        #expect(named.status == 0, "\(named.stderr)")
    }

    /// A file named on the command line is read whatever --exclude says (pre-commit names them,
    /// and has its own exclude:); a folder with nothing left says why.
    @Test func namedFilesAreReadAndEmptyWalksSayWhy() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let named = try TestSupport.run(["--exclude", "*.json", "-f", "tsconfig.json"], directory: root)
        #expect(failing(named) == ["tsconfig.json"])
        let nothing = try TestSupport.run(["-f", "deploy", "--exclude", "web.yaml"], directory: root)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("deploy: error: no .yaml, .yml or .json file in this directory that --exclude leaves in"), "\(nothing.stderr)")
        // When it left nothing out there, it is not named.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: false)
        let empty = try TestSupport.run(["-f", "empty", "--exclude", "web.yaml"], directory: root)
        #expect(empty.stderr.contains("empty: error: no .yaml, .yml or .json file in this directory\n"), "\(empty.stderr)")
    }
}
