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
        var component: Component
        var appLabel: String
        var containerName: String
        var executable: String
    }

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
    public static func detect(_ container: Container, podLabels: [String: String],
                              objectLabels: [String: String], isMainContainer: Bool) -> ComponentDetection {
        let executables = (container.command.prefix(1) + container.args.prefix(1)).map { word in
            word.utf8.contains(UInt8(ascii: "/")) ? String(word.split(separator: "/").last ?? Substring(word)) : word
        }
        for sig in ComponentTable.signatures where executables.contains(sig.executable) {
            return ComponentDetection(component: sig.component, evidence: String(concatenating: "runs ", sig.executable))
        }
        // `sh -c "... exec ceph-mon --fsid=..."`, as in Rook's floating-mon template.
        if let shell = executables.first, ["sh", "bash", "dash"].contains(shell) {
            let words = (container.command + container.args).dropFirst().flatMap {
                $0.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == ";" })
            }.map { String($0.split(separator: "/").last ?? $0) }
            for sig in ComponentTable.signatures where words.contains(sig.executable) {
                return ComponentDetection(component: sig.component, evidence: "runs \(sig.executable) from a \(shell) script")
            }
        }
        let app = podLabels["app"] ?? objectLabels["app"]
        let cephImage = container.image.map { Self.contains($0, "ceph") } ?? false
        for sig in ComponentTable.signatures where container.name == sig.containerName && (cephImage || app == sig.appLabel) {
            return ComponentDetection(component: sig.component, evidence: String(concatenating: "container name ", sig.containerName))
        }
        if isMainContainer, let app, let sig = ComponentTable.signatures.first(where: { $0.appLabel == app }) {
            return ComponentDetection(component: sig.component, evidence: String(concatenating: "label app=", app))
        }
        return ComponentDetection(component: .generic, evidence: "no Ceph daemon recognised")
    }

    /// Byte search (String.contains goes through the generic string-processing path).
    static func contains(_ text: String, _ word: StaticString) -> Bool {
        var text = text
        return text.withUTF8 { ByteSearch.find($0, word, from: 0) != nil }
    }
}
