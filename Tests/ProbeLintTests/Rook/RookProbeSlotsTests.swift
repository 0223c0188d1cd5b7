import Testing
@testable import ProbeLint

@Suite struct RookProbeSlotsTests {
    static func at(_ line: Int) -> SourceRange { SourceRange(point: SourcePosition(offset: line * 10, line: line, column: 1)) }
    static func written(_ n: Int, line: Int) -> Field<Int> { .written(n, key: at(line), value: at(line)) }

    @Test func specPathsJoinAsTheyAreWritten() {
        #expect(RookSpecPath(prefix: "", section: .healthCheck, kind: .liveness, daemon: .mon).string
            == "spec.healthCheck.livenessProbe.mon")
        #expect(RookSpecPath(prefix: "items[2].", section: .metadataServer, kind: .startup).string
            == "items[2].spec.metadataServer.startupProbe")
        #expect(RookSpecPath(prefix: "", section: .healthCheck, kind: .readiness).joined(".probe")
            == "spec.healthCheck.readinessProbe.probe")
        #expect(ModelPath.rookProbe(RookSpecPath(prefix: "", section: .healthCheck, kind: .startup, daemon: .osd)).string
            == "spec.healthCheck.startupProbe.osd.probe")
        #expect(ModelPath.rookContainer(prefix: "", .mgr).string == "spec.resources.mgr")
        #expect(ModelPath.rookContainer(prefix: "items[1].", .rgw).string == "items[1].spec.gateway")
        #expect(ModelPath.rookContainer(prefix: "", .mds).probe(.liveness).string == "spec.metadataServer.livenessProbe")
    }

    @Test func fieldsKeepOneValuePerFieldInFieldOrder() {
        var fields = RookProbeFields()
        #expect(fields.isEmpty && fields[.timeoutSeconds] == nil)
        fields[.failureThreshold] = Self.written(3, line: 4)
        fields[.timeoutSeconds] = Self.written(0, line: 2)
        fields[.timeoutSeconds] = Self.written(5, line: 3)
        #expect(fields.count == 2)
        #expect(fields[.timeoutSeconds] == Self.written(5, line: 3))
        #expect(fields[.failureThreshold]?.value == 3)
        var other = RookProbeFields()
        other[.timeoutSeconds] = Self.written(5, line: 3)
        other[.failureThreshold] = Self.written(3, line: 4)
        #expect(fields == other)
        fields[.failureThreshold] = nil
        #expect(fields.count == 1 && fields[.failureThreshold] == nil && fields != other)
    }

    @Test func specsListTheWrittenKindsInKindOrder() {
        func spec(_ kind: ProbeKind) -> RookProbeSpec {
            RookProbeSpec(location: RookSpecPath(prefix: "", section: .healthCheck, kind: kind),
                          insertion: Insertion(parentKey: Self.at(1), lastKey: nil, lastValue: nil, isFlow: false))
        }
        var specs = RookProbeSpecs()
        specs[.readiness] = spec(.readiness)
        specs[.startup] = spec(.startup)
        #expect(specs.entries.map(\.kind) == [.startup, .readiness])
        #expect(specs[.liveness] == nil)
        var cluster = RookClusterProbeSpecs()
        cluster[.mgr] = specs
        #expect(cluster[.mgr].all.map(\.path) == ["spec.healthCheck.startupProbe", "spec.healthCheck.readinessProbe"])
        #expect(cluster[.mon].all.isEmpty && cluster[.rgw].all.isEmpty)
    }
}
