/// Rook's `ProbeSpec { disabled, probe }` as a CR writes it
/// (pkg/apis/ceph.rook.io/v1/types.go:L3931-3940).
public struct RookProbeSpec: Sendable, Equatable {
    /// Where the spec is, joined when read.
    public var location: RookSpecPath
    /// Dotted path of the spec, e.g. `spec.metadataServer.livenessProbe`.
    public var path: String { location.string }
    /// The spec's key (`livenessProbe:`) when written.
    public var key: SourceRange?
    public var disabled: Located<Bool>?
    /// The `probe:` key when written: the only place timing fields can be inserted.
    public var probeKey: SourceRange?
    /// The timing fields the CR writes (0 included: Rook reads it as "use my default").
    public var fields = RookProbeFields()
    /// A handler written in `probe:` (`httpGet`, ...), which Rook does not apply: it keeps its
    /// own probe's handler (`GetProbeWithDefaults`). Its name and key.
    public var handler: Located<String>?
    /// Where an unwritten field would go: `probe:` if written, else the nearest written ancestor key.
    public var insertion: Insertion

    public var isDisabled: Bool { disabled?.value == true }
    /// Whether Rook would change its probe by it: it disables the probe or sets a timing field
    /// (`disabled: false` alone, or an empty `probe:`, keeps Rook's probe as it is).
    public var changesAProbe: Bool { isDisabled || !fields.isEmpty }
    /// Whether the CR means to change the probe: `changesAProbe`, or a handler written (which
    /// Rook does not apply either). PL304 says such a spec is not read where Rook reads none.
    public var meansAChange: Bool { changesAProbe || handler != nil }
}

/// `CephCluster.spec.healthCheck.{livenessProbe,startupProbe}.{mon,mgr,osd,mds}`.
public struct CephClusterSpec: Sendable {
    /// `spec.external.enable: true`: Rook connects to a cluster it does not run (no daemons, no probes).
    public var isExternal = false
    public var healthCheck = RookClusterProbeSpecs()
    /// The specs that write a handler (`RookProbeSpec.handler`), as the decoder met them.
    public var specsWithHandler: [RookProbeSpec] = []
    /// The key each daemon's probes hang under when none is written (`healthCheck:` or `spec:`).
    public var anchor: SourceRange
    /// `spec.annotations.all`, which Rook gives every daemon's pod.
    public var podAnnotations: PlacedAnnotations?
    /// `spec.annotations.mon`, `.mgr` and `.osd`: each daemon's own, after `all`'s (empty, and
    /// no allocation, for a CR that writes none).
    public var daemonAnnotations: [RookDaemon: PlacedAnnotations] = [:]
    /// `probelint.io/` keys under the other keys of `spec.annotations` (`mds`, `prepareosd`, a
    /// typo), which probelint reads for no pod: each a warning where it is written.
    public var unreadAnnotations: [UnreadAnnotation] = []
    /// Keys of `healthCheck.livenessProbe` and `.startupProbe` that name no daemon (`mons`):
    /// the CRD's map takes any key, and Rook reads only its daemons' (PL304).
    public var otherProbeKeys: [OtherProbeKey] = []
}

/// A `probelint.io/` annotation under a key of CephCluster `spec.annotations` that probelint
/// reads for no pod it renders: `key` under `spec.annotations.<section>`.
public struct UnreadAnnotation: Sendable, Equatable {
    public var section: String
    public var key: Located<String>

    /// Where such an annotation takes effect, when the section names a daemon that another CR runs.
    var hint: String {
        switch section {
        case RookDaemon.mds.rawValue: return "; an MDS's are read in its CephFilesystem's spec.metadataServer.annotations"
        case RookDaemon.rgw.rawValue: return "; an RGW's are read in its CephObjectStore's spec.gateway.annotations"
        default: return ""
        }
    }

    /// The warning: the annotation silences or sets nothing.
    public var message: String {
        String(concatenating: "annotation ", key.value, " in spec.annotations.", section,
               " is read by nothing: of a CephCluster's spec.annotations probelint reads all, mon, mgr and osd, for the pods it renders",
               hint)
    }
}

/// A key of CephCluster `healthCheck.livenessProbe` or `.startupProbe` that names no daemon.
public struct OtherProbeKey: Sendable {
    public var kind: ProbeKind
    public var name: String
    public var key: SourceRange
    /// Whether its ProbeSpec would change a probe: `disabled: true`, or a `probe:` with a field.
    public var changesAProbe: Bool
}

