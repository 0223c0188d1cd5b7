import Foundation
import Testing
@testable import ProbeLint

/// Where a CR sets the MDS's probes: CephCluster `spec.healthCheck.livenessProbe.mds` before
/// Rook v1.9 (rook#7077), CephFilesystem `spec.metadataServer` from v1.9 on (rook#9550).
@Suite struct RookMdsProbeSpecTests {
    static let filesystem = """
        apiVersion: ceph.rook.io/v1
        kind: CephFilesystem
        metadata:
          name: myfs
          namespace: rook-ceph
        spec:
          metadataServer:
            activeCount: 1
            livenessProbe:
              disabled: false
              probe:
                periodSeconds: 45
            startupProbe:
              disabled: true

        """

    static let cluster = """
        apiVersion: ceph.rook.io/v1
        kind: CephCluster
        metadata:
          name: rook-ceph
          namespace: rook-ceph
        spec:
          healthCheck:
            livenessProbe:
              mds:
                probe:
                  periodSeconds: 20   # keep

        """

    /// The MDS Deployment Rook v1.8 generates for myfs: the admin-socket probe, Kubernetes' 1 s timeout.
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-mds-myfs-a
          namespace: rook-ceph
          ownerReferences:
          - apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            name: myfs
        spec:
          template:
            metadata:
              labels: {app: rook-ceph-mds}
            spec:
              containers:
              - name: mds
                image: quay.io/ceph/ceph:v16.2.7
                command: [ceph-mds]
                livenessProbe:
                  exec:
                    command: [env, -i, sh, -c, ceph --admin-daemon /run/ceph/ceph-mds.myfs-a.asok status]
                  initialDelaySeconds: 10
                  timeoutSeconds: 1
                  periodSeconds: 10
                  failureThreshold: 3

        """

    static let operatorImage = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-operator
          namespace: rook-ceph
        spec:
          template:
            spec:
              containers:
              - name: rook-ceph-operator
                image: rook/ceph:v1.8.2

        """

    func context(_ yaml: String, version: String) throws -> ObjectContext {
        try RookRenderTests().context(yaml, version: version)
    }

    /// Rook v1.8 reads no probe of the CephFilesystem: its MDS gets Rook's liveness probe (period 10, not
    /// the CR's 45), whose fields belong to the CephCluster; v1.9 reads the filesystem's.
    @Test func theFilesystemsProbeSpecsAreReadFromOneNine() throws {
        let old = try #require(try context(Self.filesystem, version: "v1.8").probes.first { $0.probe.kind == .liveness })
        #expect(old.probe.periodSeconds.value == 10 && !old.probe.periodSeconds.isWritten)
        #expect(old.probe.path == "spec.healthCheck.livenessProbe.mds.probe")
        #expect(old.probe.generatedBy?.cr.kind == "CephCluster" && old.probe.generatedBy?.cr.namespace == "rook-ceph")
        #expect(old.probe.generatedBy?.canInsertFields == false)
        // Unwritten fields point at the filesystem's own `metadataServer:` (line 7): the finding stays in this file.
        #expect(old.probe.periodSeconds.anchor.start.line == 7)

        let new = try #require(try context(Self.filesystem, version: "v1.9").probes.first { $0.probe.kind == .liveness })
        #expect(new.probe.periodSeconds.value == 45 && new.probe.periodSeconds.isWritten)
        #expect(new.probe.path == "spec.metadataServer.livenessProbe.probe")
        #expect(new.probe.generatedBy?.cr.kind == "CephFilesystem" && new.probe.generatedBy?.cr.name == "myfs")
    }

    /// `disabled: true` in the filesystem removes nothing before v1.9: Rook does not read it.
    @Test func theFilesystemsDisabledIsIgnoredBeforeOneNine() throws {
        let off = Self.filesystem.replacingOccurrences(of: "disabled: false", with: "disabled: true")
        #expect(try context(off, version: "v1.8").probes.contains { $0.probe.kind == .liveness })
        #expect(try context(off, version: "v1.6").probes.contains { $0.probe.kind == .liveness })
        #expect(try !context(off, version: "v1.9").probes.contains { $0.probe.kind == .liveness })
    }

