/// Where a probe that Rook generates comes from: the CR, the field path that
/// configures it, the Rook version modelled and the table row's source.
public struct RookGeneration: Sendable {
    /// The CR that holds the ProbeSpec, e.g. `CephFilesystem/rook-ceph/myfs`; with no name, the
    /// namespace's CephCluster (an MDS before v1.9, rendered from its CephFilesystem).
    public var cr: ObjectRef
    /// `CephFilesystem myfs`, or `the CephCluster of namespace rook-ceph` when the name is not known.
    public var crDescription: String {
        cr.name.isEmpty ? "the \(cr.kind) of namespace \(cr.namespace ?? "default")" : "\(cr.kind) \(cr.name)"
    }
    public var daemon: RookDaemon
    /// Where the ProbeSpec is in the CR, joined when read.
    var specLocation: RookSpecPath
    /// The ProbeSpec's path in the CR, e.g. `spec.metadataServer.livenessProbe`.
    public var specPath: String { specLocation.string }
    public var version: RookVersionChoice
    /// The row of RookProbeTable this probe comes from.
    public var source: String
    /// Whether the CR has a `probe:` mapping, so that a missing field can be inserted in place.
    public var canInsertFields: Bool
    /// Whether this Rook version reads timing fields from the CR at all (v1.6+, rook#7153).
    public var acceptsOverrides: Bool
    /// Whether the probe reaches RGW's internal 8080 rather than `gateway.port` (`RookProbeTable.rgwListeningPort`).
    public var reachesInternalPort = false
    /// Whether Rook runs a startup probe before this one that probelint does not model (RGW's of
    /// v1.8.2 to v1.10, `RookProbeTable.hasUnmodelledStartupProbe`) and the CR does not disable.
    public var followsUnmodelledStartupProbe = false
    /// The CephCluster whose ProbeSpec gave the fields of `fromCluster` (an MDS from v1.6 to
    /// v1.9, rendered from its CephFilesystem: `RookRenderer.ClusterValues`), else nil.
    public var valuesFrom: String? = nil
    /// The fields whose values the CephCluster writes, as bits of `ProbeField.caseIndex`.
    var fromCluster: UInt8 = 0
    /// The fields the probe Rook generates writes, as bits of `ProbeField.caseIndex`: the others
    /// are Kubernetes' defaults (Rook v1.1's RGW probe writes only its initialDelaySeconds).
    var setByRook: UInt8 = 0b11111
    /// The limit Rook's command puts on its wait, and Rook's own timeoutSeconds above it (PL108).
    var commandLimit: (limit: RookCommandLimit, rookTimeout: Int)? = nil
    /// The fields the CR writes as 0, which Rook reads as its default, as bits of `ProbeField.caseIndex`
    /// (`ProbeArithmetic.unwrittenMark` reads them).
    var zeroWritten: UInt8 = 0

    /// Whether `field`'s value is the CephCluster's (`valuesFrom`), not Rook's default.
    public func isFromCluster(_ field: ProbeField) -> Bool { fromCluster & 1 << field.caseIndex != 0 }

    /// Whether Rook's generated probe writes `field` (`setByRook`), so that its value, unless the
    /// CR sets one, is Rook's default and not Kubernetes'.
    public func setsByDefault(_ field: ProbeField) -> Bool { setByRook & 1 << field.caseIndex != 0 }
}

/// A pod whose containers rules check: written in a manifest, or rendered from a Rook CR.
public struct PodSource: Sendable {
    public var spec: PodSpec
    /// Known when the pod is rendered from a CR (no need to guess from labels).
    public var detection: ComponentDetection?

    public init(spec: PodSpec, detection: ComponentDetection? = nil) {
        self.spec = spec
        self.detection = detection
    }
}

