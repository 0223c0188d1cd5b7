import Foundation
import Testing
@testable import ProbeLint

/// The command line holds a run's pending PL205 findings in a PendingLog:
/// compact records, past a limit in a temporary file. What comes back must be
/// what went in, in the same order, and resolve to the same findings.
@Suite struct PendingLogTests {
    static func sameFinding(_ a: Finding, _ b: Finding) -> Bool {
        a.rule == b.rule && a.severity == b.severity && a.message == b.message && a.file == b.file && a.range == b.range
            && a.object == b.object && a.notes == b.notes && a.suggestions == b.suggestions && a.path == b.path
    }

    static func pending(_ i: Int, file: String = "f.yaml") -> CrossObjectFacts.PendingFinding {
        let start = SourcePosition(offset: 100 * i, line: 3 * i + 1, column: i % 7 + 1)
        var notes = Notes()
        if i % 3 == 0 { notes.append(Note(.input, "selected by ä Service \(i)", name: "service", value: -1.25 * Double(i), unit: "s", origin: "manifest")) }
        if i % 4 == 1 { notes.append(.note, "and more") }
        var suggestions: [Suggestion] = []
        if i == 5 {
            suggestions.append(Suggestion(field: .timeoutSeconds, owner: .joined("spec.x"),
                                          current: .written(1, key: SourceRange(point: start), value: SourceRange(point: start)),
                                          value: 10, reason: "because"))
        }
        let finding = Finding(rule: "PL205", severity: i.isMultiple(of: 2) ? .info : .warning,
                              message: "container c\(i % 2) has no readinessProbe", file: file,
                              range: SourceRange(start: start, end: SourcePosition(offset: 100 * i + 9, line: 3 * i + 1, column: 20)),
                              object: ObjectRef(kind: "Deployment", namespace: i % 5 == 0 ? nil : "ns\(i % 2)",
                                                name: "rook-ceph-rgw-wéb-\(i)", container: i % 6 == 0 ? nil : "rgw",
                                                probe: i % 8 == 0 ? .liveness : nil),
                              notes: notes, suggestions: suggestions, path: i % 2 == 0 ? "spec.template.spec.containers[0]" : nil)
        return CrossObjectFacts.PendingFinding(finding: finding, namespace: i % 5 == 0 ? nil : "ns\(i % 2)",
                                               podLabels: ["app": "a\(i % 3)", "tier": i % 4 == 0 ? "front" : "back"])
    }

    @Test(arguments: [1 << 20, 64])
    func recordsComeBackAsWrittenInOrder(memoryLimit: Int) {
        let log = PendingLog(memoryLimit: memoryLimit)
        log.add(files: ["f.yaml"])
        let written = (0..<500).map { Self.pending($0) }
        for p in written { log.append(p) }
        #expect(log.count == 500)
        #expect(log.inReportOrder)
        if memoryLimit == 64 {
            // Spilled: what stays in memory is the records since the last chunk.
            #expect(log.bytesInMemory < 64 + 300)
        }
        var read: [CrossObjectFacts.PendingFinding] = []
        log.forEach { read.append($0) }
        // Read twice: the temporary file is rewound, and appending goes on after.
        var again = 0
        log.forEach { _ in again += 1 }
        #expect(again == 500)
        #expect(read.count == written.count)
        for (a, b) in zip(read, written) {
            #expect(Self.sameFinding(a.finding, b.finding), "\(a.finding.object.name)")
            #expect(a.namespace == b.namespace)
            #expect(a.podLabels == b.podLabels)
        }
        log.append(Self.pending(500))
        var last: CrossObjectFacts.PendingFinding?
        log.forEach { last = $0 }
        #expect(last?.finding.object.name == "rook-ceph-rgw-wéb-500")
    }

    /// A finding read back carries its pod's namespace and labels as one number: equal
    /// for equal ones, different otherwise (ServiceNotes compares these numbers first).
    @Test func equalNamespacesAndLabelsShareANumber() {
        let log = PendingLog()
        log.add(files: ["f.yaml"])
        for i in 0..<60 { log.append(Self.pending(i)) }
        var read: [CrossObjectFacts.PendingFinding] = []
        log.forEach { read.append($0) }
        #expect(read.count == 60 && read.allSatisfy { $0.selection != nil })
        for a in read {
            for b in read where (a.selection == b.selection) != (a.namespace == b.namespace && a.podLabels == b.podLabels) {
                Issue.record("\(a.finding.object.name) and \(b.finding.object.name): numbers \(a.selection ?? -1), \(b.selection ?? -1)")
            }
        }
    }

