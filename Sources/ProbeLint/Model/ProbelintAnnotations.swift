/// Where a `probelint.io/` annotation of an object is written.
public enum AnnotationPlace: Sendable, Equatable {
    /// The object's own `metadata.annotations`.
    case object
    /// A CronJob's job template's `spec.jobTemplate.metadata.annotations`: the annotations of
    /// each Job it creates, which a Job's own are when it is linted.
    case jobTemplate
    /// Its pod template's `metadata.annotations` (`spec.template`, a CronJob's
    /// `spec.jobTemplate.spec.template`): where Helm charts' `podAnnotations` land.
    case podTemplate
    /// A Rook CR's annotations for its daemons' pods, which Rook copies to them:
    /// `spec.gateway.annotations` (CephObjectStore), `spec.metadataServer.annotations`
    /// (CephFilesystem), `spec.annotations.all` (a CephCluster's, for every daemon) or
    /// `spec.annotations.<daemon>` (`clusterDaemon`). No String payload: a place is copied with
    /// every input's origin, and a payload that needs retaining made each copy a call.
    case gateway, metadataServer, clusterAll
    case clusterDaemon(RookDaemon)

    /// Where a Rook CR's pod annotations are written, after `spec.` (nil for other places).
    public var rookPath: String? {
        switch self {
        case .object, .jobTemplate, .podTemplate: return nil
        case .gateway: return "spec.gateway.annotations"
        case .metadataServer: return "spec.metadataServer.annotations"
        case .clusterAll: return "spec.annotations.all"
        case .clusterDaemon(let daemon): return String(concatenating: "spec.annotations.", daemon.rawValue)
        }
    }

    /// Whether Rook gives these annotations to one daemon's pods only.
    var isDaemonsOwn: Bool {
        if case .clusterDaemon = self { return true }
        return false
    }

    /// How an origin or a note names the place after the annotation's key: nothing for the
    /// object's own, which is where an annotation is looked for first.
    public var suffix: String {
        switch self {
        case .object: return ""
        case .jobTemplate: return " on the job template"
        case .podTemplate: return " on the pod template"
        default: return String(concatenating: " in ", rookPath ?? "")
        }
    }
}

/// Annotations and where they are written.
public struct PlacedAnnotations: Sendable {
    public var annotations: Annotations
    public var place: AnnotationPlace

    public init(_ annotations: Annotations, _ place: AnnotationPlace) {
        self.annotations = annotations
        self.place = place
    }
}

/// The `probelint.io/` annotations probelint reads for an object: its own, then (a CronJob's)
/// its job template's, then its pod template's, then (for a Rook CR) those Rook copies to its daemons' pods. A chart that
/// exposes only `podAnnotations` can configure and silence probelint only there; a Pod
/// carries its template's annotations as its own (and its template is the Pod, so it has
/// no second place).
///
/// Whether a place has a key with probelint's prefix is decided once for the object: most
/// objects have none, and then nothing is looked up again (the unknown-key check, the inputs
/// of every container, the ignore list and PL107 each asked the object's annotations).
public struct ProbelintAnnotations: Sendable {
    /// The object's own annotations, a CronJob's job template's and its pod template's, in that
    /// order (the object's wins), each only when it has a key with probelint's prefix.
    private let object: Annotations?
    private let jobTemplate: Annotations?
    private let template: Annotations?
    /// A Rook CR's pod annotations, after those (in Rook's order: `all` before a daemon's own,
    /// as Rook's `Annotations.Merge` keeps `all`'s value of a key both set), each only when it
    /// has a key with probelint's prefix. Empty for every other object (no allocation).
    private let rook: [PlacedAnnotations]

    /// `jobTemplate`: a CronJob's (nil for every other object, which is then not asked).
    public init(object: Annotations = Annotations(), jobTemplate: Annotations? = nil, template: Annotations = Annotations(),
                rook: [PlacedAnnotations] = []) {
        func probelint(_ annotations: Annotations) -> Annotations? {
            annotations.hasKey(withPrefix: InputKey.annotationPrefix) ? annotations : nil
        }
        self.object = probelint(object)
        self.jobTemplate = jobTemplate.flatMap(probelint)
        self.template = probelint(template)
        self.rook = rook.isEmpty ? [] : rook.filter { $0.annotations.hasKey(withPrefix: InputKey.annotationPrefix) }
    }

