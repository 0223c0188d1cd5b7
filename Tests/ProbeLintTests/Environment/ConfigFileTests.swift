import Foundation
import Testing
@testable import ProbeLint

@Suite struct ConfigFileTests {
    func parse(_ text: String) throws(LintError) -> ConfigFile {
        try ConfigFile.parse(Array(text.utf8), file: ".probelint.yaml")
    }

    func error(_ text: String) -> String? {
        do { _ = try parse(text); return nil } catch { return error.description }
    }

    @Test func everyKind() throws {
        let config = try parse("""
            rook-version: v1.11.3
            bandwidth: 10MB/s
            components:
              mds: {journal-size: 382MB, bandwidth: 1Gbps}
            margin: 3
            detection-budget: 2m
            rules: {PL104: off, PL303: error, mds-memory-below-cache: off}
            """)
        var options = LintOptions()
        config.apply(to: &options)
        #expect(options.environment.rook.version.version == RookVersion(1, 11, 3))
        #expect(options.environment.rook.version.origin == "from .probelint.yaml:1:15")
        #expect(options.environment.options.margin == 3)
        #expect(options.environment.options.detectionBudget == Seconds(120))
        #expect(options.disabledRules == ["PL104", "PL302"])
        #expect(options.severities == ["PL303": .error])
        // A severity turns on a rule that is off by default; `off` does not turn off a rule that
        // `--select` or `--enable` names (`namedRules`): the command line's choice wins, as ruff's
        // `--select` over its config's `ignore`. (`--ignore` wins over both, in the flags.)
        #expect(options.enabledRules == ["PL303"])
        var flagged = LintOptions()
        flagged.enabledRules = ["PL104"]
        flagged.namedRules = ["PL104"]
        config.apply(to: &flagged)
        #expect(flagged.disabledRules == ["PL302"])
        // The component layer wins over the global one, for its component only.
        let mds = options.environment.inputs(for: ComponentDetection(component: .mds, evidence: ""), handler: nil, annotations: [:])
        #expect(mds.bandwidth.value == BytesPerSecond(125e6))
        #expect(mds.bandwidth.origin == .config(".probelint.yaml:4:41"))
        #expect(mds.journalSize?.value == Bytes(382e6))
        let rgw = options.environment.inputs(for: ComponentDetection(component: .rgw, evidence: ""), handler: nil, annotations: [:])
        #expect(rgw.bandwidth.value == BytesPerSecond(10e6))
    }

    /// flags > annotations > config > defaults.
    @Test func priority() throws {
        var options = LintOptions()
        options.environment.flags = .flags([.bandwidth: .rate(BytesPerSecond(1e6))])
        try parse("bandwidth: 10MB/s\nqueue: 5MB\nlatency-p99: 1s").apply(to: &options)
        let annotations = ["probelint.io/queue": Located("7MB", SourceRange(point: .start))]
        let inputs = options.environment.inputs(for: ComponentDetection(component: .rgw, evidence: ""), handler: nil,
                                                annotations: annotations)
        #expect(inputs.bandwidth.origin == .flag("bandwidth"))
        #expect(inputs.queue.value == Bytes(7e6) && inputs.queue.origin == .annotation("probelint.io/queue"))
        #expect(inputs.latencyP99.value == Seconds(1) && inputs.latencyP99.origin == .config(".probelint.yaml:3:14"))
        #expect(inputs.startupTime?.origin == .builtIn(.rgw))
        #expect(inputs.drainTime == nil)  // RGW drains only with rgw_graceful_stop (Environment.rgwDrain)
    }

    /// examples/.probelint.yaml documents every key: uncommented, it parses and sets them all.
    @Test func theExampleDocumentsEveryKey() throws {
        let url = TestSupport.packageRoot.appendingPathComponent("examples/.probelint.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let regex = try NSRegularExpression(pattern: "^( *)# ( *)((?:[a-z][a-z0-9-]*|PL[0-9]{3}):(?: .*)?)$", options: .anchorsMatchLines)
        let uncommented = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "$1$2$3")
        let config = try parse(uncommented)
        let global = try #require(config.layers.last)
        #expect(global.component == nil)
        #expect(Set(global.values.keys) == Set(InputKey.allCases))
        #expect(Set(config.layers.compactMap(\.component)) == [.mds, .rgw])
        #expect(config.rookVersion?.version == RookVersion(1, 20))
        #expect(config.margin == 2 && config.restartBudget == 0.1 && config.detectionBudget == Seconds(300))
        #expect(config.rules == ["PL104": .off, "PL204": .severity(.warning), "PL401": .severity(.warning)])
        // As shipped (commented out), only the MDS journal figures are set.
        let shipped = try parse(text)
        #expect(shipped.layers.map(\.values.count) == [2, 0])
    }

