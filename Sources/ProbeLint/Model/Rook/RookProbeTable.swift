#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The Ceph daemons whose probes Rook generates.
public enum RookDaemon: String, CaseIterable, Sendable, HashedByCase {
    case mon, mgr, osd, mds, rgw

    public var caseIndex: Int {
        switch self {
        case .mon: 0
        case .mgr: 1
        case .osd: 2
        case .mds: 3
        case .rgw: 4
        }
    }

    public var component: Component {
        switch self {
        case .mon: return .mon
        case .mgr: return .mgr
        case .osd: return .osd
        case .mds: return .mds
        case .rgw: return .rgw
        }
    }

    /// The CR and the part of it that runs the daemon, as a rendered pod's evidence names them.
    var renderedFrom: String {
        switch self {
        case .mon: return "CephCluster mon"
        case .mgr: return "CephCluster mgr"
        case .osd: return "CephCluster osd"
        case .mds: return "CephFilesystem metadataServer"
        case .rgw: return "CephObjectStore gateway"
        }
    }
}

/// The port of a generated network probe.
public enum RookPort: Sendable, Equatable {
    /// `CephObjectStore.spec.gateway.port`.
    case gateway
    case fixed(Int)
}

/// How Rook's generated probe reaches the daemon. Users cannot change it: Rook's
/// `GetProbeWithDefaults` always keeps its own handler (pkg/operator/ceph/config/probes.go).
public enum RookHandler: Sendable, Equatable {
    case httpGet(path: String, port: RookPort)
    case tcpSocket(RookPort)
    /// An exec probe; the text says what it runs.
    case exec(String)

    /// Whether it reaches the gateway's port (`gateway.port`, or the port RGW listens on).
    var reachesGateway: Bool {
        switch self {
        case .httpGet(_, .gateway), .tcpSocket(.gateway): return true
        default: return false
        }
    }

    var kind: ProbeHandler.Kind {
        switch self {
        case .httpGet: return .httpGet
        case .tcpSocket: return .tcpSocket
        case .exec: return .exec
        }
    }
}

/// A probe as Rook generates it. A nil timing field is one Rook leaves unset,
/// so Kubernetes' default (ProbeDefaults) applies.
public struct RookGeneratedProbe: Sendable, Equatable {
    public var handler: RookHandler
    public var initialDelaySeconds: Int?
    public var timeoutSeconds: Int?
    public var periodSeconds: Int?
    public var successThreshold: Int?
    public var failureThreshold: Int?
    /// The limit Rook's command puts on its own wait, which timeoutSeconds must exceed (PL108).
    var commandLimit: RookCommandLimit? = nil

    public func value(_ field: ProbeField) -> Int {
        written(field) ?? ProbeDefaults.value(of: field)
    }

    /// The fields Rook writes, as bits of `ProbeField.caseIndex` (`RookGeneration.setByRook`).
    var writtenFields: UInt8 {
        var bits: UInt8 = 0
        if initialDelaySeconds != nil { bits |= 1 << ProbeField.initialDelaySeconds.caseIndex }
        if timeoutSeconds != nil { bits |= 1 << ProbeField.timeoutSeconds.caseIndex }
        if periodSeconds != nil { bits |= 1 << ProbeField.periodSeconds.caseIndex }
        if successThreshold != nil { bits |= 1 << ProbeField.successThreshold.caseIndex }
        if failureThreshold != nil { bits |= 1 << ProbeField.failureThreshold.caseIndex }
        return bits
    }

    /// The value Rook writes in the field, nil where it leaves Kubernetes' default.
    func written(_ field: ProbeField) -> Int? {
        let set: Int?
        switch field {
        case .initialDelaySeconds: set = initialDelaySeconds
        case .timeoutSeconds: set = timeoutSeconds
        case .periodSeconds: set = periodSeconds
        case .successThreshold: set = successThreshold
        case .failureThreshold: set = failureThreshold
        case .terminationGracePeriodSeconds: set = nil
        }
        return set
    }
}

/// The longest an exec probe that Rook generates waits for its answer, by a limit in its
/// command, and what the command does when the limit is reached (PL108).
struct RookCommandLimit: Sendable, Equatable {
    var bound: CommandTimeout
    var onLimit: String
}

