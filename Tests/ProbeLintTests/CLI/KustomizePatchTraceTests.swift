import Foundation
import Testing
@testable import ProbeLint

/// `-k DIR` with the patches kustomize users write: a finding goes to the patch that set its
/// field (a file with a `target:` and a placeholder name, an inline or JSON 6902 patch that a
/// later kustomization applies over an earlier file, `$patch: replace`), never to another
/// object's patch; the fixes' edits are bytes of the file the finding is shown in; and a
/// `# probelint ignore=` comment there silences it, as with `-f`.
@Suite struct KustomizePatchTraceTests {
    typealias Kustomization = KustomizeTests.Kustomization
    static let flags = KustomizeTraceTests.flags

    /// Each finding as `file:line:column RULE`.
    static func places(_ run: TestSupport.Run) throws -> [String] {
        try OutputSupport.parse(run.stdout).array("findings").map { f in
            let start = f.object("range")?.object("start")
            return "\(f.string("file") ?? "-"):\(start?.int("line") ?? 0):\(start?.int("column") ?? 0) \(f.string("rule") ?? "")"
        }
    }

    /// The bytes each JSON fix edit replaces, in the file its finding names.
    static func editedBytes(_ run: TestSupport.Run, in k: Kustomization) throws -> [String] {
        try OutputSupport.parse(run.stdout).array("findings").flatMap { f -> [String] in
            let bytes = try Data(contentsOf: k.dir.appendingPathComponent(try #require(f.string("file"))))
            return f.array("fix").compactMap { $0.object("edit") }.map { edit in
                let start = edit.int("offset") ?? 0, end = start + (edit.int("length") ?? 0)
                return end <= bytes.count ? String(decoding: bytes[start..<end], as: UTF8.self) : "past the end"
            }
        }
    }

    /// A patch applied by `target:` whatever its own name says, in an overlay whose
    /// kustomization starts with comments: the finding and its edit are in the patch file, and
    /// the edit replaces the timeout's `1` there (it was the rendered stream's offset, which
    /// pointed into the comments). SARIF's fix names the same bytes.
    @Test func editsAreBytesOfTheFileTheFindingIsShownIn() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        try k.write("overlays/all/all.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1)
            .replacingOccurrences(of: "name: rgw\nspec", with: "name: any-deployment\nspec"))
        let comments = (1...14).map { "# rollout notes, line \($0): keep in step with the runbook\n" }.joined()
        try k.write("overlays/all/kustomization.yaml", comments + "resources:\n- ../../base\npatches:\n- path: all.yaml\n  target:\n    kind: Deployment\n")
        let json = try k.probelint(["-k", "overlays/all", "-o", "json"] + Self.flags)
        #expect(json.status == 1, "\(json.stderr)")
        #expect(try Self.places(json) == ["base/rgw.yaml:16:11 PL105", "overlays/all/all.yaml:11:29 PL101"])
        #expect(try Self.editedBytes(json, in: k).contains("1"))
        #expect(try Self.editedBytes(json, in: k).allSatisfy { $0 == "1" || $0 == "5" || $0 == "10" }, "\(json.stdout)")
        let sarif = try k.probelint(["-k", "overlays/all", "-o", "sarif"] + Self.flags)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let results = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first?.array("results"))
        let changes = results.flatMap { $0.array("fixes") }.flatMap { $0.array("artifactChanges") }
        #expect(!changes.isEmpty)
        for change in changes {
            let file = try #require(change.object("artifactLocation")?.string("uri"))
            let bytes = try Data(contentsOf: k.dir.appendingPathComponent(file))
            for replacement in change.array("replacements") {
                let region = try #require(replacement.object("deletedRegion"))
                let named = try #require(OutputSupport.bytes(of: region, in: Array(bytes)))
                #expect(file == "overlays/all/all.yaml" && String(decoding: bytes[named], as: UTF8.self) == "1", "\(file) \(named)")
            }
        }
    }

