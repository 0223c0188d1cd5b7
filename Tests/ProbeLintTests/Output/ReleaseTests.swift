import Foundation
import Testing
@testable import ProbeLint

/// plugins/probelint.yaml against krew's documented rules (ECOSYSTEM.md section 1),
/// read with probelint's own YAML reader, and the archive scripts/release builds.
@Suite struct ReleaseTests {
    static let manifest = TestSupport.packageRoot.appendingPathComponent("plugins/probelint.yaml")

    struct Platform {
        var os: String; var arch: String; var uri: String; var sha256: String; var bin: String; var files: [String]
        /// Whether the sha256 is quoted: plain, all zeros (or any all-digit hash) is a YAML number, not krew's string.
        var sha256IsQuoted = false
    }

    struct KrewManifest {
        var apiVersion = "", kind = "", name = "", version = "", shortDescription = "", description = "", homepage = ""
        var platforms: [Platform] = []
    }

    static func read(_ url: URL) throws -> KrewManifest {
        var manifest = KrewManifest()
        let bytes = try [UInt8](Data(contentsOf: url))
        try Reader.read(bytes, file: url.lastPathComponent) { doc in
            guard let root = doc.root else { return }
            func text(_ key: String, in node: NodeID?) -> String {
                node.flatMap { doc.lookup(key, in: $0) }.map { doc.string($0.value) } ?? ""
            }
            let spec = doc.lookup("spec", in: root)?.value
            manifest.apiVersion = text("apiVersion", in: root)
            manifest.kind = text("kind", in: root)
            manifest.name = text("name", in: doc.lookup("metadata", in: root)?.value)
            manifest.version = text("version", in: spec)
            manifest.shortDescription = text("shortDescription", in: spec)
            manifest.description = text("description", in: spec)
            manifest.homepage = text("homepage", in: spec)
            for platform in spec.flatMap({ doc.lookup("platforms", in: $0) }).map({ doc.items($0.value) }) ?? [] {
                let labels = doc.lookup("selector", in: platform).flatMap { doc.lookup("matchLabels", in: $0.value) }?.value
                let files = doc.lookup("files", in: platform).map { doc.items($0.value).map { text("from", in: $0) } } ?? []
                manifest.platforms.append(Platform(os: text("os", in: labels), arch: text("arch", in: labels), uri: text("uri", in: platform),
                                                   sha256: text("sha256", in: platform), bin: text("bin", in: platform), files: files,
                                                   sha256IsQuoted: doc.lookup("sha256", in: platform).map { doc.style($0.value) == .doubleQuoted } ?? false))
            }
        }
        return manifest
    }

