/// A liveness probe on the port that serves the daemon's data answers as slowly
/// as the data path: under load it fails and restarts a daemon that is merely busy.
///
/// Data ports: for rgw, mds, mon and osd every network port (their only TCP
/// listeners are the S3/Swift frontends and the Ceph messenger); mgr has none
/// (its HTTP ports serve metrics and the dashboard); for any other workload only
/// the ports listed in the annotation `probelint.io/data-ports`.
struct LivenessProbeOnDataPort: Rule {
    static let info = RuleInfo(
        id: "PL107", name: "liveness-probe-on-data-port",
        summary: "A liveness probe hits the port that serves the daemon's data, so its latency follows client load and it restarts a daemon that is only busy.",
        defaultSeverity: .warning, fix: .none, tags: ["reliability", "probes", "ceph"])

    static let dataPortsAnnotation = "probelint.io/data-ports"

    static let rookHistoryNote = Note(kind: .note, text: "Rook moved RGW liveness off GET / (rook#4484) and then removed it: RGW restarts itself and forced restarts \"only cause more load to the Ceph cluster\" (rook#11374)")
    static let fixNote = Note(kind: .note, text: "fix: an exec probe on the admin socket, a port that does not carry client traffic, or no liveness probe (keep the readinessProbe)")
    /// The same for a container without a readinessProbe, which has none to keep.
    static let fixNoteWithoutReadiness = Note(kind: .note, text: "fix: an exec probe on the admin socket, a port that does not carry client traffic, or no liveness probe and a readinessProbe in its place (a busy daemon then leaves its Service instead of restarting)")

    /// The fix of a probe Rook generates from a CR: its handler is Rook's, so what the CR can
    /// do in that release (`disabled` from v1.4, rook#5836), and for RGW the release that
    /// generates no liveness probe (v1.11, rook#11374). Before v1.4 nothing in the CR changes it.
    static func rookFixNote(_ generation: RookGeneration) -> Note {
        rookFixNote(version: generation.version.version, specPath: generation.specPath, cr: generation.crDescription, daemon: generation.daemon)
    }

    /// The same for the CR field `specPath` of `cr` that Rook `version` turns into the probe.
    static func rookFixNote(version: RookVersion, specPath: String, cr: String, daemon: RookDaemon) -> Note {
        let disable = "\(specPath).disabled: true in \(cr)"
        let none = daemon == .rgw ? "Rook \(RookProbeTable.rgwProbeScriptSince) and later generate no RGW liveness probe" : nil
        if version >= RookProbeTable.disabledSince {
            return Note(.note, "fix: \(disable) (Rook then generates no livenessProbe for it)\(none.map { ", or upgrade: \($0)" } ?? "")")
        }
        return Note(.note, "fix: Rook \(version) writes this probe and reads no setting that changes or removes it: upgrade (from Rook \(RookProbeTable.disabledSince), \(disable) removes it\(none.map { "; \($0)" } ?? ""))")
    }

    /// The fix of a probe in an object a Rook CR owns, which the operator writes back (PL301):
    /// in the CR, as for a probe generated from one, or nothing to change where the Rook
    /// modelled generates the probe no more (RGW's liveness from v1.11), as PL301 and the
    /// timing rules' fixes say. It said to change the handler in the object itself.
    static func rookOwnedFixNote(_ object: ObjectContext, _ component: Component) -> Note? {
        guard let owner = object.manifest.rookOwner, let daemon = RookDaemon(rawValue: component.rawValue) else { return nil }
        let version = object.rookVersion.version
        if RookProbeTable.generatesNone(daemon, .liveness, at: version) {
            return Note(.note, "fix: nothing to change: Rook \(version) generates no livenessProbe for \(daemon.rawValue) and removes this one (PL301)")
        }
        guard let place = RookManagedObject.crField(owner: owner.kind, component: component, kind: .liveness, at: version) else { return nil }
        let holder = RookManagedObject.holder(place.kind, owner: owner, object)
        return rookFixNote(version: version, specPath: place.path, cr: holder.description, daemon: daemon)
    }

    func check(_ object: ObjectContext, into findings: inout [Finding]) {
        let declared = object.annotations[Self.dataPortsAnnotation]
        for index in object.probes.indices {
            // Which ports serve data is decided once, for PL101 and PL102 too (`Inputs.onDataPath`);
            // a generic workload's ports without the annotation are its data ports there, but
            // nothing here tells which, so this rule stays silent for them.
            guard object.probes[index].probe.kind == .liveness, object.probes[index].inputs.sharesDataPath,
                  let handler = object.probes[index].probe.handler, let port = handler.port else { continue }
            let component = object.probes[index].detection.component
            let origin = declared == nil ? "default" : "annotation"
            let dataPort: NoteText
            if component == .generic {
                guard let declared else { continue }
                dataPort = "port \(port) is a data port (listed in \(Self.dataPortsAnnotation)\(declared.place.suffix): \(declared.value.value))"
            } else if object.probes[index].probe.generatedBy?.reachesInternalPort == true {
                dataPort = "port \(port) is a data port: on the pod network Rook's RGW listens on it, and the Service sends gateway.port's clients to it (with the host's network, gateway.port itself)"
            } else {
                dataPort = "port \(port) is a data port (every TCP port of \(component.rawValue) serves its clients)"
            }
            let subject = object.probes[index]
            var notes = Notes()
            ProbeArithmetic.componentNote(subject, into: &notes)
            notes.append(.input, dataPort, name: "dataPort", origin: origin)
            let message: MessageText
            if component == .rgw, handler.kind == .httpGet, (handler.path ?? "/") == "/" {
                message = "livenessProbe GET / on port \(port) is an anonymous S3 ListBuckets that waits on the OSDs: its latency follows cluster load (rook#6304), and under load it restarts RGW"
                notes.append(Self.rookHistoryNote)
            } else {
                message = "livenessProbe \(handler.kind.rawValue) on port \(port) shares \(component == .generic ? "a" : "the \(component.rawValue)") data port: its latency follows client load, and under load it restarts a daemon that is only busy"
            }
            notes.append(subject.probe.generatedBy.map(Self.rookFixNote) ?? Self.rookOwnedFixNote(object, component)
                         ?? (subject.container.probe(.readiness) == nil ? Self.fixNoteWithoutReadiness : Self.fixNote))
            findings.append(object.finding(Self.info, message, at: handler.portRange ?? handler.key, object: subject.ref, notes: consume notes))
        }
    }

    /// `"8080, http"` -> ["8080", "http"].
    static func portList(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }

    /// A port number (1 to 65535) or a name Kubernetes allows a port (IANA_SVC_NAME: 1 to 15
    /// lowercase letters, digits and '-', with a letter, no '-' at either end or twice in a row).
    static func isPort(_ word: String) -> Bool {
        let bytes = Array(word.utf8)
        if bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return bytes.count <= 5 && Int(word).map { (1...65535).contains($0) } == true
        }
        let allowed = bytes.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
        return allowed && bytes.count <= 15 && bytes.first != UInt8(ascii: "-") && bytes.last != UInt8(ascii: "-")
            && !word.contains("--")
    }

    /// A probe port matches a listed port by number or name, either directly or
    /// through the container's declared port of that name or number.
    static func matches(_ port: PortRef, _ listed: [String], _ container: Container) -> Bool {
        var names: Set<String> = [port.description]
        if let declared = container.declaredPort(port) {
            if let number = declared.containerPort { names.insert(String(number)) }
            if let name = declared.name { names.insert(name) }
        }
        return listed.contains { names.contains($0) }
    }
}
