/// Where a `probelint.io/` annotation of an object is written.
public enum AnnotationPlace: Sendable, Equatable {
    /// The object's own `metadata.annotations`.
    case object
    /// Its pod template's `metadata.annotations` (`spec.template`, a CronJob's
    /// `spec.jobTemplate.spec.template`): where Helm charts' `podAnnotations` land.
    case podTemplate

    /// How an origin or a note names the place after the annotation's key: nothing for the
    /// object's own, which is where an annotation is looked for first.
    public var suffix: String {
        switch self {
        case .object: return ""
        case .podTemplate: return " on the pod template"
        }
    }
}

/// The `probelint.io/` annotations probelint reads for an object: its own, then its pod
/// template's. A chart that exposes only `podAnnotations` can configure and silence
/// probelint only there; a Pod carries its template's annotations as its own (and its
/// template is the Pod, so it has no second place).
///
/// Whether a place has a key with probelint's prefix is decided once for the object: most
/// objects have none, and then nothing is looked up again (the unknown-key check, the inputs
/// of every container, the ignore list and PL107 each asked the object's annotations).
public struct ProbelintAnnotations: Sendable {
    /// The object's own annotations and its template's, in that order (the object's wins),
    /// each only when it has a key with probelint's prefix.
    private let object: Annotations?
    private let template: Annotations?

    public init(object: Annotations = Annotations(), template: Annotations = Annotations()) {
        func probelint(_ annotations: Annotations) -> Annotations? {
            annotations.hasKey(withPrefix: InputKey.annotationPrefix) ? annotations : nil
        }
        self.object = probelint(object)
        self.template = probelint(template)
    }

    /// An object's annotations and those of its pod template (none for a Pod or a Rook CR).
    init(_ manifest: Manifest) {
        self.init(object: manifest.metadata.annotations, template: manifest.podSpec?.annotations ?? Annotations())
    }

    /// Whether no place has a key with probelint's prefix.
    var isEmpty: Bool { object == nil && template == nil }

    /// The value of `key` probelint uses, and where it is written: the object's own wins over its template's.
    public subscript(_ key: String) -> (value: Located<String>, place: AnnotationPlace)? {
        if let value = object?[key] { return (value, .object) }
        return template?[key].map { ($0, .podTemplate) }
    }

    /// Every value written for `key`, the object's first: the ignore list takes the rules of
    /// both, and a malformed value is an error wherever it is written.
    func values(_ key: String) -> [(value: Located<String>, place: AnnotationPlace)] {
        guard !isEmpty else { return [] }
        return [object?[key].map { ($0, .object) }, template?[key].map { ($0, .podTemplate) }].compactMap { $0 }
    }

    /// The keys with probelint's prefix, the object's then its template's, each where it is written.
    func keys() -> [(key: Located<String>, place: AnnotationPlace)] {
        func keys(_ annotations: Annotations?, _ place: AnnotationPlace) -> [(key: Located<String>, place: AnnotationPlace)] {
            annotations?.keys(withPrefix: InputKey.annotationPrefix).map { ($0, place) } ?? []
        }
        return keys(object, .object) + keys(template, .podTemplate)
    }
}
