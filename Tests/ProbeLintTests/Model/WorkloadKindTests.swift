import Testing
@testable import ProbeLint

@Suite struct WorkloadKindTests {
    /// `init(kind:)` finds what `init(rawValue:)` finds, for every kind and for names that are not kinds.
    @Test(arguments: WorkloadKind.allCases.map(\.rawValue) + ["", "pod", "Pods", "Jo", "Service", "ConfigMap", "CronJob ",
                                                             "ReplicationControllers", "DaemonSEt", "CephCluster"])
    func findsWhatRawValueFinds(name: String) {
        #expect(WorkloadKind(kind: name) == WorkloadKind(rawValue: name))
    }
}
