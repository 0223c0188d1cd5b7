/// A manifest field with a value of the wrong type or range: reported as a
/// finding (PL202), never a crash.
public struct ModelProblem: Sendable, Equatable {
    public var message: String
    public var range: SourceRange
    public var path: String
    public var object: ObjectRef?
    /// Nil: the API server rejects it (PL202's error); `.warning`: it takes the value with a
    /// warning and uses another (a negative pod grace period is 1).
    public var severity: Severity?
}

public struct DecodedDocument: Sendable {
    public var document: Document
    /// The document's objects: one, held inline, unless it is a `kind: List`.
    public var manifests: Manifests
    public var problems: [ModelProblem]
    /// What the document is when it is not a Kubernetes object, which kubectl would refuse
    /// ("cannot unmarshal array", "Object 'Kind' is missing"): `a sequence`, `a mapping with no
    /// kind`. Nil for an object, a List, and an empty or null document, which kubectl skips.
    public var notObject: String? = nil
}

/// A document's objects in order (`InlineList`: an array was an allocation for every document).
public typealias Manifests = InlineList<Manifest>

/// Builds the typed model (objects, pod specs, containers, probes) from a document.
public struct ManifestDecoder {
    let doc: Document
    var problems: [ModelProblem] = []
    /// Inside an object's spec, the index of its first problem: each problem found there
    /// gets the object's reference when the object is decoded (`named`), and holds the
    /// container and probe it was found in until then. Keeping a reference current while
    /// decoding copied it for every container and released it for every object.
    var objectProblems: Int?
    var inContainer: String?, inProbe: ProbeKind?
    /// The Rook CR being decoded: its ProbeSpecs that write a handler (`RookResource.specsWithHandler`).
    var rookHandlerSpecs: [RookProbeSpec] = []

    public static func decode(_ document: Document) -> DecodedDocument {
        var decoder = ManifestDecoder(doc: document)
        var manifests = Manifests()
        if let root = document.root { decoder.objects(root, prefix: "", into: &manifests) }
        var decoded = DecodedDocument(document: document, manifests: manifests, problems: decoder.problems)
        if manifests.isEmpty, let root = document.root { decoded.notObject = decoder.notObject(root) }
        return decoded
    }

    /// What a document's root that made no object is (`DecodedDocument.notObject`).
    func notObject(_ root: NodeID) -> String? {
        switch doc.kind(root) {
        case .sequence: return "a sequence"
        case .scalar: return doc.isNull(root) ? nil : "a scalar"
        case .mapping:
            let fields = doc.entries(root, Self.objectKeys)
            guard let kind = fields[ObjectKey.kind]?.value, !doc.isNull(kind) else { return "a mapping with no kind" }
            guard doc.isStringScalar(kind) else { return "a mapping whose kind is not a string" }
            return text(kind)?.isEmpty == true ? "a mapping whose kind is empty" : nil
        }
    }

    // MARK: objects

    /// The keys the model reads of an object, of its metadata and of an owner reference.
    enum ObjectKey: Int, CaseIterable, CodingKey { case kind, apiVersion, items, metadata }
    enum MetadataKey: Int, CaseIterable, CodingKey { case name, namespace, labels, annotations, ownerReferences }
    enum OwnerKey: Int, CaseIterable, CodingKey { case apiVersion, kind, name, controller }

    static let objectKeys = KeySet(ObjectKey.self)
    static let metadataKeys = KeySet(MetadataKey.self)
    static let ownerKeys = KeySet(OwnerKey.self)

    /// `list`: the kind and `apiVersion` node of the list whose item `node` is: an item that writes
    /// neither takes them, its kind the list's without `List` (a `PodList`'s items are Pods), as
    /// kubectl reads a typed list (apimachinery's `decodeToList`: "For typed lists, e.g., a
    /// PodList, API server doesn't set each item's APIVersion and Kind").
    mutating func objects(_ node: NodeID, prefix: String, into out: inout Manifests, list: (kind: String, apiVersion: NodeID?)? = nil) {
        let fields = doc.entries(node, Self.objectKeys)
        // A kind that is no string (`kind: 5`, `true`) or is empty is no object: kubectl refuses
        // it ("cannot unmarshal number", "Object 'Kind' is missing").
        var kind: String, apiVersionNode = fields[ObjectKey.apiVersion]?.value
        if let kindNode = fields[ObjectKey.kind]?.value, doc.isStringScalar(kindNode), let written = text(kindNode), !written.isEmpty {
            kind = written
        } else if let list, !list.kind.isEmpty, fields[ObjectKey.kind] == nil,
                  apiVersionNode.map({ !doc.isStringScalar($0) || (text($0) ?? "").isEmpty }) ?? true {
            kind = list.kind
            apiVersionNode = list.apiVersion
        } else {
            return
        }
        let apiVersion = ScalarText(doc, apiVersionNode)
        // A kind that ends in `List` with `items` is a list: `kind: List`, a `PodList`. (kubectl
        // takes any object with `items` for a list; a Deployment with a stray `items` is linted
        // as the Deployment it says it is, where kubectl would apply nothing and say so.)
        // A list among a list's items, whatever its kind (kubectl takes an object whose `items`
        // is a list for one): kubectl flattens one level and refuses the file
        // ("*unstructured.Unstructured is not a list: no Items field in this object").
        if list != nil, let items = fields[ObjectKey.items], doc.kind(items.value) == .sequence {
            return problem("a list (an object with items) among a list's items, which kubectl refuses (\"is not a list: no Items field in this object\"): list its objects in the outer list's items",
                           items.key, "\(prefix)items")
        }
        // Among a list's items, one whose items are no list is an object to kubectl, whatever its kind.
        if list == nil, Self.isListKind(kind), let items = fields[ObjectKey.items]?.value {
            guard expect(.sequence, items, "\(prefix)items") else { return }
            let itemKind = String(kind.utf8.dropLast(4))!
            // An item that is no object is refused by kubectl, as the List is ("cannot unmarshal").
            for (i, item) in doc.items(items).enumerated() where expect(.mapping, item, "\(prefix)items[\(i)]") {
                objects(item, prefix: "\(prefix)items[\(i)].", into: &out, list: (itemKind, apiVersionNode))
            }
            return
        }
        // Assigned once, not made empty and then replaced: that copied the decoded metadata.
        let metadata: ObjectMeta
        if let meta = fields[ObjectKey.metadata]?.value, expect(.mapping, meta, prefix + "metadata") {
            metadata = self.metadata(meta, path: prefix + "metadata")
        } else {
            metadata = ObjectMeta()
        }
        objectProblems = problems.count
        var podSpec: PodSpec?, configMapData: ScalarEntries?, rook: RookResource?
        if let workload = WorkloadKind(rawValue: kind), workload.isServed(in: apiGroup(apiVersionNode)) {
            podSpec = self.podSpec(node, kind: workload, prefix: prefix)
        } else if kind == "ConfigMap" {
            configMapData = self.configMapData(node, prefix: prefix)
        } else {
            rook = rookResource(node, kind: kind, prefix: prefix)
        }
        named(kind, metadata)
        // Consumed, not copied: the copy retained each of the metadata's strings and references.
        let manifest = Manifest(apiVersion: apiVersion, kind: kind, metadata: consume metadata, node: node, range: doc.range(node),
                                pathPrefix: prefix, podSpec: podSpec, rook: rook, configMapData: configMapData)
        out.append(manifest)
    }

