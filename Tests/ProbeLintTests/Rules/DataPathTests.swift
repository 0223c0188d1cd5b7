import Testing
@testable import ProbeLint

/// MODEL section 2: only a probe on a port that serves the daemon's data waits behind a
/// saturated link (L99load = L99 + Q / B, and PL102's kill window). The ports are PL107's: every
/// port of rgw, mds, mon and osd, none of mgr, and for another workload those
/// `probelint.io/data-ports` lists (all of them when it lists none).
@Suite struct DataPathTests {
    static let flags: [InputKey: String] = [.bandwidth: "10MB/s", .queue: "10MB", .largestTransfer: "700MB"]

    static func rules(_ yaml: String) -> [String] {
        TestSupport.lint(yaml, flags: Self.flags).findings.map(\.rule.rawValue).filter { ["PL101", "PL102"].contains($0) }
    }

    static func generic(dataPorts: String?) -> String {
        TestSupport.deployment(probe: "httpGet: {path: /healthz, port: 8081}",
                               annotations: dataPorts.map { ["probelint.io/data-ports": $0] } ?? [:],
                               ports: "\n          ports: [{containerPort: 8080}, {containerPort: 8081, name: probe}]")
    }

    @Test func aGenericPortTheAnnotationDoesNotListIsOffTheDataPath() throws {
        #expect(Self.rules(Self.generic(dataPorts: "8080")).isEmpty)
        #expect(Self.rules(Self.generic(dataPorts: "8081")) == ["PL101", "PL102"])
        #expect(Self.rules(Self.generic(dataPorts: "probe, 8080")) == ["PL101", "PL102"])  // by the port's name
        #expect(Self.rules(Self.generic(dataPorts: nil)) == ["PL101", "PL102"])  // nothing tells the ports apart
        let off = try #require(TestSupport.lint(Self.generic(dataPorts: "8080"), flags: Self.flags.merging([.latencyP99: "2s"]) { $1 })
            .findings.first { $0.rule == "PL101" })
        #expect(off.notes.first { $0.name == "L99load" }?.text == "L99load = L99 = 2 s (its port serves no client data)")
    }

    /// The mgr's HTTP ports serve metrics and the dashboard: a run's measured L99load is not theirs either.
    @Test func theMgrsPortsAreOffTheDataPath() {
        let mgr = TestSupport.deployment(name: "mgr", labels: ["app": "rook-ceph-mgr"], container: "mgr", command: "ceph-mgr",
                                         probe: "httpGet: {path: /, port: 9283}")
        #expect(Self.rules(mgr).isEmpty)
        #expect(TestSupport.lint(mgr, flags: [.loadedLatencyP99: "6s"]).findings.filter { $0.rule == "PL101" }.isEmpty)
        let rgw = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw", command: "radosgw",
                                         probe: "tcpSocket: {port: 8080}")
        #expect(Self.rules(rgw) == ["PL101", "PL102"])
    }
}
