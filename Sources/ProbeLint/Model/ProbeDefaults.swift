/// Kubernetes' defaults and minimums for probe and pod timing fields: the one
/// place these numbers live (k8s.io/api core/v1 Probe; pkg/apis/core/validation).
public enum ProbeDefaults {
    public static let initialDelaySeconds = 0
    public static let timeoutSeconds = 1
    public static let periodSeconds = 10
    public static let successThreshold = 1
    public static let failureThreshold = 3
    /// Pod-level `terminationGracePeriodSeconds`.
    public static let terminationGracePeriodSeconds = 30

    public static func value(of field: ProbeField) -> Int {
        switch field {
        case .initialDelaySeconds: return initialDelaySeconds
        case .timeoutSeconds: return timeoutSeconds
        case .periodSeconds: return periodSeconds
        case .successThreshold: return successThreshold
        case .failureThreshold: return failureThreshold
        case .terminationGracePeriodSeconds: return terminationGracePeriodSeconds
        }
    }

    /// Whether the API server replaces a written 0 with the default before it validates
    /// (`SetDefaults_Probe` in pkg/apis/core/v1/defaults.go): a 0 there is the default.
    public static func zeroMeansDefault(_ field: ProbeField) -> Bool {
        switch field {
        case .timeoutSeconds, .periodSeconds, .successThreshold, .failureThreshold: return true
        case .initialDelaySeconds, .terminationGracePeriodSeconds: return false
        }
    }

    /// The smallest value the API server accepts (after a 0 became the default, `zeroMeansDefault`).
    public static func minimum(of field: ProbeField) -> Int {
        switch field {
        case .initialDelaySeconds: return 0
        case .timeoutSeconds, .periodSeconds, .successThreshold, .failureThreshold, .terminationGracePeriodSeconds: return 1
        }
    }
}

/// The integer timing fields of a `Probe`, named as in the manifest.
public enum ProbeField: String, CaseIterable, Sendable, HashedByCase {
    case initialDelaySeconds, timeoutSeconds, periodSeconds, successThreshold, failureThreshold
    case terminationGracePeriodSeconds

    public var caseIndex: Int {
        switch self {
        case .initialDelaySeconds: 0
        case .timeoutSeconds: 1
        case .periodSeconds: 2
        case .successThreshold: 3
        case .failureThreshold: 4
        case .terminationGracePeriodSeconds: 5
        }
    }

}
