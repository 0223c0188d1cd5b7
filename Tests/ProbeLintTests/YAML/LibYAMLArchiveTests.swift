import Foundation
import Testing

/// scripts/libyaml: the libyaml.a that release binaries link, whose own
/// allocations go to scripts/libyaml/allocator.c. The archive must leave no call
/// to the C library's allocator in libyaml, the allocator must pass its own
/// checks, and libyaml linked with it must read every file exactly as libyaml
/// with glibc's malloc does, broken files and their error positions included.
@Suite struct LibYAMLArchiveTests {
    static let scripts = TestSupport.packageRoot.appendingPathComponent("scripts/libyaml")
    static let env = URL(fileURLWithPath: "/usr/bin/env")

    /// The archive, the allocator check and the floor program built both ways, once for the suite.
    struct Built {
        var dir: URL
        var archive: URL
        var check: URL
        /// ../shared/bench/yamlscan.c linked with the archive, and with the system's libyaml.
        var scanWithAllocator: URL
        var scanWithGlibc: URL
    }

    static let built: Result<Built, BuildFailure> = {
        do {
            // One folder below .build, made again by each run: a new one in /tmp was left behind by
            // every run, as nothing ends a static fixture that several tests share.
            let dir = TestSupport.packageRoot.appendingPathComponent(".build/test-libyaml-archive")
            try? FileManager.default.removeItem(at: dir)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let made = try TestSupport.run([dir.path], executable: scripts.appendingPathComponent("build-archive"))
            guard made.status == 0 else { return .failure(BuildFailure(step: "build-archive", output: made.stderr)) }
            let archive = URL(fileURLWithPath: made.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
            let floor = TestSupport.shared.appendingPathComponent("bench/yamlscan.c").path
            let check = dir.appendingPathComponent("allocator-check"), withAllocator = dir.appendingPathComponent("scan-allocator"),
                withGlibc = dir.appendingPathComponent("scan-glibc")
            for (output, arguments) in [
                (check, [scripts.appendingPathComponent("allocator-check.c").path, archive.path, "-pthread"]),
                (withAllocator, [floor, archive.path]),
                (withGlibc, [floor, "-lyaml"]),
            ] {
                let cc = try TestSupport.run(["cc", "-O2", "-Wall", "-o", output.path] + arguments, executable: env)
                guard cc.status == 0 else { return .failure(BuildFailure(step: "cc \(output.lastPathComponent)", output: cc.stderr)) }
            }
            return .success(Built(dir: dir, archive: archive, check: check, scanWithAllocator: withAllocator, scanWithGlibc: withGlibc))
        } catch {
            return .failure(BuildFailure(step: "run", output: "\(error)"))
        }
    }()

    struct BuildFailure: Error, CustomStringConvertible {
        var step: String
        var output: String
        var description: String { "\(step) failed: \(output)" }
    }

    @Test func noMemberOfTheArchiveCallsTheCLibrarysAllocator() throws {
        let built = try Self.built.get()
        let undefined = try TestSupport.run(["nm", "-u", "-A", built.archive.path], executable: Self.env)
        #expect(undefined.status == 0, "\(undefined.stderr)")
        let libc: Set = ["malloc", "calloc", "realloc", "reallocarray", "free", "strdup", "strndup", "posix_memalign", "aligned_alloc"]
        // The allocator's own object takes its chunks and large blocks from glibc; no libyaml object may.
        let calls = undefined.stdout.split(separator: "\n")
            .filter { !$0.contains(":probelint_yaml_allocator.o:") && libc.contains(String($0.split(separator: " ").last ?? "")) }
        #expect(calls.isEmpty, "\(calls)")
        // api.o, where libyaml's four allocation functions live, now calls the archive's own.
        for name in ["probelint_yaml_malloc", "probelint_yaml_realloc", "probelint_yaml_free", "probelint_yaml_strdup"] {
            let apiCalls = undefined.stdout.split(separator: "\n").contains { $0.contains("libyaml.a:api.o:") && $0.hasSuffix(" U \(name)") }
            #expect(apiCalls, "api.o does not call \(name)")
        }
        let defined = try TestSupport.run(["nm", "--defined-only", built.archive.path], executable: Self.env).stdout
        #expect(defined.contains("T probelint_yaml_malloc") && defined.contains("T yaml_parser_parse"))
    }

    @Test func theAllocatorPassesItsChecks() throws {
        let run = try TestSupport.run([], executable: try Self.built.get().check)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("allocator-check: ") && run.stdout.hasSuffix(" checks passed\n"))
    }