/// Turns a Rook CR into the pods Rook would create, with the probes Rook `version`
/// generates, each field pointing into the CR: the field if written, else the
/// key under which it would be written. Rook keeps its own handler and reads 0 as
/// "use my default" (pkg/operator/ceph/config/probes.go GetProbeWithDefaults).
public enum RookRenderer {
    /// `clusterMDS`: for a CephFilesystem, the values its namespace's CephCluster writes for the
    /// MDS's probes (`ClusterValues`), read where Rook `version` reads them.
    public static func pods(_ manifest: Manifest, version: RookVersionChoice, clusterMDS: ClusterMDS = ClusterMDS()) -> [PodSource] {
        guard let rook = manifest.rook else { return [] }
        let prefix = manifest.pathPrefix
        let cr = manifest.ref
        switch rook {
        case .cluster(let cluster):
            if cluster.isExternal { return [] }
            return RookClusterProbeSpecs.daemons.map { daemon in
                pod(cr, daemon, specs: cluster.healthCheck[daemon], anchor: cluster.anchor, prefix: prefix, section: .healthCheck,
                    resources: Quantities(), ports: InlineList(), gatewayPort: nil, version: version,
                    ownAnnotations: cluster.daemonAnnotations[daemon])
            }
        case .objectStore(let store):
            if store.isExternal { return [] }
            let (port, isInternal) = RookProbeTable.rgwListeningPort(store, at: version.version)
            let ports = InlineList(one: ContainerPort(name: "http", containerPort: port, proto: "TCP"))
            // Where the port RGW listens on is written, when it is gateway.port (or securePort) itself.
            let written = (store.port?.value ?? 0) == 0 && (store.securePort?.value ?? 0) != 0 ? store.securePort : store.port
            return [pod(cr, .rgw, specs: store.healthCheck, anchor: store.anchor, prefix: prefix, section: .healthCheck,
                        resources: store.resources, ports: ports, gatewayPort: port, version: version,
                        podAnchor: store.gatewayKey, internalPort: isInternal, gatewayPortAt: isInternal ? nil : written?.range)]
        case .filesystem(let fs):
            // Before v1.9 Rook reads the MDS's probes from the CephCluster (`mdsSpecsInCluster`), not from
            // here: the probes are Rook's defaults, and their fixes are YAML for that CephCluster's field.
            if RookProbeTable.mdsSpecsInCluster(at: version.version) {
                let cluster = ObjectRef(kind: "CephCluster", namespace: cr.namespace, name: "")
                let read = version.version >= RookProbeTable.mdsSpecsInClusterSince ? clusterMDS : ClusterMDS()
                return [pod(cluster, .mds, specs: RookProbeSpecs(), anchor: fs.anchor, prefix: prefix, section: .metadataServer,
                            resources: fs.resources, ports: InlineList(), gatewayPort: nil, version: version,
                            specsAt: (prefix: "", section: .healthCheck, daemon: .mds), clusterMDS: read)]
            }
            return [pod(cr, .mds, specs: fs.probes, anchor: fs.anchor, prefix: prefix, section: .metadataServer,
                        resources: fs.resources, ports: InlineList(), gatewayPort: nil, version: version)]
        }
    }

    /// The CephCluster's values for each of the MDS's probes (liveness, startup), by kind.
    public struct ClusterMDS: Sendable {
        var liveness: ClusterValues?
        var startup: ClusterValues?
        public init() {}
        public subscript(kind: ProbeKind) -> ClusterValues? {
            get { kind == .liveness ? liveness : kind == .startup ? startup : nil }
            set {
                if kind == .liveness { liveness = newValue } else if kind == .startup { startup = newValue }
            }
        }
    }

    /// The timing fields that the namespace's CephCluster writes for one of the MDS's probes, which
    /// Rook before v1.9 reads (`RookProbeTable.mdsSpecsInCluster`; liveness from v1.6, startup
    /// from v1.8.2, when Rook's startup probes came): an MDS rendered from its CephFilesystem takes
    /// them in place of Rook's defaults, unwritten there (its fixes are YAML for that CephCluster's
    /// field). `cluster`: `CephCluster rook-ceph (cluster.yaml)`.
    public struct ClusterValues: Sendable {
        public var cluster: String
        public var fields: RookProbeFields
        /// `disabled: true` there: Rook generates no MDS liveness probe.
        public var disabled: Bool
        public init(cluster: String, fields: RookProbeFields, disabled: Bool = false) {
            self.cluster = cluster
            self.fields = fields
            self.disabled = disabled
        }
    }

