import Testing
@testable import ProbeLint

@Suite struct PL107Tests {
    func findings(_ yaml: String) -> [Finding] {
        TestSupport.lint(yaml).findings.filter { $0.rule == "PL107" }
    }

    func rgw(_ kind: ProbeKind = .liveness, probe: String) -> String {
        TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", probeKind: kind, probe: probe)
    }

    @Test func rgwGetSlashIsListBuckets() throws {
        let f = try #require(findings(rgw(probe: "httpGet:\n  path: /\n  port: 80")).first)
        #expect(f.severity == .warning)
        #expect(f.message.hasPrefix("livenessProbe GET / on port 80 is an anonymous S3 ListBuckets that waits on the OSDs"))
        #expect(f.range.start.line == 17)
        #expect(f.range.start.column == 21)
        #expect(f.suggestions.isEmpty)
    }

    /// The fix keeps the container's readinessProbe, or, where it has none, puts one in the liveness probe's place.
    @Test func theFixNoteNamesAReadinessProbeOnlyWhereThereIsOne() throws {
        let without = try #require(findings(rgw(probe: "httpGet:\n  path: /\n  port: 80")).first)
        #expect(without.notes.last?.text == "fix: an exec probe on the admin socket, a port that does not carry client traffic, or no liveness probe and a readinessProbe in its place (a busy daemon then leaves its Service instead of restarting)")
        let with = rgw(probe: "httpGet:\n  path: /\n  port: 80").replacingOccurrences(of: "\n          livenessProbe:", with: "\n          readinessProbe:\n            tcpSocket: {port: 80}\n          livenessProbe:")
        let f = try #require(findings(with).first)
        #expect(f.notes.last?.text == "fix: an exec probe on the admin socket, a port that does not carry client traffic, or no liveness probe (keep the readinessProbe)")
    }

    /// A probe Rook generates from a CephObjectStore has Rook's handler: the fix is what the CR
    /// can do in that release (disabled from v1.4), or an upgrade; v1.1 can do nothing.
    @Test(arguments: [(RookVersion(1, 1), "fix: Rook v1.1 writes this probe and reads no setting that changes or removes it: upgrade (from Rook v1.4.0, spec.healthCheck.livenessProbe.disabled: true in CephObjectStore my-store removes it; Rook v1.11.0 and later generate no RGW liveness probe)"),
                      (RookVersion(1, 8), "fix: spec.healthCheck.livenessProbe.disabled: true in CephObjectStore my-store (Rook then generates no livenessProbe for it), or upgrade: Rook v1.11.0 and later generate no RGW liveness probe")])
    func rookGeneratedProbesGetTheCRsFix(version: RookVersion, fix: String) throws {
        let store = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/object-store.yaml"), encoding: .utf8)
        var options = LintOptions()
        options.environment.rook.flag = version
        let f = try #require(TestSupport.lint(store, options: options).findings.first { $0.rule == "PL107" })
        #expect(f.notes.filter { $0.text.hasPrefix("fix:") }.map(\.text) == [fix])
    }

    @Test func rgwTcpSocketAndSwiftHealthcheckStillShareThePort() {
        #expect(findings(rgw(probe: "tcpSocket:\n  port: 8080")).count == 1)
        let swift = findings(rgw(probe: "httpGet:\n  path: /swift/healthcheck\n  port: 8080"))
        #expect(swift.first?.message.hasPrefix("livenessProbe httpGet on port 8080 shares the rgw data port") == true)
    }

    @Test func readinessExecAndMgrAreFine() {
        #expect(findings(rgw(.readiness, probe: "httpGet:\n  path: /\n  port: 80")).isEmpty)
        #expect(findings(rgw(probe: "exec:\n  command: [curl, localhost]")).isEmpty)
        let mgr = TestSupport.deployment(name: "mgr", labels: ["app": "rook-ceph-mgr"], container: "mgr",
                                         probe: "httpGet:\n  path: /\n  port: 9283")
        #expect(findings(mgr).isEmpty)
    }

