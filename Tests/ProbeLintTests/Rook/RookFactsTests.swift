import Testing
@testable import ProbeLint

@Suite struct RookFactsTests {
    func facts(_ yaml: String, file: String = "run.yaml") -> RookFacts {
        RookFacts.scan(InputFile(path: file, bytes: Array(yaml.utf8)))
    }

    static let override = TestSupport.rookConfigOverride("""
        # comment
        [global]
        mds cache memory limit = 2G   ; inline comment
        [mds.myfs-a]
        mds_cache_memory_limit = 3G
        [client.rgw.my.store.a]
        rgw-exit-timeout-secs = 25
        """)

    @Test func iniSectionsAndSpellings() throws {
        let f = facts(Self.override)
        let mds = try #require(f.cephOption("mds_cache_memory_limit", daemon: "mds", name: { "myfs" }, namespace: "rook-ceph"))
        #expect(mds.section == "mds.myfs-a" && mds.value == "3G")
        #expect(mds.position.line == 12 && mds.file == "run.yaml")
        let rgw = try #require(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "my-store" }, namespace: "rook-ceph"))
        #expect(rgw.value == "25" && rgw.position.line == 14)
        // Another filesystem's or store's daemons, and an unnamed one, read [global] only here.
        #expect(f.cephOption("mds_cache_memory_limit", daemon: "mds", name: { "otherfs" }, namespace: "rook-ceph")?.value == "2G")
        #expect(f.cephOption("mds_cache_memory_limit", daemon: "mds", namespace: "rook-ceph")?.value == "2G")
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "other" }, namespace: "rook-ceph") == nil)
        #expect(f.cephOption("mds_cache_memory_limit", daemon: "osd", namespace: "rook-ceph")?.value == "2G")  // [global]
        #expect(f.cephOption("mds_cache_memory_limit", daemon: "mds", name: { "myfs" }, namespace: "other") == nil)
        #expect(f.cephOption("mds_cache_memory_limit", daemon: "mds", name: { "myfs" }, namespace: nil)?.value == "3G")  // the only one
    }

    /// The sections Ceph reads (src/common/config.cc, `_get_my_sections`): the daemon's full name
    /// (for Rook's RGW `client.rgw.<store, dots for dashes>.<id>`), then its type (`client`), then
    /// `global`; within one rank, the setting written last. `[client.rgw]`, another store's section
    /// and `[clients]` are read by no gateway of `my-store` (they were matched by prefix).
    @Test func mostSpecificSectionThenLastWritten() throws {
        func setting(_ section: String, _ value: String) -> CephConfigSetting {
            CephConfigSetting(section: section, option: "rgw_exit_timeout_secs", value: value, file: "f", position: .start)
        }
        var f = RookFacts()
        f.cephConfig["ns"] = [setting("client.rgw.my.store.a", "1"), setting("global", "9"), setting("clients", "8"),
                              setting("client.rgw", "2"), setting("client", "3"), setting("client.rgw.other.a", "7")]
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "my-store" }, namespace: "ns")?.value == "1")
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "third" }, namespace: "ns")?.value == "3")
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", namespace: "ns")?.value == "3")
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "mds", namespace: "ns")?.value == "9")
        f.cephConfig["ns"] = [setting("clients", "8"), setting("client.rgw", "2"), setting("global", "9")]
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "my-store" }, namespace: "ns")?.value == "9")
        f.cephConfig["ns"] = [setting("client.rgw.my.store.a.b", "5"), setting("client.rgw.my.store.", "6")]
        #expect(f.cephOption("rgw_exit_timeout_secs", daemon: "rgw", name: { "my-store" }, namespace: "ns") == nil)
        #expect(f.cephOption("other_option", daemon: "rgw", namespace: "ns") == nil)
    }

    @Test func otherConfigMapsAreIgnored() {
        #expect(facts(Self.override.replacingOccurrences(of: "name: rook-config-override", with: "name: other")) == RookFacts())
    }

    @Test func operatorImage() throws {
        let op = facts("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: rook-ceph-operator}
            spec:
              template:
                spec:
                  containers:
                    - name: rook-ceph-operator
                      image: docker.io/rook/ceph:v1.10.13
            """)
        #expect(op.operatorVersion?.version == RookVersion(1, 10, 13))
        var env = Environment()
        env.rook.facts = op
        #expect(env.rook.version.version == RookVersion(1, 10, 13))
        env.rook.config = RookVersionChoice(version: RookVersion(1, 1), origin: "config")
        #expect(env.rook.version.version == RookVersion(1, 10, 13))  // the image wins over the config
        env.rook.flag = RookVersion(1, 9)
        #expect(env.rook.version.version == RookVersion(1, 9))  // the flag wins over both
        // An operator older than any release modelled is modelled as the oldest, and says so.
        var old = Environment()
        old.rook.facts = facts("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator}\nspec: {template: {spec: {containers: [{name: o, image: rook/ceph:v0.9.3}]}}}\n")
        #expect(old.rook.version.version == .oldest)
        #expect(old.rook.version.origin.hasSuffix("; v0.9.3 is older than v1.1, the oldest release modelled: modelled as v1.1"))
        // A line newer than any modelled is modelled as the newest, from the flag too, and says so
        // (it was reported as generated "as Rook v1.99 generates it"); v1.20.9 is the newest line.
        var new = Environment()
        new.rook.flag = RookVersion(1, 99)
        #expect(new.rook.version.version == .newest)
        #expect(new.rook.version.origin == "from --rook-version; v1.99 is newer than v1.20, the newest release modelled: modelled as v1.20")
        // A warning says so once: placed at the operator's Deployment, or with no file for the flag.
        #expect(new.rook.newerThanModelled?.line(label: "warning")
                == "warning: --rook-version v1.99 is newer than v1.20, the newest release modelled: Rook's generated probes are modelled as v1.20's, which a later release may have changed")
        var newOperator = Environment()
        newOperator.rook.facts = facts("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator}\nspec: {template: {spec: {containers: [{name: o, image: rook/ceph:v1.21.0}]}}}\n", file: "op.yaml")
        #expect(newOperator.rook.newerThanModelled.map { "\($0.file) \($0.position != nil)" } == "op.yaml true")
        #expect(old.rook.newerThanModelled == nil)
        // A line without its patch is its first release, and a warning names the later changes.
        var line = Environment()
        line.rook.flag = RookVersion(1, 9)
        #expect(line.rook.version.version == RookVersion(1, 9, 0))
        #expect(line.rook.unwrittenPatch?.line(label: "warning")
                == "warning: --rook-version v1.9 is read as v1.9.0, the first release of its line: what Rook generates changed in v1.9.3, v1.9.6 and v1.9.13; give the patch release you run (--rook-version v1.9.13, say)")
        line.rook.flag = RookVersion(1, 9, 0)
        #expect(line.rook.unwrittenPatch == nil)
        #expect(RookVersion(1, 12).laterPatchesOfLine == [RookVersion(1, 12, 6)] && RookVersion(1, 13).laterPatchesOfLine.isEmpty)
        new.rook.flag = RookVersion(1, 20, 9)
        #expect(new.rook.version.version == RookVersion(1, 20, 9) && new.rook.version.origin == "from --rook-version")
        // The toolbox runs rook/ceph too, but is not the operator.
        #expect(facts("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: rook-ceph-tools}
            spec: {template: {spec: {containers: [{name: t, image: rook/ceph:v1.1.0}]}}}
            """).operatorVersion == nil)
        #expect(RookFacts.rookImageTag("quay.io/ceph/ceph:v19") == nil)
        // A digest after the tag: its `:` is not the tag's (the run fell back to v1.20, silently).
        #expect(RookFacts.rookImageTag("rook/ceph:v1.1.0@sha256:0123456789abcdef") == "v1.1.0")
        #expect(RookFacts.rookImageTag("docker.io/rook/ceph@sha256:0123456789abcdef") == nil)
    }

    /// ceph.conf as Ceph reads it (src/common/ConfUtils.cc): a comment after a section
    /// header, a quoted value, CR LF lines. Each was dropped or put in the wrong section.
    @Test func cephConfLinesAsCephReadsThem() {
        func settings(_ text: String) -> [String] {
            RookFacts.parseINI(Located(text, SourceRange(point: .start)), file: "f", literal: true).map { "\($0.section) \($0.option)=\($0.value)" }
        }
        #expect(settings("[osd]\nosd_memory_target = 4G\n[mds]   # MDS tuning\nmds cache memory limit = 8G ; big\n")
                == ["osd osd_memory_target=4G", "mds mds_cache_memory_limit=8G"])
        #expect(settings("[client]\nrgw_exit_timeout_secs = \"25\"\nx = '#1' # c\n") == ["client rgw_exit_timeout_secs=25", "client x=#1"])
        #expect(settings("[mds]\r\nmds_cache_memory_limit = 8G\r\n[global]\r\na = 1\r\n") == ["mds mds_cache_memory_limit=8G", "global a=1"])
        #expect(settings("[mds] x = 1\ny = 2\n") == ["global y=2"])  // not a header: Ceph reads no such line either
    }

    /// Sizes as Ceph's strict_iec_cast reads them: K to E, with or without `i`, powers of 1024.
    @Test func cephSizesAsCephReadsThem() {
        #expect(MdsMemoryBelowCache.cephSize("8G") == 8 * 0x1p30)
        #expect(MdsMemoryBelowCache.cephSize("8Gi") == 8 * 0x1p30)
        #expect(MdsMemoryBelowCache.cephSize("1P") == 0x1p50)
        #expect(MdsMemoryBelowCache.cephSize("4096") == 4096)
        #expect(MdsMemoryBelowCache.cephSize("100B") == 100)
        #expect(MdsMemoryBelowCache.cephSize("8GB") == 8 * 0x1p30)  // strict_iec_cast reads the unit's first letter
        #expect(MdsMemoryBelowCache.cephSize("+8M") == 8 * 0x1p20)
        for invalid in ["8GiB", "8g", "G", "8X", "", "i", "6.5G", "8Bi", "-1G", "8 G"] { #expect(MdsMemoryBelowCache.cephSize(invalid) == nil, "\(invalid)") }
    }

    @Test func brokenFilesGiveNoFacts() {
        #expect(facts("kind: ConfigMap\nmetadata: {name: rook-config-override\n") == RookFacts())
    }
}