    /// Inputs that take libyaml down its other paths: tags and directives (strdup),
    /// anchors, long scalars that grow past the small blocks, deep nesting, and
    /// errors in the scanner, the parser and the reader.
    static let awkward: [(name: String, bytes: [UInt8])] = [
        ("unclosed-quote", Array("a: 'unclosed\nb: c\n".utf8)),
        ("tab-indent", Array("a:\n\tb: 1\n".utf8)),
        ("sequence-then-map", Array("- a\nb: c\n".utf8)),
        ("unclosed-flow", Array("key: [1, 2\nother: 3\n".utf8)),
        ("directives-and-tags", Array("%YAML 1.1\n%TAG !e! tag:example.com,2000:app/\n--- !e!root\na: !!str b\nc: !local d\n...\n".utf8)),
        ("anchors", Array("base: &base {x: 1, y: [2, 3]}\nmore:\n  <<: *base\n  z: &z 4\nlist: [*z, *z]\n".utf8)),
        ("complex-keys", Array("? [a, b]\n: value\n? |\n  block key\n: other\n".utf8)),
        ("block-scalars", Array("keep: |+\n  text\n\nfold: >-\n  one\n  two\n\n\nstrip: |2-\n    indented\n".utf8)),
        ("long-scalars", Array(("plain: " + String(repeating: "word ", count: 40_000) + "\nquoted: \"" + String(repeating: "q\\n", count: 30_000)
            + "\"\nsingle: '" + String(repeating: "it''s ", count: 20_000) + "'\n").utf8)),
        ("deep-flow", Array((String(repeating: "[", count: 3_000) + String(repeating: "]", count: 3_000) + "\n").utf8)),
        ("deep-block", Array((0..<400).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined().utf8) + Array(String(repeating: " ", count: 400).utf8) + Array("v\n".utf8)),
        ("many-documents", Array((0..<2_000).map { "--- {n: \($0), s: [a, b, c]}\n" }.joined().utf8)),
        ("many-keys", Array((0..<5_000).map { "key\($0): value-\($0)\n" }.joined().utf8)),
        ("invalid-utf8", Array("a: b\nc: ".utf8) + [0xFF, 0xFE, 0x0A]),
        ("bom", [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)),
        ("nul-byte", Array("a: b\n".utf8) + [0x00] + Array("c: d\n".utf8)),
        ("bad-indentation", Array("a:\n  b: 1\n c: 2\n".utf8)),
        ("empty", []),
    ]

    @Test func libyamlReadsEveryFileAsItDoesWithGlibc() throws {
        let built = try Self.built.get()
        var files: [String] = []
        for root in [TestSupport.corpus, TestSupport.packageRoot.appendingPathComponent("examples"),
                     TestSupport.packageRoot.appendingPathComponent("Tests/ProbeLintTests/Fixtures")] {
            let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let url = walker?.nextObject() as? URL {
                if ["yaml", "yml"].contains(url.pathExtension) { files.append(url.path) }
            }
        }
        #expect(files.count > 80, "the shared corpus and examples: \(files.count) files")
        for (name, bytes) in Self.awkward {
            let url = built.dir.appendingPathComponent("\(name).yaml")
            try Data(bytes).write(to: url)
            files.append(url.path)
        }
        var failures = 0
        for file in files {
            let mine = try TestSupport.run([file], executable: built.scanWithAllocator)
            let glibc = try TestSupport.run([file], executable: built.scanWithGlibc)
            #expect(mine.status == glibc.status && mine.stdout == glibc.stdout && mine.stderr == glibc.stderr,
                    "\(file): \(mine.status) \(mine.stdout)\(mine.stderr) against \(glibc.status) \(glibc.stdout)\(glibc.stderr)")
            if glibc.status != 0 { failures += 1 }
        }
        // The awkward inputs include scanner, parser and reader errors: the comparison covers them.
        #expect(failures >= 7, "\(failures) files failed to parse")
    }
}