/// `CephObjectStore.spec.gateway` and `spec.healthCheck`.
public struct CephObjectStoreSpec: Sendable {
    /// `spec.gateway.externalRgwEndpoints`: the gateways run outside Rook (no RGW pods).
    public var isExternal = false
    public var gatewayKey: SourceRange?
    public var port: Located<Int>?
    public var securePort: Located<Int>?
    /// `spec.gateway.hostNetwork`: the gateways on the host's network, where they listen on `port`.
    public var hostNetwork: Located<Bool>?
    public var instances: Located<Int>?
    public var resources = Quantities()
    /// readinessProbe, startupProbe and the legacy livenessProbe ("no longer used" since v1.11).
    public var healthCheck = RookProbeSpecs()
    /// The specs that write a handler (`RookProbeSpec.handler`), as the decoder met them.
    public var specsWithHandler: [RookProbeSpec] = []
    public var anchor: SourceRange
    /// `spec.gateway.annotations`, which Rook gives the RGW pods.
    public var podAnnotations: PlacedAnnotations?
    /// `spec.gateway.rgwConfig` (Rook v1.16): Ceph options for this store's gateways, each in
    /// Ceph's spelling (underscores), section `rgwConfig`; read after `rook-config-override`
    /// (`Environment.rgwDrain`).
    public var rgwConfig: [CephConfigSetting] = []
    /// `spec.gateway.rgwCommandFlags`: the same, given to radosgw as command-line flags (section
    /// `rgwCommandFlags`), which Ceph reads last: they win over `rook-config-override`.
    public var rgwCommandFlags: [CephConfigSetting] = []
}

/// `CephFilesystem.spec.metadataServer` (types.go:L1584-1645).
public struct CephFilesystemSpec: Sendable {
    public var metadataServerKey: SourceRange?
    public var activeCount: Located<Int>?
    public var activeStandby: Located<Bool>?
    public var resources = Quantities()
    public var cacheMemoryLimitFactor: Located<Double>?
    public var cacheMemoryRequestFactor: Located<Double>?
    public var probes = RookProbeSpecs()
    /// The specs that write a handler (`RookProbeSpec.handler`), as the decoder met them.
    public var specsWithHandler: [RookProbeSpec] = []
    /// `metadataServer:` if written, else `spec:` or the object.
    public var anchor: SourceRange
    /// `spec.metadataServer.annotations`, which Rook gives the MDS pods.
    public var podAnnotations: PlacedAnnotations?
}

/// A Rook custom resource whose daemons' probes Rook generates. Indirect: its
/// ProbeSpecs are held in fixed slots (a few kilobytes), and every Manifest holds
/// a `RookResource?`, which inline was copied byte by byte with each object.
public indirect enum RookResource: Sendable {
    case cluster(CephClusterSpec)
    case objectStore(CephObjectStoreSpec)
    case filesystem(CephFilesystemSpec)

    /// The Rook CR kinds, as written in `kind:` and in ownerReferences.
    public static let kinds: Set<String> = ["CephCluster", "CephObjectStore", "CephFilesystem"]

    /// The annotations Rook gives every pod of this CR's daemons (`PlacedAnnotations.place` says where).
    public var podAnnotations: PlacedAnnotations? {
        switch self {
        case .cluster(let cluster): return cluster.podAnnotations
        case .objectStore(let store): return store.podAnnotations
        case .filesystem(let fs): return fs.podAnnotations
        }
    }

    /// The ProbeSpecs that write a handler, which Rook does not apply (none for an external
    /// cluster or object store, which have no probes): recorded by the decoder, so that PL304
    /// does not list every spec of every CR to find the few.
    public var specsWithHandler: [RookProbeSpec] {
        switch self {
        case .cluster(let cluster): return cluster.isExternal ? [] : cluster.specsWithHandler
        case .objectStore(let store): return store.isExternal ? [] : store.specsWithHandler
        case .filesystem(let fs): return fs.specsWithHandler
        }
    }

    /// The ProbeSpecs this CR writes, by daemon (none for an external cluster or object store): a
    /// CephCluster's include the MDS's, which Rook reads there before v1.9 (`RookProbeTable.mdsSpecsInCluster`).
    /// Whether the CR writes any probe setting: a daemon's ProbeSpec, or a key of CephCluster
    /// `healthCheck.livenessProbe`/`.startupProbe` that names no daemon. Counted in place, with
    /// no array made (PL304 asks it of every CR before it works out the CR's Rook version).
    public var writesProbeSettings: Bool {
        switch self {
        case .cluster(let cluster):
            return !cluster.otherProbeKeys.isEmpty || RookClusterProbeSpecs.specDaemons.contains { cluster.healthCheck[$0].count > 0 }
        case .objectStore(let store): return store.healthCheck.count > 0
        case .filesystem(let fs): return fs.probes.count > 0
        }
    }

    public var probeSpecs: [(daemon: RookDaemon, kind: ProbeKind, spec: RookProbeSpec)] {
        switch self {
        case .cluster(let cluster):
            if cluster.isExternal { return [] }
            return RookClusterProbeSpecs.specDaemons.flatMap { daemon in
                cluster.healthCheck[daemon].entries.map { (daemon, $0.kind, $0.value) }
            }
        case .objectStore(let store):
            if store.isExternal { return [] }
            return store.healthCheck.entries.map { (RookDaemon.rgw, $0.kind, $0.value) }
        case .filesystem(let fs):
            return fs.probes.entries.map { (RookDaemon.mds, $0.kind, $0.value) }
        }
    }
}
