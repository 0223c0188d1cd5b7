import Testing
@testable import ProbeLint

/// The per-version table against docs/reference.md 3a/3b and corpus/SOURCES.md note 1, and where
/// Rook's source at a release says otherwise (the OSD's startup failureThreshold 9 before
/// rook#10250, which reference.md gives as 720 from rook#9468), against that source.
@Suite struct RookProbeTableTests {
    func probe(_ daemon: RookDaemon, _ kind: ProbeKind, _ version: String) -> RookGeneratedProbe? {
        RookVersion.parse(version).flatMap { RookProbeTable.generated(daemon, kind, at: $0)?.probe }
    }

    @Test func v1_1RGWLivenessIsTheIncidentsProbe() throws {
        let p = try #require(probe(.rgw, .liveness, "v1.1"))
        #expect(p.handler == .httpGet(path: "/", port: .gateway))
        #expect(p.value(.timeoutSeconds) == 1)
        #expect(p.value(.initialDelaySeconds) == 10)
        #expect(p.value(.periodSeconds) == 10)
        #expect(p.value(.failureThreshold) == 3)
        #expect(probe(.mon, .liveness, "v1.1.0") == nil)
        #expect(probe(.mds, .liveness, "v1.1.9") == nil)
    }

    @Test func rgwLivenessHistory() {
        #expect(probe(.rgw, .liveness, "v1.2.0")?.handler == .httpGet(path: "/swift/healthcheck", port: .gateway))
        // rook#9080, in the release notes of v1.7.7.
        #expect(probe(.rgw, .liveness, "v1.7.6")?.handler == .httpGet(path: "/swift/healthcheck", port: .gateway))
        #expect(probe(.rgw, .readiness, "v1.7.6") == nil)
        #expect(probe(.rgw, .liveness, "v1.7.7")?.handler == .tcpSocket(.gateway))
        #expect(probe(.rgw, .readiness, "v1.7.7")?.handler == .httpGet(path: "/swift/healthcheck", port: .gateway))
        #expect(probe(.rgw, .liveness, "v1.8")?.handler == .tcpSocket(.gateway))
        #expect(probe(.rgw, .liveness, "v1.10.13")?.handler == .tcpSocket(.gateway))
        #expect(probe(.rgw, .liveness, "v1.11") == nil)
        #expect(probe(.rgw, .liveness, "v1.20.6") == nil)
        #expect(probe(.rgw, .readiness, "v1.20")?.successThreshold == 3)
        #expect(probe(.rgw, .startup, "v1.20")?.value(.failureThreshold) == 33)
    }

    /// Exec liveness timeouts: 1 s (unset) until rook#10460's 2 s (v1.10.0, and on the v1.9 line
    /// from v1.9.6, assumed), rook#10986's 5 s (v1.11.0; v1.10.4, its release notes; v1.9.13, SOURCES.md).
    @Test(arguments: [("v1.3.0", 1), ("v1.4.0", 1), ("v1.9.0", 1), ("v1.9.5", 1), ("v1.9.6", 2), ("v1.9.12", 2), ("v1.9.13", 5),
                      ("v1.10", 2), ("v1.10.3", 2), ("v1.10.4", 5), ("v1.10.12", 5), ("v1.11", 5), ("v1.20.6", 5)])
    func execLivenessTimeout(version: String, timeout: Int) {
        #expect(probe(.mon, .liveness, version)?.value(.timeoutSeconds) == timeout)
        #expect(probe(.osd, .liveness, version)?.value(.timeoutSeconds) == timeout)
    }

    /// rook#9468, in the release notes of v1.8.2.
    @Test func startupProbesSinceV1_8_2() {
        #expect(probe(.mon, .startup, "v1.8.1") == nil)
        #expect(probe(.mon, .startup, "v1.8.2")?.value(.failureThreshold) == 6)
        // The OSD's 9 (90 s) until rook#10250's 720: in the release notes of v1.8.10 (not v1.8.9) and v1.9.3.
        #expect(probe(.osd, .startup, "v1.8.2")?.value(.failureThreshold) == 9)
        #expect(probe(.osd, .startup, "v1.8.9")?.value(.failureThreshold) == 9)
        #expect(probe(.osd, .startup, "v1.8.10")?.value(.failureThreshold) == 720)
        #expect(probe(.mon, .startup, "v1.9")?.value(.failureThreshold) == 6)
        #expect(probe(.osd, .startup, "v1.9")?.value(.failureThreshold) == 9)
        #expect(probe(.osd, .startup, "v1.9.3")?.value(.failureThreshold) == 720)
        #expect(probe(.osd, .startup, "v1.10")?.value(.failureThreshold) == 720)
        #expect(probe(.osd, .startup, "v1.20")?.value(.timeoutSeconds) == 5)
        #expect(probe(.mgr, .startup, "v1.20")?.value(.periodSeconds) == 10)
        // The startup probe follows the liveness timeout of its release: 1 s, 2 s (v1.9.6), 5 s
        // (v1.9.13), 2 s (v1.10.0), 5 s (v1.10.4).
        #expect(probe(.osd, .startup, "v1.9.5")?.value(.timeoutSeconds) == 1)
        #expect(probe(.osd, .startup, "v1.9.12")?.value(.timeoutSeconds) == 2)
        #expect(probe(.osd, .startup, "v1.9.13")?.value(.timeoutSeconds) == 5)
        #expect(probe(.mon, .startup, "v1.10.3")?.value(.timeoutSeconds) == 2)
        #expect(probe(.mon, .startup, "v1.10.5")?.value(.timeoutSeconds) == 5)
        #expect(probe(.mon, .startup, "v1.10.5")?.value(.initialDelaySeconds) == 10)
        #expect(probe(.mds, .startup, "v1.10.13")?.value(.timeoutSeconds) == 5)
    }

