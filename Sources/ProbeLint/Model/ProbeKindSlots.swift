/// One optional value per probe kind, held inline: a Dictionary or an array for
/// every container or ProbeSpec was an allocation (and a Dictionary resized as
/// it filled), and finding the value of a kind a search.
public struct ProbeKindSlots<Value: Sendable>: Sendable {
    private var startup: Value?, liveness: Value?, readiness: Value?

    public init() {}

    public subscript(_ kind: ProbeKind) -> Value? {
        get {
            switch kind {
            case .startup: return startup
            case .liveness: return liveness
            case .readiness: return readiness
            }
        }
        set {
            switch kind {
            case .startup: startup = newValue
            case .liveness: liveness = newValue
            case .readiness: readiness = newValue
            }
        }
    }

    public var count: Int { (startup == nil ? 0 : 1) + (liveness == nil ? 0 : 1) + (readiness == nil ? 0 : 1) }

    /// The values held, in kind order (`ProbeKind.allCases`).
    public var all: [Value] { [startup, liveness, readiness].compactMap { $0 } }

    /// The values held with their kinds, in kind order.
    public var entries: [(kind: ProbeKind, value: Value)] {
        ProbeKind.allCases.compactMap { kind in self[kind].map { (kind, $0) } }
    }
}
