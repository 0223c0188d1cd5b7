import Testing
@testable import ProbeLint

/// docs/model.md section 2: only a probe on a port that serves the daemon's data waits behind a
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

    static func exec(_ command: String, component: String = "mon") -> String {
        TestSupport.deployment(name: component, labels: ["app": "rook-ceph-\(component)"], container: component,
                               probe: "exec: {command: \(command)}\ntimeoutSeconds: 5")
    }

    /// An exec probe on a Ceph daemon's admin socket is off the data path: a run's measured
    /// L99load is not its, and the note says the figure was left for the data path.
    @Test(arguments: [
        "[env, -i, sh, -c, 'ceph --admin-daemon /run/ceph/ceph-mon.a.asok mon_status']",
        "[ceph, --admin-daemon, /run/ceph/ceph-mon.a.asok, mon_status]",
        "[/usr/bin/ceph, daemon, mon.a, mon_status]",
        "[sh, -c, 'ceph daemon mon.a mon_status']",
    ])
    func anAdminSocketProbeTakesNoLoadedLatency(command: String) throws {
        #expect(TestSupport.lint(Self.exec(command), flags: [.loadedLatencyP99: "6s"]).findings.filter { $0.rule == "PL101" }.isEmpty)
        let slow = try #require(TestSupport.lint(Self.exec(command), flags: [.loadedLatencyP99: "6s", .latencyP99: "5s"])
            .findings.first { $0.rule == "PL101" })
        #expect(slow.notes.first { $0.name == "L99load" }?.text
            == "L99load = L99 = 5 s (the exec probe asks the daemon's admin socket, which does not wait behind the data path; 6 s from --loaded-latency-p99 is for probes on the data path)")
    }

    /// Rook's RGW probe script curls the gateway port: a given L99load is its.
    @Test func anotherExecProbeTakesTheGivenLoadedLatency() {
        let rgw = Self.exec("[bash, -c, 'curl --fail http://0.0.0.0:8080/swift/healthcheck']", component: "rgw")
        #expect(TestSupport.lint(rgw, flags: [.loadedLatencyP99: "6s"]).findings.contains { $0.rule == "PL101" })
        #expect(TestSupport.lint(Self.exec("[sh, -c, 'cat /tmp/daemonized']"), flags: [.loadedLatencyP99: "6s"]).findings.contains { $0.rule == "PL101" })
    }
}
