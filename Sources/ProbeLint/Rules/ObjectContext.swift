/// One probe with everything a rule needs to judge it.
///
/// A struct, held in the context's array as `ContainerSubject` is: its fields are
/// references (and `Inputs` one shared object), so a copy is four retains, and rules read
/// subjects in place (`ObjectContext.probes`) and bind one only for a finding. As a class it
/// was an allocation, and its free, for every probe.
public struct ProbeSubject: Sendable {
    public let container: Container
    public let probe: Probe
    public let inputs: Inputs
    /// The daemon the container runs: the one its inputs are resolved for (a stored copy
    /// was a retain of its evidence for every subject and a release when freed).
    public var detection: ComponentDetection { inputs.component }
    /// The object the probe is in (a Rook CR for a probe Rook generates).
    public let manifest: Manifest
    /// How findings name the probe, made when read (`Manifest.ref(container:probe:)`).
    public var ref: ObjectRef { manifest.ref(container: container.name, probe: probe.kind) }

    public init(container: Container, probe: Probe, inputs: Inputs, manifest: Manifest) {
        self.container = container
        self.probe = probe
        self.inputs = inputs
        self.manifest = manifest
    }
}

/// One long-running container with its daemon and inputs (for rules about the
/// container rather than a probe: grace period, memory).
///
/// A struct, held in the context's array (as `ProbeSubject` is): only four rules read
/// containers, each a field or two in place, so a copy (four retains) is rare, and an
/// object per container was an allocation and its release for every one.
public struct ContainerSubject: Sendable {
    public let container: Container
    public let pod: PodSpec
    /// Inputs resolved without a probe handler.
    public let inputs: Inputs
    /// The daemon the container runs (`ProbeSubject.detection`).
    public var detection: ComponentDetection { inputs.component }
    /// The object the container is in (a Rook CR for a pod Rook renders).
    public let manifest: Manifest
    /// How findings name the container, made when read (`Manifest.ref(container:probe:)`).
    public var ref: ObjectRef { manifest.ref(container: container.name) }
    /// Set when the pod is rendered from a Rook CR.
    public let isRendered: Bool
    /// The indices of the container's own probes in `ObjectContext.probes`, which are together
    /// there: a rule finds a container's probe by them, where a search of the object's probes for
    /// each container was quadratic in a pod of thousands.
    public let probes: Range<Int>

    public init(container: Container, pod: PodSpec, inputs: Inputs, manifest: Manifest, isRendered: Bool, probes: Range<Int> = 0..<0) {
        self.container = container
        self.pod = pod
        self.inputs = inputs
        self.manifest = manifest
        self.isRendered = isRendered
        self.probes = probes
    }
}

/// The run's environment behind one reference that a worker makes for each file it
/// lints: objects of that file share it, and only its own reference count changes.
final class SharedEnvironment: Sendable {
    let environment: Environment
    /// `environment.rook.version`, worked out once: Rook CRs are rendered with it, and
    /// working it out joins its origin's text.
    let rookVersion: RookVersionChoice
    /// `environment.rook.isCephBound`: then an object's own Ceph images may choose its version.
    let isCephBound: Bool
    /// The run's rook-ceph-operator images name more than one release, and no flag chose one:
    /// each Rook object's is the one nearest its file (`RookSettings.operatorVersion(near:)`).
    let operatorsDisagree: Bool

    init(_ environment: Environment) {
        self.environment = environment
        rookVersion = environment.rook.version
        isCephBound = environment.rook.isCephBound
        operatorsDisagree = environment.rook.flag == nil && environment.rook.facts.operatorsUnsettled
    }
}