/// One change to Rook's generated probes: from `since` on (until a later row for
/// the same daemon and probe kind), `probe` is what Rook generates; nil means none.
/// A row with `startupFailure` is Rook's startup probe for the Ceph daemons: the
/// liveness probe of the same release with initialDelay 10, period 10 and that
/// failureThreshold (controller/spec.go:67-73), so a liveness change carries over.
struct RookProbeRow: Sendable {
    var since: RookVersion
    var daemons: [RookDaemon]
    var kind: ProbeKind
    var probe: RookGeneratedProbe?
    var startupFailure: Int? = nil
    var source: String
}

/// Rook's generated probes per release: the one table. Sources are docs/reference.md
/// sections 3a/3b and shared/corpus/SOURCES.md note 1 (read from rook/rook at
/// each tag). Rows marked "assumed" state what the sources do not pin down.
public enum RookProbeTable {
    static let adminSocket = RookHandler.exec("ceph --admin-daemon /run/ceph/ceph-<daemon>.<id>.asok status (mon: mon_status)")
    static let fsmap = RookHandler.exec("ceph fs dump via the mons, 20 s at most: passes while the MDS is in the fsmap, and (from rook#14798) when ceph gives up")
    /// The MDS fsmap probe's 20 s on `ceph fs dump` (`mdsCmdTimeout`, "should be less than
    /// mdsTimeoutSeconds", file/mds/livenessprobe.go): a `timeout 20` around the script at first
    /// (rook#12860), which failed the probe (exit 124, rook#12789); from rook#14798 ("When the MDS
    /// liveness probe times out, it should not fail the probe") `--connect-timeout=20`, after which
    /// the script passes it. Its first release is not pinned: both forms wait 20 s.
    static let fsmapLimit = RookCommandLimit(
        bound: CommandTimeout(seconds: 20, written: "Rook's MDS liveness script (ceph fs dump, limited to mdsCmdTimeout 20 s)"),
        onLimit: "from rook#14798 on, Rook's script passes the probe when ceph cannot reach the mons in 20 s, so that slow mons restart no MDS (before it, its `timeout 20` failed the probe); stopped at timeoutSeconds first, the probe fails, and slow mons restart every MDS (rook#12789)")
    static let rgwScript = RookHandler.exec("rgw-probe.sh: curl the gateway port on 0.0.0.0; 503 (throttling) counts as healthy")
    static let cephDaemons: [RookDaemon] = [.mon, .mgr, .osd, .mds]

    /// rook#5113 (Mar 2020, first tag v1.3.0): on the pod network RGW listens on 8080 inside the
    /// container (`rgwPortInternalPort`), whatever `gateway.port` says; the Service maps
    /// `gateway.port` to it. The probes follow (`generateProbePort`, object/spec.go).
    static let rgwInternalPortSince = RookVersion(1, 3, 0)
    static let rgwInternalPort = 8080
    /// `gateway.hostNetwork` (rook#10649, which moved rook#10491's `spec.hostNetwork` there;
    /// first tag assumed v1.10.0): earlier releases do not read it.
    static let rgwHostNetworkSince = RookVersion(1, 10, 0)

    /// The port an object store's gateways listen on, which Rook's RGW probes reach, and whether
    /// it is the internal 8080: the gateway port before v1.3 and on the host's network
    /// (`gateway.hostNetwork: true`, from v1.10), else 8080; with TLS only (`port` unset or 0,
    /// `securePort` set), `securePort` in every case. A CephCluster's host network
    /// (`network.provider: host`) is not read: the pod network is assumed, as Rook assumes it
    /// by default, and PL107's note says so.
    static func rgwListeningPort(_ store: CephObjectStoreSpec, at version: RookVersion) -> (port: Int, isInternal: Bool) {
        let port = store.port?.value ?? 0, secure = store.securePort?.value ?? 0
        if port == 0 && secure != 0 { return (secure, false) }
        let hostNetwork = version >= rgwHostNetworkSince && store.hostNetwork?.value == true
        if version < rgwInternalPortSince || hostNetwork { return (port == 0 ? 80 : port, false) }
        return (rgwInternalPort, true)
    }

    static func probe(_ handler: RookHandler, delay: Int? = nil, timeout: Int? = nil, period: Int? = nil,
                      success: Int? = nil, failure: Int? = nil, limit: RookCommandLimit? = nil) -> RookGeneratedProbe {
        RookGeneratedProbe(handler: handler, initialDelaySeconds: delay, timeoutSeconds: timeout, periodSeconds: period,
                           successThreshold: success, failureThreshold: failure, commandLimit: limit)
    }

