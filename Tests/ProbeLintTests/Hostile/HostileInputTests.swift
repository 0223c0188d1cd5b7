import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import ProbeLint

/// Issue 7: every hostile input has one defined outcome (a finding, an input
/// error with its position and exit 2, or a skip), run through the built binary
/// within 2 s of CPU and 500 MB (MeasuredRun.expectBounded).
@Suite("Hostile input")
struct HostileInputTests {
    /// A fresh directory for one test's generated files.
    static func directory(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-hostile-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    /// A Pod whose liveness probe has the given timeoutSeconds (line 11, value at column 25).
    /// With "1.5" it has exactly one finding: PL202 at 11:25.
    static func pod(timeout: String, kindLine: String = "kind: Pod") -> String {
        """
        apiVersion: v1
        \(kindLine)
        metadata:
          name: web
        spec:
          containers:
            - name: web
              image: nginx
              livenessProbe:
                httpGet: {path: /, port: 80}
                timeoutSeconds: \(timeout)

        """
    }

    /// Runs the binary on one generated file and checks the bounds.
    static func lint(_ bytes: [UInt8], name: String, flags: [String] = []) throws -> (MeasuredRun, String) {
        let dir = try directory(name)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = try write(bytes, name, in: dir)
        let run = try MeasuredRun.run(flags + ["--no-color", path])
        run.expectBounded(name)
        return (run, path)
    }

    /// The first line of stderr, with the temporary directory taken out.
    static func firstError(_ run: MeasuredRun, _ path: String) -> String {
        // The note on documents that are not objects (these have no kind) is not an error.
        let line = run.stderr.split(separator: "\n").first { !$0.hasPrefix("note: ") }.map(String.init) ?? ""
        return line.replacingOccurrences(of: URL(fileURLWithPath: path).deletingLastPathComponent().path + "/", with: "")
    }

    static func firstFinding(_ run: MeasuredRun, _ path: String) -> String {
        let line = run.stdout.split(separator: "\n").first.map(String.init) ?? ""
        return line.replacingOccurrences(of: URL(fileURLWithPath: path).deletingLastPathComponent().path + "/", with: "")
    }

    // MARK: aliases and nesting

    static let billionLaughs: [UInt8] = {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for i in 1...9 {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]")
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }()

    @Test func billionLaughsIsRefusedWithoutExpanding() throws {
        let (run, path) = try Self.lint(Self.billionLaughs, name: "billion-laughs.yaml")
        #expect(run.status == 2)
        // a5's first alias brings the count over 1,000,000 (a4 stands for 11,111 nodes).
        #expect(Self.firstError(run, path)
            == "billion-laughs.yaml:6:45: error: limit: aliases expand to more than 1000000 nodes (raise it with --max-alias-expansion)")
        #expect(run.stdout == "")
    }

    @Test func billionLaughsWithTheLimitRaisedIsStillCheapBecauseAliasesAreNotCopied() throws {
        let (run, _) = try Self.lint(Self.billionLaughs, name: "billion-laughs-raised.yaml",
                                     flags: ["--max-alias-expansion", "100000000000"])
        #expect(run.status == 0)
        #expect(run.stderr.hasPrefix("note: 1 document is not a Kubernetes object") && !run.stderr.contains("error"), "\(run.stderr)")
    }

    @Test func tooManyAliasesAreRefused() throws {
        let yaml = "a: &a x\nb: [" + Array(repeating: "*a", count: 20).joined(separator: ", ") + "]\n"
        let (run, path) = try Self.lint(Array(yaml.utf8), name: "aliases.yaml", flags: ["--max-aliases", "10"])
        #expect(run.status == 2)
        // The 11th alias starts at column 5 + 4 * 10.
        #expect(Self.firstError(run, path) == "aliases.yaml:2:45: error: limit: more than 10 aliases in one document (raise it with --max-aliases)")
    }

