/// The dotted path of a container or a probe in its object, joined when read.
///
/// The decoder gives one to every container and probe, and few are read (a
/// suggestion, a note, a fix): joining each while decoding cost a String
/// allocation and its release for every container and probe.
enum ModelPath: Sendable {
    /// A path already joined (the containers and probes Rook renders from a CR).
    case joined(String)
    /// `<pod>.containers[<index>]` (`initContainers` for an init container), and
    /// `.<kind>Probe` after it for a probe.
    case container(pod: String, isInit: Bool, index: Int, probe: ProbeKind?)
    /// The `probe` of a Rook CR's ProbeSpec: a probe Rook renders (`spec.healthCheck.livenessProbe.mon.probe`).
    case rookProbe(RookSpecPath)
    /// The container of a daemon's pod Rook renders from a CR: where its resources are
    /// (`spec.resources.mon`, `spec.gateway`, `spec.metadataServer`), after the object's prefix.
    case rookContainer(prefix: String, RookDaemon)

    /// The list of a pod spec that holds its containers or its init containers.
    static func listKey(isInit: Bool) -> String { isInit ? "initContainers" : "containers" }

    /// The path of the container's probe of `kind`.
    func probe(_ kind: ProbeKind) -> ModelPath {
        switch self {
        case .joined(let path): return .joined(String(concatenating: path, ".", kind.fieldName))
        case .container(let pod, let isInit, let index, _): return .container(pod: pod, isInit: isInit, index: index, probe: kind)
        case .rookProbe, .rookContainer: return .joined(String(concatenating: string, ".", kind.fieldName))
        }
    }

    var string: String {
        switch self {
        case .joined(let path):
            return path
        case .container(let pod, let isInit, let index, let probe):
            return Self.container(pod, isInit: isInit, index: index, probe: probe, field: nil)
        case .rookProbe(let spec):
            return spec.joined(".probe")
        case .rookContainer(let prefix, let daemon):
            switch daemon {
            case .mon, .mgr, .osd: return String(concatenating: prefix, "spec.resources.", daemon.rawValue)
            case .rgw: return String(concatenating: prefix, "spec.gateway")
            case .mds: return String(concatenating: prefix, "spec.metadataServer")
            }
        }
    }

    /// The path of the field `name` of the probe or container at this path (`<path>.<name>`),
    /// in one String for a written one.
    func string(field name: String) -> String {
        guard case .container(let pod, let isInit, let index, let probe) = self else { return String(concatenating: string, ".", name) }
        return Self.container(pod, isInit: isInit, index: index, probe: probe, field: name)
    }

    /// `<pod>.containers[<index>]`, then `.<kind>Probe` and `.<field>` when given, joined at
    /// once: a probe's path joined onto its container's, or a field's onto its probe's,
    /// cost a String more each.
    private static func container(_ pod: String, isInit: Bool, index: Int, probe: ProbeKind?, field: String?) -> String {
        let list = listKey(isInit: isInit), at = String(index)
        switch (probe, field) {
        case (nil, nil): return String(concatenating: pod, ".", list, "[", at, "]")
        case (nil, let field?): return String(concatenating: pod, ".", list, "[", at, "].", field)
        case (let probe?, nil): return String(concatenating: pod, ".", list, "[", at, "].", probe.fieldName)
        case (let probe?, let field?): return String(concatenating: pod, ".", list, "[", at, "].", probe.fieldName, ".", field)
        }
    }
}

extension ModelPath: Equatable {
    /// Two paths are equal when they join to the same text (a Rook-rendered probe's may be
    /// written either way). Two of one case are compared by their parts, which join to one
    /// text each: joining both cost two Strings (`ObjectContext.probe(editedBy:likely:)`
    /// compares a fix's owner with each probe of an object with Rook-generated probes).
    static func == (a: ModelPath, b: ModelPath) -> Bool {
        switch (a, b) {
        case (.joined(let a), .joined(let b)):
            return a == b
        case (.container(let pod, let isInit, let index, let probe), .container(let otherPod, let otherIsInit, let otherIndex, let otherProbe)):
            return index == otherIndex && isInit == otherIsInit && probe == otherProbe && pod == otherPod
        case (.rookProbe(let a), .rookProbe(let b)):
            return a == b
        default:
            return a.string == b.string
        }
    }
}
