import Testing
@testable import ProbeLint

/// The command's own limit as each tool writes it; a tool only where a command starts.
@Suite struct CommandTimeoutTests {
    @Test(arguments: [
        (["grpc_health_probe", "-addr=:7070", "-rpc-timeout=5s"], 6.0, "grpc_health_probe -rpc-timeout=5s (-connect-timeout 1 s by default)"),
        (["/bin/grpc_health_probe", "--rpc-timeout", "1m30s", "-connect-timeout=250ms"], 90.25, "grpc_health_probe -connect-timeout=250ms --rpc-timeout 1m30s"),
        (["curl", "-sf", "-m", "3", "http://x"], 3, "curl -m 3"),
        (["curl", "-m2.5", "http://x"], 2.5, "curl -m2.5"),
        (["curl", "-fsSm", "4", "http://x"], 4, "curl -fsSm 4"),
        (["curl", "-sfm5", "http://x"], 5, "curl -sfm5"),
        (["curl", "--max-time", "10", "--connect-timeout", "2"], 10, "curl --max-time 10"),
        (["curl", "-m", "1e1", "http://x"], 10, "curl -m 1e1"),
        (["sh", "-c", "curl -sf -m 3 http://localhost/ready"], 3, "curl -m 3"),
        (["/bin/sh", "-c", "test -f /x && timeout 2m wget -T 5 http://x"], 120, "timeout 2m"),
        // A `timeout` around a command bounds it with the smaller limit.
        (["timeout", "-s", "KILL", "7", "curl", "-m", "9", "http://x"], 7, "timeout 7"),
        (["timeout", "-k", "2", "5", "cat", "/x"], 7, "timeout -k 2 5"),
        (["sh", "-c", "timeout 3 grpc_health_probe -rpc-timeout=10s"], 3, "timeout 3"),
        (["bash", "-c", "if curl -m 4 http://x; then exit 0; fi"], 4, "curl -m 4"),
        (["env", "A=1", "curl", "--max-time", "8"], 8, "curl --max-time 8"),
        // A prefix's options, with their values, come before its command.
        (["env", "-i", "-u", "HOME", "PATH=/bin", "curl", "-m", "8"], 8, "curl -m 8"),
        (["nice", "-n", "10", "timeout", "4", "cat", "/x"], 4, "timeout 4"),
        (["sh", "-c", "exec nice -n 5 -- curl -m 6 http://x"], 6, "curl -m 6"),
        (["sudo", "-u", "ceph", "--preserve-env", "grpc_health_probe", "-rpc-timeout=2s"], 3,
         "grpc_health_probe -rpc-timeout=2s (-connect-timeout 1 s by default)"),
        // A script's lines, `$(...)` and shells' flags.
        (["sh", "-c", "set -e\ncurl -sf -m 5 http://x"], 5, "curl -m 5"),
        (["sh", "-c", "curl -sf http://x\ngrpc_health_probe -rpc-timeout=5s"], 6, "grpc_health_probe -rpc-timeout=5s (-connect-timeout 1 s by default)"),
        (["sh", "-c", "echo $(curl -m 5 http://x)"], 5, "curl -m 5"),
        (["bash", "-lc", "curl -m 5 http://x"], 5, "curl -m 5"),
        (["bash", "-euo", "pipefail", "-c", "curl -m 5 http://x | grep ok"], 5, "curl -m 5"),
        (["sh", "-c", "while ! curl -m 2 http://x; do sleep 1; done"], 2, "curl -m 2"),
        (["busybox", "timeout", "5", "cat", "/x"], 5, "timeout 5"),
        // Commands one after another add their limits.
        (["sh", "-c", "curl -m 2 http://a && curl -m 3 http://b"], 5, "curl -m 2, then curl -m 3"),
        // pg_isready's libpq connect_timeout, as getopt_long reads its options.
        (["pg_isready", "-U", "postgres", "-t", "5"], 5, "pg_isready -t 5"),
        (["pg_isready", "-qt5", "-h", "127.0.0.1"], 5, "pg_isready -qt5"),
        (["sh", "-c", "pg_isready -h 127.0.0.1 --timeout=10 -U app || exit 1"], 10, "pg_isready --timeout=10"),
        (["/usr/bin/pg_isready", "--time", "4", "--quiet"], 4, "pg_isready --time 4"),
        (["pg_isready", "-t", "2", "-t", "6"], 6, "pg_isready -t 6"),
        (["pg_isready", "--t= 7 "], 7, "pg_isready --t= 7 "),
        (["timeout", "3", "pg_isready", "-t", "10"], 3, "timeout 3"),
        (["pg_isready", "-t", " 7 "], 7, "pg_isready -t 7"),
        // The commands that drop root, as images run them.
        (["gosu", "postgres", "pg_isready", "-t", "5"], 5, "pg_isready -t 5"),
        (["su-exec", "app:app", "curl", "-m", "4"], 4, "curl -m 4"),
        (["su", "postgres", "-c", "pg_isready -t 5"], 5, "pg_isready -t 5"),
        (["su", "-", "postgres", "-s", "/bin/sh", "--command=curl -m 3 x"], 3, "curl -m 3"),
        (["runuser", "-u", "postgres", "--", "pg_isready", "-t", "6"], 6, "pg_isready -t 6"),
        (["sh", "-c", "runuser -l postgres -c 'pg_isready -t 2'"], 2, "pg_isready -t 2"),
        // libpq gives each host the limit.
        (["pg_isready", "-h", "db1,db2", "-t", "3"], 6, "pg_isready -t 3, for each of the 2 hosts of -h db1,db2"),
        (["pg_isready", "--host=a,b,c", "--timeout=2"], 6, "pg_isready --timeout=2, for each of the 3 hosts of --host=a,b,c"),
        // libpq waits at least 2 s.
        (["pg_isready", "-t", "1"], 2, "pg_isready -t 1, which libpq raises to 2 s"),
        (["pg_isready", "-h", "a,b", "-t1"], 4, "pg_isready -t1, which libpq raises to 2 s, for each of the 2 hosts of -h a,b"),
        // `timeout 0` sets no limit: the command's own bound stands, and `0` is no command.
        (["timeout", "0", "grpc_health_probe", "-rpc-timeout=5s"], 6, "grpc_health_probe -rpc-timeout=5s (-connect-timeout 1 s by default)"),
        (["timeout", "-k", "3", "0s", "curl", "-m", "4", "http://x"], 4, "curl -m 4"),
    ])
    func aCommandsBoundIsRead(words: [String], seconds: Double, written: String) throws {
        let found = try #require(CommandTimeout.find(in: words))
        #expect(abs(found.seconds - seconds) < 1e-9)
        #expect(found.written == written)
    }

