import Foundation
import Testing
@testable import ProbeLint

/// The bash script of `--generate-completion-script bash`, sourced in a real bash with the
/// words bash itself makes of a line: split at blanks, and at `=` and `:` (COMP_WORDBREAKS).
@Suite struct BashCompletionTests {
    /// A kubeconfig whose contexts' names hold a command substitution, a blank and colons (an
    /// EKS ARN): names that come from a file someone else wrote.
    static let kubeconfig = """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
        users: [{name: u, user: {}}]
        contexts:
        - {name: "x$(touch PWNED)", context: {cluster: c, user: u}}
        - {name: "prod ctx", context: {cluster: c, user: u}}
        - {name: "arn:aws:eks:one", context: {cluster: c, user: u}}
        current-context: "prod ctx"

        """

    /// What bash makes of `line`, the cursor at its end: COMP_WORDS as bash splits them.
    static func words(_ line: String) -> [String] {
        var words: [String] = [], word = ""
        for character in line {
            if character == " " {
                if !word.isEmpty { words.append(word); word = "" }
            } else if character == "=" || character == ":" {
                if !word.isEmpty { words.append(word) }
                words.append(String(character))
                word = ""
            } else {
                word.append(character)
            }
        }
        // The word at the cursor: empty after a blank, none after a break (`--output=`: `=` is it).
        if !word.isEmpty || line.last == " " { words.append(word) }
        return words
    }

    /// COMPREPLY for `line`, one per line, in `dir` (which holds the script and the kubeconfig).
    static func complete(_ line: String, in dir: URL) throws -> [String] {
        // The command word is the binary's path, in COMP_LINE as in COMP_WORDS.
        let line = TestSupport.binary.path + line.drop { $0 != " " }
        let words = Self.words(line)
        let quoted = ([TestSupport.binary.path] + words.dropFirst()).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let script = """
            source ./c.bash
            COMP_LINE='\(line.replacingOccurrences(of: "'", with: "'\\''"))'; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(\(quoted.joined(separator: " "))); COMP_CWORD=\(words.count - 1)
            _kubectl_probelint
            (( ${#COMPREPLY[@]} )) && printf '%s\\n' "${COMPREPLY[@]}"
            """
        let run = try TestSupport.run(["-c", script], environment: ["KUBECONFIG": dir.appendingPathComponent("kubeconfig").path],
                                      executable: URL(fileURLWithPath: "/bin/bash"), directory: dir)
        return run.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    static func setUp(_ name: String) throws -> URL {
        let dir = try OutputSupport.temporaryDirectory(name)
        let script = try TestSupport.run(["--generate-completion-script", "bash"])
        try script.stdout.write(to: dir.appendingPathComponent("c.bash"), atomically: true, encoding: .utf8)
        try kubeconfig.write(to: dir.appendingPathComponent("kubeconfig"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func wordsAreSplitAsBashSplitsThem() {
        #expect(Self.words("kubectl-probelint --output=s") == ["kubectl-probelint", "--output", "=", "s"])
        #expect(Self.words("kubectl-probelint -o ") == ["kubectl-probelint", "-o", ""])
        #expect(Self.words("k --context a:b") == ["k", "--context", "a", ":", "b"])
        #expect(Self.words("k --output=") == ["k", "--output", "="])
    }

    /// A candidate is put in as text, escaped for the line: `compgen -W` had expanded the
    /// `$(...)` of a context's name, and run it (a review found PWNED made).
    @Test func candidatesAreTextNotShellCode() throws {
        let dir = try Self.setUp("completion-text")
        defer { try? FileManager.default.removeItem(at: dir) }
        let contexts = try Self.complete("kubectl-probelint --context ", in: dir)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("PWNED").path))
        #expect(Set(contexts) == [#"x\$\(touch\ PWNED\)"#, #"prod\ ctx"#, "arn:aws:eks:one"], "\(contexts)")
        #expect(try Self.complete("kubectl-probelint --context pro", in: dir) == [#"prod\ ctx"#])
    }

    /// The line after readline puts `candidate` in: it replaces what follows the last blank,
    /// `=` or `:` before the cursor (COMP_WORDBREAKS), not bash's word in COMP_WORDS.
    static func inserted(_ line: String, _ candidate: String) -> String {
        let start = line.lastIndex { $0 == " " || $0 == "=" || $0 == ":" }.map { line.index(after: $0) } ?? line.startIndex
        return String(line[..<start]) + candidate
    }

    /// `--output=s` was sent as `--output`, `=`, `s`: `=` taken for the value, and `s` for a
    /// kubectl resource (services, statefulsets). A context `arn:aws:...` the same at `:`.
    /// Each line is checked as readline leaves it.
    @Test func wordsSplitAtBreaksAreJoined() throws {
        let dir = try Self.setUp("completion-breaks")
        defer { try? FileManager.default.removeItem(at: dir) }
        func lines(_ line: String) throws -> [String] { try Self.complete(line, in: dir).map { Self.inserted(line, $0) } }
        #expect(try lines("kubectl-probelint --output=s") == ["kubectl-probelint --output=sarif"])
        // Right after the `=`: the value alone (`=info` had made `--fail-on==info`).
        #expect(try lines("kubectl-probelint --fail-on=") == ["info", "warning", "error", "never"].map { "kubectl-probelint --fail-on=" + $0 })
        #expect(try lines("kubectl-probelint -o=j") == ["kubectl-probelint -o=json", "kubectl-probelint -o=junit"])
        #expect(try lines("kubectl-probelint --context arn:aws:e") == ["kubectl-probelint --context arn:aws:eks:one"])
        #expect(try lines("kubectl-probelint --context=arn:aws:e") == ["kubectl-probelint --context=arn:aws:eks:one"])
        #expect(try lines("kubectl-probelint --context arn:") == ["kubectl-probelint --context arn:aws:eks:one"])
        #expect(try lines("kubectl-probelint -f a.yaml --sel") == ["kubectl-probelint -f a.yaml --select", "kubectl-probelint -f a.yaml --selector"])
        #expect(try lines("kubectl-probelint --select=PL10").prefix(2) == ["kubectl-probelint --select=PL101", "kubectl-probelint --select=PL102"])
        // A comma needs no escape (printf %q wrote PL101\,PL102).
        #expect(try lines("kubectl-probelint --select PL101,PL10").prefix(2) == ["kubectl-probelint --select PL101,PL102", "kubectl-probelint --select PL101,PL103"])
        // A blank before `=` makes it a word of its own: no joining then.
        let spaced = try Self.complete("kubectl-probelint --output =", in: dir)
        #expect(spaced.isEmpty, "\(spaced)")
    }
}