extension RookFactsTests {
    /// Linter.lint(files) gathers the facts of every file before any rule runs: the
    /// ConfigMap in the second file decides PL302 for the CR in the first.
    @Test func factsCrossFilesInOneRun() {
        let fs = InputFile(path: "fs.yaml", bytes: Array("""
            apiVersion: ceph.rook.io/v1
            kind: CephFilesystem
            metadata: {name: myfs, namespace: rook-ceph}
            spec:
              metadataServer:
                activeStandby: true
                resources: {limits: {memory: 4Gi}}
            """.utf8))
        let cm = InputFile(path: "cm.yaml", bytes: Array(Self.override.replacingOccurrences(of: "= 3G", with: "= 4G").utf8))
        #expect(Linter.lint([fs]).findings.filter { $0.rule == "PL302" }.isEmpty)  // 4 GiB x 0.5 x 1.25 = 2.5 GiB
        let both = Linter.lint([fs, cm]).findings.filter { $0.rule == "PL302" }
        #expect(both.map { "\($0.file):\($0.range.start)" } == ["fs.yaml:7:34"])  // [mds.myfs-a] 4G x 1.25 = 5 GiB > 4 GiB
        // A size Ceph refuses is not set: judged with Rook's value, and the note says why. myfs-b
        // reads [global]'s 512M, so myfs-a, with Rook's 1 GiB, has the larger cache.
        let refused = InputFile(path: "cm.yaml", bytes: Array(Self.override.replacingOccurrences(of: "= 3G", with: "= 6.5G")
            .replacingOccurrences(of: "= 2G", with: "= 512M").utf8))
        let small = InputFile(path: "fs.yaml", bytes: Array(String(decoding: fs.bytes, as: UTF8.self).replacingOccurrences(of: "4Gi", with: "2Gi").utf8))
        let finding = Linter.lint([small, refused]).findings.first { $0.rule == "PL302" }
        let note = finding?.notes.first { $0.name == "mds_cache_memory_limit" }?.text ?? ""
        #expect(note.hasPrefix("mds_cache_memory_limit = limit x cacheMemoryLimitFactor = 2 GiB x 0.5 = 1 GiB (6.5G in [mds.myfs-a] of ConfigMap rook-config-override (cm.yaml:"), "\(note)")
        #expect(note.hasSuffix("is not a size Ceph reads, so Ceph keeps the value Rook sets)"))
    }
}