    /// The API group an object's `apiVersion` names, read in place; nil when none is
    /// written (absent, null, empty or not a scalar), so that its kind alone decides.
    func apiGroup(_ apiVersion: NodeID?) -> APIGroup? {
        guard let apiVersion, doc.kind(apiVersion) == .scalar, !doc.isNull(apiVersion) else { return nil }
        let bytes = doc.scalarBytes(doc.nodes[Int(apiVersion.index)])
        return bytes.isEmpty ? nil : APIGroup(apiVersion: bytes)
    }

    /// Whether `kind` names a list of objects (`List`, `PodList`): its UTF-8 bytes end in
    /// `List`. `String.hasSuffix` compared characters, some 100 instructions an object.
    static func isListKind(_ kind: String) -> Bool {
        kind.withContiguousUTF8 { b in
            let n = b.count
            return n >= 4 && b[n - 4] == UInt8(ascii: "L") && b[n - 3] == UInt8(ascii: "i") && b[n - 2] == UInt8(ascii: "s")
                && b[n - 1] == UInt8(ascii: "t")
        }
    }

    /// Each field worked out first and the metadata made once: filling in a made value
    /// copied it (a retain of each of its strings and references). The paths, built only
    /// for a problem: every object's was a String append.
    mutating func metadata(_ node: NodeID, path: @autoclosure () -> String) -> ObjectMeta {
        let fields = doc.entries(node, Self.metadataKeys)
        var labels: (document: Document, mapping: NodeID)?, annotations = Annotations(), owners: [OwnerReference] = []
        if let node = fields[MetadataKey.labels]?.value, expect(.mapping, node, path() + ".labels") { labels = (doc, node) }
        if let node = fields[MetadataKey.annotations]?.value, expect(.mapping, node, path() + ".annotations") {
            annotations = Annotations(doc, node)
        }
        if let list = fields[MetadataKey.ownerReferences]?.value, expect(.sequence, list, path() + ".ownerReferences") {
            for owner in doc.items(list) where doc.kind(owner) == .mapping {
                let written = doc.entries(owner, Self.ownerKeys)
                owners.append(OwnerReference(
                    apiVersion: text(written[OwnerKey.apiVersion]?.value) ?? "", kind: text(written[OwnerKey.kind]?.value) ?? "",
                    name: text(written[OwnerKey.name]?.value) ?? "",
                    controller: written[OwnerKey.controller].map { doc.scalarValue($0.value) == .bool(true) } ?? false))
            }
        }
        return ObjectMeta(name: text(fields[MetadataKey.name]?.value), namespace: text(fields[MetadataKey.namespace]?.value),
                          labelsSource: labels, annotations: annotations, ownerReferences: owners, range: doc.range(node))
    }

    // MARK: pod spec

    /// The keys the model reads of a pod template (the object itself for a Pod), of its metadata and of a pod spec.
    enum TemplateKey: Int, CaseIterable, CodingKey { case spec, metadata }
    enum TemplateMetadataKey: Int, CaseIterable, CodingKey { case labels, annotations }
    enum PodSpecKey: Int, CaseIterable, CodingKey { case containers, initContainers, terminationGracePeriodSeconds, restartPolicy }

    static let templateKeys = KeySet(TemplateKey.self)
    static let templateMetadataKeys = KeySet(TemplateMetadataKey.self)
    static let podSpecKeys = KeySet(PodSpecKey.self)

