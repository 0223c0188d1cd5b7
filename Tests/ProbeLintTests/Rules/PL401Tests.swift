import Foundation
import Testing
@testable import ProbeLint

/// PL401 unused-ignore: an ignore comment or annotation whose rule finds nothing where it applies.
@Suite struct PL401Tests {
    static func lint(_ yaml: String, enabled: Bool = true, disabled: Set<RuleID> = [], rook: RookVersion? = nil,
                     selector: String? = nil) throws -> LintReport {
        var options = LintOptions()
        if enabled { options.enabledRules.insert("PL401") }
        options.disabledRules = disabled
        if let rook { options.environment.rook.flag = rook }
        if let selector { options.selector = try LabelSelector(parsing: selector) }
        return TestSupport.lint(yaml, options: options)
    }

    /// `line:column rule` of each finding, for short assertions.
    static func places(_ report: LintReport, rule: RuleID = "PL401") -> [String] {
        report.findings.filter { $0.rule == rule }.map { "\($0.range.start.line):\($0.range.start.column)" }
    }

    static let web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          annotations:
            probelint.io/ignore: PL204,PL107 -- legacy
        spec:
          template:
            spec:
              containers:
              - name: web
                image: nginx
                # probelint ignore=PL101
                livenessProbe:  # probelint ignore=PL103,PL201
                  httpGet: {path: /healthz, port: 8080}
                  timeoutSeconds: 1
                readinessProbe:
                  httpGet: {path: /healthz, port: 8080}
              - name: side  # probelint ignore=PL204
                image: busybox

