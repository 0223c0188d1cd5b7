import Foundation
import Testing
@testable import ProbeLint

/// PL304: probe settings of Rook CRs that the modelled Rook version does not apply, each at the
/// releases where that holds (docs/reference.md 3b, docs/rook-releases.md).
@Suite struct PL304Tests {
    /// `file line:column severity` of each PL304 finding of `yaml` with Rook `version`.
    static func places(_ yaml: String, rook version: String) -> [String] {
        var options = LintOptions()
        options.environment.rook.flag = RookVersion.parse(version)
        return TestSupport.lint(yaml, options: options).findings.filter { $0.rule == "PL304" }
            .map { "\($0.range.start.line):\($0.range.start.column) \($0.severity.rawValue)" }
    }

    /// The findings of `yaml` with Rook `version`, and the MDS journal of the incident (382 MB at 2 MB/s).
    static func findings(_ yaml: String, rook version: String) -> [Finding] {
        var options = LintOptions()
        options.environment.rook.flag = RookVersion.parse(version)
        options.environment.flags = .flags([.journalSize: .bytes(Bytes(382e6)), .journalBandwidth: .rate(BytesPerSecond(2e6))])
        return TestSupport.lint(yaml, options: options).findings
    }

    static func cluster(_ healthCheck: String) -> String {
        "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: c, namespace: rook-ceph}\nspec:\n  healthCheck:\n" + healthCheck
    }

    static func filesystem(_ metadataServer: String) -> String {
        "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: myfs, namespace: rook-ceph}\nspec:\n  metadataServer:\n    activeStandby: true\n" + metadataServer
    }

    /// Before v1.6 Rook reads no timing from a CR's probe, and before v1.4 no `disabled`: both are
    /// said where written, once per spec (a probe pasted for a later release, with its handler,
    /// is one finding).
    @Test func oldReleasesReadNoTimingAndNoDisabled() throws {
        let store = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: s, namespace: rook-ceph}
            spec:
              healthCheck:
                livenessProbe:
                  disabled: true
                readinessProbe:
                  probe:
                    tcpSocket: {port: 80}
                    timeoutSeconds: 3

