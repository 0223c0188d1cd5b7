import Foundation
import Testing
@testable import ProbeLint

@Suite struct PL203Tests {
    func findings(port: String, ports: String) -> [Finding] {
        let yaml = TestSupport.deployment(probe: "httpGet:\n  path: /healthz\n  port: \(port)", ports: ports)
        return TestSupport.lint(yaml).findings.filter { $0.rule == "PL203" }
    }

    static let http = "\n          ports:\n            - name: http\n              containerPort: 8080"

    @Test func undeclaredNameIsAnError() throws {
        let f = try #require(findings(port: "metrics", ports: Self.http).first)
        #expect(f.severity == .error)
        #expect(f.message == "livenessProbe port 'metrics' is not a declared port name of container web: the kubelet cannot resolve it, so every probe errors and the kubelet acts on none: the container is never restarted, as if it had no livenessProbe")
        #expect(f.range.start.line == 20)
        #expect(f.range.start.column == 21)
        #expect(f.notes.first?.text == "declared TCP ports of container web: http/8080")
    }

    /// A declared name one or two edits away is suggested; none when two are as near, or the
    /// name is short and another word altogether.
    @Test func aNearNameIsSuggested() throws {
        #expect(try #require(findings(port: "htp", ports: Self.http).first).message.hasSuffix("had no livenessProbe; did you mean 'http'?"))
        #expect(try #require(findings(port: "htpp", ports: Self.http).first).message.hasSuffix("; did you mean 'http'?"))
        let two = Self.http + "\n            - name: https\n              containerPort: 8443"
        #expect(try #require(findings(port: "httx", ports: two).first).message.hasSuffix("had no livenessProbe"))
        #expect(try #require(findings(port: "ab", ports: Self.http).first).message.hasSuffix("had no livenessProbe"))
        // Only TCP names: the kubelet probes over TCP.
        let udp = "\n          ports:\n            - name: dns\n              containerPort: 53\n              protocol: UDP"
        #expect(try #require(findings(port: "dnss", ports: udp).first).message.hasSuffix("had no livenessProbe"))
    }

    /// An errored probe's result is thrown away (pkg/kubelet/prober/worker.go, `doProbe`): each
    /// kind keeps its initial result, and the message says what that does.
    @Test func whatAnUnresolvedNameDoesDependsOnTheKind() throws {
        for (kind, end) in [(ProbeKind.readiness, "the container never becomes ready: the pod gets no Service traffic"),
                            (.startup, "the container never counts as started: it never becomes ready, and its other probes never run")] {
            let yaml = TestSupport.deployment(probeKind: kind, probe: "httpGet:\n  path: /healthz\n  port: metrics", ports: Self.http)
            let f = try #require(TestSupport.lint(yaml).findings.first { $0.rule == "PL203" })
            #expect(f.message == "\(kind.fieldName) port 'metrics' is not a declared port name of container web: the kubelet cannot resolve it, so every probe errors and \(end)")
        }
    }

    /// The pod's containers share its IP: a number that another container declares (a sidecar's
    /// status port) is no typo. A name still resolves only among the probe's own container's ports.
    @Test func anotherContainersPortNumberPasses() {
        let sidecar = "\n        - name: istio-proxy\n          image: example/proxy:1\n          ports:\n            - name: status-port\n              containerPort: 15020"
        func findings(_ port: String, _ extra: String) -> [Finding] {
            let yaml = TestSupport.deployment(probe: "httpGet:\n  path: /healthz\n  port: \(port)", extraContainer: extra, ports: Self.http)
            return TestSupport.lint(yaml).findings.filter { $0.rule == "PL203" }
        }
        #expect(findings("15020", sidecar).isEmpty)
        #expect(findings("15020", "").map(\.severity) == [.info])
        #expect(findings("15021", sidecar).map(\.message) == ["livenessProbe port 15021 is not among the declared ports of container web (http/8080) or of the pod's other containers: a typo or a port that moved?"])
        #expect(findings("status-port", sidecar).map(\.severity) == [.error])
        // A plain init container has exited before any probe runs: its port is no answer; a sidecar's is.
        let initPort = "\n      initContainers:\n        - name: setup\n          image: example/setup:1\n          ports: [{containerPort: 15020}]"
        #expect(findings("15020", initPort).map(\.severity) == [.info])
        #expect(findings("15020", initPort + "\n          restartPolicy: Always").isEmpty)
    }