    /// The template and the pod spec are each read in one pass (`KeySet`): looking up
    /// each key on its own walked the pod spec four times and the path to it twice.
    mutating func podSpec(_ object: NodeID, kind: WorkloadKind, prefix: String) -> PodSpec? {
        var template = object
        var parentKey = doc.range(object)
        // By depth, not over `podTemplatePath`: that array was an allocation for every workload.
        for i in 0..<kind.podTemplateDepth {
            guard let entry = entry(template, kind.podTemplateKey(i)) else { return nil }
            guard expect(.mapping, entry.value, prefix + kind.podTemplatePath[...i].joined(separator: ".")) else { return nil }
            template = entry.value
            parentKey = doc.range(entry.key)
        }
        // A CronJob's job template: its annotations are its Jobs' own (looked up again here, not
        // asked at every step of every workload's walk).
        let jobAnnotations = kind == .CronJob ? jobTemplateAnnotations(object, prefix: prefix) : nil
        // A literal for a top-level object (no List prefix): no string is built.
        let path = prefix.isEmpty ? kind.podSpecDotted : prefix + kind.podSpecDotted
        let templateFields = doc.entries(template, Self.templateKeys)
        guard let spec = templateFields[TemplateKey.spec], expect(.mapping, spec.value, path) else { return nil }
        let node = spec.value
        parentKey = doc.range(spec.key)
        var labels = Labels(), annotations = Annotations()
        if let metaNode = templateFields[TemplateKey.metadata]?.value, doc.kind(metaNode) == .mapping {
            func metaPath(_ key: String) -> String { prefix + (kind.podTemplatePath + ["metadata", key]).joined(separator: ".") }
            let metaFields = doc.entries(metaNode, Self.templateMetadataKeys)
            if let node = metaFields[TemplateMetadataKey.labels]?.value, expect(.mapping, node, metaPath("labels")) {
                labels = Labels(doc, node)
            }
            // A Pod's template is the Pod: its annotations are the object's own, read and checked with its metadata.
            if kind != .Pod, let node = metaFields[TemplateMetadataKey.annotations]?.value, expect(.mapping, node, metaPath("annotations")) {
                annotations = Annotations(doc, node)
            }
        }
        let fields = doc.entries(node, Self.podSpecKeys)
        let grace = podGrace(fields[PodSpecKey.terminationGracePeriodSeconds], at: insertion(node, parentKey: parentKey), path: path)
        let restartPolicy = text(fields[PodSpecKey.restartPolicy]?.value)
        let main = containers(fields[PodSpecKey.containers]?.value, path: path, isInit: false, grace: grace)
        let initial = containers(fields[PodSpecKey.initContainers]?.value, path: path, isInit: true, grace: grace)
        return PodSpec(containers: main, initContainers: initial, terminationGracePeriodSeconds: grace,
                       labels: labels, annotations: annotations, jobTemplateAnnotations: jobAnnotations,
                       restartPolicy: restartPolicy, path: path)
    }

    /// `spec.jobTemplate.metadata.annotations` of a CronJob (`cronJob`, whose pod template was
    /// found), wrong types a problem as a pod template's are; nil when not written.
    mutating func jobTemplateAnnotations(_ cronJob: NodeID, prefix: String) -> Annotations? {
        guard let spec = value(cronJob, "spec"), let jobTemplate = value(spec, "jobTemplate"),
              let metadata = value(jobTemplate, "metadata"), doc.kind(metadata) == .mapping,
              let node = value(metadata, "annotations"), expect(.mapping, node, prefix + "spec.jobTemplate.metadata.annotations")
        else { return nil }
        return Annotations(doc, node)
    }

    /// The keys the model reads of a container, a port, a resources mapping and a
    /// probe handler; each enum's cases are the keys, in order.
    enum ContainerKey: Int, CaseIterable, CodingKey {
        case name, image, command, args, restartPolicy, ports, resources, startupProbe, livenessProbe, readinessProbe, lifecycle

        init(probe: ProbeKind) {
            switch probe {
            case .startup: self = .startupProbe
            case .liveness: self = .livenessProbe
            case .readiness: self = .readinessProbe
            }
        }
    }
    enum PortKey: Int, CaseIterable, CodingKey { case containerPort, name, `protocol` }
    enum ResourcesKey: Int, CaseIterable, CodingKey { case limits, requests }
    enum HandlerKey: Int, CaseIterable, CodingKey {
        case port, path, scheme, command, service, host, httpHeaders

        /// The keys of `kind` (core/v1 ExecAction, HTTPGetAction, TCPSocketAction, GRPCAction) as
        /// bits of their indices (`KeyedEntries.found`): asked of every handler, so no list.
        static func mask(of kind: ProbeHandler.Kind) -> UInt16 {
            switch kind {
            case .exec: return command.bit
            case .httpGet: return path.bit | port.bit | host.bit | scheme.bit | httpHeaders.bit
            case .tcpSocket: return port.bit | host.bit
            case .grpc: return port.bit | service.bit
            }
        }
        var bit: UInt16 { 1 << rawValue }
    }

    static let containerKeys = KeySet(ContainerKey.self)
    static let portKeys = KeySet(PortKey.self)
    static let resourcesKeys = KeySet(ResourcesKey.self)
    static let handlerKeys = KeySet(HandlerKey.self)

    /// The containers of `list`, a pod spec's `containers` or `initContainers` (nil when not written).
    mutating func containers(_ list: NodeID?, path: String, isInit: Bool, grace: Field<Int>) -> InlineList<Container> {
        guard let list, expect(.sequence, list, "\(path).\(ModelPath.listKey(isInit: isInit))") else { return InlineList() }
        var out = InlineList<Container>()
        for (i, item) in doc.items(list).enumerated() {
            let location = ModelPath.container(pod: path, isInit: isInit, index: i, probe: nil)
            guard expect(.mapping, item, location.string) else { continue }
            // A probe key in the wrong case (`LivenessProbe`): an unknown field the API server's
            // strict validation rejects, and the container would have no such probe.
            var miscasedProbes: [(NodeID, ProbeKind)] = []
            let fields = doc.entries(item, Self.containerKeys) { [doc] key in
                if let kind = ProbeKind.allCases.first(where: { doc.scalar(key, caseInsensitivelyEquals: $0.fieldName) }) {
                    miscasedProbes.append((key, kind))
                }
            }
            let nameNode = fields[ContainerKey.name]?.value
            let name = text(nameNode) ?? ""
            // The container's problems (its ports, command, probes) name it.
            inContainer = name
            var ports = InlineList<ContainerPort>()
            if let list = fields[ContainerKey.ports]?.value, expect(.sequence, list, location.string + ".ports") {
                for (p, port) in doc.items(list).enumerated() where doc.kind(port) == .mapping {
                    let portFields = doc.entries(port, Self.portKeys)
                    let number = containerPort(portFields[PortKey.containerPort]?.value, in: port, path: "\(location.string).ports[\(p)]")
                    ports.append(ContainerPort(name: text(portFields[PortKey.name]?.value), containerPort: number,
                                               proto: protocolName(portFields[PortKey.protocol]?.value)))
                }
            }
            var resources = Quantities()
            if let node = fields[ContainerKey.resources]?.value, expect(.mapping, node, location.string + ".resources") {
                let lists = doc.entries(node, Self.resourcesKeys)
                resources.range = doc.range(node)
                resources.limits = scalarEntries(lists[ResourcesKey.limits]?.value, path: location.string + ".resources.limits")
                resources.requests = scalarEntries(lists[ResourcesKey.requests]?.value, path: location.string + ".resources.requests")
            }
            var probes = ContainerProbes(), invalidProbes = ProbeKindSlots<Bool>()
            for kind in ProbeKind.allCases {
                guard let entry = fields[ContainerKey(probe: kind)] else { continue }
                inProbe = kind
                probes[kind] = probe(kind, entry, location: location.probe(kind), grace: grace)
                if probes[kind] == nil { invalidProbes[kind] = true }
            }
            inProbe = nil
            for (key, kind) in miscasedProbes {
                let name = doc.string(key)
                let without = probes[kind] == nil ? ", and without it the container has no \(kind.fieldName)" : ""
                problem("\(name) is not a container field (did you mean \(kind.fieldName)?): the API server's strict field validation rejects it\(without)",
                        key, "\(location.string).\(name)")
            }
            let container = Container(
                name: name, nameRange: nameNode.map(doc.range) ?? doc.range(item),
                image: ScalarText(doc, fields[ContainerKey.image]?.value),
                command: CommandWords(doc, stringList(fields[ContainerKey.command]?.value, "\(location.string).command")),
                args: CommandWords(doc, stringList(fields[ContainerKey.args]?.value, "\(location.string).args")),
                ports: ports, resources: resources, probes: probes, isInit: isInit,
                restartPolicy: text(fields[ContainerKey.restartPolicy]?.value),
                preStop: preStopHook(fields[ContainerKey.lifecycle]?.value, grace: grace, path: "\(location.string).lifecycle.preStop.sleep.seconds"),
                location: location, node: item, invalidProbes: invalidProbes)
            inContainer = nil
            out.append(container)
        }
        return out
    }