    /// An object's annotations, those of a CronJob's job template, those of its pod template
    /// (none for a Pod or a Rook CR), and those a Rook CR gives all its daemons' pods.
    init(_ manifest: Manifest) {
        let podSpec = manifest.podSpec
        self.init(object: manifest.metadata.annotations, jobTemplate: podSpec?.jobTemplateAnnotations,
                  template: podSpec?.annotations ?? Annotations(), rook: manifest.rook?.podAnnotations.map { [$0] } ?? [])
    }

    private init(object: Annotations?, jobTemplate: Annotations?, template: Annotations?, rook: [PlacedAnnotations]) {
        self.object = object
        self.jobTemplate = jobTemplate
        self.template = template
        self.rook = rook
    }

    /// These annotations and `own`'s after them: a Rook daemon's pod, whose own annotations
    /// (`spec.annotations.mon`) come after those of all the CR's pods. Self when `own` has no
    /// key with probelint's prefix.
    func adding(_ own: PlacedAnnotations) -> ProbelintAnnotations {
        guard own.annotations.hasKey(withPrefix: InputKey.annotationPrefix) else { return self }
        return ProbelintAnnotations(object: object, jobTemplate: jobTemplate, template: template, rook: rook + [own])
    }

    /// Whether no place has a key with probelint's prefix.
    var isEmpty: Bool { object == nil && jobTemplate == nil && template == nil && rook.isEmpty }

    /// The value of `key` probelint uses, and where it is written: the object's own wins over its
    /// job template's, that over its pod template's. A blank value (`""`, a chart's default) sets nothing, as for the inputs.
    public subscript(_ key: String) -> (value: Located<String>, place: AnnotationPlace)? {
        values(key).first { $0.value.value.contains(where: { !$0.isWhitespace }) }
    }

    /// Every value written for `key`, the object's first: the ignore list takes the rules of
    /// every place, and a malformed value is an error wherever it is written.
    func values(_ key: String) -> [(value: Located<String>, place: AnnotationPlace)] {
        guard !isEmpty else { return [] }
        var found: [(value: Located<String>, place: AnnotationPlace)] = []
        if let value = object?[key] { found.append((value, .object)) }
        if let value = jobTemplate?[key] { found.append((value, .jobTemplate)) }
        if let value = template?[key] { found.append((value, .podTemplate)) }
        for placed in rook { if let value = placed.annotations[key] { found.append((value, placed.place)) } }
        return found
    }

    /// The values of keys with probelint's prefix that are no string (a plain `3`, `true`), the
    /// object's then its templates': the key, the value as written, its type and its place.
    func nonStringValues() -> [(key: String, value: Located<String>, type: String, place: AnnotationPlace)] {
        func values(_ annotations: Annotations?, _ place: AnnotationPlace) -> [(key: String, value: Located<String>, type: String, place: AnnotationPlace)] {
            annotations?.nonStringValues(withPrefix: InputKey.annotationPrefix).map { ($0.key, $0.value, $0.type, place) } ?? []
        }
        return values(object, .object) + values(jobTemplate, .jobTemplate) + values(template, .podTemplate)
            + rook.flatMap { values($0.annotations, $0.place) }
    }

    /// The keys with probelint's prefix, the object's then its templates', each where it is written.
    func keys() -> [(key: Located<String>, place: AnnotationPlace)] {
        func keys(_ annotations: Annotations?, _ place: AnnotationPlace) -> [(key: Located<String>, place: AnnotationPlace)] {
            annotations?.keys(withPrefix: InputKey.annotationPrefix).map { ($0, place) } ?? []
        }
        return keys(object, .object) + keys(jobTemplate, .jobTemplate) + keys(template, .podTemplate)
            + rook.flatMap { keys($0.annotations, $0.place) }
    }
}