    /// A `<<` merge after a written key does not set it again: the YAML spec's rule, which
    /// PyYAML and yaml.v3 follow (no kubectl reads this file). The rgw's own link was replaced
    /// by the mds's without a word.
    @Test func aWrittenKeyWinsOverAMerge() throws {
        let config = try parse("components:\n  mds: &slow {bandwidth: 1MB/s, queue: 1MB}\n  rgw:\n    bandwidth: 100MB/s\n    <<: *slow\n")
        let rgw = try #require(config.layers.first { $0.component == .rgw })
        #expect(rgw.values[.bandwidth] == .rate(BytesPerSecond(100e6)))
        #expect(rgw.values[.queue] == .bytes(Bytes(1e6)))
        // Two `<<` keys in one mapping: readers differ on which wins; it is an error at the second.
        #expect(error("components:\n  mds: &a {bandwidth: 1MB/s}\n  osd: &b {bandwidth: 2MB/s}\n  rgw:\n    <<: *a\n    <<: *b\n")?
            .hasPrefix(".probelint.yaml:6:5: error: components.rgw has a second '<<' merge key") == true)
    }

    /// Journal inputs under a component other than mds are read by nothing: a warning says so.
    @Test func journalInputsOutsideTheMDSAreAWarning() throws {
        let config = try parse("components:\n  rgw:\n    journal-size: 1GB\n  mds:\n    journal-size: 1GB\n")
        #expect(config.warnings.map(\.description) == [".probelint.yaml:3:5: error: components.rgw.journal-size is read by nothing: the journal inputs give the MDS's start-up and drain times (components.mds)"])
    }

    @Test func errorsHavePositions() throws {
        #expect(error("bandwidth: 12.5") == ".probelint.yaml:1:12: error: bandwidth '12.5' has no unit: write a rate such as 10MB/s, 10MiB/s, 100Mbit/s or 1Gbps")
        #expect(error("bandwidth: 10MB") == ".probelint.yaml:1:12: error: bandwidth '10MB' is not a rate above 0 such as 10MB/s, 10MiB/s, 100Mbit/s or 1Gbps")
        #expect(error("components:\n  mds:\n    journal-size: lots") == ".probelint.yaml:3:19: error: journal-size 'lots' is not a size such as 700MB, 5Gi or 4GiB")
        // A size needs its unit, as a rate does: 700 for the largest transfer was 700 B. 0 is 0 in any unit.
        #expect(error("largest-transfer: 700") == ".probelint.yaml:1:19: error: largest-transfer '700' has no unit: write a size such as 700MB, 700Mi or 700B (bytes)")
        #expect(error("queue: 1.5") == ".probelint.yaml:1:8: error: queue '1.5' has no unit: write a size such as 1.5MB, 1.5Mi or 1.5B (bytes)")
        // Bounds that keep the model's times finite: a 300-digit size over 1e-300 B/s was `inf s`.
        let digits = String(repeating: "9", count: 300)
        #expect(error("largest-transfer: \(digits)MB") == ".probelint.yaml:1:19: error: largest-transfer '\(digits)MB' is 8 EiB (2^63 B) or more: a size must be below it, as an int64 counts")
        // int64's most is 2^63 as a Double, and so refused: the words had said it was more than itself.
        #expect(error("queue: 9223372036854775807B") == ".probelint.yaml:1:8: error: queue '9223372036854775807B' is 8 EiB (2^63 B) or more: a size must be below it, as an int64 counts")
        #expect(error("queue: 9223372036854774784B") == nil)
        #expect(error("detection-budget: 99999999999999999999s") == ".probelint.yaml:1:19: error: detection-budget '99999999999999999999s' is more than 2147483647 s (68 years), the most a probe field counts")
        #expect(error("bandwidth: 0.1bit/s") == ".probelint.yaml:1:12: error: bandwidth '0.1bit/s' is less than 1 bit/s")
        #expect(error("startup-time: 9999999999h") == ".probelint.yaml:1:15: error: startup-time '9999999999h' is more than 2147483647 s (68 years), the most a probe field counts")
        #expect(error("bandwidth: 1bit/s") == nil && error("largest-transfer: 9000000TB") == nil && error("drain-time: 2147483647") == nil)
        #expect(error("queue: 0") == nil && error("queue: 700B") == nil && error("queue: 0MB") == nil)
        // A margin past 100, and a quoted number: each says why (the second said "must be a positive number").
        #expect(error("margin: 1e308") == ".probelint.yaml:1:9: error: margin must be at most 100: a timeout 1e308 times the loaded p99 latency is a probe that never fails, not a safety margin")
        #expect(error("margin: \"2\"") == ".probelint.yaml:1:9: error: margin must be a number, not a string: write 2 without quotes")
        #expect(error("restart-budget: \"0.1\"") == ".probelint.yaml:1:17: error: restart-budget must be a number, not a string: write 0.1 without quotes")
        #expect(error("margin: 100") == nil)
        // Only a quoted positive number is told to lose its quotes (0x1p3 has none; "-1" would be refused next).
        #expect(error("margin: 0x1p3") == ".probelint.yaml:1:9: error: margin must be a positive number")
        #expect(error("margin: \"-1\"") == ".probelint.yaml:1:9: error: margin must be a positive number")
        // Go's durations, as kubectl's --request-timeout takes them (they were refused).
        #expect(error("startup-time: 1m30s") == nil && error("drain-time: 1h30m") == nil && error("latency-p50: 500us") == nil)
        #expect(try parse("startup-time: 1m30s").layers.last?.values[.startupTime] == .seconds(Seconds(90)))
        #expect(error("startup-time: 1m30") != nil && error("startup-time: 1x") != nil)
        // With Go's sign and its zero (`0m0s`, as Go prints a zero duration); no negative one.
        #expect(try parse("startup-time: +1m30s").layers.last?.values[.startupTime] == .seconds(Seconds(90)))
        #expect(try parse("drain-time: 0m0s").layers.last?.values[.drainTime] == .seconds(Seconds(0)))
        #expect(error("drain-time: -1m30s") != nil)
        // Settings one level off say where they go.
        #expect(error("rgw: {bandwidth: 1MB/s}") == ".probelint.yaml:1:1: error: unknown key 'rgw' in .probelint.yaml: a component's inputs go under components (components: {rgw: {...}})")
        #expect(error("PL104: off") == ".probelint.yaml:1:1: error: unknown key 'PL104' in .probelint.yaml: a rule's setting goes under rules (rules: {PL104: ...})")
        #expect(error("components: {rgw: {margin: 3}}")?.contains("unknown input 'margin' under components.rgw: margin is set for the whole file, at its top level; ") == true)
        // Blanks around a bare number are no unit: " 700" was read as 700 B.
        #expect(error("largest-transfer: \" 700\"") == ".probelint.yaml:1:19: error: largest-transfer ' 700' has no unit: write a size such as 700MB, 700Mi or 700B (bytes)")
        #expect(error("bandwidth: \"10MB/s \"") == nil)
        // A loaded p99 of 0 switched PL101 and PL102 off; the idle latencies refused it already.
        #expect(error("loaded-latency-p99: 0") == ".probelint.yaml:1:21: error: loaded-latency-p99 '0' is not a duration above 0 such as 500ms, 1.5s or 2m")
        #expect(error("bandwith: 10MB/s")?.hasPrefix(".probelint.yaml:1:1: error: unknown key 'bandwith' in .probelint.yaml: did you mean 'bandwidth'? use an input") == true)
        #expect(error("colour: red")?.contains("did you mean") == false)
        #expect(error("components:\n  rgw:\n    bandwith: 1MB/s")?.contains("unknown input 'bandwith' under components.rgw: did you mean 'bandwidth'? use one of") == true)
        #expect(error("components:\n  osdd:\n    queue: 1MB")?.contains("unknown component 'osdd': did you mean 'osd'? use one of") == true)
        #expect(error("rules: {PL999: sometimes}") == ".probelint.yaml:1:16: error: rules.PL999 must be off, info, warning or error")
        #expect(error("rules: {nosuchrule: off}") == ".probelint.yaml:1:9: error: unknown rule 'nosuchrule': use an ID such as PL101 or a rule name")
        #expect(error("rules: {PL1O4: off}") == ".probelint.yaml:1:9: error: unknown rule 'PL1O4' (did you mean PL104, detection-time-too-long?): use an ID such as PL101 or a rule name")
        #expect(error("rook-version: latest") == ".probelint.yaml:1:15: error: rook-version 'latest' is not a Rook version such as v1.20, v1.11.3 or v1.9.x")
        // Nothing before v1.1 is modelled: its probes are not known.
        #expect(error("rook-version: v1.0.5") == ".probelint.yaml:1:15: error: rook-version 'v1.0.5' is older than v1.1, the oldest Rook release probelint models (v1.1 to v1.20)")
        #expect(error("rook-version: v1.1") == nil)
        #expect(error("components: {cephfs: {}}")?.hasPrefix(".probelint.yaml:1:14: error: unknown component 'cephfs'") == true)
        #expect(error("margin: -1") == ".probelint.yaml:1:9: error: margin must be a positive number")
        // A margin of 1 or less suggests a timeout PL101 still fires on (T = L99load).
        #expect(error("margin: 1") == ".probelint.yaml:1:9: error: margin must be above 1: a suggested timeout of ceil(margin * L99load) must be above L99load, or PL101 still fires")
        #expect(error("margin: 0.5")?.hasSuffix("or PL101 still fires") == true)
        #expect(error("restart-budget: 1e30") == nil)  // a whole number past Int64 is a number too
        // One rule by two spellings is a duplicate key: which setting won was the order of the keys.
        #expect(error("rules:\n  PL101: off\n  pl101: error\n") == ".probelint.yaml:3:3: error: rules.pl101 sets PL101 again (rules.PL101 at 2:3 sets it): keep one")
        #expect(error("rules: {PL101: off, probe-timeout-below-tail-latency: error}")?.hasPrefix(".probelint.yaml:1:21: error: rules.probe-timeout-below-tail-latency sets PL101 again") == true)
        #expect(error("rules: {PL101: off, PL102: error}") == nil)
        #expect(error("a: [") != nil)
        #expect(error("") == nil)
    }

    /// PL103 models the idle latency from the median and the 99th percentile: a latency of 0, or a
    /// median above the 99th percentile that the file writes and no flag overrides, is an error
    /// at the file's median (PL103 said nothing). Against a built-in value, which depends on the
    /// component and the probe, it is PL103's finding on a probe that meets it, and no error: a
    /// p99 of 200 ms for web servers is no error for the RGW's exec probes the run does not have.
    @Test func latenciesThatLeavePL103NothingToModel() throws {
        #expect(error("latency-p50: 0") == ".probelint.yaml:1:14: error: latency-p50 '0' is not a duration above 0 such as 500ms, 1.5s or 2m")
        #expect(error("components: {rgw: {latency-p99: 0s}}") == ".probelint.yaml:1:33: error: latency-p99 '0s' is not a duration above 0 such as 500ms, 1.5s or 2m")
        // The detection budget too: a 0 is no duration its value is wrong for, but one that must be above 0.
        #expect(error("detection-budget: 0") == ".probelint.yaml:1:19: error: detection-budget '0' is not a duration above 0 such as 30s, 2m or 1h")
        #expect(error("detection-budget: -5s") == ".probelint.yaml:1:19: error: detection-budget '-5s' is not a duration above 0 such as 30s, 2m or 1h")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-latency-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestSupport.deployment(probe: "httpGet: {path: /, port: 80}").write(to: dir.appendingPathComponent("app.yaml"), atomically: true, encoding: .utf8)
        func run(_ config: String, _ flags: [String] = []) throws -> TestSupport.Run {
            try config.write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
            return try TestSupport.run(flags + ["-o", "json", "app.yaml"], directory: dir)
        }
        let both = try run("latency-p50: 2s\nlatency-p99: 900ms\n")
        #expect(both.status == 2)
        #expect(both.stderr == ".probelint.yaml:1:14: error: latency-p50 2 s is above latency-p99 900 ms: a median cannot exceed the 99th percentile (PL103 models the idle latency from the two)\n")
        // A component's own median against the global 99th percentile.
        #expect(try run("latency-p99: 900ms\ncomponents:\n  generic: {latency-p50: 2s}\n").stderr.hasPrefix(".probelint.yaml:3:26: error: components.generic.latency-p50 2 s is above latency-p99 900 ms"))
        // A flag above the file decides: no error, and the flag's value is the one used.
        let flagged = try run("latency-p50: 2s\nlatency-p99: 900ms\n", ["--latency-p99", "5s"])
        #expect(flagged.status != 2 && flagged.stderr.isEmpty, "\(flagged.stderr)")
        let inputs = try OutputSupport.parse(flagged.stdout).array("findings").flatMap { $0.array("inputs") }
        #expect(inputs.contains { $0.string("name") == "latency-p99" && $0.string("origin") == "flag" }, "\(flagged.stdout.prefix(1500))")
        #expect(!inputs.contains { $0.string("name") == "latency-p99" && $0.string("origin") != "flag" })
        // Against the built-in values: no error, and PL103 says so on the probe that meets them.
        let p99Only = try run("latency-p99: 200ms\n")
        #expect(p99Only.status != 2 && p99Only.stderr.isEmpty, "\(p99Only.stderr)")
        let builtIn = try run("latency-p50: 200ms\n")
        #expect(builtIn.status == 1 && builtIn.stderr.isEmpty, "\(builtIn.stderr)")
        let finding = try #require(OutputSupport.parse(builtIn.stdout).array("findings").first { $0.string("rule") == "PL103" })
        #expect(finding.string("message") == "livenessProbe: the idle latency's median L50 = 200 ms is above its 99th percentile L99 = 100 ms, so the false-restart rate cannot be modelled: give latency-p50 and latency-p99 together")
    }

    /// A second document would be ignored: it is an error where it starts. Empty ones say nothing.
    @Test func aSecondDocumentIsAnError() throws {
        #expect(error("bandwidth: 10MB/s\n---\nbandwidth: 10MB\n")
            == ".probelint.yaml:3:1: error: a config file holds one document, and this is a second one: merge it into the first (a '---' line starts a new document)")
        #expect(try parse("---\n---\nmargin: 3\n").margin == 3)
        #expect(try parse("# a comment\n---\nmargin: 3\n---\n# end\n").margin == 3)
        #expect(try parse("margin: 3\n---\n~\n").margin == 3)
    }

    /// The reader's refusals name kubectl, which reads manifests: in a config file they say that
    /// probelint refuses it there.
    @Test func aReadersRefusalSaysItIsTheConfigsToo() {
        #expect(error("~: 1\nmargin: 3\n")?.hasPrefix(
            ".probelint.yaml:1:1: error: composer: a null key, which kubectl refuses in a manifest and probelint in its config file (\"unsupported map key\")") == true)
        // A hint for manifests (`helm template ... | kubectl probelint -f -`) is none for a config file.
        let template = error("margin: {{ .Values.m }}\n") ?? ""
        #expect(template.contains("a mapping as a key") && !template.contains("kubectl probelint"), "\(template)")
    }

    /// A well-formed ID that is no rule of this version (a later version's, or a typo) is kept
    /// and named in a warning with its position; a known one is not.
    @Test func aRuleIDOfNoRuleIsAWarning() throws {
        let config = try parse("rules:\n  PL101: warning\n  pl999: off\n")
        #expect(config.rules[RuleID(rawValue: "PL999")] == .off)
        #expect(config.warnings.map { "\($0.position?.line ?? 0):\($0.position?.column ?? 0) \($0.message)" }
                == ["3:3 rules.pl999: PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them); the setting does nothing"])
        #expect(try parse("rules: {PL101: off}").warnings.isEmpty)
    }

    /// A rook-version without its patch is the line's first release: a warning when Rook's probes
    /// changed later in that line, none when it names the patch or the line has no such change.
    @Test func aRookLineWithoutItsPatchIsAWarning() throws {
        let config = try parse("margin: 2\nrook-version: v1.8\n")
        #expect(config.rookVersion?.version == RookVersion(1, 8, 0))
        #expect(config.warnings.map { "\($0.position?.line ?? 0):\($0.position?.column ?? 0) \($0.message)" }
                == ["2:15 rook-version v1.8 is read as v1.8.0, the first release of its line: what Rook generates changed in v1.8.2 and v1.8.10; give the patch release you run (rook-version v1.8.10, say)"])
        #expect(try parse("rook-version: v1.8.0").warnings.isEmpty)
        #expect(try parse("rook-version: v1.20").warnings.isEmpty)
    }

    /// A key whose value is null sets nothing, as a manifest's field does, and a section with
    /// nothing under it has no settings (examples/.probelint.yaml's lines commented out, its
    /// "uncomment to set" way): both were errors, and no file the config covers was linted.
    @Test func aNullSetsNothing() throws {
        let config = try parse("bandwidth:\nrook-version: ~\nrules:\n  PL101:\ncomponents:\n  mds:\n    # journal-size: 382MB\n  rgw:\n    queue: 1MB\n")
        #expect(config.rookVersion == nil && config.rules.isEmpty)
        #expect(config.layers.map { $0.values.count } == [0, 1, 0])
        #expect(config.layers.map { $0.component?.rawValue ?? "" } == ["mds", "rgw", ""])
        // A quoted "null" is a string, refused as one.
        #expect(throws: LintError.self) { try parse("bandwidth: \"null\"\n") }
        #expect(throws: LintError.self) { try parse("components:\n  mds: []\n") }
        // A key with no value is still checked: a misspelt one is the error it is with a value.
        #expect(error("bandwidht:") == error("bandwidht: 1MB/s"))
        #expect(error("bandwidht:")?.hasPrefix(".probelint.yaml:1:1: error: unknown key 'bandwidht' in .probelint.yaml: did you mean 'bandwidth'?") == true)
        #expect(error("components:\n  rgww:\n")?.contains("unknown component 'rgww': did you mean 'rgw'?") == true)
        #expect(error("components:\n  rgw:\n    bandwith:\n")?.contains("unknown input 'bandwith' under components.rgw") == true)
        #expect(error("rules:\n  PL1O4:\n")?.contains("unknown rule 'PL1O4' (did you mean PL104") == true)
        #expect(error("rules:\n  PL104:\nrook-version:\nmargin: ~\n") == nil)
    }

    /// A rook-version after the newest line modelled is modelled as the newest, and a warning at
    /// it says so, as for --rook-version and the operator's image (it was modelled without a word).
    @Test func aRookNewerThanModelledIsAWarning() throws {
        let config = try parse("rook-version: v1.21\n")
        #expect(config.warnings.map { "\($0.position?.line ?? 0):\($0.position?.column ?? 0) \($0.message)" }
                == ["1:15 rook-version v1.21 is newer than \(RookVersion.newest), the newest release modelled: Rook's generated probes are modelled as \(RookVersion.newest)'s, which a later release may have changed"])
        #expect(try parse("rook-version: \(RookVersion.newest)").warnings.isEmpty)
    }
}