    /// A field that an inline patch sets has no bytes in a file to edit: its fix is shown, and
    /// JSON and SARIF give no edit for it.
    @Test func aFieldSetInlineHasNoEdit() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        try k.write("overlays/inline/kustomization.yaml", KustomizeTests.inlineTimeoutPatch(1))
        let json = try k.probelint(["-k", "overlays/inline", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(json) == ["overlays/inline/kustomization.yaml:4:3 PL101"])
        let fixes = try OutputSupport.parse(json.stdout).array("findings").flatMap { $0.array("fix") }
        #expect(!fixes.isEmpty && fixes.allSatisfy { $0["edit"] == nil && $0["displayOnly"] as? Bool == true }, "\(fixes)")
        let sarif = try k.probelint(["-k", "overlays/inline", "-o", "sarif", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try OutputSupport.parse(sarif.stdout).array("runs").first?.array("results").allSatisfy { $0["fixes"] == nil } == true)
    }

    /// A patch of `rgw` does not patch `rgw-worker`, whose name holds `rgw`; of two objects of one
    /// name in two namespaces, each finding is at its own.
    @Test func aPatchOfOneObjectTakesNoOthersFindings() throws {
        let k = try Kustomization()
        let worker = KustomizeTests.rgw.replacingOccurrences(of: "name: rgw\nspec", with: "name: rgw-worker\nspec")
        try k.write("base/rgw.yaml", KustomizeTests.rgw.replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 5") + "---\n" + worker)
        try k.write("overlays/one/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/one/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: probes.yaml\n")
        let run = try k.probelint(["-k", "overlays/one", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(run) == ["base/rgw.yaml:38:29 PL101", "overlays/one/probes.yaml:11:29 PL101"], "\(run.stdout)")

        let inA = KustomizeTests.rgw.replacingOccurrences(of: "name: rgw\nspec", with: "name: rgw\n  namespace: a\nspec")
        try k.write("spaces/rgw.yaml", inA + "---\n" + inA.replacingOccurrences(of: "namespace: a", with: "namespace: b"))
        try k.write("spaces/kustomization.yaml", "resources:\n- rgw.yaml\n")
        let files = try k.probelint(["-f", "spaces/rgw.yaml", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        let traced = try k.probelint(["-k", "spaces", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(files) == ["spaces/rgw.yaml:19:29 PL101", "spaces/rgw.yaml:40:29 PL101"])
        #expect(try Self.places(traced) == Self.places(files))
    }

    /// kustomize reads a target's kind and name as regular expressions matched whole, the name
    /// against the object's name in its file or with the prefixes the kustomizations below
    /// added: a patch whose target is `d.|cache` sets `db`'s timeout, not `rgw`'s (which was
    /// shown in the patch when any pattern selected anything), `pre-.*` sets both, `r.w` only
    /// `rgw`'s (to the 1 its file holds too).
    @Test func aTargetsNameIsARegularExpression() throws {
        let k = try Kustomization()
        let db = KustomizeTests.rgw.replacingOccurrences(of: "name: rgw\nspec", with: "name: db\nspec")
            .replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 5")
        try k.write("base/rgw.yaml", KustomizeTests.rgw + "---\n" + db)
        try k.write("base/kustomization.yaml", "resources:\n- rgw.yaml\nnamePrefix: pre-\n")
        try k.write("overlay/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1).replacingOccurrences(of: "name: rgw\nspec", with: "name: any\nspec"))
        var places: [String: [String]] = [:]
        for name in ["d.|cache", "pre-.*", "r.w"] {
            try k.write("overlay/kustomization.yaml", "resources:\n- ../base\npatches:\n- path: probes.yaml\n  target: {kind: Deploy.*, name: \"\(name)\"}\n")
            let run = try k.probelint(["-k", "overlay", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
            places[name] = try Self.places(run)
        }
        #expect(places["d.|cache"] == ["base/rgw.yaml:18:29 PL101", "overlay/probes.yaml:11:29 PL101"])
        #expect(places["pre-.*"] == ["overlay/probes.yaml:11:29 PL101", "overlay/probes.yaml:11:29 PL101"])
        #expect(places["r.w"] == ["overlay/probes.yaml:11:29 PL101"])
    }

    /// The last patch to set a field is where it is set: an inline patch of an outer overlay
    /// over an inner overlay's patch file (the inner one's 10 is not what the rules judged),
    /// and a probe replaced whole (`$patch: replace`), whose unset timeout is the patch's.
    @Test func theLastPatchToSetAFieldIsWhereItIsSet() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        try k.write("overlays/mid/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 10))
        try k.write("overlays/mid/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: probes.yaml\n")
        try k.write("overlays/top/kustomization.yaml", KustomizeTests.inlineTimeoutPatch(1, resources: "../mid"))
        let top = try k.probelint(["-k", "overlays/top", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(top) == ["overlays/top/kustomization.yaml:4:3 PL101"], "\(top.stdout)")

        try k.write("overlays/exec/probe.yaml", KustomizeTests.containerPatch("""
            livenessProbe:
              $patch: replace
              tcpSocket: {port: 8080}
              periodSeconds: 10
            """))
        try k.write("overlays/exec/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: probe.yaml\n")
        let replaced = try k.probelint(["-k", "overlays/exec", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(replaced) == ["overlays/exec/probe.yaml:9:9 PL101"], "\(replaced.stdout)")
    }

    /// Of two patches of one kustomization that write the value, the one kustomize applies
    /// last sets it (of a `patches:` key written twice, the last list); a JSON 6902 operation aimed at `rgw` (whose value is not the one judged)
    /// takes no finding of `rgw-worker`.
    @Test func theLastOfAKustomizationsPatchesAndOnlyItsTarget() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        try k.write("overlays/two/p1.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/two/p2.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/two/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: p1.yaml\n- path: p2.yaml\n")
        let two = try k.probelint(["-k", "overlays/two", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(two) == ["overlays/two/p2.yaml:11:29 PL101"], "\(two.stdout)")
        // `patches:` written twice: kustomize applies the last list only (it takes a key written
        // twice in a kustomization), and its patch is where the field is set, not the base.
        try k.write("overlays/twice/p1.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 10))
        try k.write("overlays/twice/p2.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1))
        try k.write("overlays/twice/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: p1.yaml\npatches:\n- path: p2.yaml\n")
        let twice = try k.probelint(["-k", "overlays/twice", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(twice) == ["overlays/twice/p2.yaml:11:29 PL101"], "\(twice.stdout)")

        let worker = KustomizeTests.rgw.replacingOccurrences(of: "name: rgw\nspec", with: "name: rgw-worker\nspec")
        try k.write("base/worker.yaml", worker)
        try k.write("base/kustomization.yaml", "resources:\n- rgw.yaml\n- worker.yaml\n")
        try k.write("overlays/op/op.yaml", "- op: replace\n  path: /spec/template/spec/containers/0/livenessProbe/timeoutSeconds\n  value: 8\n")
        try k.write("overlays/op/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: op.yaml\n  target: {kind: Deployment, name: rgw}\n")
        let op = try k.probelint(["-k", "overlays/op", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(op) == ["base/worker.yaml:18:29 PL101"], "\(op.stdout)")
        #expect(try Self.editedBytes(op, in: k) == ["1"])
    }

    /// A JSON 6902 operation whose value is a whole container (a sidecar appended as
    /// `containers/-`) or a whole probe: the finding is at the field in the value, where an ignore
    /// comment silences it, not at the operation or at the kustomization's `patches` key.
    @Test func anOperationThatAddsAWholeContainerOrProbe() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        let ops = """
            - op: add
              path: /spec/template/spec/containers/-
              value:
                name: proxy
                image: envoy
                livenessProbe:
                  tcpSocket: {port: 9901}
                  timeoutSeconds: -3
            - op: add
              path: /spec/template/spec/containers/0/readinessProbe
              value:
                tcpSocket: {port: 8080}
                periodSeconds: -2

            """
        try k.write("overlays/side/add.yaml", ops)
        try k.write("overlays/side/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: add.yaml\n  target: {kind: Deployment, name: rgw}\n")
        let run = try k.probelint(["-k", "overlays/side", "-o", "json", "--select", "PL202"])
        #expect(Set(try Self.places(run)) == ["overlays/side/add.yaml:8:23 PL202", "overlays/side/add.yaml:13:20 PL202"], "\(run.stdout)")
        try k.write("overlays/side/add.yaml", ops.replacingOccurrences(of: "timeoutSeconds: -3", with: "timeoutSeconds: -3  # probelint ignore=PL202 -- tuned elsewhere"))
        let ignored = try k.probelint(["-k", "overlays/side", "-o", "json", "--select", "PL202"])
        #expect(try Self.places(ignored) == ["overlays/side/add.yaml:13:20 PL202"], "\(ignored.stdout)")
    }

    /// kustomize renders a patch's `1.0` as `1`: the patch still sets it.
    @Test func aWholeFloatInAPatchIsItsValue() throws {
        let k = try KustomizeTraceTests.baseWithATimeoutOf5s()
        try k.write("overlays/float/probes.yaml", KustomizeTests.livenessPatch(timeoutSeconds: 1).replacingOccurrences(of: "timeoutSeconds: 1", with: "timeoutSeconds: 1.0"))
        try k.write("overlays/float/kustomization.yaml", "resources:\n- ../../base\npatches:\n- path: probes.yaml\n")
        let run = try k.probelint(["-k", "overlays/float", "-o", "json", "--select", "PL101"] + OutputSupport.incidentFlags)
        #expect(try Self.places(run) == ["overlays/float/probes.yaml:11:29 PL101"], "\(run.stdout)")
        #expect(try Self.editedBytes(run, in: k) == ["1.0"])
    }

    /// kustomize drops comments, so a `# probelint ignore=` comment is read in the file the
    /// finding is shown in: `-k` silences what `-f` silences.
    @Test func ignoreCommentsInTheFilesSilenceAsWithFiles() throws {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw.replacingOccurrences(of: "livenessProbe:\n", with: "livenessProbe:  # probelint ignore=PL101 -- measured\n"))
        let files = try k.probelint(["-f", "base/rgw.yaml", "-o", "json"] + Self.flags)
        let traced = try k.probelint(["-k", "base", "-o", "json"] + Self.flags)
        #expect(try Self.places(files) == ["base/rgw.yaml:16:11 PL105"])
        #expect(try Self.places(traced) == Self.places(files))
        // `-o patch` patches what the report shows: PL105's threshold, not PL101's silenced
        // timeout, as with -f (it patched both, from the render kustomize stripped of comments).
        let filePatch = try k.probelint(["-f", "base/rgw.yaml", "-o", "patch"] + Self.flags)
        let tracedPatch = try k.probelint(["-k", "base", "-o", "patch"] + Self.flags)
        #expect(filePatch.stdout.contains("[PL105]") && !filePatch.stdout.contains("PL101"), "\(filePatch.stdout)")
        #expect(tracedPatch.stdout.contains("[PL105]") && !tracedPatch.stdout.contains("PL101"), "\(tracedPatch.stdout)")
        #expect(tracedPatch.stderr.hasSuffix("note: 1 finding at or above --fail-on warning (exit status 1); the lint report without -o patch shows it\n"), "\(tracedPatch.stderr)")
        // The same commands: the silenced finding is left out before the fixes are planned, so no
        // value it asked for stays (its rule name alone had been struck).
        func commands(_ run: TestSupport.Run) -> [Substring] { run.stdout.split(separator: "\n").filter { $0.hasPrefix("kubectl patch") } }
        #expect(!commands(filePatch).isEmpty && commands(tracedPatch) == commands(filePatch), "\(tracedPatch.stdout)")
    }

    /// A kustomization that renders nothing (`resources: []`, a wrong overlay in CI) is said, as
    /// an empty `kubectl get` is, where it passed without a word; traced or not, and with -o patch.
    @Test func aKustomizationThatRendersNothingIsSaid() throws {
        let k = try Kustomization()
        try k.write("empty/kustomization.yaml", "resources: []\n")
        for extra in [[], ["-o", "patch"], ["-o", "json"]] {
            let run = try k.probelint(["-k", "empty"] + extra)
            #expect(run.status == 0)
            #expect(run.stderr.contains("note: kubectl kustomize empty rendered no objects: nothing was linted\n"), "\(extra) \(run.stderr)")
        }
    }

    /// No temporary folder for the trace (TMPDIR names none): the untraced render is linted, and
    /// a warning says what that costs, where the comments stopped silencing without a word.
    @Test func anUntracedRenderForWantOfATemporaryFolderIsSaid() throws {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw.replacingOccurrences(of: "livenessProbe:\n", with: "livenessProbe:  # probelint ignore=PL101 -- measured\n"))
        let run = try TestSupport.run(["-k", "base", "-o", "json"] + Self.flags, environment: k.environment.merging(["TMPDIR": "/nonexistent"]) { $1 },
                                      directory: k.dir)
        #expect(run.stderr.hasPrefix("warning: -k cannot make its temporary folder in /nonexistent (No such file or directory; TMPDIR names it): DIR is rendered untraced"), "\(run.stderr)")
        #expect(run.stdout.contains("\"PL101\""))
    }

    /// A comment there that names no rule is an error at its place with `-k` as with `-f`
    /// (exit 2): it silences nothing, and was not reported.
    @Test func aMisspeltIgnoreCommentIsAnErrorAsWithFiles() throws {
        let k = try Kustomization()
        try k.write("base/rgw.yaml", KustomizeTests.rgw.replacingOccurrences(of: "livenessProbe:\n", with: "livenessProbe:  # probelint ignore=PL1O1\n"))
        let files = try k.probelint(["-f", "base/rgw.yaml", "-o", "json"] + Self.flags)
        let traced = try k.probelint(["-k", "base", "-o", "json"] + Self.flags)
        func errors(_ run: TestSupport.Run) throws -> [String] {
            try OutputSupport.parse(run.stdout).array("inputErrors").map { e in
                "\(e.string("file") ?? "-"):\(e.object("position")?.int("line") ?? 0):\(e.object("position")?.int("column") ?? 0) \(e.string("message") ?? "")"
            }
        }
        #expect(files.status == 2 && traced.status == 2, "\(traced.stdout)")
        #expect(try errors(files).count == 1 && errors(files).first?.hasPrefix("base/rgw.yaml:16:") == true, "\(files.stdout)")
        #expect(try errors(traced) == errors(files))
        #expect(try Self.places(traced) == Self.places(files))
        // In a file with no finding too: it was read only for a finding.
        try k.write("base/rgw.yaml", KustomizeTests.rgw)
        try k.write("base/cfg.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg  # probelint ignore=PL2O4\ndata: {a: b}\n")
        try k.write("base/kustomization.yaml", "resources:\n- rgw.yaml\n- cfg.yaml\n")
        let quiet = try k.probelint(["-k", "base", "-o", "json"] + Self.flags)
        #expect(quiet.status == 2, "\(quiet.stdout)")
        #expect(try errors(quiet).map { $0.prefix(19) } == ["base/cfg.yaml:4:33 "], "\(quiet.stdout)")
    }

    /// When kustomize fails on DIR's kustomization file, the error says where it is no YAML
    /// (kustomize names no file), or that Helm charts need `--enable-helm` and how to lint
    /// them anyway.
    @Test func kustomizeFailuresSayWhy() throws {
        let k = try Kustomization()
        try k.write("helm/kustomization.yaml", "helmCharts:\n- name: podinfo\n  repo: https://example.invalid/charts\n  version: 6.5.0\n")
        let run = try k.probelint(["-k", "helm"])
        #expect(run.status == 2)
        #expect(run.stderr.hasSuffix("error: kubectl kustomize helm failed (exit status 1); helm/kustomization.yaml inflates helmCharts, which kustomize does only with --enable-helm: render it with 'kubectl kustomize --enable-helm helm | kubectl probelint -f -'\n"), "\(run.stderr)")
        try k.write("broken/kustomization.yaml", "resources:\n- rgw.yaml\npatches: x: y\n")
        let broken = try k.probelint(["-k", "broken", "-o", "json"])
        #expect(broken.status == 2)
        let error = try OutputSupport.parse(broken.stdout).array("inputErrors").first
        // kubectl's last line, after its klog header (`E1205 12:19:49.737949 24681 run.go:72] `), then the file's place.
        #expect(error?.string("message") == #"kubectl kustomize broken failed (exit status 1): "command failed" err="invalid Kustomization: yaml: line 3: mapping values are not allowed in this context"; broken/kustomization.yaml:3:11: mapping values are not allowed in this context"#,
                "\(broken.stdout)")
        #expect(broken.stderr.contains("run.go:"))  // kubectl's own stderr, passed on as written
    }
}
