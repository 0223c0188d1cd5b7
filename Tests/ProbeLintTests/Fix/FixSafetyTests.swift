import Foundation
import Testing
@testable import ProbeLint

/// A file that cannot be fixed safely is left exactly as it was, with a clear
/// message and exit 2: read-only, changed during the run, broken YAML.
@Suite(.serialized) struct FixSafetyTests {
    static let fixable = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web   # a comment
        spec:
          containers:
          - name: web
            image: nginx
            livenessProbe:
              httpGet: {path: /, port: 80}
              timeoutSeconds: 1

        """

    func setUp(_ text: String = fixable, name: String = "pod.yaml") throws -> (URL, URL) {
        let dir = try FixSupport.temporaryDirectory()
        let file = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return (dir, file)
    }

    func leftovers(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".probelint-") }
    }

    func mode(_ file: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func readOnlyFileIsLeftAlone() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"], directory: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("pod.yaml: error: not fixed: it is read-only (mode 444); the file is unchanged"))
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
        #expect(try mode(file) == 0o444)
        #expect(try leftovers(dir).isEmpty)
    }

    /// A `fixed:` line names where the value is in the written file, as the report after it does:
    /// a field inserted in the first document moves the second's down a line, and the line said
    /// the original's (an editor jumping there landed on the line above).
    @Test func fixedLinesNameTheFixedFilesPositions() throws {
        let absent = Self.fixable.replacingOccurrences(of: "      timeoutSeconds: 1\n", with: "")
        let (dir, file) = try setUp(absent + "---\n" + Self.fixable)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "--fix", "pod.yaml"], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = String(decoding: try FixSupport.bytes(file), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let said = run.stderr.split(separator: "\n").filter { $0.contains(": fixed: ") }.map { line in
            line.split(separator: ":").dropFirst().prefix(2).compactMap { Int($0) }
        }
        #expect(said == [[11, 23], [23, 23]], "\(run.stderr)")
        for place in said where place.count == 2 {
            let line = lines[place[0] - 1]
            #expect(line.dropFirst(place[1] - 1).hasPrefix("3"), "\(line)")
            #expect(line.hasSuffix("timeoutSeconds: 3"), "\(line)")
        }
    }

    /// A file whose name starts with a combining mark, in a folder: `/` and the mark are one
    /// Character, and the temporary file's name, split by Character, went into a folder that
    /// does not exist ("cannot create a temporary file").
    @Test func aNameThatStartsWithACombiningMarkIsFixed() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("d"), withIntermediateDirectories: true)
        let name = "d/\u{0301}x.yaml"
        try Data(Self.fixable.utf8).write(to: dir.appendingPathComponent(name))
        let run = try TestSupport.run(FixSupport.cliFlags + ["--select", "PL101", "--fix", name], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(String(decoding: try FixSupport.bytes(dir.appendingPathComponent(name)), as: UTF8.self).contains("timeoutSeconds: 3\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("d").path) == ["\u{0301}x.yaml"])
    }

    /// A fix refused for a named file is among the report's input errors in each format a program
    /// reads, as it is for `--fix -`: the report alone explains the exit status 2 (it said so on
    /// stderr only, with `"inputErrors": []` and `executionSuccessful: true`). Stderr says it once.
    @Test func aRefusedFixIsInTheReport() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: file.path)
        let line = "pod.yaml: error: not fixed: it is read-only (mode 444); the file is unchanged"
        let message = "not fixed: it is read-only (mode 444); the file is unchanged"
        func run(_ format: String) throws -> TestSupport.Run {
            let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-o", format, "pod.yaml"], directory: dir)
            #expect(run.status == 2, "\(format): \(run.stderr)")
            #expect(run.stderr.components(separatedBy: line).count == 2, "\(format): \(run.stderr)")
            return run
        }
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run("json").stdout.utf8)) as? [String: Any])
        let errors = try #require(json["inputErrors"] as? [[String: Any]])
        #expect(errors.map { $0["file"] as? String } == ["pod.yaml"] && errors.map { $0["message"] as? String } == [message])
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run("sarif").stdout.utf8)) as? [String: Any])
        let invocation = try #require(((sarif["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.compactMap { ($0["message"] as? [String: Any])?["text"] as? String } == [message])
        #expect(try run("github").stdout.contains("::error file=pod.yaml,title=probelint input error::\(message)\n"))
        // Text keeps it on stderr alone.
        let text = try run("text")
        #expect(!text.stdout.contains(message))
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
    }

    /// A fix that clears the finding an ignore comment silenced leaves the comment unused: the
    /// fix is written and PL401 names the comment after it (the whole file was refused: "the
    /// fix would cause PL401").
    @Test func aFixThatLeavesAnIgnoreUnusedIsWritten() throws {
        let text = Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 1  # probelint ignore=PL101 -- known\n")
        let (dir, file) = try setUp(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["--latency-p99", "1s", "--enable", "PL401", "--fix", "pod.yaml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(!run.stderr.contains("not fixed"), "\(run.stderr)")
        #expect(run.stderr.contains("fixed: livenessProbe timeoutSeconds 1 -> 2 [PL103]"), "\(run.stderr)")
        #expect(run.stdout.contains("[PL401]"), "\(run.stdout)")
        #expect(String(decoding: try FixSupport.bytes(file), as: UTF8.self).contains("timeoutSeconds: 2  # probelint ignore=PL101 -- known"))
    }

    /// PL202 judges one field: its finding on another field of the probe, which no fix covers,
    /// does not make the fixed field "still fire" (the note said so of successThreshold when
    /// what still fired was initialDelaySeconds: "0x10").
    @Test func anotherFieldsPL202IsNotThisFieldsStillFiring() throws {
        let text = Self.fixable.replacingOccurrences(of: "livenessProbe:", with: "startupProbe:")
            .replacingOccurrences(of: "timeoutSeconds: 1\n", with: "successThreshold: 2\n      initialDelaySeconds: \"0x10\"\n")
        let (dir, file) = try setUp(text)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["--fix", "pod.yaml"], directory: dir)
        #expect(run.stderr.contains("fixed: startupProbe successThreshold 2 -> 1 [PL202]\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("still fires"), "\(run.stderr)")
        #expect(run.stdout.contains("initialDelaySeconds: \"0x10\""), "\(run.stdout)")
        #expect(String(decoding: try FixSupport.bytes(file), as: UTF8.self).contains("successThreshold: 1"))
    }

    /// The findings left after `--fix` come in the order a lint without it writes them: the
    /// files as given, not sorted by name.
    @Test func findingsAfterAFixFollowTheCommandLine() throws {
        // PL204 (no liveness probe) has no fix: it is left in both files.
        let text = Self.fixable.replacingOccurrences(of: "livenessProbe:", with: "readinessProbe:")
        let (dir, _) = try setUp(text, name: "z.yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(text.utf8).write(to: dir.appendingPathComponent("a.yaml"))
        func files(_ run: TestSupport.Run) -> [String] {
            run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { String($0.prefix { $0 != ":" }) }
        }
        let lint = try TestSupport.run(FixSupport.cliFlags + ["z.yaml", "a.yaml"], directory: dir)
        let fix = try TestSupport.run(FixSupport.cliFlags + ["--fix", "z.yaml", "a.yaml"], directory: dir)
        #expect(files(lint).first == "z.yaml" && Set(files(lint)) == ["z.yaml", "a.yaml"], "\(lint.stdout)")
        #expect(files(fix) == ["z.yaml", "a.yaml"], "\(fix.stdout)\n\(fix.stderr)")
    }

    /// A fix that makes the file larger than `--max-file-bytes` is not written: the next run
    /// would refuse the file it wrote.
    @Test func aFixPastTheFileLimitIsNotWritten() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let size = Self.fixable.utf8.count
        // T 1 -> 10: one byte more.
        let flags = ["--loaded-latency-p99", "5s"]
        let run = try TestSupport.run(flags + ["--max-file-bytes", "\(size)", "--fix", "pod.yaml"], directory: dir)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("pod.yaml: error: not fixed: the fixed text would be "), "\(run.stderr)")
        #expect(run.stderr.contains("-byte limit (raise it with --max-file-bytes)"), "\(run.stderr)")
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
        // --diff shows what --fix writes: no diff, the same refusal and status (it printed the hunk, exit 1).
        let diff = try TestSupport.run(flags + ["--max-file-bytes", "\(size)", "--diff", "pod.yaml"], directory: dir)
        #expect(diff.status == 2 && diff.stdout.isEmpty, "\(diff.stdout)")
        #expect(diff.stderr.contains("pod.yaml: error: not fixed: the fixed text would be \(size + 1) bytes, above the \(size)-byte limit"), "\(diff.stderr)")
        #expect(try TestSupport.run(flags + ["--max-file-bytes", "\(size + 1)", "--diff", "pod.yaml"], directory: dir).stdout.hasPrefix("--- pod.yaml"))
        // With room for it, the same fix is written.
        let roomy = try TestSupport.run(flags + ["--max-file-bytes", "\(size + 1)", "--fix", "pod.yaml"], directory: dir)
        #expect(roomy.status != 2, "\(roomy.stderr)")
        #expect(try FixSupport.bytes(file).count == size + 1)
    }

    /// The same on stdin: the stream goes on as it was read, the refusal is an input error, and
    /// the findings are the original's (`--fix -` wrote the larger text and exited 0).
    @Test func aFixPastTheFileLimitIsNotWrittenToStdout() throws {
        let size = Self.fixable.utf8.count
        let flags = ["--loaded-latency-p99", "5s", "--fix", "-"]
        let run = try TestSupport.run(flags + ["--max-file-bytes", "\(size)"], stdin: Self.fixable)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stdout == Self.fixable)
        #expect(run.stderr.contains("<stdin>: error: not fixed: the fixed text would be \(size + 1) bytes, above the \(size)-byte limit"), "\(run.stderr)")
        #expect(run.stderr.contains("[PL101]"), "the unfixed finding is reported: \(run.stderr)")
        let roomy = try TestSupport.run(flags + ["--max-file-bytes", "\(size + 1)"], stdin: Self.fixable)
        #expect(roomy.status != 2 && roomy.stdout.utf8.count == size + 1, "\(roomy.stderr)")
    }

    /// `--fix /dev/stdin < pod.yaml` names stdin, not pod.yaml: it rewrote pod.yaml in place (the
    /// name resolves to the file the shell opened) and printed nothing on stdout.
    @Test(arguments: ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0", "/dev/./stdin", "//dev/stdin"])
    func aDescriptorNameIsNotAFileToRewrite(name: String) throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = "exec \"$0\" \"$@\" < pod.yaml"
        let run = try TestSupport.run(["-c", script, TestSupport.binary.path] + FixSupport.cliFlags + ["--fix", name],
                                      executable: URL(fileURLWithPath: "/bin/sh"), directory: dir)
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("\(name): error: not fixed: it ") && run.stderr.contains("use - to fix standard input"), "\(run.stderr)")
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
        #expect(try leftovers(dir).isEmpty)
    }

    /// A fixed text that `Fixer.verify` refuses (made so by the debug builds'
    /// `PROBELINT_TEST_CORRUPT_FIX`: a field that is no fixed one changed, or a text that does not
    /// parse) is written nowhere: the file keeps its bytes, `--fix -` passes its input on, `--diff`
    /// prints no diff, and each says why with exit 2. The verification's refusals were tested
    /// alone; their way to "nothing written" was not.
    @Test(arguments: [("tree", "not fixed: the fix would change spec.containers[0].image, which is not a fixed field; the file is unchanged"),
                      ("parse", "not fixed: the fixed text does not parse (")])
    func aFixTheVerificationRefusesIsWrittenNowhere(mode: String, message: String) throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corrupt = ["PROBELINT_TEST_CORRUPT_FIX": mode]
        let fixed = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"], environment: corrupt, directory: dir)
        #expect(fixed.status == 2, "\(fixed.stderr)")
        #expect(fixed.stderr.contains("pod.yaml: error: " + message), "\(fixed.stderr)")
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
        #expect(try leftovers(dir).isEmpty)
        let piped = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-"], stdin: Self.fixable, environment: corrupt)
        #expect(piped.status == 2 && piped.stdout == Self.fixable, "\(piped.stderr)")
        #expect(piped.stderr.contains("<stdin>: error: " + message), "\(piped.stderr)")
        let diff = try TestSupport.run(FixSupport.cliFlags + ["--diff", "pod.yaml"], environment: corrupt, directory: dir)
        #expect(diff.status == 2 && diff.stdout.isEmpty, "\(diff.stdout)")
        // Without the corruption the same run fixes the file: the refusal is the verification's.
        let clean = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"], directory: dir)
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 3\n").utf8))
    }

    /// A file name of 240 bytes (legal up to 255) is fixed: the temporary file's name
    /// (`.NAME.probelint-XXXXXX`, 18 bytes more) drops the name when it would be too long.
    @Test func aLongFileNameIsFixed() throws {
        let (dir, _) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "a", count: 235) + ".yaml"
        let file = dir.appendingPathComponent(name)
        try Data(Self.fixable.utf8).write(to: file)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", name], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1\n", with: "timeoutSeconds: 3\n").utf8))
        #expect(try leftovers(dir).isEmpty)
    }

    /// A file named `<stdin>` is a file (`./<stdin>`), not standard input: it is fixed in place,
    /// nothing goes to stdout in its stead, and beside `-` the two stay apart.
    @Test func aFileNamedStdinIsFixedInPlace() throws {
        let (dir, _) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("<stdin>")
        try Data(Self.fixable.utf8).write(to: file)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "<stdin>", "-o", "json"], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("./<stdin>:"), "\(run.stderr)")
        #expect(run.stderr.contains(": fixed: "))
        let fixed = try FixSupport.bytes(file)
        #expect(fixed != Array(Self.fixable.utf8))
        #expect(try OutputSupport.parse(run.stdout)["findings"] != nil)
        let both = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-", "<stdin>"], stdin: Self.fixable, directory: dir)
        #expect(both.status != 2, "\(both.stderr)")
        #expect(try FixSupport.bytes(file) == fixed)
        #expect(Array(both.stdout.utf8) == fixed)
    }

    @Test func fileChangedDuringTheRunIsLeftAsTheOtherWriterLeftIt() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"],
                                      environment: ["PROBELINT_TEST_BEFORE_WRITE": "printf '# edited\\n' >> \"$PROBELINT_FILE\""],
                                      directory: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("pod.yaml: error: not fixed: the file changed since probelint read it; run again"))
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable + "# edited\n")
        #expect(try leftovers(dir).isEmpty)
    }

    /// The release binary (scripts/test builds it and names it in PROBELINT_RELEASE_BINARY) runs no
    /// command the hook's variable names: the fix is written, the file not edited by the hook.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PROBELINT_RELEASE_BINARY"] != nil))
    func aReleaseBuildHasNoTestHook() throws {
        let release = URL(fileURLWithPath: try #require(ProcessInfo.processInfo.environment["PROBELINT_RELEASE_BINARY"]))
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"],
                                      environment: ["PROBELINT_TEST_BEFORE_WRITE": "printf '# edited\\n' >> \"$PROBELINT_FILE\""],
                                      executable: release, directory: dir)
        #expect(run.status != 2, "\(run.stderr)")
        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains("# edited") && text.contains("timeoutSeconds: 3"), "\(text)")
    }

    /// A signal between the temporary file and the rename (a CI timeout's SIGTERM) ends the run
    /// by that signal, with the file as it was and no temporary file left beside it.
    @Test func aSignalWhileWritingLeavesNoTemporaryFile() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Spawned with the signals at their defaults (the test runner's may differ).
        var environment = ProcessInfo.processInfo.environment
        environment["PROBELINT_TEST_BEFORE_WRITE"] = "kill -TERM $PPID; sleep 1"
        let pid = try KustomizeSignalTests.spawn([TestSupport.binary.path] + FixSupport.cliFlags + ["--fix", file.path],
                                                 environment: environment, stderr: dir.appendingPathComponent("stderr.txt").path)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        #expect(status & 0x7f == SIGTERM, "wait status \(status)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable)
        #expect(try leftovers(dir).isEmpty)
    }

    @Test func brokenFileIsNeverTouched() throws {
        let broken = Self.fixable + "  - name: [unclosed\n"
        let (dir, file) = try setUp(broken)
        defer { try? FileManager.default.removeItem(at: dir) }
        for flag in ["--fix", "--diff", "-o patch"] {
            let run = try TestSupport.run(FixSupport.cliFlags + flag.split(separator: " ").map(String.init) + ["pod.yaml"], directory: dir)
            #expect(run.status == 2)
            #expect(run.stderr.contains("pod.yaml:13:"))
            // Only --fix says it left the file alone: --diff and -o patch write no file.
            #expect(run.stderr.contains("pod.yaml: error: not fixed: the file has input errors (above); a file that does not read cleanly is never touched") == (flag == "--fix"))
            #expect(run.stdout.isEmpty || flag == "--fix")
            #expect(try FixSupport.bytes(file) == Array(broken.utf8))
        }
    }

    @Test func modeIsKeptAndOtherFilesAreStillFixed() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let other = dir.appendingPathComponent("broken.yaml")
        try Data("a: [\n".utf8).write(to: other)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml", "broken.yaml"], directory: dir)
        #expect(run.status == 2)
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        #expect(try mode(file) == 0o640)
        #expect(try FixSupport.bytes(other) == Array("a: [\n".utf8))
        #expect(try leftovers(dir).isEmpty)
    }

    /// The set-user-ID, set-group-ID and sticky bits too (a change of owner, or a write by
    /// anyone but root, clears the first two).
    @Test(arguments: [0o4644, 0o2664, 0o1644, 0o6755])
    func specialModeBitsAreKept(_ bits: Int) throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.setAttributes([.posixPermissions: bits], ofItemAtPath: file.path)
        let set = try mode(file)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml"], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        #expect(try mode(file) == set, "mode \(String(set, radix: 8)) before the fix")
    }

    @Test func symlinkStaysALinkAndItsTargetIsFixed() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("link.yaml")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "link.yaml"], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == file.path)
        #expect(try String(contentsOf: file, encoding: .utf8).contains("timeoutSeconds: 3"))
    }

    @Test func aFileNamedTwiceIsFixedOnce() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "pod.yaml", "./pod.yaml", "-f", "."], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        // -f comes before the plain paths, so its name (./pod.yaml) is the one kept.
        #expect(run.stderr == "./pod.yaml:11:23: fixed: livenessProbe timeoutSeconds 1 -> 3 [PL101]\n")
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
    }

    @Test func stdinWithFixPrintsTheFixedStream() throws {
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-"], stdin: Self.fixable)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3"))
        #expect(run.stderr.contains("<stdin>:11:23: fixed: livenessProbe timeoutSeconds 1 -> 3 [PL101]"))
        // Nothing to fix: the stream passes through unchanged.
        let clean = Self.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 5")
        let again = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-"], stdin: clean)
        #expect(again.status == 0)
        #expect(again.stdout == clean)
        // Named twice, it is refused as kubectl refuses it: nothing is read or written.
        for arguments in [["-f", "-", "-f", "-"], ["-f", "-,-"], ["-f", "-", "-"]] {
            let twice = try TestSupport.run(FixSupport.cliFlags + ["--fix"] + arguments, stdin: Self.fixable)
            #expect(twice.status == 2, "\(arguments)")
            #expect(twice.stdout.isEmpty)
            #expect(twice.stderr.contains("Error: standard input cannot be used for multiple arguments ('-' is given 2 times)"), "\(twice.stderr)")
        }
    }

    /// A stream that cannot be fixed (here a second document that does not parse) still goes
    /// to stdout as it was read, and the first document's findings and the error to stderr:
    /// `--fix - | kubectl apply -f -` never gets finding text.
    @Test func stdinThatCannotBeFixedPassesThroughUnchanged() throws {
        let stream = Self.fixable + "---\nkind: [\n"
        let run = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-"], stdin: stream)
        #expect(run.status == 2)
        #expect(run.stdout == stream)
        #expect(run.stderr.contains("[PL101]"))
        #expect(run.stderr.contains("<stdin>: error: not fixed: the file has input errors (above)"))
    }

    /// A stream that is not linted at all (over --max-file-bytes, no document in it, a broken
    /// config) still goes on whole: past the limit the rest is copied from stdin after what was
    /// read, from a pipe and from a file given as stdin (`< file`, refused by its size unread).
    @Test func stdinThatIsNotLintedPassesThroughWhole() throws {
        let padding = (0..<6000).map { "# padding line \($0), long enough to fill the pipe's buffers\n" }.joined()
        let large = padding + Self.fixable
        let cut = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-", "--max-file-bytes", "100000"], stdin: large)
        #expect(cut.status == 2)
        #expect(cut.stdout == large)
        #expect(cut.stderr.contains("<stdin>: error: input is larger than the 100000-byte limit"), "\(cut.stderr)")
        let comments = "# nothing here yet\n---\n"
        let empty = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-"], stdin: comments)
        #expect(empty.status == 2)
        #expect(empty.stdout == comments)
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "rules: {PL1O1: off}\n".write(to: dir.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let config = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-", "--config", "bad.yaml"], stdin: Self.fixable, directory: dir)
        #expect(config.status == 2)
        #expect(config.stdout == Self.fixable)
        let redirected = try TestSupport.run(["-c", "exec \"$0\" --fix - --max-file-bytes 100 < pod.yaml", TestSupport.binary.path],
                                             executable: URL(fileURLWithPath: "/bin/sh"), directory: dir)
        #expect(redirected.status == 2)
        #expect(Array(redirected.stdout.utf8) == (try FixSupport.bytes(file)))
    }

    @Test func fixAndDiffExcludeEachOtherAndPatchOutput() throws {
        let run = try TestSupport.run(["--fix", "--diff", "x.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("--fix and --diff exclude each other"))
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let patch = try TestSupport.run(FixSupport.cliFlags + ["--fix", "-o", "patch", "pod.yaml"], directory: dir)
        #expect(patch.status == 2)
        #expect(patch.stderr == "error: -o patch prints kubectl patch commands and writes nothing; use it without --fix or --diff\n")
        for format in ["json", "sarif", "github"] {
            let diff = try TestSupport.run(FixSupport.cliFlags + ["--diff", "-o", format, "pod.yaml"], directory: dir)
            #expect(diff.status == 2)
            #expect(diff.stderr == "error: --diff prints a unified diff, in no other format; use it without -o \(format)\n")
            #expect(diff.stdout.isEmpty)
        }
        #expect(try FixSupport.bytes(file) == Array(Self.fixable.utf8))
    }

    /// --diff and -o patch show fixes: a finding without one (PL203's undeclared port) made
    /// exit status 1 with nothing written at all. A note says why, and where to see it.
    @Test func diffAndPatchSayWhyTheyFailWithoutAFix() throws {
        let dir = try OutputSupport.temporaryDirectory("no-fix")
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestSupport.deployment(probe: "httpGet: {path: /, port: web}\ntimeoutSeconds: 5").write(
            to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        for (flags, shown) in [(["--diff"], "--diff"), (["-o", "patch"], "-o patch")] {
            let run = try TestSupport.run(flags + ["pod.yaml"], directory: dir)
            #expect(run.status == 1, "\(run.stderr)")
            #expect(run.stdout.isEmpty || flags == ["-o", "patch"])
            #expect(run.stderr.hasSuffix("note: 1 finding at or above --fail-on warning (exit status 1); the lint report without \(shown) shows it\n"), "\(run.stderr)")
            let never = try TestSupport.run(flags + ["--fail-on", "never", "pod.yaml"], directory: dir)
            #expect(never.status == 0 && !never.stderr.contains("note:"), "\(never.stderr)")
        }
        // A file with a broken document gets no diff and no patch, its findings the same note.
        let pod = try String(contentsOf: dir.appendingPathComponent("pod.yaml"), encoding: .utf8)
        try (pod + "---\nkind: [\n").write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        for (flags, shown) in [(["--diff"], "--diff"), (["-o", "patch"], "-o patch")] {
            let run = try TestSupport.run(flags + ["pod.yaml"], directory: dir)
            #expect(run.status == 2, "\(run.stderr)")
            #expect(run.stderr.contains("pod.yaml:") && run.stderr.hasSuffix("note: 1 finding at or above --fail-on warning (exit status 2, for the input errors); the lint report without \(shown) shows it\n"), "\(run.stderr)")
        }
    }

    @Test func atomicWriterRefusesAChangedFile() throws {
        let (dir, file) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let original = Array(Self.fixable.utf8)
        let writer = AtomicWriter(beforeCommit: { path in
            try? Data((Self.fixable + "x: 1\n").utf8).write(to: URL(fileURLWithPath: path))
        })
        #expect(throws: FixError.changedSinceRead(file: file.path)) {
            try writer.replace(file.path, with: Array("new\n".utf8), expecting: original)
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.fixable + "x: 1\n")
        #expect(try leftovers(dir).isEmpty)
        // Unchanged: written.
        try Data(original).write(to: file)
        try AtomicWriter().replace(file.path, with: Array("new\n".utf8), expecting: original)
        #expect(try String(contentsOf: file, encoding: .utf8) == "new\n")
    }

    @Test func treeDigestNamesTheFirstUnexpectedDifference() throws {
        let old = try Reader.readAll("a: 1\nb: {c: 2}\nd: [x, 'y']\n")[0]
        let same = try Reader.readAll("a: 5   # fixed\nb: {c: 2}\nd: [x, 'y']\n")[0]
        let quoted = try Reader.readAll("a: 5\nb: {c: 2}\nd: [x, \"y\"]\n")[0]
        let wrong = try Reader.readAll("a: 6\nb: {c: 2}\nd: [x, 'y']\n")[0]
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(same), fixed: ["a": 5]) == nil)
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(quoted), fixed: ["a": 5]) == "d[1]")
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(wrong), fixed: ["a": 5]) == "a")
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(same), fixed: [:]) == "a")
    }

    /// A document nested as deep as `--max-depth` lets it be is fixed and verified: the digest's
    /// walk was recursive and overflowed the stack at some 6,000 levels in a debug build (SIGSEGV, and `--fix -`
    /// wrote nothing), and its lines' whole paths grew with the square of the depth. A change
    /// deep inside is named by its whole path, made again from its steps.
    @Test func aDocumentAsDeepAsTheLimitAllowsIsVerified() throws {
        let depth = 8_000
        let nested = String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth)
        let yaml = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  x: \(nested)\n  containers:\n  - name: c\n    image: x\n"
            + "    readinessProbe:\n      httpGet: {path: /, port: 80}\n"
        var options = FixSupport.options([.latencyP99: "2s"])
        options.limits.maxDepth = depth + 10
        let result = Fixer.fix([InputFile(path: "deep.yaml", bytes: Array(yaml.utf8))], options: options)
        #expect(result.outcomes[0].error == nil)
        #expect(String(decoding: result.outcomes[0].fixed, as: UTF8.self) == yaml + "      timeoutSeconds: 4\n")
        var limits = ReaderLimits.default
        limits.maxDepth = depth + 10
        var documents: [Document] = []
        try Reader.read(Array(yaml.utf8), file: "deep.yaml", limits: limits) { documents.append($0) }
        try Reader.read(Array(yaml.replacingOccurrences(of: "x]", with: "y]").utf8), file: "deep.yaml", limits: limits) { documents.append($0) }
        let old = TreeDigest(documents[0]), new = TreeDigest(documents[1])
        #expect(old.lines.count == depth + 15 && old.lines.allSatisfy { ($0.path?.utf8.count ?? 0) <= TreeDigest.pathLimit })
        #expect(TreeDigest.firstDifference(old: old, new: new, fixed: [:]) == "spec.x" + String(repeating: "[0]", count: depth))
    }
}

/// `Fixer.verify` on its own: each check that abandons a fix.
@Suite struct FixVerifyTests {
    static let original = InputFile(path: "v.yaml", bytes: Array(FixSafetyTests.fixable.utf8))

    static func field(_ path: String, _ value: Int) -> PlannedField {
        PlannedField(file: "v.yaml", document: 0, path: path, object: ObjectRef(kind: "Pod", name: "web"),
                     current: .defaulted(1, at: Insertion(parentKey: SourceRange(point: .start), lastKey: nil, lastValue: nil, isFlow: false)),
                     value: value, rules: ["PL101"], reasons: [], applicability: .safe, why: nil, edit: nil, position: .start, managedBy: nil)
    }

    static func verify(_ fixedText: String, _ applied: [PlannedField], after: LintReport = LintReport()) -> FixError? {
        var positions: [Int: [String: SourcePosition]] = [:]
        return Fixer.verify(original: original, fixed: InputFile(path: "v.yaml", bytes: Array(fixedText.utf8)), applied: applied,
                            before: LintReport(), after: after, options: LintOptions(), positions: &positions)
    }

    static let path = "spec.containers[0].livenessProbe.timeoutSeconds"

    @Test func acceptsExactlyThePlannedChange() {
        let fixed = FixSafetyTests.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3")
        #expect(Self.verify(fixed, [Self.field(Self.path, 3)]) == nil)
    }

    @Test func rejectsAnotherValueAnotherFieldABrokenTextAndANewFinding() {
        let fixed = FixSafetyTests.fixable.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 3")
        #expect(Self.verify(fixed, [Self.field(Self.path, 4)]) == .treeMismatch(file: "v.yaml", path: Self.path))
        let renamed = fixed.replacingOccurrences(of: "image: nginx", with: "image: nginx2")
        #expect(Self.verify(renamed, [Self.field(Self.path, 3)]) == .treeMismatch(file: "v.yaml", path: "spec.containers[0].image"))
        let extraDocument = fixed + "---\na: 1\n"
        #expect(Self.verify(extraDocument, [Self.field(Self.path, 3)]) == .treeMismatch(file: "v.yaml", path: "the number of documents"))
        if case .reparseFailed = Self.verify(fixed + "  - [\n", [Self.field(Self.path, 3)]) {} else { Issue.record("a broken text must fail the reparse") }
        var after = LintReport()
        after.findings = [Finding(rule: "PL104", severity: .warning, message: "m", file: "v.yaml", range: SourceRange(point: .start),
                                  object: ObjectRef(kind: "Pod", name: "web"))]
        #expect(Self.verify(fixed, [Self.field(Self.path, 3)], after: after) == .introducedFindings(file: "v.yaml", rules: ["PL104"]))
    }
}

/// `Fixer.verify` over several documents, read one at a time: a difference is named in the
/// document it is in, whichever document holds the fix, and the first one in file order wins.
@Suite struct FixVerifyDocumentsTests {
    static let text = [FixSafetyTests.fixable, "a: 1\nb: [x, y]\n", FixSafetyTests.fixable].joined(separator: "---\n")
    static let original = InputFile(path: "m.yaml", bytes: Array(text.utf8))

    static func verify(_ fixed: String, _ applied: [PlannedField]) -> FixError? {
        var positions: [Int: [String: SourcePosition]] = [:]
        return Fixer.verify(original: original, fixed: InputFile(path: "m.yaml", bytes: Array(fixed.utf8)), applied: applied,
                            before: LintReport(), after: LintReport(), options: LintOptions(), positions: &positions)
    }

    static func field(document: Int, _ value: Int) -> PlannedField {
        var field = FixVerifyTests.field(FixVerifyTests.path, value)
        field.document = document
        return field
    }

    /// The text with the third document's timeout set to `value`, and `edit` applied to the second.
    static func fixed(_ value: Int, second edit: (String) -> String = { $0 }) -> String {
        let parts = text.components(separatedBy: "---\n")
        return [parts[0], edit(parts[1]), parts[2].replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: \(value)")]
            .joined(separator: "---\n")
    }

    @Test func theFixInTheLastDocument() {
        #expect(Self.verify(Self.fixed(3), [Self.field(document: 2, 3)]) == nil)
        #expect(Self.verify(Self.fixed(4), [Self.field(document: 2, 3)])
                == .treeMismatch(file: "m.yaml", path: "\(FixVerifyTests.path) (document 3)"))
        // The fix planned for the first document, made in the third: both are named by the first.
        #expect(Self.verify(Self.fixed(3), [Self.field(document: 0, 3)])
                == .treeMismatch(file: "m.yaml", path: "\(FixVerifyTests.path) (document 1)"))
    }

    @Test func aChangeInADocumentWithoutAFixIsNamed() {
        let changed = Self.fixed(3) { $0.replacingOccurrences(of: "[x, y]", with: "[x, z]") }
        #expect(Self.verify(changed, [Self.field(document: 2, 3)]) == .treeMismatch(file: "m.yaml", path: "b[1] (document 2)"))
        let dropped = Self.fixed(3) { $0.replacingOccurrences(of: "a: 1\n", with: "") }
        #expect(Self.verify(dropped, [Self.field(document: 2, 3)]) == .treeMismatch(file: "m.yaml", path: "a (document 2)"))
    }

    /// A value under `!!str` is a string to the API server, whatever its text: not the fix.
    @Test func aStringTaggedValueIsNotTheFix() throws {
        let old = try Reader.readAll("a: !!str 0\n")[0]
        for (text, holds) in [("a: 5\n", true), ("a: !!int 5\n", true), ("a: !!float 5\n", true), ("a: !!str 5\n", false),
                              ("a: '5'\n", false), ("a: !<tag:yaml.org,2002:str> 5\n", false)] {
            let new = try Reader.readAll(text)[0]
            #expect((TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(new), fixed: ["a": 5]) == nil) == holds, "\(text)")
        }
    }
}

/// `--fix` on a value under a tag: a tag that keeps a number stays, one that makes any value a
/// string goes with the old value, and any other leaves the fix to be made by hand.
@Suite struct TaggedValueFixTests {
    static func fix(_ tagged: String) -> (fixed: String, displayOnly: [String]) {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}\ntimeoutSeconds: \(tagged)")
        let (result, fixed) = FixSupport.fix(yaml, only: ["PL202"])
        return (fixed, result.displayOnly.compactMap(\.why))
    }

    @Test(arguments: ["!!str 0", "!!str \"0\"", "!<tag:yaml.org,2002:str> -1", "! 0"])
    func aStringTagGoesWithTheValue(_ tagged: String) {
        let (fixed, _) = Self.fix(tagged)
        #expect(fixed.contains("timeoutSeconds: 1\n"), "\(fixed)")
        #expect(TestSupport.lint(fixed).findings.filter { $0.rule == "PL202" }.isEmpty)
    }

    /// A number of the field's range under `!!str`, plain or quoted, is the number without the tag
    /// (docs/fixes.md: `!!str 1` becomes `3` when the timeout is raised too).
    @Test(arguments: ["!!str 5", "!!str \"5\"", "!<tag:yaml.org,2002:str> 5", "! 5"])
    func aStringTaggedNumberIsTheNumber(_ tagged: String) {
        let (fixed, _) = Self.fix(tagged)
        #expect(fixed.contains("timeoutSeconds: 5\n"), "\(fixed)")
        #expect(TestSupport.lint(fixed).findings.filter { $0.rule == "PL202" }.isEmpty)
    }

    @Test func aTagThatIsNoNumberIsLeftToTheUser() {
        let (fixed, why) = Self.fix("!!bool 0")
        #expect(fixed.contains("timeoutSeconds: !!bool 0\n"))
        #expect(why.contains { $0.contains("timeoutSeconds is written with the tag !!bool") }, "\(why)")
    }
}

/// The planner's source keeps only the documents that hold a field it edits.
@Suite struct FixSourceKeepingTests {
    @Test func onlyTheDocumentsAskedAboutAreKept() throws {
        let text = (0..<5).map { "a: \($0)\nb: [x]\n" }.joined(separator: "---\n")
        let input = InputFile(path: "k.yaml", bytes: Array(text.utf8))
        let all = try #require(FixSource.read(input))
        #expect(all.documents.count == 5)
        // An offset inside the fourth document, one on the third's first byte, one past the end.
        let third = try #require(text.range(of: "a: 2")).lowerBound.utf16Offset(in: text)
        let fourth = try #require(text.range(of: "b: [x]\n---\na: 4")).lowerBound.utf16Offset(in: text) - 1
        let kept = try #require(FixSource.read(input, keeping: [fourth, text.utf8.count + 10, third]))
        #expect(kept.documents.map(\.document.index) == [2, 3])
        #expect(kept.locate(third)?.document.document.index == 2)
        #expect(kept.locate(fourth)?.document.document.index == 3)
        #expect(kept.locate(0) == nil)
        #expect(try #require(FixSource.read(input, keeping: [])).documents.isEmpty)
    }
}
