/// Where a ProbeSpec sits in its CR (`spec.healthCheck.livenessProbe.mon`), joined
/// into the dotted path only when read: a CR has up to six ProbeSpecs, and only a
/// finding, a problem or a fix reads a path, so building each while decoding cost
/// a String allocation per spec and another per rendered probe.
public struct RookSpecPath: Sendable, Equatable {
    /// The key under `spec` that holds the ProbeSpecs.
    enum Section: String, Sendable {
        case healthCheck, metadataServer
    }

    /// The object's prefix in its document (`items[2].` in a List, else empty).
    var prefix: String
    var section: Section
    var kind: ProbeKind
    /// CephCluster's ProbeSpecs are per daemon: `.mon` after the kind.
    var daemon: RookDaemon?

    /// The dotted path, e.g. `spec.healthCheck.livenessProbe.mon`.
    public var string: String { joined() }

    /// The dotted path with `suffix` (`.probe`) after it, in one String.
    func joined(_ suffix: String = "") -> String {
        guard let daemon else { return String(concatenating: prefix, "spec.", section.rawValue, ".", kind.fieldName, suffix) }
        return String(concatenating: prefix, "spec.", section.rawValue, ".", kind.fieldName, ".", daemon.rawValue, suffix)
    }
}

/// A ProbeSpec's written timing fields, in `ProbeField.allCases` order. A short
/// array of the written ones, not a Dictionary: a CR writes a few, and a Dictionary
/// allocated and resized as they were added.
public struct RookProbeFields: Sendable, Equatable {
    private var written: [(field: ProbeField, value: Field<Int>)] = []

    public init() {}

    public subscript(_ field: ProbeField) -> Field<Int>? {
        get {
            // By index: `first(where:)` copied each element it passed over.
            for i in written.indices where written[i].field == field { return written[i].value }
            return nil
        }
        set {
            let at = written.firstIndex { $0.field == field }
            switch (at, newValue) {
            case (let i?, let value?): written[i].value = value
            case (let i?, nil): written.remove(at: i)
            case (nil, let value?):
                let position = written.firstIndex { $0.field.caseIndex > field.caseIndex } ?? written.endIndex
                if written.isEmpty { written.reserveCapacity(ProbeField.allCases.count) }
                written.insert((field, value), at: position)
            case (nil, nil): break
            }
        }
    }

    public var isEmpty: Bool { written.isEmpty }
    public var count: Int { written.count }

    public static func == (a: RookProbeFields, b: RookProbeFields) -> Bool {
        a.written.count == b.written.count && zip(a.written, b.written).allSatisfy { $0.field == $1.field && $0.value == $1.value }
    }
}

/// A daemon's ProbeSpecs, one slot per probe kind (not a Dictionary: see ProbeKindSlots).
public typealias RookProbeSpecs = ProbeKindSlots<RookProbeSpec>

/// CephCluster's `healthCheck` ProbeSpecs: of its three daemons, and `mds`, which
/// Rook reads there before v1.9 (`RookProbeTable.mdsSpecsInClusterSince`), one slot each.
public struct RookClusterProbeSpecs: Sendable {
    private var mon = RookProbeSpecs(), mgr = RookProbeSpecs(), osd = RookProbeSpecs(), mds = RookProbeSpecs()

    public init() {}

    /// The daemons a CephCluster runs.
    public static let daemons: [RookDaemon] = [.mon, .mgr, .osd]
    /// The daemons whose ProbeSpecs a CephCluster may write: its own and the MDS.
    public static let specDaemons: [RookDaemon] = daemons + [.mds]

    /// A daemon's ProbeSpecs; empty for rgw, which a CephCluster does not configure.
    public subscript(_ daemon: RookDaemon) -> RookProbeSpecs {
        get {
            switch daemon {
            case .mon: return mon
            case .mgr: return mgr
            case .osd: return osd
            case .mds: return mds
            case .rgw: return RookProbeSpecs()
            }
        }
        set {
            switch daemon {
            case .mon: mon = newValue
            case .mgr: mgr = newValue
            case .osd: osd = newValue
            case .mds: mds = newValue
            case .rgw: assertionFailure("a CephCluster has no \(daemon.rawValue) ProbeSpecs")
            }
        }
    }
}
