public struct ContainerPort: Sendable, Equatable {
    public var name: String?
    public var containerPort: Int?
    public var proto: String?

    /// The protocol of nearly every port, and Kubernetes' default.
    static let tcp = "TCP"
}

/// A memory or CPU quantity as written (`4Gi`, `500m`).
public struct Quantities: Sendable {
    public var limits = ScalarEntries()
    public var requests = ScalarEntries()
    public var range: SourceRange?
}

/// A mapping of scalars (a container's `limits` or `requests`, a ConfigMap's `data`),
/// looked up by name in the manifest when read.
///
/// Only PL302 reads a resource (an MDS container's memory limit) and only the Rook
/// facts read a ConfigMap's `config`: decoding every container's names and values,
/// and every ConfigMap's data, into Strings up front cost an array or a Dictionary
/// and its Strings for each, built and released unread.
public struct ScalarEntries: Sendable {
    /// The mapping in its document; nil when none is written.
    private let source: (document: Document, mapping: NodeID)?

    public init() { source = nil }

    init(_ document: Document, _ mapping: NodeID) { source = (document, mapping) }

    /// The scalar written under `name` (merge keys followed), where it is written.
    public subscript(_ name: String) -> Located<String>? {
        guard let (document, mapping) = source, let entry = document.lookup(name, in: mapping),
              document.kind(entry.value) == .scalar else { return nil }
        return Located(document.string(entry.value), document.range(entry.value))
    }
}

/// A container's `lifecycle.preStop` hook. The kubelet runs it before SIGTERM, and its time
/// counts against the grace period (kuberuntime's `killContainer` takes it off what is left),
/// on deletion and on a probe's kill alike.
public struct PreStopHook: Sendable {
    public enum Action: String, CaseIterable, Sendable { case sleep, exec, httpGet, tcpSocket }
    public let action: Action
    /// A `sleep` action's seconds (Kubernetes 1.29 and later), or the literal sleep an `exec`
    /// hook starts with (`PreStopSleep`, the least it takes); nil for any other hook, whose time
    /// is not known.
    public let seconds: Int?
    /// The action's key, for notes.
    public let range: SourceRange
}

/// One container of a pod spec. A class: rules and subjects share one container
/// (a struct of a dozen strings and arrays cost a retain of each per copy).
public final class Container: Sendable {
    public let name: String
    public let nameRange: SourceRange
    public var image: String? { imageText.string }
    let imageText: ScalarText
    public var command: [String] { commandWords.strings }
    public var args: [String] { argsWords.strings }
    /// `command` and `args` as written, decoded when read (`CommandWords`).
    let commandWords: CommandWords, argsWords: CommandWords
    /// Held inline when there is one (`InlineList`), as nearly always.
    public let ports: InlineList<ContainerPort>
    public let resources: Quantities
    /// The container's probes in kind order (`ProbeKind.allCases`).
    public var probes: [Probe] { probesByKind.all }
    let probesByKind: ContainerProbes
    /// The probes written as no mapping (`livenessProbe: 5`), by kind: the API server rejects
    /// them (PL202 says so), so the container has no such probe, but it lacks none either.
    let invalidProbes: ProbeKindSlots<Bool>
    /// True for `initContainers` entries.
    public let isInit: Bool
    /// `restartPolicy: Always` on an init container makes it a sidecar.
    public let restartPolicy: String?
    public let preStop: PreStopHook?
    /// Dotted path of the container, e.g. `spec.template.spec.containers[0]`.
    public var path: String { location.string }
    let location: ModelPath
    /// The container's mapping in its document, for a rule that reads a field the model does
    /// not hold (PL204's `volumeMounts`); nil for a container Rook renders from a CR.
    let node: NodeID?

    public convenience init(name: String, nameRange: SourceRange, image: String?, command: [String], args: [String],
                            ports: [ContainerPort], resources: Quantities, probes: [Probe], isInit: Bool, restartPolicy: String?,
                            preStop: PreStopHook? = nil, path: String) {
        self.init(name: name, nameRange: nameRange, image: ScalarText(image), command: CommandWords(command), args: CommandWords(args),
                  ports: InlineList(ports), resources: resources, probes: ContainerProbes(probes), isInit: isInit,
                  restartPolicy: restartPolicy, preStop: preStop, location: .joined(path))
    }

