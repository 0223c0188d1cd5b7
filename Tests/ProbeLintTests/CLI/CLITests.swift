import Foundation
import Testing
@testable import ProbeLint

/// End-to-end: the built binary's output and exit codes.
@Suite(.serialized) struct CLITests {
    let incident = ["--bandwidth", "10MB/s", "--largest-transfer", "700MB"]

    @Test func incidentExampleFailsWithBothRules() throws {
        let r = try TestSupport.run(incident + ["examples/rgw-incident.yaml"])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let headers = lines.filter { !$0.hasPrefix(" ") && ($0.hasSuffix("[PL101]") || $0.hasSuffix("[PL102]")) }
        #expect(headers.count == 2)
        #expect(headers[0].hasPrefix("examples/rgw-incident.yaml:59:29: error: livenessProbe timeoutSeconds 1 is not above"))
        #expect(headers[0].hasSuffix("[PL101]"))
        #expect(headers[1].hasPrefix("examples/rgw-incident.yaml:59:29: error: every 700 MB transfer restarts the container"))
        #expect(lines.contains("  derived: E = X / B = 700 MB / 10 MB/s = 70 s"))
        #expect(lines.contains("  derived: W_min = (F - 1) * P + T = (3 - 1) * 10 + 1 = 21 s"))
        #expect(lines.contains("  derived: W_max = F * P + T = 3 * 10 + 1 = 31 s"))
        // Display only: Rook's CephObjectStore owns the Deployment (the fix belongs in the CR, PL301).
        #expect(lines.contains { $0.hasPrefix("  fix (display only): timeoutSeconds 1 -> 3:") })
        #expect(!r.stdout.contains("\u{1B}["))  // not a TTY: no colour
    }

    @Test func fixedExampleHasNoTimingError() throws {
        let r = try TestSupport.run(incident + ["--fail-on", "error", "-f", "examples/rgw-incident-fixed.yaml"])
        #expect(!r.stdout.contains("[PL101]") && !r.stdout.contains("[PL102]"))
        #expect(r.status == 0)
    }

    @Test func stdinAndCommaLists() throws {
        let text = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"), encoding: .utf8)
        let r = try TestSupport.run(incident + ["-f", "-"], stdin: text)
        #expect(r.status == 1)
        #expect(r.stdout.contains("\n<stdin>:59:29: error: livenessProbe timeoutSeconds 1"))
        let both = try TestSupport.run(incident + ["-f", "examples/rgw-incident.yaml,examples/rgw-incident-fixed.yaml", "-o", "json"])
        #expect(both.status == 1)
        #expect(both.stdout.contains("\"files\": 2"))
        // A list that starts with '-' is a value, as in kubectl (argument-parser took it for an option).
        for flag in ["-f", "--filename"] {
            let mixed = try TestSupport.run(incident + [flag, "-,examples/rgw-incident-fixed.yaml", "-o", "json"], stdin: text)
            #expect(mixed.status == 1, "\(flag): \(mixed.stderr)")
            #expect(mixed.stdout.contains("\"files\": 2") && mixed.stdout.contains("\"file\": \"<stdin>\""), "\(flag)")
        }
        // Named twice, stdin is a usage error, as kubectl makes it (the second read was an empty file).
        let twice = try TestSupport.run(incident + ["-f", "-", "-"], stdin: text)
        #expect(twice.status == 2)
        #expect(twice.stdout.isEmpty)
        #expect(twice.stderr.contains("Error: standard input cannot be used for multiple arguments ('-' is given 2 times)"), "\(twice.stderr)")
        // `--config -` reads it too: the manifests read an empty stream, or the config was linted as one.
        let config = try TestSupport.run(incident + ["--config", "-", "-f", "-"], stdin: text)
        #expect(config.status == 2 && config.stdout.isEmpty)
        #expect(config.stderr.contains("Error: standard input cannot be used for multiple arguments ('-' is given 2 times, --config - among them)"), "\(config.stderr)")
        // Alone, `--config -` is a config read from stdin.
        let alone = try TestSupport.run(["--config", "-", "--select", "PL101", "examples/web-sound.yaml"], stdin: "latency-p99: 9s\n")
        #expect(alone.status == 1 && alone.stdout.contains("(from <stdin>:1:14)"), "\(alone.stdout)\(alone.stderr)")
        let bad = try TestSupport.run(["--config", "-", "examples/web-sound.yaml"], stdin: "margin: x\n")
        #expect(bad.status == 2 && bad.stderr.hasPrefix("<stdin>:1:9: error: margin must be"), "\(bad.stderr)")
        // A config's `off` does not undo `--select`'s choice of the rule (ruff's `--select` wins
        // over its config's `ignore`); without the flag it turns the rule off.
        let off = "latency-p99: 9s\nrules: {PL101: off}\n"
        let selected = try TestSupport.run(["--config", "-", "--select", "PL101", "examples/web-sound.yaml"], stdin: off)
        #expect(selected.status == 1 && selected.stdout.contains("[PL101]"), "\(selected.stdout)\(selected.stderr)")
        let unselected = try TestSupport.run(["--config", "-", "examples/web-sound.yaml"], stdin: off)
        #expect(!unselected.stdout.contains("[PL101]") && unselected.stderr.isEmpty, "\(unselected.stdout)\(unselected.stderr)")
    }