    /// A pipe's commands run at the same time, so it waits as long as its longest; commands one
    /// after another (`;`, `&&`, `||`, a line break) add theirs, and the shell binds a pipe first.
    @Test(arguments: [
        ("curl -m 2 http://a | curl -m 3 http://b", 3.0, "curl -m 2 and curl -m 3 at once (a pipe)"),
        ("curl -m 4 http://a | curl -m 3 http://b", 4, "curl -m 4 and curl -m 3 at once (a pipe)"),
        ("curl -m 1 http://a | curl -m 5 http://b | curl -m 2 http://c", 5, "curl -m 1, curl -m 5 and curl -m 2 at once (a pipe)"),
        ("curl -m 1 http://a | curl -m 4 http://b; curl -m 2 http://c", 6, "curl -m 1 and curl -m 4 at once (a pipe), then curl -m 2"),
        ("curl -m 2 http://c && curl -m 1 http://a | curl -m 4 http://b", 6, "curl -m 2, then curl -m 1 and curl -m 4 at once (a pipe)"),
        ("curl -m 1 http://a | curl -m 4 http://b || curl -m 2 http://c", 6, "curl -m 1 and curl -m 4 at once (a pipe), then curl -m 2"),
        ("curl -m 2 http://a || curl -m 3 http://b", 5, "curl -m 2, then curl -m 3"),
        ("curl -m 2 http://a||curl -m 3 http://b", 5, "curl -m 2, then curl -m 3"),
        ("curl -m 2 http://a && curl -m 3 http://b", 5, "curl -m 2, then curl -m 3"),
        ("curl -m 2 http://a\ncurl -m 3 http://b", 5, "curl -m 2, then curl -m 3"),
        // bash's `|&` pipes standard error too; a line break after `|` continues the pipe.
        ("curl -m 2 http://a |& curl -m 3 http://b", 3, "curl -m 2 and curl -m 3 at once (a pipe)"),
        ("curl -m 2 http://a |\n  curl -m 3 http://b", 3, "curl -m 2 and curl -m 3 at once (a pipe)"),
        // A redirection's `&` joins nothing: the pipe after it still runs its commands at once.
        ("curl -m 2 http://a 2>&1 | curl -m 3 http://b", 3, "curl -m 2 and curl -m 3 at once (a pipe)"),
        ("curl -m 4 http://a &>/dev/null | curl -m 3 http://b", 4, "curl -m 4 and curl -m 3 at once (a pipe)"),
        ("curl -m 5 http://a | grep -q ok", 5, "curl -m 5"),
    ])
    func aPipeWaitsForItsLongestCommand(script: String, seconds: Double, written: String) throws {
        let found = try #require(CommandTimeout.find(in: ["sh", "-c", script]))
        #expect(found.seconds == seconds)
        #expect(found.written == written)
    }

