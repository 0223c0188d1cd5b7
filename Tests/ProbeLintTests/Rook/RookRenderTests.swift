import Foundation
import Testing
@testable import ProbeLint

/// CR -> generated probe: positions into the CR, 0 = Rook's default, disabled, version.
@Suite struct RookRenderTests {
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
                timeoutSeconds: 0
                periodSeconds: 10
            startupProbe:
              disabled: true
        """

    func context(_ yaml: String, version: String? = nil) throws -> ObjectContext {
        let doc = try #require(try Reader.readAll(yaml).first)
        let decoded = ManifestDecoder.decode(doc)
        var env = Environment()
        env.rook.flag = version.flatMap(RookVersion.parse)
        return ObjectContext(manifest: try #require(decoded.manifests.first), document: doc, environment: env,
                             problems: decoded.problems)
    }

    /// `disabled` exists in a probe's spec since Rook v1.4 (rook#5836): an older Rook
    /// generates the probe whatever the CR says (the v1.1 incident probe vanished).
    @Test func disabledIsReadFromRookOneFourOn() throws {
        let store = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: my-store, namespace: rook-ceph}
            spec:
              gateway: {port: 80, instances: 1}
              healthCheck: {livenessProbe: {disabled: true}}
            """
        #expect(try context(store, version: "v1.1").probes.contains { $0.probe.kind == .liveness })
        #expect(try context(store, version: "v1.3").probes.contains { $0.probe.kind == .liveness })
        #expect(try !context(store, version: "v1.4").probes.contains { $0.probe.kind == .liveness })
        #expect(try !context(store, version: "v1.20").probes.contains { $0.probe.kind == .liveness })
    }

    /// Before v1.4 the CRs have no probe settings: the Rook note says the probe is generated for
    /// the CR, not that it comes from a field the CR does not have.
    @Test func theRookNoteNamesTheFieldOnlyWhereTheCRHasIt() throws {
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: my-store, namespace: rook-ceph}\nspec:\n  gateway: {port: 80, instances: 1}\n"
        func note(_ version: String) throws -> String {
            let ctx = try context(store, version: version)
            let subject = try #require(ctx.probes.first { $0.probe.kind == .liveness })
            var notes = Notes()
            ctx.rookNote(subject, into: &notes)
            return try #require(notes.first { $0.name == "rook" }).text
        }
        let old = try note("v1.1.0"), current = try note("v1.4.0")
        #expect(old.contains("for CephObjectStore my-store, whose spec has no spec.healthCheck.livenessProbe before Rook v1.4.0;"), "\(old)")
        #expect(try note("v1.3.11").contains("whose spec has no"))
        #expect(current.contains("from CephObjectStore my-store spec.healthCheck.livenessProbe;"), "\(current)")
    }

    @Test func mdsLivenessFromTheCR() throws {
        let ctx = try context(Self.filesystem)
        #expect(ctx.probes.count == 1)
        let s = try #require(ctx.probes.first)
        #expect(s.detection.component == .mds)
        #expect(s.ref.kind == "CephFilesystem" && s.ref.container == "mds" && s.ref.probe == .liveness)
        #expect(s.probe.timing == ProbeTiming(initialDelay: 30, timeout: 25, period: 10, success: 1, failure: 5))
        // timeoutSeconds: 0 is written (line 12, column 25) and means Rook's 25.
        guard case .written(25, _, let value) = s.probe.timeoutSeconds else { Issue.record("\(s.probe.timeoutSeconds)"); return }
        #expect(value.start.line == 12 && value.start.column == 25)
        // Unwritten fields point at `probe:` (line 11), where they can be inserted.
        #expect(s.probe.failureThreshold.anchor.start.line == 11)
        #expect(s.probe.failureThreshold.anchor.start.column == 7)
        #expect(s.probe.path == "spec.metadataServer.livenessProbe.probe")
        #expect(s.probe.generatedBy?.canInsertFields == true)
        #expect(s.probe.handler?.kind == .exec)
    }

    @Test func absentProbePointsAtMetadataServer() throws {
        let ctx = try context("""
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata: {name: myfs}
            spec:
              metadataServer:
                activeCount: 1
            """)
        let s = try #require(ctx.probes.first)
        #expect(s.probe.timeoutSeconds.anchor.start.line == 5)
        #expect(s.probe.timeoutSeconds.anchor.start.column == 3)
        #expect(s.probe.generatedBy?.canInsertFields == false)
    }

    @Test func v1_1ObjectStoreRendersTheIncidentsProbe() throws {
        let yaml = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: my-store, namespace: rook-ceph}
            spec:
              gateway:
                port: 8080
                instances: 1
            """
        let s = try #require(try context(yaml, version: "v1.1").probes.first)
        #expect(s.probe.kind == .liveness)
        #expect(s.probe.handler?.kind == .httpGet && s.probe.handler?.port == .number(8080) && s.probe.handler?.path == "/")
        #expect(s.probe.timing?.timeout == 1)
        #expect(s.inputs.sharesDataPath)
        // v1.20: readiness and startup only.
        #expect(try context(yaml).probes.map(\.probe.kind) == [.startup, .readiness])
    }

    @Test func clusterRendersMonMgrOsd() throws {
        let ctx = try context("""
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph}
            spec:
              healthCheck:
                livenessProbe:
                  mon:
                    disabled: true
                  osd:
                    probe:
                      timeoutSeconds: 9
            """)
        let kinds = ctx.probes.map { "\($0.ref.container ?? "") \($0.probe.kind)" }
        #expect(kinds == ["mon startup", "mgr startup", "mgr liveness", "osd startup", "osd liveness"])
        #expect(ctx.probes.first { $0.ref.container == "osd" && $0.probe.kind == .liveness }?.probe.timing?.timeout == 9)
        #expect(ctx.probes.first { $0.ref.container == "osd" && $0.probe.kind == .startup }?.probe.timing?.failure == 720)
    }

    @Test func wrongTypesInTheCRArePL202() {
        let report = TestSupport.lint("""
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata: {name: myfs}
            spec:
              metadataServer:
                activeStandby: "yes"
                livenessProbe:
                  probe:
                    timeoutSeconds: "5"
            """)
        let pl202 = report.findings.filter { $0.rule == "PL202" }.map { "\($0.range.start)" }
        #expect(pl202 == ["6:20", "9:25"])
    }
}

extension RookRenderTests {
    /// Rook runs no daemons for an external cluster or external gateways: nothing to lint.
    @Test func externalResourcesRenderNoPods() throws {
        let store = try context("""
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: external-store}
            spec:
              gateway:
                port: 80
                externalRgwEndpoints:
                  - ip: 192.168.39.182
            """)
        #expect(store.containers.isEmpty && store.probes.isEmpty)
        let cluster = try context("""
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph-external}
            spec:
              external:
                enable: true
            """)
        #expect(cluster.containers.isEmpty)
    }
}

extension RookRenderTests {
    /// The incident's probe generated from a v1.1 CephObjectStore gives the same PL101 and PL102
    /// messages as the Deployment Rook v1.1 made from it (examples/rgw-incident.yaml), pointing
    /// into the CR (its `spec:` key: Rook v1.1's CR has no probe field).
    @Test func generatedProbeLintsLikeTheWrittenOne() throws {
        var options = LintOptions()
        options.environment.flags = .flags([.bandwidth: .rate(BytesPerSecond(10e6)), .largestTransfer: .bytes(Bytes(700e6))])
        options.environment.rook.flag = RookVersion(1, 1)
        let cr = Linter.lint(InputFile(path: "object.yaml", bytes: Array("""
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: my-store, namespace: rook-ceph}
            spec:
              gateway:
                port: 80
                instances: 1
            """.utf8)), options: options)
        let data = try #require(FileManager.default.contents(atPath: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml").path))
        let deployment = Linter.lint(InputFile(path: "d.yaml", bytes: Array(data)), options: options)
        for rule: RuleID in ["PL101", "PL102"] {
            let a = try #require(cr.findings.first { $0.rule == rule })
            let b = try #require(deployment.findings.first { $0.rule == rule })
            #expect(a.message == b.message)
            #expect("\(a.range.start)" == "4:1")
            #expect(a.suggestions.first?.value == 3 && a.suggestions.first?.displayOnly == true)
        }
    }
}

extension RookRenderTests {
    /// Wrong types anywhere in a CR are PL202 findings at the value, never a crash.
    @Test func hostileCRs() {
        let report = TestSupport.lint("""
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: a}
            spec:
              external: yes-please
              healthCheck:
                livenessProbe:
                  mon: 5
                  mgr: {disabled: maybe, probe: [1]}
                startupProbe: []
            ---
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata: {name: c}
            spec:
              metadataServer:
                cacheMemoryLimitFactor: 1.5
                cacheMemoryRequestFactor: .nan
                resources: {limits: {memory: 1e999Gi}}
            ---
            kind: ConfigMap
            metadata: {name: rook-config-override}
            data: {config: [1, 2]}
            """)
        #expect(report.errors.isEmpty)
        let pl202 = report.findings.filter { $0.rule == "PL202" }.map { "\($0.range.start) \($0.message)" }
        #expect(pl202 == [
            "8:12 mon must be a mapping, not an integer",
            "9:23 disabled must be true or false, not a string",
            "9:37 probe must be a mapping, not a list",
            "10:19 startupProbe must be a mapping, not a list",
            "17:29 cacheMemoryLimitFactor must be a number from 0 to 1 (the CRD's range), not 1.5",
            "18:31 cacheMemoryRequestFactor must be a number from 0 to 1 (the CRD's range), not .nan",
        ], "\(pl202)")
        // A ConfigMap's non-string data is not read (no ceph.conf), and an infinite memory limit compares as such.
        #expect(!report.findings.contains { $0.rule == "PL302" })
    }
}
