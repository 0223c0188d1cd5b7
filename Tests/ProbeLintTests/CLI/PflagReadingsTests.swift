import Foundation
import Testing
@testable import ProbeLint

/// Lines pflag reads that argument-parser read otherwise: a group of short flags whose last
/// letter's value is joined to it (`kubectl get pods -Aowide`'s idiom), and a long option's
/// negative number. argument-parser dropped the joined value and took the next argument for it.
@Suite struct PflagReadingsTests {
    /// Live mode with no kubectl on PATH (never the developer's cluster): the JSON report's
    /// command says what was read.
    static func command(_ arguments: [String]) throws -> [String]? {
        let noKubectl = ["PATH": FileManager.default.temporaryDirectory.appendingPathComponent("probelint-no-kubectl-\(UUID().uuidString)").path]
        let run = try TestSupport.run(arguments + ["--fail-on", "never"], environment: noKubectl)
        return try OutputSupport.parse(run.stdout).object("source")?["command"] as? [String]
    }

    @Test func aGroupsJoinedValueIsItsLastLettersValue() throws {
        // `deploy` was the namespace, and the run asked for no resource.
        #expect(try Self.command(["-o", "json", "-Rnrook-ceph", "deploy"]) == ["kubectl", "get", "deploy", "-o", "json", "--namespace", "rook-ceph"])
        #expect(try Self.command(["-Aojson", "statefulsets"]) == ["kubectl", "get", "statefulsets", "-o", "json", "--all-namespaces"])
        #expect(try Self.command(["-Ao=json", "statefulsets"]) == ["kubectl", "get", "statefulsets", "-o", "json", "--all-namespaces"])
        // With files: -Rj1 is -R -j 1 (it read `examples` as the job count, and refused it).
        let jobs = try TestSupport.run(["-Rj1", "examples", "-o", "json", "--fail-on", "never"])
        #expect(jobs.status == 0, "\(jobs.stderr)")
        #expect(try OutputSupport.parse(jobs.stdout).object("summary")?["files"] as? Int ?? 0 > 5)
        let file = try TestSupport.run(["-Rf=examples", "--fail-on", "never", "-o", "json"])
        #expect(file.status == 0 && file.stdout == jobs.stdout, "\(file.stderr)")
        // After an option's value that looks like an option (`-f -n`: a file named -n), a group is read again.
        let named = try TestSupport.run(["-f", "-n", "-Rojson"])
        #expect(named.status == 2 && named.stderr.contains("the path \"-n\" does not exist"), "\(named.stderr)")
        #expect(try OutputSupport.parse(named.stdout).array("inputErrors").count == 1)
        // The value of an option, and an operand after --, are what they are: a file so named.
        #expect(try TestSupport.run(["-f", "-Rojson"]).stderr == "-Rojson: error: the path \"-Rojson\" does not exist\n")
        #expect(try TestSupport.run(["--", "-Rojson"]).stderr == "-Rojson: error: the path \"-Rojson\" does not exist\n")
    }

    /// `--chunk-size -1`: "Missing value for '--chunk-size <n>'"; pflag (kubectl) gives it the -1.
    @Test func aLongOptionsNegativeNumberIsItsValue() throws {
        let command = try Self.command(["-o", "json", "--chunk-size", "-1", "deploy"])
        #expect(command == ["kubectl", "get", "deploy", "-o", "json", "--chunk-size", "-1"], "\(String(describing: command))")
        let files = try TestSupport.run(["--chunk-size", "-1", "-f", "examples"])
        #expect(files.status == 2 && files.stderr.contains("--chunk-size applies to kubectl resources, not to files"), "\(files.stderr)")
    }
}