    /// `||` is two bars, not a pipe; `|&` is one; a quoted or escaped bar is a word's.
    @Test func aPipeIsToldFromAnOrList() {
        typealias T = CommandTimeout.Token
        #expect(CommandTimeout.scriptTokens("a | b") == [T.word("a"), .pipe, .word("b")])
        #expect(CommandTimeout.scriptTokens("a || b") == [T.word("a"), .sequence, .word("b")])
        #expect(CommandTimeout.scriptTokens("a|&b") == [T.word("a"), .pipe, .word("b")])
        #expect(CommandTimeout.scriptTokens("a && b & c") == [T.word("a"), .sequence, .word("b"), .sequence, .word("c")])
        #expect(CommandTimeout.scriptTokens("a 2>&1 | b >| f") == [T.word("a"), .word("2>&1"), .pipe, .word("b"), .word(">|"), .word("f")])
        #expect(CommandTimeout.scriptTokens("a '|' b\\|c") == [T.word("a"), .word("|"), .word("b|c")])
        #expect(CommandTimeout.scriptTokens("(a) | b") == [T.sequence, .word("a"), .sequence, .word("b")])
    }

    @Test(arguments: [
        ["cat", "/tmp/healthy"],
        ["echo", "timeout", "5"],                       // an argument, not a command
        ["grpc_health_probe", "-rpc-timeout=5"],         // a Go duration needs its unit
        ["grpc_health_probe", "-addr=:7070"],            // no limit written
        ["curl", "-m", "abc"], ["curl", "-m", "0"], ["curl", "http://x"],
        ["curl", "--max-time=5", "http://x"],            // curl takes no '='
        ["curl", "--connect-timeout", "5", "http://x"],  // the connection only
        ["curl", "--retry", "3", "-m", "5", "http://x"], // each try gets the limit
        ["curl", "-H", "X: -m5", "http://x"], ["curl", "-d", "-m 5", "http://x"],
        ["wget", "-T", "5", "http://x"],                 // a limit per read, and 20 tries
        ["sh", "-c", "grep -m 3 ok /tmp/s"],             // grep's -m
        ["sh", "-c", "curl -s -o /tmp/s http://x\ngrep -m 3 ok /tmp/s"],
        ["mytool", "-m", "5"], ["timeout"], ["timeout", "0", "cat"],
        ["nice", "-n", "curl", "-m", "5"],               // curl is nice's value: the command is '-m'
        ["env", "-S", "curl -m 5", "http://x"],          // env -S's command line is not read
        ["pg_isready", "-U", "postgres"],                // its 3 s default is not read
        ["pg_isready", "-t", "0"], ["pg_isready", "-t", "-1"], ["pg_isready", "-t", "2.5"], ["pg_isready", "--timeout="],
        ["pg_isready", "-U", "-t5"],                     // -U's value
        ["pg_isready", "-t", "5", "postgres"],           // a word that is no option: it stops at once
        ["pg_isready", "-x", "-t", "5"],                 // an option it does not know
        ["pg_isready", "--verbose", "-t", "5"],
        ["pg_isready", "-t"],
        ["su", "postgres"], ["gosu", "pg_isready", "-t", "5"],  // no command; the user's name is pg_isready
        ["pg_isready", "--quiet=1", "-t", "5"],           // getopt_long: '--quiet' doesn't allow an argument
        ["pg_isready", "-t", "5\u{A0}"],                  // strtol's blanks are C's isspace, not a no-break space
        ["sh", "-c", "echo pg_isready -t 5"], ["/tmp/pg_isready-wrapper", "-t", "5"],
    ])
    func noLimitIsNone(words: [String]) {
        #expect(CommandTimeout.find(in: words) == nil)
    }

