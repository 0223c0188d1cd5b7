/// The daemon a container runs: a Ceph daemon, or any other workload.
public enum Component: String, CaseIterable, Sendable {
    case rgw, mds, mon, mgr, osd, generic

    /// The daemon's name before a noun ("the rgw endpoint"), or nothing for a workload that runs
    /// no Ceph daemon ("the endpoint", not "the generic endpoint").
    public var before: String { self == .generic ? "" : rawValue + " " }
}

/// How a component was recognised, for the finding's notes.
public struct ComponentDetection: Sendable, Equatable {
    public var component: Component
    public var evidence: String
}

/// The one table that recognises Ceph daemons: Rook's `app` label, the
/// container name Rook gives (or ceph-container's, `ceph-` and that name), and the
/// executable the container runs.
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

    /// Each signature's executable in table order, then the shells whose scripts detection
    /// reads (`Component.shells`): the first word of a command is looked up once for both.
    static let executablesThenShells = signatures.map(\.executable) + Component.shells

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
        let signatures = ComponentTable.signatures
        let commandRuns = command.firstExecutable(among: ComponentTable.executablesThenShells)
        let argsRuns = args.firstExecutable(among: ComponentTable.executablesThenShells)
        let runs = min(commandRuns ?? .max, argsRuns ?? .max)
        if runs < signatures.count {
            return ComponentDetection(component: signatures[runs].component, evidence: signatures[runs].runsEvidence)
        }
        // `sh -c "... exec ceph-mon --fsid=..."`, as in Rook's floating-mon template: a shell that
        // runs the command, or the args when there is no command.
        if let first = commandRuns ?? (command.isEmpty ? argsRuns : nil), first >= signatures.count {
            let shell = ComponentTable.executablesThenShells[first]
            let words = (container.command + container.args).dropFirst().flatMap {
                $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" })
            }.map { String($0.split(separator: "/").last ?? $0) }
            for sig in signatures where words.contains(sig.executable) {
                return ComponentDetection(component: sig.component, evidence: "runs \(sig.executable) from a \(shell) script")
            }
        }
        // By index, not `for sig in`: that copied each signature (six Strings) out of the table.
        // The image is read only for a container with a daemon's name (the table's names differ,
        // so at most one has it), and the `app` label only when the image does not settle it:
        // a daemon's container nearly always runs a Ceph image.
        let named = signatures.indices.first { container.name == signatures[$0].containerName }
        if let i = named, container.imageText.contains("ceph") {
            return ComponentDetection(component: signatures[i].component, evidence: signatures[i].nameEvidence)
        }
        // ceph-container's examples and charts name it `ceph-rgw`, `ceph-mds`, ... and run the
        // ceph/daemon image, which picks the daemon from CEPH_DAEMON: the name on a Ceph image.
        if container.name.utf8.starts(with: "ceph-".utf8), container.imageText.contains("ceph"),
           let i = signatures.indices.first(where: { container.name.utf8.dropFirst(5).elementsEqual(signatures[$0].containerName.utf8) }) {
            return ComponentDetection(component: signatures[i].component, evidence: "container name ceph-" + signatures[i].containerName + " on a Ceph image")
        }
        let app = podLabels["app"] ?? objectLabels()["app"]
        if let i = named, app == signatures[i].appLabel {
            return ComponentDetection(component: signatures[i].component, evidence: signatures[i].nameEvidence)
        }
        if isMainContainer, let app, let i = signatures.firstIndex(where: { $0.appLabel == app }) {
            return ComponentDetection(component: signatures[i].component, evidence: signatures[i].labelEvidence)
        }
        return ComponentDetection(component: .generic, evidence: "no Ceph daemon recognised")
    }

    /// The shells whose scripts detection reads for a daemon's executable.
    static let shells = ["sh", "bash", "dash"]
}
