import Foundation
import Testing
@testable import ProbeLint

/// PL301 on a Deployment that a Rook CR owns: with the CR among the inputs and a
/// `probe:` mapping to write into, `--fix` edits the CR's timeoutSeconds (PL101's
/// value) and leaves the Deployment alone; otherwise the fix stays a paste.
@Suite struct RookCRFixTests {
    /// RGW as Rook v1.20 generates it: readiness with timeout 5, which a loaded p99 of 6 s fails (PL101: ceil(2 * 6) = 12).
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-rgw-my-store-a
          namespace: rook-ceph
          ownerReferences:
          - apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            name: my-store
        spec:
          template:
            spec:
              containers:
              - name: rgw
                image: quay.io/ceph/ceph:v20
                readinessProbe:
                  exec:
                    command: [sh, -c, rgw-probe.sh]
                  initialDelaySeconds: 10
                  timeoutSeconds: 5
                  periodSeconds: 10
                  successThreshold: 3
                  failureThreshold: 3

        """

    static let store = """
        # the object store
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata:
          name: my-store   # the CR
          namespace: rook-ceph
        spec:
          gateway:
            port: 80
          healthCheck:
            readinessProbe:
              probe:
                periodSeconds: 10   # keep
                failureThreshold: 3

        """

    static func options(loaded: String = "6s", only: Set<RuleID>? = ["PL301", "PL101"]) -> LintOptions {
        FixSupport.options([.loadedLatencyP99: loaded], only: only)
    }

    static func files(deployment: String = deployment, store: String? = store) -> [InputFile] {
        [InputFile(path: "rgw.yaml", bytes: Array(deployment.utf8))] + (store.map { [InputFile(path: "store.yaml", bytes: Array($0.utf8))] } ?? [])
    }

    static func pl301(_ report: LintReport) throws -> Finding {
        try #require(report.findings.first { $0.rule == "PL301" && $0.file == "rgw.yaml" })
    }

    static func text(_ result: FixResult, _ file: String) -> String? {
        result.outcomes.first { $0.file == file }.map { String(decoding: $0.fixed, as: UTF8.self) }
    }

    /// PL301 alone makes the CR edit: an insertion under `probe:` at its siblings' indentation, comments kept.
    /// A CephCluster without `healthCheck`: every daemon's probe field is placed at `spec:`, and
    /// each is a paste of its own. They were one by their key, and `--fix` showed the first
    /// timeoutSeconds of the six, with a startup probe's PL103 that was a liveness probe's.
    @Test func eachUnwrittenCRFieldIsAPasteOfItsOwn() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cluster.yaml")
        try "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\nspec:\n  dataDirHostPath: /var/lib/rook\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--rook-version", "v1.9.0", "--fix", file.path])
        let shown = run.stderr.split(separator: "\n").filter { $0.contains("not fixed (display only): ") }.map { line in
            line.split(separator: "): ", maxSplits: 1).last.map { $0.prefix { $0 != "(" } } ?? ""
        }
        #expect(shown == ["startupProbe.mon timeoutSeconds 1 ", "livenessProbe.mon timeoutSeconds 1 ", "startupProbe.mgr timeoutSeconds 1 ",
                          "livenessProbe.mgr timeoutSeconds 1 ", "startupProbe.osd timeoutSeconds 1 ", "livenessProbe.osd timeoutSeconds 1 ",
                          "startupProbe.osd failureThreshold 9 "], "\(run.stderr)")
        #expect(!run.stderr.contains("startupProbe.mon timeoutSeconds 1 (default) -> 3 [PL101, PL103]"))
    }

    @Test func theCRIsEditedAndTheDeploymentIsNot() throws {
        let suggestion = try #require(try Self.pl301(Linter.lint(Self.files(), options: Self.options())).suggestions.first)
        #expect(!suggestion.displayOnly && suggestion.yaml == nil && suggestion.value == 12)
        #expect(suggestion.target?.file == "store.yaml")
        #expect(suggestion.target?.path == "spec.healthCheck.readinessProbe.probe.timeoutSeconds")
        #expect(suggestion.target?.requiresPositive == true)
        #expect(suggestion.reason.hasPrefix("set it in CephObjectStore my-store spec.healthCheck.readinessProbe.probe.timeoutSeconds (store.yaml:12:7), where the operator keeps it"))

        let result = Fixer.fix(Self.files(), options: Self.options(only: ["PL301"]))
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(result.outcomes[0].fixed == Array(Self.deployment.utf8))
        #expect(Self.text(result, "store.yaml") == Self.store + "        timeoutSeconds: 12\n")
        #expect(result.outcomes[1].applied.map(\.rules) == [["PL301"]])
        #expect(result.conflicts.isEmpty)
    }

    /// With PL101 on: both rules ask for 12 in the same CR field, one edit is made; the
    /// re-lint finds no PL101 on the CR, PL301 says the CR is set, and a second fix changes nothing.
    @Test func withPL101TheSameEditOnceAndASecondFixIsANoOp() throws {
        let result = Fixer.fix(Self.files(), options: Self.options())
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(result.outcomes[0].fixed == Array(Self.deployment.utf8))
        let fixed = try #require(Self.text(result, "store.yaml"))
        #expect(fixed == Self.store + "        timeoutSeconds: 12\n")
        #expect(fixed.contains("# the object store") && fixed.contains("# the CR") && fixed.contains("# keep"))
        #expect(Set(result.outcomes[1].applied.flatMap(\.rules)) == ["PL101", "PL301"])
        #expect(result.outcomes[1].applied.count == 1)

        let again = Linter.lint(Self.files(store: fixed), options: Self.options())
        #expect(!again.findings.contains { $0.rule == "PL101" && $0.object.kind == "CephObjectStore" && $0.object.probe == .readiness })
        let f = try Self.pl301(again)
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text == "CephObjectStore my-store spec.healthCheck.readinessProbe.probe.timeoutSeconds (store.yaml:15:25) is 12, not below PL101's 12: Rook reconciles this object to it" })
        let second = Fixer.fix(Self.files(store: fixed), options: Self.options())
        #expect(second.outcomes.allSatisfy { !$0.changed && $0.error == nil })
    }

    /// The Deployment's own field is never written: its "not fixed" line says what to do in
    /// the CR, as PL301 does. It said "change the CephObjectStore" where the Rook modelled reads
    /// no timing from the CR, or the CR already holds enough.
    @Test func theDeploymentsNotFixedLineSaysWhatToDoInTheCR() throws {
        func why(_ store: String, rook: String? = nil) throws -> String? {
            var options = Self.options()
            if let rook {
                let version: RookVersion = try #require(RookVersion.parse(rook))
                options.environment.rook.flag = version
            }
            let result = Fixer.fix(Self.files(store: store), options: options)
            return try #require(result.displayOnly.first { $0.file == "rgw.yaml" && $0.key == "timeoutSeconds" }).why
        }
        let head = "generated by Rook from CephObjectStore my-store, whose operator rewrites it: "
        let key = "spec.healthCheck.readinessProbe.probe.timeoutSeconds"
        // The CR is fixed (12): the Deployment follows it.
        #expect(try why(Self.store) == head + "set \(key) in CephObjectStore my-store")
        // A Rook before v1.6 that generates this probe reads no timing from the CR (PatchOutputTests
        // has the RGW liveness of v1.2); v1.5 generates no RGW readiness probe at all.
        #expect(try why(Self.store, rook: "v1.5") == head + "Rook v1.5 generates no readinessProbe for rgw and removes this one (PL301): nothing to change")
        let enough = Self.store.replacingOccurrences(of: "failureThreshold: 3\n", with: "failureThreshold: 3\n        timeoutSeconds: 20\n")
        #expect(try why(enough) == head + "CephObjectStore my-store \(key) is 20, not below 12: Rook reconciles this object to it, so nothing needs to change")
        // -o patch's comment says the same.
        let result = Fixer.fix(Self.files(store: enough), options: Self.options())
        let patch = PatchReporter.report(PatchReporter.patchable(applied: result.outcomes.flatMap(\.applied), displayOnly: result.displayOnly).fields)
        #expect(patch.contains("# generated by Rook from CephObjectStore my-store: the operator reverts this patch; CephObjectStore my-store \(key) is 20, not below 12: Rook reconciles this object to it, so nothing needs to change\n"), "\(patch)")
    }

    /// Two findings, two values for one CR field: the larger wins (a Deployment annotated
    /// with a loaded p99 of 8 s wants 16; the CR, linted with 6 s, wants 12).
    @Test func differentValuesForOneCRFieldTakeTheLarger() throws {
        let annotated = Self.deployment.replacingOccurrences(of: "  namespace: rook-ceph\n  ownerReferences:",
                                                             with: "  namespace: rook-ceph\n  annotations: {probelint.io/loaded-latency-p99: 8s}\n  ownerReferences:")
        let store = Self.store.replacingOccurrences(of: "  namespace: rook-ceph\n", with: "  namespace: rook-ceph\n  annotations: {probelint.io/loaded-latency-p99: 6s}\n")
        let files = Self.files(deployment: annotated, store: store)
        let options = FixSupport.options([:], only: ["PL301", "PL101"])
        let report = Linter.lint(files, options: options)
        #expect(try Self.pl301(report).suggestions.first?.value == 16)
        #expect(report.findings.first { $0.rule == "PL101" && $0.file == "store.yaml" }?.suggestions.first?.value == 12)
        let sources = files.compactMap { FixSource.read($0) }
        let plan = FixPlanner(sources: sources).plan(report.findings)
        let cr = plan.fields.filter { $0.file == "store.yaml" && $0.path == "spec.healthCheck.readinessProbe.probe.timeoutSeconds" }
        #expect(cr.map(\.value) == [16])
        #expect(Set(cr.flatMap(\.rules)) == ["PL101", "PL301"])
        #expect(plan.conflicts.isEmpty)
        let result = Fixer.fix(files, options: options)
        #expect(Self.text(result, "store.yaml") == store + "        timeoutSeconds: 16\n")
        #expect(result.outcomes[0].fixed == Array(annotated.utf8))
    }

    /// `timeoutSeconds: 0` is Rook's "use my default" (5 for RGW readiness): the fix writes an explicit value
    /// in its place, and leaves the 0 where the default is already enough.
    @Test func zeroInTheCRBecomesAnExplicitValue() throws {
        let store = Self.store.replacingOccurrences(of: "periodSeconds: 10   # keep", with: "timeoutSeconds: 0   # Rook's default\n        periodSeconds: 10   # keep")
        let result = Fixer.fix(Self.files(store: store), options: Self.options(only: ["PL301"]))
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(Self.text(result, "store.yaml") == store.replacingOccurrences(of: "timeoutSeconds: 0 ", with: "timeoutSeconds: 12 "))
        // A Deployment timeout of 1 s with a loaded p99 of 2 s wants 4, below Rook's 5: no edit, and the finding says why.
        let enough = Self.options(loaded: "2s", only: ["PL301"])
        let stale = Self.files(deployment: Self.deployment.replacingOccurrences(of: "timeoutSeconds: 5", with: "timeoutSeconds: 1"), store: store)
        let f = try Self.pl301(Linter.lint(stale, options: enough))
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text == "CephObjectStore my-store spec.healthCheck.readinessProbe.probe.timeoutSeconds (store.yaml:13:25) is 0, Rook's default 5, not below PL101's 4: Rook reconciles this object to it" })
        #expect(Fixer.fix(stale, options: enough).outcomes.allSatisfy { !$0.changed })
    }

    /// A CR that already asks for more than PL101's value is never cut to it.
    @Test func aLargerCRValueIsNotCut() throws {
        let store = Self.store.replacingOccurrences(of: "failureThreshold: 3\n", with: "failureThreshold: 3\n        timeoutSeconds: 20\n")
        let f = try Self.pl301(Linter.lint(Self.files(store: store), options: Self.options()))
        #expect(f.suggestions.isEmpty)
        #expect(Fixer.fix(Self.files(store: store), options: Self.options()).outcomes.allSatisfy { !$0.changed })
    }

    static func expectPaste(_ f: Finding, into: String) throws {
        let s = try #require(f.suggestions.first)
        #expect(s.displayOnly && s.target == nil)
        #expect(s.pasteInto == into)
        #expect(s.yaml?.contains("readinessProbe:\n      probe:\n") == true)
        #expect(s.yaml?.contains("timeoutSeconds: 12\n") == true)
    }

    /// No `probe:` mapping under the CR's readinessProbe: nowhere to insert at a sibling's
    /// indentation, so the paste stays, naming the CR's file; `--fix` leaves both files as they are.
    @Test func crWithoutAProbeMappingKeepsThePaste() throws {
        let store = Self.store.replacingOccurrences(of: "      probe:\n        periodSeconds: 10   # keep\n        failureThreshold: 3\n",
                                                    with: "      disabled: false\n")
        try Self.expectPaste(try Self.pl301(Linter.lint(Self.files(store: store), options: Self.options())),
                             into: "CephObjectStore/rook-ceph/my-store (store.yaml:2:1)")
        let result = Fixer.fix(Self.files(store: store), options: Self.options(only: ["PL301"]))
        #expect(result.outcomes.allSatisfy { !$0.changed && $0.error == nil })
    }

    /// A flow `probe: {}` has no sibling to take the indentation from: the paste stays.
    @Test func flowProbeMappingKeepsThePaste() throws {
        let store = Self.store.replacingOccurrences(of: "      probe:\n        periodSeconds: 10   # keep\n        failureThreshold: 3\n",
                                                    with: "      probe: {periodSeconds: 10}\n")
        try Self.expectPaste(try Self.pl301(Linter.lint(Self.files(store: store), options: Self.options())),
                             into: "CephObjectStore/rook-ceph/my-store (store.yaml:2:1)")
    }

    /// Without the CR among the inputs the paste names only the object.
    @Test func crAbsentKeepsThePaste() throws {
        try Self.expectPaste(try Self.pl301(Linter.lint(Self.files(store: nil), options: Self.options())),
                             into: "CephObjectStore/rook-ceph/my-store")
        let result = Fixer.fix(Self.files(store: nil), options: Self.options(only: ["PL301"]))
        #expect(result.outcomes.allSatisfy { !$0.changed })
    }

    /// Rook before v1.6 reads no timing from the CR: an edit there would change nothing, so the paste stays.
    @Test func rookWithoutTimingOverridesKeepsThePaste() throws {
        var options = Self.options()
        options.environment.rook.flag = RookVersion(1, 5)
        let deployment = Self.deployment.replacingOccurrences(of: "readinessProbe:", with: "livenessProbe:")
        let store = Self.store.replacingOccurrences(of: "readinessProbe:", with: "livenessProbe:")
        let f = try Self.pl301(Linter.lint(Self.files(deployment: deployment, store: store), options: options))
        #expect(f.suggestions.first?.displayOnly == true && f.suggestions.first?.target == nil)
    }

    /// PL301's CR edit and PL101's fix of the same CR field, reached from the Deployment and from
    /// the CR's own rendered probe: `-o patch` names the change once (it was listed twice, as a
    /// CR's field has no container to tell the two apart).
    @Test func aCRFieldTwoFindingsFixIsNamedOnceInThePatch() throws {
        let result = Fixer.fix(Self.files(), options: Self.options(only: nil))
        let patch = PatchReporter.report(result.outcomes.flatMap(\.applied) + result.displayOnly)
        let header = try #require(patch.split(separator: "\n").first { $0.hasPrefix("# CephObjectStore/rook-ceph/my-store") })
        #expect(header.components(separatedBy: "readinessProbe timeoutSeconds").count == 2, "\(header)")
    }

    /// The mon Deployment a CephCluster owns, with its admin-socket liveness probe.
    static func monDeployment(image: String, timeout: Int) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-mon-a
          namespace: rook-ceph
          ownerReferences:
          - {apiVersion: ceph.rook.io/v1, kind: CephCluster, name: rook-ceph}
        spec:
          template:
            spec:
              containers:
              - name: mon
                image: quay.io/ceph/ceph:\(image)
                livenessProbe:
                  exec: {command: [env, -i, sh, -c, ceph --admin-daemon /run/ceph/ceph-mon.a.asok mon_status]}
                  initialDelaySeconds: 10
                  timeoutSeconds: \(timeout)

        """
    }

    /// A hand edit below Rook's own default: the CR sets no timeout, and Rook v1.20 gives the mon 5 s
    /// and the MDS 25 s, not below PL101's 3 s. The paste of 3 would have lowered them; Rook
    /// reconciles the object back to its default, so nothing needs to change. Rook v1.9's mon
    /// default was Kubernetes' 1 s: the paste stays; so it does without the CR among the inputs.
    @Test func aPasteNeverLowersRooksDefault() throws {
        let mon = Self.monDeployment(image: "v19.2.0", timeout: 1)
        let cluster = "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\nspec:\n  healthCheck:\n    livenessProbe:\n      mon: {disabled: false}\n"
        let files = [InputFile(path: "mon.yaml", bytes: Array(mon.utf8)), InputFile(path: "cluster.yaml", bytes: Array(cluster.utf8))]
        var options = FixSupport.options([:], only: ["PL301"])
        options.environment.rook.flag = RookVersion(1, 20, 6)
        let f = try #require(Linter.lint(files, options: options).findings.first { $0.rule == "PL301" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text == "CephCluster rook-ceph spec.healthCheck.livenessProbe.mon.probe.timeoutSeconds is unset, Rook's default 5, not below PL101's 3: Rook reconciles this object to it, so nothing needs to change" },
                "\(f.notes.map(\.text))")
        // Without the CephCluster (live mode never has it) the object's 1 s most likely came from
        // it: the paste stays, where the note said the CR sets none.
        let alone = try #require(Linter.lint([files[0]], options: options).findings.first { $0.rule == "PL301" })
        #expect(alone.suggestions.first?.value == 3 && !alone.notes.contains { $0.text.contains("nothing needs to change") })
        options.environment.rook.flag = RookVersion(1, 9, 0)
        let old = try #require(Linter.lint(files, options: options).findings.first { $0.rule == "PL301" })
        #expect(old.suggestions.first?.value == 3 && old.suggestions.first?.yaml?.contains("timeoutSeconds: 3") == true)
    }

    /// CephCluster: the mon's liveness probe at spec.healthCheck.livenessProbe.mon.probe.
    @Test func cephClusterMonLiveness() throws {
        let mon = Self.monDeployment(image: "v18", timeout: 5)
        let cluster = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              healthCheck:
                livenessProbe:
                  mon:
                    probe:
                      timeoutSeconds: 5
                      periodSeconds: 10

            """
        let files = [InputFile(path: "mon.yaml", bytes: Array(mon.utf8)), InputFile(path: "cluster.yaml", bytes: Array(cluster.utf8))]
        // The mon's probe asks the admin socket, so its L99load is L99: 5 s, and PL101's 10 s
        // fits the 10 s period (a longer timeout would raise the period too, two fields, which
        // the paste shows).
        let options = FixSupport.options([.latencyP99: "5s"], only: ["PL301"])
        let f = try #require(Linter.lint(files, options: options).findings.first { $0.rule == "PL301" })
        #expect(f.suggestions.first?.target?.path == "spec.healthCheck.livenessProbe.mon.probe.timeoutSeconds")
        let result = Fixer.fix(files, options: options)
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(result.outcomes[0].fixed == Array(mon.utf8))
        #expect(Self.text(result, "cluster.yaml") == cluster.replacingOccurrences(of: "timeoutSeconds: 5", with: "timeoutSeconds: 10"))
    }
}

/// The same through the binary: `--diff` shows the CR's hunk only, `--fix` writes the CR and
/// not the Deployment, and a second `--fix` writes nothing.
@Suite struct RookCRFixCLITests {
    /// `-o json` names the CR field PL301's fix edits (`target`), valid against the closed schema.
    @Test func jsonShowsTheTarget() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try RookCRFixTests.deployment.write(to: dir.appendingPathComponent("rgw.yaml"), atomically: true, encoding: .utf8)
        let written = RookCRFixTests.store.replacingOccurrences(of: "periodSeconds: 10   # keep", with: "timeoutSeconds: 5\n        periodSeconds: 10   # keep")
        for (store, edit) in [(RookCRFixTests.store, false), (written, true)] {
            try store.write(to: dir.appendingPathComponent("store.yaml"), atomically: true, encoding: .utf8)
            let run = try TestSupport.run(["--loaded-latency-p99", "6s", "--select", "PL301", "-o", "json", "rgw.yaml", "store.yaml"],
                                          directory: dir)
            #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.jsonSchema).isEmpty)
            let doc = try OutputSupport.parse(run.stdout)
            let fix = try #require(doc.array("findings").first { $0.string("rule") == "PL301" }?.array("fix").first)
            #expect(fix["displayOnly"] as? Bool == false && fix["edit"] == nil)
            let target = try #require(fix.object("target"))
            #expect(target.string("file") == "store.yaml")
            #expect(target.string("path") == "spec.healthCheck.readinessProbe.probe.timeoutSeconds")
            #expect(target["written"] as? Bool == edit)
            #expect((target.object("edit")?.string("text")).map { $0 == "12" } ?? !edit)
        }
    }

    @Test func diffAndFixEditTheCR() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rgw = dir.appendingPathComponent("rgw.yaml"), store = dir.appendingPathComponent("store.yaml")
        try RookCRFixTests.deployment.write(to: rgw, atomically: true, encoding: .utf8)
        try RookCRFixTests.store.write(to: store, atomically: true, encoding: .utf8)
        let args = ["--loaded-latency-p99", "6s", "--select", "PL301,PL101"]

        let diff = try TestSupport.run(args + ["--diff", "rgw.yaml", "store.yaml"], directory: dir)
        #expect(diff.stdout == """
            --- store.yaml
            +++ store.yaml
            @@ -12,3 +12,4 @@
                   probe:
                     periodSeconds: 10   # keep
                     failureThreshold: 3
            +        timeoutSeconds: 12

            """, "\(diff.stderr)")
        #expect(try FixSupport.bytes(store) == Array(RookCRFixTests.store.utf8))

        let fix = try TestSupport.run(args + ["--fix", "rgw.yaml", "store.yaml"], directory: dir)
        // Where the value is in the fixed file, as the report after it counts lines.
        #expect(fix.stderr.contains("store.yaml:15:25: fixed: readinessProbe timeoutSeconds 5 (default) -> 12 [PL301, PL101]"), "\(fix.stderr)")
        #expect(try FixSupport.bytes(rgw) == Array(RookCRFixTests.deployment.utf8))
        #expect(String(decoding: try FixSupport.bytes(store), as: UTF8.self) == RookCRFixTests.store + "        timeoutSeconds: 12\n")

        let again = try TestSupport.run(args + ["--fix", "rgw.yaml", "store.yaml"], directory: dir)
        #expect(!again.stderr.contains(": fixed:"), "\(again.stderr)")
        #expect(!again.stdout.contains("store.yaml:12:7"), "\(again.stdout)")
        #expect(String(decoding: try FixSupport.bytes(store), as: UTF8.self) == RookCRFixTests.store + "        timeoutSeconds: 12\n")
    }
}

/// A display-only suggestion is shown, never applied: Rook v1.5 ignores the CR's probe
/// timings, so PL106's grace period in `probe:` would be inserted again on every round
/// (the re-lint still sees Rook's default) until the text had a duplicate key.
@Suite struct DisplayOnlySuggestionTests {
    static let store = """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata:
          name: my-store
          namespace: rook-ceph
        spec:
          gateway:
            port: 80
          healthCheck:
            livenessProbe:
              probe:
                timeoutSeconds: 1
                periodSeconds: 10

        """

    @Test func oldRookVersionLeavesTheCRUnchangedAndListsTheFieldAsDisplayOnly() throws {
        var options = FixSupport.options([:], only: ["PL106"])
        let version: RookVersion = try #require(RookVersion.parse("v1.5"))
        options.environment.rook.flag = version
        let file = InputFile(path: "store.yaml", bytes: Array(Self.store.utf8))
        let suggestion = try #require(Linter.lint([file, TestSupport.gracefulStopFile], options: options).findings.first { $0.rule == "PL106" }?.suggestions.first)
        #expect(suggestion.displayOnly)
        let result = Fixer.fix([file, TestSupport.gracefulStopFile], options: options)
        #expect(result.outcomes[0].error == nil)
        #expect(!result.outcomes[0].changed)
        #expect(result.outcomes[0].fixed == file.bytes)
        let shown = try #require(result.displayOnly.first { $0.rules == ["PL106"] })
        #expect(shown.edit == nil)
        #expect(shown.why?.hasPrefix("to set by hand (PL106): ") == true)
    }

    /// A CR with no `probe:` mapping to write into: the reason gives the YAML to paste, on one
    /// line, and the CR to paste it into (the lint report has it as a block).
    @Test func aFieldToSetByHandSaysWhatToPasteWhere() throws {
        let run = try TestSupport.run(["--no-color", "--select", "PL105", "--rook-version", "v1.12", "--diff", "examples/mds-incident.yaml"])
        #expect(run.stderr.contains("mds-incident.yaml:23:3: not fixed (display only): startupProbe failureThreshold 6 (default) -> 19 [PL105]: to set by hand (PL105): smallest F with 10 + (F - 1) * 10 + 5 >= Tstart 191 s; remove spec.metadataServer.startupProbe.probe before upgrading to Rook v1.12.6 or later, which generate no MDS startup probe and whose operator fails on it (rook#13542, rook#16063); paste into CephFilesystem/rook-ceph/cephfs: spec: {metadataServer: {startupProbe: {probe: {failureThreshold: 19}}}}"), "\(run.stderr)")
        #expect(Suggestion.flowYAML(path: "spec.items[0].a.b", value: "6") == "spec: {a: {b: 6}}")
    }
}

/// A fix that clears only part of what its rule finds says so. For a pod Rook renders from a
/// CR, PL106's only fix is the liveness probe's own grace period (Rook offers no pod-level
/// one): written, it covers liveness kills, and PL106 still fires on the pod's 30 s.
@Suite struct PartialFixTests {
    static let filesystem = """
        apiVersion: ceph.rook.io/v1
        kind: CephFilesystem
        metadata:
          name: myfs
          namespace: rook-ceph
        spec:
          metadataServer:
            activeCount: 1
            activeStandby: true
            livenessProbe:
              probe:
                timeoutSeconds: 5

        """

    @Test func theFixIsWrittenAndSaysTheRuleStillFires() throws {
        let (result, text) = FixSupport.fix(Self.filesystem, flags: [.drainTime: "120s"], only: ["PL106"])
        #expect(result.outcomes[0].error == nil)
        #expect(text == Self.filesystem + "        terminationGracePeriodSeconds: 125\n")
        let applied = result.outcomes[0].applied
        #expect(applied.map(\.change) == ["livenessProbe terminationGracePeriodSeconds 30 (default) -> 125"])
        #expect(applied.map(\.stillFiring) == [["PL106"]])
        #expect(result.report.findings.map(\.rule) == ["PL106"])
    }

    @Test func theCLINamesTheRuleThatStillFires() throws {
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.filesystem.write(to: dir.appendingPathComponent("fs.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--drain-time", "120s", "--select", "PL106", "--fix", "fs.yaml"], directory: dir)
        #expect(run.status == 1, "\(run.stderr)")
        // Nothing names the Rook release: a warning says which one the CR is modelled as.
        #expect(run.stderr == "fs.yaml:13:40: fixed: livenessProbe terminationGracePeriodSeconds 30 (default) -> 125 [PL106] (PL106 still fires: see below)\n"
            + "fs.yaml:1:1: warning: CephFilesystem myfs is modelled as Rook v1.20, the newest release probelint models: nothing in the run names the release you run (no --rook-version, rook-version in .probelint.yaml or rook-ceph-operator image, and no Ceph image that only an older Rook runs); give it with --rook-version or rook-version\n",
                "\(run.stderr)")
        #expect(run.stdout.hasPrefix("fs.yaml:7:3: warning: terminationGracePeriodSeconds 30 (default) is shorter than the mds drain time of 120 s"))
    }

    /// Once written, the probe's grace period is no fix any more: the finding that stays says
    /// what it covers, and shows no fix that is already made.
    @Test func aSecondRunShowsNoFixThatIsMade() throws {
        let (result, text) = FixSupport.fix(Self.filesystem, flags: [.drainTime: "120s"], only: ["PL106"])
        #expect(result.outcomes[0].changed)
        let again = TestSupport.lint(text, flags: [.drainTime: "120s"]).findings.filter { $0.rule == "PL106" }
        #expect(again.count == 1 && again[0].suggestions.isEmpty)
        #expect(again[0].notes.contains { $0.text.hasPrefix("the livenessProbe's terminationGracePeriodSeconds 125 covers liveness kills") })
    }

    /// An MDS Deployment Rook owns: no fix either, and the note names the probe's own grace period in the CR.
    @Test func aRookOwnedMDSDeploymentGetsNoGracePeriodFix() throws {
        let mds = RookMdsProbeSpecTests.deployment
        let report = Linter.lint(InputFile(path: "mds.yaml", bytes: Array(mds.utf8)), options: FixSupport.options([.drainTime: "120s"], only: ["PL106"]))
        let f = try #require(report.findings.first { $0.rule == "PL106" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.hasPrefix("Rook sets no pod grace period and its CRs offer none: a probe's own terminationGracePeriodSeconds") })
    }

    /// An RGW Deployment Rook owns: no CR field sets its pod's grace period, so PL106 offers no
    /// fix there (it said "change the CephObjectStore") and names Ceph's own drain deadline.
    @Test func aRookOwnedRGWDeploymentGetsNoGracePeriodFix() throws {
        let f = try #require(Linter.lint(RookCRFixTests.files(store: nil) + [TestSupport.gracefulStopFile], options: FixSupport.options([:], only: ["PL106"]))
            .findings.first { $0.rule == "PL106" })
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.contains { $0.text.contains("set rgw_exit_timeout_secs = 25") })
    }
}