    // MARK: probes

    /// The probe keys: the handler kinds, then the timing fields (`probeKeyIndex`).
    static let probeKeys = KeySet(probeKeyNames)
    /// Every key a probe takes, in `probeKeys`' order: a key not among them is named with the nearest.
    static let probeKeyNames = ProbeHandler.Kind.allCases.map(\.rawValue) + ProbeField.allCases.map(\.rawValue)

    /// A field's index by its case, not by a search of `allCases`: `probe` looks up six
    /// fields of every probe. (`caseIndex` is the case's position in `allCases`.)
    static func probeKeyIndex(_ field: ProbeField) -> Int { ProbeHandler.Kind.allCases.count + field.caseIndex }

    mutating func probe(_ kind: ProbeKind, _ entry: (key: NodeID, value: NodeID), location: ModelPath, grace: Field<Int>) -> Probe? {
        guard expect(.mapping, entry.value, location.string) else { return nil }
        let node = entry.value
        let at = insertion(node, parentKey: doc.range(entry.key))
        // A handler key in the wrong case (`gRPC:`, an old Kubernetes docs example) is an
        // unknown field the API server drops, leaving the probe without that handler.
        var miscased: [(NodeID, String)] = []
        var unknown: [NodeID] = []
        let fields = doc.entries(node, Self.probeKeys) { [doc] key in
            if let kind = ProbeHandler.Kind.allCases.first(where: { doc.scalar(key, caseInsensitivelyEquals: $0.rawValue) }) {
                miscased.append((key, kind.rawValue))
            } else if let field = ProbeField.allCases.first(where: { doc.scalar(key, caseInsensitivelyEquals: $0.rawValue) }) {
                miscased.append((key, field.rawValue))
            } else {
                unknown.append(key)
            }
        }
        var handlers = ProbeHandlers()
        for (index, handlerKind) in ProbeHandler.Kind.allCases.enumerated() {
            guard let h = fields[index] else { continue }
            func hPath() -> String { String(concatenating: location.string, ".", handlerKind.rawValue) }
            guard expect(.mapping, h.value, hPath()) else { continue }
            // Keys of no handler, and another handler's keys (`path` under tcpSocket): strict
            // field validation rejects them, and without it they are dropped unread.
            var strange: [NodeID] = []
            let handlerFields = doc.entries(h.value, Self.handlerKeys) { strange.append($0) }
            let own = HandlerKey.mask(of: handlerKind)
            if !strange.isEmpty || handlerFields.found & ~own != 0 {
                strangeHandlerKeys(strange, handlerFields, own: own, handlerKind, path: hPath())
            }
            var port: PortRef?, portRange: SourceRange?
            if let node = handlerFields[HandlerKey.port]?.value {
                portRange = doc.range(node)
                switch doc.kind(node) == .scalar ? scalarValue(node) : .null {
                case .int(let n) where n >= 1 && n <= 65535: port = .number(n)
                case .int, .bigInt: problem("\(handlerKind.rawValue).port \(doc.asWritten(node)) is not a port number: the API server takes 1 to 65535", node, "\(hPath()).port")
                // A port name is checked only when one is written (a byte walk of at most 15 bytes).
                case .string(let s):
                    // A plain number under a tag that makes it a string (`!!str 80`, `! 80`) has no quotes to drop.
                    let remedy = doc.style(node) == .plain ? doc.tag(node).map { "the tag \(Document.shorthand(tag: $0)) makes it one: remove it" } : nil
                    if let reason = Self.portNameProblem(s, grpc: handlerKind == .grpc, remedy: remedy ?? "write it without quotes") {
                        problem("\(handlerKind.rawValue).port: \(doc.asWritten(node)) \(reason)", node, "\(hPath()).port")
                    } else {
                        port = .name(s)
                    }
                default: problem("\(handlerKind.rawValue).port must be a port number or name, not \(describe(node))", node, "\(hPath()).port")
                }
            } else if handlerKind != .exec {
                problem("\(handlerKind.rawValue) has no port: the API server requires one", h.key, "\(hPath()).port")
            }
            // Only HTTP and HTTPS, in capitals (`scheme: https` is refused); a null is the default.
            if handlerKind == .httpGet, let node = handlerFields[HandlerKey.scheme]?.value, !doc.isNull(node),
               !doc.scalar(node, equals: "HTTP") && !doc.scalar(node, equals: "HTTPS") {
                problem("httpGet.scheme: \(doc.asWritten(node)) is not HTTP or HTTPS, the only schemes the API server takes (in capitals)",
                        node, "\(hPath()).scheme")
            }
            // Each key checked under its own handler: elsewhere it is an unknown field, not this one.
            let commandNode = handlerFields[HandlerKey.command]?.value
            let command = CommandWords(doc, handlerKind == .exec ? stringList(commandNode, "\(hPath()).command") : commandNode)
            if handlerKind == .grpc, let node = handlerFields[HandlerKey.service]?.value, !doc.isNull(node), !doc.isStringScalar(node) {
                problem("\(handlerKind.rawValue).service must be a string, not \(describe(node))", node, "\(hPath()).service")
            }
            if handlerKind == .httpGet, let node = handlerFields[HandlerKey.httpHeaders]?.value, !doc.isNull(node) {
                _ = expect(.sequence, node, "\(hPath()).httpHeaders")
            }
            // A command that is no list has its own problem (`stringList`), and so has each item
            // that is no string (`[[x]]` was "no command" as well).
            if handlerKind == .exec && command.isEmpty
                && (commandNode.map { doc.isNull($0) || (doc.kind($0) == .sequence && doc.items($0).isEmpty) } ?? true) {
                problem("exec has no command: the API server requires one", h.key, "\(hPath()).command")
            }
            handlers.append(ProbeHandler(kind: handlerKind, key: doc.range(h.key), port: port, portRange: portRange,
                                         path: text(handlerFields[HandlerKey.path]?.value),
                                         scheme: text(handlerFields[HandlerKey.scheme]?.value),
                                         command: command,
                                         service: text(handlerFields[HandlerKey.service]?.value),
                                         host: text(handlerFields[HandlerKey.host]?.value)))
        }
        for (key, meant) in miscased {
            let name = doc.string(key)
            // The probe's "no handler" is said here, once (`Probe.handlerKeyInAnotherCase`).
            let isHandler = ProbeHandler.Kind(rawValue: meant) != nil
            let without = isHandler && handlers.count == 0 ? " Without it \(kind.fieldName) has no handler, which the API server rejects" : ""
            problem("\(name) is not a probe field: did you mean \(meant)?\(without)", key, "\(location.string).\(name)")
        }
        // Any other key is no probe field either (`periodSecond`): strict field validation
        // rejects it, and its value is not read. The nearest field's name, when it is near.
        for key in unknown where doc.kind(key) == .scalar {
            let name = doc.string(key)
            let meant = Self.nearestField(name, among: Self.probeKeyNames).map { " (did you mean \($0)?)" } ?? ""
            problem("\(name) is not a probe field\(meant): the API server's strict field validation rejects it, and its value is not read",
                    key, "\(location.string).\(name)")
        }
        // Inlined, each field made in place: as a call, each of the six returned its field
        // through a copy and named its key (`rawValue`) before knowing it was needed.
        @inline(__always) func int(_ field: ProbeField) -> Field<Int> {
            let value = intField(fields[Self.probeKeyIndex(field)], field.rawValue, default: ProbeDefaults.value(of: field), at: at, path: location.string,
                                 maximum: field == .terminationGracePeriodSeconds ? Int(Int64.max) : Int(Int32.max))
            // A 0 the API server replaces with the default is the default, as a null is.
            if case .written(0, _, let zero) = value, ProbeDefaults.zeroMeansDefault(field) {
                var written = at
                written.writtenZero = zero
                return .defaulted(ProbeDefaults.value(of: field), at: written)
            }
            return value
        }
        var probeGrace = int(.terminationGracePeriodSeconds)
        if case .defaulted = probeGrace, let podValue = grace.value { probeGrace = .defaulted(podValue, at: at) }
        return Probe(kind: kind, key: doc.range(entry.key), range: doc.range(node),
                     isFlow: doc.style(node) == .flow || doc.isFlowStream, handlers: handlers,
                     initialDelaySeconds: int(.initialDelaySeconds), timeoutSeconds: int(.timeoutSeconds),
                     periodSeconds: int(.periodSeconds), successThreshold: int(.successThreshold),
                     failureThreshold: int(.failureThreshold), terminationGracePeriodSeconds: probeGrace, location: location,
                     handlerKeyInAnotherCase: handlers.count == 0 && miscased.contains { ProbeHandler.Kind(rawValue: $0.1) != nil })
    }