    /// Command lines made of the words the reader looks at, in any order (a fixed seed): it
    /// never traps, and a bound it finds is positive and finite and names a tool it reads.
    @Test func anyOrderOfItsWordsReadsSafely() {
        let vocabulary = ["pg_isready", "curl", "grpc_health_probe", "timeout", "su", "runuser", "gosu", "su-exec", "sh", "bash",
                          "env", "sudo", "-c", "-t", "-t5", "-qt", "--timeout=3", "--t", "--quiet=1", "-h", "a,b", "-u", "--", "-m",
                          "-m5", "--max-time", "-rpc-timeout=2s", "-k", "5", "0", "2.5", "-1", "", "x", "curl -m 2 x; pg_isready -t 4",
                          "-lc", "--command=curl -m 1 x", "-s", "/bin/sh", "postgres", "-n", "10"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int(truncatingIfNeeded: (z ^ (z >> 31)) >> 1)
        }
        var found = 0
        for _ in 0..<20_000 {
            let words = (0..<(1 + next() % 8)).map { _ in vocabulary[next() % vocabulary.count] }
            guard let bound = CommandTimeout.find(in: words) else { continue }
            found += 1
            #expect(bound.seconds > 0 && bound.seconds.isFinite, "\(words)")
            #expect(["timeout", "curl", "grpc_health_probe", "pg_isready"].contains { bound.written.contains($0) }, "\(words)")
        }
        #expect(found > 100)
    }

    @Test func goDurations() {
        #expect(CommandTimeout.goDuration("1h2m3s") == 3723)
        #expect(CommandTimeout.goDuration("1.5s") == 1.5)
        #expect(CommandTimeout.goDuration("300ms") == 0.3)
        #expect(CommandTimeout.goDuration("5") == nil && CommandTimeout.goDuration("5x") == nil && CommandTimeout.goDuration("") == nil)
        // Go's sign and zero: `+5s` is 5 s, `0m0s` is 0, `-5s` and a lone `+` are refused.
        #expect(CommandTimeout.goDuration("+5s") == 5 && CommandTimeout.goDuration("0m0s") == 0)
        #expect(CommandTimeout.goDuration("-5s") == nil && CommandTimeout.goDuration("+") == nil && CommandTimeout.goDuration("+-5s") == nil)
        // Go's zeros with a sign: `-0s`, `+0`, `-0`; a bare number other than 0 is none.
        #expect(CommandTimeout.goDuration("-0s") == 0 && CommandTimeout.goDuration("+0") == 0 && CommandTimeout.goDuration("-0") == 0)
        #expect(CommandTimeout.goDuration("+5") == nil)
        // grpc_health_probe refuses a zero timeout: it bounds nothing.
        #expect(CommandTimeout.find(in: ["grpc_health_probe", "-rpc-timeout=0s"]) == nil)
    }
}

/// PL108 fires when the command's own limit is longer than timeoutSeconds, and its fix is ceil(X).
@Suite struct PL108Tests {
    func findings(_ probe: String, kind: ProbeKind = .liveness, flags: [InputKey: String] = [:]) -> [Finding] {
        TestSupport.lint(TestSupport.deployment(probeKind: kind, probe: probe), flags: flags).findings.filter { $0.rule == "PL108" }
    }

    /// The tools scan (`CommandWords.tools`) finds pg_isready as a whole word or script token only,
    /// and not as a fetcher of a port (PL101, PL107).
    @Test func pgIsreadyIsATimedTool() {
        for (words, timed) in [(["pg_isready", "-t", "5"], true), (["sh", "-c", "x; /usr/bin/pg_isready -qt3"], true),
                               (["$(pg_isready)"], true), (["my-pg_isready", "-t", "5"], false), (["pg_isreadyx"], false),
                               (["pg_isread"], false), (["check", "--pg_isready"], false)] {
            let tools = CommandWords(words).tools
            #expect(tools.contains(.timed) == timed, "\(words)")
            #expect(!tools.contains(.fetcher), "\(words)")
        }
        #expect(findings("exec: {command: [pg_isready, -U, app, -t, \"5\"]}\ntimeoutSeconds: 2").first?.suggestions.first?.value == 5)
        #expect(findings("exec: {command: [sh, -c, \"pg_isready -q -t 3\"]}").first?.message.hasPrefix("livenessProbe runs pg_isready -t 3, which can wait 3 s") == true)
        #expect(findings("exec: {command: [pg_isready, -t, \"5\"]}\ntimeoutSeconds: 5").isEmpty)
    }

