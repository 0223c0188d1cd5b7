import Foundation
import Testing
@testable import ProbeLint

/// The lint report shows a fix as applicable only where `--fix` can write it: a fix into JSON,
/// a flow mapping, an empty mapping, or a block an alias or merge key uses again is shown
/// display-only, as `--fix` treats it (`FixReach`; a review found `-o json` saying
/// `"displayOnly": false` for fixes that `--fix` then refused).
@Suite struct ReportDisplayOnlyTests {
    static let flags: [InputKey: String] = [.bandwidth: "10MB/s", .largestTransfer: "700MB", .startupTime: "60s", .drainTime: "120s"]

    /// Every fix of `input`'s report that names no other object: shown as applicable exactly
    /// where the planner makes an edit of it (the checks on the file's bytes aside: an anchored
    /// scalar, the indentation). Returns how many were applicable and how many display-only for it.
    static func expectReportAgreesWithThePlanner(_ input: InputFile) -> (applicable: Int, unwritable: Int) {
        guard let source = FixSource.read(input) else { return (0, 0) }
        var counts = (applicable: 0, unwritable: 0)
        for finding in Linter.lint(input, options: FixSupport.options(flags)).findings {
            for s in finding.suggestions where s.target == nil && (!s.displayOnly || s.unwritable != nil) {
                guard let located = source.locate(FixPlanner.anchor(s.current)) else { continue }
                let (edit, why) = FixPlanner.edit(s.current, key: s.field.rawValue, value: s.value, in: source,
                                                  document: located.document.document, object: located.manifest)
                if s.unwritable != nil {
                    #expect(edit == nil && why == s.unwritable, "\(input.path) \(finding.rule) \(s.field): \(why ?? "an edit")")
                    counts.unwritable += 1
                } else {
                    #expect(edit != nil, "\(input.path) \(finding.rule) \(s.field) is shown applicable; --fix: \(why ?? "")")
                    counts.applicable += 1
                }
            }
        }
        return counts
    }

    /// An RGW Deployment (`TestSupport.deployment`) whose liveness probe is `probe`.
    static func rgw(_ probe: String, extraContainer: String = "") -> String {
        TestSupport.deployment(name: "gw", container: "rgw", command: "radosgw", probe: probe, extraContainer: extraContainer)
    }

    @Test(arguments: [
        // JSON: a field is replaced in place, none inserted.
        ("d.json", #"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "gw"}, "spec": {"template": {"spec": {"containers": [{"name": "rgw", "image": "quay.io/ceph/ceph:v18", "command": ["radosgw"], "livenessProbe": {"tcpSocket": {"port": 8080}, "timeoutSeconds": 1}}]}}}}"#, 2),
        // A flow mapping: the same.
        ("flow.yaml", rgw("{tcpSocket: {port: 8080}, timeoutSeconds: 1}"), 1),
        // A probe merged from an anchor that another container merges too.
        ("merge.yaml", rgw("&p\ntcpSocket: {port: 8080}\ntimeoutSeconds: 1",
                           extraContainer: "        - name: rgw2\n          image: example/rgw:1\n          command: [radosgw]\n          livenessProbe:\n            <<: *p\n"), 3),
    ] as [(String, String, Int)])
    func fixesThatFixCannotWriteAreDisplayOnlyInTheReport(_ name: String, _ text: String, _ unwritable: Int) {
        let input = InputFile(path: name, bytes: Array(text.utf8))
        let counts = Self.expectReportAgreesWithThePlanner(input)
        #expect(counts.unwritable >= unwritable, "\(counts)")
        // `--fix` itself (plan, then each field planned) leaves each of them unwritten, with the same reason.
        let reasons = Linter.lint(input, options: FixSupport.options(Self.flags)).findings.flatMap(\.suggestions).compactMap(\.unwritable)
        let result = Fixer.fix([input], options: FixSupport.options(Self.flags))
        let shown = Set(result.displayOnly.compactMap(\.why))
        #expect(reasons.count == counts.unwritable && reasons.allSatisfy(shown.contains), "\(reasons) vs \(shown)")
        let written = Set(result.outcomes.flatMap(\.applied).map(\.position))
        #expect(result.displayOnly.allSatisfy { !written.contains($0.position) })
    }

    @Test func theCorpusAndExamplesReportWhatFixDoes() throws {
        var total = (applicable: 0, unwritable: 0)
        for root in [TestSupport.corpus, TestSupport.packageRoot.appendingPathComponent("examples")] {
            for path in RookMarkersCorpusTests.yamlFiles(under: root) {
                let input = InputFile(path: path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                let counts = Self.expectReportAgreesWithThePlanner(input)
                total.applicable += counts.applicable
                total.unwritable += counts.unwritable
            }
        }
        #expect(total.applicable > 10, "\(total)")
    }
}
