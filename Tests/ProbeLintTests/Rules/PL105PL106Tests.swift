import Foundation
import Testing
@testable import ProbeLint

/// docs/model.md rules 5 and 6 at their boundaries, and the MDS incident's numbers.
@Suite struct PL105Tests {
    /// liveness D0 0, T 1, P 10, F 3: earliest kill 0 + 2 * 10 + 1 = 21 s.
    func findings(startup: String, probes: String = "httpGet: {path: /, port: 80}") -> [Finding] {
        let yaml = TestSupport.deployment(probe: probes)
        return TestSupport.lint(yaml, flags: [.startupTime: startup]).findings.filter { $0.rule == "PL105" }
    }

    @Test func boundary() throws {
        #expect(findings(startup: "21s").isEmpty)
        let f = try #require(findings(startup: "21.5s").first)
        #expect(f.severity == .error)
        // A container that runs no Ceph daemon is named, not called "the generic container".
        #expect(f.message == "livenessProbe can kill container web 21 s after it starts, before its startup time of 21.5 s: a restart during recovery becomes a crash loop")
        // smallest F with 0 + (F - 1) * 10 + 1 >= 21.5 is 4
        #expect(f.suggestions.first?.field == .failureThreshold)
        #expect(f.suggestions.first?.value == 4)
        #expect(f.notes.contains { $0.name == "earliestKill" && $0.value == 21 })
    }