    static let rows: [RookProbeRow] = [
        // v1.1.0: RGW liveness httpGet / on the gateway port, initialDelay 10, the rest Kubernetes'
        // defaults (timeout 1, period 10, failure 3): the RGW incident's probe. object/spec.go:128-136 @ v1.1.0.
        RookProbeRow(since: RookVersion(1, 1, 0), daemons: [.rgw], kind: .liveness,
                     probe: probe(.httpGet(path: "/", port: .gateway), delay: 10), source: "pkg/operator/ceph/object/spec.go:128-136 @ v1.1.0"),
        // v1.1.0: mgr liveness httpGet / on the metrics port 9283, initialDelay 60. cluster/mgr/spec.go:261-269 @ v1.1.0.
        // mon, osd and mds have no probe at v1.1.0.
        RookProbeRow(since: RookVersion(1, 1, 0), daemons: [.mgr], kind: .liveness,
                     probe: probe(.httpGet(path: "/", port: .fixed(9283)), delay: 60), source: "pkg/operator/ceph/cluster/mgr/spec.go:261-269 @ v1.1.0"),
        // rook#4484 (commit 3c80768, Dec 2019): RGW liveness path / -> /swift/healthcheck. First tag assumed v1.2.0.
        RookProbeRow(since: RookVersion(1, 2, 0), daemons: [.rgw], kind: .liveness,
                     probe: probe(.httpGet(path: "/swift/healthcheck", port: .gateway), delay: 10), source: "rook#4484 (commit 3c80768)"),
        // rook#5128 (commit 7788901, merged 31 Mar 2020, label backport-release-1.3, with the v1.3
        // release docs of rook#5133 the same day; rook#5583 shows it at v1.3.4; first tag assumed
        // v1.3.0): exec admin-socket liveness on mon, osd, mds; no timeoutSeconds, so Kubernetes'
        // 1 s ("v1.9.0 had no TimeoutSeconds", SOURCES.md note 1). rook#5607 (release-1.3) later gave
        // the OSD's initialDelay 45 s; not modelled (current releases have 10 s for every daemon).
        RookProbeRow(since: RookVersion(1, 3, 0), daemons: [.mon, .osd, .mds], kind: .liveness,
                     probe: probe(adminSocket, delay: 10), source: "rook#5128 (commit 7788901)"),
        // The mgr's exec probe: rook#8721, in the release notes of v1.7.4 ("Use the admin socket for
        // the mgr liveness probe"; rook#9468 shows MGR/MON exec probes with timeout 1 on v1.8).
        RookProbeRow(since: RookVersion(1, 7, 4), daemons: [.mgr], kind: .liveness,
                     probe: probe(adminSocket, delay: 10), source: "rook#8721 (v1.7.4 release notes)"),
        // rook#9080, in the release notes of v1.7.7 ("rgw: Updated livenessProbe and readinessProbe"),
        // the release-1.7 form of the change v1.8.0 has: RGW liveness -> tcpSocket on RGW's port;
        // /swift/healthcheck moves to readiness. initialDelay 10 assumed as before; timing otherwise unset.
        RookProbeRow(since: RookVersion(1, 7, 7), daemons: [.rgw], kind: .liveness,
                     probe: probe(.tcpSocket(.gateway), delay: 10), source: "rook#9080 (v1.7.7 release notes)"),
        RookProbeRow(since: rgwReadinessSince, daemons: [.rgw], kind: .readiness,
                     probe: probe(.httpGet(path: "/swift/healthcheck", port: .gateway), delay: 10), source: "rook#9080 (v1.7.7 release notes)"),
        // rook#9468 (label backport-release-1.8; in the release notes of v1.8.2): startup probes for
        // the Ceph daemons, the liveness handler with initialDelay 10, period 10, failure 6 (60 s),
        // and 9 (90 s) for the OSD (`startupProbeFailuresDaemonOSD`, controller/spec.go @ 622f3c09;
        // rook#9468: 90 s "is the value chosen for my initial implementation"). The OSD's 720 (2 h)
        // is rook#10250, in the release notes of v1.8.10 and v1.9.3 (not of v1.8.9). RGW's startup
        // probe of v1.8.2 to v1.10 (rook#9533) is not modelled (`hasUnmodelledStartupProbe`).
        // controller/spec.go:67-73, 687-693 @ v1.20.6.
        RookProbeRow(since: startupProbesSince, daemons: [.mon, .mgr, .osd, .mds], kind: .startup, probe: nil,
                     startupFailure: 6, source: "rook#9468 (v1.8.2 release notes)"),
        RookProbeRow(since: startupProbesSince, daemons: [.osd], kind: .startup, probe: nil,
                     startupFailure: 9, source: "rook#9468 (v1.8.2 release notes); controller/spec.go @ 622f3c09"),
        RookProbeRow(since: RookVersion(1, 8, 10), daemons: [.osd], kind: .startup, probe: nil,
                     startupFailure: 720, source: "rook#9468, rook#10250 (v1.8.10 release notes)"),
        RookProbeRow(since: RookVersion(1, 9, 0), daemons: [.osd], kind: .startup, probe: nil,
                     startupFailure: 9, source: "rook#9468; controller/spec.go @ 622f3c09 (rook#10250 came in v1.9.3)"),
        RookProbeRow(since: RookVersion(1, 9, 3), daemons: [.osd], kind: .startup, probe: nil,
                     startupFailure: 720, source: "rook#9468, rook#10250 (v1.9.3 release notes)"),
        // rook#10460 (commit 62f0fb2b1, label backport-release-1.9, merged 16 Jun 2022; first tag
        // v1.10.0 on master): exec liveness timeout 1 s -> 2 s. On the v1.9 line it is not in the
        // release notes of v1.9.5 (nor of v1.9.8 and v1.9.9): v1.9.6 assumed (v1.9.6's and v1.9.7's
        // notes were not found).
        RookProbeRow(since: RookVersion(1, 9, 6), daemons: cephDaemons, kind: .liveness,
                     probe: probe(adminSocket, delay: 10, timeout: 2), source: "rook#10460 (backport to v1.9; v1.9.6 assumed)"),
        // commit ac9df66b7 "increase liveness probe timeout to 5s": v1.9.13 has it (SOURCES.md note 1);
        // which v1.9 release first did is not known (rook#10986 has no backport-release-1.9 label).
        RookProbeRow(since: RookVersion(1, 9, 13), daemons: cephDaemons, kind: .liveness,
                     probe: probe(adminSocket, delay: 10, timeout: 5), source: "commit ac9df66b7 (at v1.9.13)"),
        RookProbeRow(since: RookVersion(1, 10, 0), daemons: cephDaemons, kind: .liveness,
                     probe: probe(adminSocket, delay: 10, timeout: 2), source: "rook#10460 (commit 62f0fb2b1)"),
        // rook#10986 (commit ac9df66b7, first tag v1.11.0 on master; label backport-release-1.10, in
        // the release notes of v1.10.4): 2 s -> 5 s, "socket latency is expected whenever CPUs are
        // under minor pressure".
        RookProbeRow(since: RookVersion(1, 10, 4), daemons: cephDaemons, kind: .liveness,
                     probe: probe(adminSocket, delay: 10, timeout: 5), source: "rook#10986 (v1.10.4 release notes)"),
        RookProbeRow(since: RookVersion(1, 11, 0), daemons: cephDaemons, kind: .liveness,
                     probe: probe(adminSocket, delay: 10, timeout: 5), source: "commit ac9df66b7; controller/spec.go:65-66, 674-675 @ v1.20.6"),
        // rook#11374 (commit 17c5cf738, first tag v1.11.0): RGW liveness removed ("forced restarts only cause
        // more load"); readiness and startup become rgw-probe.sh. object/spec.go:604-612, 614-681, 684-720 @ v1.20.6.
        RookProbeRow(since: rgwProbeScriptSince, daemons: [.rgw], kind: .liveness, probe: nil,
                     source: "rook#11374 (commit 17c5cf738); object/spec.go:603-612"),
        RookProbeRow(since: rgwProbeScriptSince, daemons: [.rgw], kind: .readiness,
                     probe: probe(rgwScript, delay: 10, timeout: 5, period: 10, success: 3, failure: 3), source: "object/spec.go:614-681 @ v1.20.6"),
        RookProbeRow(since: rgwProbeScriptSince, daemons: [.rgw], kind: .startup,
                     probe: probe(rgwScript, delay: 10, timeout: 5, period: 10, failure: 33), source: "object/spec.go:684-720 @ v1.20.6 (RGW init timeout 300 s)"),
        // rook#12860 (commit 2dd9b00ca, label backport-release-1.12, in the release notes of
        // v1.12.6): MDS liveness from the fsmap, 30/30/25/5; no default startup probe ("StartupProbe
        // time for MDS is covered by liveness probe"). rook#15424 (v1.15.9, v1.16.5) changed only
        // its command. file/mds/livenessprobe.go:16-28, 83-87; file/mds/spec.go:158-159 @ v1.20.6.
        RookProbeRow(since: mdsStartupProbeRemoved, daemons: [.mds], kind: .liveness,
                     probe: probe(fsmap, delay: 30, timeout: 25, period: 30, success: 1, failure: 5, limit: fsmapLimit), source: "rook#12860 (v1.12.6 release notes); file/mds/livenessprobe.go:16-28"),
        RookProbeRow(since: mdsStartupProbeRemoved, daemons: [.mds], kind: .startup, probe: nil,
                     source: "rook#12860; file/mds/spec.go:158-159 @ v1.20.6"),
    ]

