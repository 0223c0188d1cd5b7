import Testing
@testable import ProbeLint

/// One resolution serves a container and all its probes: the latencies a probe takes
/// depend on its handler (`Inputs.probed(by:)`).
@Suite struct InputsLatencyTests {
    let rgw = ComponentDetection(component: .rgw, evidence: "runs radosgw")
    func handler(_ kind: ProbeHandler.Kind) -> ProbeHandler { ProbeHandler(kind: kind, key: SourceRange(point: .start)) }

    @Test func builtInLatenciesDependOnTheHandler() {
        let resolved = Environment().inputs(for: rgw, annotations: ProbelintAnnotations(), namespace: nil)
        let profile = ComponentProfile.builtIn(.rgw)
        let exec = resolved.probed(by: handler(.exec)), http = resolved.probed(by: handler(.httpGet))
        let container = resolved.probed(by: nil)
        #expect(exec.latencyP50.value == profile.execP50 && exec.latencyP99.value == profile.execP99)
        #expect(http.latencyP50.value == profile.networkP50 && http.latencyP99.value == profile.networkP99)
        #expect(container.latencyP99.value == profile.networkP99)
        #expect(exec.latencyP99.origin == .builtIn(.rgw) && http.latencyP99.origin == .builtIn(.rgw))
    }

    @Test func aGivenLatencyAppliesToEveryHandler() throws {
        let environment = Environment(flags: .flags([.latencyP99: .seconds(Seconds(3))]))
        let resolved = environment.inputs(for: rgw, annotations: ProbelintAnnotations(), namespace: nil)
        for kind in [ProbeHandler.Kind.exec, .httpGet, .tcpSocket] {
            let inputs = resolved.probed(by: handler(kind))
            #expect(inputs.latencyP99.value == Seconds(3) && inputs.latencyP99.origin == .flag("latency-p99"))
            #expect(inputs.latencyP50.origin == .builtIn(.rgw))
        }
        // The public entry point agrees with the shared resolution.
        let exec = environment.inputs(for: rgw, handler: handler(.exec), annotations: [:])
        #expect(exec.latencyP50.value == ComponentProfile.builtIn(.rgw).execP50)
    }
}
