import Foundation
import Testing

/// `--jobs N` lints files in parallel; output must not depend on N.
@Suite struct JobsTests {
    /// A 2 MB bench corpus from gen_corpus.py (16 files), generated once per run into a folder of
    /// its own and renamed into place whole: two test runs at once (gen_corpus.py rewrites files
    /// in place) never read a half-written file, and a generator that fails leaves no folder, so
    /// the tests that read it fail on the missing files with the generator's message.
    static let benchCorpus: URL = {
        let temporary = FileManager.default.temporaryDirectory
        let out = temporary.appendingPathComponent("probelint-bench-2mb-v2")
        guard !FileManager.default.fileExists(atPath: out.path) else { return out }
        let fresh = temporary.appendingPathComponent("probelint-bench-2mb-\(UUID().uuidString)")
        let script = TestSupport.shared.appendingPathComponent("bench/gen_corpus.py")
        let run = try? TestSupport.run(["python3", script.path, fresh.path, "--megabytes", "2", "--files", "16"],
                                       executable: URL(fileURLWithPath: "/usr/bin/env"))
        guard run?.status == 0 else {
            generatorFailure = "gen_corpus.py failed (exit \(run.map { "\($0.status)" } ?? "none")): \(run?.stderr ?? "it did not run")"
            return out
        }
        // Another run may have renamed its own first: its folder is as whole as this one.
        if (try? FileManager.default.moveItem(at: fresh, to: out)) == nil { try? FileManager.default.removeItem(at: fresh) }
        return out
    }()
    nonisolated(unsafe) static var generatorFailure: String?

    /// The corpus's 16 files, or an issue that says why there are none.
    static func benchFiles(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(atPath: benchCorpus.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count == 16, "\(generatorFailure ?? "\(files.count) files in \(benchCorpus.path)")", sourceLocation: sourceLocation)
        return files
    }

    func lint(_ jobs: Int, _ arguments: [String]) throws -> TestSupport.Run {
        try TestSupport.run(["--jobs", "\(jobs)", "--no-color"] + arguments)
    }

    @Test func benchCorpusSameOutputForAnyJobCount() throws {
        _ = try Self.benchFiles()
        let one = try lint(1, ["-o", "text", Self.benchCorpus.path])
        #expect(one.status == 1)
        #expect(one.stdout.components(separatedBy: "[PL101]").count > 100)
        for jobs in [2, 3, 8] {
            let many = try lint(jobs, ["-o", "text", Self.benchCorpus.path])
            #expect(many.status == one.status)
            #expect(many.stdout == one.stdout)
            #expect(many.stderr == one.stderr)
        }
    }

    @Test func sharedCorpusSameTextAndJSONForAnyJobCount() throws {
        for format in ["text", "json"] {
            let one = try lint(1, ["-R", "-o", format, TestSupport.corpus.path])
            let many = try lint(4, ["-R", "-o", format, TestSupport.corpus.path])
            #expect(!one.stdout.isEmpty)
            #expect(many.status == one.status)
            #expect(many.stdout == one.stdout)
            #expect(many.stderr == one.stderr)
        }
    }

    /// Files keep their input order: -f order, then directories in lexical order. The
    /// cross-object findings (PL205: a Service in any file selects the pod) are decided
    /// when every file is read, so they follow, again in input order.
    @Test func outputFollowsInputOrder() throws {
        let files = try Self.benchFiles().prefix(4).map { Self.benchCorpus.appendingPathComponent($0).path }
        let reversed = Array(files.reversed())
        let run = try lint(3, reversed)
        let headers = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        func order(_ lines: [Substring]) -> [Int] { lines.compactMap { line in reversed.firstIndex { line.hasPrefix($0 + ":") } } }
        let perFile = order(headers.filter { !$0.hasSuffix("[PL205]") })
        let crossObject = order(headers.filter { $0.hasSuffix("[PL205]") })
        #expect(perFile.first == 0)
        #expect(perFile == perFile.sorted())
        #expect(Set(perFile) == Set(0..<4))
        #expect(!crossObject.isEmpty)
        #expect(crossObject == crossObject.sorted())
        let firstCrossObject = try #require(headers.firstIndex { $0.hasSuffix("[PL205]") })
        #expect(headers[firstCrossObject...].allSatisfy { $0.hasSuffix("[PL205]") })
    }

    /// Large files are cut at `---` lines (--piece-bytes): text, JSON and SARIF are the
    /// same as whole-file reading for any job count, also when a piece fails to read
    /// (the rest of that file is read as one piece) and when a later file is broken.
    @Test func piecesGiveTheSameOutputAsWholeFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-pieces-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.benchCorpus.path).filter { $0.hasSuffix(".yaml") }.sorted()
        var all = Data()
        for name in names.prefix(3) { all += try Data(contentsOf: Self.benchCorpus.appendingPathComponent(name)) }
        try all.write(to: dir.appendingPathComponent("a-big.yaml"))
        // A quote left open across a --- line two thirds in: the cut piece fails differently
        // from the whole file, so the runner must read the rest as one piece.
        var broken = all
        broken.insert(contentsOf: Data("---\nkind: ConfigMap\ndata: {a: \"open\n".utf8), at: all.count * 2 / 3)
        try broken.write(to: dir.appendingPathComponent("b-broken.yaml"))
        try all.prefix(all.count / 2).write(to: dir.appendingPathComponent("c-half.yaml"))
        for format in ["text", "json", "sarif", "github"] {
            let whole = try TestSupport.run(["--jobs", "1", "--piece-bytes", "0", "--no-color", "-o", format, dir.path])
            #expect(whole.status == 2)  // b-broken.yaml
            #expect(whole.stderr.contains("b-broken.yaml:"))
            for (jobs, piece) in [(1, 4096), (3, 4096), (2, 100_000)] {
                let cut = try TestSupport.run(["--jobs", "\(jobs)", "--piece-bytes", "\(piece)", "--no-color", "-o", format, dir.path])
                #expect(cut.status == whole.status)
                #expect(cut.stdout == whole.stdout, "\(format), --jobs \(jobs), --piece-bytes \(piece)")
                #expect(cut.stderr == whole.stderr, "\(format), --jobs \(jobs), --piece-bytes \(piece)")
            }
        }
    }

    @Test func jobsBelowOneIsAUsageError() throws {
        let run = try lint(0, [TestSupport.corpus.path])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs must be at least 1, not 0"))
    }

    /// The largest values lint as any other: `4 * jobs` and `2 * pieceBytes` overflowed, a trap.
    @Test func largestJobsAndPieceBytesLintAsUsual() throws {
        let file = TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml").path
        let usual = try TestSupport.run(["--no-color", file])
        #expect(usual.status == 1)
        for arguments in [["--jobs", "\(Int.max)"], ["--jobs", "\(Int.max / 4 + 1)"], ["--piece-bytes", "\(Int.max)"],
                          ["--piece-bytes", "\(Int.max / 2 + 1)"]] {
            let run = try TestSupport.run(arguments + ["--no-color", file])
            #expect(run.status == usual.status, "\(arguments)")
            #expect(run.stdout == usual.stdout, "\(arguments)")
        }
    }
}