    /// The probe Rook `version` generates for `daemon` in place of `handler`, which an older
    /// release wrote, where this probe's timings are no guide to it: a command that waits up to a
    /// limit of its own (the MDS's fsmap script of v1.12.6, 20 s on `ceph fs dump`) in place of
    /// another check (the admin socket's), whose timeout pasted into the CR would be under that
    /// limit (PL108). A check of the same port (RGW's tcpSocket of v1.7.7 for its httpGet) takes
    /// the same timings. Nil when Rook generates this check, or none.
    public static func replacement(of handler: ProbeHandler?, _ daemon: RookDaemon, _ kind: ProbeKind,
                                   at version: RookVersion) -> (probe: RookGeneratedProbe, source: String)? {
        guard let handler, let generated = generated(daemon, kind, at: version), generated.probe.handler == fsmap,
              !handler.checksFSMap else { return nil }
        return generated
    }

    /// The probe Rook `version` generates for `daemon`, and the row's source; nil when it generates none.
    public static func generated(_ daemon: RookDaemon, _ kind: ProbeKind, at version: RookVersion) -> (probe: RookGeneratedProbe, source: String)? {
        generatedCache.value(for: GeneratedKey(daemon: daemon, kind: kind, version: version)) {
            lookUp(daemon, kind, at: version)
        }
    }

