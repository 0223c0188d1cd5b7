import Foundation
import Testing
@testable import ProbeLint

/// The hooks in .pre-commit-hooks.yaml with the real pre-commit from PyPI
/// (scripts/setup puts it in the venv), on a throwaway git repository.
@Suite(.serialized) struct PreCommitTests {
    /// A consumer repository with the incident (its environment given as
    /// probelint.io annotations, since try-repo cannot pass `args`), a manifest
    /// whose probes are sound (examples/web-sound.yaml) and a README, all staged.
    static func consumerRepository() throws -> URL {
        let dir = try OutputSupport.temporaryDirectory("pre-commit")
        let annotations = "  annotations:\n    probelint.io/bandwidth: 10MB/s\n    probelint.io/largest-transfer: 700MB\n"
        for (name, source) in [("deploy/rgw.yaml", OutputSupport.incident), ("deploy/web-sound.yaml", OutputSupport.sound)] {
            let text = try String(contentsOf: source, encoding: .utf8)
                .replacingOccurrences(of: "  namespace: rook-ceph\n", with: "  namespace: rook-ceph\n" + annotations)
            let file = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        try "# probes\n".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"]] {
            let git = try TestSupport.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/git"), directory: dir)
            #expect(git.status == 0, "git \(arguments): \(git.stderr)")
        }
        return dir
    }

    static func preCommit(_ arguments: [String], in dir: URL, path: String? = nil) throws -> TestSupport.Run {
        var environment = ["PRE_COMMIT_HOME": dir.appendingPathComponent(".pre-commit-home").path, "NO_COLOR": "1"]
        if let path { environment["PATH"] = path }
        return try TestSupport.run(arguments, environment: environment, executable: URL(fileURLWithPath: OutputSupport.preCommit), directory: dir)
    }

