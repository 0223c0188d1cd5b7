import Testing
@testable import ProbeLint

@Suite struct ContainerProbesTests {
    func probe(_ kind: ProbeKind, path: String = "p") -> Probe {
        let at = Insertion(parentKey: SourceRange(point: .start), lastKey: nil, lastValue: nil, isFlow: false)
        let field = Field<Int>.defaulted(1, at: at)
        return Probe(kind: kind, key: at.parentKey, range: at.parentKey, isFlow: false, handlers: [], initialDelaySeconds: field,
                     timeoutSeconds: field, periodSeconds: field, successThreshold: field, failureThreshold: field,
                     terminationGracePeriodSeconds: field, path: path)
    }

    /// Each kind's probe is the first of that kind given, and all come back in kind order.
    @Test func firstOfEachKindInKindOrder() {
        let probes = ContainerProbes([probe(.readiness, path: "r1"), probe(.startup), probe(.readiness, path: "r2")])
        #expect(probes.all.map(\.kind) == [.startup, .readiness])
        #expect(probes[.readiness]?.path == "r1" && probes[.liveness] == nil && probes.count == 2)
        #expect(ContainerProbes().all.isEmpty && ContainerProbes().count == 0)
    }

    /// A decoded container's probes read as written, whatever order they are written in.
    @Test func decodedContainerProbes() throws {
        let yaml = """
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - name: c
                readinessProbe: {tcpSocket: {port: 1}}
                startupProbe: {tcpSocket: {port: 2}}
            """
        let doc = try #require(try Reader.readAll(yaml, file: "p.yaml").first)
        let container = try #require(ManifestDecoder.decode(doc).manifests.first?.podSpec?.containers.first)
        #expect(container.probes.map(\.kind) == [.startup, .readiness])
        #expect(container.probe(.readiness)?.handler?.port == .number(1) && container.probe(.liveness) == nil)
    }
}