    /// The problems of a handler's keys that are no fields of it (`strange`, keys of no handler,
    /// and those of `fields` outside `own`, another handler's), in the file's order, each with
    /// the nearest field: two edits away in any case, or the end of one (`headers` for `httpHeaders`).
    mutating func strangeHandlerKeys(_ strange: [NodeID], _ fields: KeyedEntries, own: UInt16, _ kind: ProbeHandler.Kind, path: String) {
        var keys = strange
        for key in HandlerKey.allCases where own & key.bit == 0 { if let entry = fields[key] { keys.append(entry.key) } }
        let names = HandlerKey.allCases.filter { own & $0.bit != 0 }.map(\.stringValue)
        for key in keys.sorted(by: { $0.index < $1.index }) {
            let name = doc.string(key)
            let meant = (Self.nearestField(name.lowercased(), among: names, lowercased: true)
                ?? names.first { name.count >= 4 && $0.lowercased().hasSuffix(name.lowercased()) }).map { " (did you mean \($0)?)" } ?? ""
            problem("\(name) is not a field of \(kind.rawValue)\(meant): the API server's strict field validation rejects it, and its value is not read",
                    key, "\(path).\(name)")
        }
    }

    /// A pod's `terminationGracePeriodSeconds`, an int64. A negative one is taken with a warning
    /// and used as 1 (pkg/api/pod/warnings.go; on deletion since 1.22, everywhere since 1.27).
    mutating func podGrace(_ found: (key: NodeID, value: NodeID)?, at: Insertion, path: String) -> Field<Int> {
        let key = "terminationGracePeriodSeconds"
        if let entry = found, doc.kind(entry.value) == .scalar, case .int(let n) = scalarValue(entry.value), n < 0 {
            problem("\(key): \(doc.asWritten(entry.value)) is negative: the API server warns and uses 1, and the kubelet sends SIGKILL 2 s after SIGTERM, its least grace (minimumGracePeriodInSeconds)",
                    entry.value, "\(path).\(key)", severity: .warning)
            return .written(1, key: doc.range(entry.key), value: doc.range(entry.value))
        }
        return intField(found, key, default: ProbeDefaults.terminationGracePeriodSeconds, at: at, path: path, maximum: Int(Int64.max))
    }

