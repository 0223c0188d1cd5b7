/// A scalar written in the manifest with where it was written.
public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
    public var value: Value
    public var range: SourceRange
    public init(_ value: Value, _ range: SourceRange) {
        self.value = value
        self.range = range
    }
}

public struct OwnerReference: Sendable, Equatable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var controller: Bool

    /// The workload kind this owner is in its own API group (`apps/v1` StatefulSet), or nil: an
    /// `apps.kruise.io` StatefulSet is another kind, as a workload of that name is (`WorkloadKind.isServed`).
    var workload: WorkloadKind? {
        guard let kind = WorkloadKind(rawValue: kind) else { return nil }
        var version = apiVersion
        let group = version.withUTF8 { APIGroup(apiVersion: $0) }
        return kind.isServed(in: group) ? kind : nil
    }
}

public struct ObjectMeta: Sendable {
    public var name: String?
    public var namespace: String?
    /// Decoded from the manifest when read: rules read one label of an object
    /// (`app`, and only when its pod template has none), and building a map of
    /// every object's labels cost a Dictionary and its Strings for each object.
    public var labels: [String: String] { labelLookup.map }
    /// The `labels` mapping in its document, when one is written.
    var labelsSource: (document: Document, mapping: NodeID)?
    /// The labels, each looked up when read (`-l`'s selector reads a few keys).
    var labelLookup: Labels { labelsSource.map { Labels($0.document, $0.mapping) } ?? Labels() }
    public var annotations = Annotations()
    public var ownerReferences: [OwnerReference] = []
    public var range: SourceRange?
}

/// One Kubernetes object of a document (a `kind: List` gives several). A class:
/// each object's context and every rule share it.
public final class Manifest: Sendable {
    public var apiVersion: String { apiVersionText.string ?? "" }
    /// Decoded when read: nothing reads it for linting.
    let apiVersionText: ScalarText
    public let kind: String
    public let metadata: ObjectMeta
    /// The object's mapping in its document.
    public let node: NodeID
    public let range: SourceRange
    /// Path prefix of the object in its document: "" or `items[3].`.
    public let pathPrefix: String
    /// Set for the workload kinds that carry a pod template.
    public let podSpec: PodSpec?
    /// Set for the Rook CRs whose daemons' probes Rook generates.
    public let rook: RookResource?
    /// A ConfigMap's `data`, read when looked up (Rook's `rook-config-override` holds ceph.conf under `config`).
    public let configMapData: ScalarEntries?

    public convenience init(apiVersion: String, kind: String, metadata: ObjectMeta, node: NodeID, range: SourceRange,
                            pathPrefix: String, podSpec: PodSpec? = nil, rook: RookResource? = nil,
                            configMapData: ScalarEntries? = nil) {
        self.init(apiVersion: ScalarText(apiVersion), kind: kind, metadata: metadata, node: node, range: range,
                  pathPrefix: pathPrefix, podSpec: podSpec, rook: rook, configMapData: configMapData)
    }

    init(apiVersion: ScalarText, kind: String, metadata: ObjectMeta, node: NodeID, range: SourceRange,
         pathPrefix: String, podSpec: PodSpec?, rook: RookResource?, configMapData: ScalarEntries?) {
        apiVersionText = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.node = node
        self.range = range
        self.pathPrefix = pathPrefix
        self.podSpec = podSpec
        self.rook = rook
        self.configMapData = configMapData
    }

    /// The Rook custom resource that generated this object (its operator rewrites it).
    public var rookOwner: OwnerReference? {
        metadata.ownerReferences.first { $0.apiVersion.hasPrefix("ceph.rook.io/") }
    }

    /// The controller that is a resource of another API group than Kubernetes' own and no
    /// workload kind probelint reads (an operator's custom resource: `psmdb.percona.com/v1`
    /// PerconaServerMongoDB; OpenKruise's `apps.kruise.io` StatefulSet), or nil.
    public var operatorOwner: OwnerReference? {
        metadata.ownerReferences.first { owner in
            guard owner.controller, let slash = owner.apiVersion.firstIndex(of: "/") else { return false }
            let group = owner.apiVersion[..<slash]
            return group.contains(".") && !group.hasSuffix(".k8s.io") && owner.workload == nil
        }
    }

    /// The controller that made this object from its own pod template (a Pod's ReplicaSet, a
    /// ReplicaSet's Deployment, a Job's CronJob): the object's probes are that template's, and
    /// the controller replaces the object with one made from it (a Pod's probes cannot even be
    /// changed). nil for an object with no pod template, and for one a controller of another
    /// kind owns (a Rook CR's Deployment, an operator's StatefulSet, a kind of another API
    /// group such as OpenKruise's StatefulSet, which probelint does not lint): that one is the template.
    public var templateOwner: OwnerReference? {
        guard podSpec != nil, !metadata.ownerReferences.isEmpty else { return nil }
        return metadata.ownerReferences.first { $0.controller && $0.kind != "Pod" && $0.workload != nil }
    }

    public var ref: ObjectRef { ref(container: nil) }

    /// How findings name a container of the object, or a probe of it.
    ///
    /// Made when a finding needs it: each probe's and container's subject held one, which
    /// copied the object's names (a retain of each) for every subject and released them with it.
    public func ref(container: String?, probe: ProbeKind? = nil) -> ObjectRef {
        ObjectRef(kind: kind, namespace: metadata.namespace, name: metadata.name ?? "", container: container, probe: probe)
    }
}

/// How findings name an object, and a container or probe inside it.
///
/// Made with the implicit memberwise initialiser, `ObjectRef(kind:namespace:name:container:probe:)`
/// (the optional names default to nil): with an explicit one, the optimiser built the value, copied
/// it through its value witnesses and destroyed the original, four retains and releases more for
/// each reference made (one per finding).
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var namespace: String?
    public var name: String
    public var container: String?
    public var probe: ProbeKind?

    /// `Deployment/rook-ceph/rook-ceph-rgw-my-store-a`
    public var objectName: String {
        namespace.map { String(concatenating: kind, "/", $0, "/", name) } ?? String(concatenating: kind, "/", name)
    }

    /// `objectName`, or for an object known by kind and namespace only (no name: the namespace's
    /// CephCluster that the run does not hold), `the CephCluster of namespace rook-ceph`.
    public var objectNameOrRole: String {
        name.isEmpty ? "the \(kind) of namespace \(namespace ?? "default")" : objectName
    }

    /// `Deployment/rook-ceph/rook-ceph-rgw-my-store-a container rgw livenessProbe`
    public var description: String {
        var out = ByteText()
        write(into: &out, escaped: false)
        return out.string
    }

    /// `description`, appended piece by piece; `escaped` makes each name from the input
    /// safe for a terminal (`TerminalText.escape`, which works character by character).
    func write(into out: inout ByteText, escaped: Bool) {
        func name(_ text: String) { if escaped { out.appendEscaped(text) } else { out.append(text) } }
        name(kind)
        if let namespace {
            out.append("/")
            name(namespace)
        }
        out.append("/")
        name(self.name)
        if let container {
            out.append(" container ")
            name(container)
        }
        if let probe {
            out.append(" ")
            out.append(probe.fieldName)
        }
    }
}