    @Test func theLimitAgainstTheTimeout() throws {
        let f = try #require(findings("exec: {command: [grpc_health_probe, \"-addr=:7070\", \"-rpc-timeout=5s\"]}").first)
        #expect(f.message == "livenessProbe runs grpc_health_probe -rpc-timeout=5s (-connect-timeout 1 s by default), which can wait 6 s for an answer, longer than timeoutSeconds 1: the kubelet stops it after 1 s, so an answer it would accept in 1 to 6 s fails the probe")
        #expect(f.severity == .warning)
        #expect(f.suggestions.map { "\($0.field.rawValue) \($0.value)" } == ["timeoutSeconds 6"])
        #expect(f.notes.contains { $0.name == "X" && $0.value == 6 })
        // 1.2 s rounds up to 2; at or below T no finding.
        #expect(findings("exec: {command: [curl, -m, \"1.2\", \"http://x\"]}").first?.suggestions.first?.value == 2)
        #expect(findings("exec: {command: [curl, -m, \"5\", \"http://x\"]}\ntimeoutSeconds: 5").isEmpty)
        #expect(findings("exec: {command: [curl, -m, \"5\", \"http://x\"]}\ntimeoutSeconds: 4").count == 1)
        for kind in [ProbeKind.readiness, .startup] {
            #expect(findings("exec: {command: [sh, -c, \"curl -m 3 http://x\"]}", kind: kind).count == 1)
        }
        // A liveness T' above its period is no fix (a review: `timeout 15` under period 10 got
        // T 1 -> 15); readiness's may pass its period.
        let long = try #require(findings("exec: {command: [timeout, \"15\", cat, /x]}\nperiodSeconds: 10").first)
        #expect(long.suggestions.isEmpty)
        #expect(long.notes.contains { $0.text == "no fix: timeoutSeconds 15 is longer than the liveness periodSeconds 10: lower the command's limits to 1 s or less, or raise periodSeconds first" })
        #expect(findings("exec: {command: [timeout, \"10\", cat, /x]}\nperiodSeconds: 10").first?.suggestions.map(\.value) == [10])
        #expect(findings("exec: {command: [timeout, \"15\", cat, /x]}\nperiodSeconds: 10", kind: .readiness).first?.suggestions.map(\.value) == [15])
        // Not an exec probe, or an exec probe without a limit.
        #expect(findings("httpGet: {path: /, port: 80}").isEmpty)
        #expect(findings("exec: {command: [cat, /tmp/healthy]}").isEmpty)
    }