    /// An int32 field: written, defaulted (absent or null), or invalid, which is recorded
    /// as a problem with the reason. `path` (the mapping's) is built only for that problem.
    ///
    /// Inlined: as a call, each of a probe's six fields copied the decoder's current
    /// object reference and the probe's path into it. An absent field and a plain decimal
    /// in range (nearly every field) are decided here, without the call to `intValue` and
    /// the ScalarValue it resolves (some 170 instructions a field, six fields a probe).
    @inline(__always)
    mutating func intField(_ found: (key: NodeID, value: NodeID)?, _ key: @autoclosure () -> String, default value: Int,
                           at: Insertion, path: @autoclosure () -> String, maximum: Int = Int(Int32.max)) -> Field<Int> {
        guard let entry = found else { return .defaulted(value, at: at) }
        if let n = doc.plainDecimal(entry.value), n >= 0 && n <= Int(Int32.max) {
            return .written(n, key: doc.range(entry.key), value: doc.range(entry.value))
        }
        let (field, reason) = intValue(entry, default: value, at: at, maximum: maximum)
        if let reason {
            let key = key()
            problem("\(key): \(doc.asWritten(entry.value)) \(reason)", entry.value, "\(path()).\(key)")
        }
        return field
    }

    /// `intField` of a written entry without recording the problem of an invalid value:
    /// the field, and the reason when it is invalid. `maximum`: Int32's, or Int64's for the
    /// grace periods (`*int64` in k8s.io/api).
    func intValue(_ entry: (key: NodeID, value: NodeID), default value: Int, at: Insertion,
                  maximum: Int = Int(Int32.max)) -> (Field<Int>, problem: String?) {
        let keyRange = doc.range(entry.key), valueRange = doc.range(entry.value)
        let reason: String
        let int64 = maximum > Int(Int32.max)
        switch doc.kind(entry.value) == .scalar ? doc.scalarValue(entry.value) : .string("") {
        case .int(let n) where n >= 0 && n <= maximum:
            return (.written(n, key: keyRange, value: valueRange), nil)
        case .int(let n) where n < 0 && (int64 || n >= Int(Int32.min)): reason = "must not be negative (Kubernetes rejects it)"
        case .int, .bigInt: reason = int64 ? "is out of range for an int64" : "is out of range for an int32"
        case .float: reason = "must be a whole number, not a float"
        // The message names the value as written first (`a list`): "a list must be an integer, not a list" said it twice.
        case .string where doc.kind(entry.value) != .scalar: reason = "must be an integer"
        case .string where doc.tag(entry.value) == "!":
            reason = "must be an integer, not a string (the non-specific tag ! keeps any value a string: remove it)"
        case .string(let text) where text.contains("{{"):
            reason = "must be an integer, not a Go template: render it to YAML first (a Helm chart's: helm template RELEASE CHART | kubectl probelint -f -)"
        case .string(let text) where doc.style(entry.value) == .singleQuoted || doc.style(entry.value) == .doubleQuoted:
            reason = (Int(text) ?? 0) < 0 ? "must be an integer, not a string, and not negative" : "must be an integer, not a string (write it without quotes)"
        case .string(let text) where doc.tag(entry.value) == "tag:yaml.org,2002:str" && Int(text) != nil:
            reason = (Int(text) ?? 0) < 0 ? "must be an integer, not a string, and not negative" : "must be an integer, not a string (the tag !!str makes it one: remove it)"
        case .string where doc.tag(entry.value).map({ $0 != "tag:yaml.org,2002:str" }) ?? false:
            // `!!bool 1`: a tag whose type does not take the text reads it as a string to kubectl,
            // and the message names the tag that made it so.
            reason = "must be an integer, not a value under the tag \(Document.shorthand(tag: doc.tag(entry.value) ?? ""))"
        case .string: reason = "must be an integer, not a string"
        case .bool: reason = "must be an integer, not a boolean"
        case .null: return (.defaulted(value, at: at), nil)
        }
        return (.invalid(written: entry.value, key: keyRange, value: valueRange), reason)
    }