    /// `language: swift`: pre-commit builds the package (release) in its store,
    /// then the hook fails on the incident and says nothing about the sound
    /// manifest or the README. Slow: one release build.
    @Test func swiftHookBuildsAndFailsOnTheIncident() throws {
        let dir = try Self.consumerRepository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint", "--all-files", "--verbose"], in: dir)
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("probelint (Kubernetes probe timings)"))
        #expect(run.stdout.contains("Failed"))
        #expect(run.stdout.contains("deploy/rgw.yaml:62:29: error: livenessProbe timeoutSeconds 1 is not above"))
        #expect(run.stdout.contains("[PL102]"))
        #expect(!run.stdout.contains("web-sound.yaml:"))
        #expect(!run.stdout.contains("README"))
    }

    /// `language: system`: the binary from PATH; passes on the sound manifest, fails on the incident.
    @Test func systemHookUsesTheBinaryOnPath() throws {
        let dir = try Self.consumerRepository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = TestSupport.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let pass = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint-system", "--files", "deploy/web-sound.yaml", "README.md"],
                                      in: dir, path: path)
        #expect(pass.status == 0, "\(pass.stdout)\n\(pass.stderr)")
        #expect(pass.stdout.contains("probelint (kubectl-probelint on PATH)"))
        #expect(pass.stdout.contains("Passed"))
        let fail = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint-system", "--files", "deploy/rgw.yaml"], in: dir, path: path)
        #expect(fail.status == 1)
        #expect(fail.stdout.contains("deploy/rgw.yaml:62:29: error:"))
    }

    /// pre-commit puts the file names after the hook's args: the hooks end their args with
    /// `--`, so that a tracked `-x.yaml` is a file, not an unknown option (exit 2 before).
    @Test func aFileNamedLikeAnOptionIsAFile() throws {
        let dir = try Self.consumerRepository()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: OutputSupport.sound, to: dir.appendingPathComponent("-x.yaml"))
        try FileManager.default.copyItem(at: OutputSupport.incident, to: dir.appendingPathComponent("--fix.yaml"))
        let git = try TestSupport.run(["add", "--", "-x.yaml", "--fix.yaml"], executable: URL(fileURLWithPath: "/usr/bin/git"), directory: dir)
        #expect(git.status == 0, "\(git.stderr)")
        let original = try Data(contentsOf: dir.appendingPathComponent("--fix.yaml"))
        let path = TestSupport.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let run = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint-system", "--all-files"], in: dir, path: path)
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(!run.stdout.contains("Unknown option"))
        #expect(run.stdout.contains("--fix.yaml:") && run.stdout.contains("deploy/rgw.yaml:"))
        #expect(!run.stdout.contains("-x.yaml:"))  // the sound manifest, linted and clean
        #expect(try Data(contentsOf: dir.appendingPathComponent("--fix.yaml")) == original)  // read, never fixed
    }

    /// The hooks are serial: pre-commit gives one run every file, where it would split them into
    /// a batch per core, and the rules that read two files (PL302: the CephFilesystem's memory
    /// limit and the cache in rook-config-override) found nothing when the two went to different
    /// batches (with these eight files on two cores, they did).
    @Test func filesOfOneCommitAreLintedTogether() throws {
        let dir = try OutputSupport.temporaryDirectory("pre-commit-serial")
        defer { try? FileManager.default.removeItem(at: dir) }
        let rook = dir.appendingPathComponent("rook")
        try FileManager.default.createDirectory(at: rook, withIntermediateDirectories: true)
        let examples = TestSupport.packageRoot.appendingPathComponent("examples")
        for name in ["mds-incident.yaml", "rook-config-override.yaml"] {
            try FileManager.default.copyItem(at: examples.appendingPathComponent(name), to: rook.appendingPathComponent(name))
        }
        for i in 1...6 { try FileManager.default.copyItem(at: OutputSupport.sound, to: rook.appendingPathComponent("web\(i).yaml")) }
        for arguments in [["init", "-q", "-b", "main"], ["add", "-A"]] {
            let git = try TestSupport.run(arguments, executable: URL(fileURLWithPath: "/usr/bin/git"), directory: dir)
            #expect(git.status == 0, "git \(arguments): \(git.stderr)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: rook.path).sorted().map { "rook/" + $0 }
        let path = TestSupport.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let run = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint-system", "--files"] + files, in: dir, path: path)
        #expect(run.status == 1, "\(run.stdout)\n\(run.stderr)")
        #expect(run.stdout.contains("rook/mds-incident.yaml:32:17: error: mds memory limit 8 GiB is below the 10 GiB"), "\(run.stdout)")
    }

    /// What an ordinary repository holds beside its manifests fails no commit: a Helm chart's
    /// templates are passed over, VS Code's files with comments are left out by the hooks' own
    /// `exclude` (each was exit 2). The local `-k` hook README gives runs with no file names.
    @Test func aRepositorysOtherFilesAndTheKustomizeHook() throws {
        let dir = try Self.consumerRepository()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = [
            "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "charts/web/templates/deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n",
            ".devcontainer/devcontainer.json": "// For format details, see https://aka.ms/devcontainer.json.\n{\n\t\"name\": \"x\"\n}\n",
            ".vscode/settings.json": "{ // editor settings\n}\n",
            "web/tsconfig.app.json": "{\"compilerOptions\": {},}\n",
            "deploy/kustomization.yaml": "resources: [rgw.yaml]\n",
            "overlays/prod/kustomization.yaml": "resources: [../../deploy]\n",
            ".pre-commit-config.yaml": """
                repos:
                  - repo: local
                    hooks:
                      - id: probelint-prod
                        name: probelint (overlays/prod, as kustomize renders it)
                        entry: kubectl-probelint -k overlays/prod
                        language: system
                        pass_filenames: false
                        files: ^(deploy|overlays)/

                """,
        ]
        try OutputSupport.write(files, in: dir)
        let git = try TestSupport.run(["add", "-A"], executable: URL(fileURLWithPath: "/usr/bin/git"), directory: dir)
        #expect(git.status == 0, "\(git.stderr)")
        let path = TestSupport.binary.deletingLastPathComponent().path + ":/usr/bin:/bin"
        let other = try Self.preCommit(["try-repo", TestSupport.packageRoot.path, "probelint-system", "--verbose", "--files",
                                        "deploy/web-sound.yaml", "charts/web/templates/deployment.yaml", ".devcontainer/devcontainer.json",
                                        ".vscode/settings.json", "web/tsconfig.app.json"], in: dir, path: path)
        #expect(other.status == 0, "\(other.stdout)\n\(other.stderr)")
        #expect(other.stdout.contains("charts/web/templates/deployment.yaml: note: not linted: a template of the Helm chart charts/web"), "\(other.stdout)")
        #expect(!other.stdout.contains("devcontainer") && !other.stdout.contains("tsconfig"), "\(other.stdout)")
        // The local hook: kustomize renders the incident, and no staged name reaches -k.
        let kustomize = try Self.preCommit(["run", "probelint-prod", "--all-files"], in: dir, path: path)
        #expect(kustomize.status == 1, "\(kustomize.stdout)\n\(kustomize.stderr)")
        #expect(kustomize.stdout.contains("deploy/rgw.yaml:62:29: error: livenessProbe timeoutSeconds 1"), "\(kustomize.stdout)")
        #expect(!kustomize.stdout.contains("takes no file names"))
    }

    @Test func hooksFileDeclaresBothHooks() throws {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        #expect(text.contains("- id: probelint\n"))
        #expect(text.contains("- id: probelint-system\n"))
        #expect(text.components(separatedBy: "entry: kubectl-probelint\n").count == 3)
        #expect(text.components(separatedBy: "types_or: [yaml, json]\n").count == 3)
        #expect(text.components(separatedBy: "args: [--]\n").count == 3)
        #expect(text.contains("language: swift\n") && text.contains("language: system\n"))
        #expect(text.components(separatedBy: "require_serial: true\n").count == 3)
        // `types_or` came in pre-commit 2.9.0: an older one passed every file to the hook.
        #expect(text.components(separatedBy: "minimum_pre_commit_version: 2.9.0\n").count == 3)
    }
}