    @Test func krewManifestHasTheRequiredFields() throws {
        let m = try Self.read(Self.manifest)
        #expect(m.apiVersion == "krew.googlecontainertools.github.com/v1alpha2")
        #expect(m.kind == "Plugin")
        #expect(m.name == "probelint")
        #expect(m.version == "v0.1.0")  // v + the version the binary reports
        #expect(m.version == "v" + (try TestSupport.run(["version"]).stdout.split(separator: " ").last.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""))
        #expect(!m.shortDescription.isEmpty && !m.shortDescription.contains("\n"))
        #expect(m.description.count > 100)
        #expect(m.homepage.hasPrefix("https://"))
        #expect(!m.platforms.isEmpty)
        let supported: Set = ["linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/ppc64le", "darwin/386", "darwin/amd64",
                              "darwin/arm64", "windows/386", "windows/amd64", "windows/arm64"]
        #expect(Set(m.platforms.map { "\($0.os)/\($0.arch)" }).count == m.platforms.count)
        for p in m.platforms {
            #expect(supported.contains("\(p.os)/\(p.arch)"))
            #expect(p.uri.hasPrefix("https://") && p.uri.hasSuffix("/\(m.version)/probelint_\(p.os)_\(p.arch).tar.gz"))
            #expect(p.sha256.count == 64 && p.sha256.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(p.sha256IsQuoted, "sha256 \(p.sha256) is a number to YAML unless quoted")
            #expect(p.bin == "kubectl-probelint")
            #expect(p.files.contains("LICENSE") && p.files.contains("kubectl-probelint"))
        }
        let license = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("LICENSE"), encoding: .utf8)
        #expect(license.contains("Apache License") && license.contains("Version 2.0, January 2004"))
    }

    /// One release build (slow): the archive holds the binary and LICENSE, the
    /// binary is fully static (no libc, libswiftCore or libyaml to find) and runs,
    /// the manifest carries the archive's sha256, and the binary reads files as the
    /// development build does.
    @Test func releaseArchiveIsSelfContained() throws {
        let dir = try OutputSupport.temporaryDirectory("release")
        defer { try? FileManager.default.removeItem(at: dir) }
        let manifest = dir.appendingPathComponent("probelint.yaml")
        try FileManager.default.copyItem(at: Self.manifest, to: manifest)
        let release = try TestSupport.run([], environment: ["DIST_DIR": dir.path, "MANIFEST": manifest.path],
                                          executable: TestSupport.packageRoot.appendingPathComponent("scripts/release"))
        #expect(release.status == 0, "\(release.stdout)\n\(release.stderr)")
        let archive = dir.appendingPathComponent("probelint_linux_amd64.tar.gz")
        let list = try TestSupport.run(["-tzf", archive.path], executable: URL(fileURLWithPath: "/usr/bin/tar"))
        #expect(list.stdout.split(separator: "\n").sorted() == ["LICENSE", "kubectl-probelint"])
        let unpacked = dir.appendingPathComponent("unpacked")
        try FileManager.default.createDirectory(at: unpacked, withIntermediateDirectories: true)
        _ = try TestSupport.run(["-xzf", archive.path, "-C", unpacked.path], executable: URL(fileURLWithPath: "/usr/bin/tar"))
        let binary = unpacked.appendingPathComponent("kubectl-probelint")
        let ldd = try TestSupport.run([binary.path], executable: URL(fileURLWithPath: "/usr/bin/ldd"))
        #expect(ldd.status != 0)
        #expect((ldd.stdout + ldd.stderr).contains("not a dynamic executable"))
        let lint = try TestSupport.run(OutputSupport.incidentFlags + ["examples/rgw-incident.yaml"], executable: binary)
        #expect(lint.status == 1)
        #expect(lint.stdout.contains("examples/rgw-incident.yaml:59:29: error:"))
        let sha = try TestSupport.run([archive.path], executable: URL(fileURLWithPath: "/usr/bin/sha256sum")).stdout.prefix(64)
        let written = try Self.read(manifest).platforms.first { $0.os == "linux" && $0.arch == "amd64" }
        #expect(written?.sha256 == String(sha) && written?.sha256IsQuoted == true)
        try releaseBinaryReadsAsTheDevelopmentBuild(binary, dir: dir)
    }

    /// The release binary links libyaml.a with libyaml's allocations on scripts/libyaml's
    /// allocator; the development build uses the system's libyaml and glibc's malloc. Their
    /// findings and their errors (with positions) must be the same, on real manifests and on
    /// broken ones.
    func releaseBinaryReadsAsTheDevelopmentBuild(_ binary: URL, dir: URL) throws {
        let symbols = try TestSupport.run(["nm", TestSupport.packageRoot.appendingPathComponent(".build-release/release/kubectl-probelint").path],
                                          executable: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(symbols.stdout.contains(" T probelint_yaml_malloc"), "the release binary does not link scripts/libyaml's allocator")
        let broken = dir.appendingPathComponent("broken")
        try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
        for (name, bytes) in LibYAMLArchiveTests.awkward {
            try Data(bytes).write(to: broken.appendingPathComponent("\(name).yaml"))
        }
        for arguments in [["-o", "json", "-R", "examples", TestSupport.corpus.path],
                          ["-o", "text", "--jobs", "2", "--piece-bytes", "4096", "-R", "examples", TestSupport.corpus.path],
                          ["-o", "text", "-R", broken.path, "Tests/ProbeLintTests/Fixtures"]] {
            let release = try TestSupport.run(arguments, environment: ["NO_COLOR": "1"], executable: binary)
            let development = try TestSupport.run(arguments, environment: ["NO_COLOR": "1"])
            #expect(release.status == development.status && release.stdout == development.stdout && release.stderr == development.stderr,
                    "\(arguments): \(release.status) against \(development.status)\n\(release.stderr)\n\(development.stderr)")
            #expect(release.stdout.count > 1000)
        }
    }
}
