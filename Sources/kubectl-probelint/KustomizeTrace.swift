#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// `-k DIR` rendered so that each object says which file it came from: through a
/// kustomization of probelint's own, in a temporary folder, that names DIR as its one
/// resource and asks for `buildMetadata: [originAnnotations, transformerAnnotations]`
/// (kustomize takes a folder as a resource only by a relative path). DIR's kustomization is
/// neither read nor changed. `KustomizeOrigins` then places the findings.
struct KustomizeTrace {
    /// What kustomize rendered, with the origin annotations.
    var bytes: [UInt8]
    /// The temporary folder's real path, which the annotations' paths are relative to.
    var base: String
    /// Whether DIR was given as a relative path, and so are the files findings are shown in.
    var relativeNames: Bool

    /// Nil when DIR cannot be traced (a remote target, a kustomize `Component`, a kubectl whose
    /// kustomize has no `buildMetadata`): then `-k` renders DIR itself, as `kubectl kustomize` does.
    static func render(_ directory: String, limit: Int) -> KustomizeTrace? {
        guard !FileDiscovery.isURL(directory), let target = realPath(directory) else { return nil }
        var template = Array("\(temporaryDirectory())/probelint-kustomize-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }),
              let base = realPath(String(cString: made)) else {
            // Not one of the cases the README names (a Component, a remote DIR): said, as what it costs.
            let reason = String(cString: strerror(errno))
            writeStderr("warning: -k cannot make its temporary folder in \(temporaryDirectory()) (\(reason); TMPDIR names it): DIR is rendered untraced, so findings name objects, not files, and # probelint ignore= comments in DIR's files are not read\n")
            return nil
        }
        defer { remove(base) }
        return SignalCleanup.removing(files: files(in: base), folder: base) {
            render(target, into: base, relativeNames: !directory.hasPrefix("/"), limit: limit)
        }
    }

    /// Renders the folder `target` through a kustomization written into the folder `base`.
    private static func render(_ target: String, into base: String, relativeNames: Bool, limit: Int) -> KustomizeTrace? {
        // The path as a JSON string, which YAML reads as a double-quoted scalar (a folder's
        // name may hold `#`, `: ` or quotes).
        let text = """
            # Written by probelint -k: the objects of DIR, with the file each came from.
            resources:
            - \(JSONValue.string(relative(target, from: base)).serialized())
            buildMetadata: [originAnnotations, transformerAnnotations]

            """
        guard writeFile(text, to: base + "/kustomization.yaml"),
              case .success(let bytes) = Kubectl.run(["kubectl", "kustomize", base], limit: limit,
                                                     standardError: base + "/" + Self.standardError)
        else { return nil }
        // kustomize's warnings (a deprecated field of DIR's) reach the user, as without the trace.
        if case .success(let warnings) = FileDiscovery.read(base + "/" + Self.standardError, limit: 1 << 20), !warnings.isEmpty {
            writeStderr(String(decoding: warnings, as: UTF8.self))
        }
        return KustomizeTrace(bytes: bytes, base: base, relativeNames: relativeNames)
    }

    /// Lints the rendered objects and places each finding in the file its object came from
    /// (`KustomizeOrigins`); `anchor` is DIR's kustomization file, for the findings no file shows.
    func lint(command: [String], anchor: String, options: LintOptions, limit: Int) -> LintReport {
        let report = located(command: command, anchor: anchor, options: options, limit: limit)
        for note in report.notLintedNotes(options) { writeNote(note) }
        return report
    }

    /// `lint`'s report, its notes not written; `rendered` is handed the findings as the render
    /// has them, before they are placed and the comments' silenced ones dropped.
    private func located(command: [String], anchor: String, options: LintOptions, limit: Int,
                         rendered: ([Finding]) -> Void = { _ in }) -> LintReport {
        var report = Linter.lint([InputFile(path: command.joined(separator: " "), bytes: bytes)], options: options)
        rendered(report.findings)
        // Read with the lint's limits (`--max-depth`); a YAML error is the lint's input error
        // already, and the documents before it still place their findings.
        var documents: [Document] = []
        do {
            try Reader.read(bytes, file: command.joined(separator: " "), limits: options.limits) { documents.append($0.compacted()) }
        } catch {}
        // Named as DIR was: from the working directory when DIR was relative (`../../base/rgw.yaml`).
        let workingDirectory = currentDirectory()
        let present: (String) -> String = relativeNames && !workingDirectory.isEmpty
            ? { Self.relative($0, from: workingDirectory) } : { $0 }
        var origins = KustomizeOrigins(rendered: documents, base: base, anchor: anchor, present: present,
                                       read: { try? FileDiscovery.read($0, limit: limit).get() })
        origins.locate(&report.findings, errors: &report.errors, warnings: &report.fileWarnings)
        report.findings.sortInReportOrder()
        return report
    }

    /// The findings that DIR's files silence with `# probelint ignore=` comments, by rule, object
    /// and field path (`-o patch` plans its patches from the plain render, which kustomize stripped
    /// of comments: without them it patched what the lint report does not show).
    func silenced(command: [String], anchor: String, options: LintOptions, limit: Int) -> Set<FindingIdentity> {
        var all: [Finding] = []
        let kept = Set(located(command: command, anchor: anchor, options: options, limit: limit, rendered: { all = $0 }).findings.map(FindingIdentity.init))
        return Set(all.map(FindingIdentity.init).filter { !kept.contains($0) })
    }

    /// `path` relative to the folder `from` (both absolute and real: `..` steps are textual).
    static func relative(_ path: String, from: String) -> String {
        let a = path.split(separator: "/"), b = from.split(separator: "/")
        var common = 0
        while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
        let steps = Array(repeating: "..", count: b.count - common) + a[common...].map(String.init)
        return steps.isEmpty ? "." : steps.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    private static func temporaryDirectory() -> String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }

    private static func writeFile(_ text: String, to path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count
    }

    /// The file in the temporary folder that takes kustomize's standard error.
    private static let standardError = "kustomize.stderr"

    /// The files written into the temporary folder: the kustomization and kustomize's standard error.
    private static func files(in folder: String) -> [String] { [folder + "/kustomization.yaml", folder + "/" + standardError] }

    private static func remove(_ folder: String) {
        for file in files(in: folder) { unlink(file) }
        rmdir(folder)
    }
}