    /// Why the API server rejects `name` as a probe's port (nil when it takes it): a gRPC
    /// probe's port is an integer, and any other port name is an IANA service name
    /// (`IsValidPortName`): at most 15 of a-z, 0-9 and '-', with a letter, no '-' at either
    /// end and no '--'. A quoted number (`"8080"`, as Helm templates write) is the usual case.
    static func portNameProblem(_ name: String, grpc: Bool, remedy: String = "write it without quotes") -> String? {
        var name = name
        return name.withUTF8 { b -> String? in
            let digits = !b.isEmpty && b.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            if grpc {
                return digits ? "must be a port number, not a string (\(remedy))"
                    : "must be a port number, not a string: a grpc probe takes no port name"
            }
            if digits { return "must be a port number, not a string (\(remedy)): a port name needs a letter" }
            let dash = UInt8(ascii: "-")
            let valid = b.count <= 15 && b.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
                && b.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == dash }
                && b.first != dash && b.last != dash && !zip(b, b.dropFirst()).contains { $0 == dash && $1 == dash }
            return valid ? nil
                : "is not a port name the API server takes: at most 15 characters of a-z, 0-9 and '-', with a letter, no '-' at either end and no '--'"
        }
    }

    func insertion(_ mapping: NodeID, parentKey: SourceRange) -> Insertion {
        let last = doc.lastEntry(mapping)
        return Insertion(parentKey: parentKey, lastKey: last.map { doc.range($0.key) },
                         lastValue: last.map { doc.range($0.value) },
                         isFlow: doc.style(mapping) == .flow || doc.isFlowStream)
    }

    // MARK: helpers

    /// A key's entry; a null value counts as absent, as in Kubernetes.
    func entry(_ mapping: NodeID, _ key: String) -> (key: NodeID, value: NodeID)? {
        guard doc.kind(mapping) == .mapping, let found = doc.lookup(key, in: mapping) else { return nil }
        if doc.isNull(found.value) { return nil }
        return found
    }

    func value(_ mapping: NodeID, _ key: String) -> NodeID? { entry(mapping, key)?.value }

    func text(_ node: NodeID?) -> String? {
        guard let node, doc.kind(node) == .scalar else { return nil }
        return doc.string(node)
    }

    /// A scalar's value; a plain decimal, as nearly every port number is written, read from
    /// its bytes without resolving the scalar (some 120 instructions).
    func scalarValue(_ node: NodeID) -> ScalarValue { doc.plainDecimal(node).map { .int($0) } ?? doc.scalarValue(node) }

    /// A port's `protocol`: the literal when the scalar is `TCP`, as nearly every written
    /// one is (a String decoded from the scalar cost some 140 instructions a port).
    func protocolName(_ node: NodeID?) -> String? {
        guard let node else { return nil }
        return doc.scalar(node, equals: ContainerPort.tcp) ? ContainerPort.tcp : text(node)
    }

    /// A mapping of scalars (`limits`, `requests`, a ConfigMap's `data`), read from the
    /// mapping when a rule asks for an entry.
    mutating func scalarEntries(_ node: NodeID?, path: @autoclosure () -> String) -> ScalarEntries {
        guard let node, expect(.mapping, node, path()) else { return ScalarEntries() }
        return ScalarEntries(doc, node)
    }

    func describe(_ node: NodeID) -> String { doc.described(node) }

    /// The container's `lifecycle.preStop` action, with a `sleep`'s seconds when they are an
    /// integer. A sleep longer than the pod's grace period is recorded as the API server rejects
    /// it ("must be greater than 0 and less than terminationGracePeriodSeconds").
    mutating func preStopHook(_ lifecycle: NodeID?, grace: Field<Int>, path: @autoclosure () -> String) -> PreStopHook? {
        guard let lifecycle, doc.kind(lifecycle) == .mapping, let hook = doc.lookup("preStop", in: lifecycle)?.value,
              doc.kind(hook) == .mapping else { return nil }
        for action in PreStopHook.Action.allCases {
            guard let entry = doc.lookup(action.rawValue, in: hook), !doc.isNull(entry.value) else { continue }
            var seconds: Int?
            if action == .sleep, doc.kind(entry.value) == .mapping, let value = doc.lookup("seconds", in: entry.value)?.value,
               case .int(let n) = doc.kind(value) == .scalar ? scalarValue(value) : .null, n >= 0 {
                seconds = n
                if let g = grace.value, n > g {
                    problem("lifecycle.preStop.sleep.seconds \(n) is above the pod's terminationGracePeriodSeconds \(g)\(grace.isWritten ? "" : " (default)"): the API server rejects a sleep longer than the grace period",
                            value, path())
                }
            }
            // An exec hook that starts with a literal sleep takes at least that long (`PreStopSleep`).
            if action == .exec, doc.kind(entry.value) == .mapping, let command = doc.lookup("command", in: entry.value)?.value,
               doc.kind(command) == .sequence {
                let items = doc.items(command)
                if items.allSatisfy({ doc.kind($0) == .scalar }) { seconds = PreStopSleep.seconds(items.map { doc.string($0) }) }
            }
            return PreStopHook(action: action, seconds: seconds, range: doc.range(entry.key))
        }
        return nil
    }

    /// A container port's number, recording why the API server rejects it: a port needs its
    /// `containerPort`, an integer from 1 to 65535 (a quoted "8080" is a string to it).
    mutating func containerPort(_ node: NodeID?, in port: NodeID, path: @autoclosure () -> String) -> Int? {
        guard let node, !doc.isNull(node) else {
            problem("a port has no containerPort: the API server requires one", port, "\(path()).containerPort")
            return nil
        }
        switch doc.kind(node) == .scalar ? scalarValue(node) : .string("") {
        case .int(let n) where n >= 1 && n <= 65535: return n
        case .int, .bigInt:
            problem("containerPort \(doc.asWritten(node)) is not a port number: the API server takes 1 to 65535", node, "\(path()).containerPort")
        case .string where doc.kind(node) == .scalar && (doc.style(node) == .singleQuoted || doc.style(node) == .doubleQuoted):
            problem("containerPort: \(doc.asWritten(node)) must be a port number, not a string (write it without quotes)", node, "\(path()).containerPort")
        default:
            problem("containerPort: \(doc.asWritten(node)) must be a port number, not \(describe(node))", node, "\(path()).containerPort")
        }
        return nil
    }

    /// How to write a command line given as one string: its words as a list when they are
    /// plain words, else through a shell.
    static func asList(_ line: String) -> String {
        let words = line.split(separator: " ")
        // Each word quoted, so that none reads as a number, a boolean or YAML syntax (`10`,
        // `true`, `@file`, `a,b`), and the list is JSON too.
        let plain = !words.isEmpty && words.allSatisfy { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._=:-,@+%".contains($0)) } }
        return plain ? ": one word per item, [\(words.map { "\"\($0)\"" }.joined(separator: ", "))]" : ": one word per item, or a shell line as [\"sh\", \"-c\", \"...\"]"
    }

    /// A `command` or `args` list (a container's, an exec probe's), recording what the API
    /// server rejects: text where a list belongs, or an item that is not a string (a number,
    /// a boolean: go-yaml gives JSON a number, which a []string refuses; a null is taken).
    /// The node, for `CommandWords`, as written (a text where the list belongs is read as its
    /// one word, which component detection still uses).
    mutating func stringList(_ node: NodeID?, _ path: @autoclosure () -> String) -> NodeID? {
        guard let node else { return nil }
        if doc.kind(node) == .sequence {
            var i = 0
            for item in doc.items(node) {
                defer { i += 1 }
                if doc.isStringScalar(item) || doc.isNull(item) { continue }
                let path = path()
                let key = path.split(separator: ".").last.map(String.init) ?? path
                // A collection is named as written (`a list`) once: "a list must be a string, not a list" said it twice.
                problem(doc.kind(item) == .scalar ? "\(key)[\(i)]: \(doc.asWritten(item)) must be a string, not \(describe(item)) (quote it)"
                            : "\(key)[\(i)]: \(doc.asWritten(item)) must be a string", item, "\(path)[\(i)]")
            }
        } else if !doc.isNull(node) {
            let path = path()
            let key = path.split(separator: ".").last.map(String.init) ?? path
            problem("\(key) must be a list of strings, not \(describe(node))\(doc.kind(node) == .scalar ? Self.asList(doc.string(node)) : "")", node, path)
        }
        return node
    }

    /// Checks a node's kind, recording a problem when it is wrong.
    mutating func expect(_ kind: NodeKind, _ node: NodeID, _ path: @autoclosure () -> String) -> Bool {
        guard doc.kind(node) != kind else { return true }
        let path = path()
        let want = kind == .mapping ? "a mapping" : kind == .sequence ? "a list" : "a scalar"
        problem("\(path.split(separator: ".").last.map(String.init) ?? path) must be \(want), not \(describe(node))", node, path)
        return false
    }

    /// The field of `names` nearest to a key that is none of them, when it is at most two edits
    /// away (the first of the nearest); `lowercased`: compared with each name in lowercase.
    static func nearestField(_ name: String, among names: [String], lowercased: Bool = false) -> String? {
        let near = names.map { ($0, editDistance(name, lowercased ? $0.lowercased() : $0)) }.min { $0.1 < $1.1 }
        return near.flatMap { $0.1 <= 2 ? $0.0 : nil }
    }

    /// Levenshtein distance of two short names, by bytes (field names are ASCII): how near a
    /// misspelled key is to a field (`periodSecond` is 1 from `periodSeconds`).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8.prefix(64)), b = Array(b.utf8)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    mutating func problem(_ message: String, _ node: NodeID, _ path: String, severity: Severity? = nil) {
        let object = objectProblems.map { _ in ObjectRef(kind: "", name: "", container: inContainer, probe: inProbe) }
        problems.append(ModelProblem(message: message, range: doc.range(node), path: path, object: object, severity: severity))
    }

    /// Ends an object's spec: its problems get its reference, with their container and probe.
    /// The reference is made only for an object with problems (most have none).
    mutating func named(_ kind: String, _ metadata: ObjectMeta) {
        guard let start = objectProblems else { return }
        objectProblems = nil
        guard start < problems.count else { return }
        let object = ObjectRef(kind: kind, namespace: metadata.namespace, name: metadata.name ?? "")
        for i in start..<problems.count {
            var ref = object
            ref.container = problems[i].object?.container
            ref.probe = problems[i].object?.probe
            problems[i].object = ref
        }
    }
}