    /// One daemon's pod of the CR `cr`: its ProbeSpecs live under `spec.<section>` after the object's
    /// `prefix` (the pod's path, and where a ProbeSpec the CR lacks would be); the container's path is
    /// `ModelPath.rookContainer`. `specsAt`: where the ProbeSpecs are when another CR (`cr`) holds them.
    static func pod(_ cr: ObjectRef, _ daemon: RookDaemon, specs: RookProbeSpecs, anchor: SourceRange,
                    prefix: String, section: RookSpecPath.Section,
                    resources: Quantities, ports: InlineList<ContainerPort>, gatewayPort: Int?,
                    version: RookVersionChoice, podAnchor: SourceRange? = nil,
                    specsAt: (prefix: String, section: RookSpecPath.Section, daemon: RookDaemon?)? = nil,
                    ownAnnotations: PlacedAnnotations? = nil, internalPort: Bool = false,
                    gatewayPortAt: SourceRange? = nil, clusterMDS: ClusterMDS = ClusterMDS()) -> PodSource {
        // Rook sets no terminationGracePeriodSeconds on Ceph daemon pods (docs/reference.md 3a), and no CR has the field:
        // findings about it point at the daemon's key (`gateway:`, `metadataServer:`).
        let grace = Field<Int>.defaulted(ProbeDefaults.terminationGracePeriodSeconds,
                                         at: Insertion(parentKey: podAnchor ?? anchor, lastKey: nil, lastValue: nil, isFlow: false))
        let rendering = RookDaemonRendering.of(daemon, at: version.version)
        var probes = ContainerProbes()
        for (kind, generated, source) in rendering.probes {
            let location = specsAt.map { RookSpecPath(prefix: $0.prefix, section: $0.section, kind: kind, daemon: $0.daemon) }
                ?? RookSpecPath(prefix: prefix, section: section, kind: kind)
            let spec = specs[kind] ?? RookProbeSpec(location: location,
                                                    insertion: Insertion(parentKey: anchor, lastKey: nil, lastValue: nil, isFlow: false))
            if spec.isDisabled && version.version >= RookProbeTable.disabledSince { continue }
            if clusterMDS[kind]?.disabled == true { continue }
            let follows = kind == .liveness && RookProbeTable.hasUnmodelledStartupProbe(daemon, at: version.version)
                && !(specs[.startup]?.isDisabled ?? false)
            probes[kind] = probe(kind, generated, spec: spec, daemon: daemon, cr: cr, grace: grace,
                                 gatewayPort: gatewayPort, internalPort: internalPort, gatewayPortAt: gatewayPortAt,
                                 version: version, source: source, followsUnmodelledStartupProbe: follows,
                                 clusterValues: clusterMDS[kind])
        }
        let container = Container(name: daemon.rawValue, nameRange: anchor, image: ScalarText(nil), command: CommandWords([]),
                                  args: CommandWords([]), ports: ports, resources: resources, probes: probes, isInit: false,
                                  restartPolicy: nil, preStop: nil, location: .rookContainer(prefix: prefix, daemon))
        // A CephCluster daemon's own annotations, as a pod template's are (the CR's `all` ones are the object's).
        let spec = PodSpec(containers: InlineList(one: container), initContainers: InlineList(),
                           terminationGracePeriodSeconds: grace, labels: Labels(rendering.labels),
                           annotations: ownAnnotations?.annotations ?? Annotations(), annotationPlace: ownAnnotations?.place ?? .podTemplate,
                           restartPolicy: nil, path: String(concatenating: prefix, "spec.", section.rawValue))
        return PodSource(spec: spec, detection: rendering.detection)
    }

    static func probe(_ kind: ProbeKind, _ generated: RookGeneratedProbe, spec: RookProbeSpec, daemon: RookDaemon,
                      cr: ObjectRef, grace: Field<Int>, gatewayPort: Int?, internalPort: Bool = false,
                      gatewayPortAt: SourceRange? = nil, version: RookVersionChoice, source: String,
                      followsUnmodelledStartupProbe: Bool = false, clusterValues: ClusterValues? = nil) -> Probe {
        let overrides = version.version >= RookProbeTable.timingOverridesSince
        var fromCluster: UInt8 = 0, zeroWritten: UInt8 = 0
        let setByRook = generated.writtenFields
        func field(_ name: ProbeField) -> Field<Int> {
            var rookDefault = name == .terminationGracePeriodSeconds ? (grace.value ?? ProbeDefaults.terminationGracePeriodSeconds)
                : generated.value(name)
            // The CephCluster's value, where it writes one (a 0 is Rook's default there too).
            if let written = clusterValues?.fields[name]?.value, written != 0 || name == .terminationGracePeriodSeconds {
                rookDefault = written
                fromCluster |= 1 << name.caseIndex
            }
            // One look-up of the CR's field for both (a second one cost 0.3 M on the benchmark corpus).
            let own = overrides ? spec.fields[name] : nil
            if name != .terminationGracePeriodSeconds, case .written(0, _, _)? = own { zeroWritten |= 1 << name.caseIndex }
            return Self.field(name, written: own, rookDefault: rookDefault, insertion: spec.insertion)
        }
        let anchor = spec.probeKey ?? spec.key ?? spec.insertion.parentKey
        // A probe the CR writes nothing for (Rook v1.1's RGW liveness) has its port where the CR
        // writes it (`gateway.port`), for findings about the port (PL107), not only the CR's `spec:`.
        let portAt = spec.key == nil && generated.handler.reachesGateway ? gatewayPortAt : nil
        let handler: ProbeHandler
        switch generated.handler {
        case .httpGet(let path, let port):
            handler = ProbeHandler(kind: .httpGet, key: anchor, port: .number(number(port, gateway: gatewayPort)), portRange: portAt, path: path)
        case .tcpSocket(let port):
            handler = ProbeHandler(kind: .tcpSocket, key: anchor, port: .number(number(port, gateway: gatewayPort)), portRange: portAt)
        case .exec(let what):
            handler = ProbeHandler(kind: .exec, key: anchor, command: ["sh", "-c", what])
        }
        var handlers = ProbeHandlers()
        handlers.append(handler)
        let (initialDelay, timeout, period) = (field(.initialDelaySeconds), field(.timeoutSeconds), field(.periodSeconds))
        let (success, failure, probeGrace) = (field(.successThreshold), field(.failureThreshold), field(.terminationGracePeriodSeconds))
        return Probe(kind: kind, key: anchor, range: anchor, isFlow: false, handlers: handlers,
                     initialDelaySeconds: initialDelay, timeoutSeconds: timeout, periodSeconds: period, successThreshold: success,
                     failureThreshold: failure, terminationGracePeriodSeconds: probeGrace, location: .rookProbe(spec.location),
                     generatedBy: RookGeneration(cr: cr, daemon: daemon, specLocation: spec.location, version: version, source: source,
                                                 canInsertFields: spec.probeKey != nil, acceptsOverrides: overrides,
                                                 reachesInternalPort: internalPort && generated.handler.reachesGateway,
                                                 followsUnmodelledStartupProbe: followsUnmodelledStartupProbe,
                                                 valuesFrom: fromCluster == 0 ? nil : clusterValues?.cluster, fromCluster: fromCluster,
                                                 setByRook: setByRook,
                                                 commandLimit: generated.commandLimit.map { ($0, generated.value(.timeoutSeconds)) },
                                                 zeroWritten: zeroWritten))
    }

