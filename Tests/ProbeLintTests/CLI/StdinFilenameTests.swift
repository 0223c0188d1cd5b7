import Foundation
import Testing
@testable import ProbeLint

/// `--stdin-filename PATH` (ESLint's, ruff's and Prettier's flag for an editor's buffer):
/// standard input is named PATH in every report, its `.probelint.yaml` is PATH's folder's,
/// and nothing is read from or written to PATH.
@Suite struct StdinFilenameTests {
    /// A Pod whose liveness probe repeats its readiness probe (PL201, a warning `--fix` mends).
    static let pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
          - name: web
            image: nginx
            livenessProbe:
              httpGet: {path: /, port: 80}
            readinessProbe: {httpGet: {path: /, port: 80}}

        """

    /// The MDS incident, whose folder's `.probelint.yaml` (examples/) sets the journal's size and rate.
    static let mds = "examples/mds-incident.yaml"

    /// A folder `app` with the Pod as `app/pod.yaml` and `config` as its `.probelint.yaml`.
    static func project(config: String?) throws -> URL {
        let dir = try FixSupport.temporaryDirectory()
        let app = dir.appendingPathComponent("app")
        try FileManager.default.createDirectory(at: app, withIntermediateDirectories: true)
        try pod.write(to: app.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        if let config { try config.write(to: app.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8) }
        return dir
    }

    /// The buffer is reported as the file would be, in each format that names files, with the
    /// figures of the `.probelint.yaml` beside the file (J = 382 MB), not the defaults.
    @Test(arguments: ["text", "github", "json", "checkstyle", "gitlab", "junit", "sarif"])
    func standardInputIsReportedAsTheFile(_ format: String) throws {
        let buffer = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent(Self.mds), encoding: .utf8)
        let file = try TestSupport.run(["--no-color", "-o", format, "-f", Self.mds])
        let named = try TestSupport.run(["--no-color", "-o", format, "-f", "-", "--stdin-filename", Self.mds], stdin: buffer)
        let unnamed = try TestSupport.run(["--no-color", "-o", format, "-f", "-"], stdin: buffer)
        #expect(file.status == 1)
        #expect(named.status == file.status)
        #expect(named.stdout == file.stdout)
        #expect(!unnamed.stdout.contains(Self.mds))
        if format == "text" {
            #expect(named.stdout.contains("J = 382 MB"))
            #expect(unnamed.stdout.contains("J = 512 MiB"))
        }
    }

    /// SARIF gives an absolute path under %SRCROOT%, as for the file; `<stdin>` had been a file there.
    @Test func sarifNamesThePathUnderTheSourceRoot() throws {
        let dir = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["-o", "sarif", "-f", "-", "--stdin-filename", dir.path + "/app/pod.yaml"],
                                      stdin: Self.pod, directory: dir)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let locations = try #require(results.first?["locations"] as? [[String: Any]])
        let physical = try #require(locations.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "app/pod.yaml")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
    }

    /// The `.probelint.yaml` beside the named file applies, not the working directory's.
    @Test func theConfigBesideTheNamedFileApplies() throws {
        let dir = try Self.project(config: "rules:\n  PL201: off\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let named = try TestSupport.run(["--no-color", "-f", "-", "--stdin-filename", "app/pod.yaml"],
                                        stdin: Self.pod, directory: dir)
        let unnamed = try TestSupport.run(["--no-color", "-f", "-"], stdin: Self.pod, directory: dir)
        #expect(named.status == 0, "\(named.stdout)\(named.stderr)")
        #expect(!named.stdout.contains("[PL201]"))
        #expect(unnamed.status == 1)
        #expect(unnamed.stdout.contains("<stdin>:8:5: warning:"))
    }

    /// A broken `.probelint.yaml` beside the named file is the run's input error, as for the file.
    @Test func aBrokenConfigBesideTheNamedFileIsAnInputError() throws {
        let dir = try Self.project(config: "rules: [\n")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["--no-color", "-f", "-", "--stdin-filename", "app/pod.yaml"],
                                      stdin: Self.pod, directory: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("app/.probelint.yaml:2:1: error:"), "\(run.stdout)\(run.stderr)")
    }

    /// `--fix -` writes the fixed buffer to stdout and leaves the named file as it was; `--diff`
    /// names the file in its headers.
    @Test func fixWritesToStandardOutputNotToTheNamedFile() throws {
        let dir = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("app/pod.yaml")
        let fixed = try TestSupport.run(["--no-color", "--fix", "-", "--stdin-filename", "app/pod.yaml"],
                                        stdin: Self.pod, directory: dir)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(fixed.stdout.contains("      failureThreshold: 5\n"), "\(fixed.stdout)")
        #expect(fixed.stderr.contains("app/pod.yaml:"))
        #expect(try String(contentsOf: path, encoding: .utf8) == Self.pod)
        let diff = try TestSupport.run(["--no-color", "--diff", "-f", "-", "--stdin-filename", "app/pod.yaml"],
                                       stdin: Self.pod, directory: dir)
        #expect(diff.stdout.hasPrefix("--- app/pod.yaml\n+++ app/pod.yaml\n"), "\(diff.stdout)")
    }

    /// Usage errors: no stdin to name, an empty name, and the named file given too (their
    /// findings would not be told apart, and `--fix` would take one for the other).
    @Test(arguments: [
        (["--stdin-filename", "a.yaml", "-f", "app/pod.yaml"], "--stdin-filename names standard input, which is not among the inputs"),
        (["--stdin-filename=", "-f", "-"], "--stdin-filename '' names no file"),
        (["--stdin-filename", "-", "-f", "-"], "--stdin-filename '-' names no file"),
        (["--stdin-filename", "app/pod.yaml", "-f", "-", "-f", "app/pod.yaml"], "--stdin-filename 'app/pod.yaml' is also given as a file"),
    ])
    func refusals(_ arguments: [String], message: String) throws {
        let dir = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["--no-color"] + arguments, stdin: Self.pod, directory: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(try String(contentsOf: dir.appendingPathComponent("app/pod.yaml"), encoding: .utf8) == Self.pod)
    }

    /// The same file by another spelling (`./`, its absolute path, a folder that holds it): the
    /// CI formats name both `app/pod.yaml`, which the refusal is for. A new file beside it is no
    /// such name.
    @Test func theNamedFileByAnotherSpellingIsRefusedToo() throws {
        let dir = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let absolute = dir.appendingPathComponent("app/pod.yaml").path
        for arguments in [["-f", "-,app/pod.yaml", "--stdin-filename", "./app/pod.yaml"],
                          ["-f", "-,app/pod.yaml", "--stdin-filename", absolute],
                          ["-f", "-,./app", "--stdin-filename", "app/pod.yaml"],
                          ["-f", "-", "-f", "./app/pod.yaml", "--stdin-filename", "x/../app/pod.yaml"]] {
            let run = try TestSupport.run(["--no-color", "-o", "sarif"] + arguments, stdin: Self.pod, directory: dir)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.contains("is also given as a file"), "\(arguments) \(run.stderr)")
        }
        let beside = try TestSupport.run(["--no-color", "-f", "-,./app", "--stdin-filename", "app/new.yaml"], stdin: Self.pod, directory: dir)
        #expect(beside.status == 1 && beside.stdout.contains("app/new.yaml:8:5: warning:"), "\(beside.stdout)\(beside.stderr)")
    }

    /// An input error in the buffer is given at the named file's line and column.
    @Test func aBrokenBufferIsReportedAtTheNamedFile() throws {
        let dir = try Self.project(config: nil)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["--no-color", "-f", "-", "--stdin-filename", "app/pod.yaml"],
                                      stdin: "kind: Deployment\nspec: [\n", directory: dir)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("app/pod.yaml:3:1: error:"), "\(run.stdout)\(run.stderr)")
    }
}