    @Test func failOnThresholds() throws {
        #expect(try TestSupport.run(incident + ["--fail-on", "error", "examples/rgw-incident.yaml"]).status == 1)
        #expect(try TestSupport.run(incident + ["--fail-on", "never", "examples/rgw-incident.yaml"]).status == 0)
        // Without the incident's figures the RGW defaults (1 Gbit/s) find nothing at error level.
        #expect(try TestSupport.run(["--fail-on", "error", "examples/rgw-incident.yaml"]).status == 0)
    }

    @Test func jsonOutputCarriesInputsDerivedAndFix() throws {
        let r = try TestSupport.run(incident + ["-o", "json", "examples/rgw-incident.yaml"])
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let findings = try #require(json?["findings"] as? [[String: Any]])
        let pl101 = try #require(findings.first { $0["rule"] as? String == "PL101" })
        let pl102 = try #require(findings.first { $0["rule"] as? String == "PL102" })
        let derived = try #require(pl102["derived"] as? [[String: Any]])
        #expect(derived.first { $0["name"] as? String == "E" }?["value"] as? Int == 70)
        let fix = try #require((pl101["fix"] as? [[String: Any]])?.first)
        #expect(fix["field"] as? String == "timeoutSeconds" && fix["current"] as? Int == 1 && fix["suggested"] as? Int == 3)
        let start = try #require((pl101["range"] as? [String: Any])?["start"] as? [String: Any])
        #expect(start["line"] as? Int == 59 && start["column"] as? Int == 29)
    }

