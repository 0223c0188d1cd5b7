import Testing
@testable import ProbeLint

@Suite struct WorkloadKindTests {
    /// `init(rawValue:)` finds the kind whose `rawValue` is the name, for every kind and for names that are not kinds.
    @Test(arguments: WorkloadKind.allCases.map(\.rawValue) + ["", "pod", "Pods", "Jo", "Service", "ConfigMap", "CronJob ",
                                                             "ReplicationControllers", "DaemonSEt", "CephCluster", "Rollouts",
                                                             "RollOut", "Deploymentconfig", "DeploymentConfigs",
                                                             "PodTemplates", "Podtemplate", "PodTemplateList", "StatefulSeT"])
    func findsTheKindNamed(name: String) {
        #expect(WorkloadKind(rawValue: name) == WorkloadKind.allCases.first { $0.rawValue == name })
    }

    /// The group an `apiVersion` names: the part before its `/`, or the core group for a bare version.
    @Test(arguments: [("v1", APIGroup.core), ("apps/v1", .apps), ("apps/v1beta2", .apps), ("extensions/v1beta1", .extensions),
                      ("batch/v1", .batch), ("argoproj.io/v1alpha1", .argoproj), ("apps.openshift.io/v1", .openShiftApps),
                      ("example.com/v1", .other), ("ceph.rook.io/v1", .other), ("appz/v1", .other), ("Apps/v1", .other),
                      ("apps.openshift.iO/v1", .other), ("/v1", .other)])
    func apiGroupOfAnAPIVersion(apiVersion: String, group: APIGroup) {
        #expect(Self.group(apiVersion) == group)
    }

    /// A kind is that workload only in its own API groups, the legacy ones included; with
    /// no `apiVersion` written, by its kind alone.
    @Test(arguments: [
        ("Pod", "v1", true), ("Pod", "apps/v1", false), ("ReplicationController", "v1", true),
        ("Deployment", "apps/v1", true), ("Deployment", "extensions/v1beta1", true), ("Deployment", "v1", false),
        ("Deployment", "example.com/v1", false), ("DaemonSet", "extensions/v1beta1", true), ("ReplicaSet", "apps/v1", true),
        ("StatefulSet", "apps/v1beta1", true), ("StatefulSet", "extensions/v1beta1", false),
        ("Job", "batch/v1", true), ("Job", "extensions/v1beta1", true), ("Job", "apps/v1", false),
        ("CronJob", "batch/v1beta1", true), ("CronJob", "extensions/v1beta1", false),
        ("Rollout", "argoproj.io/v1alpha1", true), ("Rollout", "apps/v1", false),
        ("DeploymentConfig", "apps.openshift.io/v1", true), ("DeploymentConfig", "v1", true), ("DeploymentConfig", "apps/v1", false),
        ("PodTemplate", "v1", true), ("PodTemplate", "apps/v1", false),
    ])
    func servedOnlyInItsOwnGroups(kind: String, apiVersion: String, served: Bool) throws {
        let workload = try #require(WorkloadKind(rawValue: kind))
        #expect(workload.isServed(in: Self.group(apiVersion)) == served)
        #expect(workload.isServed(in: nil))
    }

    static func group(_ apiVersion: String) -> APIGroup {
        Array(apiVersion.utf8).withUnsafeBufferPointer { APIGroup(apiVersion: $0) }
    }
}