    /// Numbers only narrow the search: one number with other labels or another namespace
    /// (from another log) gets the notes of its own Services.
    @Test func serviceNotesCompareLabelsWhenNumbersMatch() {
        let services = [CrossObjectFacts.ServiceFact(name: "a", namespace: "ns", selector: ["app": "a"], file: "s.yaml", line: 1),
                        CrossObjectFacts.ServiceFact(name: "b", namespace: "ns", selector: ["app": "b"], file: "s.yaml", line: 5)]
        var notes = MissingReadinessProbe.ServiceNotes(CrossObjectFacts.ServiceIndex(services))
        let a = MissingReadinessProbe.ServiceNotes.notes([services[0]])
        let b = MissingReadinessProbe.ServiceNotes.notes([services[1]])
        #expect(a != b)
        #expect(notes.notes(selecting: ["app": "a"], in: "ns", selection: 0) == a)
        #expect(notes.notes(selecting: ["app": "b"], in: "ns", selection: 0) == b)
        #expect(notes.notes(selecting: ["app": "a"], in: "other", selection: 0).isEmpty)
        #expect(notes.notes(selecting: ["app": "a"], in: "ns", selection: 7) == a)
        #expect(notes.notes(selecting: ["app": "a"], in: "ns", selection: 0) == a)
        #expect(notes.notes(selecting: ["app": "b"], in: "ns") == b)
    }

    /// A temporary file that cannot be made or written (a full disk): the records
    /// stay in memory and all come back.
    @Test(arguments: ["none", "/dev/full"])
    func aSpillThatFailsKeepsTheRecordsInMemory(target: String) {
        let log = PendingLog(memoryLimit: 64) { target == "none" ? nil : fopen(target, "w+") }
        log.add(files: ["f.yaml"])
        for i in 0..<50 { log.append(Self.pending(i)) }
        var names: [String] = []
        log.forEach { names.append($0.finding.object.name) }
        #expect(names == (0..<50).map { "rook-ceph-rgw-wéb-\($0)" })
        #expect(log.failure == nil)
        #expect(log.bytesInMemory > 64 * 10)
    }

    /// Spilled records that cannot be read back make a failure the run reports,
    /// and the records still in memory come back.
    @Test func aSpillThatCannotBeReadBackIsAFailure() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pending-\(UUID().uuidString)").path
        defer { unlink(path) }
        let log = PendingLog(memoryLimit: 200) { fopen(path, "w") }  // write-only: reading fails
        log.add(files: ["f.yaml"])
        // The one with suggestions (5) last, so that it is among the records still in memory.
        for i in [0, 1, 2, 3, 4, 6, 7, 8, 9, 5] { log.append(Self.pending(i)) }
        #expect(log.bytesInMemory > 0 && log.bytesInMemory < 200 + 300)
        var names: [String] = []
        log.forEach { pending in
            names.append(pending.finding.object.name)
            // Suggestions are kept by record number: the numbers stay right after the failure.
            #expect(pending.finding.suggestions.isEmpty == (pending.finding.object.name != "rook-ceph-rgw-wéb-5"))
        }
        #expect(log.failure?.hasPrefix("pending PL205 findings could not be read back") == true)
        #expect(!names.isEmpty && names.count < 10)
        #expect(names.last == "rook-ceph-rgw-wéb-5")
    }

    @Test func knowsWhenFindingsComeOutOfReportOrder() {
        let log = PendingLog()
        log.add(files: ["a.yaml", "b.yaml"])
        log.append(Self.pending(2, file: "a.yaml"))
        log.append(Self.pending(1, file: "b.yaml"))
        #expect(log.inReportOrder)
        log.append(Self.pending(3, file: "a.yaml"))
        #expect(!log.inReportOrder)
    }

    /// A run merged into a report with a log resolves to what the same run
    /// gives without one, also when a file is named twice (out of report order).
    @Test(arguments: [false, true])
    func aRunWithALogResolvesAsOneWithout(fileTwice: Bool) {
        let deployment = PL205Tests.deployment()
        let two = deployment + "---\n" + deployment.replacingOccurrences(of: "name: web\n", with: "name: web2\n")
        var paths = ["a.yaml", "svc.yaml", "b.yaml"]
        if fileTwice { paths.append("a.yaml") }
        let texts = ["a.yaml": two, "svc.yaml": PL205Tests.service(), "b.yaml": deployment]
        let reports = paths.map { Linter.lint(InputFile(path: $0, bytes: Array(texts[$0]!.utf8))) }
        var plain = LintReport()
        var logged = LintReport()
        logged.crossObject.log = PendingLog(memoryLimit: 32)
        for report in reports {
            plain.merge(report)
            logged.merge(report)
        }
        #expect(logged.crossObject.pending.isEmpty && logged.crossObject.log?.count == plain.crossObject.pending.count)
        var expected: [Finding] = []
        Linter.resolveCrossObject(plain.crossObject) { expected.append($0) }
        var found: [Finding] = []
        Linter.resolveCrossObject(logged.crossObject) { found.append($0) }
        #expect(expected.count == (fileTwice ? 5 : 3))
        #expect(found.count == expected.count)
        for (a, b) in zip(found, expected) { #expect(Self.sameFinding(a, b)) }
        #expect(found.map(\.file) == (fileTwice ? ["a.yaml", "a.yaml", "a.yaml", "a.yaml", "b.yaml"] : ["a.yaml", "a.yaml", "b.yaml"]))
    }
}