/// What rules see of one object: the manifest, its probes with their inputs,
/// and the environment. Pods come from the manifest's pod template or, for a
/// Rook CR, from RookRenderer (the probes Rook generates, pointing into the CR).
public struct ObjectContext: Sendable {
    public let manifest: Manifest
    public let document: Document
    /// The run's environment, read through a reference the caller holds: storing a copy
    /// of the struct for every object retained each of its buffers, which all workers
    /// share, so their reference counts bounced between cores (`SharedEnvironment`).
    /// Read a field of it (`environment.options`), not a copy of the whole.
    public var environment: Environment { shared.environment }
    let shared: SharedEnvironment
    /// Rules loop over `probes` and `containers` by index and read a subject in place
    /// (`object.probes[index].probe.kind`) for their cheap guards, binding it
    /// (`let subject = object.probes[index]`) only past them: bound first (`for subject in
    /// object.probes`), every subject, and every field bound from it, was retained and
    /// released by every rule, though most are judged on a field or two and skipped.
    public private(set) var probes: [ProbeSubject]
    public private(set) var containers: [ContainerSubject]
    /// Each container's first index in `probes`, for `probe(named:)`: made only for a pod of
    /// many probes whose findings each look up their probe (a Rook-owned object, `restartPolicy:
    /// Never`), where a search for each finding was quadratic (8,000 containers: 23 s).
    let probeIndex: [String: Int]?
    public let inputProblems: [InputProblem]
    public let problems: [ModelProblem]
    /// The object's `probelint.io/` annotations and its pod template's (for a Rook CR, those it
    /// gives all its daemons' pods).
    public let annotations: ProbelintAnnotations
    /// Rules that a CephCluster daemon's own pod annotations ignore (`spec.annotations.mon`),
    /// by the container of its pod, with the annotation (for PL401); empty for every other object.
    let podIgnores: [PodIgnore]
    /// The Rook release modelled for this object: the run's, or the one its own Ceph images
    /// choose (`rookVersion(_:_:_:)`). Worked out when asked, by the few rules about Rook: stored,
    /// it made every object's context larger, and copying contexts cost 3 M instructions on 5 MB.
    public var rookVersion: RookVersionChoice { Self.rookVersion(manifest, document, shared) }

    struct PodIgnore {
        let container: String
        let rules: Set<RuleID>
        let value: Located<String>
        let place: AnnotationPlace
    }

    public init(manifest: Manifest, document: Document, environment: Environment, problems: [ModelProblem] = []) {
        self.init(manifest: manifest, document: document, shared: SharedEnvironment(environment), problems: problems)
    }

    init(manifest: Manifest, document: Document, shared: SharedEnvironment, problems: [ModelProblem] = []) {
        var buffers = SubjectBuffers()
        self.init(manifest: manifest, document: document, shared: shared, problems: problems, reusing: &buffers)
    }

    /// Arrays for an object's subjects, handed on from one object of a file to the next
    /// (`init(manifest:document:shared:problems:reusing:)`, `recycle(into:)`): arrays of
    /// each object's own were two allocations, and their frees, for every object with pods.
    struct SubjectBuffers {
        var probes: [ProbeSubject] = []
        var containers: [ContainerSubject] = []
    }

    /// Fills the arrays `buffers` holds (empty, with the room of earlier objects) with the subjects.
    init(manifest: Manifest, document: Document, shared: SharedEnvironment, problems: [ModelProblem] = [],
         reusing buffers: inout SubjectBuffers) {
        self.manifest = manifest
        self.document = document
        self.shared = shared
        self.problems = problems
        let annotations = ProbelintAnnotations(manifest)
        self.annotations = annotations
        var probes: [ProbeSubject] = [], containers: [ContainerSubject] = []
        swap(&probes, &buffers.probes)
        swap(&containers, &buffers.containers)
        // A written pod is one PodSource, not an array of one (an allocation for every workload).
        var podIgnores: [PodIgnore] = []
        var subjectProblems: [InputProblem] = []
        if let spec = manifest.podSpec {
            Self.subjects(of: CollectionOfOne(PodSource(spec: spec)), manifest, annotations, shared, into: &probes, &containers)
        } else {
            subjectProblems = Self.rookSubjects(manifest, document, annotations, shared, into: &probes, &containers, podIgnores: &podIgnores)
        }
        self.podIgnores = podIgnores
        let unknown = Environment.unknownAnnotations(annotations)
        // In the order they are written (an unknown rule in the ignore list after a bad value above it;
        // the inputs are resolved in their own order, the object's annotations and its template's apart).
        let all = unknown.isEmpty ? subjectProblems : unknown + subjectProblems
        inputProblems = all.count < 2 ? all : all.sorted { $0.range.start.offset < $1.range.start.offset }
        probeIndex = Self.probeIndex(probes, manifest)
        self.probes = probes
        self.containers = containers
    }

