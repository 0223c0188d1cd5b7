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
        #expect(f.message == "livenessProbe port 'metrics' is not a declared port name of container web: the kubelet cannot resolve it and every probe fails")
        #expect(f.range.start.line == 20)
        #expect(f.range.start.column == 21)
        #expect(f.notes.first?.text == "declared TCP ports of container web: http/8080")
    }

    /// A declared name one or two edits away is suggested; none when two are as near, or the
    /// name is short and another word altogether.
    @Test func aNearNameIsSuggested() throws {
        #expect(try #require(findings(port: "htp", ports: Self.http).first).message.hasSuffix("every probe fails; did you mean 'http'?"))
        #expect(try #require(findings(port: "htpp", ports: Self.http).first).message.hasSuffix("; did you mean 'http'?"))
        let two = Self.http + "\n            - name: https\n              containerPort: 8443"
        #expect(try #require(findings(port: "httx", ports: two).first).message.hasSuffix("every probe fails"))
        #expect(try #require(findings(port: "ab", ports: Self.http).first).message.hasSuffix("every probe fails"))
        // Only TCP names: the kubelet probes over TCP.
        let udp = "\n          ports:\n            - name: dns\n              containerPort: 53\n              protocol: UDP"
        #expect(try #require(findings(port: "dnss", ports: udp).first).message.hasSuffix("every probe fails"))
    }

    @Test func namedPortWithNoPortsIsAnError() {
        #expect(findings(port: "http", ports: "").map(\.severity) == [.error])
    }

    @Test func declaredNameAndNumberPass() {
        #expect(findings(port: "http", ports: Self.http).isEmpty)
        #expect(findings(port: "8080", ports: Self.http).isEmpty)
    }

    @Test func otherNumberIsAWarning() throws {
        let f = try #require(findings(port: "8081", ports: Self.http).first)
        #expect(f.severity == .warning)
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
        #expect(findings(port: "53", ports: udp + "\n            - name: http\n              containerPort: 8080").map(\.severity) == [.warning])
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
        #expect(findings("httpGet:\n  host: \"\"\n  port: 15021").map(\.severity) == [.warning])
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
