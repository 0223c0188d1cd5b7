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
}

public struct ObjectMeta: Sendable {
    public var name: String?
    public var namespace: String?
    public var labels: [String: String] = [:]
    public var annotations: [String: Located<String>] = [:]
    public var ownerReferences: [OwnerReference] = []
    public var range: SourceRange?
}

/// One Kubernetes object of a document (a `kind: List` gives several).
public struct Manifest: Sendable {
    public var apiVersion: String
    public var kind: String
    public var metadata: ObjectMeta
    /// The object's mapping in its document.
    public var node: NodeID
    public var range: SourceRange
    /// Path prefix of the object in its document: "" or `items[3].`.
    public var pathPrefix: String
    /// Set for the workload kinds that carry a pod template.
    public var podSpec: PodSpec?
    /// Set for the Rook CRs whose daemons' probes Rook generates.
    public var rook: RookResource?
    /// A ConfigMap's `data` (Rook's `rook-config-override` holds ceph.conf under `config`).
    public var configMapData: [String: Located<String>]?

    public var ref: ObjectRef {
        ObjectRef(kind: kind, namespace: metadata.namespace, name: metadata.name ?? "")
    }
}

/// How findings name an object, and a container or probe inside it.
public struct ObjectRef: Sendable, Hashable, CustomStringConvertible {
    public var kind: String
    public var namespace: String?
    public var name: String
    public var container: String?
    public var probe: ProbeKind?

    public init(kind: String, namespace: String? = nil, name: String, container: String? = nil, probe: ProbeKind? = nil) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.container = container
        self.probe = probe
    }

    /// `Deployment/rook-ceph/rook-ceph-rgw-my-store-a`
    public var objectName: String {
        namespace.map { String(concatenating: kind, "/", $0, "/", name) } ?? String(concatenating: kind, "/", name)
    }

    /// `Deployment/rook-ceph/rook-ceph-rgw-my-store-a container rgw livenessProbe`
    public var description: String {
        String(concatenating: kind, namespace == nil ? "" : "/", namespace ?? "", "/", name,
               container == nil ? "" : " container ", container ?? "", probe == nil ? "" : " ", probe?.fieldName ?? "")
    }
}
