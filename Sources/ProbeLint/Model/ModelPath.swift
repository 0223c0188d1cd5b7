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
            // Joined at once: a probe's path joined onto its container's cost a second String.
            guard let probe else { return String(concatenating: pod, ".", Self.listKey(isInit: isInit), "[", String(index), "]") }
            return String(concatenating: pod, ".", Self.listKey(isInit: isInit), "[", String(index), "].", probe.fieldName)
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
}