    /// `probeIndex` for an object whose every finding looks up its probe and that has more
    /// than a screenful of probes; nil for every other, whose search is shorter than a table.
    static func probeIndex(_ probes: [ProbeSubject], _ manifest: Manifest) -> [String: Int]? {
        guard probes.count > 32, manifest.rookOwner != nil || manifest.podSpec?.restartPolicy == "Never" else { return nil }
        var index: [String: Int] = [:]
        for i in probes.indices where index[probes[i].container.name] == nil { index[probes[i].container.name] = i }
        return index
    }

    /// The run's Rook version (`SharedEnvironment.rookVersion`), or, when that is the run's oldest
    /// Ceph image's bound, for a Rook CR or an object a CR owns, the one its own Ceph images
    /// choose (`RookSettings.version(ownImages:)`): the run may hold two clusters.
    static func rookVersion(_ manifest: Manifest, _ document: Document, _ shared: SharedEnvironment) -> RookVersionChoice {
        // Two operators' releases in the run: the one in the object's folder, or nearest above it.
        if shared.operatorsDisagree, manifest.rook != nil || manifest.rookOwner != nil,
           let near = shared.environment.rook.operatorVersion(near: document.file) { return near }
        guard shared.isCephBound, manifest.rook != nil || manifest.rookOwner != nil else { return shared.rookVersion }
        let own = RookFacts.cephImages(of: manifest, in: document)
        if !own.isEmpty { return shared.environment.rook.version(ownImages: own) }
        // Most such objects name no image (a CephFilesystem): their namespace's CephCluster's
        // where the run has two of different releases, else the run's, worked out once.
        let clusters = shared.environment.rook.facts.clusterImages
        if !clusters.isEmpty, let cluster = clusters[manifest.metadata.namespace ?? ""] {
            return shared.environment.rook.version(ownImages: [cluster])
        }
        return shared.rookVersion
    }

    /// A warning at a Rook CR whose release nothing in the run names (no flag, `rook-version`,
    /// operator image or Ceph image), so that its probes are the newest release's. A pre-commit
    /// run of one changed CR is that case: the RGW incident's CephObjectStore passed clean as Rook
    /// v1.20's, which generates no RGW liveness probe, with not a word of the release assumed
    /// (the findings' notes name it, and there were none).
    static func unnamedRelease(_ manifest: Manifest, _ version: RookVersionChoice, _ shared: SharedEnvironment) -> InputProblem? {
        guard version.isDefault, shared.environment.rook.facts.cephBound == nil, shared.environment.rook.facts.operatorVersions.isEmpty,
              shared.environment.rook.facts.unreadOperatorImages.isEmpty else { return nil }
        let at = manifest.range.start
        return InputProblem(message: "\(manifest.kind) \(manifest.metadata.name ?? "") is modelled as Rook \(version.version), the newest release probelint models: nothing in the run names the release you run (no --rook-version, rook-version in .probelint.yaml or rook-ceph-operator image, and no Ceph image that only an older Rook runs); give it with --rook-version or rook-version",
                            range: SourceRange(start: at, end: at), warning: true)
    }

    /// The Rook CR whose daemons run in `pod`: the CR itself (an object store, a filesystem),
    /// or the one Rook's labels name on a Deployment it generated.
    /// A CephObjectStore's `gateway.rgwCommandFlags` and `gateway.rgwConfig`, for the RGW pods linted from it.
    static func gatewayConfig(_ manifest: Manifest) -> (flags: [CephConfigSetting], config: [CephConfigSetting]) {
        if case .objectStore(let store) = manifest.rook { return (store.rgwCommandFlags, store.rgwConfig) }
        return ([], [])
    }

    static func cephName(_ manifest: Manifest, _ pod: PodSpec) -> String? {
        if manifest.kind == "CephObjectStore" || manifest.kind == "CephFilesystem" { return manifest.metadata.name }
        return pod.labels["rook_object_store"] ?? pod.labels["rook_file_system"]
            ?? manifest.metadata.labels["rook_object_store"] ?? manifest.metadata.labels["rook_file_system"]
    }