    static func lookUp(_ daemon: RookDaemon, _ kind: ProbeKind, at version: RookVersion) -> (probe: RookGeneratedProbe, source: String)? {
        var best: RookProbeRow?
        for row in rows where row.kind == kind && row.daemons.contains(daemon) && row.since <= version {
            if best.map({ row.since >= $0.since }) ?? true { best = row }
        }
        guard let best else { return nil }
        if let failure = best.startupFailure {
            guard var probe = lookUp(daemon, .liveness, at: version) else { return nil }
            probe.probe.initialDelaySeconds = 10
            probe.probe.periodSeconds = 10
            probe.probe.failureThreshold = failure
            return (probe.probe, "\(best.source), the liveness probe of \(probe.source)")
        }
        guard let probe = best.probe else { return nil }
        return (probe, best.source)
    }

    static let generatedCache = LockedCache<GeneratedKey, (probe: RookGeneratedProbe, source: String)?>()

    /// The first release whose CRs accept per-field timing overrides (rook#7153, v1.6; 0 = Rook's default).
    public static let timingOverridesSince = RookVersion(1, 6, 0)

    /// The releases that read a CR's timing for a probe: `Rook v1.6.0 or later`, or where a later
    /// release generates the probe no more, `Rook v1.6.0 to v1.10 (v1.11.0 and later generate no
    /// livenessProbe for rgw)`.
    public static func timingReaders(_ daemon: RookDaemon?, _ kind: ProbeKind) -> String {
        guard let daemon, let removed = removal(daemon, kind), let range = readingRange(removed) else { return "Rook \(timingOverridesSince) or later" }
        return "\(range) (\(removed) and later generate no \(kind.fieldName) for \(daemon.rawValue))"
    }

    /// `Rook v1.6.0 to v1.10`: the releases that read a CR's timing of a probe that `removed`
    /// generates no more; nil for a removal in a major's first minor.
    public static func readingRange(_ removed: RookVersion) -> String? {
        guard removed.minor > 0 else { return nil }
        let last = removed.patch > 0 ? RookVersion(removed.major, removed.minor, removed.patch - 1) : RookVersion(removed.major, removed.minor - 1)
        return "Rook \(timingOverridesSince) to \(last)"
    }