        """

    @Test func isOffUnlessAskedFor() throws {
        #expect(RuleCatalog.info("PL401")?.enabledByDefault == false)
        #expect(RuleCatalog.infos.filter { !$0.enabledByDefault }.map(\.id) == ["PL401"])
        #expect(Self.places(try Self.lint(Self.web, enabled: false)).isEmpty)
        // `--ignore` wins over `--enable`, as it does for every rule.
        #expect(Self.places(try Self.lint(Self.web, disabled: ["PL401"])).isEmpty)
    }

    /// Each directive with a rule that finds nothing where it applies, at the comment's `#` or the
    /// annotation's value, naming only the unused rules; the used ones (PL204 on the sidecar, PL201
    /// on the probe that is also the readiness probe) are not reported.
    @Test func reportsEachDirectiveWithItsUnusedRules() throws {
        let report = try Self.lint(Self.web)
        let found = report.findings.filter { $0.rule == "PL401" }
        #expect(found.map { "\($0.range.start.line):\($0.range.start.column)" } == ["6:26", "13:9", "14:25"])
        #expect(found.map(\.message) == [
            "probelint.io/ignore names PL107, which finds nothing in Deployment/web: remove it from the list (PL204 still silences a finding)",
            "this '# probelint ignore' comment names PL101, which finds nothing in what it covers: remove the comment, or it will silence the next such finding unseen",
            "this '# probelint ignore' comment names PL103, which finds nothing in what it covers: remove it from the comment (PL201 still silences a finding)",
        ])
        #expect(found.allSatisfy { $0.severity == .warning && $0.object.objectName == "Deployment/web" })
        #expect(found.map(\.path) == ["metadata.annotations.probelint.io/ignore", "spec.template.spec.containers[0].livenessProbe",
                                      "spec.template.spec.containers[0].livenessProbe"])
        // The rules the directives silence stay silenced: enabling PL401 adds PL401 findings only.
        let without = try Self.lint(Self.web, enabled: false)
        #expect(report.findings.filter { $0.rule != "PL401" }.map(\.message) == without.findings.map(\.message))
        #expect(without.findings.isEmpty)
    }

    /// What the directives silence is found without them: removing every directive shows
    /// exactly the findings of the rules reported used.
    @Test func usedMeansTheRuleFindsSomethingThere() throws {
        let bare = Self.web.replacingOccurrences(of: "    probelint.io/ignore: PL204,PL107 -- legacy\n", with: "")
            .replacingOccurrences(of: "  annotations:\n", with: "")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in line.range(of: "# probelint").map { String(line[..<$0.lowerBound]) } ?? String(line) }
            .joined(separator: "\n")
        let found = try Self.lint(bare, enabled: false).findings
        #expect(Set(found.map(\.rule)) == ["PL201", "PL204"], "\(found.map(\.message))")
        #expect(found.first { $0.rule == "PL204" }?.object.container == "side")
    }

    @Test func twoDirectivesOverOneFindingAreBothUsed() throws {
        let yaml = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations: {probelint.io/ignore: PL204}
            spec:
              containers:
              - name: a  # probelint ignore=PL204
                image: x

            """
        #expect(Self.places(try Self.lint(yaml)).isEmpty)
        #expect(Self.places(try Self.lint(yaml + "    livenessProbe: {exec: {command: [date]}}\n")) == ["5:38", "8:14"])
    }

    /// A rule the run does not check, an object `-l` does not select, and a directive that names
    /// PL401 itself are not judged; PL401 in an object's annotation silences the object's comments.
    @Test func whatIsNotJudged() throws {
        #expect(Self.places(try Self.lint(Self.web, disabled: ["PL101", "PL103", "PL107"])).isEmpty)
        #expect(Self.places(try Self.lint(Self.web, selector: "app=db")).isEmpty)
        #expect(Self.places(try Self.lint(Self.web, selector: "!app")) == ["6:26", "13:9", "14:25"])
        let opted = Self.web.replacingOccurrences(of: "ignore=PL101", with: "ignore=PL101,PL401")
        // It also silences PL401 in what it covers: the comment on the probe's line.
        #expect(Self.places(try Self.lint(opted)) == ["6:26"])
        // The annotation is not judged, and the object's comments are silenced with it (by ID or name).
        let silenced = Self.web.replacingOccurrences(of: "PL204,PL107", with: "PL204,PL107,unused-ignore")
        #expect(Self.places(try Self.lint(silenced)).isEmpty)
    }

    /// PL205's candidate (a container without a readiness probe) counts as found: a pre-commit run
    /// of the changed files may not hold the Service that makes it a finding.
    @Test func aMissingReadinessProbeCountsWithoutItsService() throws {
        let pod = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {app: p}}
            spec:
              containers:
              - name: a  # probelint ignore=PL205
                image: x
                livenessProbe: {exec: {command: [date]}}

            """
        #expect(Self.places(try Self.lint(pod)).isEmpty)
        let ready = pod.replacingOccurrences(of: "    livenessProbe:", with: "    readinessProbe: {exec: {command: [date]}}\n    livenessProbe:")
        #expect(Self.places(try Self.lint(ready)) == ["6:14"])
    }

    /// A CephCluster daemon's own ignore (`spec.annotations.mon`) applies to that daemon's pod: used
    /// when its rule finds something in the mon's pod, reported at its value when not.
    @Test func aClusterDaemonsOwnIgnore() throws {
        let cluster = """
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec:
              annotations:
                mon:
                  probelint.io/ignore: PL105 -- mons start fast here
                  probelint.io/startup-time: {START}
                osd:
                  probelint.io/startup-time: 200s

            """
        let slow = try Self.lint(cluster.replacingOccurrences(of: "{START}", with: "100s"), rook: RookVersion(1, 5))
        #expect(slow.errors.isEmpty)
        #expect(Self.places(slow).isEmpty)
        #expect(slow.findings.filter { $0.rule == "PL105" }.map(\.object.container) == ["osd"])
        let fast = try Self.lint(cluster.replacingOccurrences(of: "{START}", with: "1s"), rook: RookVersion(1, 5))
        #expect(Self.places(fast) == ["7:28"])
        #expect(fast.findings.first { $0.rule == "PL401" }?.message.hasPrefix("probelint.io/ignore in spec.annotations.mon names PL105, which finds nothing in CephCluster/rook-ceph/rook-ceph") == true)
        // The osd's PL105 does not use the mon's ignore.
        let osdOnly = try Self.lint(cluster.replacingOccurrences(of: "{START}", with: "1s")
            .replacingOccurrences(of: "200s", with: "1s"), rook: RookVersion(1, 5))
        #expect(Self.places(osdOnly) == ["7:28"])
    }

    /// A file cut into pieces gives the same PL401 findings as the whole file.
    @Test func piecesAgreeWithTheWholeFile() throws {
        let many = (0..<40).map { Self.web.replacingOccurrences(of: "name: web\n  annotations", with: "name: web-\($0)\n  annotations") }
            .joined(separator: "---\n")
        let file = InputFile(path: "many.yaml", bytes: Array(many.utf8))
        var options = LintOptions()
        options.enabledRules.insert("PL401")
        let whole = Linter.lint(file, options: options)
        #expect(whole.findings.filter { $0.rule == "PL401" }.count == 120)
        var pieced: [Finding] = []
        for piece in FileSplitter.pieces(file.bytes, count: 7) {
            pieced += Linter.lint(file, piece: piece, options: options).findings
        }
        #expect(pieced.map { "\($0.range.start.line):\($0.range.start.column) \($0.rule) \($0.message)" }
                    == whole.findings.map { "\($0.range.start.line):\($0.range.start.column) \($0.rule) \($0.message)" })
    }
}
