import Foundation
import Testing

/// A file named twice (`a.yaml ./a.yaml`, its absolute path, a folder and a file in it) is linted
/// once, under the name it was first given, as ruff and ESLint lint it: linted twice, each of its
/// findings was reported twice, and GitLab's fingerprints collided.
@Suite struct DuplicateInputTests {
    static func folder() throws -> URL {
        let dir = try OutputSupport.temporaryDirectory("duplicates")
        let deploy = dir.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        // One PL202 each (gRPC: is no probe field, and the probe has no handler without it).
        try JUnitNameTests.grpcPod.write(to: deploy.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        try JUnitNameTests.grpcPod.write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func eachFileIsLintedOnceUnderItsFirstName() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let web = dir.appendingPathComponent("deploy/web.yaml").path
        let run = try TestSupport.run(["-o", "json", "-R", "-f", "deploy", "-f", "deploy/web.yaml", "./deploy/web.yaml", web, "deploy//web.yaml"],
                                      directory: dir)
        #expect(run.status == 1)
        let json = try OutputSupport.parse(run.stdout)
        #expect(json.array("findings").map { $0.string("file") } == ["deploy/web.yaml"])
        #expect(json.object("summary")?.int("files") == 1)
        // A link to it is the same file: linted once, under the name given first that is no
        // link (GitHub code scanning shows no alert on a link's path), else the link's.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link.yaml").path, withDestinationPath: "deploy/web.yaml")
        func files(_ arguments: [String]) throws -> [String?] {
            try OutputSupport.parse(try TestSupport.run(["-o", "json"] + arguments, directory: dir).stdout).array("findings").map { $0.string("file") }
        }
        #expect(try files(["link.yaml", "deploy/web.yaml"]) == ["deploy/web.yaml"])
        #expect(try files(["link.yaml", "a.yaml", "./deploy/web.yaml"]) == ["./deploy/web.yaml", "a.yaml"])
        #expect(try files(["link.yaml"]) == ["link.yaml"])
        // A walk lists the link first (`link.yaml` before `web.yaml`).
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("deploy/link.yaml").path, withDestinationPath: "web.yaml")
        #expect(try files(["-R", "-f", "deploy"]) == ["deploy/web.yaml"])
        // So does a folder's link (`linked/` -> `deploy/`), and `..` through it.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("linked").path, withDestinationPath: "deploy")
        #expect(try files(["linked/web.yaml", "deploy/web.yaml"]) == ["deploy/web.yaml"])
        #expect(try files(["linked/link.yaml", "-R", "-f", "deploy"]) == ["deploy/web.yaml"])
        #expect(try files(["linked/web.yaml", "deploy/../deploy/web.yaml"]) == ["deploy/../deploy/web.yaml"])
        #expect(try files(["linked/web.yaml"]) == ["linked/web.yaml"])
    }

    /// A file's `.probelint.yaml` is the one nearest the name it is reported under: the link's
    /// folder's when the link alone is given, the file's own when both are.
    @Test func theConfigIsTheReportedNamesNearest() throws {
        let dir = try OutputSupport.temporaryDirectory("linked-config")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (folder, p99) in [("a", "9s"), ("b", "7s")] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
            try "latency-p99: \(p99)\n".write(to: dir.appendingPathComponent(folder + "/.probelint.yaml"), atomically: true, encoding: .utf8)
        }
        try String(contentsOfFile: "examples/web-sound.yaml", encoding: .utf8)
            .write(to: dir.appendingPathComponent("a/real.yaml"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("b/link.yaml").path, withDestinationPath: "../a/real.yaml")
        func idle(_ arguments: [String]) throws -> [String] {
            let run = try TestSupport.run(["--select", "PL101"] + arguments, directory: dir)
            return run.stdout.split(separator: "\n").filter { $0.contains("input: L99 = ") }.map { String($0.drop { $0 == " " }) }
        }
        #expect(try idle(["b/link.yaml"]).first == "input: L99 = 7 s p99 latency of the probed endpoint when idle (from b/.probelint.yaml:1:14)")
        #expect(try idle(["b/link.yaml", "a/real.yaml"]).first == "input: L99 = 9 s p99 latency of the probed endpoint when idle (from a/.probelint.yaml:1:14)")
    }

    /// Two files whose names differ only in Unicode normalization are two files to Linux and one
    /// name to Swift: the second was dropped as the first named twice, its findings lost and the
    /// run clean. It is an input error that says why.
    @Test func namesThatDifferOnlyInNormalizationAreAnInputError() throws {
        let dir = try OutputSupport.temporaryDirectory("normalization")
        defer { try? FileManager.default.removeItem(at: dir) }
        let nfc = "n\u{00FC}.yaml", nfd = "nu\u{0308}.yaml"
        #expect(FileManager.default.createFile(atPath: dir.path + "/" + nfc, contents: Data(JUnitNameTests.grpcPod.utf8)))
        #expect(FileManager.default.createFile(atPath: dir.path + "/" + nfd, contents: Data("a: 1\n".utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 2)
        let run = try TestSupport.run(["--no-color", "-f", nfd, "-f", nfc], directory: dir)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("has the name of \"\(nfd)\" in another Unicode normalization form (NFC and NFD)"), "\(run.stderr)")
    }

    @Test func gitLabFingerprintsStayUnique() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["-o", "gitlab", "a.yaml", "deploy/web.yaml", "./a.yaml", "missing.yaml", "missing.yaml"], directory: dir)
        #expect(run.status == 2)
        let issues = try GitLabOutputTests.issues(run)
        // One finding a file, and the missing file's one input error.
        #expect(issues.map { ($0["location"] as? [String: Any])?["path"] as? String }
                == ["a.yaml", "deploy/web.yaml", "missing.yaml"])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 3)
    }
}