    /// For a CephFilesystem whose MDS Rook `version` sets from the CephCluster (before v1.9), the
    /// values the one CephCluster of its namespace among the run's inputs writes there for each
    /// probe kind, which the renderer reads where that release does (`RookRenderer.pods`).
    static func clusterMDS(_ manifest: Manifest, _ shared: SharedEnvironment, version: RookVersion) -> RookRenderer.ClusterMDS {
        var values = RookRenderer.ClusterMDS()
        guard manifest.kind == "CephFilesystem", RookProbeTable.mdsSpecsInCluster(at: version) else { return values }
        for kind in [ProbeKind.liveness, .startup] {
            guard let (name, source) = shared.environment.rook.facts.clusterMDS(kind, namespace: manifest.metadata.namespace),
                  !source.spec.fields.isEmpty || source.spec.isDisabled else { continue }
            values[kind] = RookRenderer.ClusterValues(cluster: "CephCluster \(name) (\(source.file))", fields: source.spec.fields,
                                                      disabled: source.spec.isDisabled)
        }
        return values
    }

    /// The subjects of the pods Rook renders from a CR (`subjects`, as `podSubjects`), and the
    /// CR's input problems: its pods' own annotations', a CephCluster's annotations that no pod
    /// reads, and the release nothing in the run names. Kept out of the initializer, which is
    /// inlined into the Linter's loop over objects.
    @inline(never)
    private static func rookSubjects(_ manifest: Manifest, _ document: Document, _ annotations: ProbelintAnnotations, _ shared: SharedEnvironment,
                                     into subjects: inout [ProbeSubject], _ containerSubjects: inout [ContainerSubject],
                                     podIgnores: inout [PodIgnore]) -> [InputProblem] {
        let version = rookVersion(manifest, document, shared)
        var problems = podSubjects(manifest, annotations, shared, version: version, into: &subjects, &containerSubjects, podIgnores: &podIgnores)
        if case .cluster(let cluster) = manifest.rook {
            problems += cluster.unreadAnnotations.map { InputProblem(message: $0.message, range: $0.key.range, warning: true) }
        }
        if !subjects.isEmpty, let unnamed = unnamedRelease(manifest, version, shared) { problems.append(unnamed) }
        return problems
    }

    /// The subjects of the pods Rook renders from a CR at `version`. A CephCluster daemon's own pod
    /// annotations (`spec.annotations.mon`) come after the object's for that pod's inputs, are
    /// checked once each (the problems returned), and their ignore list goes to `podIgnores`.
    private static func podSubjects(_ manifest: Manifest, _ annotations: ProbelintAnnotations, _ shared: SharedEnvironment,
                                    version: RookVersionChoice, into subjects: inout [ProbeSubject], _ containerSubjects: inout [ContainerSubject],
                                    podIgnores: inout [PodIgnore]) -> [InputProblem] {
        let pods = RookRenderer.pods(manifest, version: version, clusterMDS: clusterMDS(manifest, shared, version: version.version))
        guard pods.contains(where: { ownAnnotations($0) != nil }) else {
            Self.subjects(of: pods, manifest, annotations, shared, into: &subjects, &containerSubjects)
            return []
        }
        var problems: [InputProblem] = []
        // A problem of an annotation that every pod reads (`all`'s) is found for each pod: kept once.
        func add(_ found: [InputProblem]) {
            for problem in found where !problems.contains(problem) { problems.append(problem) }
        }
        for source in pods {
            guard let own = ownAnnotations(source) else {
                Self.subjects(of: CollectionOfOne(source), manifest, annotations, shared, into: &subjects, &containerSubjects)
                continue
            }
            let placed = ProbelintAnnotations(rook: [own])
            add(Environment.unknownAnnotations(placed))
            let rules = Linter.ignoredRules(placed)
            if !rules.isEmpty, let value = placed[Linter.ignoreAnnotation]?.value {
                podIgnores += source.spec.probedContainers.map { PodIgnore(container: $0.name, rules: rules, value: value, place: own.place) }
            }
            Self.subjects(of: CollectionOfOne(source), manifest, annotations.adding(own), shared, into: &subjects, &containerSubjects)
        }
        return problems
    }

    /// A pod's own annotations after the object's: a CephCluster daemon's (`spec.annotations.mon`);
    /// nil for every other pod, whose template annotations are already the object's.
    static func ownAnnotations(_ source: PodSource) -> PlacedAnnotations? {
        guard source.spec.annotationPlace.isDaemonsOwn else { return nil }
        return PlacedAnnotations(source.spec.annotations, source.spec.annotationPlace)
    }

