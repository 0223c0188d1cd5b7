import Testing
@testable import ProbeLint

/// The command's own limit as each tool writes it; a tool only where a command starts.
@Suite struct CommandTimeoutTests {
    @Test(arguments: [
        (["grpc_health_probe", "-addr=:7070", "-rpc-timeout=5s"], 5.0, "grpc_health_probe -rpc-timeout=5s"),
        (["/bin/grpc_health_probe", "--rpc-timeout", "1m30s"], 90, "grpc_health_probe --rpc-timeout 1m30s"),
        (["grpc_health_probe", "-connect-timeout=250ms", "-rpc-timeout=2s"], 2, "grpc_health_probe -rpc-timeout=2s"),
        (["curl", "-sf", "-m", "3", "http://x"], 3, "curl -m 3"),
        (["curl", "-m2.5", "http://x"], 2.5, "curl -m2.5"),
        (["curl", "--max-time", "10", "--connect-timeout", "2"], 10, "curl --max-time 10"),
        (["wget", "-q", "--timeout=4", "-O-", "http://x"], 4, "wget --timeout=4"),
        (["wget", "-T", "6", "http://x"], 6, "wget -T 6"),
        (["sh", "-c", "curl -sf -m 3 http://localhost/ready"], 3, "curl -m 3"),
        (["/bin/sh", "-c", "test -f /x && timeout 2m wget -T 5 http://x"], 120, "timeout 2m"),
        (["timeout", "-s", "KILL", "7", "curl", "-m", "9", "http://x"], 9, "curl -m 9"),
        (["bash", "-c", "if curl -m 4 http://x; then exit 0; fi"], 4, "curl -m 4"),
        (["env", "A=1", "curl", "--max-time", "8"], 8, "curl --max-time 8"),
    ])
    func aToolsLimitIsRead(words: [String], seconds: Double, written: String) throws {
        let found = try #require(CommandTimeout.find(in: words))
        #expect(found.seconds == seconds)
        #expect(found.written == written)
    }

    @Test(arguments: [
        ["cat", "/tmp/healthy"],
        ["echo", "timeout", "5"],                       // an argument, not a command
        ["grpc_health_probe", "-rpc-timeout=5"],         // a Go duration needs its unit
        ["curl", "-m", "abc"], ["curl", "-m", "0"], ["curl", "http://x"],
        ["mytool", "-m", "5"],                           // -m of a tool not read
        ["wget"], ["timeout"],
    ])
    func noLimitIsNone(words: [String]) {
        #expect(CommandTimeout.find(in: words) == nil)
    }

    @Test func goDurations() {
        #expect(CommandTimeout.goDuration("1h2m3s") == 3723)
        #expect(CommandTimeout.goDuration("1.5s") == 1.5)
        #expect(CommandTimeout.goDuration("300ms") == 0.3)
        #expect(CommandTimeout.goDuration("5") == nil && CommandTimeout.goDuration("5x") == nil && CommandTimeout.goDuration("") == nil)
    }
}

/// PL108 fires when the command's own limit is longer than timeoutSeconds, and its fix is ceil(X).
@Suite struct PL108Tests {
    func findings(_ probe: String, kind: ProbeKind = .liveness, flags: [InputKey: String] = [:]) -> [Finding] {
        TestSupport.lint(TestSupport.deployment(probeKind: kind, probe: probe), flags: flags).findings.filter { $0.rule == "PL108" }
    }

    @Test func theLimitAgainstTheTimeout() throws {
        let f = try #require(findings("exec: {command: [grpc_health_probe, \"-addr=:7070\", \"-rpc-timeout=5s\"]}").first)
        #expect(f.message == "livenessProbe runs grpc_health_probe -rpc-timeout=5s, longer than timeoutSeconds 1: the kubelet stops the command after 1 s, so an answer it would accept in 1 to 5 s fails the probe")
        #expect(f.severity == .warning)
        #expect(f.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 5"])
        #expect(f.notes.contains { $0.name == "X" && $0.value == 5 })
        // 1.2 s rounds up to 2; at or below T no finding.
        #expect(findings("exec: {command: [curl, -m, \"1.2\", \"http://x\"]}").first?.suggestions.first?.value == 2)
        #expect(findings("exec: {command: [curl, -m, \"5\", \"http://x\"]}\ntimeoutSeconds: 5").isEmpty)
        #expect(findings("exec: {command: [curl, -m, \"5\", \"http://x\"]}\ntimeoutSeconds: 4").count == 1)
        for kind in [ProbeKind.readiness, .startup] {
            #expect(findings("exec: {command: [sh, -c, \"wget -T 3 http://x\"]}", kind: kind).count == 1)
        }
        // Not an exec probe, or an exec probe without a limit.
        #expect(findings("httpGet: {path: /, port: 80}").isEmpty)
        #expect(findings("exec: {command: [cat, /tmp/healthy]}").isEmpty)
    }

    /// A fix that would draw another finding (here a liveness W_max past the detection budget,
    /// PL104) is a note instead.
    @Test func aFixThatTradesIsANote() throws {
        let f = try #require(findings("exec: {command: [grpc_health_probe, \"-rpc-timeout=90s\"]}\nperiodSeconds: 60\nfailureThreshold: 4").first)
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.first { $0.name == "fixTrades" }?.text.hasPrefix("no fix: timeoutSeconds 90 would ") == true)
    }

    /// Rook's generated probes are not read (they run no such tool).
    @Test func rookProbesAreNotChecked() {
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec: {gateway: {port: 80, instances: 1}}\n"
        #expect(TestSupport.lint(store).findings.filter { $0.rule == "PL108" }.isEmpty)
    }
}