extension RookFactsTests {
    static func operatorDeployment(_ tag: String) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: rook-ceph-operator}
        spec: {template: {spec: {containers: [{name: op, image: rook/ceph:\(tag)}]}}}
        """
    }

    /// Two operator versions in one run: neither is chosen, and the origin says why.
    @Test func disagreeingOperatorImages() throws {
        var facts = facts(Self.operatorDeployment("v1.1.0"), file: "a.yaml")
        facts.merge(self.facts(Self.operatorDeployment("v1.1.0"), file: "b.yaml"))
        #expect(facts.operatorVersion?.version == RookVersion(1, 1, 0))
        facts.merge(self.facts(Self.operatorDeployment("v1.20.6"), file: "c.yaml"))
        #expect(facts.operatorVersion == nil)
        var env = Environment()
        env.rook.facts = facts
        #expect(env.rook.version.version == .newest)
        #expect(env.rook.version.origin == "the newest release modelled; the run's rook-ceph-operator images disagree (v1.1.0, v1.20.6): use --rook-version")
        // The run says so once, at the last image's Deployment: the findings of v1.1's probes
        // are not on any finding to carry that note.
        let conflict = try #require(env.rook.operatorConflict)
        #expect(conflict.place == "c.yaml:1:1")
        #expect(conflict.message.hasPrefix("the run's rook-ceph-operator images disagree (v1.1.0 from the image rook/ceph:v1.1.0 of Deployment rook-ceph-operator in a.yaml; v1.20.6 from the image rook/ceph:v1.20.6 of Deployment rook-ceph-operator in c.yaml): "), "\(conflict.message)")
        env.rook.flag = RookVersion(1, 1)
        #expect(env.rook.operatorConflict == nil)
        var agreeing = Environment()
        agreeing.rook.facts = self.facts(Self.operatorDeployment("v1.1.0"), file: "a.yaml")
        #expect(agreeing.rook.operatorConflict == nil)
    }
}

extension RookFactsTests {
    static let store = """
        apiVersion: ceph.rook.io/v1
        kind: CephObjectStore
        metadata: {name: my-store, namespace: rook-ceph}
        spec:
          healthCheck:
            readinessProbe:
              probe:
                timeoutSeconds: 0
                periodSeconds: 10
        """

    /// Each Rook CR's ProbeSpecs, per daemon and probe kind, with the file and the
    /// written fields' positions: what PL301 edits. The first CR of a name wins, as its position does.
    @Test func probeSourcesOfTheCRs() throws {
        var f = facts(Self.store, file: "store.yaml")
        let key = RookFacts.probeKey(cr: "CephObjectStore/rook-ceph/my-store", daemon: .rgw, kind: .readiness)
        #expect(key == "CephObjectStore/rook-ceph/my-store rgw readiness")
        let readiness = try #require(f.probeSources[key])
        #expect(readiness.file == "store.yaml")
        #expect(readiness.spec.path == "spec.healthCheck.readinessProbe")
        #expect(readiness.spec.probeKey?.start.line == 7)
        let timeout = try #require(readiness.spec.fields[.timeoutSeconds])
        #expect(timeout.isWritten && timeout.value == 0 && timeout.anchor.start.line == 8)  // 0 as written: Rook's default is the rule's business
        // The startup probe's spec is recorded too, without a `probe:` mapping to write into.
        #expect(f.probeSources[RookFacts.probeKey(cr: "CephObjectStore/rook-ceph/my-store", daemon: .rgw, kind: .startup)]?.spec.probeKey == nil)
        f.merge(facts(Self.store.replacingOccurrences(of: "timeoutSeconds: 0", with: "timeoutSeconds: 9"), file: "other.yaml"))
        #expect(f.probeSources[key]?.file == "store.yaml")
        #expect(f.resources["CephObjectStore/rook-ceph/my-store"]?.description == "store.yaml:1:1")
        // CephCluster: per daemon, at PL301's paths; an external cluster runs no daemons.
        let cluster = facts("""
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: rook-ceph, namespace: rook-ceph}
            spec: {healthCheck: {livenessProbe: {mon: {probe: {timeoutSeconds: 3}}}}}
            """)
        let mon = try #require(cluster.probeSources[RookFacts.probeKey(cr: "CephCluster/rook-ceph/rook-ceph", daemon: .mon, kind: .liveness)])
        #expect(mon.spec.path + ".probe" == (RookManagedObject.crField(owner: "CephCluster", component: .mon, kind: .liveness, at: .newest)?.path ?? "") + ".probe")
        #expect(mon.spec.fields[.timeoutSeconds]?.value == 3)
        #expect(facts("""
            apiVersion: ceph.rook.io/v1
            kind: CephCluster
            metadata: {name: ext}
            spec: {external: {enable: true}}
            """).probeSources.isEmpty)
    }
}

@Suite struct CephDaemonsTests {
    /// Rook's `k8sutil.IndexToName`.
    @Test func letterIDs() {
        #expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(CephDaemons.letterID) == ["a", "b", "z", "aa", "ab", "az", "ba", "zz", "aaa"])
    }

    @Test func aFilesystemRunsTwiceItsActiveCount() {
        #expect(CephDaemons.mds(filesystem: "fs", activeCount: nil) == .named(["fs-a", "fs-b"]))
        #expect(CephDaemons.mds(filesystem: "fs", activeCount: 2) == .named(["fs-a", "fs-b", "fs-c", "fs-d"]))
        #expect(CephDaemons.mds(filesystem: "fs", activeCount: 0) == .named(["fs-a", "fs-b"]))
        if case .named(let names) = CephDaemons.mds(filesystem: "fs", activeCount: 1_000_000) {
            #expect(names.count == 100 && names.last == "fs-cv")
        } else {
            Issue.record("not named")
        }
    }

    @Test func aPodsLabelsNameItsDaemon() {
        #expect(CephDaemons.mds { ["ceph_daemon_id": "fs-b", "rook_file_system": "fs"][$0] } == .named(["fs-b"]))
        #expect(CephDaemons.mds { ["rook_file_system": "fs"][$0] } == .of("fs"))
        #expect(CephDaemons.mds { ["app": "x"][$0] } == .unknown)
    }

    @Test func eachDaemonReadsItsOwnSectionElseTheTypesElseGlobal() {
        func setting(_ section: String, _ value: String) -> CephConfigSetting {
            CephConfigSetting(section: section, option: "mds_cache_memory_limit", value: value, file: "f", position: .start)
        }
        var f = RookFacts()
        f.cephConfig["ns"] = [setting("global", "1G"), setting("mds", "7G"), setting("mds.fs-a", "6G"), setting("mds.fs-a.x", "5G"),
                              setting("mds.other-a", "9G")]
        func values(_ daemons: CephDaemons) -> [String] {
            f.cephOptionByDaemon("mds_cache_memory_limit", daemon: "mds", daemons: { daemons }, namespace: "ns")
                .map { "\($0.daemon ?? "-")=\($0.setting?.value ?? "none")" }
        }
        #expect(values(.named(["fs-a", "fs-b"])) == ["fs-a=6G", "fs-b=7G"])
        #expect(values(.of("fs")) == ["fs-a=6G", "-=7G"])
        #expect(values(.unknown) == ["-=7G"])
        // No daemon's own section: one answer, no name, what every daemon reads.
        f.cephConfig["ns"] = [setting("global", "1G")]
        #expect(values(.named(["fs-a", "fs-b"])) == ["-=1G"])
        f.cephConfig["ns"] = []
        #expect(values(.named(["fs-a"])) == ["-=none"])
    }
}
