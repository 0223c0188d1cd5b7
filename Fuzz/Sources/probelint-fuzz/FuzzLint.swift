import Glibc
import ProbeLint

/// libFuzzer's entry point: lints one input through the whole pipeline
/// (reader, model, rules, text and JSON reporters) and checks that every
/// reported position lies inside the input, and that one input costs under
/// `slowInput` seconds of CPU (libFuzzer's -timeout is wall-clock, which a busy
/// shared machine trips; CPU time finds algorithmic blow-ups such as a merge-key
/// DAG walked as a tree). A violated check traps, so the fuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let started = threadCPUSeconds()
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var options = LintOptions()
    // Small limits keep each run short; the limits themselves are exercised too.
    options.limits.maxDepth = 64
    options.limits.maxAliases = 256
    options.limits.maxAliasExpansion = 4096
    // The run's Rook facts come from whole files before any piece is linted, as the
    // command line gathers them (Linter.lint(_:piece:options:) expects them in `options`).
    options.environment.rook.facts.merge(RookFacts.gather(["fuzz.yaml"], limits: options.limits) { _ in bytes })
    options.environment.rook.scanned = ["fuzz.yaml"]
    // PL401 (off by default) on: its directives' positions are checked with the rest, and
    // the findings of every other rule must be those of a run without it.
    let without = Linter.lint(InputFile(path: "fuzz.yaml", bytes: bytes), options: options)
    options.enabledRules.insert("PL401")
    let report = Linter.lint(InputFile(path: "fuzz.yaml", bytes: bytes), options: options)
    let text = TextReporter(color: false)
    precondition(text.report(report.findings.filter { $0.rule != "PL401" }) == text.report(without.findings),
                 "PL401 changed another rule's findings")
    precondition(report.errors.map(\.description) == without.errors.map(\.description), "PL401 changed the errors")
    for finding in report.findings {
        check(finding.range.start, in: bytes)
        check(finding.range.end, in: bytes)
        precondition(finding.range.start.offset <= finding.range.end.offset, "finding range ends before it starts")
    }
    for error in report.errors {
        if let position = error.position { check(position, in: bytes) }
    }
    // A file cut at `---` lines (FileSplitter) must lint as the whole file, with the
    // runner's fallback: a piece that fails to read is read again to the file's end.
    var pieces = LintReport()
    for piece in FileSplitter.pieces(bytes, count: 3) {
        let part = Linter.lint(InputFile(path: "fuzz.yaml", bytes: bytes), piece: piece, options: options)
        if part.readFailed {
            pieces.merge(Linter.lint(InputFile(path: "fuzz.yaml", bytes: bytes),
                                     piece: FilePiece(range: piece.range.lowerBound..<bytes.count, line: piece.line), options: options))
            break
        }
        pieces.merge(part)
    }
    // Input that libyaml's reader would pass unchanged skips it (PrimedInput): the
    // documents and the error must be those read through it.
    let primed = read(bytes, .primedWhenPlain, limits: options.limits)
    let throughReader = read(bytes, .libyaml, limits: options.limits)
    precondition(primed.documents.count == throughReader.documents.count
                 && zip(primed.documents, throughReader.documents).allSatisfy { $0.isSameArena(as: $1) },
                 "documents differ primed")
    precondition(primed.error == throughReader.error, "errors differ primed")
    // `-k`'s placement (KustomizeOrigins), the input both the rendered stream and every file its
    // origin annotations name: every finding kept, each placed one inside the input.
    var placed = report.findings
    var origins = KustomizeOrigins(rendered: primed.documents, base: "/k/", anchor: "kustomization.yaml",
                                   present: { $0 }, read: { _ in bytes })
    var placementErrors: [LintError] = [], placementWarnings: [LintError] = []
    origins.locate(&placed, errors: &placementErrors, warnings: &placementWarnings)
    precondition(placed.count == report.findings.count, "placement lost a finding")
    for f in placed where f.file != "kustomization.yaml" {
        check(f.range.start, in: bytes)
        check(f.range.end, in: bytes)
    }
    precondition(text.report(pieces.findings) == text.report(report.findings), "findings differ in pieces")
    precondition(pieces.errors.map(\.description) == report.errors.map(\.description), "errors differ in pieces")
    precondition(pieces.fileWarnings.map(\.description) == report.fileWarnings.map(\.description), "warnings differ in pieces")
    _ = text.report(report.findings)
    for error in report.errors { _ = text.render(error) }
    _ = JSONReporter.report(report, tool: "fuzz")
    let spent = threadCPUSeconds() - started
    precondition(spent < slowInput, "one input took \(spent) s of CPU")
    return 0
}

private func read(_ bytes: [UInt8], _ decoding: Reader.Decoding, limits: ReaderLimits) -> (documents: [Document], error: YAMLError?) {
    var documents: [Document] = []
    do {
        try Reader.read(bytes, file: "fuzz.yaml", limits: limits, decoding: decoding) { documents.append($0) }
    } catch {
        return (documents, error)
    }
    return (documents, nil)
}

/// Seconds of CPU one input may take (debug + ASan; typical inputs take 1-10 ms).
private let slowInput = 2.0

private func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func check(_ position: SourcePosition, in bytes: [UInt8]) {
    precondition(position.offset >= 0 && position.offset <= bytes.count, "offset \(position.offset) outside \(bytes.count) bytes")
    precondition(position.line >= 1 && position.column >= 1, "position \(position) is not 1-based")
}
