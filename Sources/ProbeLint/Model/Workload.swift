public struct ContainerPort: Sendable, Equatable {
    public var name: String?
    public var containerPort: Int?
    public var proto: String?
}

/// A memory or CPU quantity as written (`4Gi`, `500m`).
public struct Quantities: Sendable {
    public var limits = ResourceList()
    public var requests = ResourceList()
    public var range: SourceRange?
}

/// A container's `limits` or `requests`: a handful of entries, looked up by name
/// (a dictionary cost more to build than all its lookups).
public struct ResourceList: Sendable {
    public var entries: [(name: String, value: Located<String>)] = []

    public init() {}

    public subscript(_ name: String) -> Located<String>? {
        entries.first { $0.name == name }?.value
    }
}

public struct Container: Sendable {
    public var name: String
    public var nameRange: SourceRange
    public var image: String?
    public var command: [String]
    public var args: [String]
    public var ports: [ContainerPort]
    public var resources: Quantities
    public var probes: [Probe]
    /// True for `initContainers` entries.
    public var isInit: Bool
    /// `restartPolicy: Always` on an init container makes it a sidecar.
    public var restartPolicy: String?
    /// Dotted path of the container, e.g. `spec.template.spec.containers[0]`.
    public var path: String

    public var isSidecar: Bool { isInit && restartPolicy == "Always" }
    /// Runs for the life of the pod: an ordinary container or a sidecar.
    public var isLongRunning: Bool { !isInit || isSidecar }

    public func probe(_ kind: ProbeKind) -> Probe? { probes.first { $0.kind == kind } }

    /// The declared port a probe port refers to.
    public func declaredPort(_ ref: PortRef) -> ContainerPort? {
        switch ref {
        case .number(let n): return ports.first { $0.containerPort == n }
        case .name(let s): return ports.first { $0.name == s }
        }
    }
}

public struct PodSpec: Sendable {
    public var containers: [Container]
    public var initContainers: [Container]
    public var terminationGracePeriodSeconds: Field<Int>
    /// Labels of the pod template (or of the Pod itself).
    public var labels: [String: String]
    public var restartPolicy: String?
    public var path: String

    /// Containers that run for the life of the pod and may carry probes.
    public var probedContainers: [Container] { initContainers.filter(\.isSidecar) + containers }
}

/// The kinds whose pod template probelint reads, and where the template is.
public enum WorkloadKind: String, CaseIterable, Sendable {
    case Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob

    /// Path of the pod spec, and of the pod template's metadata.
    var podSpecPath: [String] {
        switch self {
        case .Pod: return ["spec"]
        case .CronJob: return ["spec", "jobTemplate", "spec", "template", "spec"]
        default: return ["spec", "template", "spec"]
        }
    }

    var podMetadataPath: [String] {
        switch self {
        case .Pod: return ["metadata"]
        case .CronJob: return ["spec", "jobTemplate", "spec", "template", "metadata"]
        default: return ["spec", "template", "metadata"]
        }
    }

    /// Jobs run to completion; missing liveness is not a finding for them.
    public var runsToCompletion: Bool { self == .Job || self == .CronJob }
}