    /// Merge keys through aliases form a DAG (`a2: {<<: [*a1, *a1]}`): walked as a tree,
    /// each lookup of a missing key cost 2^13 visits here (0.9 s of CPU, doubling with each
    /// level); each mapping is now walked once per lookup. The handler comes from the
    /// deepest mapping, a0. (14 levels would pass the alias-expansion limit.)
    @Test func aMergeKeyDAGIsWalkedOncePerLookup() throws {
        var lines = ["defs:", "  a0: &a0 {httpGet: {path: /, port: 80}}"]
        for i in 1...13 { lines.append("  a\(i): &a\(i) {<<: [*a\(i - 1), *a\(i - 1)], y\(i): 1}") }
        lines += ["apiVersion: v1", "kind: Pod", "metadata:", "  <<: *a13", "  name: x", "spec:", "  <<: *a13",
                  "  containers:", "    - <<: *a13", "      name: c", "      livenessProbe:", "        <<: *a13",
                  "        timeoutSeconds: 1.5", ""]
        let (run, path) = try Self.lint(Array(lines.joined(separator: "\n").utf8), name: "merge-dag.yaml")
        #expect(run.status == 1)
        #expect(Self.firstFinding(run, path) == "merge-dag.yaml:28:25: error: timeoutSeconds: 1.5 must be a whole number, not a float [PL202]")
        #expect(run.stdout.split(separator: "\n").filter { $0.contains("[PL") }.count == 1)
    }

