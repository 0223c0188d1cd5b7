/// The API group an object's `apiVersion` names: the part before its `/`, or the core
/// group for a bare version (`v1`). Only the groups that serve a workload kind have a
/// case (`WorkloadKind.isServed(in:)`); every other group is `other`.
enum APIGroup: Sendable, Equatable {
    case core, apps, extensions, batch
    /// Argo Rollouts (`argoproj.io/v1alpha1`).
    case argoproj
    /// OpenShift's DeploymentConfig (`apps.openshift.io/v1`).
    case openShiftApps
    case other

    /// The group of `apiVersion`, read from its bytes: the decoder asks this of every
    /// workload, and a String of the group cost an allocation for each.
    init(apiVersion: UnsafeBufferPointer<UInt8>) {
        guard let slash = apiVersion.firstIndex(of: UInt8(ascii: "/")) else {
            self = .core
            return
        }
        let group = UnsafeBufferPointer(rebasing: apiVersion[..<slash])
        // By length first, then the one name of that length.
        let candidate: (APIGroup, StaticString)
        switch group.count {
        case 4: candidate = (.apps, "apps")
        case 5: candidate = (.batch, "batch")
        case 10: candidate = (.extensions, "extensions")
        case 11: candidate = (.argoproj, "argoproj.io")
        case 17: candidate = (.openShiftApps, "apps.openshift.io")
        default: candidate = (.other, "")
        }
        let name = UnsafeBufferPointer(start: candidate.1.utf8Start, count: candidate.1.utf8CodeUnitCount)
        self = group.elementsEqual(name) ? candidate.0 : .other
    }
}