    init(name: String, nameRange: SourceRange, image: ScalarText, command: CommandWords, args: CommandWords,
         ports: InlineList<ContainerPort>, resources: Quantities, probes: ContainerProbes, isInit: Bool, restartPolicy: String?,
         preStop: PreStopHook?, location: ModelPath, node: NodeID? = nil, invalidProbes: ProbeKindSlots<Bool> = ProbeKindSlots()) {
        self.node = node
        self.invalidProbes = invalidProbes
        self.name = name
        self.nameRange = nameRange
        imageText = image
        commandWords = command
        argsWords = args
        self.ports = ports
        self.resources = resources
        probesByKind = probes
        self.isInit = isInit
        self.restartPolicy = restartPolicy
        self.preStop = preStop
        self.location = location
    }

    public var isSidecar: Bool { isInit && restartPolicy == "Always" }

    public func probe(_ kind: ProbeKind) -> Probe? { probesByKind[kind] }

    /// Whether the container writes a probe of `kind`, valid or not (a null is none): one
    /// that is no mapping is PL202's error, not a probe missing (PL204, PL205).
    func writesProbe(_ kind: ProbeKind) -> Bool { probesByKind[kind] != nil || invalidProbes[kind] != nil }

    /// The declared port a probe port refers to.
    public func declaredPort(_ ref: PortRef) -> ContainerPort? {
        switch ref {
        case .number(let n): return ports.first { $0.containerPort == n }
        case .name(let s): return ports.first { $0.name == s }
        }
    }
}

/// A container's probes, at most one of each kind, held inline: an array for every
/// container was an allocation, and finding the probe of a kind a search.
typealias ContainerProbes = ProbeKindSlots<Probe>

extension ProbeKindSlots where Value == Probe {
    /// The first probe of each kind in `probes`.
    init(_ probes: [Probe]) {
        self.init()
        for probe in probes where self[probe.kind] == nil { self[probe.kind] = probe }
    }
}

/// A pod spec: its containers and what rules read of the pod. A class, shared
/// by every subject of the pod, like `Container`. Its lists of containers are
/// `InlineList`s: nearly every pod has one container and no init containers.
public final class PodSpec: Sendable {
    public let containers: InlineList<Container>
    public let initContainers: InlineList<Container>
    public let terminationGracePeriodSeconds: Field<Int>
    /// Labels of the pod template (or of the Pod itself).
    public let labels: Labels
    /// Annotations of the pod template; none for a Pod, whose template is the Pod itself
    /// (its annotations are the object's, `ObjectMeta.annotations`). For a pod rendered from a
    /// CephCluster, those Rook gives that daemon's pods only (`spec.annotations.mon`).
    public let annotations: Annotations
    /// Where `annotations` are written: the pod template, or a CephCluster's `spec.annotations.<daemon>`.
    public let annotationPlace: AnnotationPlace
    /// A CronJob's `spec.jobTemplate.metadata.annotations`, which its Jobs carry as their own;
    /// nil for every other workload.
    public let jobTemplateAnnotations: Annotations?
    public let restartPolicy: String?
    public let path: String

    public convenience init(containers: [Container], initContainers: [Container], terminationGracePeriodSeconds: Field<Int>,
                            labels: [String: String], annotations: [String: Located<String>] = [:], restartPolicy: String?,
                            path: String) {
        self.init(containers: InlineList(containers), initContainers: InlineList(initContainers),
                  terminationGracePeriodSeconds: terminationGracePeriodSeconds, labels: Labels(labels),
                  annotations: Annotations(annotations), restartPolicy: restartPolicy, path: path)
    }

    init(containers: InlineList<Container>, initContainers: InlineList<Container>, terminationGracePeriodSeconds: Field<Int>,
         labels: Labels, annotations: Annotations = Annotations(), annotationPlace: AnnotationPlace = .podTemplate,
         jobTemplateAnnotations: Annotations? = nil, restartPolicy: String?, path: String) {
        self.containers = containers
        self.initContainers = initContainers
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.annotationPlace = annotationPlace
        self.jobTemplateAnnotations = jobTemplateAnnotations
        self.restartPolicy = restartPolicy
        self.path = path
        let sidecars = initContainers.filter(\.isSidecar)
        probedContainers = sidecars.isEmpty ? containers : InlineList(sidecars + containers)
    }