extension Document {
    /// A mapping's entries whose key and value are scalars, merge keys resolved,
    /// values made by `value`.
    func scalarMap<Value>(_ mapping: NodeID, _ value: (NodeID) -> Value) -> [String: Value] {
        // Not reserved: Dictionary.reserveCapacity looks its generic metadata up at run time,
        // which cost more than the regrowth of a map of a few entries.
        var out: [String: Value] = [:]
        for (k, v) in entries(mapping) where kind(k) == .scalar && kind(v) == .scalar { out[string(k)] = value(v) }
        return out
    }

    /// What a node is, as a message names it: `a mapping`, `a list`, `a string`, `an integer`.
    func described(_ node: NodeID) -> String {
        switch kind(node) {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            let v = scalarValue(node)
            return v.typeName == "string" ? "a string" : "\(v.typeName == "integer" ? "an" : "a") \(v.typeName)"
        }
    }

    /// A node as a message quotes it: a scalar as written, in its quotes if it has them;
    /// a collection as what it is (`described`).
    func asWritten(_ node: NodeID) -> String {
        switch (kind(node), style(node)) {
        case (.scalar, .doubleQuoted): return "\"\(string(node))\""
        case (.scalar, .singleQuoted): return "'\(string(node))'"
        // A block scalar's text ends in its line break (`|` then `1` is "1\n"): quoted as JSON,
        // it is shown, where the message showed a replacement character for it.
        case (.scalar, .literal), (.scalar, .folded): return JSONValue.string(string(node)).serialized()
        case (.scalar, _): return string(node)
        default: return described(node)
        }
    }

    /// Whether an entry of `mapping` (merge keys resolved, as `entries` gives them) passes `test`.
    ///
    /// The written entries are tested in place: building `entries` allocated an array for each
    /// question, asked of every pod's labels and every object's annotations. A mapping with a
    /// merge key is answered from `entries`.
    func containsEntry(_ mapping: NodeID, where test: (_ key: NodeID, _ value: NodeID) -> Bool) -> Bool {
        let node = nodes[Int(mapping.index)]
        guard node.kind == .mapping else { return false }
        var passed = false
        var i = Int(node.payloadStart)
        let end = i + Int(node.payloadCount)
        while i + 1 < end {
            let key = children[i], value = children[i + 1]
            i += 2
            // A merge may set a passing key again (`lookup`): the resolved entries decide.
            if isMergeKey(key) { return entries(mapping).contains { test($0.key, $0.value) } }
            if !passed && test(key, value) { passed = true }
        }
        return passed
    }

    /// Labels: a mapping's scalar entries as strings, merge keys resolved.
    func labels(_ mapping: NodeID) -> [String: String] { scalarMap(mapping) { string($0) } }
}