    @Test func flowNesting100000DeepIsRefusedAtTheLimit() throws {
        let bytes = Array("a: ".utf8) + [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
            + [UInt8](repeating: UInt8(ascii: "]"), count: 100_000) + [0x0A]
        let (run, path) = try Self.lint(bytes, name: "deep-flow.yaml")
        #expect(run.status == 2)
        // The root mapping is level 1, so the 512th '[' (column 3 + 512) is one too many.
        #expect(Self.firstError(run, path) == "deep-flow.yaml:1:515: error: limit: nesting is deeper than 512 levels (raise it with --max-depth)")
    }

    @Test func blockNesting100000DeepIsRefusedAtTheLimit() throws {
        let bytes = Array(String(repeating: "- ", count: 100_000).utf8) + Array("x\n".utf8)
        let (run, path) = try Self.lint(bytes, name: "deep-block.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "deep-block.yaml:1:1025: error: limit: nesting is deeper than 512 levels (raise it with --max-depth)")
    }

    @Test func deepFlowMappingsAreRefusedAtTheLimit() throws {
        // YAML after `---`; JSON's grammar is checked first without descending (`JSONSyntax`).
        let flow = Array("---\n".utf8) + Array(String(repeating: "{a: ", count: 100_000).utf8) + [UInt8](repeating: UInt8(ascii: "}"), count: 100_000)
        let (run, path) = try Self.lint(flow, name: "deep-map.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "deep-map.yaml:2:2049: error: limit: nesting is deeper than 512 levels (raise it with --max-depth)")
        let json = Array((String(repeating: #"{"a": "#, count: 100_000) + "1").utf8) + [UInt8](repeating: UInt8(ascii: "}"), count: 100_000)
        let (jsonRun, jsonPath) = try Self.lint(json, name: "deep-map.json")
        #expect(jsonRun.status == 2)
        #expect(Self.firstError(jsonRun, jsonPath) == "deep-map.json:1:3073: error: limit: nesting is deeper than 512 levels (raise it with --max-depth)")
    }

    // MARK: encodings and bytes

    @Test func invalidUTF8IsAReaderError() throws {
        let (run, path) = try Self.lint(Array("a: b\nc: ".utf8) + [0xFF, 0xFE, 0x0A], name: "invalid-utf8.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "invalid-utf8.yaml:2:4: error: reader: invalid leading UTF-8 octet (byte 0xff at offset 8: is the file in Latin-1 or another 8-bit encoding? YAML and kubectl read UTF-8)")
    }

    /// A Latin-1 letter: libyaml names the byte after it (the line break), one column on; the
    /// error points at the letter and names it.
    @Test func aLatin1LetterIsNamed() throws {
        let (run, path) = try Self.lint(Array("a: b\nc: caf".utf8) + [0xE9, 0x0A, 0x64, 0x3A, 0x20, 0x31, 0x0A], name: "latin1.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "latin1.yaml:2:7: error: reader: invalid trailing UTF-8 octet (byte 0xe9 at offset 11 starts a UTF-8 sequence that byte 0x0a does not continue: is the file in Latin-1 or another 8-bit encoding? YAML and kubectl read UTF-8)")
        // At the end of the input libyaml says the sequence is cut short, at the letter.
        let (end, endPath) = try Self.lint(Array("a: b\nc: caf".utf8) + [0xE9, 0x0A], name: "latin1-end.yaml")
        #expect(Self.firstError(end, endPath) == "latin1-end.yaml:2:7: error: reader: incomplete UTF-8 octet sequence (byte 0xe9 at offset 11 starts a UTF-8 sequence that the input ends inside: is the file in Latin-1 or another 8-bit encoding? YAML and kubectl read UTF-8)")
    }

    @Test(arguments: [("utf16le.yaml", [UInt8(0xFF), 0xFE]), ("utf16be.yaml", [UInt8(0xFE), 0xFF])])
    func utf16WithABOMIsRefused(name: String, bom: [UInt8]) throws {
        var bytes = bom
        for unit in "apiVersion: v1\n".utf16 {
            let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            bytes += bom[0] == 0xFF ? pair : pair.reversed()
        }
        let (run, path) = try Self.lint(bytes, name: name)
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "\(name):1:1: error: encoding: UTF-16 input is not supported; convert the file to UTF-8")
    }

    /// UTF-32 is named as such (its little-endian mark starts as UTF-16's does).
    @Test(arguments: [("utf32le.yaml", true), ("utf32be.yaml", false)])
    func utf32WithABOMIsRefusedAsUTF32(name: String, littleEndian: Bool) throws {
        var bytes: [UInt8] = []
        for scalar in "\u{FEFF}apiVersion: v1\n".unicodeScalars {
            let units = [UInt8(scalar.value & 0xFF), UInt8(scalar.value >> 8 & 0xFF), UInt8(scalar.value >> 16 & 0xFF), 0]
            bytes += littleEndian ? units : units.reversed()
        }
        let (run, path) = try Self.lint(bytes, name: name)
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "\(name):1:1: error: encoding: UTF-32 input is not supported; convert the file to UTF-8")
    }

    @Test func nulBytesAreAReaderErrorAndNeverReachTheTerminal() throws {
        let (run, path) = try Self.lint(Array("a: b\nc: d".utf8) + [0x00] + Array("e\n".utf8), name: "nul.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "nul.yaml:2:5: error: reader: control characters are not allowed (byte 0x00 at offset 9)")
        // The snippet shows U+FFFD where the NUL was, and the caret stays under it.
        #expect(run.stderr.hasSuffix("c: d\u{FFFD}e\n    ^\n"))
        #expect(!run.stderr.utf8.contains(0))
    }

    @Test func binaryGarbageIsAReaderError() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed xorshift seed: the same bytes every run
        let bytes: [UInt8] = (0..<65_536).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24) | 0x80  // high bit set: never valid UTF-8 at byte 0
        }
        let (run, path) = try Self.lint(bytes, name: "garbage.bin")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "garbage.bin:1:1: error: reader: invalid leading UTF-8 octet (byte 0x8b at offset 0: is the file in Latin-1 or another 8-bit encoding? YAML and kubectl read UTF-8)")
        // Escape sequences in the garbage never reach the terminal.
        #expect(!run.stderr.utf8.contains(0x1B))
    }

    @Test func escapeSequencesInAKeyAreNotPrinted() throws {
        let yaml = "\"\\e]0;owned\\a\\e[2J\": 1\n\"\\e]0;owned\\a\\e[2J\": 2\n"
        let (run, path) = try Self.lint(Array(yaml.utf8), name: "escapes.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path)
            == "escapes.yaml:2:1: error: composer: duplicate key '\u{FFFD}]0;owned\u{FFFD}\u{FFFD}[2J' (first defined at line 1, column 1)")
        #expect(!run.stderr.utf8.contains(0x1B) && !run.stderr.utf8.contains(0x07))
    }

    @Test func controlCharactersInAFindingAreNotPrinted() throws {
        // Both the Pod and its container get the name.
        let yaml = Self.pod(timeout: "1.5").replacingOccurrences(of: "name: web\n", with: "name: \"a\\u2028b\\e[31m\\u202e\\0\"\n")
        let (run, path) = try Self.lint(Array(yaml.utf8), name: "name-escapes.yaml")
        #expect(run.status == 1)
        #expect(Self.firstFinding(run, path) == "name-escapes.yaml:11:25: error: timeoutSeconds: 1.5 must be a whole number, not a float [PL202]")
        #expect(run.stdout.split(separator: "\n")[1] == "  object: Pod/a\u{FFFD}b\u{FFFD}[31m\u{FFFD}\u{FFFD} container a\u{FFFD}b\u{FFFD}[31m\u{FFFD}\u{FFFD} livenessProbe")
    }

    /// A CR's name and namespace from the manifest reach the fix's "paste into" line and
    /// `--diff`'s notes: escaped there as in every other line (an owner named with an OSC title
    /// sequence and a screen clear, as a review wrote it).
    @Test func controlCharactersInAFixsTargetAreNotPrinted() throws {
        let example = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"), encoding: .utf8)
        let yaml = example.replacingOccurrences(of: "      name: my-store\n", with: "      name: \"my\\e]0;PWNED\\a\\e[2J\"\n")
            .replacingOccurrences(of: "  namespace: rook-ceph\n", with: "  namespace: \"rc\\e[41m\"\n")
        #expect(yaml != example)
        let flags = ["--rook-version", "v1.9.13", "--bandwidth", "10MB/s", "--largest-transfer", "700MB"]
        let (run, _) = try Self.lint(Array(yaml.utf8), name: "owner-escapes.yaml", flags: flags)
        #expect(run.status == 1)
        #expect(run.stdout.contains("    paste into CephObjectStore/rc\u{FFFD}[41m/my\u{FFFD}]0;PWNED\u{FFFD}\u{FFFD}[2J:\n"), "\(run.stdout)")
        let (diff, _) = try Self.lint(Array(yaml.utf8), name: "owner-escapes.yaml", flags: flags + ["--diff"])
        #expect(diff.stderr.contains("CephObjectStore my\u{FFFD}]0;PWNED"), "\(diff.stderr)")
        for output in [run.stdout, run.stderr, diff.stdout, diff.stderr] {
            #expect(!output.utf8.contains(0x1B) && !output.utf8.contains(0x07))
        }
    }

    // MARK: size

    @Test func a50MBSingleLineScalarIsRefusedBeforeItIsBuffered() throws {
        let bytes = Array("key: ".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 50 << 20) + [0x0A]
        let (run, path) = try Self.lint(bytes, name: "long-line.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "long-line.yaml:1:6: error: limit: scalar is longer than 16777216 bytes (raise it with --max-scalar-bytes)")
        // The snippet is cut after 200 bytes, and says so.
        #expect(run.stderr.split(separator: "\n")[1].count == 201)
        #expect(run.stderr.split(separator: "\n")[1].hasSuffix("a…"))
    }

    @Test func a50MBFlowLineIsRefusedAtTheNodeLimit() throws {
        let bytes = Array(("key: [" + String(repeating: "1,", count: 25 << 20) + "1]\n").utf8)
        let (run, path) = try Self.lint(bytes, name: "long-flow.yaml")
        #expect(run.status == 2)
        // Node 500,001 is refused: after the mapping, the key and the sequence, item 499,998
        // at column 7 + 2 * 499,997.
        #expect(Self.firstError(run, path) == "long-flow.yaml:1:1000001: error: limit: document has more than 500000 nodes (raise it with --max-nodes)")
    }

    /// JSON objects one after another are read one at a time, none of them listed ahead
    /// (`JSONStream.forEachValue`): 50,000 empty objects on one line stay within the bounds, and
    /// a broken one after them is reported at its column on that line.
    @Test func fiftyThousandJSONObjectsOnOneLineAreReadOneByOne() throws {
        let bytes = Array((String(repeating: "{}", count: 50_000) + "{\"a\": [}\n").utf8)
        let (run, path) = try Self.lint(bytes, name: "objects.json")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "objects.json:1:100008: error: parser: not JSON, though kubectl reads a stream that starts with '{' as JSON: invalid character '}' looking for beginning of value (a JSON file with comments, such as tsconfig.json, is no manifest: leave it out with --exclude; YAML that starts with '{' is read as YAML after a '---' line)")
    }

    @Test func aDocumentOverTheLimitIsRefused() throws {
        let yaml = "a: 1\n---\n" + (0..<2000).map { "k\($0): v" }.joined(separator: "\n") + "\n"
        let (run, path) = try Self.lint(Array(yaml.utf8), name: "big-document.yaml", flags: ["--max-document-bytes", "1000"])
        // The second document starts at byte 5 (`---`); key k138 on line 141 (bytes 1003-1007)
        // is the first event to end past byte 1005.
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "big-document.yaml:141:1: error: limit: document is larger than 1000 bytes (raise it with --max-document-bytes)")
    }

    @Test func aFileOverTheLimitIsRefusedBeforeReading() throws {
        let (run, path) = try Self.lint(Array(repeating: UInt8(ascii: "#"), count: 4096), name: "big-file.yaml",
                                        flags: ["--max-file-bytes", "1000"])
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "big-file.yaml: error: file is 4096 bytes, larger than the 1000-byte limit (raise it with --max-file-bytes)")
    }

    @Test func stdinOverTheLimitIsRefused() throws {
        // A pipe has no size to check first: the limit applies while reading. The input fits in
        // the pipe's buffer, so the write completes although the reader stops early (no SIGPIPE).
        let run = try TestSupport.run(["--max-file-bytes", "1000", "-f", "-"], stdin: String(repeating: "#", count: 30_000))
        #expect(run.status == 2)
        #expect(run.stderr == "<stdin>: error: input is larger than the 1000-byte limit (raise it with --max-file-bytes)\n")
    }

    /// A limit is 0 or more, and 0 allows none (`--max-file-bytes 0` reads only empty files). A
    /// negative value, written apart or with `=`, is a usage error naming the flag, not a "missing
    /// value" (argument-parser takes `-1` for an option unless told otherwise); so is a word.
    @Test(arguments: [(["--max-file-bytes", "-1"], "--max-file-bytes must be 0 or more, not -1"),
                      (["--max-file-bytes=-1"], "--max-file-bytes must be 0 or more, not -1"),
                      (["--max-depth", "-5"], "--max-depth must be 0 or more, not -5"),
                      // Each limit (a mutant that dropped one from the check passed).
                      (["--max-document-bytes", "-1"], "--max-document-bytes must be 0 or more, not -1"),
                      (["--max-aliases", "-1"], "--max-aliases must be 0 or more, not -1"),
                      (["--max-alias-expansion", "-1"], "--max-alias-expansion must be 0 or more, not -1"),
                      (["--max-scalar-bytes", "-1"], "--max-scalar-bytes must be 0 or more, not -1"),
                      (["--max-nodes", "-1"], "--max-nodes must be 0 or more, not -1"),
                      (["--jobs", "-1"], "--jobs must be at least 1, not -1"),
                      (["--piece-bytes", "-1"], "--piece-bytes must be 0 or more, not -1"),
                      (["--max-file-bytes", "1MB"], "The value '1MB' is invalid for '--max-file-bytes <bytes>'")])
    func aNegativeOrNonNumericLimitIsAUsageError(flags: [String], message: String) throws {
        let run = try TestSupport.run(flags + ["examples/web-sound.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("Error: \(message)\n"), "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func aZeroFileLimitReadsOnlyEmptyFiles() throws {
        let dir = try Self.directory("zero-limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = try TestSupport.run(["--max-file-bytes", "0", "-f", try Self.write([], "empty.yaml", in: dir)])
        #expect(empty.status == 0 && empty.stderr.isEmpty)
        let run = try TestSupport.run(["--max-file-bytes", "0", "-f", "-"], stdin: "a: 1\n")
        #expect(run.status == 2)
        #expect(run.stderr == "<stdin>: error: input is larger than the 0-byte limit (raise it with --max-file-bytes)\n")
        let help = try TestSupport.run(["lint", "--help"])
        let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("--max-file-bytes <bytes> Largest input file (or stdin), in bytes (0 or more; 0 reads only empty files)."))
    }

    /// Every limit flag reaches the reader: the same small file, refused by each lowered limit
    /// (the root mapping is level 1 and node 1; `[` is column 4, `&c abc` 11, `*c` 19).
    @Test(arguments: [
        (["--max-depth", "1"], "1:4: error: limit: nesting is deeper than 1 levels (raise it with --max-depth)"),
        (["--max-nodes", "3"], "1:5: error: limit: document has more than 3 nodes (raise it with --max-nodes)"),
        (["--max-scalar-bytes", "2"], "1:11: error: limit: scalar is longer than 2 bytes (raise it with --max-scalar-bytes)"),
        (["--max-document-bytes", "8"], "1:11: error: limit: document is larger than 8 bytes (raise it with --max-document-bytes)"),
        (["--max-aliases", "0"], "1:19: error: limit: more than 0 aliases in one document (raise it with --max-aliases)"),
        (["--max-alias-expansion", "0"], "1:19: error: limit: aliases expand to more than 0 nodes (raise it with --max-alias-expansion)"),
    ])
    func eachLimitFlagReachesTheReader(flags: [String], message: String) throws {
        let (run, path) = try Self.lint(Array("a: [1, b, &c abc, *c]\n".utf8), name: "flags.yaml", flags: flags)
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "flags.yaml:" + message)
    }

    // MARK: empty and odd documents

    @Test(arguments: [("empty.yaml", ""), ("comments.yaml", "# only\n# comments\n"), ("dashes.yaml", "---\n"),
                      ("dots.yaml", "---\n...\n---\n")])
    func nothingToLintIsClean(name: String, text: String) throws {
        let (run, _) = try Self.lint(Array(text.utf8), name: name)
        #expect(run.status == 0)
        #expect(run.stdout == "" && run.stderr == "")
    }

    @Test func duplicateKeysAreAComposerError() throws {
        let (run, path) = try Self.lint(Array("a: 1\nb: 2\na: 3\n".utf8), name: "duplicate-keys.yaml")
        #expect(run.status == 2)
        #expect(Self.firstError(run, path) == "duplicate-keys.yaml:3:1: error: composer: duplicate key 'a' (first defined at line 1, column 1)")
    }

    @Test func unknownTagsAreReadAsTheirTextLikeKubectl() throws {
        // go-yaml (behind kubectl) resolves an unknown tag to the plain string; nothing is ever
        // constructed. The object is read as a Pod, so its probe is checked.
        let yaml = Self.pod(timeout: "1.5", kindLine: "kind: !!python/object:os.system Pod")
        let (run, path) = try Self.lint(Array(yaml.utf8), name: "python-tag.yaml")
        #expect(run.status == 1)
        #expect(Self.firstFinding(run, path) == "python-tag.yaml:11:25: error: timeoutSeconds: 1.5 must be a whole number, not a float [PL202]")
    }

    @Test(arguments: [
        ("huge-int.yaml", "99999999999999999999", "timeoutSeconds: 99999999999999999999 is out of range for an int32"),
        ("int32-max-plus-one.yaml", "2147483648", "timeoutSeconds: 2147483648 is out of range for an int32"),
        ("negative.yaml", "-5", "timeoutSeconds: -5 must not be negative (Kubernetes rejects it)"),
        ("float.yaml", "1.5", "timeoutSeconds: 1.5 must be a whole number, not a float"),
        ("exponent.yaml", "1e-3", "timeoutSeconds: 1e-3 must be a whole number, not a float"),
        ("whole-exponent.yaml", "1e10", "timeoutSeconds: 1e10 is out of range for an int32"),
        ("whole-float-negative.yaml", "-2.0", "timeoutSeconds: -2.0 must not be negative (Kubernetes rejects it)"),
    ])
    func outOfRangeNumbersArePL202(name: String, value: String, message: String) throws {
        let (run, path) = try Self.lint(Array(Self.pod(timeout: value).utf8), name: name)
        #expect(run.status == 1)
        #expect(Self.firstFinding(run, path) == "\(name):11:25: error: \(message) [PL202]")
    }

    @Test(arguments: [("merge-scalar.yaml", "<<: 5", 5), ("merge-null.yaml", "<<: ~", 5),
                      ("merge-sequence-of-scalars.yaml", "<<: [1, 2]", 5)])
    func mergeKeysOnScalarsAreComposerErrors(name: String, line: String, column: Int) throws {
        let yaml = "base: &b {x: 1}\nobj:\n  \(line)\n"
        let (run, path) = try Self.lint(Array(yaml.utf8), name: name)
        #expect(run.status == 2)
        #expect(Self.firstError(run, path)
            == "\(name):3:\(column + 2): error: composer: a merge key (<<) needs a mapping or a sequence of mappings as its value")
    }
}
