/// A probe setting written in a Rook CR that the modelled Rook version does not apply: the
/// user believes a probe changed (a longer timeout, a disabled probe) and it did not. The
/// CRDs take these settings without complaint (`healthCheck.livenessProbe` is a map that takes
/// any key), and the operator says nothing either. One case is worse: an MDS startup probe
/// written in the CephFilesystem, which Rook has none to apply to, fails the operator.
struct RookProbeSettingNotApplied: Rule {
    static let info = RuleInfo(
        id: "PL304", name: "rook-probe-setting-not-applied",
        summary: "A probe setting in a Rook CR that the Rook version does not apply: a key it does not read, a probe it does not generate, or an MDS startup probe it fails on.",
        defaultSeverity: .warning, fix: .none, tags: ["rook", "ceph", "probes"])

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        // Most objects are no Rook CR: asked before the CR is copied out of the manifest; and most
        // CRs write no probe setting: asked before their Rook version is worked out (some 5,700
        // instructions a CR with its own Ceph image).
        guard object.manifest.rook != nil, let rook = object.manifest.rook, rook.writesProbeSettings else { return }
        let choice = object.rookVersion
        let version = choice.version
        /// A startup probe's setting, before Rook had any: made when said (made for every Rook CR,
        /// it was some 2,600 instructions each, on 5 MB 2 M, for a finding none of them had).
        func noStartupProbes() -> String { "which generates no startup probes (from \(RookProbeTable.startupProbesSince), rook#9468)" }
        // Where a spec was reported as not read: its handler is not reported again.
        var reported: Set<Int> = []
        func report(_ message: String, at range: SourceRange?, severity: Severity? = nil, note: String) {
            if let range { reported.insert(range.start.offset) }
            var notes = Notes()
            notes.append(.note, "Rook \(version) (\(choice.origin)); \(note)", name: "rookVersion", origin: "rook")
            findings.append(object.finding(Self.info, severity: severity, message, at: range ?? object.manifest.range,
                                           object: object.manifest.ref, notes: consume notes))
        }
        switch rook {
        case .cluster(let cluster):
            for other in cluster.otherProbeKeys where other.changesAProbe {
                let path = "healthCheck.\(other.kind.fieldName).\(other.name)"
                let note = "the CRD's healthCheck.\(other.kind.fieldName) is a map that takes any key; Rook reads its daemons' keys only (pkg/operator/ceph/config/probes.go)"
                if other.kind == .startup && version < RookProbeTable.startupProbesSince {
                    report("\(path) is not read by Rook \(version), \(noStartupProbes())", at: other.key, note: note)
                } else if other.name == RookDaemon.rgw.rawValue {
                    report("\(path): the RGW's probes are set in each CephObjectStore's spec.healthCheck, not here: this setting changes nothing", at: other.key, note: note)
                } else {
                    let read = Self.clusterDaemons(other.kind, at: version)
                    // One edit: the daemons' names are three letters, and two edits reach most others.
                    let near = read.first { RuleCatalog.editDistance(other.name, $0) <= 1 }
                    report("\(path) names no daemon Rook reads there (\(read.joined(separator: ", "))): this setting changes nothing\(near.map { "; did you mean \($0)?" } ?? "")",
                           at: other.key, note: note)
                }
            }
            for kind in [ProbeKind.liveness, .startup] {
                guard let spec = cluster.healthCheck[.mds][kind], spec.meansAChange else { continue }
                // Before v1.6 the MDS took nothing of this key, `disabled` included (rook#7077 assigned it).
                if kind == .liveness && version < RookProbeTable.mdsSpecsInClusterSince {
                    report("healthCheck.livenessProbe.mds is not read by Rook \(version): the MDS takes it from \(RookProbeTable.mdsSpecsInClusterSince) (rook#7077; v1.5.5 dropped it, rook#6355): this setting changes nothing",
                           at: spec.key, note: "a probe Rook generates is changed only by what that release reads of the CR")
                }
                if kind == .startup && version >= RookProbeTable.mdsStartupProbeRemoved {
                    // Moved to the CephFilesystem it would break the operator there (below): removed, not moved.
                    report("healthCheck.startupProbe.mds is not read by Rook \(version), whose MDS has no startup probe (none since \(RookProbeTable.mdsStartupProbeRemoved), rook#12860): remove it, and do not move it to the CephFilesystem's spec.metadataServer.startupProbe, on which the operator fails (rook#13542, rook#16063)",
                           at: spec.key, note: "the MDS's liveness probe asks the mons' fsmap, which holds a replaying MDS, so its start needs no startup probe")
                } else if version >= RookProbeTable.mdsSpecsInFilesystemSince {
                    report("healthCheck.\(kind.fieldName).mds is not read by Rook \(version): from \(RookProbeTable.mdsSpecsInFilesystemSince) the MDS's probes are set in each CephFilesystem's spec.metadataServer.\(kind.fieldName) (rook#9550)",
                           at: spec.key, note: "v1.9.0's release notes: \"The MDS liveness and startup probes are now configured by the CephFilesystem CR instead of the CephCluster CR\"")
                }
            }
            if version < RookProbeTable.startupProbesSince {
                for daemon in RookClusterProbeSpecs.specDaemons {
                    guard let spec = cluster.healthCheck[daemon][.startup], spec.meansAChange else { continue }
                    report("healthCheck.startupProbe.\(daemon.rawValue) is not read by Rook \(version), \(noStartupProbes())",
                           at: spec.key, note: "a setting for a probe Rook does not generate changes nothing")
                }
            }
        case .objectStore(let store):
            if let spec = store.healthCheck[.liveness], spec.meansAChange, version >= RookProbeTable.rgwProbeScriptSince {
                report("healthCheck.livenessProbe is not read by Rook \(version), which generates no RGW liveness probe (from \(RookProbeTable.rgwProbeScriptSince), rook#11374: \"forced restarts only cause more load\"): this setting changes nothing",
                       at: spec.key, note: "the RGW's readiness and startup probes remain (healthCheck.readinessProbe, .startupProbe)")
            }
            // A readiness probe before Rook had one for RGW, and a startup probe before it had any.
            if let spec = store.healthCheck[.readiness], spec.meansAChange, version < RookProbeTable.rgwReadinessSince {
                report("healthCheck.readinessProbe is not read by Rook \(version), which generates no RGW readiness probe (from \(RookProbeTable.rgwReadinessSince), rook#9080: \"introduce readinessProbe\"): this setting changes nothing",
                       at: spec.key, note: "a setting for a probe Rook does not generate changes nothing")
            }
            if let spec = store.healthCheck[.startup], spec.meansAChange, version < RookProbeTable.startupProbesSince {
                report("healthCheck.startupProbe is not read by Rook \(version), \(noStartupProbes())",
                       at: spec.key, note: "a setting for a probe Rook does not generate changes nothing")
            }
        case .filesystem(let fs):
            if version < RookProbeTable.mdsSpecsInFilesystemSince {
                for kind in [ProbeKind.liveness, .startup] {
                    guard let spec = fs.probes[kind], spec.meansAChange else { continue }
                    // Before v1.6 the CephCluster's key is no place either (rook#7077): no CR sets the MDS's probes.
                    if kind == .liveness && version < RookProbeTable.mdsSpecsInClusterSince {
                        report("metadataServer.livenessProbe is not read by Rook \(version), whose MDS takes no probe setting from any CR: the CephCluster's spec.healthCheck.livenessProbe.mds from \(RookProbeTable.mdsSpecsInClusterSince) (rook#7077), this one from \(RookProbeTable.mdsSpecsInFilesystemSince) (rook#9550)",
                               at: spec.key, note: "give the Rook version you run with --rook-version")
                        continue
                    }
                    // Before v1.8.2 no CR sets a startup probe: there is none (the CephCluster's key came with them).
                    if kind == .startup && version < RookProbeTable.startupProbesSince {
                        report("metadataServer.startupProbe is not read by Rook \(version), \(noStartupProbes())",
                               at: spec.key, note: "a setting for a probe Rook does not generate changes nothing")
                        continue
                    }
                    report("metadataServer.\(kind.fieldName) is not read by Rook \(version): before \(RookProbeTable.mdsSpecsInFilesystemSince) the MDS's probes are set in the CephCluster's spec.healthCheck.\(kind.fieldName).mds (rook#9550)",
                           at: spec.key, note: "move the setting to the CephCluster, or give the Rook version you run with --rook-version")
                }
            } else if version >= RookProbeTable.mdsStartupProbeRemoved, let spec = fs.probes[.startup], spec.probeKey != nil, !spec.isDisabled {
                report("metadataServer.startupProbe.probe has no MDS startup probe to apply to in Rook \(version) (none since \(RookProbeTable.mdsStartupProbeRemoved), rook#12860), and the operator fails on it: it panicked in v1.13.1 (rook#13542) and created no MDS Deployment in v1.17.5 (rook#16063); remove it: the MDS's liveness probe asks the mons' fsmap, which holds a replaying MDS, so its start needs no startup probe",
                       at: spec.probeKey, severity: .error,
                       note: "GetProbeWithDefaults keeps the handler of Rook's own probe, and for the MDS there is none (docs/rook-releases.md); the fix, rook#16144, was unmerged when last read")
            }
        }
        // Older releases read less of a spec: no timing field before v1.6, no `disabled` before v1.4.
        if version < RookProbeTable.timingOverridesSince {
            for (_, _, spec) in rook.probeSpecs where !reported.contains(spec.key?.start.offset ?? -1) {
                if let disabled = spec.disabled, disabled.value, version < RookProbeTable.disabledSince {
                    report("\(spec.path).disabled is not read by Rook \(version), which generates the probe all the same (disabled from \(RookProbeTable.disabledSince), rook#5836): this setting changes nothing",
                           at: disabled.range, note: "a probe Rook generates is changed only by what that release reads of the CR")
                } else if !spec.fields.isEmpty, !spec.isDisabled {
                    report("\(spec.path).probe is not read by Rook \(version), which takes no probe timing from the CR (from \(RookProbeTable.timingOverridesSince), rook#7153): these settings change nothing",
                           at: spec.probeKey ?? spec.key, note: "a probe Rook generates is changed only by what that release reads of the CR")
                }
            }
        }
        // A handler in the CR's probe: Rook applies the timing fields and keeps its own check.
        for spec in rook.specsWithHandler {
            guard let handler = spec.handler, !spec.isDisabled,
                  !reported.contains(spec.key?.start.offset ?? -1), !reported.contains(spec.probeKey?.start.offset ?? -1) else { continue }
            report("\(spec.path).probe.\(handler.value) is not applied by Rook: it keeps the handler of the probe it generates and takes only the timing fields from the CR, so this check changes nothing",
                   at: handler.range, note: "GetProbeWithDefaults (pkg/operator/ceph/config/probes.go) keeps Rook's own handler; Rook's docs: \"The probe's timing values and thresholds (but not the probe itself) can also be overridden\" (docs/reference.md)")
        }
    }

    /// The daemons whose keys Rook `version` reads under CephCluster `healthCheck.<kind>`.
    static func clusterDaemons(_ kind: ProbeKind, at version: RookVersion) -> [String] {
        let mds = version < RookProbeTable.mdsSpecsInFilesystemSince
            && version >= (kind == .liveness ? RookProbeTable.mdsSpecsInClusterSince : RookProbeTable.startupProbesSince)
        return RookClusterProbeSpecs.daemons.map(\.rawValue) + (mds ? ["mds"] : [])
    }
}
