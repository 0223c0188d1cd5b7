import Foundation
import Testing
@testable import ProbeLint

/// Helpers for the fix tests: library runs, temp directories and diff checks.
enum FixSupport {
    /// Makes every network probe's timeout of 1 s too short: PL101 suggests 3.
    static let flags: [InputKey: String] = [.loadedLatencyP99: "1.5s"]
    static let cliFlags = ["--loaded-latency-p99", "1.5s"]

    static func options(_ flags: [InputKey: String] = flags, only: Set<RuleID>? = nil) -> LintOptions {
        var options = LintOptions()
        if let only { options.disabledRules = Set(RuleCatalog.infos.map(\.id)).subtracting(only) }
        var values: [InputKey: InputValue] = [:]
        for (k, v) in flags { values[k] = InputValue.parse(v, for: k) }
        options.environment.flags = .flags(values)
        return options
    }

    /// Fixes one in-memory file with the library and returns the result and the fixed text.
    static func fix(_ text: String, file: String = "test.yaml", flags: [InputKey: String] = flags,
                    only: Set<RuleID>? = nil) -> (FixResult, String) {
        let result = Fixer.fix([InputFile(path: file, bytes: Array(text.utf8))], options: options(flags, only: only))
        return (result, String(decoding: result.outcomes[0].fixed, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    /// A line that sets one probe or pod timing field to an integer (what a fix may touch).
    static func isTimingLine(_ line: Substring) -> Bool {
        var body = line.drop { $0 == " " || $0 == "-" }
        if body.hasSuffix("\r") { body = body.dropLast() }
        return ProbeField.allCases.contains { field in
            guard body.hasPrefix(field.rawValue + ": ") else { return false }
            let value = body.dropFirst(field.rawValue.count + 2).prefix { $0 != " " && $0 != "}" && $0 != "," }
            return Int(value) != nil || value.first == "\""
        } || body.hasPrefix("\"") && ProbeField.allCases.contains { body.hasPrefix("\"\($0.rawValue)\": ") }
    }

    /// The removed and added lines of a unified diff, without a last line
    /// that is removed and added unchanged (it only gained its line ending).
    static func changedLines(_ diff: String) -> [Substring] {
        let lines = diff.split(separator: "\n")
        let removed = lines.filter { $0.hasPrefix("-") && !$0.hasPrefix("---") }.map { $0.dropFirst() }
        let added = lines.filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { $0.dropFirst() }
        let gainedEnding = diff.contains("\\ No newline at end of file") ? Set(removed).intersection(added) : []
        return (removed + added).filter { !gainedEnding.contains($0) }
    }

    /// Runs `git apply -p0 --check` on a diff in `directory` (outside any repository).
    static func gitApplyCheck(_ diff: String, in directory: URL) throws -> TestSupport.Run {
        // scripts/setup installs git: a machine without it fails here, not silently.
        let file = directory.appendingPathComponent("fix.diff")
        try diff.write(to: file, atomically: true, encoding: .utf8)
        return try TestSupport.run(["apply", "-p0", "--check", file.path], environment: ["GIT_CEILING_DIRECTORIES": directory.deletingLastPathComponent().path],
                                   executable: URL(fileURLWithPath: "/usr/bin/git"), directory: directory)
    }

    /// Runs `patch -p0 --dry-run` on a diff in `directory` (or applies it, `apply`).
    static func patchDryRun(_ diff: String, in directory: URL, apply: Bool = false) throws -> TestSupport.Run {
        // scripts/setup installs GNU patch: a machine without it fails here, not silently.
        let file = directory.appendingPathComponent("fix.diff")
        try diff.write(to: file, atomically: true, encoding: .utf8)
        return try TestSupport.run(["-p0", "--binary"] + (apply ? [] : ["--dry-run"]) + ["-i", file.path],
                                   executable: URL(fileURLWithPath: "/usr/bin/patch"), directory: directory)
    }
}
