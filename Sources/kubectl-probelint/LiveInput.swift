#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

/// Live mode: positional arguments that are not paths are resources for
/// `kubectl get`; its JSON (`kind: List`) is linted like a file, and findings
/// are named by object (`deployment/rook-ceph/rgw-a`) since there is no file.
enum LiveInput {
    /// Splits positional arguments into paths and kubectl resources: an argument is a path
    /// when it exists, is `-`, names a manifest file, or starts as no resource does (`/`,
    /// `./`, `../`, `~`, `-` after `--`, or a URL's `http://` or `https://`), so that a missing one
    /// is reported as missing, not handed to `kubectl get` (as an option, for `-f`).
    /// `forCluster`: a flag for the cluster was given (`-n`, `--context`, ...), so a word that
    /// exists here but looks like no path (a `deploy/` folder beside `kubectl probelint -n shop
    /// deploy`) is the resource the user asked kubectl for, not the folder; and so is a TYPE/NAME
    /// whose name ends as a manifest does (`deploy/web.yaml`: names may hold dots) when no such
    /// file is here.
    static func partition(_ arguments: [String], forCluster: Bool = false) -> (paths: [String], resources: [String]) {
        var paths: [String] = [], resources: [String] = []
        for argument in arguments {
            var st = stat()
            // `-` (stdin) starts as a path does.
            let startsAsPath = ["/", "./", "../", "~", "-"].contains { argument.hasPrefix($0) } || FileDiscovery.isURL(argument)
            let typeAndName = forCluster && argument.split(separator: "/", omittingEmptySubsequences: false).count == 2
                && stat(argument, &st) != 0
            let looksLikeFile = startsAsPath || (FileDiscovery.extensions.contains { argument.hasSuffix($0) } && !typeAndName)
            if looksLikeFile || (!forCluster && stat(argument, &st) == 0) { paths.append(argument) } else { resources.append(argument) }
        }
        return (paths, resources)
    }

    /// `kubectl get`'s List, read as a stream of its items (`KubectlList`, in `Reader`).
    static func lint(_ bytes: [UInt8], command: [String], options: LintOptions) -> LintReport {
        let path = command.joined(separator: " ")
        var report = Linter.lint([InputFile(path: path, bytes: bytes)], options: options)
        for i in report.findings.indices { report.findings[i].file = report.findings[i].object.displayName }
        // By object, then in the object's order (a path's text would put containers[10] before containers[2]).
        report.findings.sort { ($0.file, $0.range.start.offset, $0.rule) < ($1.file, $1.range.start.offset, $1.rule) }
        nameByObject(&report.errors, in: bytes, path: path, limits: options.limits)
        nameByObject(&report.fileWarnings, in: bytes, path: path, limits: options.limits)
        return report
    }

    /// Input errors (and warnings) inside an object (a bad `probelint.io/` annotation) are named by the object,
    /// as findings are (`deployment/shop/web: error: ...`): a line and column of kubectl's
    /// output, which nobody sees, named nothing. Read again only when there is such an error.
    static func nameByObject(_ errors: inout [LintError], in bytes: [UInt8], path: String, limits: ReaderLimits) {
        guard errors.contains(where: { $0.file == path && $0.position != nil }) else { return }
        let objects = objects(bytes, path: path, limits: limits)
        for i in errors.indices where errors[i].file == path {
            guard let object = object(of: errors[i], in: objects) else { continue }
            errors[i].file = object.name
            errors[i].position = nil
        }
    }

    /// `-o patch` of live objects: an object with an input error (a bad `probelint.io/`
    /// annotation) is left out, blanked where it is as the List around it is, and its errors
    /// come back named by it; the other objects are patched, where one object's error held back
    /// every patch ("a file that does not read cleanly is never touched"). An error in no
    /// object (kubectl's output cut short) leaves the bytes as they are, for the fixer to refuse.
    static func holdingBack(_ bytes: [UInt8], path: String, options: LintOptions) -> (bytes: [UInt8], errors: [LintError]) {
        let errors = Linter.lint([InputFile(path: path, bytes: bytes)], options: options).errors
        guard !errors.isEmpty else { return (bytes, []) }
        let objects = objects(bytes, path: path, limits: options.limits)
        var kept = KubectlList.items(bytes) ?? bytes, named: [LintError] = []
        for var error in errors {
            guard error.file == path, let object = object(of: error, in: objects) else { return (bytes, []) }
            for i in object.range where kept[i] != 0x0A && kept[i] != 0x0D { kept[i] = 0x20 }
            error.file = object.name
            error.position = nil
            error.message += "; it is not patched"
            named.append(error)
        }
        return (kept, named)
    }

    /// Each object's bytes and name (`deployment/shop/web`).
    private static func objects(_ bytes: [UInt8], path: String, limits: ReaderLimits) -> [(range: Range<Int>, name: String)] {
        var objects: [(range: Range<Int>, name: String)] = []
        try? Reader.read(bytes, file: path, limits: limits) { document in
            for manifest in ManifestDecoder.decode(document).manifests {
                objects.append((manifest.range.start.offset..<manifest.range.end.offset, manifest.ref.displayName))
            }
        }
        return objects
    }

    private static func object(of error: LintError, in objects: [(range: Range<Int>, name: String)]) -> (range: Range<Int>, name: String)? {
        guard let offset = error.position?.offset else { return nil }
        return objects.last { $0.range.contains(offset) }
    }
}

/// The absolute working directory, for relative paths in reports and config discovery; empty
/// when it cannot be read.
func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