    /// The first release after the CR's timings were read (v1.6) that generates no probe of
    /// `kind` for `daemon` (RGW liveness: v1.11.0), or nil.
    public static func removal(_ daemon: RookDaemon, _ kind: ProbeKind) -> RookVersion? {
        rows.filter { $0.probe == nil && $0.startupFailure == nil && $0.kind == kind && $0.daemons.contains(daemon) && $0.since > timingOverridesSince }
            .map(\.since).min()
    }

    /// The first release with startup probes (rook#9468, in the release notes of v1.8.2).
    public static let startupProbesSince = RookVersion(1, 8, 2)
    /// rook#9080 ("introduce readinessProbe"; in the release notes of v1.7.7): the first release
    /// with an RGW readiness probe. Before it Rook set none (rook#8407 asks for one, July 2021).
    public static let rgwReadinessSince = RookVersion(1, 7, 7)
    /// The first release with NFS-Ganesha's liveness probe, set by CephNFS
    /// `spec.server.livenessProbe` (rook#12845, opened Sept 2023; v1.20.6 has it): its first tag
    /// is not known, v1.13.0 assumed. The probe itself is not modelled (PL301 names the field).
    public static let nfsLivenessSince = RookVersion(1, 13, 0)
    /// rook#11374: the first release whose RGW has no liveness probe, and readiness and startup
    /// probes that run rgw-probe.sh.
    public static let rgwProbeScriptSince = RookVersion(1, 11, 0)

    /// The first release that generates no startup probe for the MDS (rook#12860, v1.12.6): a
    /// CephFilesystem `metadataServer.startupProbe.probe` has none to take its timings, and
    /// the operator fails on it (docs/rook-releases.md; PL304).
    public static let mdsStartupProbeRemoved = RookVersion(1, 12, 6)

    /// What a setting of the MDS's startup probe in a CephFilesystem (`metadataServer.startupProbe`,
    /// read from v1.9.0) must say at `version`: the upgrade to v1.12.6 or later breaks on it, so it
    /// comes out first. Nil for any other probe or release.
    public static func mdsStartupProbeCaveat(_ daemon: RookDaemon?, _ kind: ProbeKind, at version: RookVersion) -> String? {
        guard daemon == .mds, kind == .startup, version >= mdsSpecsInFilesystemSince, version < mdsStartupProbeRemoved else { return nil }
        return "remove spec.metadataServer.startupProbe.probe before upgrading to Rook \(mdsStartupProbeRemoved) or later, which generate no MDS startup probe and whose operator fails on it (rook#13542, rook#16063)"
    }

    /// What a CR timeout for the MDS's liveness probe (`metadataServer.livenessProbe.probe`, read
    /// from v1.9.0) must say at `version` before v1.12.6 when it is at or below the fsmap
    /// script's 20 s: that release puts the CR's timings on the script, and such a timeout stops
    /// it before ceph gives up (PL108, rook#12789). Nil for any other probe, release or value.
    public static func mdsLivenessTimeoutCaveat(_ daemon: RookDaemon?, _ kind: ProbeKind, field: ProbeField, value: Int,
                                                at version: RookVersion) -> String? {
        guard daemon == .mds, kind == .liveness, field == .timeoutSeconds, version >= mdsSpecsInFilesystemSince,
              version < mdsStartupProbeRemoved, Double(value) <= fsmapLimit.bound.seconds else { return nil }
        let limit = Format.number(fsmapLimit.bound.seconds)
        let rooks = generated(.mds, .liveness, at: mdsStartupProbeRemoved).map { " (Rook's default there is \($0.probe.value(.timeoutSeconds)) s)" } ?? ""
        return "before upgrading to Rook \(mdsStartupProbeRemoved) or later, raise this timeoutSeconds above \(limit) s or delete it\(rooks): that release's MDS liveness script waits up to \(limit) s for ceph and takes this timeout (rook#12860), and at \(limit) s or less slow mons restart every MDS (PL108, rook#12789)"
    }

