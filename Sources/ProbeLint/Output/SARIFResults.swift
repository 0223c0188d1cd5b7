/// SARIF `results`: one per finding, with its location, logical locations,
/// fingerprint and the fixes that apply in place.
extension SARIFReporter {
    /// Writes the result; `wroteFingerprint` is called with the sink and the fingerprint's
    /// lanes just after its digits (`items` notes where they are: `RepeatedFingerprints`).
    func write<Sink: JSONSink & ~Copyable>(_ f: Finding, to w: inout Sink,
                                           wroteFingerprint: (borrowing Sink, RepeatedFingerprints.Key) -> Void = { _, _ in }) {
        w.beginObject()
        w.member("ruleId", f.rule.rawValue)
        if let index = Self.infos.firstIndex(where: { $0.id == f.rule }) { w.member("ruleIndex", index) }
        w.member("level", Self.level(f.severity))
        w.key("message")
        writeText(source.message(of: f), to: &w)
        w.key("locations")
        w.beginArray()
        w.beginObject()
        if !source.locatesByObject {
            w.key("physicalLocation")
            w.beginObject()
            w.key("artifactLocation")
            writeArtifactLocation(f.file, to: &w)
            w.key("region")
            writeRegion(f.range, file: f.file, to: &w)
            w.endObject()
        } else if let anchor = source.anchorFile {
            writeAnchor(anchor, to: &w)
        } else {
            writeObjectArtifact(f.object.displayName, to: &w)
        }
        w.key("logicalLocations")
        w.beginArray()
        writeLogicalLocations(f, to: &w)
        w.endArray()
        w.endObject()
        w.endArray()
        w.key("partialFingerprints")
        w.beginObject()
        w.key(Self.fingerprintKey)
        let fingerprint = RepeatedFingerprints.Key(Self.fingerprintLanes(f))
        w.string(fingerprint.hex)
        wroteFingerprint(w, fingerprint)
        w.endObject()
        if !source.locatesByObject { writeFix(f, to: &w) }
        w.endObject()
    }

    /// `physicalLocation` at the start of `file` (a kustomization's), where GitHub shows a finding
    /// that has no place of its own in a file: the message names the object and field.
    func writeAnchor<Sink: JSONSink & ~Copyable>(_ file: String, to w: inout Sink) {
        w.key("physicalLocation")
        w.beginObject()
        w.key("artifactLocation")
        writeArtifactLocation(file, to: &w)
        writeFirstCharacter(to: &w)
        w.endObject()
    }

    /// A `region` of line 1, column 1: the place of a result that no line of its artifact holds.
    /// GitHub's documentation marks the region's four fields required (its rule GH1003: "At
    /// minimum, 'region.startLine' is required").
    func writeFirstCharacter<Sink: JSONSink & ~Copyable>(to w: inout Sink) {
        w.key("region")
        w.beginObject()
        w.member("startLine", 1)
        w.member("startColumn", 1)
        w.member("endLine", 1)
        w.member("endColumn", 1)
        w.endObject()
    }

    /// `physicalLocation` of a live object, which no file holds: its name (`deployment/shop/web`,
    /// as `-o github` names it) as the artifact, at line 1, column 1. GitHub code scanning refuses a
    /// whole upload whose results lack an artifact location ("locationFromSarifResult: expected
    /// artifact location"; its ingestion rule GH1001). Not made relative to the working folder:
    /// it is no path.
    func writeObjectArtifact<Sink: JSONSink & ~Copyable>(_ name: String, to w: inout Sink) {
        w.key("physicalLocation")
        w.beginObject()
        w.key("artifactLocation")
        w.beginObject()
        w.member("uri", Self.percentEncoded(name))
        w.member("uriBaseId", "%SRCROOT%")
        w.endObject()
        writeFirstCharacter(to: &w)
        w.endObject()
    }

    /// A SARIF message: `{"text": ...}`, its `{` and `}` doubled, as a message string SHALL write
    /// them (3.11.5: a viewer reads `{0}` as a placeholder, and `{{` as one brace).
    func writeText<Sink: JSONSink & ~Copyable>(_ text: String, to w: inout Sink) {
        w.beginObject()
        w.member("text", Self.messageString(text))
        w.endObject()
    }

    /// `text` with each `{` and `}` doubled (3.11.5); itself when it has none.
    static func messageString(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for c in text.unicodeScalars {
            out.unicodeScalars.append(c)
            if c == "{" || c == "}" { out.unicodeScalars.append(c) }
        }
        return out
    }

    /// An artifactContent (3.3): text as it is, not a message (the YAML a fix inserts).
    func writeContent<Sink: JSONSink & ~Copyable>(_ text: String, to w: inout Sink) {
        w.beginObject()
        w.member("text", text)
        w.endObject()
    }

    /// Stays the same when unrelated lines move: rule, object, container and
    /// field path, never the line.
    public static func fingerprint(_ f: Finding) -> String {
        StableHash.hex(fingerprintLanes(f))
    }

    /// `fingerprint`'s two lanes, before they are written as hex digits.
    static func fingerprintLanes(_ f: Finding) -> (UInt64, UInt64) {
        let o = f.object
        let parts = [f.rule.rawValue, o.kind, o.namespace ?? "", o.name, o.container ?? "",
                     f.path.map(withoutContainerIndex) ?? o.probe?.fieldName ?? ""]
        return StableHash.lanes(joining: parts, separator: UInt8(ascii: "|"))
    }