    /// A liveness probe whose startup time no int32 threshold reaches: no fix, and the note says
    /// the arithmetic's value is out of range, where it called F = 2147483647 the smallest F with an
    /// inequality it does not satisfy, and offered a startup probe with it. An input duration is
    /// at most int32 seconds (`InputValue.maxSeconds`), so only a derived one gets there: the MDS's
    /// replay, J / Bj. At the edge, F = 2147483647 is the smallest F, and the note says so.
    @Test func aStartupTimeNoThresholdReachesHasNoFix() throws {
        let f = try #require(PL105Tests.mds(journal: "9000000TB", rook: RookVersion(1, 7)).findings.first { $0.rule == "PL105" })
        #expect(f.suggestions.isEmpty)
        #expect(!f.notes.contains { $0.text.contains("smallest F") }, "\(f.notes.map(\.text))")
        #expect(f.notes.contains { $0.name == "noFixInRange" && $0.text.contains("reaches 2147483647") }, "\(f.notes.map(\.text))")
        let edge = try #require(findings(startup: "2147483647s", probes: "httpGet: {path: /, port: 80}\nperiodSeconds: 1").first)
        #expect(edge.notes.contains { $0.text.hasPrefix("no fix of failureThreshold: F = 2147483647 (the smallest F with 0 + (F - 1) * 1 + 1 >= Tstart 2147483647 s)") },
                "\(edge.notes.map(\.text))")
        #expect(edge.suggestions.allSatisfy { $0.value <= Int(Int32.max) })
        // One that a threshold reaches keeps its note: a startup probe with F = 100,000,001
        // (0 + (F - 1) * 10 + 1 >= 1e9), over the liveness probe's detection budget.
        let far = try #require(findings(startup: "1000000000s").first)
        #expect(far.notes.contains { $0.name == "startupProbeInstead" && $0.text.contains("failureThreshold 100000001") }, "\(far.notes.map(\.text))")
    }

    /// The startup probe runs first: its budget counts, not liveness's.
    @Test func startupProbeRunsFirst() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}") + """
                      startupProbe:
                        httpGet: {path: /, port: 80}
                        periodSeconds: 10
                        failureThreshold: 30

            """
        #expect(TestSupport.lint(yaml, flags: [.startupTime: "290s"]).findings.filter { $0.rule == "PL105" }.isEmpty)
        let f = try #require(TestSupport.lint(yaml, flags: [.startupTime: "292s"]).findings.first { $0.rule == "PL105" })
        #expect(f.object.probe == .startup)
        #expect(f.range.start.line == 19)  // failureThreshold: 30
    }

    /// Raising a liveness threshold past the detection budget is no fix (`--fix` refuses it):
    /// a note gives the startup probe to add instead.
    @Test func livenessFixBeyondTheDetectionBudget() throws {
        let f = try #require(findings(startup: "600s").first)
        // smallest F with 0 + (F - 1) * 10 + 1 >= 600 is 61; W_max = 61 * 10 + 1 = 611 s > 300 s
        #expect(f.suggestions.isEmpty)
        #expect(f.notes.filter { $0.name == "startupProbeInstead" }.map(\.text) == [
            "no fix of failureThreshold: F = 61 (the smallest F with 0 + (F - 1) * 10 + 1 >= Tstart 600 s) makes this liveness probe's W_max = F * P + T = 61 * 10 + 1 = 611 s, above the 300 s detection budget. Add a startupProbe with the same handler and timing and failureThreshold 61 (earliest kill 601 s >= Tstart); the liveness probe starts once it succeeds",
        ])
        // At the budget the fix stands: F = 30 gives W_max = 301 s with a 301 s budget.
        func finding(budget: Double) throws -> Finding {
            var options = LintOptions()
            options.environment.options.detectionBudget = Seconds(budget)
            return try #require(TestSupport.lint(TestSupport.deployment(probe: "httpGet: {path: /, port: 80}"),
                                                 flags: [.startupTime: "290s"], options: options).findings.first { $0.rule == "PL105" })
        }
        let atBudget = try finding(budget: 301)
        #expect(atBudget.suggestions.map(\.value) == [30])
        #expect(!atBudget.notes.contains { $0.name == "startupProbeInstead" })
        #expect(try finding(budget: 300).suggestions.isEmpty)
    }

    /// A liveness probe whose threshold fix would pass the budget no longer holds back the
    /// probe's other fixes: `--fix` writes PL101's timeout (which also ends PL105 here).
    @Test func theOtherFixesOfTheProbeStillApply() throws {
        let yaml = TestSupport.deployment(probe: "httpGet: {path: /, port: 80}\nperiodSeconds: 200\nfailureThreshold: 1")
        let (result, text) = FixSupport.fix(yaml, flags: [.startupTime: "2.5s", .loadedLatencyP99: "1.5s"])
        #expect(result.before.findings.contains { $0.rule == "PL105" && $0.suggestions.isEmpty })
        #expect(result.conflicts.isEmpty)
        #expect(text.contains("timeoutSeconds: 3"), "\(text)")
        #expect(!result.report.findings.contains { $0.rule == "PL105" })
    }

    static func mds(journal: String, rook: RookVersion? = nil) -> LintReport {
        var options = LintOptions()
        options.environment.rook.flag = rook
        return TestSupport.lint("""
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata: {name: cephfs, namespace: rook-ceph}
            spec:
              metadataServer:
                activeCount: 1
                activeStandby: true
            """, flags: [.journalSize: journal, .journalBandwidth: "2MB/s"], options: options)
    }

    /// Rook v1.12.6's MDS liveness probe asks the mons' fsmap, which holds an MDS while it
    /// replays (rook#12789): no journal, however long its replay, draws PL105 from it. Rook
    /// v1.12's startup probe (6 x 10 s after 10 s, then its admin-socket liveness probe) asks
    /// the MDS itself: 10 + (6 - 1) * 10 + 5 = 65 s against J / Bj.
    @Test func mdsJournalReplay() throws {
        for journal in ["382MB", "2GB", "9000000TB"] {
            #expect(!Self.mds(journal: journal).findings.contains { $0.rule == "PL105" }, "\(journal)")
            #expect(!Self.mds(journal: journal, rook: RookVersion(1, 12, 6)).findings.contains { $0.rule == "PL105" }, "\(journal)")
        }
        #expect(Self.mds(journal: "130MB", rook: RookVersion(1, 12)).findings.filter { $0.rule == "PL105" }.isEmpty)  // 65 s = 65 s
        // Nor does a fix elsewhere weigh PL105 for it: PL104's lower threshold (10 -> 9) is given,
        // where it was held back for a startup probe that Rook would fail on (PL304).
        let ten = TestSupport.lint("apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: fs, namespace: rook-ceph}\nspec:\n  metadataServer:\n    activeCount: 1\n    activeStandby: true\n    livenessProbe:\n      probe:\n        failureThreshold: 10\n",
                                   flags: [.journalSize: "620MB", .journalBandwidth: "2MB/s"])
        let pl104 = try #require(ten.findings.first { $0.rule == "PL104" })
        #expect(pl104.suggestions.map(\.value) == [9] && !pl104.notes.contains { $0.text.hasPrefix("no fix:") }, "\(pl104.notes.map(\.text))")
        let f = try #require(Self.mds(journal: "382MB", rook: RookVersion(1, 12, 5)).findings.first { $0.rule == "PL105" })
        #expect(f.message == "startupProbe can kill the mds container 65 s after it starts, before its startup time of 191 s (journal replay): a restart during recovery becomes a crash loop")
        #expect("\(f.range.start)" == "5:3")
        #expect(f.suggestions.first?.value == 19)
        #expect(f.suggestions.first?.path == "spec.metadataServer.startupProbe.probe.failureThreshold")
        #expect(f.suggestions.first?.displayOnly == true)
        #expect(f.suggestions.first?.yaml == "spec:\n  metadataServer:\n    startupProbe:\n      probe:\n        failureThreshold: 19\n")
    }
}

@Suite struct PL106Tests {
    /// `yaml` linted with `config` as the run's rook-config-override (`TestSupport.gracefulStop`).
    static func lint(_ yaml: String, config: String? = TestSupport.gracefulStop) -> LintReport {
        Linter.lint([InputFile(path: "test.yaml", bytes: Array(yaml.utf8))]
                    + (config.map { [InputFile(path: "rook-config-override.yaml", bytes: Array($0.utf8))] } ?? []))
    }

    func rgw(grace: Int?, config: String? = TestSupport.gracefulStop) -> [Finding] {
        var yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw",
                                          probe: "tcpSocket: {port: 80}\ntimeoutSeconds: 5")
        if let grace { yaml += "      terminationGracePeriodSeconds: \(grace)\n" }
        return Self.lint(yaml, config: config).findings.filter { $0.rule == "PL106" }
    }

    /// A daemon Rook gives no liveness probe (the mon, osd and mds before v1.3) has nothing to
    /// carry a grace period: a note says so and what reads one, where the finding had neither a
    /// fix nor a note. From v1.3 the liveness probe's grace period is the (display-only) fix.
    @Test func aRookDaemonWithoutALivenessProbeSaysWhy() throws {
        let cluster = "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\nspec:\n  mon: {count: 3}\n"
        func pl106(_ version: RookVersion) -> [Finding] {
            var options = LintOptions()
            options.environment.rook.flag = version
            return TestSupport.lint(cluster, flags: [.drainTime: "100s"], options: options).findings.filter { $0.rule == "PL106" }
        }
        let old = pl106(RookVersion(1, 2))
        for daemon in ["mon", "osd"] {
            let f = try #require(old.first { $0.object.container == daemon }, "\(daemon)")
            #expect(f.suggestions.isEmpty)
            #expect(f.notes.contains { $0.name == "noFix" && $0.text == "no fix in the CR: Rook v1.2 generates no livenessProbe for \(daemon), whose own terminationGracePeriodSeconds would cover liveness kills, and Rook sets no pod grace period; Rook v1.6.0 or later generate one and read its grace period from the CR" },
                    "\(f.notes.map(\.text))")
        }
        #expect(pl106(RookVersion(1, 3)).allSatisfy { $0.suggestions.count == 1 && !$0.notes.contains { $0.name == "noFix" } })
    }

    /// radosgw waits for its requests in flight after SIGTERM only with rgw_graceful_stop = true;
    /// without it the frontend closes every connection at SIGTERM, and there is no drain for
    /// a grace period to cover. Read as Ceph reads a boolean.
    /// The store's own `gateway.rgwConfig` (Rook v1.16) turns graceful stop on too, after
    /// rook-config-override, whose ceph.conf setting wins over it.
    @Test func theStoresRgwConfigIsRead() throws {
        func pl106(_ config: String, override: String? = nil) -> [Finding] {
            let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec:\n  gateway:\n    port: 80\n    instances: 1\n    rgwConfig:\n\(config)"
            return Self.lint(store, config: override).findings.filter { $0.rule == "PL106" }
        }
        #expect(pl106("      rgw_graceful_stop: \"false\"\n").isEmpty)
        let f = try #require(pl106("      rgw_graceful_stop: \"true\"\n      rgw-exit-timeout-secs: \"60\"\n").first)
        #expect(f.message.contains("rgw drain time of 60 s"), "\(f.message)")
        #expect(f.notes.contains { $0.text.contains("(from rgw_exit_timeout_secs in CephObjectStore spec.gateway.rgwConfig, test.yaml:10, with rgw_graceful_stop = true in CephObjectStore spec.gateway.rgwConfig, test.yaml:9)") })
        // rook-config-override's false wins over the store's true.
        #expect(pl106("      rgw_graceful_stop: \"true\"\n", override: TestSupport.rookConfigOverride("[client]\nrgw_graceful_stop = false\n")).isEmpty)
        // The command flags win over both; their exit timeout is where the note sends a lower one.
        func flags(_ config: String, override: String? = nil) -> [Finding] {
            let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec:\n  gateway:\n    port: 80\n    instances: 1\n    rgwCommandFlags:\n\(config)"
            return Self.lint(store, config: override).findings.filter { $0.rule == "PL106" }
        }
        let flagged = try #require(flags("      rgw_graceful_stop: \"true\"\n      rgw_exit_timeout_secs: \"90\"\n",
                                         override: TestSupport.rookConfigOverride("[client]\nrgw_graceful_stop = false\n")).first)
        #expect(flagged.message.contains("rgw drain time of 90 s"))
        #expect(flagged.notes.first { $0.name == "alternative" }?.text.contains("set rgw_exit_timeout_secs: \"25\" in the CephObjectStore's spec.gateway.rgwCommandFlags") == true)
        // Flags that turn graceful stop on but set no exit timeout: the note does not claim they
        // set it; the default 120 s is lowered where any ceph.conf setting would be.
        let gracefulOnly = try #require(flags("      rgw_graceful_stop: \"true\"\n").first)
        let alternative = try #require(gracefulOnly.notes.first { $0.name == "alternative" }?.text)
        #expect(!alternative.contains("rgwCommandFlags"), "\(alternative)")
        #expect(alternative.contains("set rgw_exit_timeout_secs = 25 in the [client] section of ConfigMap rook-config-override"), "\(alternative)")
        // An exit timeout that is no whole number ("inf") is not read: the default 120 s stays.
        #expect(try #require(pl106("      rgw_graceful_stop: \"true\"\n      rgw_exit_timeout_secs: \"inf\"\n").first).message.contains("rgw drain time of 120 s"))
    }

    @Test func rgwDrainsOnlyWithGracefulStop() throws {
        #expect(rgw(grace: nil, config: nil).isEmpty)
        for value in ["false", "0", "FALSE", "no"] {
            #expect(rgw(grace: nil, config: TestSupport.gracefulStop.replacingOccurrences(of: "= true", with: "= \(value)")).isEmpty, "\(value)")
        }
        for value in ["True", "1", "2"] {
            #expect(rgw(grace: nil, config: TestSupport.gracefulStop.replacingOccurrences(of: "= true", with: "= \(value)")).count == 1, "\(value)")
        }
        let f = try #require(rgw(grace: nil).first)
        #expect(f.notes.contains { $0.text.hasPrefix("Tdrain = 120 s time the daemon needs to stop cleanly after SIGTERM (from rgw default rgw_exit_timeout_secs = 120 s, with rgw_graceful_stop = true in rook-config-override [client], rook-config-override.yaml:9)") }, "\(f.notes.map(\.text))")
    }

    /// `rgw_graceful_stop` came with Ceph v20: an RGW whose image is an older Ceph's has no drain,
    /// whatever rook-config-override sets (the RGW incident's v14.2.2 drew PL106 with it); an
    /// image that names no Ceph release keeps it.
    @Test func gracefulStopNeedsCephV20() throws {
        func rgw(image: String) -> [Finding] {
            let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw",
                                              probe: "tcpSocket: {port: 80}\ntimeoutSeconds: 5")
                .replacingOccurrences(of: "image: example/rgw:1", with: "image: \(image)")
            return Self.lint(yaml).findings.filter { $0.rule == "PL106" }
        }
        for old in ["ceph/ceph:v14.2.2-20190826", "quay.io/ceph/ceph:v18.2.4", "quay.io/ceph/ceph:v19"] {
            #expect(rgw(image: old).isEmpty, "\(old)")
        }
        for current in ["quay.io/ceph/ceph:v20", "quay.io/ceph/ceph:v20.2.4", "quay.io/ceph/ceph:v21.1.0", "quay.io/ceph/ceph:latest", "example/rgw:1"] {
            #expect(rgw(image: current).count == 1, "\(current)")
        }
    }

    @Test func rgwExitTimeoutBoundary() throws {
        #expect(rgw(grace: 120).isEmpty)
        let f = try #require(rgw(grace: 119).first)
        #expect(f.severity == .warning)
        #expect(f.message == "terminationGracePeriodSeconds 119 is shorter than the rgw drain time of 120 s: SIGKILL lands 1 s before the daemon finishes draining")
        #expect(f.suggestions.first?.scope == .pod)
        #expect(f.suggestions.first?.path == "spec.template.spec.terminationGracePeriodSeconds")
        #expect(f.suggestions.first?.value == 125)
        let unset = try #require(rgw(grace: nil).first)
        #expect(unset.message.hasPrefix("terminationGracePeriodSeconds 30 (default)"))
        #expect("\(unset.range.start)" == "10:5")  // the pod template's spec:
    }

    /// A drain time a tenth of a millisecond above the grace period: the message never shows
    /// the two as equal, nor the gap as 0 (both rounded to thousandths did).
    @Test func aHairAboveTheGracePeriodShowsTheHair() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: 30\n"
        let f = try #require(TestSupport.lint(yaml, flags: [.drainTime: "30.0001s"]).findings.first { $0.rule == "PL106" })
        #expect(f.message == "terminationGracePeriodSeconds 30 is shorter than container web's drain time of 30.0001 s: SIGKILL lands 0.0001 s before the daemon finishes draining")
    }

    /// The kubelet gives every container at least 2 s after SIGTERM (`minimumGracePeriodInSeconds`),
    /// a preStop hook or none (a review: G 1 with a 0 s sleep and a 1.5 s drain fired).
    @Test(arguments: [("1", "", "1.5s", nil), ("0", "", "2s", nil), ("1", "lifecycle: {preStop: {sleep: {seconds: 0}}}", "1.5s", nil),
                      ("1", "", "5s", "SIGKILL lands 3 s before"), ("3", "", "5s", "SIGKILL lands 2 s before")])
    func theKubeletsLeastGracePeriodCounts(grace: String, hook: String, drain: String, lands: String?) throws {
        var yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: \(grace)\n"
        if !hook.isEmpty { yaml = yaml.replacingOccurrences(of: "          livenessProbe:\n", with: "          \(hook)\n          livenessProbe:\n") }
        #expect(hook.isEmpty || yaml.contains(hook))
        let found = TestSupport.lint(yaml, flags: [.drainTime: drain]).findings.first { $0.rule == "PL106" }
        #expect(found.map { $0.message.contains(lands ?? "") } ?? (lands == nil), "\(yaml)\n\(found?.message ?? "none")")
        #expect((found == nil) == (lands == nil))
    }

    @Test func mdsJournalFlush() throws {
        #expect(PL105Tests.mds(journal: "60MB").findings.filter { $0.rule == "PL106" }.isEmpty)  // 30 s = G
        let f = try #require(PL105Tests.mds(journal: "61MB").findings.first { $0.rule == "PL106" })
        #expect(f.message.contains("mds drain time of 30.5 s"))
        #expect(f.suggestions.first?.path == "spec.metadataServer.livenessProbe.probe.terminationGracePeriodSeconds")
        #expect(f.suggestions.first?.value == 36)
    }

    /// A probe-level grace replaces the pod's when that probe kills the container.
    @Test func probeLevelGrace() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw",
                                          probe: "tcpSocket: {port: 80}\nterminationGracePeriodSeconds: 60")
            + "      terminationGracePeriodSeconds: 125\n"
        let found = Self.lint(yaml).findings.filter { $0.rule == "PL106" }
        #expect(found.count == 1)
        let f = try #require(found.first)
        #expect(f.message == "livenessProbe terminationGracePeriodSeconds 60 is shorter than the rgw drain time of 120 s: a probe kill's SIGKILL lands mid-drain")
        #expect(f.suggestions.first?.path == "spec.template.spec.containers[0].livenessProbe.terminationGracePeriodSeconds")
        #expect(f.suggestions.first?.scope == .probe)
    }

    /// A preStop hook runs before SIGTERM and its time counts against the grace period, on
    /// deletion and on a probe's kill (kuberuntime's killContainer): a 90 s sleep leaves 35 s
    /// of a 125 s grace for RGW's 120 s drain. The fix adds the sleep back; a hook of unknown
    /// length (exec) changes nothing but gets a note.
    @Test func preStopSleepCountsAgainstTheGracePeriod() throws {
        func rgw(_ lifecycle: String, probeGrace: String = "") -> [Finding] {
            let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw",
                                              probe: "tcpSocket: {port: 80}" + probeGrace, ports: "\n          lifecycle: \(lifecycle)")
                + "      terminationGracePeriodSeconds: 125\n"
            return Self.lint(yaml).findings.filter { $0.rule == "PL106" }
        }
        let f = try #require(rgw("{preStop: {sleep: {seconds: 90}}}").first)
        #expect(f.message == "terminationGracePeriodSeconds 125 less the preStop sleep of 90 s leaves 35 s, which is shorter than the rgw drain time of 120 s: SIGKILL lands 85 s before the daemon finishes draining")
        #expect(f.suggestions.map(\.value) == [215])
        #expect(f.suggestions.first?.reason == "ceil(Tdrain 120 s) + 5 s for the process to exit + Tpre 90 s, the preStop sleep that the grace period includes")
        #expect(f.notes.contains { $0.name == "Tpre" && $0.value == 90 })
        // 30 s of sleep leave 95 s: still short; 5 s leave 120 s, and 0 s the 125 s, which cover the drain.
        #expect(rgw("{preStop: {sleep: {seconds: 30}}}").count == 1)
        #expect(rgw("{preStop: {sleep: {seconds: 5}}}").isEmpty)  // 120 s left: G - Tpre = Tdrain
        #expect(rgw("{preStop: {sleep: {seconds: 0}}}").isEmpty)
        // An exec hook's time is not known: no finding of its own, a note on one that fires.
        #expect(rgw("{preStop: {exec: {command: [nginx, -s, quit]}}}").isEmpty)
        let probeKill = rgw("{preStop: {exec: {command: [nginx, -s, quit]}}}", probeGrace: "\nterminationGracePeriodSeconds: 60")
        #expect(probeKill.count == 1)
        #expect(probeKill.first?.notes.contains { $0.name == "preStop" && $0.text.hasPrefix("a preStop exec hook (line ") } == true)
        // But one that starts with a literal sleep takes at least that long (`PreStopSleep`), as the
        // sleep action does: 90 s of a 125 s grace leave 35 s for the 120 s drain.
        for hook in ["[sleep, \"90\"]", "[/bin/sh, -c, \"sleep 90 && radosgw-admin sync\"]", "[bash, -ec, \"sleep 1.5m; true\"]"] {
            let exec = try #require(rgw("{preStop: {exec: {command: \(hook)}}}").first, "\(hook)")
            #expect(exec.suggestions.map(\.value) == [215], "\(hook)")
            #expect(exec.notes.contains { $0.name == "Tpre" && $0.value == 90 && $0.text.contains("the sleep the preStop exec hook starts with") }, "\(exec.notes.map(\.text))")
        }
        // The probe's own grace pays the hook too.
        let probeSleep = try #require(rgw("{preStop: {sleep: {seconds: 10}}}", probeGrace: "\nterminationGracePeriodSeconds: 125")
            .first { $0.message.hasPrefix("livenessProbe") })
        #expect(probeSleep.message == "livenessProbe terminationGracePeriodSeconds 125 less the preStop sleep of 10 s leaves 115 s, which is shorter than the rgw drain time of 120 s: a probe kill's SIGKILL lands mid-drain")
        #expect(probeSleep.suggestions.map(\.value) == [135])
        // A sleep as long as the probe's grace: the kubelet cuts the hook at G and still gives
        // the container its least, 2 s (no negative "leaves").
        let capped = try #require(rgw("{preStop: {sleep: {seconds: 100}}}", probeGrace: "\nterminationGracePeriodSeconds: 30")
            .first { $0.message.hasPrefix("livenessProbe") })
        #expect(capped.message == "livenessProbe terminationGracePeriodSeconds 30 less the preStop sleep of 100 s leaves 2 s, which is shorter than the rgw drain time of 120 s: a probe kill's SIGKILL lands mid-drain")
    }

    /// A preStop sleep as long as the grace period, in a container with no drain time: the kubelet
    /// cuts the hook at G, and what the hook runs after its sleep gets the kubelet's 2 s (a review:
    /// `sleep 60 && nginx -s quit` under a 30 s grace passed without a word). The fix adds 5 s for
    /// the process's exit to the sleep. A sleep shorter than G, one sent to the background, and
    /// one after another command are no finding.
    @Test func aPreStopSleepThatOutlastsTheGracePeriodIsFound() throws {
        func findings(_ command: String, grace: Int = 30) -> [Finding] {
            let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          lifecycle: {preStop: {exec: {command: \(command)}}}")
                + "      terminationGracePeriodSeconds: \(grace)\n"
            return Self.lint(yaml, config: nil).findings.filter { $0.rule == "PL106" }
        }
        let f = try #require(findings("[sh, -c, \"sleep 60 && nginx -s quit\"]").first)
        #expect(f.message == "terminationGracePeriodSeconds 30 does not outlast container web's preStop sleep of 60 s: the kubelet cuts the hook at 30 s, and the container then has 2 s after SIGTERM to stop")
        #expect(f.suggestions.map(\.value) == [65] && f.suggestions.first?.scope == .pod)
        #expect(f.notes.contains { $0.name == "afterSIGTERM" && $0.text.hasPrefix("after SIGTERM = max(2, G - min(Tpre, G)) = max(2, 30 - 30) = 2 s") })
        #expect(findings("[sleep, \"30\"]").count == 1)  // as long as G: cut all the same
        #expect(findings("[sleep, \"29\"]").isEmpty)
        #expect(findings("[sh, -c, \"sleep 60 & nginx -s quit\"]").isEmpty)
        #expect(findings("[sh, -c, \"nginx -s quit; sleep 60\"]").isEmpty)
        #expect(findings("[sleep, \"$(DELAY)\"]").isEmpty)
        #expect(findings("[sh, -c, \"sleep 60 && nginx -s quit\"]", grace: 90).isEmpty)
        // A grace period of the kubelet's least or less wants no wait (at 0 no hook runs): no finding.
        #expect(findings("[sleep, \"1\"]", grace: 1).isEmpty && findings("[sleep, \"5\"]", grace: 0).isEmpty && findings("[sleep, \"2\"]", grace: 2).isEmpty)
        // A sleep action longer than G is PL202's refusal alone; one of exactly G is found here.
        func action(_ seconds: Int) -> [String] {
            let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          lifecycle: {preStop: {sleep: {seconds: \(seconds)}}}")
                + "      terminationGracePeriodSeconds: 30\n"
            return Self.lint(yaml, config: nil).findings.map(\.rule.rawValue).filter { $0 == "PL106" || $0 == "PL202" }
        }
        #expect(action(60) == ["PL202"] && action(30) == ["PL106"] && action(29).isEmpty)
        // A pod with a drain-time finding gets no second finding on the same grace period.
        let both = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          lifecycle: {preStop: {exec: {command: [sleep, \"60\"]}}}")
            + "      terminationGracePeriodSeconds: 30\n"
        let drained = TestSupport.lint(both, flags: [.drainTime: "10s"]).findings.filter { $0.rule == "PL106" }
        #expect(drained.count == 1 && drained.first?.suggestions.map(\.value) == [75], "\(drained.map(\.message))")
    }

    /// The pod's grace period is one field: one finding for the pod, on the container that needs
    /// the most (a main container's of equal needs), with a note naming the others; a container
    /// whose preStop sleep leaves it enough adds nothing.
    @Test func onePodFindingForAllItsContainers() throws {
        func findings(_ extra: String) -> [Finding] {
            let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}", extraContainer: extra)
            return TestSupport.lint(yaml, flags: [.drainTime: "60s"]).findings.filter { $0.rule == "PL106" }
        }
        let sidecar = "        - name: shipper\n          image: alpine\n        - name: proxy\n          image: envoy\n"
        let all = findings(sidecar)
        #expect(all.count == 1)
        let one = try #require(all.first)
        #expect(one.object.container == "web")
        #expect(one.suggestions.map(\.value) == [65])
        #expect(one.notes.first { $0.name == "alsoShort" }?.text == "containers shipper, proxy of this pod also drain past G: one grace period covers every container, and 65 s covers theirs too")
        // A preStop sleep on the second container makes its need the largest: the finding is its.
        let sleeping = findings("        - name: shipper\n          image: alpine\n          lifecycle: {preStop: {sleep: {seconds: 20}}}\n")
        #expect(sleeping.count == 1)
        let slept = try #require(sleeping.first)
        #expect(slept.object.container == "shipper" && slept.suggestions.map(\.value) == [85])
        #expect(slept.notes.first { $0.name == "alsoShort" }?.text.hasPrefix("container web of this pod also drains past G") == true)
        // Alone, no note.
        let alone = findings("")
        #expect(alone.count == 1 && alone[0].notes.allSatisfy { $0.name != "alsoShort" })
    }

    /// A native sidecar gets SIGTERM only once the main containers have exited: its drain comes
    /// after theirs, and the pod's grace period must cover the two, not the larger.
    @Test func aNativeSidecarDrainsAfterTheMainContainers() throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          lifecycle: {preStop: {sleep: {seconds: 5}}}")
            + "      initContainers:\n        - name: proxy\n          image: envoy\n          restartPolicy: Always\n          lifecycle: {preStop: {sleep: {seconds: 10}}}\n"
        let all = TestSupport.lint(yaml, flags: [.drainTime: "60s"]).findings.filter { $0.rule == "PL106" }
        #expect(all.count == 1)
        let f = try #require(all.first)
        #expect(f.object.container == "web")
        // web 60 + 5 + its 5 s sleep; proxy's 10 s sleep runs beside web's, then 60 + 5.
        #expect(f.suggestions.map(\.value) == [135])
        #expect(f.notes.first { $0.name == "sidecarAfter" }?.text == "native sidecar proxy gets SIGTERM only once the main containers have exited (Kubernetes 1.29 and later) and needs 65 s after them (its preStop sleep of 10 s runs when the pod stops, beside theirs): G must cover 70 + 65 = 135 s")
        #expect(f.notes.allSatisfy { $0.name != "alsoShort" })
        // -o patch's comment names no container for the pod's own field.
        let dir = try FixSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try yaml.write(to: dir.appendingPathComponent("pod.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["--drain-time", "60s", "--select", "PL106", "-o", "patch", "pod.yaml"], directory: dir)
        #expect(run.stdout.hasPrefix("# Deployment/web (pod.yaml): spec terminationGracePeriodSeconds 30 (default) -> 135 [PL106]\n"), "\(run.stdout)")
    }

    /// Neither short by itself, but the sidecar's drain after the main container's passes G (a
    /// review: G 30 to 69 drew nothing where the rule's own note asked for 70 s): the finding is
    /// the sidecar's, and its fix covers both.
    @Test(arguments: [(59, true), (60, false), (30, true)])
    func aSidecarThatDrainsPastGAfterTheMains(grace: Int, fires: Bool) throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}") + "      terminationGracePeriodSeconds: \(grace)\n"
            + "      initContainers:\n        - name: proxy\n          image: envoy\n          restartPolicy: Always\n"
        let all = TestSupport.lint(yaml, flags: [.drainTime: "30s"]).findings.filter { $0.rule == "PL106" }
        #expect(all.count == (fires ? 1 : 0), "\(all.map(\.message))")
        guard let f = all.first else { return }
        #expect(f.object.container == "proxy")
        let left = max(2, grace - 30)
        #expect(f.message == "terminationGracePeriodSeconds \(grace) leaves native sidecar proxy \(left) s after the main containers drain (web: 30 s), shorter than its drain time of 30 s: SIGKILL lands \(30 - left) s before it finishes draining")
        #expect(f.suggestions.map(\.value) == [70])  // web 30 + 5, then proxy 30 + 5
        // Fixed, nothing fires.
        let fixed = yaml.replacingOccurrences(of: "terminationGracePeriodSeconds: \(grace)", with: "terminationGracePeriodSeconds: 70")
        #expect(TestSupport.lint(fixed, flags: [.drainTime: "30s"]).findings.filter { $0.rule == "PL106" }.isEmpty)
    }

    /// Every container's preStop hook runs when the pod stops; a native sidecar then waits for the
    /// main containers (kubelet `killContainer`: the hook, then `waitForTurn`), so its own sleep
    /// does not come after theirs (a review: G 50 with sleeps of 5 and 10 s and 20 s drains fired).
    @Test(arguments: [(50, nil), (40, 55)])
    func aSidecarsPreStopRunsBesideTheMains(grace: Int, fix: Int?) throws {
        let yaml = TestSupport.deployment(probe: "tcpSocket: {port: 80}", ports: "\n          lifecycle: {preStop: {sleep: {seconds: 5}}}")
            + "      terminationGracePeriodSeconds: \(grace)\n"
            + "      initContainers:\n        - name: proxy\n          image: envoy\n          restartPolicy: Always\n          lifecycle: {preStop: {sleep: {seconds: 10}}}\n"
        let all = TestSupport.lint(yaml, flags: [.drainTime: "20s"]).findings.filter { $0.rule == "PL106" }
        #expect(all.first?.suggestions.map(\.value) == fix.map { [$0] }, "\(all.map(\.message))")
        // 40 - max(10, 5 + 20) = 15 s after web; proxy needs max(10, 30) + 25 = 55 s of G.
        if fix != nil {
            #expect(all.first?.message == "terminationGracePeriodSeconds 40 leaves native sidecar proxy 15 s after the main containers drain (web: 20 s), shorter than its drain time of 20 s: SIGKILL lands 5 s before it finishes draining")
        }
    }

    /// A pod that runs to completion holds no daemon that drains: no finding for a Job, a
    /// CronJob or a Pod with restartPolicy Never or OnFailure, as for PL204 and PL205.
    @Test func podsThatRunToCompletionAreNotChecked() {
        let container = "      containers:\n        - name: task\n          image: example/task:1\n          livenessProbe:\n            tcpSocket: {port: 80}\n            terminationGracePeriodSeconds: 10\n"
        func pl106(_ yaml: String) -> Int {
            TestSupport.lint(yaml, flags: [.drainTime: "60s"]).findings.count { $0.rule == "PL106" }
        }
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n" + container
        let cron = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            + container.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n") + "\n"
        #expect(pl106(job) == 0 && pl106(cron) == 0)
        for policy in ["Never", "OnFailure"] {
            #expect(pl106("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: \(policy)\n" + container.replacingOccurrences(of: "\n      ", with: "\n  ").replacingOccurrences(of: "      containers", with: "  containers")) == 0)
        }
        // The same pod spec in a Deployment: the pod's and the probe's grace periods.
        let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n" + container
        #expect(pl106(deployment) == 2)
    }

    @Test func genericWorkloadHasNoDrainTime() {
        #expect(TestSupport.lint(TestSupport.deployment(probe: "tcpSocket: {port: 80}")).findings.filter { $0.rule == "PL106" }.isEmpty)
    }
}

/// Absurd inputs and invalid fields never trap: suggestions stay within int32.
@Suite struct PL105PL106HostileTests {
    @Test func hugeInputsAndZeroPeriod() throws {
        let yaml = TestSupport.deployment(name: "rgw", labels: ["app": "rook-ceph-rgw"], container: "rgw",
                                          probe: "tcpSocket: {port: 80}\nperiodSeconds: 0")
        // The largest durations an input takes (int32 seconds: `InputValue.maxSeconds`).
        let report = TestSupport.lint(yaml, flags: [.startupTime: "2147483647s", .drainTime: "2147483647s"])
        // periodSeconds 0 is the default 10 (the API server replaces a 0): the threshold that
        // covers the startup time, 214748366, fits int32 but breaks the detection budget, so no
        // fix of it; whatever is suggested stays within int32.
        let pl105 = try #require(report.findings.first { $0.rule == "PL105" })
        #expect(pl105.suggestions.allSatisfy { $0.value >= 1 && $0.value <= Int(Int32.max) })
        #expect(pl105.notes.contains { $0.text.hasPrefix("no fix of failureThreshold: F = 214748366") }, "\(pl105.notes.map(\.text))")
        #expect(!report.findings.contains { $0.rule == "PL202" })
        // A grace period int32 cannot hold is no fix (2147483647 would not clear it): a note says so.
        let pl106 = try #require(report.findings.first { $0.rule == "PL106" })
        #expect(pl106.suggestions.isEmpty)
        #expect(pl106.notes.first { $0.name == "noFixInRange" }?.text == "no fix of terminationGracePeriodSeconds: the value the arithmetic asks for reaches 2147483647, the largest probelint suggests (int32's, though the field is int64); the inputs deserve a second look")
        // Rook v1.7 generates no startup probe: the initial delay that would cover the MDS's replay is past int32 too.
        // Its replay, J / Bj = 9e18 B / 100 MB/s, is past int32 seconds though each input is within bounds.
        let mds = try #require(PL105Tests.mds(journal: "9000000TB", rook: RookVersion(1, 7)).findings.first { $0.rule == "PL105" })
        #expect(!mds.notes.contains { $0.name == "initialDelayInstead" })
        #expect(mds.suggestions.isEmpty && mds.notes.contains { $0.name == "noFixInRange" })
    }
}

extension PL105Tests {
    /// Rook generates no startup probe before v1.8.2: where the liveness threshold that covers
    /// the MDS's replay would break the detection budget, the fix is the initial delay
    /// (979 + (3 - 1) * 10 + 1 = 1000 s), which leaves W_max as it was, in the CephCluster that
    /// sets the MDS probes before v1.9. Rook v1.12.5, which generates one, gets it judged.
    @Test func rookWithoutStartupProbesGetsTheInitialDelay() throws {
        let f = try #require(Self.mds(journal: "2GB", rook: RookVersion(1, 7)).findings.first { $0.rule == "PL105" })
        #expect(f.notes.first { $0.name == "initialDelayInstead" }?.text == "no fix of failureThreshold: F = 100 (the smallest F with 10 + (F - 1) * 10 + 1 >= Tstart 1000 s) makes this liveness probe's W_max = F * P + T = 100 * 10 + 1 = 1001 s, above the 300 s detection budget, and Rook v1.7 generates no startup probe for mds: raise initialDelaySeconds instead; W_max stays F * P + T = 3 * 10 + 1 = 31 s, and a hang in the first 979 s goes undetected")
        #expect(!f.notes.contains { $0.name == "startupProbeInstead" })
        #expect(f.suggestions.map(\.path) == ["spec.healthCheck.livenessProbe.mds.probe.initialDelaySeconds"])
        #expect(f.suggestions.first?.value == 979)
        #expect(f.suggestions.first?.yaml == "spec:\n  healthCheck:\n    livenessProbe:\n      mds:\n        probe:\n          initialDelaySeconds: 979\n")
        var options = LintOptions()
        options.environment.rook.flag = RookVersion(1, 12, 5)
        let yaml = "apiVersion: ceph.rook.io/v1\nkind: CephFilesystem\nmetadata: {name: cephfs, namespace: rook-ceph}\nspec: {metadataServer: {activeCount: 1}}\n"
        let old = TestSupport.lint(yaml, flags: [.journalSize: "20GB", .journalBandwidth: "2MB/s"], options: options).findings.first { $0.rule == "PL105" }
        #expect(old?.notes.contains { $0.name == "startupProbeInstead" } == false)  // v1.12.5 has a startup probe: it is the one judged
        #expect(old?.object.probe == .startup)
        // Rook v1.8.2 to v1.10 gives the RGW a startup probe probelint does not model (rook#9533):
        // it runs before the liveness probe, whose earliest kill is then no kill during the start.
        // Before v1.8.2 there is none, and the liveness probe is judged.
        let store = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec: {gateway: {port: 80, instances: 1}}\n"
        func rgw(_ version: RookVersion) -> Finding? {
            options.environment.rook.flag = version
            return TestSupport.lint(store, flags: [.startupTime: "600s"], options: options).findings.first { $0.rule == "PL105" }
        }
        #expect(rgw(RookVersion(1, 8, 2)) == nil && rgw(RookVersion(1, 9, 0)) == nil && rgw(RookVersion(1, 10, 13)) == nil)
        let before = try #require(rgw(RookVersion(1, 8, 1)))
        #expect(before.object.probe == .liveness && before.notes.contains { $0.name == "initialDelayInstead" })
        // From v1.11 its startup probe is modelled (33 * 10 s) and judged.
        #expect(rgw(RookVersion(1, 11, 0))?.object.probe == .startup)
        // A CR that disables the startup probe leaves the liveness probe first: it is judged.
        options.environment.rook.flag = RookVersion(1, 9, 0)
        let disabled = store.replacingOccurrences(of: "spec: {gateway: {port: 80, instances: 1}}", with: "spec: {gateway: {port: 80, instances: 1}, healthCheck: {startupProbe: {disabled: true}}}")
        #expect(TestSupport.lint(disabled, flags: [.startupTime: "600s"], options: options).findings.first { $0.rule == "PL105" }?.object.probe == .liveness)
    }

    /// The journal inputs work as annotations on the CR, like every input.
    @Test func journalAnnotationsOnTheCR() throws {
        let report = TestSupport.lint("""
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata:
              name: cephfs
              annotations:
                probelint.io/journal-size: 382MB
                probelint.io/journal-bandwidth: 2MB/s
            spec:
              metadataServer:
                activeStandby: true
            """)
        let f = try #require(report.findings.first { $0.rule == "PL106" })
        #expect(f.notes.contains { $0.text == "J = 382 MB MDS journal size (replayed at start, flushed at stop) (from annotation probelint.io/journal-size)" })
    }

    /// `rgw_exit_timeout_secs = 0` sets no alarm (`if (secs) alarm(secs)` in RGW's
    /// handle_sigterm): RGW waits for every request, so the drain is not 0 s. It was read as
    /// 0 s and PL106 went silent; a value above 0 is still the drain time.
    @Test func rgwExitTimeoutZeroIsNoLimit() throws {
        func pl106(_ value: String) -> [Finding] {
            let yaml = "apiVersion: ceph.rook.io/v1\nkind: CephObjectStore\nmetadata: {name: s, namespace: rook-ceph}\nspec:\n  gateway: {port: 80, instances: 1}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: rook-config-override, namespace: rook-ceph}\ndata:\n  config: |\n    [client]\n    rgw_graceful_stop = true\n    rgw_exit_timeout_secs = \(value)\n"
            return TestSupport.lint(yaml).findings.filter { $0.rule.rawValue == "PL106" }
        }
        let zero = try #require(pl106("0").first)
        #expect(zero.message.contains("drain time of 120 s"))
        #expect(zero.notes.contains { $0.text.contains("rgw_exit_timeout_secs = 0 in rook-config-override [client], test.yaml:14 sets no limit") })
        #expect(pl106("25").isEmpty)
        #expect(try #require(pl106("60").first).message.contains("drain time of 60 s"))
    }

    /// A Deployment Rook owns gets Kubernetes' 30 s after the operator's next reconcile, whatever
    /// grace it is written with: the alternative is rgw_exit_timeout_secs = 25, never G - 5 (0,
    /// which sets no limit at all, for G = 5).
    @Test func theRgwAlternativeIsForTheGraceRookLeaves() throws {
        let incident = try String(contentsOf: TestSupport.packageRoot.appendingPathComponent("examples/rgw-incident.yaml"), encoding: .utf8)
        // On Ceph v20, which has rgw_graceful_stop (the incident's v14.2.2 has none).
        let written = incident.replacingOccurrences(of: "\n    spec:\n", with: "\n    spec:\n      terminationGracePeriodSeconds: 5\n")
            .replacingOccurrences(of: "image: ceph/ceph:v14.2.2-20190826", with: "image: quay.io/ceph/ceph:v20")
        #expect(written != incident)
        let f = try #require(PL106Tests.lint(written).findings.first { $0.rule == "PL106" })
        let alternative = try #require(f.notes.first { $0.name == "alternative" }?.text)
        #expect(alternative.contains("to stop within 30 s, set rgw_exit_timeout_secs = 25 in the [client] section"), "\(alternative)")
        #expect(alternative.hasSuffix("in-flight requests are then cut after 25 s"))
    }
}
