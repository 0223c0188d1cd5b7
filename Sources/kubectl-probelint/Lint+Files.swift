#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ProbeLint

extension Lint {
    /// A run over files: each file (or piece of a large one, WorkPlan) is linted on a
    /// worker and its findings written in input order as its turn comes, rendered by
    /// that worker, so no finding is held (StreamedOutput). The cross-object step
    /// (PL205) runs after the loop, on the small facts the per-file reports collected;
    /// its findings come last. `report` holds the errors found before the run.
    func lintFiles(_ files: [String], options configured: [Result<LintOptions, LintError>], readOnce: OnceReadInputs,
                   report: LintReport) -> Int32 {
        var report = report
        // Pending cross-object findings, one per pod without a readiness probe: compact, and on disk past 1 MiB.
        report.crossObject.log = PendingLog()
        let maxFileBytes = limits.maxFileBytes
        var output = StreamedOutput(format: self.output, source: .files, noColor: noColor, failingAt: failOn.severity)
        // Only JSON, SARIF, GitLab (its fingerprint) and JUnit (its test case names) read each
        // finding's field path; text, `-o github` and checkstyle name files and positions, so the
        // paths are not built for them. (`-o patch` and `--fix` do not come here.)
        let namesPaths = self.output.namesPaths
        let fileOptions = namesPaths ? configured : configured.map { $0.map { var o = $0; o.findingPaths = false; return o } }
        let threshold = failOn.severity
        var failing = false
        let plan = WorkPlan(files: files, pieceBytes: performance.pieceBytes) { i in
            if case .success = fileOptions[i] { return true }
            return false
        }
        output.out(output.header())
        let render = output
        // A file (or piece) linted, each document's findings rendered for the output as the
        // document is done (the worker holds the text, not the findings), and whether one
        // is at or above --fail-on.
        @Sendable func linted(_ input: InputFile, piece: FilePiece?, options: LintOptions, bytes: [UInt8]?) -> FileResult {
            let file = FileOutput(render, file: input.path, bytes: bytes, inputSize: piece?.range.count ?? input.bytes.count,
                                  threshold: threshold)
            let report = Linter.lint(input, piece: piece, options: options) { findings in file.add(moving: &findings) }
            return FileResult(report: report, output: file.output, failing: file.failing, counts: file.counts,
                              marks: file.marks)
        }
        @Sendable func failed(_ error: LintError) -> FileResult {
            var fileReport = LintReport()
            fileReport.files = 1
            fileReport.errors.append(error)
            return FileResult(report: fileReport, output: [], failing: false)
        }
        // SARIF's regions and GitHub's annotations end at a node's last text (`RegionEnd`), read in the file.
        let regionBytes = self.output == .sarif || self.output == .github
        // A cut file whose piece failed to read: its later pieces are not delivered.
        var restDone: Set<Int> = []
        // The broken .probelint.yaml files reported so far (few): each is reported once, not with
        // every file below it. (Every delivered error was compared with every error before it:
        // 40,000 documents with a bad annotation each took 58 s, with the pieces of one file.)
        var configErrorsShown: [LintError] = []
        OrderedRunner<FileResult>(workers: performance.workers).run(count: plan.items.count, work: { n in
            let item = plan.items[n]
            let path = files[item.file]
            guard case .success(let options) = fileOptions[item.file] else {
                if case .failure(let error) = fileOptions[item.file] { return failed(error) }
                return failed(LintError(file: path, position: nil, message: "no options"))
            }
            let input = { (bytes: [UInt8]) in InputFile(path: FileDiscovery.displayName(path, stdin: standardInputName), bytes: bytes) }
            if let split = plan.split[item.file] {
                switch split.load(limit: maxFileBytes) {
                case .success(let (bytes, pieces)):
                    return linted(input(bytes), piece: pieces[item.piece], options: options, bytes: regionBytes ? bytes : nil)
                case .failure(let error):
                    return item.piece == 0 ? failed(error) : FileResult(report: LintReport(), output: [], failing: false)
                }
            }
            switch readOnce.read(path, limit: maxFileBytes) {
            case .success(let bytes): return linted(input(bytes), piece: nil, options: options, bytes: regionBytes ? bytes : nil)
            case .failure(let error): return failed(error)
            }
        }, deliver: { n, result in
            let item = plan.items[n]
            defer { if item.piece == item.pieces - 1 { plan.split[item.file]?.release() } }
            if restDone.contains(item.file) { return }
            var result = result
            if result.report.readFailed, item.pieces > 1, let split = plan.split[item.file],
               case .success(let (bytes, pieces)) = split.load(limit: maxFileBytes),
               case .success(let options) = fileOptions[item.file] {
                // A piece fails to read and the file's later pieces are dropped. It may have
                // failed only because it was cut off: the rest of the file from its start,
                // as one piece, reads as the whole file does (a piece that ends where the
                // file ends is that rest already).
                restDone.insert(item.file)
                let piece = pieces[item.piece]
                if piece.range.upperBound < bytes.count {
                    let rest = FilePiece(range: piece.range.lowerBound..<bytes.count, line: piece.line)
                    result = linted(InputFile(path: FileDiscovery.displayName(files[item.file], stdin: standardInputName), bytes: bytes),
                                    piece: rest, options: options, bytes: regionBytes ? bytes : nil)
                }
            }
            failing = failing || result.failing
            output.write(result.output, counts: result.counts, marks: result.marks)
            if case .failure(let error) = fileOptions[item.file] {
                if configErrorsShown.contains(error) { result.report.errors.removeAll { $0 == error } } else { configErrorsShown.append(error) }
            }
            report.merge(moving: &result.report)
        })
        // Per-file findings are written; what is left are the cross-object ones.
        if writeCrossObject(report.crossObject, to: &output, render: render, threshold: threshold) { failing = true }
        if let failure = report.crossObject.log?.failure {
            report.errors.append(LintError(file: "kubectl-probelint", position: nil, message: failure))
        }
        report.crossObject.pending = []
        if let first = configured.lazy.compactMap({ try? $0.get() }).first {
            for note in report.notLintedNotes(first) { writeNote(note) }
        } else {
            for note in [report.madeByControllersNote, report.notObjectsNote].compactMap({ $0 }) { writeNote(note) }
        }
        // JUnit's passing test case for each linted file without findings.
        let linted = self.output != .junit ? [] : zip(files, configured).compactMap { file, options in
            (try? options.get()).map { _ in FileDiscovery.displayName(file, stdin: standardInputName) }
        }
        output.finish(report, noColor: noColor, linted: linted)
        return Exit.status(inputErrors: !report.errors.isEmpty, failing: failing)
    }