    /// The field path with its container's index left out (`containers[1]` -> `containers[]`):
    /// the container's name is in the fingerprint already, and its index moves when a sidecar
    /// is added before it (`probelint/v1` kept the index, and such an edit reopened the
    /// alerts of every later container).
    static func withoutContainerIndex(_ path: String) -> String {
        let bytes = Array(path.utf8), marker = Array("ontainers[".utf8)
        guard bytes.count > marker.count,
              let at = (0...(bytes.count - marker.count)).first(where: { bytes[$0..<$0 + marker.count].elementsEqual(marker) }),
              let close = bytes[(at + marker.count)...].firstIndex(of: UInt8(ascii: "]")) else { return path }
        return String(decoding: bytes[..<(at + marker.count)] + bytes[close...], as: UTF8.self)
    }

    func writeLogicalLocations<Sink: JSONSink & ~Copyable>(_ f: Finding, to w: inout Sink) {
        let o = f.object
        let objectName = o.objectName
        func location(_ name: String, _ qualified: String, _ kind: String) {
            w.beginObject()
            w.member("name", name)
            w.member("fullyQualifiedName", qualified)
            w.member("kind", kind)
            w.endObject()
        }
        location(o.name, objectName, "resource")
        if let container = o.container { location(container, "\(objectName)/\(container)", "member") }
        if let path = f.path { location(path, "\(objectName):\(path)", "property") }
    }

    /// The replacements of the fix where the field is written in this object; an
    /// unwritten field (an insertion), a display-only suggestion and one that edits
    /// another object (a Rook CR) are left to `--fix`, which plans and verifies them. The value
    /// is the one `--fix` writes (`Suggestion.planned`), so that the results on one field agree.
    func writeFix<Sink: JSONSink & ~Copyable>(_ f: Finding, to w: inout Sink) {
        // Positions, not the fixes: a fix copied out of the finding is a retain and a release per String.
        let applied = f.suggestions.indices.compactMap { i -> (Int, SourceRange, Int)? in
            guard !f.suggestions[i].displayOnly, f.suggestions[i].target == nil,
                  let value = f.suggestions[i].current.writtenValue else { return nil }
            switch f.suggestions[i].planned {
            case .own: return (i, value, f.suggestions[i].value)
            case .value(let planned): return (i, value, planned)
            case .withheld: return nil
            }
        }
        guard !applied.isEmpty else { return }
        w.key("fixes")
        w.beginArray()
        w.beginObject()
        w.key("description")
        writeText(applied.map { i, _, value in
            let s = f.suggestions[i]
            let planned = value == s.value ? "" : " (the value --fix writes, planned with the probe's other findings' fixes; this rule's own is \(s.value))"
            return "\(s.field.rawValue) -> \(value)\(planned): \(s.reason)"
        }.joined(separator: "; "), to: &w)
        w.key("artifactChanges")
        w.beginArray()
        w.beginObject()
        w.key("artifactLocation")
        writeArtifactLocation(f.file, to: &w)
        w.key("replacements")
        w.beginArray()
        for (_, value, inserted) in applied {
            w.beginObject()
            // A text region, as the spec asks of a replacement in a text file (3.57.1; a binary
            // one SHALL come with binary content, 3.57.2), and as the SARIF viewer for VS Code
            // applies it (a byteOffset it reads as a position in a hex view).
            w.key("deletedRegion")
            writeRegion(value, file: f.file, to: &w)
            w.key("insertedContent")
            writeContent(String(inserted), to: &w)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.endArray()
        w.endObject()
        w.endArray()
    }
    /// A path relative to the working folder, based on `%SRCROOT%`; an absolute
    /// path outside it stays an absolute `file://` URI.
    func writeArtifactLocation<Sink: JSONSink & ~Copyable>(_ file: String, to w: inout Sink) {
        let path = paths.relative(file)
        w.beginObject()
        if path.hasPrefix("/") {
            w.member("uri", Self.fileURI(path))
        } else if PathBase.isURL(path) {
            w.member("uri", Self.percentEncoded(path, url: true))
        } else {
            w.member("uri", Self.percentEncoded(path))
            w.member("uriBaseId", "%SRCROOT%")
        }
        w.endObject()
    }

    /// Start and exclusive end in lines and columns (code points, `columnKind`); an end with only
    /// blanks before it on a later line (a block scalar's or a block mapping's end mark) is
    /// clamped to the end of the last line with text before it (`RegionEnd`). No byte offsets: the SARIF viewer for VS Code reads a `byteOffset` before the
    /// lines, as a place in a hex view, and put every result on the wrong line (`-o json` has them).
    func writeRegion<Sink: JSONSink & ~Copyable>(_ range: SourceRange, file: String, to w: inout Sink) {
        let end = RegionEnd(range, text: texts[file])
        var endLine = end.line, endColumn = end.column ?? range.end.column
        // Without the file's text, an end at column 1 stays where it is (its line's end is not known).
        if end.column == nil { endLine = range.end.line }
        if endLine < range.start.line || (endLine == range.start.line && endColumn < range.start.column) {
            endLine = range.start.line
            endColumn = range.start.column
        }
        w.beginObject()
        w.member("startLine", range.start.line)
        w.member("startColumn", range.start.column)
        w.member("endLine", endLine)
        w.member("endColumn", endColumn)
        w.endObject()
    }
}