    /// Whether `rule` is ignored for `container` by its pod's own annotations (`podIgnores`).
    func isIgnoredInPod(_ rule: RuleID, container: String?) -> Bool {
        guard let container else { return false }
        return podIgnores.contains { $0.container == container && $0.rules.contains(rule) }
    }

    /// Hands the subjects' arrays, emptied with their room kept, on to the next object (`SubjectBuffers`).
    mutating func recycle(into buffers: inout SubjectBuffers) {
        probes.removeAll(keepingCapacity: true)
        containers.removeAll(keepingCapacity: true)
        swap(&probes, &buffers.probes)
        swap(&containers, &buffers.containers)
    }

    /// Appends the subjects of the object's pods to `subjects` and `containerSubjects` (both
    /// empty). The problems of the inputs written in it are `Environment.unknownAnnotations`'.
    private static func subjects<Pods: Collection<PodSource>>(of pods: Pods, _ manifest: Manifest,
                                                            _ annotations: ProbelintAnnotations, _ shared: SharedEnvironment,
                                                            into subjects: inout [ProbeSubject],
                                                            _ containerSubjects: inout [ContainerSubject]) {
        // Sized before they are filled: growing them by appends reallocated each. Not for an
        // object without pods (a Service, a ConfigMap): reserving no room allocated an empty buffer.
        let containerCount = pods.reduce(0) { $0 + $1.spec.probedContainers.count }
        if containerCount > 0 {
            containerSubjects.reserveCapacity(containerCount)
            subjects.reserveCapacity(pods.reduce(0) { $0 + $1.spec.probedContainers.reduce(0) { $0 + $1.probesByKind.count } })
        }
        // PL107's data ports, which also tell PL101 and PL102 which probes wait behind the link.
        let dataPorts = annotations[LivenessProbeOnDataPort.dataPortsAnnotation].map { LivenessProbeOnDataPort.portList($0.value.value) }
        for source in pods {
            let pod = source.spec
            let main = pod.containers.first?.name
            for container in pod.probedContainers {
                let detection = source.detection ?? Component.detect(
                    container, podLabels: pod.labels, objectLabels: manifest.metadata.labels,
                    isMainContainer: container.name == main && !container.isInit)
                // Inputs depend on the handler only through `Inputs.probed(by:)`: the container and
                // its probes share one resolution.
                let inputs = shared.environment.inputs(for: detection, annotations: annotations,
                                                                namespace: manifest.metadata.namespace,
                                                                cephName: detection.component == .rgw ? { Self.cephName(manifest, pod) } : nil,
                                                                gatewayConfig: detection.component == .rgw ? Self.gatewayConfig(manifest) : ([], []),
                                                                cephMajor: detection.component == .rgw ? { container.image.flatMap(CephImage.major(of:)) } : nil)
                let firstProbe = subjects.count
                for kind in ProbeKind.allCases {
                    guard let probe = container.probe(kind) else { continue }
                    let onDataPath = Inputs.onDataPath(probe.handler, component: detection.component, container: container,
                                                       dataPorts: dataPorts)
                    subjects.append(ProbeSubject(container: container, probe: probe, inputs: inputs.probed(by: probe.handler, onDataPath: onDataPath, dataPortsNamed: dataPorts != nil),
                                                 manifest: manifest))
                }
                containerSubjects.append(ContainerSubject(container: container, pod: pod, inputs: inputs.probed(by: nil), manifest: manifest,
                                                          isRendered: source.detection != nil, probes: firstProbe..<subjects.count))
            }
        }
    }

    public var file: String { document.file }

    public func finding(_ info: RuleInfo, severity: Severity? = nil, _ message: String, at range: SourceRange,
                        object: ObjectRef, notes: consuming Notes = Notes(), suggestions: consuming [Suggestion] = []) -> Finding {
        finding(info, severity: severity, MessageText(message), at: range, object: object, notes: consume notes, suggestions: consume suggestions)
    }