    @Test func genericOnlyWithTheAnnotation() {
        let probe = "httpGet:\n  path: /healthz\n  port: 8080"
        #expect(findings(TestSupport.deployment(probe: probe)).isEmpty)
        #expect(findings(TestSupport.deployment(probe: probe, annotations: ["probelint.io/data-ports": "8080"])).count == 1)
        #expect(findings(TestSupport.deployment(probe: probe, annotations: ["probelint.io/data-ports": "9000"])).isEmpty)
    }

    /// An annotation on the object wins over the same one on its pod template, as every
    /// probelint.io input does (README): here data-ports, which only PL107 and PL101 read this way.
    @Test func theObjectsDataPortsWinOverTheTemplates() throws {
        let probe = "tcpSocket: {port: 8080}"
        let both = TestSupport.deployment(probe: probe, annotations: ["probelint.io/data-ports": "8080"],
                                          templateAnnotations: ["probelint.io/data-ports": "9090"])
        let finding = try #require(findings(both).first)
        #expect(finding.notes.first { $0.name == "dataPort" }?.text == "port 8080 is a data port (listed in probelint.io/data-ports: 8080)")
        let reversed = TestSupport.deployment(probe: probe, annotations: ["probelint.io/data-ports": "9090"],
                                              templateAnnotations: ["probelint.io/data-ports": "8080"])
        #expect(findings(reversed).isEmpty)
        #expect(findings(TestSupport.deployment(probe: probe, templateAnnotations: ["probelint.io/data-ports": "8080"])).count == 1)
    }

    @Test func annotationNamesMatchDeclaredPorts() {
        let ports = "\n          ports:\n            - name: http\n              containerPort: 8080"
        let yaml = TestSupport.deployment(probe: "tcpSocket:\n  port: 8080", annotations: ["probelint.io/data-ports": "http, grpc"],
                                          ports: ports)
        #expect(findings(yaml).count == 1)
    }

    /// Rook from v1.3 renders a CephObjectStore's probes on 8080, where RGW listens on the pod
    /// network, and the note says why the port differs from gateway.port; Rook v1.2 on gateway.port.
    @Test func rookRGWProbesReachPort8080() throws {
        let store = """
            apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            metadata: {name: my-store, namespace: rook-ceph}
            spec:
              gateway: {port: 80, instances: 1}

            """
        func finding(_ version: RookVersion) -> Finding? {
            var options = LintOptions()
            options.environment.rook.flag = version
            return TestSupport.lint(store, options: options).findings.first { $0.rule == "PL107" }
        }
        let current = try #require(finding(RookVersion(1, 8)))
        #expect(current.message.hasPrefix("livenessProbe tcpSocket on port 8080 shares the rgw data port"))
        #expect(current.notes.contains { $0.text.hasPrefix("port 8080 is a data port: on the pod network Rook's RGW listens on it") })
        let old = try #require(finding(RookVersion(1, 2)))
        #expect(old.message.hasPrefix("livenessProbe httpGet on port 80 shares the rgw data port"))
        #expect(!old.notes.contains { $0.text.contains("pod network") })
        // gateway.port 8080 where it is the port RGW listens on: no word of the internal port.
        let own = TestSupport.lint(store.replacingOccurrences(of: "port: 80,", with: "port: 8080,"),
                                   options: { var o = LintOptions(); o.environment.rook.flag = RookVersion(1, 2); return o }())
        #expect(own.findings.first { $0.rule == "PL107" }?.notes.contains { $0.text.contains("pod network") } == false)
        // A CR that writes nothing for the probe: the finding is on gateway.port (line 5), the
        // port it is about, not on `spec:`; on 8080 (the pod network) it stays on the CR's spec.
        #expect(old.range.start.line == 5 && old.range.start.column == 19, "\(old.range)")
        #expect(current.range.start.line == 4, "\(current.range)")
        // With the probe's own key written, on that key, where the setting goes.
        let written = store + "  healthCheck:\n    livenessProbe:\n      disabled: false\n"
        let keyed = TestSupport.lint(written, options: { var o = LintOptions(); o.environment.rook.flag = RookVersion(1, 2); return o }())
        #expect(keyed.findings.first { $0.rule == "PL107" }?.range.start.line == 7)
    }
}
