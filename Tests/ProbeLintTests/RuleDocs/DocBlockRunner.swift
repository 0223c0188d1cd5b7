import Foundation
@testable import ProbeLint

/// Lints a doc block as the CLI would: the environment input flags
/// (`--bandwidth 10MB/s` or `--bandwidth=10MB/s`) and `--rook-version` are parsed in process; a block
/// with any other flag runs through the built kubectl-probelint with `-o json`.
enum DocBlockRunner {
    struct Result: Sendable {
        var findings: [CodeBlock.Expected]
        var errors: [String]
    }

    /// Input flags parsed as Lint's InputOptions does; nil when some argument is not one.
    static func inputFlags(_ args: [String]) -> [InputKey: InputValue]? {
        options(args, rookVersion: false)?.environment.flags.values
    }

    /// The options of a block whose arguments are input flags and `--rook-version`, as the CLI
    /// sets them; nil when some argument is another flag (the block runs through the binary).
    static func options(_ args: [String], rookVersion: Bool = true) -> LintOptions? {
        var values: [InputKey: InputValue] = [:]
        var options = LintOptions()
        var i = 0
        while i < args.count {
            let arg = args[i]
            guard arg.hasPrefix("--") else { return nil }
            var name = String(arg.dropFirst(2))
            var text: String
            if let eq = name.firstIndex(of: "=") {
                text = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else {
                guard i + 1 < args.count else { return nil }
                i += 1
                text = args[i]
            }
            if rookVersion, name == "rook-version" {
                guard let version = RookVersion.parse(text) else { return nil }
                options.environment.rook.flag = version
            } else {
                guard let key = InputKey(rawValue: name), let value = InputValue.parse(text, for: key) else { return nil }
                values[key] = value
            }
            i += 1
        }
        options.environment.flags = .flags(values)
        return options
    }

    static func run(_ bytes: [UInt8], args: [String], file: String = "doc.yaml") throws -> Result {
        if let options = options(args) {
            let report = Linter.lint([InputFile(path: file, bytes: bytes)], options: options)
            return Result(findings: report.findings.map { CodeBlock.Expected(rule: $0.rule.rawValue, line: $0.range.start.line, column: $0.range.start.column) },
                          errors: report.errors.map(\.description))
        }
        // One directory per run: parameterized tests run in parallel.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(file)
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try TestSupport.run(["-o", "json", "--fail-on", "never"] + args + [url.path])
        guard let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
              let findings = object["findings"] as? [[String: Any]] else {
            return Result(findings: [], errors: ["exit \(run.status): \(run.stderr)"])
        }
        let parsed = findings.compactMap { f -> CodeBlock.Expected? in
            guard let rule = f["rule"] as? String, let range = f["range"] as? [String: Any],
                  let start = range["start"] as? [String: Any], let line = start["line"] as? Int,
                  let column = start["column"] as? Int else { return nil }
            return CodeBlock.Expected(rule: rule, line: line, column: column)
        }
        return Result(findings: parsed, errors: run.status == 2 ? [run.stderr] : [])
    }
}
