/// A CephFilesystem without `activeStandby: true` fails over cold: the standby
/// MDS starts with an empty cache and replays the journal before it serves.
struct MdsWithoutHotStandby: Rule {
    static let info = RuleInfo(
        id: "PL303", name: "mds-without-hot-standby",
        summary: "A CephFilesystem without activeStandby: on failover the standby MDS starts with an empty cache and replays the journal first (cold failover).",
        defaultSeverity: .warning, fix: .none, tags: ["rook", "ceph", "mds", "availability"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        guard case .filesystem(let fs)? = object.manifest.rook, fs.activeStandby?.value != true else { return }
        let written = fs.activeStandby != nil
        var notes = Notes()
        notes.append(.note, "activeStandby: true runs a standby-replay MDS per active one: it follows the active MDS's journal and takes over with a warm cache (docs.ceph.com cephfs/mds-states)",
                     name: "activeStandby", origin: "manifest")
        if let mds = object.containers.first(where: { $0.detection.component == .mds }), let start = mds.inputs.startupTime {
            ProbeArithmetic.startupNotes(mds.inputs, key: .startupTime, into: &notes)
            notes.append(.derived, "a cold failover replays the journal for about Tstart = \(ProbeArithmetic.n(start.value.value)) s, which a standby-replay MDS skips; the mons' mds_beacon_grace (15 s) before a failover when the MDS dies without a word (one stopped with SIGTERM tells the mons at once) and the clients' reconnect (up to mds_reconnect_timeout, 45 s) after it come on top, with a standby-replay MDS too",
                         name: "failover", value: start.value.value, unit: "s")
        }
        let message: MessageText = "activeStandby is \(written ? "false" : "not set (false)"): on failover the standby MDS starts with an empty cache and replays the journal (cold failover); set activeStandby: true for a standby-replay MDS"
        findings.append(object.finding(Self.info, message, at: fs.activeStandby?.range ?? fs.anchor, object: object.manifest.ref, notes: consume notes))
    }
}
