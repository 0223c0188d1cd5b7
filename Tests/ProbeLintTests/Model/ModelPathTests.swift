import Testing
@testable import ProbeLint

/// A field's path is its owner's path and the field's name after a dot, however the
/// owner's path is kept; paths are equal when their texts are.
@Suite struct ModelPathTests {
    static let paths: [ModelPath] = [
        .joined("spec.template.spec"),
        .container(pod: "spec.template.spec", isInit: false, index: 2, probe: nil),
        .container(pod: "items[1].spec", isInit: true, index: 0, probe: .liveness),
        .rookProbe(RookSpecPath(prefix: "", section: .healthCheck, kind: .liveness, daemon: .mon)),
        .rookContainer(prefix: "items[3].", .mds),
    ]

    @Test func aFieldsPathIsItsOwnersThenItsName() {
        for path in Self.paths {
            #expect(path.string(field: "timeoutSeconds") == path.string + ".timeoutSeconds")
        }
        #expect(Self.paths[2].string(field: "periodSeconds") == "items[1].spec.initContainers[0].livenessProbe.periodSeconds")
        #expect(Self.paths[1].string(field: "name") == "spec.template.spec.containers[2].name")
    }

    @Test func pathsAreEqualWhenTheirTextsAre() {
        let written = ModelPath.container(pod: "spec", isInit: false, index: 0, probe: .readiness)
        #expect(written == .joined("spec.containers[0].readinessProbe"))
        #expect(written != .joined("spec.containers[0].livenessProbe"))
        // Paths of one case are compared by their parts, and equal exactly when their texts are.
        for a in Self.paths {
            for b in Self.paths { #expect((a == b) == (a.string == b.string)) }
        }
        #expect(written != .container(pod: "spec", isInit: true, index: 0, probe: .readiness))
        #expect(written != .container(pod: "spec", isInit: false, index: 1, probe: .readiness))
        let at = SourceRange(point: SourcePosition(offset: 0, line: 1, column: 1))
        #expect(Suggestion(field: .timeoutSeconds, owner: written, current: .written(1, key: at, value: at), value: 3, reason: "r").path
                == "spec.containers[0].readinessProbe.timeoutSeconds")
    }
}