    @Test func brokenYAMLIsExit2WithPosition() throws {
        let r = try TestSupport.run(["-f", "-"], stdin: "kind: Pod\nmetadata: {name: x\n")
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("<stdin>:3:1: error: parser: did not find expected ',' or '}'"))
        #expect(r.stdout.isEmpty)
    }

    /// A quoted pattern that no shell expanded is read as kubectl reads it (`filepath.Glob`,
    /// whose `*` matches a leading dot): its matches, in order; one that matches nothing is a
    /// missing path; a file whose name is the pattern itself is that file.
    @Test func aPatternNoShellExpandedIsReadAsKubectlReadsIt() throws {
        let dir = try OutputSupport.temporaryDirectory("glob")
        defer { try? FileManager.default.removeItem(at: dir) }
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let bad = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        for name in ["b.yml", ".a.yml", "c.yaml"] { try bad.write(to: sub.appendingPathComponent(name)) }
        let run = try TestSupport.run(["-o", "json", "-f", "sub/*.yml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        let files = try OutputSupport.parse(run.stdout).array("findings").compactMap { $0.string("file") }
        #expect(Array(Set(files)).sorted() == ["sub/.a.yml", "sub/b.yml"])
        #expect(files.first == "sub/.a.yml")
        // `*` matches a leading dot, but not `.` and `..` (the folder above), as in Go's Glob.
        try bad.write(to: dir.appendingPathComponent("above.yaml"))
        let all = try TestSupport.run(["-o", "json", "-f", "sub/*"], directory: dir)
        #expect(!all.stdout.contains("above.yaml") && !all.stdout.contains("sub/.\""), "\(all.stdout)")
        let none = try TestSupport.run(["-f", "sub/*.txt"], directory: dir)
        #expect(none.status == 2 && none.stderr.contains("the path \"sub/*.txt\" does not exist"), "\(none.stderr)")
        try bad.write(to: sub.appendingPathComponent("*.txt"))
        let literal = try TestSupport.run(["-f", "sub/*.txt"], directory: dir)
        #expect(literal.status == 1 && literal.stdout.contains("sub/*.txt:"), "\(literal.stderr)")
    }

    @Test func missingPathAndBadFlagAreExit2() throws {
        let missing = try TestSupport.run(["-f", "nope.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("the path \"nope.yaml\" does not exist"))
        // A path that is there but cannot be followed is not called missing: a loop of links.
        let dir = try OutputSupport.temporaryDirectory("loop")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("l1").path, withDestinationPath: "l2")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("l2").path, withDestinationPath: "l1")
        let loop = try TestSupport.run(["-f", "l1"], directory: dir)
        #expect(loop.status == 2)
        #expect(loop.stderr.hasPrefix("l1: error: cannot read \"l1\": ") && loop.stderr.contains("symbolic links"), "\(loop.stderr)")
        let badRate = try TestSupport.run(["--bandwidth", "10MB", "examples/"])
        #expect(badRate.status == 2)
        #expect(badRate.stderr.contains("--bandwidth '10MB' is not a rate above 0 such as 10MB/s"))
        // A bare number has no unit: said so (it read "is not a rate above 0" of 10).
        let bare = try TestSupport.run(["--bandwidth", "10", "examples/"])
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("--bandwidth '10' has no unit: write a rate such as 10MB/s"), "\(bare.stderr)")
        // Nor has a bare size: --largest-transfer 700 was 700 B, and PL102 said nothing.
        let bareSize = try TestSupport.run(["--largest-transfer", "700", "examples/"])
        #expect(bareSize.status == 2)
        #expect(bareSize.stderr.contains("--largest-transfer '700' has no unit: write a size such as 700MB, 700Mi or 700B (bytes)"), "\(bareSize.stderr)")
        // 0 with a unit is no rate either: the message says what is wrong with it, not the unit.
        #expect(try TestSupport.run(["--bandwidth", "0", "examples/"]).stderr.contains("--bandwidth '0' is not a rate above 0"))
        let zeroRate = try TestSupport.run(["--bandwidth", "0MB/s", "examples/"])
        #expect(zeroRate.status == 2)
        #expect(zeroRate.stderr.contains("--bandwidth '0MB/s' is not a rate above 0 such as 10MB/s"))
        // A negative value is the option's value, not a flag of its own (it was "Missing value").
        let negative = try TestSupport.run(["--bandwidth", "-1MB/s", "examples/"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--bandwidth '-1MB/s' is not a rate above 0 such as 10MB/s"), "\(negative.stderr)")
        let inverted = try TestSupport.run(["--latency-p50", "2s", "--latency-p99", "900ms", "examples/"])
        #expect(inverted.status == 2)
        #expect(inverted.stderr.contains("--latency-p50 '2s' is above --latency-p99 '900ms': a median cannot exceed the 99th percentile"))
        let zero = try TestSupport.run(["--latency-p50", "0s", "examples/"])
        #expect(zero.status == 2)
        #expect(zero.stderr.contains("--latency-p50 '0s' is not a duration above 0 such as 500ms"), "\(zero.stderr)")
        let unknown = try TestSupport.run(["--no-such-flag"])
        #expect(unknown.status == 2)
        #expect(try TestSupport.run([]).status == 2)
    }

    /// A positional argument that only a path can be (`/…`, `./…`, `../…`, `~…`, or `-…` after
    /// `--`) is a missing path when it does not exist, never a resource for `kubectl get`.
    @Test(arguments: [["/nonexistent/x"], ["./nope"], ["../nope"], ["--", "-f"]])
    func missingPositionalPathIsNotAResource(arguments: [String]) throws {
        let run = try TestSupport.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains("the path \"\(arguments.last ?? "")\" does not exist"), "\(run.stderr)")
        #expect(!run.stderr.contains("kubectl get"))
    }

    /// kubectl's -f fetches http(s) URLs; probelint fetches nothing and says how to read one.
    @Test(arguments: [["-f", "https://example.com/deploy.yaml"], ["http://example.com/manifests"]])
    func urlIsAnInputErrorThatSaysHowToReadIt(arguments: [String]) throws {
        let run = try TestSupport.run(arguments)
        let url = arguments.last ?? ""
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "\(url): error: \"\(url)\" is a URL: probelint reads files, directories and stdin, and fetches nothing; download it first (curl -fsSL '\(url)' | kubectl probelint -f -)\n", "\(run.stderr)")
    }

    /// An empty argument (`"$FILES"` unset) went to `kubectl get` as a resource, or was "no such
    /// file: " beside files; an empty -k ran `kubectl kustomize` on nothing. Each is refused
    /// before anything is read, in a long line's handed-over operands too.
    @Test(arguments: [[""], ["examples/web-sound.yaml", ""], ["--", "examples/web-sound.yaml", "", "examples/web-sound.yaml"]])
    func anEmptyArgumentIsRefused(arguments: [String]) throws {
        let run = try TestSupport.run(arguments, environment: ["PATH": "/nonexistent"])
        #expect(run.status == 2 && run.stdout.isEmpty)
        // The same words, with lint's usage, for a line parsed whole and for one whose operands are handed over.
        #expect(run.stderr == "Error: an argument is empty: it names no file, folder or kubectl resource (a variable that was not set?)\nUsage: kubectl probelint [<options>] [<path|resource> ...]\n  See 'kubectl probelint help lint' for more information.\n", "\(run.stderr)")
    }

    /// A long line's handed-over operands are checked as a line parsed whole: a second `-`
    /// among them was read as an empty stream.
    @Test func aSecondStandardInputAmongHandedOverOperandsIsRefused() throws {
        let run = try TestSupport.run(["--", "examples/web-sound.yaml", "-", "examples/web-sound.yaml", "-"], stdin: "")
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: standard input cannot be used for multiple arguments ('-' is given 2 times)\nUsage: kubectl probelint "), "\(run.stderr)")
    }

    /// An empty path in -f's list, as kubectl refuses it (`error: the path "" does not exist`):
    /// it was dropped, and `-f "$DIR,"` with the rest unset linted nothing else without a word.
    @Test(arguments: ["examples/web-sound.yaml,", ",examples/web-sound.yaml", "examples/web-sound.yaml,,examples/web-sound.yaml", ""])
    func anEmptyPathInTheFilenameListIsRefused(_ list: String) throws {
        let run = try TestSupport.run(["-f", list])
        #expect(run.status == 2 && run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("Error: -f '\(list)' has an empty path (a trailing or doubled comma, or an unset variable): it names no file\n"), "\(run.stderr)")
    }

    @Test func anEmptyKustomizationIsRefused() throws {
        let run = try TestSupport.run(["-k="])
        #expect(run.status == 2 && run.stderr.hasPrefix("Error: -k is empty: give the folder of a kustomization\n"), "\(run.stderr)")
    }

    /// The reports name the URL as given: its `//` was tidied as a path's (`https:/example.com`),
    /// and SARIF made it a repository file (`https%3A/...` under %SRCROOT%).
    @Test func urlIsNamedAsGivenInTheReports() throws {
        let url = "https://example.com/a b.yaml"
        let sarif = try TestSupport.run(["-f", url, "-o", "sarif"])
        #expect(sarif.status == 2)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        #expect(sarif.stdout.contains("\"uri\": \"https://example.com/a%20b.yaml\"\n"), "\(sarif.stdout.suffix(800))")
        #expect(!sarif.stdout.contains("https%3A"))
        #expect(try TestSupport.run(["-f", url, "-o", "gitlab"]).stdout.contains("\"path\": \"https://example.com/a b.yaml\""))
        #expect(try TestSupport.run(["-f", url, "-o", "checkstyle"]).stdout.contains("<file name='https://example.com/a b.yaml'>"))
        #expect(try TestSupport.run(["-f", url, "-o", "github"]).stdout.hasPrefix("::error file=https%3A//example.com/a b.yaml,"))
    }

    @Test func directoryMeansTopLevelManifestsOnly() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        try bad.write(to: dir.appendingPathComponent("sub/deep.yml"))
        try bad.write(to: dir.appendingPathComponent("notes.txt"))
        try Data("kind: ConfigMap\nmetadata: {name: c}\n".utf8).write(to: dir.appendingPathComponent("a.yaml"))
        let flat = try TestSupport.run(incident + ["-f", dir.path, "-o", "json"])
        #expect(flat.status == 0)
        #expect(flat.stdout.contains("\"files\": 1"))
        let deep = try TestSupport.run(incident + ["-R", "-f", dir.path])
        #expect(deep.status == 1)
        #expect(deep.stdout.contains("sub/deep.yml:59:29"))
        let named = try TestSupport.run(incident + [dir.appendingPathComponent("notes.txt").path])
        #expect(named.status == 1)
    }

    @Test func directoryWithNoManifestIsAnInputError() throws {
        // kubectl: "error reading [dir]: recognized file extensions are [.json .yaml .yml]".
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("text\n".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let flat = try TestSupport.run(["-f", dir.path, "-o", "json"])
        #expect(flat.status == 2)
        #expect(flat.stderr.contains("\(dir.path): error: no .yaml, .yml or .json file in this directory (subdirectories are read with -R)"))
        #expect(flat.stdout.contains("\"inputErrors\": 1"))
        let deep = try TestSupport.run(["-R", "-f", dir.path])
        #expect(deep.status == 2)
        #expect(deep.stderr.contains("no .yaml, .yml or .json file in this directory\n"))
        try Data("kind: ConfigMap\nmetadata: {name: c}\n".utf8).write(to: dir.appendingPathComponent("sub/c.yaml"))
        #expect(try TestSupport.run(["-R", "-f", dir.path]).status == 0)
        // The other inputs are still linted, and the run still reports the empty one.
        let both = try TestSupport.run(["-f", dir.path, "examples/rgw-incident.yaml"])
        #expect(both.status == 2)
        #expect(both.stdout.contains("examples/rgw-incident.yaml:53:11: warning:"))
    }

    /// A directory named twice, or below one given with -R, gave its files with the first
    /// argument and none with the second, which was then reported as a directory without
    /// manifests (exit 2). Its files are linted once.
    @Test func directoryGivenTwiceIsNoInputError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        try bad.write(to: dir.appendingPathComponent("top.yaml"))
        try bad.write(to: dir.appendingPathComponent("sub/deep.yaml"))
        let sub = dir.appendingPathComponent("sub").path
        for arguments in [["-f", dir.path, "-f", dir.path], ["-R", "-f", dir.path, "-f", sub], ["-f", "\(dir.path),\(dir.path)/"]] {
            let r = try TestSupport.run(incident + arguments + ["-o", "json"])
            #expect(r.status == 1, "\(arguments): \(r.stderr)")
            #expect(r.stderr.isEmpty, "\(arguments)")
            #expect(r.stdout.contains("\"inputErrors\": 0"), "\(arguments)")
            #expect(r.stdout.contains("\"files\": \(arguments.contains("-R") ? 2 : 1)"), "\(arguments)")
        }
    }

    /// Under -R a symbolic link to a directory is not followed, as kubectl's `-R` does not
    /// follow it: a link that sorts first (`current -> v2`) does not name the real directory's
    /// files, and a link to a folder outside the tree is not read. Given by name, it is read.
    @Test func symlinkedDirectoryIsNotFollowed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-cli-\(UUID().uuidString)")
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("v2"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir); try? FileManager.default.removeItem(at: outside) }
        let bad = try Data(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"))
        try bad.write(to: dir.appendingPathComponent("v2/rgw.yaml"))
        try bad.write(to: outside.appendingPathComponent("shared.yaml"))
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("current").path, withDestinationPath: "v2")
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("common").path, withDestinationPath: outside.path)
        let r = try TestSupport.run(incident + ["-R", "-f", dir.path])
        #expect(r.status == 1)
        let files = r.stdout.split(separator: "\n").filter { $0.hasSuffix("[PL101]") }
            .map { String($0.prefix { $0 != ":" }).replacingOccurrences(of: dir.path + "/", with: "") }
        #expect(files == ["v2/rgw.yaml"])
        let named = try TestSupport.run(incident + ["-R", "-f", dir.appendingPathComponent("common").path])
        #expect(named.stdout.contains("common/shared.yaml:"), "\(named.stdout)")
    }

    @Test func colourOnlyWhenAllowed() throws {
        // Output to a pipe is never coloured, whatever NO_COLOR says; --no-color and NO_COLOR are accepted.
        let r = try TestSupport.run(incident + ["--no-color", "examples/rgw-incident.yaml"], environment: ["NO_COLOR": "1"])
        #expect(!r.stdout.contains("\u{1B}["))
        #expect(r.status == 1)
    }

    /// FORCE_COLOR or CLICOLOR_FORCE (non-empty) colours output that is no terminal (a CI log
    /// that shows colour), findings and input errors alike; --no-color and NO_COLOR still win.
    @Test(arguments: [(["FORCE_COLOR": "1"], [String](), true), (["CLICOLOR_FORCE": "1"], [], true), (["FORCE_COLOR": ""], [], false), (["CLICOLOR_FORCE": "0"], [], false),
                      (["FORCE_COLOR": "1", "NO_COLOR": "1"], [], false), (["FORCE_COLOR": "1"], ["--no-color"], false)])
    func colourWhenForced(environment: [String: String], flags: [String], coloured: Bool) throws {
        let r = try TestSupport.run(incident + flags + ["examples/rgw-incident.yaml", "missing.yaml"], environment: environment)
        #expect(r.stdout.contains("\u{1B}[") == coloured, "\(environment)")
        #expect(r.stderr.contains("\u{1B}[") == coloured, "\(r.stderr)")
    }

    /// Each severity has its colour, as compilers paint them: error bold red, warning bold
    /// yellow, info bold cyan (a mutant that swapped two passed every test).
    @Test func eachSeverityHasItsColour() throws {
        let run = try TestSupport.run(incident + ["examples/rgw-incident.yaml", "-"], stdin: TestSupport.probeless, environment: ["FORCE_COLOR": "1"])
        let headers = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        #expect(headers.contains { $0.contains(" \u{1B}[1;31merror\u{1B}[0m: ") && $0.hasSuffix("[PL101]") }, "\(headers)")
        #expect(headers.contains { $0.contains(" \u{1B}[1;33mwarning\u{1B}[0m: ") && $0.hasSuffix("[PL107]") }, "\(headers)")
        #expect(headers.contains { $0.contains(" \u{1B}[1;36minfo\u{1B}[0m: ") && $0.hasSuffix("[PL204]") }, "\(headers)")
    }

    /// On a terminal (a pseudo-terminal from util-linux `script`), output is coloured unless
    /// NO_COLOR is set to a non-empty value (no-color.org) or --no-color is given.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script makes the terminal"),
          arguments: [(nil, [String](), true), ("", [], true), ("1", [], false), (nil, ["--no-color"], false)])
    func colourOnATerminal(noColor: String?, flags: [String], coloured: Bool) throws {
        let command = ([TestSupport.binary.path] + flags + ["examples/rgw-incident.yaml"]).joined(separator: " ")
        // TestSupport.run leaves NO_COLOR out of the environment unless it is given.
        let run = try TestSupport.run(["-qec", command, "/dev/null"], environment: noColor.map { ["NO_COLOR": $0] } ?? [:],
                                      executable: URL(fileURLWithPath: "/usr/bin/script"))
        let text = run.stdout
        #expect(text.contains("warning"), "\(text)")
        #expect(text.contains("\u{1B}[") == coloured)
    }

    /// TERM=dumb (Emacs' shell buffer) shows escape sequences as text: no colour, as git's and
    /// grep's; FORCE_COLOR still asks for it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script makes the terminal"),
          arguments: [(["TERM": "dumb"], false), (["TERM": "dumb", "FORCE_COLOR": "1"], true), (["TERM": "xterm"], true)])
    func aDumbTerminalIsNotColoured(environment: [String: String], coloured: Bool) throws {
        let command = [TestSupport.binary.path, "examples/rgw-incident.yaml"].joined(separator: " ")
        let run = try TestSupport.run(["-qec", command, "/dev/null"], environment: environment, executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(run.stdout.contains("warning"), "\(run.stdout)")
        #expect(run.stdout.contains("\u{1B}[") == coloured)
    }

    /// At a terminal the text report ends with the counts and where to read on or how to silence
    /// a finding (a review: nothing in a finding said either); in a pipe it does not.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "util-linux script makes the terminal"))
    func aTerminalGetsAFooter() throws {
        let command = [TestSupport.binary.path, "--no-color", "examples/rgw-incident.yaml"].joined(separator: " ")
        let run = try TestSupport.run(["-qec", command, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        let last = run.stdout.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        #expect(last == "2 warnings. 'kubectl probelint explain PL301' shows a rule's page; to silence a finding where it is right to, annotate the object 'probelint.io/ignore: PL301 -- why' or end its line with '# probelint ignore=PL301 -- why'", "\(last)")
        let piped = try TestSupport.run(["--no-color", "examples/rgw-incident.yaml"])
        #expect(piped.status == 1 && !piped.stderr.contains("explain PL"))
        // One finding is "1 warning".
        let one = try TestSupport.run(["-qec", command.replacingOccurrences(of: "--no-color", with: "--no-color --select PL107"), "/dev/null"],
                                      executable: URL(fileURLWithPath: "/usr/bin/script"))
        // Its example is the first finding's rule (it named PL101 whatever was found).
        #expect(one.stdout.split(whereSeparator: \.isNewline).last?.hasPrefix("1 warning. 'kubectl probelint explain PL107' shows a rule's page; to silence a finding where it is right to, annotate the object 'probelint.io/ignore: PL107 -- why'") == true, "\(one.stdout)")
        // The report into a file and stderr at the terminal: the findings are the file's, and no footer counts them.
        let dir = try OutputSupport.temporaryDirectory("footer")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("report.txt").path
        let filed = try TestSupport.run(["-qec", command + " > " + file, "/dev/null"], executable: URL(fileURLWithPath: "/usr/bin/script"))
        #expect(!filed.stdout.contains("explain PL"), "\(filed.stdout)")
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("[PL107]"))
    }

    /// The completion scripts complete files for -f and the paths, directories for -k, and rule
    /// IDs and names for `explain` (a review: zsh's -f completed nothing). bash's asks the binary
    /// (`__complete`), so the default command's options complete with no `lint` typed: the
    /// script argument-parser made offered the subcommands after `-o`.
    @Test func completionScripts() throws {
        let zsh = try TestSupport.run(["--generate-completion-script", "zsh"])
        #expect(zsh.status == 0)
        #expect(zsh.stdout.contains("{-f,--filename}'[A file, a directory or '\\''-'\\'' for stdin; repeatable, or a comma-separated list.]:path:_files'"), "\(zsh.stdout.prefix(3000))")
        let bash = try TestSupport.run(["--generate-completion-script", "bash"])
        #expect(bash.status == 0 && bash.stdout.contains("__complete"))
        #expect(try TestSupport.run(["-f", "x.yaml", "--generate-completion-script=bash"]).stdout == bash.stdout)
        // Sourced in bash, it completes as `kubectl probelint` does: `explain PL30` to the four
        // PL30x rules, and the default command's `-o` and `--fail-on` values and options.
        let dir = try OutputSupport.temporaryDirectory("completion")
        defer { try? FileManager.default.removeItem(at: dir) }
        try bash.stdout.write(to: dir.appendingPathComponent("c.bash"), atomically: true, encoding: .utf8)
        func complete(_ words: [String]) throws -> String {
            let quoted = ([TestSupport.binary.path] + words).map { "'" + $0 + "'" }.joined(separator: " ")
            let script = """
                source ./c.bash
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count)
                fn=$(complete -p kubectl-probelint | sed -E 's/.*-F ([^ ]+).*/\\1/')
                "$fn"
                printf '%s\\n' "${COMPREPLY[@]}"
                complete -p kubectl-probelint
                """
            return try TestSupport.run(["-c", script], executable: URL(fileURLWithPath: "/bin/bash"), directory: dir).stdout
        }
        #expect(try complete(["explain", "PL30"]).hasPrefix("PL301\nPL302\nPL303\nPL304\n"))
        #expect(try complete(["-o", ""]).hasPrefix("text\njson\nsarif\ngithub\ngitlab\ncheckstyle\njunit\npatch\n"))
        #expect(try complete(["-f", "a.yaml", "--fail-on", ""]).hasPrefix("info\nwarning\nerror\nnever\n"))
        #expect(try complete(["--sel"]).hasPrefix("--select\n--selector\n"))
        // A word that completes to nothing offers file names: the shell's default.
        #expect(try complete(["exa"]).hasSuffix("complete -o default -F _kubectl_probelint kubectl-probelint\n"))
        // fish, which README names too.
        let fish = try TestSupport.run(["--generate-completion-script", "fish"])
        #expect(fish.status == 0 && fish.stdout.contains("complete -c 'kubectl-probelint' -n") && fish.stdout.contains("PL304"), "\(fish.stdout.prefix(500))")
    }

    @Test func rulesAndVersion() throws {
        let rules = try TestSupport.run(["rules"])
        #expect(rules.status == 0)
        for info in RuleCatalog.infos { #expect(rules.stdout.contains("\(info.id)  \(info.name)")) }
        #expect(rules.stdout.contains("PL401  unused-ignore  [warning, fix: none, off by default: --enable PL401]"))
        // A rule whose findings take two severities says which, as its page does.
        #expect(rules.stdout.contains("PL101  probe-timeout-below-tail-latency  [error (liveness, startup), warning (readiness), fix: sometimes]"), "\(rules.stdout)")
        #expect(rules.stdout.contains("PL304  rook-probe-setting-not-applied  [warning, error (an MDS startup probe in a CephFilesystem), fix: none]"))
        let version = try TestSupport.run(["version"])
        #expect(version.stdout == "probelint 0.1.0\n")
        // README: "(also --version)", the same line.
        #expect(try TestSupport.run(["--version"]).stdout == version.stdout)
        let help = try TestSupport.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("kubectl probelint -f FILE|DIR|-"))
    }

    /// A line that starts with no subcommand's name is parsed as lint alone (start-up:
    /// `ProbeLintCommand.parsedAsLintAlone`); the built-in flags anywhere on it, and its
    /// refusals, still answer as the whole command does, not as a command named `lint`.
    @Test func aLintLineAnswersBuiltInFlagsAsTheWholeCommand() throws {
        let file = ["-f", "examples/rgw-incident.yaml"]
        let version = try TestSupport.run(file + ["--version"])
        #expect(version.status == 0 && version.stdout == "probelint 0.1.0\n", "\(version)")
        let help = try TestSupport.run(file + ["-h"])
        // In the plugin's spelling (ECOSYSTEM.md): lint is the default, so no `lint` word.
        #expect(help.status == 0 && help.stdout.contains("USAGE: kubectl probelint [<options>] [<path|resource> ...]"), "\(help)")
        // Its last line too (it said 'kubectl-probelint help <subcommand>' under a usage in the plugin's spelling).
        let root = try TestSupport.run(["--help"])
        #expect(root.stdout.contains("See 'kubectl probelint help <subcommand>' for detailed help.") && !root.stdout.contains("'kubectl-probelint help"), "\(root.stdout)")
        let script = try TestSupport.run(file + ["--generate-completion-script", "bash"])
        #expect(script.status == 0 && script.stdout.contains("complete -o default -F _kubectl_probelint kubectl-probelint"), "\(script.stdout.prefix(500))")
        let refused = try TestSupport.run(file + ["--bogus"])
        #expect(refused.status == 2 && refused.stdout.isEmpty)
        #expect(refused.stderr.contains("Usage: kubectl probelint [<options>] [<path|resource> ...]\n  See 'kubectl probelint help lint' for more information."), "\(refused.stderr)")
        #expect(!refused.stderr.contains("kubectl-probelint lint"), "\(refused.stderr)")
        // Every subcommand's help is in that spelling too (`help version` said `kubectl-probelint version`).
        for command in ["rules", "explain", "version"] {
            let page = try TestSupport.run(["help", command])
            #expect(page.status == 0 && page.stdout.contains("USAGE: kubectl probelint \(command)") && !page.stdout.contains("kubectl-probelint \(command)"), "\(page.stdout)")
        }
        let linted = try TestSupport.run(file + ["-o", "json"])
        #expect(linted.status == 1 && linted.stdout.contains("\"rule\": \"PL107\""), "\(linted.stderr)")
    }

    /// `rules -o json`: the catalog as data, each rule's page one that the repository has.
    @Test func rulesAsJSON() throws {
        let run = try TestSupport.run(["rules", "-o", "json"])
        #expect(run.status == 0)
        let rules = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String } == RuleCatalog.infos.map(\.id.rawValue))
        for (rule, info) in zip(rules, RuleCatalog.infos) {
            #expect(rule["name"] as? String == info.name)
            #expect(rule["severity"] as? String == info.defaultSeverity.rawValue)
            #expect(rule["enabled"] as? Bool == info.enabledByDefault)
            #expect(rule["summary"] as? String == info.summary)
            let page = try #require(rule["page"] as? String)
            let local = page.replacingOccurrences(of: "https://github.com/probelint/probelint/blob/main/", with: "")
            #expect(FileManager.default.fileExists(atPath: TestSupport.packageRoot.appendingPathComponent(local).path), "\(page)")
        }
    }

    /// argument-parser's `help` prints the overview for a name it does not know, and exits 0;
    /// a topic that is no subcommand is a usage error (exit 2), and a rule points to `explain`.
    @Test func helpForAnUnknownTopicIsAUsageError() throws {
        let unknown = try TestSupport.run(["help", "nosuch"])
        #expect(unknown.status == 2)
        #expect(unknown.stdout.isEmpty)
        #expect(unknown.stderr == "error: no help topic 'nosuch': the subcommands are lint, rules, explain and version ('kubectl-probelint help lint')\n")
        let nested = try TestSupport.run(["help", "lint", "nosuch"])
        #expect(nested.status == 2)
        #expect(nested.stderr.hasPrefix("error: no help topic 'lint nosuch':"))
        let rule = try TestSupport.run(["help", "PL101"])
        #expect(rule.status == 2)
        #expect(rule.stderr == "error: no help topic 'PL101': it is a rule; its page is 'kubectl-probelint explain PL101'\n")
        let lint = try TestSupport.run(["help", "lint"])
        #expect(lint.status == 0)
        #expect(lint.stdout.contains("--max-file-bytes"))
        #expect(try TestSupport.run(["help"]).status == 0)
    }

    /// Every model input has its flag, and the flag's help gives the input's symbol and meaning
    /// as `InputKey` does (the help repeated them by hand, and two had drifted).
    @Test func everyInputHasItsFlagWithItsMeaning() throws {
        let help = try TestSupport.run(["help", "lint"]).stdout
        let flat = help.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        for key in InputKey.allCases {
            #expect(flat.contains("--\(key.rawValue) <"), "\(key)")
            #expect(flat.contains("\(key.symbol): \(key.meaning)"), "\(key): \(key.symbol): \(key.meaning)")
        }
    }

    /// Every short option that takes a value reads it joined, `=` and all, as kubectl's
    /// (`-lapp=rgw`, `-ffile`): none of those `help lint` lists is refused as an unknown
    /// option (`KubectlSpelling.valueShort` and `allowingJoined` keep up with the options).
    @Test func everyShortOptionReadsAJoinedValue() throws {
        let help = try TestSupport.run(["help", "lint"]).stdout
        let letters = help.split(separator: "\n").compactMap { line -> Character? in
            guard line.hasPrefix("  -"), line.count > 8, line.dropFirst(4).hasPrefix(", --"),
                  line.contains(" <") else { return nil }
            return line.dropFirst(3).first
        }
        #expect(Set(letters) == ["f", "k", "o", "n", "l", "s", "j"], "\(letters)")
        for letter in letters {
            let run = try TestSupport.run(["-\(letter)a=b"], environment: ["PATH": "/nonexistent"])
            #expect(run.status == 2)
            #expect(!run.stderr.contains("Unknown option"), "-\(letter): \(run.stderr)")
        }
    }
    /// `--flag=` is the empty value, as pflag reads it (`--ignore=$SKIP` with SKIP unset): the
    /// next argument is not taken as its value. The file after `-f`, and operands after `--`,
    /// are left as written; a boolean's empty value stays an error.
    @Test func anOptionWithAnEmptyValueDoesNotTakeTheNext() throws {
        let incident = "examples/rgw-incident.yaml"
        let ignored = try TestSupport.run(["--ignore=", incident])
        #expect(ignored.status == 1, "\(ignored.stderr)")
        #expect(ignored.stdout.contains("examples/rgw-incident.yaml:53:11: warning: livenessProbe of Deployment rook-ceph-rgw-my-store-a is generated by Rook"))
        let rate = try TestSupport.run(["--bandwidth=", incident])
        #expect(rate.status == 2)
        #expect(rate.stderr.contains("--bandwidth '' is not a rate"), "\(rate.stderr)")
        let output = try TestSupport.run(["-o=", incident])
        #expect(output.status == 2)
        #expect(output.stderr.contains("The value '' is invalid for '-o <output>'"), "\(output.stderr)")
        #expect(try TestSupport.run(["-R=", incident]).status == 2)
        // A flag that takes no value, with '=' and nothing after it, is refused, as pflag refuses
        // an empty boolean (`--fix=$X` with X unset edited files), every one `help lint` lists.
        let help = try TestSupport.run(["help", "lint"]).stdout
        let flags = help.split(separator: "\n").compactMap { line -> String? in
            // An option's own line (`  --fix  Write ...`, `  -R, --recursive  ...`), not a description's.
            let words = line.split(separator: " ")
            guard line.hasPrefix("  -"), let long = words.first(where: { $0.hasPrefix("--") }), !line.contains("<") else { return nil }
            return String(long)
        }
        #expect(flags.contains("--fix") && flags.contains("--no-color") && flags.contains("--all-namespaces"), "\(flags)")
        for flag in flags {
            let run = try TestSupport.run([flag + "=", incident])
            #expect(run.status == 2 && run.stderr.contains("\(flag) takes no value, and '\(flag)=' gives an empty one"), "\(flag)=: \(run.stderr)")
        }
        let file = try TestSupport.run(["-f", "--x="])
        #expect(file.stderr == "--x=: error: the path \"--x=\" does not exist\n", "\(file.stderr)")
        // One that exists is read (as `emptyValues` says: -f's value is never an option).
        let dir = try OutputSupport.temporaryDirectory("empty-value")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: OutputSupport.incident, to: dir.appendingPathComponent("--rgw="))
        let named = try TestSupport.run(["-f", "--rgw="], directory: dir)
        #expect(named.status == 1 && named.stdout.hasPrefix("--rgw=:53:11: warning: "), "\(named.stderr)")
        let operand = try TestSupport.run(["--ignore=", "--", "--select="])
        #expect(operand.stderr == "--select=: error: the path \"--select=\" does not exist\n", "\(operand.stderr)")
    }

    /// A file named `-dash.yaml` given alone is a group of short options to pflag, which refuses
    /// its first unknown letter; argument-parser found its `h` and printed the help, exit 0. A
    /// group of known letters (`-Rf dir`, `-ojson`) stays what it was, and so does the file
    /// after `-f` or `--`.
    @Test func aGroupOfShortOptionsWithAnUnknownLetterIsRefused() throws {
        let dash = try TestSupport.run(["-dash.yaml"])
        #expect(dash.status == 2 && dash.stdout.isEmpty, "\(dash.stdout)")
        #expect(dash.stderr.contains("unknown shorthand flag: 'd' in -dash.yaml"), "\(dash.stderr)")
        #expect(try TestSupport.run(["-Rf", "examples", "--fail-on", "never"]).status == 0)
        #expect(try TestSupport.run(["-f", "-dash.yaml"]).stderr.contains("the path \"-dash.yaml\" does not exist"))
        // A group that ends with a letter that takes a value gives it the next argument, as pflag does.
        #expect(try TestSupport.run(["-Rf", "-dash.yaml"]).stderr.contains("the path \"-dash.yaml\" does not exist"))
        // -A: live mode, with no kubectl on PATH (never the developer's cluster): `examples` is the
        // resource asked for, in every namespace.
        let noKubectl = ["PATH": FileManager.default.temporaryDirectory.appendingPathComponent("probelint-no-kubectl-\(UUID().uuidString)").path]
        let live = try TestSupport.run(["-ojson", "-RA", "--fail-on", "never", "examples"], environment: noKubectl)
        #expect(live.status == 2 && live.stderr.hasPrefix("kubectl get examples -o json --all-namespaces: error: kubectl is not on PATH"), "\(live.stderr)")
        let help = try TestSupport.run(["-h"])
        #expect(help.status == 0 && help.stdout.contains("USAGE"), "\(help.stdout)")
        // Each short option `help lint` lists, in a group after -R, is read as itself, not refused.
        let listed = try TestSupport.run(["help", "lint"]).stdout.split(separator: "\n").compactMap { line -> Character? in
            let trimmed = line.drop { $0 == " " }
            guard trimmed.count > 2, trimmed.hasPrefix("-"), !trimmed.hasPrefix("--"),
                  trimmed.dropFirst(2).first.map({ $0 == "," || $0 == " " }) == true else { return nil }
            return trimmed.dropFirst().first
        }
        #expect(listed.count >= 8, "\(listed)")
        for letter in listed {
            let run = try TestSupport.run(["-R\(letter)", "x"], environment: noKubectl)
            #expect(!run.stderr.contains("unknown shorthand flag"), "-R\(letter): \(run.stderr)")
        }
    }
}