    /// Containers that run for the life of the pod and may carry probes: sidecars, then containers.
    public let probedContainers: InlineList<Container>
}

/// The kinds whose pod template probelint reads, the API groups that serve them, and
/// where the template is.
public enum WorkloadKind: String, CaseIterable, Sendable {
    case Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob
    /// Argo Rollouts' replacement for a Deployment: its `spec.template` is a Deployment's.
    case Rollout
    /// OpenShift's older Deployment: its `spec.template` is a Deployment's.
    case DeploymentConfig
    /// The core API's template object (`v1`): a bare `template`, no `spec` around it. It runs
    /// no pods itself; what makes pods from it gets its probes.
    case PodTemplate

    /// The kind named `rawValue`, each name ruled out by its length first: the synthesized
    /// init compared the whole name with each kind's in turn (a string switch, some 330
    /// instructions), and the decoder, PL204 and PL205 look up every object's kind. A switch
    /// of literals: a table of names was a lazily made global, checked at each call.
    public init?(rawValue: String) {
        let kind: WorkloadKind
        switch rawValue.utf8.count {
        case 3: kind = rawValue == "Pod" ? .Pod : .Job
        case 7: kind = rawValue.utf8.first == UInt8(ascii: "C") ? .CronJob : .Rollout
        case 9: kind = .DaemonSet
        case 10: kind = rawValue.utf8.first == UInt8(ascii: "D") ? .Deployment : .ReplicaSet
        case 11: kind = rawValue.utf8.first == UInt8(ascii: "P") ? .PodTemplate : .StatefulSet
        case 16: kind = .DeploymentConfig
        case 21: kind = .ReplicationController
        default: return nil
        }
        guard rawValue == kind.rawValue else { return nil }
        self = kind
    }

    /// Whether an object of this kind whose `apiVersion` names `group` is this workload: a
    /// custom resource called `Deployment` in its own group is not. An object with no
    /// `apiVersion` (nil) is matched by its kind alone, as it was before groups were read.
    /// Legacy groups still count: `extensions` (Deployment, DaemonSet, ReplicaSet, and Job
    /// before Kubernetes 1.6) and OpenShift 3's bare `v1` for a DeploymentConfig.
    func isServed(in group: APIGroup?) -> Bool {
        guard let group else { return true }
        switch self {
        case .Pod, .ReplicationController, .PodTemplate: return group == .core
        case .Deployment, .DaemonSet, .ReplicaSet: return group == .apps || group == .extensions
        case .StatefulSet: return group == .apps
        case .Job: return group == .batch || group == .extensions
        case .CronJob: return group == .batch
        case .Rollout: return group == .argoproj
        case .DeploymentConfig: return group == .openShiftApps || group == .core
        }
    }

    /// Served by Kubernetes itself, which alone merges a strategic merge patch (`-o patch`):
    /// a Rollout is a custom resource, which takes none, and a DeploymentConfig is left out
    /// as well rather than trust OpenShift's server with one.
    var isKubernetesBuiltIn: Bool { self != .Rollout && self != .DeploymentConfig }

    /// Path of the pod template (the object itself for a Pod): its `spec` is the pod
    /// spec and its `metadata` the pods' metadata, read together in one pass.
    var podTemplatePath: [String] { (0..<podTemplateDepth).map(podTemplateKey) }

    /// `podTemplatePath.count` and `podTemplatePath[i]`, without making the array (the decoder
    /// walks every workload's path).
    var podTemplateDepth: Int {
        switch self {
        case .Pod: return 0
        case .PodTemplate: return 1
        case .CronJob: return 4
        default: return 2
        }
    }
    func podTemplateKey(_ i: Int) -> String {
        if self == .PodTemplate { return "template" }
        guard self == .CronJob else { return i == 0 ? "spec" : "template" }
        switch i {
        case 0, 2: return "spec"
        case 1: return "jobTemplate"
        default: return "template"
        }
    }

    /// `podTemplatePath` and `spec`, joined by dots: a literal, so decoding builds no string.
    var podSpecDotted: String {
        switch self {
        case .Pod: return "spec"
        case .CronJob: return "spec.jobTemplate.spec.template.spec"
        case .PodTemplate: return "template.spec"
        default: return "spec.template.spec"
        }
    }

    /// Jobs run to completion; missing liveness is not a finding for them.
    public var runsToCompletion: Bool { self == .Job || self == .CronJob }
}