    /// The CephCluster's `mds` ProbeSpec is decoded with positions and recorded as a run fact;
    /// the CephCluster still renders only its own daemons' pods.
    @Test func theClustersMdsProbeSpecIsDecoded() throws {
        let ctx = try context(Self.cluster, version: "v1.8")
        guard case .cluster(let cluster)? = ctx.manifest.rook else { Issue.record("not a CephCluster"); return }
        let spec = try #require(cluster.healthCheck[.mds][.liveness])
        #expect(spec.path == "spec.healthCheck.livenessProbe.mds")
        guard case .written(20, _, let value)? = spec.fields[.periodSeconds] else { Issue.record("\(spec.fields)"); return }
        #expect(value.start.line == 11 && value.start.column == 26)
        #expect(Set(ctx.containers.map(\.detection.component)) == [.mon, .mgr, .osd])

        let facts = RookFacts.scan(InputFile(path: "cluster.yaml", bytes: Array(Self.cluster.utf8)))
        let source = try #require(facts.probeSources[RookFacts.probeKey(cr: "CephCluster/rook-ceph/rook-ceph", daemon: .mds, kind: .liveness)])
        #expect(source.file == "cluster.yaml" && source.spec.probeKey != nil)
    }

    /// A fix of the MDS probe Rook v1.8 renders from the filesystem is YAML for the CephCluster.
    @Test func aRenderedFixBeforeOneNineIsYAMLForTheCluster() throws {
        var options = FixSupport.options([.latencyP99: "3s"], only: ["PL101"])
        options.environment.rook.flag = RookVersion(1, 8)
        let report = Linter.lint(InputFile(path: "fs.yaml", bytes: Array(Self.filesystem.utf8)), options: options)
        let f = try #require(report.findings.first { $0.rule == "PL101" && $0.object.probe == .liveness })
        let s = try #require(f.suggestions.first { $0.field == .timeoutSeconds })
        #expect(s.displayOnly && s.value == 6)
        #expect(s.yaml?.contains("healthCheck:\n    livenessProbe:\n      mds:\n        probe:\n          timeoutSeconds: 6") == true)
        // Into the CephCluster, not the CephFilesystem (which has no spec.healthCheck): by its
        // role while the run does not hold it, which no `kubectl patch` can name.
        #expect(s.pasteInto == "the CephCluster of namespace rook-ceph")
        let alone = Fixer.fix([InputFile(path: "fs.yaml", bytes: Array(Self.filesystem.utf8))], options: options)
        #expect(PatchReporter.report(alone.outcomes.flatMap(\.applied) + alone.displayOnly)
            .contains("# not patchable: the CephCluster of namespace rook-ceph is not among the inputs"))
        // With the CephCluster among the inputs: by name, and `-o patch` patches it.
        let both = Linter.lint(Self.files().filter { $0.path != "mds.yaml" }, options: options)
        let named = try #require(both.findings.first { $0.rule == "PL101" && $0.file == "fs.yaml" && $0.object.probe == .liveness }?.suggestions.first)
        #expect(named.pasteInto == "CephCluster/rook-ceph/rook-ceph (cluster.yaml:1:1)")
        #expect(named.holder?.objectName == "CephCluster/rook-ceph/rook-ceph")
        // One command for the CephCluster, its own probes' changes and the MDS's, under the file
        // that holds it, whichever file comes first.
        for files in [Self.files().filter { $0.path != "mds.yaml" }, Self.files().filter { $0.path != "mds.yaml" }.reversed()] {
            let result = Fixer.fix(files, options: options)
            let patch = PatchReporter.report(result.outcomes.flatMap(\.applied) + result.displayOnly)
            #expect(patch.components(separatedBy: "kubectl patch cephcluster/rook-ceph -n rook-ceph --type=merge").count == 2, "\(patch)")
            #expect(patch.hasPrefix("# CephCluster/rook-ceph/rook-ceph (cluster.yaml): "), "\(patch)")
            #expect(patch.contains(#""mds":{"probe":{"timeoutSeconds":6}}"#) && patch.contains(#""mon":{"probe":{"timeoutSeconds":6}}"#), "\(patch)")
            #expect(!patch.contains("fs.yaml"), "\(patch)")
        }
    }

    /// From v1.6 to before v1.9 the MDS's liveness probe takes what the namespace's CephCluster
    /// writes (rook#7077): its periodSeconds 20, not Rook's 10, named as the CephCluster's; with
    /// its timeoutSeconds 10 no PL101 and no patch that would cut it to 6. Alone, or before v1.6,
    /// Rook's defaults.
    @Test func theClustersValuesAreTheMdsProbesBeforeOneNine() throws {
        var options = FixSupport.options([.latencyP99: "3s"], only: ["PL101"])
        options.environment.rook.flag = RookVersion(1, 8)
        let both = Self.files().filter { $0.path != "mds.yaml" }
        let run = Linter.lint(both, options: options)
        let f = try #require(run.findings.first { $0.rule == "PL101" && $0.file == "fs.yaml" && $0.object.probe == .liveness })
        #expect(f.notes.contains { $0.text.hasPrefix("probe: timeoutSeconds 1 (default), periodSeconds 20 (from CephCluster rook-ceph (cluster.yaml)),") },
                "\(f.notes.map(\.text))")
        // Alone, Kubernetes' 10, which Rook's probe leaves unset (its initialDelaySeconds 10 is
        // Rook's); at v1.5, which reads none of it, too.
        let alone = try #require(Linter.lint([both[1]], options: options).findings.first { $0.rule == "PL101" && $0.object.probe == .liveness })
        #expect(alone.notes.contains { $0.text.contains("periodSeconds 10 (default), failureThreshold 3 (default), initialDelaySeconds 10 (Rook default)") }, "\(alone.notes.map(\.text))")
        #expect(alone.notes.contains { $0.text.contains("unwritten fields are Rook's defaults where it sets them, else Kubernetes'") })
        var old = options
        old.environment.rook.flag = RookVersion(1, 5)
        let five = Linter.lint(both, options: old).findings.first { $0.rule == "PL101" && $0.file == "fs.yaml" && $0.object.probe == .liveness }
        #expect(five.map { !$0.notes.contains { $0.text.contains("(from CephCluster rook-ceph (cluster.yaml))") } } ?? true)
        // A timeoutSeconds the CephCluster sets too low: the fix raises it there (a fix `--fix`
        // writes, in the CephCluster's mapping), and says where it is set.
        let two = Self.cluster.replacingOccurrences(of: "periodSeconds: 20   # keep", with: "periodSeconds: 20\n          timeoutSeconds: 2")
        let low = Linter.lint([InputFile(path: "cluster.yaml", bytes: Array(two.utf8)), both[1]], options: options).findings
            .filter { $0.rule == "PL101" && $0.file == "fs.yaml" && $0.object.probe == .liveness }
        #expect(TextReporter(color: false).report(low).contains("\n  fix: timeoutSeconds 2 -> 6 (set in CephCluster rook-ceph (cluster.yaml)): "),
                "\(TextReporter(color: false).report(low))")
        #expect(!TextReporter(color: false).report(low).contains("timeoutSeconds 2 -> 6 (not set"))
        // The CephCluster's timeoutSeconds 10 is no PL101, and no patch cuts it.
        let ten = Self.cluster.replacingOccurrences(of: "periodSeconds: 20   # keep", with: "periodSeconds: 20\n          timeoutSeconds: 10")
        let tenFiles = [InputFile(path: "cluster.yaml", bytes: Array(ten.utf8)), both[1]]
        #expect(!Linter.lint(tenFiles, options: options).findings.contains { $0.rule == "PL101" && $0.object.container == "mds" })
        let fixed = Fixer.fix(tenFiles, options: options)
        #expect(!PatchReporter.report(fixed.outcomes.flatMap(\.applied) + fixed.displayOnly).contains(#""mds":{"probe":{"timeoutSeconds""#))
    }

    /// Two CephFilesystems before v1.9 whose MDS probes need different timeouts set the one field of
    /// their CephCluster: the command sets the larger, as `--fix` would choose, where it kept the
    /// value of the last input, below what the other MDS needed.
    @Test func twoFilesystemsFixesOfTheClustersFieldTakeTheLarger() throws {
        func fs(_ name: String, _ p99: String) -> InputFile {
            InputFile(path: "\(name).yaml", bytes: Array("""
                apiVersion: ceph.rook.io/v1
                kind: CephFilesystem
                metadata:
                  name: \(name)
                  namespace: rook-ceph
                  annotations: {probelint.io/latency-p99: "\(p99)"}
                spec:
                  metadataServer: {activeCount: 1}

                """.utf8))
        }
        var options = FixSupport.options([:], only: ["PL101"])
        options.environment.rook.flag = RookVersion(1, 8)
        for files in [[fs("fs2", "2s"), fs("fs1", "1s")], [fs("fs1", "1s"), fs("fs2", "2s")]] {
            let all = files + [InputFile(path: "cluster.yaml", bytes: Array(Self.cluster.utf8))]
            let result = Fixer.fix(all, options: options)
            let patch = PatchReporter.report(result.outcomes.flatMap(\.applied) + result.displayOnly)
            #expect(patch.contains(#""livenessProbe":{"mds":{"probe":{"timeoutSeconds":4}}"#), "\(patch)")
        }
    }

    /// The CephCluster's `livenessProbe.mds.disabled: true`, which Rook v1.6 to v1.8 reads: no MDS
    /// liveness probe, and no finding on one (it was judged as Rook's default). Before v1.6 the key
    /// is not read.
    @Test func theClustersDisabledTakesTheMdsLivenessProbeAway() throws {
        let disabled = Self.cluster.replacingOccurrences(of: "        probe:\n          periodSeconds: 20   # keep", with: "        disabled: true")
        #expect(disabled.contains("mds:\n        disabled: true"), "\(disabled)")
        let files = [InputFile(path: "cluster.yaml", bytes: Array(disabled.utf8)), InputFile(path: "fs.yaml", bytes: Array(Self.filesystem.utf8))]
        var options = FixSupport.options([.latencyP99: "3s"], only: ["PL101"])
        for (version, judged) in [(RookVersion(1, 7), false), (RookVersion(1, 8), false), (RookVersion(1, 5), true)] {
            options.environment.rook.flag = version
            let findings = Linter.lint(files, options: options).findings
            #expect(findings.contains { $0.file == "fs.yaml" && $0.object.probe == .liveness } == judged, "\(version)")
        }
    }

    /// Rook v1.8.2 to v1.8.x reads the MDS's startup probe from the CephCluster too
    /// (`healthCheck.startupProbe.mds`; v1.9 moved both to the CephFilesystem, rook#9550): its
    /// failureThreshold 30 is the MDS's, and PL105's fix raises it there. It was judged as Rook's
    /// 6, and a fix written there left the finding as it was. `disabled: true` takes the probe away.
    @Test func theClustersStartupProbeIsTheMdssInOneEight() throws {
        let cluster = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              healthCheck:
                startupProbe:
                  mds:
                    probe: {failureThreshold: 30}

            """
        let fs = "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: myfs, namespace: rook-ceph}\nspec:\n  metadataServer: {activeCount: 1}\n"
        func mds(_ clusterText: String, _ startup: String, _ version: RookVersion) -> Finding? {
            var options = FixSupport.options([.startupTime: startup], only: ["PL105"])
            options.environment.rook.flag = version
            let files = [InputFile(path: "cluster.yaml", bytes: Array(clusterText.utf8)), InputFile(path: "fs.yaml", bytes: Array(fs.utf8))]
            return Linter.lint(files, options: options).findings.first { $0.file == "fs.yaml" && $0.object.probe == .startup }
        }
        // 10 + (30 - 1) * 10 + 1 = 301 s: a start of 200 s fits, one of 400 s does not.
        #expect(mds(cluster, "200s", RookVersion(1, 8, 2)) == nil)
        let long = try #require(mds(cluster, "400s", RookVersion(1, 8, 2)))
        #expect(long.message.contains("can kill the mds container 301 s after it starts"), "\(long.message)")
        #expect(TextReporter(color: false).render(long).contains("\n  fix: failureThreshold 30 -> 40 (set in CephCluster rook-ceph (cluster.yaml)): "))
        // --fix writes it where the 30 is set, and its line is there: no "(default)".
        var options = FixSupport.options([.startupTime: "400s"], only: ["PL105"])
        options.environment.rook.flag = RookVersion(1, 8, 2)
        let fixed = Fixer.fix([InputFile(path: "cluster.yaml", bytes: Array(cluster.utf8)), InputFile(path: "fs.yaml", bytes: Array(fs.utf8))], options: options)
        let applied = try #require(fixed.outcomes.first { $0.file == "cluster.yaml" }?.applied.first { $0.path == "spec.healthCheck.startupProbe.mds.probe.failureThreshold" })
        #expect(applied.change == "startupProbe.mds failureThreshold 30 -> 40", "\(applied.change)")
        #expect(String(decoding: try #require(fixed.outcomes.first { $0.file == "cluster.yaml" }).fixed, as: UTF8.self).contains("probe: {failureThreshold: 40}"))
        #expect(!fixed.report.findings.contains { $0.file == "fs.yaml" })
        // Alone, Rook's 6: 61 s.
        #expect(mds(fs, "200s", RookVersion(1, 8, 2))?.message.contains("61 s after it starts") == true)
        // Disabled there: no startup probe.
        let disabled = cluster.replacingOccurrences(of: "probe: {failureThreshold: 30}", with: "disabled: true")
        #expect(mds(disabled, "400s", RookVersion(1, 8, 2)) == nil)
        #expect(mds(disabled.replacingOccurrences(of: "startupProbe", with: "livenessProbe"), "400s", RookVersion(1, 8, 2)) != nil)
    }

    static func files(_ extra: [(String, String)] = []) -> [InputFile] {
        ([("mds.yaml", deployment), ("cluster.yaml", cluster), ("fs.yaml", filesystem)] + extra)
            .map { InputFile(path: $0.0, bytes: Array($0.1.utf8)) }
    }

    static func options(_ version: RookVersion?) -> LintOptions {
        // The MDS probe asks the admin socket: its L99load is its idle L99 (`Inputs.offDataPath`).
        var options = FixSupport.options([.latencyP99: "3s"], only: ["PL301"])
        options.environment.rook.flag = version
        return options
    }

    /// PL301 on Rook v1.8's MDS Deployment: the field is the CephCluster's, and `--fix`, the
    /// JSON/SARIF edit and `-o patch` all write it there; from v1.9 on, the filesystem's.
    @Test func pl301TargetsTheClusterBeforeOneNine() throws {
        let report = Linter.lint(Self.files(), options: Self.options(RookVersion(1, 8)))
        let f = try #require(report.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" })
        #expect(f.message.hasSuffix("set spec.healthCheck.livenessProbe.mds.probe in CephCluster rook-ceph instead"))
        let s = try #require(f.suggestions.first)
        #expect(!s.displayOnly && s.value == 6)
        #expect(s.target?.file == "cluster.yaml")
        #expect(s.target?.path == "spec.healthCheck.livenessProbe.mds.probe.timeoutSeconds")

        let result = Fixer.fix(Self.files(), options: Self.options(RookVersion(1, 8)))
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(result.outcomes.first { $0.file == "mds.yaml" }?.changed == false)
        #expect(result.outcomes.first { $0.file == "fs.yaml" }?.changed == false)
        let fixed = try #require(result.outcomes.first { $0.file == "cluster.yaml" }.map { String(decoding: $0.fixed, as: UTF8.self) })
        #expect(fixed == Self.cluster + "          timeoutSeconds: 6\n")
        let patch = PatchReporter.report(result.outcomes.flatMap(\.applied) + result.displayOnly)
        #expect(patch.contains(#"kubectl patch cephcluster/rook-ceph -n rook-ceph --type=merge -p '{"spec":{"healthCheck":{"livenessProbe":{"mds":{"probe":{"timeoutSeconds":6}}}}}}'"#))

        let later = Linter.lint(Self.files(), options: Self.options(RookVersion(1, 9)))
        let g = try #require(later.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" })
        #expect(g.message.hasSuffix("set spec.metadataServer.livenessProbe.probe in CephFilesystem myfs instead"))
        #expect(g.suggestions.first?.target?.file == "fs.yaml")
        #expect(g.suggestions.first?.target?.path == "spec.metadataServer.livenessProbe.probe.timeoutSeconds")
    }

    /// The MDS's startup probe, from Rook v1.8.2 to v1.8.x, is set in the CephCluster too
    /// (`healthCheck.startupProbe.mds`, rook#9468 to rook#9550): PL301's fix is written there.
    /// It had been "change the CephFilesystem", whose `startupProbe` those releases do not read.
    @Test func theStartupProbeIsTheClustersFromOneEightTwo() throws {
        let deployment = Self.deployment.replacingOccurrences(of: "livenessProbe:", with: "startupProbe:")
        let cluster = Self.cluster.replacingOccurrences(of: "livenessProbe:", with: "startupProbe:")
        let files = [("mds.yaml", deployment), ("cluster.yaml", cluster), ("fs.yaml", Self.filesystem)].map { InputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        let report = Linter.lint(files, options: Self.options(RookVersion(1, 8, 2)))
        let f = try #require(report.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" })
        #expect(f.message.hasSuffix("set spec.healthCheck.startupProbe.mds.probe in CephCluster rook-ceph instead"), "\(f.message)")
        #expect(f.suggestions.first?.target?.file == "cluster.yaml")
        #expect(f.suggestions.first?.target?.path == "spec.healthCheck.startupProbe.mds.probe.timeoutSeconds")
        let result = Fixer.fix(files, options: Self.options(RookVersion(1, 8, 2)))
        let fixed = try #require(result.outcomes.first { $0.file == "cluster.yaml" }.map { String(decoding: $0.fixed, as: UTF8.self) })
        #expect(fixed == cluster + "          timeoutSeconds: 6\n")
        // Before v1.8.2 Rook generates no startup probe, and no CR sets one.
        let older = Linter.lint(files, options: Self.options(RookVersion(1, 8, 1)))
        #expect(older.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" }?.suggestions.first?.target == nil)
    }

    /// Before v1.9 the CephFilesystem's own MDS findings are fixed in the CephCluster's `probe:`
    /// mappings, with the planning of a pod's probe: T = P = 12 (PL101, L99 6 s), and the startup
    /// threshold computed again with T = 12 > P = 10: 10 + F * 10 >= 200 s, F = 19 (20 with the
    /// old T = 1). They had all been pastes beside mappings `--fix` could write.
    @Test func theFilesystemsOwnFixesGoIntoTheClustersMappings() throws {
        let cluster = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              healthCheck:
                livenessProbe:
                  mds:
                    probe:
                      initialDelaySeconds: 10
                startupProbe:
                  mds:
                    probe:
                      initialDelaySeconds: 10

            """
        let files = [("cluster.yaml", cluster), ("fs.yaml", Self.filesystem)].map { InputFile(path: $0.0, bytes: Array($0.1.utf8)) }
        var options = FixSupport.options([.latencyP99: "6s", .journalSize: "1GB", .journalBandwidth: "5MB/s"], only: ["PL101", "PL103", "PL105"])
        options.environment.rook.flag = RookVersion(1, 8, 10)
        let report = Linter.lint(files, options: options)
        let pl101 = try #require(report.findings.first { $0.rule == "PL101" && $0.file == "fs.yaml" })
        #expect(pl101.suggestions.allSatisfy { !$0.displayOnly && $0.target?.file == "cluster.yaml" }, "\(pl101.suggestions)")
        // The finding is the CephFilesystem's: its fix says which file and field it changes.
        #expect(pl101.suggestions.allSatisfy { $0.reason.hasSuffix("; set in CephCluster rook-ceph \($0.target?.path ?? "") (cluster.yaml)") }, "\(pl101.suggestions.map(\.reason))")
        let result = Fixer.fix(files, options: options)
        #expect(result.outcomes.allSatisfy { $0.error == nil })
        #expect(result.outcomes.first { $0.file == "fs.yaml" }?.changed == false)
        let fixed = try #require(result.outcomes.first { $0.file == "cluster.yaml" }.map { String(decoding: $0.fixed, as: UTF8.self) })
        let startup = try #require(fixed.range(of: "startupProbe:"))
        let (liveness, starting) = (fixed[..<startup.lowerBound], fixed[startup.upperBound...])
        #expect(liveness.contains("          timeoutSeconds: 12\n") && liveness.contains("          periodSeconds: 12\n"), "\(fixed)")
        #expect(starting.contains("          timeoutSeconds: 12\n") && starting.contains("          failureThreshold: 19\n"), "\(fixed)")
        #expect(!result.report.findings.contains { $0.file == "fs.yaml" && ["PL101", "PL105"].contains($0.rule) },
                "\(result.report.findings.map { "\($0.file) \($0.rule) \($0.message)" })")
        // A 40 s budget, 2 GB of journal: liveness T 1 -> 10 (capped: 3 * 10 + 10 = 40 s), startup
        // T 1 -> 12 and F 6 -> 39 (10 + 39 * 10 >= 400 s), as a CephFilesystem of v1.9 gets them. The two
        // probes' fixes all anchor at `metadataServer:`, and the startup threshold had been planned
        // into the liveness probe's budget: W_max = 490 s, and nothing was written.
        options.environment.options.detectionBudget = Seconds(40)
        options.environment.flags = FixSupport.options([.latencyP99: "6s", .journalSize: "2GB", .journalBandwidth: "5MB/s"]).environment.flags
        let tight = Fixer.fix(files, options: options)
        #expect(tight.conflicts.isEmpty, "\(tight.conflicts.map(\.message))")
        let text = try #require(tight.outcomes.first { $0.file == "cluster.yaml" }.map { String(decoding: $0.fixed, as: UTF8.self) })
        let at = try #require(text.range(of: "startupProbe:"))
        #expect(text[..<at.lowerBound].contains("          timeoutSeconds: 10\n") && !text[..<at.lowerBound].contains("failureThreshold"), "\(text)")
        #expect(text[at.upperBound...].contains("          timeoutSeconds: 12\n") && text[at.upperBound...].contains("          failureThreshold: 39\n"), "\(text)")
    }

    /// The version may come from the operator's image among the inputs (rook/ceph:v1.8.2).
    @Test func theOperatorImageChoosesTheCluster() throws {
        let report = Linter.lint(Self.files([("operator.yaml", Self.operatorImage)]), options: Self.options(nil))
        let f = try #require(report.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" })
        #expect(f.suggestions.first?.target?.file == "cluster.yaml")
        #expect(f.notes.contains { $0.text.hasPrefix("Rook v1.8.2 reads the MDS probes from the CephCluster (spec.healthCheck.livenessProbe.mds)") })
    }

    /// Without the CephCluster among the inputs the fix is the YAML to paste, into the namespace's CephCluster.
    @Test func withoutTheClusterThePasteNamesIt() throws {
        let files = Self.files().filter { $0.path != "cluster.yaml" }
        let report = Linter.lint(files, options: Self.options(RookVersion(1, 8)))
        let f = try #require(report.findings.first { $0.rule == "PL301" && $0.file == "mds.yaml" })
        #expect(f.message.hasSuffix("set spec.healthCheck.livenessProbe.mds.probe in the CephCluster of namespace rook-ceph instead"))
        let s = try #require(f.suggestions.first)
        #expect(s.displayOnly && s.pasteInto == "the CephCluster of namespace rook-ceph")
        #expect(s.yaml?.contains("      mds:\n        probe:\n") == true)
    }
}