    /// `notes` and `suggestions` are consumed, and rules hand theirs over with `consume`: the
    /// lists take the Rook note and the Rook fixes in place. A borrowed list, or a rule's `var`
    /// passed without `consume` (copied, not moved), was copied into a new allocation to append
    /// to it, and a mapped array of fixes was an allocation for each finding.
    public func finding(_ info: RuleInfo, severity: Severity? = nil, _ message: MessageText, at range: SourceRange,
                        object: ObjectRef, notes: consuming Notes = Notes(), suggestions: consuming [Suggestion] = []) -> Finding {
        // A value the arithmetic clamped to the field's int32 range (a start-up or drain time of
        // decades) would not clear the finding, or would say an equation that does not hold.
        if suggestions.contains(where: { $0.value >= ProbeArithmetic.int32Max }) {
            for i in suggestions.indices where suggestions[i].value >= ProbeArithmetic.int32Max {
                // The grace periods are int64: the bound is the arithmetic's, not theirs.
                let bound = suggestions[i].field == .terminationGracePeriodSeconds
                    ? "the largest probelint suggests (int32's, though the field is int64)" : "the largest the field holds (int32)"
                notes.append(.note, "no fix of \(suggestions[i].field.rawValue): the value the arithmetic asks for reaches \(ProbeArithmetic.int32Max), \(bound); the inputs deserve a second look",
                             name: "noFixInRange")
            }
            suggestions.removeAll { $0.value >= ProbeArithmetic.int32Max }
        }
        // Most objects have no Rook-generated probe: then the notes and fixes are kept as given.
        if hasRookProbes {
            let subject = probe(named: object)
            if let subject { rookNote(subject, into: &notes) }
            for i in suggestions.indices { suggestions[i] = rookAdjusted(suggestions[i], likelyEditing: subject) }
        }
        // An object a Rook CR owns is rewritten by the operator: its own fields are shown, not
        // edited, as `--fix` plans them (`FixPlanner`: managedBy); a fix of the CR itself stays.
        if let owner = manifest.rookOwner {
            let likely = probe(named: object)
            for i in suggestions.indices where suggestions[i].target == nil {
                suggestions[i].displayOnly = true
                if suggestions[i].ignoredBecause == nil, let why = rookRemoves(suggestions[i], likely: likely) {
                    suggestions[i].ignoredBecause = why
                    // Said where the fix is shown, as `--fix` and `-o patch` say it.
                    suggestions[i].reason += "; nothing to change: \(why)"
                } else if suggestions[i].ignoredBecause == nil, let subject = probe(editedBy: suggestions[i], likely: likely) {
                    suggestions[i].crChange = RookManagedObject.crChange(suggestions[i], subject: subject, owner: owner, object: self)
                }
            }
        }
        // An object an operator's resource controls (Percona's PerconaServerMongoDB, Strimzi's
        // Kafka): the operator writes its spec back on its next reconcile, as Rook does (PL301).
        if !suggestions.isEmpty, manifest.rookOwner == nil, let owner = manifest.operatorOwner {
            notes.append(.note, "\(owner.kind) \(owner.name) (\(owner.apiVersion)) controls this object: its operator may write these fields back on its next reconcile; where that resource sets them, make the change there",
                         name: "operatorOwner", origin: "manifest")
        }
        // A pod that is never restarted fails where the rules say that a probe restarts it.
        if object.probe != nil, object.probe != .readiness, manifest.podSpec?.restartPolicy == "Never",
           let subject = probe(named: object), !subject.container.isSidecar {
            notes.append(Self.notRestartedNote)
        }
        return Finding(rule: info.id, severity: severity ?? info.defaultSeverity, message: message.string, file: file,
                       range: range, object: object, notes: consume notes, suggestions: consume suggestions)
    }

    /// A liveness or startup probe's kill in a pod with `restartPolicy: Never` (Kubernetes' pod
    /// lifecycle: a container the kubelet kills "is subjected to its restart policy").
    static let notRestartedNote = Note(kind: .note, text: "restartPolicy Never: a container this probe kills is not restarted: the pod fails, and a Job replaces it while its backoffLimit allows; read \"restart\" here as that",
                                       name: "restartPolicy", origin: "manifest")

