import Testing
@testable import ProbeLint

/// The annotations a Rook CR gives its daemons' pods (which Rook copies to them) count as a
/// pod template's do: `spec.gateway.annotations`, `spec.metadataServer.annotations`, and a
/// CephCluster's `spec.annotations.all` and `.<daemon>`, `all` winning as in Rook's merge.
@Suite struct RookPodAnnotationsTests {
    static func lint(_ yaml: String, rook: RookVersion, flags: [InputKey: String] = [:], readable: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) -> LintReport {
        var options = LintOptions()
        options.environment.rook.flag = rook
        return TestSupport.lint(yaml, flags: flags, options: options, readable: readable, sourceLocation: sourceLocation)
    }

    static func objectStore(_ annotations: String) -> String {
        """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata: {name: my-store, namespace: rook-ceph}
        spec:
          gateway:
            port: 80
            instances: 1
        \(annotations)
        """
    }

    /// The RGW incident's inputs written where a Rook user writes pod annotations: PL101 and
    /// PL102 judge the RGW probes Rook v1.10 generates with them, and say where they came from.
    @Test func gatewayAnnotationsAreTheRGWsInputs() throws {
        let annotations = "    annotations:\n      probelint.io/bandwidth: 10MB/s\n      probelint.io/largest-transfer: 700MB\n"
        let report = Self.lint(Self.objectStore(annotations), rook: RookVersion(1, 10))
        #expect(report.errors.isEmpty)
        let pl102 = try #require(report.findings.first { $0.rule.rawValue == "PL102" })
        #expect(pl102.notes.contains { $0.text == "X = 700 MB largest single transfer (from annotation probelint.io/largest-transfer in spec.gateway.annotations)" },
                "\(pl102.notes.map(\.text))")
        #expect(report.findings.contains { $0.rule.rawValue == "PL101" })
        let without = Self.lint(Self.objectStore(""), rook: RookVersion(1, 10))
        #expect(!without.findings.contains { $0.rule.rawValue == "PL102" || $0.rule.rawValue == "PL101" })
        // A flag still wins over the annotation.
        let flagged = Self.lint(Self.objectStore(annotations), rook: RookVersion(1, 10), flags: [.largestTransfer: "1MB"])
        #expect(!flagged.findings.contains { $0.rule.rawValue == "PL102" })
    }

    /// `probelint.io/ignore` in `spec.metadataServer.annotations` silences its rules for the MDS.
    @Test func metadataServerAnnotationsIgnoreRules() {
        func rules(_ annotations: String) -> Set<String> {
            let yaml = """
                apiVersion: ceph.rook.io/v1
                kind: CephFilesystem
                metadata: {name: myfs, namespace: rook-ceph}
                spec:
                  metadataServer:
                    activeCount: 1
                \(annotations)
                """
            return Set(Self.lint(yaml, rook: RookVersion(1, 20)).findings.map(\.rule.rawValue))
        }
        #expect(rules("").contains("PL303"))
        #expect(!rules("    annotations: {probelint.io/ignore: PL303 -- one MDS is enough here}\n").contains("PL303"))
    }

    static let cluster = """
        apiVersion: ceph.rook.io/v1
        kind: CephCluster
        metadata: {name: rook-ceph, namespace: rook-ceph}
        spec:
          annotations:
            all: {ALL}
            mon:
              probelint.io/ignore: PL105 -- mons start fast here
              probelint.io/startup-time: 100s
            osd:
              probelint.io/startup-time: 200s

        """

    /// The start-up time of each daemon's pod: `all`'s when it sets one (Rook keeps `all`'s
    /// value of a key both set), else the daemon's own; the mon's ignore list holds for the mon only.
    @Test func aClustersDaemonsTakeAllThenTheirOwn() {
        func startups(all: String) -> [String: String] {
            let report = Self.lint(Self.cluster.replacingOccurrences(of: "{ALL}", with: all), rook: RookVersion(1, 5))
            #expect(report.errors.isEmpty)
            var found: [String: String] = [:]
            for f in report.findings where f.rule.rawValue == "PL105" {
                found[f.object.container ?? ""] = f.notes.first { $0.text.hasPrefix("Tstart = ") }?.text
            }
            return found
        }
        let own = startups(all: "{probelint.io/latency-p50: 5ms}")
        #expect(Set(own.keys) == ["osd"], "\(own)")
        #expect(own["osd"] == "Tstart = 200 s time the daemon needs to start and be healthy (from annotation probelint.io/startup-time in spec.annotations.osd)")
        let all = startups(all: "{probelint.io/startup-time: 300s}")
        #expect(Set(all.keys) == ["mgr", "osd"], "\(all)")
        #expect(all["osd"] == "Tstart = 300 s time the daemon needs to start and be healthy (from annotation probelint.io/startup-time in spec.annotations.all)")
        let ignoredByAll = startups(all: "{probelint.io/startup-time: 300s, probelint.io/ignore: PL105}")
        #expect(ignoredByAll.isEmpty)
    }

    /// Unknown keys and bad values are input errors at their positions, named by their place,
    /// and `all`, which every daemon's pod reads, is checked once.
    @Test func errorsAreAtTheirPlaces() {
        let cluster = Self.cluster.replacingOccurrences(of: "{ALL}", with: "{probelint.io/startup-tim: 5s}")
            .replacingOccurrences(of: "startup-time: 200s", with: "startup-time: soon")
        let report = Self.lint(cluster, rook: RookVersion(1, 5), readable: false)
        #expect(report.errors.map(\.description) == [
            "test.yaml:6:11: error: annotation probelint.io/startup-tim in spec.annotations.all is not one of probelint's: did you mean probelint.io/startup-time? use \(Environment.annotationKeys.sorted().joined(separator: ", "))",
            "test.yaml:11:34: error: annotation probelint.io/startup-time in spec.annotations.osd: 'soon' is not a duration such as 500ms, 1.5s, 2m or 1h",
        ])
        let store = Self.lint(Self.objectStore("    annotations: {probelint.io/bandwith: 10MB/s}\n"), rook: RookVersion(1, 20), readable: false)
        #expect(store.errors.map(\.description).first?.hasPrefix("test.yaml:8:19: error: annotation probelint.io/bandwith in spec.gateway.annotations is not one of probelint's") == true,
                "\(store.errors.map(\.description))")
    }

    /// A `probelint.io/` key under another key of a CephCluster's `spec.annotations` (`mds`, which
    /// probelint reads in the CephFilesystem, or `prepareosd`, a job with no probe) silences and
    /// sets nothing: a warning at the key, naming where an MDS's are read, and no error.
    @Test func annotationsOfPodsProbelintDoesNotRenderAreAWarning() {
        let cluster = Self.cluster.replacingOccurrences(of: "{ALL}", with: "{}")
            + "    mds: {probelint.io/ignore: PL104}\n    prepareosd:\n      example.com/x: y\n      probelint.io/bandwith: x\n"
        let report = Self.lint(cluster, rook: RookVersion(1, 20), readable: false)
        #expect(report.errors.isEmpty)
        #expect(report.fileWarnings.map { $0.line(label: "warning") } == [
            "test.yaml:12:11: warning: annotation probelint.io/ignore in spec.annotations.mds is read by nothing: of a CephCluster's spec.annotations probelint reads all, mon, mgr and osd, for the pods it renders; an MDS's are read in its CephFilesystem's spec.metadataServer.annotations",
            "test.yaml:15:7: warning: annotation probelint.io/bandwith in spec.annotations.prepareosd is read by nothing: of a CephCluster's spec.annotations probelint reads all, mon, mgr and osd, for the pods it renders",
        ])
        // An alias reads another section's keys: the warning is at this section's key.
        let aliased = Self.cluster.replacingOccurrences(of: "all: {ALL}", with: "all: &a {probelint.io/ignore: PL104}") + "    mds: *a\n"
        #expect(Self.lint(aliased, rook: RookVersion(1, 20), readable: false).fileWarnings.map { $0.position.map { "\($0.line):\($0.column)" } }
            == ["12:5"])
        // Other annotations there, and probelint's at the places it reads, are no warning.
        #expect(Self.lint(Self.cluster.replacingOccurrences(of: "{ALL}", with: "{}") + "    prepareosd: {example.com/x: y}\n",
                          rook: RookVersion(1, 20)).fileWarnings.isEmpty)
    }
}
