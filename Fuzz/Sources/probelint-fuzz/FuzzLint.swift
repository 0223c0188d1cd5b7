import ProbeLint

/// libFuzzer's entry point: lints one input through the whole pipeline
/// (reader, model, rules, text and JSON reporters) and checks that every
/// reported position lies inside the input. A violated check traps, so the
/// fuzzer keeps the input as a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLint(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var options = LintOptions()
    // Small limits keep each run short; the limits themselves are exercised too.
    options.limits.maxDepth = 64
    options.limits.maxAliases = 256
    options.limits.maxAliasExpansion = 4096
    let report = Linter.lint(InputFile(path: "fuzz.yaml", bytes: bytes), options: options)
    for finding in report.findings {
        check(finding.range.start, in: bytes)
        check(finding.range.end, in: bytes)
        precondition(finding.range.start.offset <= finding.range.end.offset, "finding range ends before it starts")
    }
    for error in report.errors {
        if let position = error.position { check(position, in: bytes) }
    }
    let text = TextReporter(color: false)
    _ = text.report(report.findings)
    for error in report.errors { _ = text.render(error) }
    _ = text.summary(report)
    _ = JSONReporter.report(report, tool: "fuzz")
    return 0
}

private func check(_ position: SourcePosition, in bytes: [UInt8]) {
    precondition(position.offset >= 0 && position.offset <= bytes.count, "offset \(position.offset) outside \(bytes.count) bytes")
    precondition(position.line >= 1 && position.column >= 1, "position \(position) is not 1-based")
}