    /// On an object a Rook CR owns: why a fix of a probe that the modelled Rook version does
    /// not generate changes nothing (PL301: the operator removes the probe, and the CR has no
    /// field that brings it back), or of one it writes another over (an MDS's admin-socket probe,
    /// which v1.12.6 and later replace with their fsmap check: the timings fixed here would be
    /// the old check's), or nil.
    func rookRemoves(_ suggestion: Suggestion, likely: ProbeSubject?) -> String? {
        guard suggestion.scope == .probe, let edited = probe(editedBy: suggestion, likely: likely),
              let daemon = RookDaemon(rawValue: edited.detection.component.rawValue) else { return nil }
        let version = rookVersion.version, kind = edited.probe.kind
        if RookProbeTable.generatesNone(daemon, kind, at: version) {
            return "Rook \(version) generates no \(kind.fieldName) for \(daemon.rawValue) and removes this one (PL301)"
        }
        guard RookProbeTable.replacement(of: edited.probe.handler, daemon, kind, at: version) != nil else { return nil }
        return "Rook \(version) writes another \(kind.fieldName) for \(daemon.rawValue) over this one (PL301)"
    }

    /// Whether a probe of the object is one Rook generates (from a CR).
    /// Only a Rook CR's probes are generated (`rookSubjects`): a written pod's are never searched,
    /// as for each of its findings they were (quadratic in a pod of thousands of containers).
    var hasRookProbes: Bool { manifest.podSpec == nil && probes.contains { $0.probe.generatedBy != nil } }

    /// The probe `object` names (nil when it names none). Kind and container name are
    /// compared first: making each subject's `ref` cost an `ObjectRef` per subject passed over.
    /// Found by index: `first(where:)` copied each subject it passed over (four retains).
    func probe(named object: ObjectRef) -> ProbeSubject? {
        guard let probe = object.probe else { return nil }
        func named(_ subject: ProbeSubject) -> Bool {
            subject.probe.kind == probe && subject.container.name == object.container && subject.ref == object
        }
        // The container's probes are together: its first one's block, and the whole search only
        // where the block has none (a second container of the same name, which Kubernetes refuses).
        if let probeIndex, let name = object.container, let first = probeIndex[name] {
            var i = first
            while i < probes.count, probes[i].container.name == name {
                if named(probes[i]) { return probes[i] }
                i += 1
            }
        }
        return probes.firstIndex(where: named).map { probes[$0] }
    }

    /// For a probe Rook generates: where it comes from. Written as one `NoteText`: a
    /// `String` interpolation and `+=` cost some 5,000 instructions a note.
    func rookNote(_ subject: ProbeSubject, into notes: inout Notes) {
        guard let rook = subject.probe.generatedBy else { return }
        let ignored = rook.acceptsOverrides ? "" : MessageText.string("; Rook before \(RookProbeTable.timingOverridesSince) reads no probe timing from the CR")
        // Before v1.4 the CRs have no probe settings at all (rook#5789, rook#5836): the note named
        // a field that Rook v1.1's CephObjectStore does not have.
        if rook.version.version < RookProbeTable.disabledSince {
            notes.append(.note, "generated by Rook \(rook.version.version) (\(rook.version.origin)) for \(rook.crDescription), whose spec has no \(rook.specPath) before Rook \(RookProbeTable.disabledSince); handler and timings fixed by Rook (\(rook.source))",
                         name: "rook", origin: "rook")
            return
        }
        notes.append(.note, "generated by Rook \(rook.version.version) (\(rook.version.origin)) from \(rook.crDescription) \(rook.specPath); handler fixed by Rook, unwritten fields are \(rook.setByRook == 0b11111 ? "Rook's defaults" : "Rook's defaults where it sets them, else Kubernetes'") (\(rook.source))\(ignored)",
                     name: "rook", origin: "rook")
    }

    /// The probe whose field `suggestion` edits (nil when its owner is no probe of the object).
    ///
    /// `likely` (the probe of the finding, which a fix nearly always edits) is tried first.
    /// Paths are compared as the model keeps them (`ModelPath.==`): joining each probe's path
    /// to compare it cost some 3,900 instructions a fix. Probes with one path share one
    /// ProbeSpec, so whichever of them is found answers alike.
    func probe(editedBy suggestion: Suggestion, likely: ProbeSubject?) -> ProbeSubject? {
        if let likely, likely.probe.location == suggestion.owner { return likely }
        return probes.firstIndex { $0.probe.location == suggestion.owner }.map { probes[$0] }
    }

