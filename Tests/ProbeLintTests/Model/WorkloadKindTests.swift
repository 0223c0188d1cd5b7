import Testing
@testable import ProbeLint

@Suite struct WorkloadKindTests {
    /// `init(rawValue:)` finds the kind whose `rawValue` is the name, for every kind and for names that are not kinds.
    @Test(arguments: WorkloadKind.allCases.map(\.rawValue) + ["", "pod", "Pods", "Jo", "Service", "ConfigMap", "CronJob ",
                                                             "ReplicationControllers", "DaemonSEt", "CephCluster"])
    func findsTheKindNamed(name: String) {
        #expect(WorkloadKind(rawValue: name) == WorkloadKind.allCases.first { $0.rawValue == name })
    }
}
