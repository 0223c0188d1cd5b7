/// The daemon a container runs: a Ceph daemon, or any other workload.
public enum Component: String, CaseIterable, Sendable {
    case rgw, mds, mon, mgr, osd, generic
}

/// How a component was recognised, for the finding's notes.
public struct ComponentDetection: Sendable, Equatable {
    public var component: Component
    public var evidence: String
}

/// The one table that recognises Ceph daemons: Rook's `app` label, the
/// container name Rook gives, and the executable the container runs.
enum ComponentTable {
    struct Signature {
        let component: Component
        let appLabel: String
        let containerName: String
        let executable: String
        /// The evidence for each way of recognising it, joined once for the run
        /// rather than for every container recognised.
        let runsEvidence: String, nameEvidence: String, labelEvidence: String

        init(component: Component, appLabel: String, containerName: String, executable: String) {
            self.component = component
            self.appLabel = appLabel
            self.containerName = containerName
            self.executable = executable
            runsEvidence = "runs " + executable
            nameEvidence = "container name " + containerName
            labelEvidence = "label app=" + appLabel
        }
    }

    /// Each signature's executable, in table order.
    static let executables = signatures.map(\.executable)

    static let signatures: [Signature] = [
        Signature(component: .rgw, appLabel: "rook-ceph-rgw", containerName: "rgw", executable: "radosgw"),
        Signature(component: .mds, appLabel: "rook-ceph-mds", containerName: "mds", executable: "ceph-mds"),
        Signature(component: .mon, appLabel: "rook-ceph-mon", containerName: "mon", executable: "ceph-mon"),
        Signature(component: .mgr, appLabel: "rook-ceph-mgr", containerName: "mgr", executable: "ceph-mgr"),
        Signature(component: .osd, appLabel: "rook-ceph-osd", containerName: "osd", executable: "ceph-osd"),
    ]
}

extension Component {
    /// Detects the daemon of `container`, most specific evidence first: the
    /// executable it runs, then Rook's container name on a Ceph image or in a
    /// pod with Rook's label, then the label alone for the pod's main container.
    /// `objectLabels` is read only when the pod has no `app` label.
    public static func detect(_ container: Container, podLabels: Labels,
                              objectLabels: @autoclosure () -> [String: String], isMainContainer: Bool) -> ComponentDetection {
        // The first word of the command and of the args, without a directory, compared in place.
        // The signature first in the table wins when the two run different daemons.
        let command = container.commandWords, args = container.argsWords
        let runs = min(command.firstExecutable(among: ComponentTable.executables) ?? .max,
                       args.firstExecutable(among: ComponentTable.executables) ?? .max)
        if runs < ComponentTable.signatures.count {
            let sig = ComponentTable.signatures[runs]
            return ComponentDetection(component: sig.component, evidence: sig.runsEvidence)
        }
        // `sh -c "... exec ceph-mon --fsid=..."`, as in Rook's floating-mon template.
        if let shell = (command.isEmpty ? args : command).firstExecutable(among: Self.shells).map({ Self.shells[$0] }) {
            let words = (container.command + container.args).dropFirst().flatMap {
                $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" })
            }.map { String($0.split(separator: "/").last ?? $0) }
            for sig in ComponentTable.signatures where words.contains(sig.executable) {
                return ComponentDetection(component: sig.component, evidence: "runs \(sig.executable) from a \(shell) script")
            }
        }
        let app = podLabels["app"] ?? objectLabels()["app"]
        let cephImage = container.imageText.contains("ceph")
        for sig in ComponentTable.signatures where container.name == sig.containerName && (cephImage || app == sig.appLabel) {
            return ComponentDetection(component: sig.component, evidence: sig.nameEvidence)
        }
        if isMainContainer, let app, let sig = ComponentTable.signatures.first(where: { $0.appLabel == app }) {
            return ComponentDetection(component: sig.component, evidence: sig.labelEvidence)
        }
        return ComponentDetection(component: .generic, evidence: "no Ceph daemon recognised")
    }

    /// The shells whose scripts detection reads for a daemon's executable.
    static let shells = ["sh", "bash", "dash"]
}