    @Test func namedPortWithNoPortsIsAnError() {
        #expect(findings(port: "http", ports: "").map(\.severity) == [.error])
    }

    @Test func declaredNameAndNumberPass() {
        #expect(findings(port: "http", ports: Self.http).isEmpty)
        #expect(findings(port: "8080", ports: Self.http).isEmpty)
    }

    /// Info, not a warning: the kubelet probes the number all the same, and ports are informational.
    @Test func otherNumberIsInfo() throws {
        let f = try #require(findings(port: "8081", ports: Self.http).first)
        #expect(f.severity == .info)
    }

    /// Declaring ports is optional: a number with no declared ports is fine
    /// (rook-v1.20.6/csi-operator.yaml's manager probes 8081 and declares none).
    @Test func numberWithNoDeclaredPortsPasses() {
        #expect(findings(port: "8081", ports: "").isEmpty)
    }

    /// The kubelet resolves a name among all ports whatever their protocol (prober.go,
    /// `findPortByName`) and probes the number over TCP: a UDP-only name resolves, and is a
    /// warning; a UDP number is still no declared TCP port.
    @Test func udpPortResolvesButIsProbedOverTCP() throws {
        let udp = "\n          ports:\n            - name: dns\n              containerPort: 53\n              protocol: UDP"
        let f = try #require(findings(port: "dns", ports: udp).first)
        #expect(f.severity == .warning)
        #expect(f.message == "livenessProbe port 'dns' resolves to 53, which container web declares for UDP only: the kubelet probes it over TCP")
        #expect(findings(port: "dns", ports: udp + "\n            - name: dns-tcp\n              containerPort: 53").count == 1)
        // A UDP number probed over TCP is the same mismatch, and a warning; a number declared nowhere is info.
        #expect(findings(port: "53", ports: udp + "\n            - name: http\n              containerPort: 8080").map(\.message)
                == ["livenessProbe port 53 is one container web declares for UDP only: the kubelet probes it over TCP"])
        #expect(findings(port: "53", ports: udp + "\n            - name: http\n              containerPort: 8080").map(\.severity) == [.warning])
        #expect(findings(port: "54", ports: udp + "\n            - name: http\n              containerPort: 8080").map(\.severity) == [.info])
        // With no TCP port declared at all too (the early return for "no TCP ports" skipped it).
        #expect(findings(port: "53", ports: udp).map(\.severity) == [.warning])
        #expect(findings(port: "nosuch", ports: udp).map(\.severity) == [.error])
    }

    /// A probe of another host (`host: 127.0.0.1` to a sidecar's port) says nothing about the
    /// container's declared ports; a name is still resolved in them.
    @Test func aProbeOfAnotherHostIsNotCheckedAgainstThePorts() {
        func findings(_ handler: String) -> [Finding] {
            let yaml = TestSupport.deployment(probe: handler, ports: Self.http)
            return TestSupport.lint(yaml).findings.filter { $0.rule == "PL203" }
        }
        #expect(findings("httpGet:\n  host: 127.0.0.1\n  path: /healthz/ready\n  port: 15021").isEmpty)
        #expect(findings("tcpSocket:\n  host: db.example\n  port: 5432").isEmpty)
        #expect(findings("httpGet:\n  host: \"\"\n  port: 15021").map(\.severity) == [.info])
        #expect(findings("httpGet:\n  host: 127.0.0.1\n  port: metrics").map(\.severity) == [.error])
    }

    @Test func corpusCsiOperatorIsQuiet() throws {
        let url = TestSupport.corpus.appendingPathComponent("rook-v1.20.6/csi-operator.yaml")
        let bytes = try [UInt8](Data(contentsOf: url))
        let report = Linter.lint([InputFile(path: "csi-operator.yaml", bytes: bytes)])
        #expect(report.errors.isEmpty)
        #expect(!report.findings.contains { $0.rule == "PL203" })
    }
}