    /// The cross-object findings (PL205), read in report order a batch at a time, confirmed
    /// against the run's Services and rendered on the workers, and written in order; whether
    /// one is at or above --fail-on.
    func writeCrossObject(_ facts: CrossObjectFacts, to output: inout StreamedOutput, render: StreamedOutput,
                          threshold: Severity?) -> Bool {
        var failing = false
        let services = CrossObjectFacts.ServiceIndex(facts.services)
        // Up to 16 chunks of 64 at a time, each moved to the worker that confirms it.
        let chunk = 64
        var chunks: [[CrossObjectFacts.PendingFinding]] = []
        func confirmBatch() {
            let batch = chunks
            chunks = []
            typealias Rendered = (output: [UInt8], counts: JSONReporter.Counts, failing: Bool, marks: ItemMarks)
            OrderedRunner<Rendered>(workers: performance.workers).run(moving: batch, work: { pending in
                var findings = Linter.confirm(pending, services)
                var rendered: [UInt8] = []
                var marks = ItemMarks()
                var counts = JSONReporter.Counts()
                counts.add(findings)
                let failing = findings.contains { $0.severity.fails(at: threshold) }
                render.items(moving: &findings, file: "", bytes: nil, into: &rendered, marks: &marks)
                return (rendered, counts, failing, marks)
            }, deliver: { _, result in
                failing = failing || result.failing
                output.write(result.output, counts: result.counts, marks: result.marks)
            })
        }
        // `consuming` written out: an inferred parameter was borrowed, so each finding was copied into its chunk.
        Linter.pendingCrossObject(facts) { (pending: consuming CrossObjectFacts.PendingFinding) in
            if chunks.isEmpty || chunks[chunks.count - 1].count >= chunk {
                if chunks.count >= 16 { confirmBatch() }
                chunks.append([])
                chunks[chunks.count - 1].reserveCapacity(chunk)  // grown by appends, it was reallocated 7 times
            }
            chunks[chunks.count - 1].append(pending)
        }
        confirmBatch()
        return failing
    }
}