    /// A timing field of a generated probe as the CR sets it: written, with Rook's
    /// default for a written 0 ("use my default"), or Rook's default where it would be inserted.
    static func field(_ name: ProbeField, spec: RookProbeSpec, rookDefault: Int, overrides: Bool) -> Field<Int> {
        field(name, written: overrides ? spec.fields[name] : nil, rookDefault: rookDefault, insertion: spec.insertion)
    }

    /// `field(_:spec:rookDefault:overrides:)` with the CR's field looked up (nil: not written, or not read).
    static func field(_ name: ProbeField, written: Field<Int>?, rookDefault: Int, insertion: Insertion) -> Field<Int> {
        guard let written else { return .defaulted(rookDefault, at: insertion) }
        // 0 means "use Rook's default": the field stays where it is written, with Rook's value.
        if case .written(0, let key, let value) = written, name != .terminationGracePeriodSeconds {
            return .written(rookDefault, key: key, value: value)
        }
        return written
    }

    static func number(_ port: RookPort, gateway: Int?) -> Int {
        switch port {
        case .gateway: return gateway ?? 80
        case .fixed(let n): return n
        }
    }
}

/// What Rook renders for a daemon at a version, the same for every CR: the probes it
/// generates (in `ProbeKind.allCases` order), the pod's labels and how the daemon is
/// recognised. Worked out once per run rather than for every pod.
struct RookDaemonRendering: Sendable {
    var probes: [(kind: ProbeKind, probe: RookGeneratedProbe, source: String)]
    var labels: [String: String]
    var detection: ComponentDetection

    struct Key: Hashable {
        var daemon: RookDaemon
        var version: RookVersion
    }

    static let cache = LockedCache<Key, RookDaemonRendering>()

    /// Where an MDS's probes are set before v1.9, appended to its probes' source.
    static func mdsNote(_ daemon: RookDaemon, _ version: RookVersion) -> String {
        guard daemon == .mds, RookProbeTable.mdsSpecsInCluster(at: version) else { return "" }
        return "; before \(RookProbeTable.mdsSpecsInFilesystemSince) Rook sets the MDS probes from CephCluster spec.healthCheck.livenessProbe.mds"
            + (version >= RookProbeTable.startupProbesSince ? " and .startupProbe.mds" : "")
            + (version < RookProbeTable.mdsSpecsInClusterSince ? " (read from \(RookProbeTable.mdsSpecsInClusterSince), rook#7077)" : "")
            + " and ignores CephFilesystem spec.metadataServer (rook#9550)"
    }

    static func of(_ daemon: RookDaemon, at version: RookVersion) -> RookDaemonRendering {
        cache.value(for: Key(daemon: daemon, version: version)) {
            RookDaemonRendering(
                probes: ProbeKind.allCases.compactMap { kind in
                    RookProbeTable.generated(daemon, kind, at: version).map { (kind, $0.probe, $0.source + mdsNote(daemon, version)) }
                },
                labels: ["app": String(concatenating: "rook-ceph-", daemon.rawValue)],
                detection: ComponentDetection(component: daemon.component,
                                              evidence: MessageText.string("\(daemon.renderedFrom), as Rook \(version) generates it")))
        }
    }
}