    /// rook#12860, in the release notes of v1.12.6.
    @Test func mdsFsmapProbeSinceV1_12_6() throws {
        #expect(probe(.mds, .liveness, "v1.12.5")?.handler == RookProbeTable.adminSocket)
        #expect(probe(.mds, .liveness, "v1.12.6")?.handler == RookProbeTable.fsmap)
        #expect(probe(.mds, .startup, "v1.12.6") == nil)
        #expect(RookProbeTable.timingReaders(.mds, .startup) == "Rook v1.6.0 to v1.12.5 (v1.12.6 and later generate no startupProbe for mds)")
        let old = try #require(probe(.mds, .liveness, "v1.12"))
        #expect(old.handler == RookProbeTable.adminSocket)
        #expect(old.value(.initialDelaySeconds) == 10)
        let p = try #require(probe(.mds, .liveness, "v1.13"))
        #expect(p.handler == RookProbeTable.fsmap)
        #expect([p.value(.initialDelaySeconds), p.value(.periodSeconds), p.value(.timeoutSeconds), p.value(.failureThreshold)] == [30, 30, 25, 5])
        #expect(probe(.mds, .startup, "v1.13") == nil)
        #expect(probe(.mds, .startup, "v1.12")?.value(.failureThreshold) == 6)
    }

    /// rook#5128 (backported to release-1.3 before v1.3.0): the admin-socket probes on mon, osd and mds.
    @Test func execLivenessSinceV1_3() {
        #expect(probe(.osd, .liveness, "v1.2.7") == nil)
        #expect(probe(.osd, .liveness, "v1.3.0")?.handler == RookProbeTable.adminSocket)
        #expect(probe(.mds, .liveness, "v1.3.4")?.handler == RookProbeTable.adminSocket)
        #expect(probe(.mgr, .liveness, "v1.3.4")?.handler == .httpGet(path: "/", port: .fixed(9283)))
        // rook#8721, in the release notes of v1.7.4: the mgr's probe moves to the admin socket.
        #expect(probe(.mgr, .liveness, "v1.7.3")?.handler == .httpGet(path: "/", port: .fixed(9283)))
        #expect(probe(.mgr, .liveness, "v1.7.4")?.handler == RookProbeTable.adminSocket)
    }

    /// rook#5113 (v1.3.0): on the pod network RGW listens on 8080 whatever gateway.port says; on the
    /// host's network (from v1.10), and before v1.3, on gateway.port; with TLS only, on securePort.
    @Test func rgwListeningPort() {
        func store(port: Int?, secure: Int? = nil, host: Bool? = nil) -> CephObjectStoreSpec {
            var spec = CephObjectStoreSpec(anchor: SourceRange(start: SourcePosition(offset: 0, line: 1, column: 1),
                                                               end: SourcePosition(offset: 0, line: 1, column: 1)))
            let at = spec.anchor
            spec.port = port.map { Located($0, at) }
            spec.securePort = secure.map { Located($0, at) }
            spec.hostNetwork = host.map { Located($0, at) }
            return spec
        }
        func port(_ spec: CephObjectStoreSpec, _ version: RookVersion) -> String {
            let (port, isInternal) = RookProbeTable.rgwListeningPort(spec, at: version)
            return "\(port)\(isInternal ? " internal" : "")"
        }
        let v12 = RookVersion(1, 2, 0), v13 = RookVersion(1, 3, 0), v19 = RookVersion(1, 9, 0), v110 = RookVersion(1, 10, 0)
        #expect(port(store(port: 80), v12) == "80")
        #expect(port(store(port: 8080), v12) == "8080")
        #expect(port(store(port: 80), v13) == "8080 internal")
        #expect(port(store(port: 8081), v110) == "8080 internal")
        // gateway.hostNetwork is read from v1.10 (rook#10649).
        #expect(port(store(port: 8081, host: true), v19) == "8080 internal")
        #expect(port(store(port: 8081, host: true), v110) == "8081")
        #expect(port(store(port: 8080, host: true), v110) == "8080")
        #expect(port(store(port: nil, secure: 443), v110) == "443")
        #expect(port(store(port: 0, secure: 443, host: true), v110) == "443")
        #expect(port(store(port: nil), v12) == "80")
    }

    @Test func versionParsing() {
        #expect(RookVersion.parse("v1.11") == RookVersion(1, 11, 0))
        #expect(RookVersion.parse("1.11.3") == RookVersion(1, 11, 3))
        #expect(RookVersion.parse("v1.10.0") == RookVersion(1, 10, 0) && RookVersion.parse("v0.9.3") == RookVersion(0, 9, 3))
        #expect(RookVersion.parse("v1.14.0-alpha.0") == RookVersion(1, 14, 0))
        #expect(RookVersion.parse("v1.9.13")! > RookVersion.parse("v1.9.2")!)
        for bad in ["v1", "vx.y", "v1.2.3.4", "", "v1..2", "v1.2.", "１.２", "v1.09", "v01.9", "v1.9.01"] { #expect(RookVersion.parse(bad) == nil, "\(bad)") }
        #expect(RookVersion.parse("v1.20")?.description == "v1.20")
        #expect(RookVersion.parse("v1.20.6")?.description == "v1.20.6")
        // The line's last release, as probelint writes it (`lastOfLine`): it was refused.
        #expect(RookVersion.parse("v1.9.x") == RookVersion.lastOfLine(1, 9))
        #expect(RookVersion.parse("v1.9.x")?.description == "v1.9.x")
        #expect(RookVersion.parse("v1.9.x")?.unwrittenPatchWarning("--rook-version") == nil)
        #expect(RookVersion.parse("v1.x.x") == nil && RookVersion.parse("v1.9.y") == nil)
    }
}