    /// A fix that would draw another finding (here a liveness W_max past the detection budget,
    /// PL104) is a note instead.
    @Test func aFixThatTradesIsANote() throws {
        let f = try #require(findings("exec: {command: [grpc_health_probe, \"-rpc-timeout=89s\"]}\nperiodSeconds: 90\nfailureThreshold: 3").first)
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.first { $0.name == "fixTrades" }?.text.hasPrefix("no fix: timeoutSeconds 90 would ") == true)
        // A readiness probe has no detection budget of its own: a limit above it is no fix either.
        let day = try #require(findings("exec: {command: [timeout, 1d, cat, /tmp/ready]}", kind: .readiness).first)
        #expect(day.suggestions.isEmpty)
        #expect(day.notes.first { $0.name == "fixTrades" }?.text == "no fix: timeoutSeconds 86400 is above the 300 s detection budget: lower the command's limits to 1 s or less instead")
    }

    /// A pipe's message names its commands as running at once, and its X is the longest's.
    @Test func aPipesCommandsRunAtOnce() throws {
        let f = try #require(findings("exec: {command: [sh, -c, \"curl -m 2 http://a | curl -m 3 http://b\"]}", kind: .readiness).first)
        #expect(f.message == "readinessProbe runs curl -m 2 and curl -m 3 at once (a pipe), which can wait 3 s for an answer, longer than timeoutSeconds 1: the kubelet stops it after 1 s, so an answer it would accept in 1 to 3 s fails the probe")
        #expect(f.suggestions.map(\.value) == [3])
        #expect(findings("exec: {command: [sh, -c, \"curl -m 2 http://a | curl -m 3 http://b\"]}\ntimeoutSeconds: 3", kind: .readiness).isEmpty)
        let sequence = try #require(findings("exec: {command: [sh, -c, \"curl -m 1 http://a | curl -m 4 http://b; curl -m 2 http://c\"]}", kind: .readiness).first)
        #expect(sequence.suggestions.map(\.value) == [6])
    }

    /// Rook's generated probes run no such tool but one: the MDS's fsmap script (v1.12.6 on),
    /// whose `ceph fs dump` waits up to 20 s. A CephFilesystem timeout below it is cut short
    /// (and the script's pass on slow mons never runs); the fix is Rook's own 25, into the CR.
    @Test func rooksFsmapScriptWaits20Seconds() throws {
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec: {gateway: {port: 80, instances: 1}}\n"
        #expect(TestSupport.lint(store).findings.filter { $0.rule == "PL108" }.isEmpty)
        func fs(_ probe: String, rook: RookVersion = RookVersion(1, 20), budget: Double? = nil) -> [Finding] {
            var options = LintOptions()
            options.environment.rook.flag = rook
            if let budget { options.environment.options.detectionBudget = Seconds(budget) }
            let yaml = "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: myfs, namespace: rook-ceph}\n"
                + "spec:\n  metadataServer:\n    activeStandby: true\n    livenessProbe:\n      probe:\n" + probe
            return TestSupport.lint(yaml, options: options).findings.filter { $0.rule == "PL108" }
        }
        let f = try #require(fs("        timeoutSeconds: 10\n").first)
        #expect(f.message == "livenessProbe runs Rook's MDS liveness script (ceph fs dump, limited to mdsCmdTimeout 20 s), and timeoutSeconds 10 is not above that limit: the kubelet stops the script at 10 s, so a ceph answer slower than that, or ceph giving up, fails the probe")
        #expect(f.range.start.line == 9 && f.range.start.column == 25)
        let fix = try #require(f.suggestions.first)
        #expect(fix.value == 25 && fix.path == "spec.metadataServer.livenessProbe.probe.timeoutSeconds")
        // Both forms of the script: rook#14798's passes the probe when ceph gives up; the first,
        // a `timeout 20` around it, failed it. The release that changed it is not known.
        let onLimit = try #require(f.notes.first { $0.name == "onLimit" }?.text)
        #expect(onLimit.hasPrefix("from rook#14798 on, Rook's script passes the probe") && onLimit.contains("(before it, its `timeout 20` failed the probe)"))
        // Rook's default, and anything above the limit, is left alone; at the limit the kubelet
        // stops the script as ceph gives up, before it can pass the probe. The admin-socket probe
        // of the releases before (v1.9 to v1.12.5) runs no timed command.
        #expect(fs("        timeoutSeconds: 0\n").isEmpty)
        #expect(fs("        timeoutSeconds: 21\n").isEmpty)
        #expect(fs("        timeoutSeconds: 20\n").map { $0.suggestions.map(\.value) } == [[25]])
        #expect(fs("        timeoutSeconds: 10\n", rook: RookVersion(1, 12, 5)).isEmpty)
        #expect(fs("        timeoutSeconds: 10\n", rook: RookVersion(1, 12, 6)).count == 1)
        // Rook's 25 above a liveness period of 5 stretches every failing interval: no fix.
        let short = try #require(fs("        timeoutSeconds: 2\n        periodSeconds: 5\n").first)
        #expect(short.suggestions.isEmpty)
        #expect(short.notes.first { $0.name == "fixTrades" }?.text == "no fix: timeoutSeconds 25 is longer than the liveness periodSeconds 5: raise periodSeconds to 25 or more first, or remove both from the CR's probe so that Rook's defaults apply")
        // 25 s with a period of 58 breaks the detection budget (PL104): the way out is in the
        // period or the threshold, not Rook's 25 again.
        let slow = try #require(fs("        timeoutSeconds: 10\n        periodSeconds: 58\n").first)
        #expect(slow.suggestions.isEmpty)
        let trade = try #require(slow.notes.first { $0.name == "fixTrades" }?.text)
        #expect(trade.hasPrefix("no fix: timeoutSeconds 25 would ") && trade.contains("(PL104)"), "\(trade)")
        #expect(trade.hasSuffix("lower periodSeconds or failureThreshold in the CR's probe first, so that timeoutSeconds 25 fits"), "\(trade)")
        #expect(!trade.contains("Rook's 25 s applies"))
        // Below Rook's own 25 s, the budget is what gives way: Rook's command cannot.
        let budget = try #require(fs("        timeoutSeconds: 10\n", budget: 20).first)
        #expect(budget.notes.first { $0.name == "fixTrades" }?.text == "no fix: timeoutSeconds 25 is above the 20 s detection budget: raise detection-budget in .probelint.yaml, since Rook's script needs it")
    }

    /// A timeout fix of the MDS's liveness probe for Rook v1.9 to v1.12.5 (the admin socket's)
    /// that is at or below the fsmap script's 20 s says to raise or remove it before v1.12.6,
    /// which puts it on the script (PL108 there): the CephFilesystem's own fix, and PL301's of
    /// an MDS Deployment. The helper's case: 12 written at v1.12.5, PL108 at v1.12.6.
    @Test func anMdsTimeoutFixWarnsOfTheFsmapScript() throws {
        let fs = "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: myfs, namespace: rook-ceph}\n"
            + "spec:\n  metadataServer:\n    activeStandby: true\n    livenessProbe:\n      probe:\n        initialDelaySeconds: 10\n"
        func reasons(_ version: RookVersion, latency: String) -> [String] {
            var options = FixSupport.options([.latencyP99: latency], only: ["PL101"])
            options.environment.rook.flag = version
            return TestSupport.lint(fs, options: options).findings.filter { $0.object.probe == .liveness }
                .flatMap(\.suggestions).filter { $0.field == .timeoutSeconds }.map(\.reason)
        }
        let caveat = "before upgrading to Rook v1.12.6 or later, raise this timeoutSeconds above 20 s or delete it (Rook's default there is 25 s)"
        #expect(!reasons(RookVersion(1, 12, 5), latency: "6s").isEmpty)
        #expect(reasons(RookVersion(1, 12, 5), latency: "6s").allSatisfy { $0.contains(caveat) }, "\(reasons(RookVersion(1, 12, 5), latency: "6s"))")
        #expect(reasons(RookVersion(1, 9), latency: "6s").allSatisfy { $0.contains(caveat) })
        // Above 20 s (L99 11 s: 22), and before v1.9 (the CephCluster's field), no word of it.
        #expect(!reasons(RookVersion(1, 12, 5), latency: "11s").isEmpty)
        #expect(reasons(RookVersion(1, 12, 5), latency: "11s").allSatisfy { !$0.contains(caveat) })
        #expect(RookProbeTable.mdsLivenessTimeoutCaveat(.mds, .liveness, field: .timeoutSeconds, value: 12, at: RookVersion(1, 8, 10)) == nil)
        #expect(RookProbeTable.mdsLivenessTimeoutCaveat(.mds, .liveness, field: .timeoutSeconds, value: 12, at: RookVersion(1, 12, 6)) == nil)
        #expect(RookProbeTable.mdsLivenessTimeoutCaveat(.mds, .startup, field: .timeoutSeconds, value: 12, at: RookVersion(1, 12, 5)) == nil)
        // PL301's edit of the CephFilesystem for an MDS Deployment at v1.12.5 (T 1 -> 8 within its period of 10).
        let deployment = RookMdsProbeSpecTests.deployment.replacingOccurrences(of: "quay.io/ceph/ceph:v16.2.7", with: "quay.io/ceph/ceph:v17.2.6")
        var options = FixSupport.options([.latencyP99: "4s"], only: ["PL301"])
        options.environment.rook.flag = RookVersion(1, 12, 5)
        let files = [InputFile(path: "mds.yaml", bytes: Array(deployment.utf8)), InputFile(path: "fs.yaml", bytes: Array(fs.utf8))]
        let pl301 = try #require(Linter.lint(files, options: options).findings.first { $0.rule == "PL301" })
        #expect(pl301.suggestions.first?.target?.file == "fs.yaml")
        #expect(pl301.suggestions.first?.reason.contains(caveat) == true, "\(pl301.suggestions.map(\.reason))")
    }
}