    /// Whether Rook `version` is known to generate no startup probe for `daemon` (none at all
    /// before v1.8.2; none for the MDS from v1.12.6). Not the table's silence: RGW's startup
    /// probe of v1.8.2 to v1.10 (rook#9533) has no row.
    public static func generatesNoStartupProbe(_ daemon: RookDaemon, at version: RookVersion) -> Bool {
        version < startupProbesSince || (daemon == .mds && version >= mdsStartupProbeRemoved)
    }

    /// Whether Rook `version` is known to generate no probe of `kind` for `daemon`: the table has
    /// no row, and it is not a probe the table leaves unmodelled (RGW's startup probe of v1.8.2 to
    /// v1.10, which Rook does generate).
    public static func generatesNone(_ daemon: RookDaemon, _ kind: ProbeKind, at version: RookVersion) -> Bool {
        generated(daemon, kind, at: version) == nil && !(kind == .startup && hasUnmodelledStartupProbe(daemon, at: version))
    }

    /// Whether Rook `version` generates a startup probe for `daemon` that the table has no row
    /// for: RGW's of v1.8.2 to v1.10 (rook#9468, rook#9533), whose handler and timings the
    /// sources do not pin down (rook#9533 says liveness's handler, rook#11374's diff shows
    /// readiness's path before it). The liveness probe does not run first there (PL105).
    public static func hasUnmodelledStartupProbe(_ daemon: RookDaemon, at version: RookVersion) -> Bool {
        daemon == .rgw && version >= startupProbesSince && version < rgwProbeScriptSince
    }

    /// The first release whose CRs have `disabled` in a probe's spec (rook#5807, #5836, v1.4):
    /// before it, the field is not read and Rook generates the probe.
    public static let disabledSince = RookVersion(1, 4, 0)

    /// The first release that reads the MDS's probes from CephFilesystem
    /// `spec.metadataServer.{livenessProbe,startupProbe}`: rook#9550 (closes #9519, merged
    /// Jan 2022, no backport label; first tag v1.9.0). It also stopped reading the CephCluster's
    /// `mds` key: `config.ConfigureLivenessProbe` takes the filesystem's ProbeSpec from then on
    /// (pkg/operator/ceph/config/probes.go; file/mds/spec_test.go "check mds ConfigureProbe").
    public static let mdsSpecsInFilesystemSince = RookVersion(1, 9, 0)
    /// The first release that reads CephCluster `spec.healthCheck.livenessProbe.mds`. rook#6883
    /// (backported to v1.5.5) added the `mds` key, but file/mds/spec.go:44 @ v1.5.5 dropped
    /// `ConfigureLivenessProbe`'s result (rook#6355); rook#7077 (Jan 2021, no backport label)
    /// assigned it: first tag assumed v1.6.0, with the timing fields (rook#7153). Until v1.9.0
    /// (travisn on rook#9637, Jan 2022: "it is in the cephcluster CR configuration").
    /// CephCluster `healthCheck.startupProbe.mds` came with rook#9468's startup probes
    /// (`GetMdsStartupProbe`, pkg/apis/ceph.rook.io/v1), backported to v1.8.2, and went with
    /// rook#9550 (v1.9.0): v1.8.2 to v1.8.x read it, as modelled (`clusterDaemons`). An MDS before v1.9 is
    /// rendered from its CephFilesystem with the liveness values of the namespace's CephCluster
    /// when the run holds it (`RookRenderer.ClusterValues`), else with Rook's defaults.
    public static let mdsSpecsInClusterSince = RookVersion(1, 6, 0)

    /// Whether Rook `version` reads the MDS's probes from the CephCluster
    /// (`spec.healthCheck.livenessProbe.mds`) rather than the CephFilesystem.
    public static func mdsSpecsInCluster(at version: RookVersion) -> Bool {
        version < mdsSpecsInFilesystemSince
    }
}

/// `RookProbeTable.generated` by daemon, probe kind and version: a run asks the
/// same few questions for every CR, from every worker thread.
struct GeneratedKey: Hashable {
    var daemon: RookDaemon
    var kind: ProbeKind
    var version: RookVersion
}

/// Values worked out once per key and shared by all worker threads: the few
/// questions about Rook's tables that a run asks for every CR. The value is made
/// outside the lock; two threads asking at once may both make it, and either is kept.
final class LockedCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    func value(for key: Key, _ make: () -> Value) -> Value {
        if let known = values.withLock({ $0[key] }) { return known }
        let value = make()
        values.withLock { if $0.count < 4096 { $0[key] = value } }
        return value
    }
}