    /// The field of `holder` (the CephCluster that holds an MDS's probes before Rook v1.9) that
    /// `suggestion` sets, when the run holds that CR with a `probe:` mapping for the probe that
    /// the field can be written into, as PL301's edit of it (`RookManagedObject.crEdit`); nil
    /// leaves the fix a paste. It had always been one, beside a mapping `--fix` could write.
    func heldTarget(_ suggestion: Suggestion, holder: RookManagedObject.Holder, daemon: RookDaemon, kind: ProbeKind) -> FixTarget? {
        guard let name = holder.objectName,
              let source = environment.rook.facts.probeSources[RookFacts.probeKey(cr: name, daemon: daemon, kind: kind)],
              source.spec.probeKey != nil, !source.spec.isDisabled, let present = suggestion.current.value else { return nil }
        let current = RookRenderer.field(suggestion.field, spec: source.spec, rookDefault: present, overrides: true)
        if case .defaulted(_, let at) = current, at.isFlow || at.lastKey == nil { return nil }
        return FixTarget(file: source.file, path: "\(source.spec.path).probe.\(suggestion.field.rawValue)", field: current, requiresPositive: true)
    }

    /// A fix of a field of a Rook-generated probe goes into the CR: in place when the
    /// field is written or its `probe:` mapping exists, else as YAML to paste. Called
    /// by `finding` for an object with Rook-generated probes (`hasRookProbes`).
    func rookAdjusted(_ suggestion: Suggestion, likelyEditing likely: ProbeSubject?) -> Suggestion {
        guard suggestion.scope == .probe, let edited = probe(editedBy: suggestion, likely: likely)?.probe,
              let rook = edited.generatedBy else { return suggestion }
        var adjusted = suggestion
        // The ProbeSpec is another CR's (an MDS before v1.9: the CephCluster's), named when the run has it.
        if rook.cr.kind != manifest.kind {
            let holder = RookManagedObject.holder(rook.cr.kind, name: rook.cr.name.isEmpty ? nil : rook.cr.name,
                                                  namespace: rook.cr.namespace ?? manifest.metadata.namespace, self)
            adjusted.holder = holder.ref
            adjusted.pasteInto = holder.pasteInto(environment.rook.facts)
            adjusted.holderFile = holder.file(environment.rook.facts)
            if rook.acceptsOverrides, let target = heldTarget(suggestion, holder: holder, daemon: rook.daemon, kind: edited.kind) {
                adjusted.target = target
                // The finding is the CephFilesystem's: the line says which file the fix changes.
                adjusted.reason += "; set in \(holder.description) \(target.path) (\(target.file))"
            }
        }
        if !suggestion.current.isWritten, rook.isFromCluster(suggestion.field) { adjusted.setIn = rook.valuesFrom }
        if !suggestion.current.isWritten, !rook.isFromCluster(suggestion.field), !rook.setsByDefault(suggestion.field) { adjusted.kubernetesDefault = true }
        if adjusted.target == nil, !rook.acceptsOverrides || (!suggestion.current.isWritten && !rook.canInsertFields) {
            adjusted.displayOnly = true
            adjusted.yaml = Suggestion.nestedYAML(path: suggestion.path, value: String(suggestion.value))
        }
        if !rook.acceptsOverrides {
            // Where a later release generates no such probe at all (RGW liveness from v1.11), that is
            // the upgrade to lead with: the probe and its incident go away.
            if let removed = RookProbeTable.removal(rook.daemon, edited.kind), removed > rook.version.version,
               let range = RookProbeTable.readingRange(removed) {
                adjusted.reason += "; Rook \(rook.version.version) ignores CR probe timings: Rook \(removed) and later generate no \(edited.kind.fieldName) for \(rook.daemon.rawValue) at all (upgrade there, and nothing is left to fix); \(range) read this timing from the CR"
            } else {
                adjusted.reason += "; Rook \(rook.version.version) ignores CR probe timings: upgrade to \(RookProbeTable.timingReaders(rook.daemon, edited.kind)) first"
            }
            adjusted.ignoredBecause = "Rook \(rook.version.version) reads no probe timing from the CR (\(RookProbeTable.timingOverridesSince) and later do)"
        }
        if let caveat = RookProbeTable.mdsStartupProbeCaveat(rook.daemon, edited.kind, at: rook.version.version)
            ?? RookProbeTable.mdsLivenessTimeoutCaveat(rook.daemon, edited.kind, field: suggestion.field, value: suggestion.value, at: rook.version.version) {
            adjusted.reason += "; " + caveat
        }
        return adjusted
    }
}