/// The CLI: discovery from the file's folder upward, --config, exit 2 on a bad file.
@Suite struct ConfigCLITests {
    /// A discovered config's warning is printed once, whatever the number of files below it.
    @Test func aConfigWarningIsPrintedOnce() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("rules:\n  PL999: off\n".utf8).write(to: dir.appendingPathComponent(".probelint.yaml"))
        for name in ["a.yaml", "b.yaml"] { try Data(FixSafetyTests.fixable.utf8).write(to: dir.appendingPathComponent(name)) }
        let run = try TestSupport.run(["a.yaml", "b.yaml"], directory: dir)
        #expect(run.status == 0 || run.status == 1)
        #expect(run.stderr == ".probelint.yaml:2:3: warning: rules.PL999: PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them); the setting does nothing\n")
    }

    @Test func mdsIncidentUsesExamplesConfig() throws {
        let run = try TestSupport.run(["examples/mds-incident.yaml", "examples/rook-config-override.yaml"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").filter { $0.hasPrefix("examples/") }.map { String($0) }
        // Rook v1.20's MDS probe asks the fsmap, which holds a replaying MDS: no PL105 (examples/README.md).
        #expect(lines.map { String($0.split(separator: "[").last ?? "") } == ["PL106]", "PL303]", "PL302]"])
        #expect(run.stdout.contains("J = 382 MB MDS journal size (replayed at start, flushed at stop) (from examples/.probelint.yaml:"))
        #expect(run.stdout.contains("Tdrain = journal flush = J / Bj = 382 MB / 2 MB/s = 191 s"))
        let v112 = try TestSupport.run(["--rook-version", "v1.12", "examples/mds-incident.yaml", "examples/rook-config-override.yaml"])
        #expect(v112.stdout.contains("earliest kill = D0 + (F - 1) * P + T = 10 + (6 - 1) * 10 + 5 = 65 s < Tstart = 191 s"), "\(v112.stdout)")
        #expect(run.stdout.contains("examples/mds-incident.yaml:32:17: error: mds memory limit 8 GiB is below the 10 GiB"))
    }

    /// `.probelint.yml` is read where there is no `.probelint.yaml`; where both are, the
    /// `.yaml` is, and the other is named as not read.
    @Test func theYmlSpellingIsReadToo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-yml-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestSupport.deployment(probe: "tcpSocket: {port: 80}").write(to: dir.appendingPathComponent("sub/app.yaml"), atomically: true, encoding: .utf8)
        try "bandwidth: fast\n".write(to: dir.appendingPathComponent(".probelint.yml"), atomically: true, encoding: .utf8)
        let yml = try TestSupport.run(["--no-color", "sub/app.yaml"], directory: dir)
        #expect(yml.status == 2)
        #expect(yml.stderr.hasPrefix(".probelint.yml:1:12: error: bandwidth 'fast' is not a rate"), "\(yml.stderr)")
        try "margin: 3\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let both = try TestSupport.run(["--no-color", "sub/app.yaml"], directory: dir)
        #expect(both.status == 0)
        #expect(both.stderr == ".probelint.yml: warning: not read: .probelint.yaml is beside it, and probelint reads one\n")
        // In a folder given with -f, the config files are not linted as manifests.
        let listed = try TestSupport.run(["-o", "json", "-f", ".", "-R"], directory: dir)
        #expect(try OutputSupport.parse(listed.stdout).object("summary")?.int("files") == 1, "\(listed.stdout)")
        // The warning is in the report, as a config file's own warnings are.
        #expect(try OutputSupport.parse(listed.stdout).array("inputWarnings").map { "\($0.string("file") ?? "") \($0.string("message") ?? "")" }
                == [".probelint.yml not read: .probelint.yaml is beside it, and probelint reads one"], "\(listed.stdout)")
    }

    @Test func badConfigIsExitTwo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-config-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "components:\n  rgw:\n    bandwidth: fast\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        try TestSupport.deployment(probe: "tcpSocket: {port: 80}").write(to: dir.appendingPathComponent("sub/app.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["sub/app.yaml"], directory: dir)
        #expect(run.status == 2)
        // Named as reached from the file's folder, not by its absolute path.
        #expect(run.stderr.hasPrefix(".probelint.yaml:3:16: error: bandwidth 'fast' is not a rate"), "\(run.stderr)")
        // Once, whatever the number of files below it; each file's own input error is its own.
        try TestSupport.deployment(probe: "tcpSocket: {port: 80}").write(to: dir.appendingPathComponent("sub/two.yaml"), atomically: true, encoding: .utf8)
        let twice = try TestSupport.run(["sub/app.yaml", "sub/two.yaml"], directory: dir)
        #expect(twice.stderr.components(separatedBy: "bandwidth 'fast' is not a rate").count == 2, "\(twice.stderr)")
        let errorsDir = dir.appendingPathComponent("errors")
        try FileManager.default.createDirectory(at: errorsDir, withIntermediateDirectories: true)
        for i in 0..<3 { try "key: [unclosed\n".write(to: errorsDir.appendingPathComponent("e\(i).yaml"), atomically: true, encoding: .utf8) }
        try "margin: 3\n".write(to: errorsDir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let three = try TestSupport.run(["-f", "errors"], directory: dir)
        #expect(three.status == 2 && three.stderr.components(separatedBy: ": error: ").count == 4, "\(three.stderr)")
        // --config replaces discovery.
        try "rules: {PL106: off}\n".write(to: dir.appendingPathComponent("good.yaml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["--config", "good.yaml", "sub/app.yaml"], directory: dir).status == 0)
        #expect(try TestSupport.run(["--rook-version", "one", "sub/app.yaml"], directory: dir).status == 2)
        // A broken --config stops the run, as a broken discovered one stops its files: no
        // findings made without the environment the user named, and the error in the format.
        try "rules: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let broken = try TestSupport.run(["--config", "broken.yaml", "sub/app.yaml"], directory: dir)
        #expect(broken.status == 2)
        #expect(broken.stdout.isEmpty)
        #expect(broken.stderr.hasPrefix("broken.yaml:2:1: error: parser: did not find expected node content"))
        let json = try TestSupport.run(["--config", "missing.yaml", "sub/app.yaml", "-o", "json"], directory: dir)
        #expect(json.status == 2)
        let doc = try OutputSupport.parse(json.stdout)
        #expect(doc.array("findings").isEmpty)
        #expect(doc.array("inputErrors").map { $0.string("file") } == ["missing.yaml"])
        // The error says which flag named the file.
        #expect(doc.array("inputErrors").map { $0.string("message") } == ["--config file: cannot read: No such file or directory"])
        // A discovered one that cannot be read (a link to a file that is missing, a folder) is the
        // user's config too: an error, not a reason to take the parent's.
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("sub/.probelint.yaml").path, withDestinationPath: "../../missing/probelint.yaml")
        let dangling = try TestSupport.run(["sub/app.yaml"], directory: dir)
        #expect(dangling.status == 2 && dangling.stdout.isEmpty)
        #expect(dangling.stderr == "sub/.probelint.yaml: error: cannot read: No such file or directory\n", "\(dangling.stderr)")
        try FileManager.default.removeItem(at: dir.appendingPathComponent("sub/.probelint.yaml"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("sub/.probelint.yaml"), withIntermediateDirectories: true)
        #expect(try TestSupport.run(["sub/app.yaml"], directory: dir).stderr == "sub/.probelint.yaml: error: is a directory\n")
    }

    /// A config above the working directory is named by a relative path from it (`../`), as the
    /// files are; a folder reached by a relative and an absolute name is read once.
    @Test func aConfigInAParentFolderIsNamedRelatively() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for sub in ["sub", "other"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try "components:\n  rgw:\n    bandwidth: 10MB/s\n    largest-transfer: 700MB\n"
            .write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let manifest = TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml")
        try FileManager.default.copyItem(at: manifest, to: dir.appendingPathComponent("sub/app.yaml"))
        let sibling = try TestSupport.run(["../sub/app.yaml"], directory: dir.appendingPathComponent("other"))
        #expect(sibling.status == 1)
        #expect(sibling.stdout.contains("input: B = 10 MB/s bandwidth of the bottleneck link (from ../.probelint.yaml:3:16)"), "\(sibling.stdout)")
        let below = try TestSupport.run(["app.yaml"], directory: dir.appendingPathComponent("sub"))
        #expect(below.stdout.contains("(from ../.probelint.yaml:3:16)"))
        try "rules:\n  PL999: off\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let twice = try TestSupport.run(["app.yaml", dir.path + "/sub/app.yaml"], directory: dir.appendingPathComponent("sub"))
        #expect(twice.stderr.components(separatedBy: "warning: rules.PL999").count == 2, "\(twice.stderr)")
        #expect(twice.stderr.hasPrefix("../.probelint.yaml:2:3: warning: rules.PL999"))
    }

    @Test func journalFlags() throws {
        let r = try TestSupport.run(["--journal-size", "382MB", "--journal-bandwidth", "2MB/s", "--config", "/dev/null",
                                     "examples/mds-incident.yaml"])
        #expect(r.stdout.contains("J = 382 MB MDS journal size (replayed at start, flushed at stop) (from --journal-size)"))
        #expect(r.stdout.contains("[PL106]"))
        #expect(try TestSupport.run(["--journal-bandwidth", "2MB", "examples/mds-incident.yaml"]).status == 2)
    }

    @Test func rookVersionFlagBeatsTheOperatorImage() throws {
        let run = try TestSupport.run(["--rook-version", "v1.1", "--bandwidth", "10MB/s", "--largest-transfer", "700MB",
                                       TestSupport.corpus.path + "/rook-v1.1.0/object.yaml",
                                       TestSupport.corpus.path + "/rook-v1.20.6/operator.yaml"])
        #expect(run.stdout.contains("generated by Rook v1.1 (from --rook-version)"))
        #expect(run.stdout.contains("[PL102]"))
        let byImage = try TestSupport.run(["--bandwidth", "10MB/s", TestSupport.corpus.path + "/rook-v1.1.0/object.yaml",
                                           TestSupport.corpus.path + "/rook-v1.1.0/operator.yaml"])
        #expect(byImage.stdout.contains("generated by Rook v1.1.0 (from the image rook/ceph:v1.1.0 of Deployment rook-ceph-operator"))
    }
}