            """
        // Before v1.7.7 Rook generates no RGW readiness probe (rook#9080 introduced it): the
        // whole setting is said, once, at its key.
        #expect(Self.places(store, rook: "v1.1.0") == ["7:17 warning", "8:5 warning"])
        #expect(Self.places(store, rook: "v1.4.0") == ["8:5 warning"])
        #expect(Self.places(store, rook: "v1.7.6") == ["8:5 warning"])
        // From v1.7.7 Rook has the probe and reads its timing (from v1.6): the handler is what is
        // not applied.
        #expect(Self.places(store, rook: "v1.7.7") == ["10:9 warning"])
        // A probe Rook does generate (RGW liveness): before v1.6 its timing is not read, said at
        // `probe:`; from v1.6 only the handler is not applied.
        let liveness = store.replacingOccurrences(of: "    livenessProbe:\n      disabled: true\n    readinessProbe:", with: "    livenessProbe:")
        #expect(Self.places(liveness, rook: "v1.5.0") == ["7:7 warning"])
        #expect(Self.places(liveness, rook: "v1.6.0") == ["8:9 warning"])
        let timing = store.replacingOccurrences(of: "        tcpSocket: {port: 80}\n", with: "")
        #expect(Self.places(timing, rook: "v1.7.7").isEmpty)
        var v16 = LintOptions()
        v16.environment.rook.flag = RookVersion(1, 6)
        let unread = try #require(TestSupport.lint(timing, options: v16).findings.first { $0.rule == "PL304" })
        #expect(unread.message == "healthCheck.readinessProbe is not read by Rook v1.6, which generates no RGW readiness probe (from v1.7.7, rook#9080: \"introduce readinessProbe\"): this setting changes nothing")
        // An RGW startup probe before v1.8.2, and the CephCluster's MDS key before v1.6, which
        // the MDS took nothing of, `disabled` included.
        let startup = store.replacingOccurrences(of: "readinessProbe:", with: "startupProbe:")
        #expect(Self.places(startup, rook: "v1.8.0") == ["8:5 warning"])
        #expect(Self.places(startup, rook: "v1.8.2") == ["10:9 warning"])
        let mds = Self.cluster("    livenessProbe:\n      mds:\n        disabled: true\n")
        #expect(Self.places(mds, rook: "v1.5.0") == ["7:7 warning"])
        #expect(Self.places(mds, rook: "v1.6.0").isEmpty)
        // Nor does the CephFilesystem's, then: its finding no longer sends the setting to the
        // CephCluster, whose key v1.5 does not read either.
        var v15 = LintOptions()
        v15.environment.rook.flag = RookVersion(1, 5)
        let fs = try #require(TestSupport.lint(Self.filesystem("    livenessProbe:\n      disabled: true\n"), options: v15).findings.first { $0.rule == "PL304" })
        #expect(fs.message.hasPrefix("metadataServer.livenessProbe is not read by Rook v1.5, whose MDS takes no probe setting from any CR"), "\(fs.message)")
        let mon = Self.cluster("    livenessProbe:\n      mon:\n        probe:\n          timeoutSeconds: 5\n")
        var options = LintOptions()
        options.environment.rook.flag = RookVersion(1, 5)
        let f = try #require(TestSupport.lint(mon, options: options).findings.first { $0.rule == "PL304" })
        #expect(f.message == "spec.healthCheck.livenessProbe.mon.probe is not read by Rook v1.5, which takes no probe timing from the CR (from v1.6.0, rook#7153): these settings change nothing")
    }

    /// A handler in a CR's probe: Rook keeps its own, in every version. Said once per spec, and
    /// not for a spec already said to be unread, nor for a disabled one.
    @Test func aHandlerInTheCRIsNotApplied() throws {
        let mgr = Self.cluster("    livenessProbe:\n      mgr:\n        probe:\n          httpGet: {path: /, port: 9283}\n          timeoutSeconds: 10\n")
        #expect(Self.places(mgr, rook: "v1.20") == ["9:11 warning"])
        #expect(Self.places(mgr, rook: "v1.8.4") == ["9:11 warning"])
        var options = LintOptions()
        options.environment.rook.flag = RookVersion(1, 20)
        let finding = try #require(TestSupport.lint(mgr, options: options).findings.first { $0.rule == "PL304" })
        #expect(finding.message == "spec.healthCheck.livenessProbe.mgr.probe.httpGet is not applied by Rook: it keeps the handler of the probe it generates and takes only the timing fields from the CR, so this check changes nothing")
        // Disabled: no probe at all, whatever its handler.
        #expect(Self.places(mgr.replacingOccurrences(of: "      mgr:\n", with: "      mgr:\n        disabled: true\n"), rook: "v1.20").isEmpty)
        // The MDS in the CephCluster from v1.9: one finding, that the spec is not read there.
        let mds = mgr.replacingOccurrences(of: "mgr:", with: "mds:")
        #expect(Self.places(mds, rook: "v1.20") == ["7:7 warning"])
        // A spec with only a handler where Rook reads none: that it is not read, once.
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec:\n  healthCheck:\n    livenessProbe:\n      probe:\n        tcpSocket: {port: 8080}\n"
        var v120 = LintOptions()
        v120.environment.rook.flag = RookVersion(1, 20)
        #expect(TestSupport.lint(store, options: v120).findings.filter { $0.rule == "PL304" }.map { String($0.message.prefix(50)) }
                == ["healthCheck.livenessProbe is not read by Rook v1.2"])
        // Two handlers: the first written is named.
        let two = Self.cluster("    livenessProbe:\n      mgr:\n        probe:\n          tcpSocket: {port: 9283}\n          exec: {command: [\"true\"]}\n")
        #expect(TestSupport.lint(two, options: options).findings.first { $0.rule == "PL304" }?.message.hasPrefix("spec.healthCheck.livenessProbe.mgr.probe.tcpSocket") == true)
        // A CephFilesystem's liveness probe with a handler.
        let fs = Self.filesystem("    livenessProbe:\n      probe:\n        exec: {command: [\"true\"]}\n")
        #expect(Self.places(fs, rook: "v1.20").count == 1)
    }

    @Test func aKeyThatNamesNoDaemonChangesNothing() throws {
        let typo = Self.cluster("    livenessProbe:\n      mons:\n        probe: {timeoutSeconds: 10}\n      osds:\n        disabled: false\n")
        #expect(Self.places(typo, rook: "v1.20") == ["7:7 warning"])  // `osds: {disabled: false}` changes nothing anyway
        var options = LintOptions()
        options.environment.rook.flag = RookVersion(1, 20)
        let finding = try #require(TestSupport.lint(typo, options: options).findings.first { $0.rule == "PL304" })
        #expect(finding.message == "healthCheck.livenessProbe.mons names no daemon Rook reads there (mon, mgr, osd): this setting changes nothing; did you mean mon?")
        // Before v1.9 the CephCluster's `mds` is read: `mdss` is near it.
        #expect(Self.places(typo.replacingOccurrences(of: "mons", with: "mdss"), rook: "v1.8.4") == ["7:7 warning"])
        // `rgw` is no typo, and one letter from `mgr` is two edits: where the RGW's probes are set.
        var rgw = TestSupport.lint(typo.replacingOccurrences(of: "mons", with: "rgw"), options: options).findings.filter { $0.rule == "PL304" }
        #expect(rgw.map(\.message) == ["healthCheck.livenessProbe.rgw: the RGW's probes are set in each CephObjectStore's spec.healthCheck, not here: this setting changes nothing"])
        // Before v1.8.2 no key of startupProbe is read: said so, not that it names no daemon.
        var old = LintOptions()
        old.environment.rook.flag = RookVersion(1, 8, 1)
        let startup = Self.cluster("    startupProbe:\n      osds:\n        probe: {failureThreshold: 100}\n")
        rgw = TestSupport.lint(startup, options: old).findings.filter { $0.rule == "PL304" }
        #expect(rgw.map(\.message) == ["healthCheck.startupProbe.osds is not read by Rook v1.8.1, which generates no startup probes (from v1.8.2, rook#9468)"])
    }

    /// The CephCluster's `mds` is read from v1.6 (liveness) to v1.8, and not from v1.9 (rook#9550).
    @Test func theClustersMdsKeyUntilV1_9() {
        let mds = Self.cluster("    livenessProbe:\n      mds:\n        disabled: true\n")
        #expect(Self.places(mds, rook: "v1.8.12").isEmpty)
        #expect(Self.places(mds, rook: "v1.9.0") == ["7:7 warning"])
        #expect(Self.places(mds, rook: "v1.20.6") == ["7:7 warning"])
        // And the CephFilesystem's before v1.9.
        let fs = Self.filesystem("    livenessProbe:\n      probe: {timeoutSeconds: 10}\n")
        #expect(Self.places(fs, rook: "v1.8.12") == ["7:5 warning"])
        #expect(Self.places(fs, rook: "v1.9.0").isEmpty)
        // A CephFilesystem's startup probe before v1.8.2 is not sent to the CephCluster's key,
        // which that release does not read either: it has no startup probes at all.
        func messages(_ yaml: String, rook version: String) -> [String] {
            Self.findings(yaml, rook: version).filter { $0.rule == "PL304" }.map(\.message)
        }
        let startup = Self.filesystem("    startupProbe:\n      probe: {failureThreshold: 19}\n")
        #expect(messages(startup, rook: "v1.8.0") == ["metadataServer.startupProbe is not read by Rook v1.8.0, which generates no startup probes (from v1.8.2, rook#9468)"])
        #expect(messages(startup, rook: "v1.8.2").first?.contains("set in the CephCluster's spec.healthCheck.startupProbe.mds") == true)
    }

    @Test func noStartupProbesBeforeV1_8_2() {
        let startup = Self.cluster("    startupProbe:\n      osd:\n        probe: {failureThreshold: 1000}\n")
        #expect(Self.places(startup, rook: "v1.8.1") == ["7:7 warning"])
        #expect(Self.places(startup, rook: "v1.8.2").isEmpty)
    }

    @Test func noRGWLivenessProbeFromV1_11() {
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec:\n  healthCheck:\n    livenessProbe:\n      probe: {timeoutSeconds: 10}\n"
        #expect(Self.places(store, rook: "v1.10.13").isEmpty)
        #expect(Self.places(store, rook: "v1.11.0") == ["6:5 warning"])
        #expect(Self.places(store.replacingOccurrences(of: "probe: {timeoutSeconds: 10}", with: "disabled: false"), rook: "v1.20").isEmpty)
    }

    /// From v1.12.6 (rook#12860) an MDS startup probe with a `probe:` fails the operator
    /// (rook#13542, rook#16063): an error at `probe:`. Disabled, or without `probe:`, it is none.
    @Test func anMdsStartupProbeInTheFilesystemIsAnError() {
        let startup = Self.filesystem("    startupProbe:\n      probe:\n        timeoutSeconds: 15\n")
        #expect(Self.places(startup, rook: "v1.12.5").isEmpty)
        #expect(Self.places(startup, rook: "v1.12.6") == ["8:7 error"])
        #expect(Self.places(startup, rook: "v1.20") == ["8:7 error"])
        #expect(Self.places(startup.replacingOccurrences(of: "    startupProbe:\n", with: "    startupProbe:\n      disabled: true\n"), rook: "v1.20").isEmpty)
        #expect(Self.places(Self.filesystem("    startupProbe:\n      disabled: false\n"), rook: "v1.20").isEmpty)
    }

    /// The CephCluster's MDS startup probe, read until v1.9: from v1.12.6 it is to be removed, not
    /// moved to the CephFilesystem, where the operator fails on it (the message sent it there).
    /// And a fix of the CephFilesystem's before v1.12.6 says to take it out before that upgrade.
    @Test func anMdsStartupProbeIsRemovedBeforeTheUpgradeThatBreaksOnIt() throws {
        func messages(_ yaml: String, rook version: String) -> [String] {
            Self.findings(yaml, rook: version).filter { $0.rule == "PL304" }.map(\.message)
        }
        let cluster = Self.cluster("    startupProbe:\n      mds:\n        probe: {failureThreshold: 19}\n")
        #expect(messages(cluster, rook: "v1.10.4").first?.contains("are set in each CephFilesystem's spec.metadataServer.startupProbe") == true)
        #expect(messages(cluster, rook: "v1.13").first?.contains("remove it, and do not move it to the CephFilesystem's spec.metadataServer.startupProbe") == true)
        func fixReasons(_ version: String) -> [String] {
            let fs = Self.filesystem("    startupProbe:\n      probe:\n        failureThreshold: 12\n")
            return Self.findings(fs, rook: version).filter { $0.rule == "PL105" }.flatMap(\.suggestions).map(\.reason)
        }
        let caveat = "remove spec.metadataServer.startupProbe.probe before upgrading to Rook v1.12.6 or later"
        #expect(!fixReasons("v1.12.5").isEmpty && fixReasons("v1.12.5").allSatisfy { $0.contains(caveat) }, "\(fixReasons("v1.12.5"))")
        #expect(fixReasons("v1.9.0").allSatisfy { $0.contains(caveat) })
        #expect(fixReasons("v1.8.12").allSatisfy { !$0.contains(caveat) })
    }

    /// Rook's own examples (v1.20.6: `disabled: false` everywhere) change nothing.
    @Test func rooksExamplesAreClean() throws {
        let corpus = TestSupport.shared.appendingPathComponent("corpus/rook-v1.20.6")
        for name in ["cluster.yaml", "filesystem.yaml", "object.yaml"] {
            let text = try String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
            #expect(Self.places(text, rook: "v1.20.6").isEmpty, "\(name)")
        }
    }
}
