import Testing
@testable import ProbeLint

/// A suggestion can point at any field of any object in any input file
/// (`Suggestion.target`): for a Rook-generated Deployment the edit goes to the
/// CR that Rook generates it from, and the Deployment's own fix is display only.
@Suite struct FixTargetTests {
    static let generated = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: rook-ceph-rgw-my-store-a
          namespace: rook-ceph
          ownerReferences:
          - apiVersion: ceph.rook.io/v1
            kind: CephObjectStore
            name: my-store
        spec:
          template:
            spec:
              containers:
              - name: rgw
                image: ceph/ceph:v18
                livenessProbe:
                  httpGet: {path: /swift/healthcheck, port: 8080}
                  timeoutSeconds: 1

        """

    static let store = """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata:
          name: my-store   # the CR
          namespace: rook-ceph
        spec:
          healthCheck:
            startupProbe:
              disabled: false
            readinessProbe:
              probe:
                periodSeconds: 0   # Rook reads 0 as "use the default"
                failureThreshold: 3

        """

    /// The CR's `spec.healthCheck.readinessProbe.probe` mapping and a field of it, as the rook helper's decoder will give them.
    static func crField(_ name: String, in document: Document) throws -> Field<Int> {
        let root = try #require(document.root)
        var node = root
        var key = root
        for step in ["spec", "healthCheck", "readinessProbe", "probe"] {
            let entry = try #require(document.lookup(step, in: node))
            (key, node) = entry
        }
        if let entry = document.lookup(name, in: node) {
            return .written(Int(document.string(entry.value)) ?? 0, key: document.range(entry.key), value: document.range(entry.value))
        }
        let last = try #require(document.rawEntries(node).last)
        return .defaulted(1, at: Insertion(parentKey: document.range(key), lastKey: document.range(last.key),
                                           lastValue: document.range(last.value), isFlow: false))
    }

    @Test func editGoesToTheCRAndTheGeneratedObjectIsDisplayOnly() throws {
        let sources = try [InputFile(path: "rgw.yaml", bytes: Array(Self.generated.utf8)),
                           InputFile(path: "store.yaml", bytes: Array(Self.store.utf8))].map { try #require(FixSource.read($0)) }
        let crDocument = sources[1].documents[0].document
        let deployment = try #require(sources[0].documents[0].manifests.first)
        let probe = try #require(deployment.podSpec?.containers.first?.probe(.liveness))
        let path = "spec.healthCheck.readinessProbe.probe."
        let finding = Finding(
            rule: "PL101", severity: .error, message: "test", file: "rgw.yaml", range: probe.timeoutSeconds.anchor,
            object: ObjectRef(kind: "Deployment", namespace: "rook-ceph", name: deployment.metadata.name ?? "", container: "rgw", probe: .liveness),
            suggestions: [
                Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds, value: 3, reason: "r"),
                Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds, value: 3, reason: "r",
                           target: FixTarget(file: "store.yaml", path: path + "timeoutSeconds",
                                             field: try Self.crField("timeoutSeconds", in: crDocument), requiresPositive: true)),
                Suggestion(field: .periodSeconds, owner: probe.location, current: probe.periodSeconds, value: 0, reason: "r",
                           target: FixTarget(file: "store.yaml", path: path + "periodSeconds",
                                             field: try Self.crField("periodSeconds", in: crDocument), requiresPositive: true)),
            ])
        let plan = FixPlanner(sources: sources).plan([finding])
        #expect(plan.conflicts.isEmpty)
        let generated = try #require(plan.fields.first { $0.file == "rgw.yaml" })
        #expect(generated.applicability == .displayOnly)
        #expect(generated.managedBy?.kind == "CephObjectStore")
        let edits = plan.edits()
        #expect(edits["rgw.yaml"] == nil)
        let crEdits = try #require(edits["store.yaml"])
        #expect(crEdits.count == 2)
        let fixed = try Splicer.apply(crEdits, to: sources[1].bytes, file: "store.yaml")
        #expect(String(decoding: fixed, as: UTF8.self) == Self.store
            .replacingOccurrences(of: "periodSeconds: 0 ", with: "periodSeconds: 1 ")
            .replacingOccurrences(of: "failureThreshold: 3\n", with: "failureThreshold: 3\n        timeoutSeconds: 3\n"))
        #expect(plan.fields.first { $0.path == path + "periodSeconds" }?.object.kind == "CephObjectStore")
    }

    /// PL301 (from the Deployment) and the CR's own PL101 may ask for the same CR field:
    /// one edit, with both rules; when the values differ, the larger raise.
    @Test func twoFindingsTargetingOneCRFieldMakeOneEdit() throws {
        let sources = try [InputFile(path: "rgw.yaml", bytes: Array(Self.generated.utf8)),
                           InputFile(path: "store.yaml", bytes: Array(Self.store.utf8))].map { try #require(FixSource.read($0)) }
        let field = try Self.crField("timeoutSeconds", in: sources[1].documents[0].document)
        let path = "spec.healthCheck.readinessProbe.probe.timeoutSeconds"
        func finding(_ rule: RuleID, file: String, _ value: Int) -> Finding {
            let target = file == "store.yaml" ? nil : FixTarget(file: "store.yaml", path: path, field: field, requiresPositive: true)
            return Finding(rule: rule, severity: .error, message: "m", file: file, range: field.anchor,
                           object: ObjectRef(kind: "CephObjectStore", namespace: "rook-ceph", name: "my-store"),
                           suggestions: [Suggestion(field: .timeoutSeconds, owner: .joined("spec.healthCheck.readinessProbe.probe"), current: field, value: value, reason: rule.rawValue, target: target)])
        }
        let planner = FixPlanner(sources: sources)
        let same = planner.plan([finding("PL301", file: "rgw.yaml", 3), finding("PL101", file: "store.yaml", 3)])
        #expect(same.conflicts.isEmpty)
        #expect(same.fields.map(\.value) == [3])
        #expect(same.fields.first?.rules == ["PL301", "PL101"])
        #expect(same.edits()["store.yaml"]?.count == 1)
        let different = planner.plan([finding("PL301", file: "rgw.yaml", 5), finding("PL101", file: "store.yaml", 3)])
        #expect(different.conflicts.isEmpty)
        #expect(different.fields.map(\.value) == [5])
        let edits = try #require(different.edits()["store.yaml"])
        #expect(edits.count == 1)
        let fixed = try Splicer.apply(edits, to: sources[1].bytes, file: "store.yaml")
        #expect(String(decoding: fixed, as: UTF8.self) == Self.store.replacingOccurrences(of: "failureThreshold: 3\n", with: "failureThreshold: 3\n        timeoutSeconds: 5\n"))
    }

    @Test func targetInAFileThatIsNotAnInputIsDisplayOnly() throws {
        let source = try #require(FixSource.read(InputFile(path: "rgw.yaml", bytes: Array(Self.generated.utf8))))
        let probe = try #require(source.documents[0].manifests.first?.podSpec?.containers.first?.probe(.liveness))
        let finding = Finding(rule: "PL101", severity: .error, message: "m", file: "rgw.yaml", range: probe.key,
                              object: ObjectRef(kind: "Deployment", name: "x"),
                              suggestions: [Suggestion(field: .timeoutSeconds, owner: .joined("p"), current: probe.timeoutSeconds, value: 3, reason: "r",
                                                       target: FixTarget(file: "elsewhere.yaml", path: "spec.timeoutSeconds", field: probe.timeoutSeconds))])
        let plan = FixPlanner(sources: [source]).plan([finding])
        #expect(plan.edits().isEmpty)
        #expect(plan.fields.map(\.applicability) == [.displayOnly])
        #expect(plan.fields.first?.why == "elsewhere.yaml is not among the inputs that read cleanly: set timeoutSeconds: 3 there")
    }

    @Test func aTargetThatIsNotATimingFieldIsIgnored() throws {
        let sources = try [InputFile(path: "rgw.yaml", bytes: Array(Self.generated.utf8)),
                           InputFile(path: "store.yaml", bytes: Array(Self.store.utf8))].map { try #require(FixSource.read($0)) }
        let probe = try #require(sources[0].documents[0].manifests.first?.podSpec?.containers.first?.probe(.liveness))
        let field = try Self.crField("failureThreshold", in: sources[1].documents[0].document)
        let finding = Finding(rule: "PL301", severity: .error, message: "m", file: "rgw.yaml", range: probe.key,
                              object: ObjectRef(kind: "Deployment", name: "x"),
                              suggestions: [Suggestion(field: .failureThreshold, owner: .joined("p"), current: probe.failureThreshold, value: 5, reason: "r",
                                                       target: FixTarget(file: "store.yaml", path: "spec.healthCheck.readinessProbe.probe.disabled", field: field))])
        #expect(FixPlanner(sources: sources).plan([finding]).fields.isEmpty)
    }

    @Test func conflictingSuggestionsAreReportedNotFixed() throws {
        let text = Self.generated.replacingOccurrences(of: "  ownerReferences:\n  - apiVersion: ceph.rook.io/v1\n    kind: CephObjectStore\n    name: my-store\n", with: "")
        let source = try #require(FixSource.read(InputFile(path: "d.yaml", bytes: Array(text.utf8))))
        let probe = try #require(source.documents[0].manifests.first?.podSpec?.containers.first?.probe(.liveness))
        func finding(_ rule: RuleID, _ value: Int) -> Finding {
            Finding(rule: rule, severity: .error, message: "m", file: "d.yaml", range: probe.key, object: ObjectRef(kind: "Deployment", name: "x"),
                    suggestions: [Suggestion(field: .timeoutSeconds, owner: probe.location, current: probe.timeoutSeconds,
                                             value: value, reason: "r")])
        }
        let planner = FixPlanner(sources: [source])
        let agreeing = planner.plan([finding("PL101", 3), finding("PL102", 5)])
        #expect(agreeing.fields.map(\.value) == [5])
        #expect(agreeing.fields.first?.rules == ["PL101", "PL102"])
        let opposed = planner.plan([finding("PL101", 3), finding("PL999", 0)])
        #expect(opposed.fields.isEmpty)
        #expect(opposed.conflicts.map(\.message) == ["the suggestions conflict (PL101 wants 3, PL999 wants 0, now 1)"])
        var options = ModelOptions()
        options.detectionBudget = Seconds(40)
        let overBudget = FixPlanner(sources: [source], options: options).plan([finding("PL101", 20)])
        #expect(overBudget.fields.isEmpty)
        #expect(overBudget.conflicts.first?.path == "spec.template.spec.containers[0].livenessProbe")
        // T = 20 > P = 10: failing probes start every 20 s, W_max = 10 + (3 - 1) * 20 + 20.
        #expect(overBudget.conflicts.first?.message == "together the suggested values (livenessProbe timeoutSeconds 1 -> 20) make W_max = 70 s, above the 40 s detection budget")
    }
}
