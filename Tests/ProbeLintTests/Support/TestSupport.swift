import Foundation
import Testing
@testable import ProbeLint

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The package root (three levels above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` beside the checkout.
    static let shared: URL = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static let corpus: URL = shared.appendingPathComponent("corpus")

    /// The built `kubectl-probelint` (swift test builds every product), or
    /// `PROBELINT_BINARY` (e.g. the AddressSanitizer build in .build-asan).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["PROBELINT_BINARY"] { return URL(fileURLWithPath: path) }
        let candidates = [".build/debug/kubectl-probelint", ".build/release/kubectl-probelint"]
        for c in candidates {
            let url = packageRoot.appendingPathComponent(c)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return packageRoot.appendingPathComponent(candidates[0])
    }

    /// Python with jsonschema (set by scripts/test), else python3.
    static var python: String { ProcessInfo.processInfo.environment["PROBELINT_PYTHON"] ?? "/usr/bin/env python3" }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary with `arguments`, optional stdin and extra environment.
    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
                    executable: URL? = nil, directory: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        for name in ["NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE"] { env.removeValue(forKey: name) }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        // Read both pipes while stdin is written, so that neither a large output nor a child
        // that writes before it has read all its input (`--fix -` past the limit) can block.
        nonisolated(unsafe) var errData = Data(), outData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
        try inp.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A CephCluster whose `healthCheck.livenessProbe.mds.probe` is `probe` (a flow mapping), and a
    /// CephFilesystem of its namespace: before Rook v1.9 the MDS takes the cluster's values.
    static func clusterAndFilesystem(mdsLivenessProbe probe: String) -> String {
        """
        apiVersion: ceph.rook.io/v1
        kind: CephCluster
        metadata: {name: rook-ceph, namespace: rook-ceph}
        spec:
          healthCheck:
            livenessProbe:
              mds:
                probe: \(probe)
        ---
        apiVersion: ceph.rook.io/v1
        kind: CephFilesystem
        metadata: {name: myfs, namespace: rook-ceph}
        spec:
          metadataServer: {activeCount: 1, activeStandby: true}

        """
    }

    /// Lints a YAML string through the whole pipeline. Unless `readable` is false (a test of
    /// input errors), the text must read without one: a test that expects no finding would
    /// otherwise pass on a fixture that stopped parsing.
    static func lint(_ yaml: String, file: String = "test.yaml", flags: [InputKey: String] = [:],
                     options: LintOptions = LintOptions(), readable: Bool = true,
                     sourceLocation: SourceLocation = #_sourceLocation) -> LintReport {
        var options = options
        var values: [InputKey: InputValue] = [:]
        for (k, v) in flags {
            // A value the flag refuses is the test's mistake: said, where a force unwrap ended the whole run.
            guard let value = InputValue.parse(v, for: k) else {
                Issue.record("--\(k.rawValue) '\(v)' \(InputValue.refusal(v, for: k))", sourceLocation: sourceLocation)
                continue
            }
            values[k] = value
        }
        if !values.isEmpty { options.environment.flags = .flags(values) }
        let report = Linter.lint([InputFile(path: file, bytes: Array(yaml.utf8))], options: options)
        if readable {
            #expect(report.errors.isEmpty, "input errors in a test's manifest: \(report.errors.map(\.description))", sourceLocation: sourceLocation)
        }
        return report
    }

    /// ConfigMap `rook-config-override` with `rgw_graceful_stop = true` in `[client]`: RGW then
    /// waits for its requests in flight after SIGTERM, up to rgw_exit_timeout_secs (120 s), the
    /// drain PL106 checks; without it RGW has none (`Environment.rgwDrain`).
    static let gracefulStop = rookConfigOverride("[client]\nrgw_graceful_stop = true\n")

    /// ConfigMap `rook-config-override` in namespace rook-ceph whose `config` is `ini`.
    static func rookConfigOverride(_ ini: String) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: rook-config-override\n  namespace: rook-ceph\ndata:\n  config: |\n"
            + ini.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
    }

    /// `gracefulStop` as a file of the run.
    static let gracefulStopFile = InputFile(path: "rook-config-override.yaml", bytes: Array(gracefulStop.utf8))

    /// A Deployment with one container and the given probe body (indented under the probe key).
    /// A Deployment whose one container has no probe (PL204's info finding).
    static let probeless = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: quiet}\nspec:\n  template:\n    spec:\n      containers:\n        - {name: web, image: nginx}\n"

    static func deployment(name: String = "web", labels: [String: String] = ["app": "web"], container: String = "web",
                           command: String? = nil, probeKind: ProbeKind = .liveness, probe: String,
                           extraContainer: String = "", annotations: [String: String] = [:],
                           templateAnnotations: [String: String] = [:], ports: String = "") -> String {
        let labelLines = labels.sorted { $0.key < $1.key }.map { "        \($0.key): \($0.value)" }.joined(separator: "\n")
        func lines(_ annotations: [String: String], indent: String) -> String {
            annotations.sorted { $0.key < $1.key }.map { "\(indent)\($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        }
        let annotationLines = annotations.isEmpty ? "" : "  annotations:\n" + lines(annotations, indent: "    ") + "\n"
        let templateAnnotationLines = templateAnnotations.isEmpty ? ""
            : "\n      annotations:\n" + lines(templateAnnotations, indent: "        ")
        let probeLines = probe.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : "            " + $0 }.joined(separator: "\n")
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
            \(annotationLines)spec:
              template:
                metadata:
                  labels:
            \(labelLines)\(templateAnnotationLines)
                spec:
                  containers:
                    - name: \(container)
                      image: example/\(container):1\(command.map { "\n          command: [\($0)]" } ?? "")\(ports)
                      \(probeKind.fieldName):
            \(probeLines)
            \(extraContainer)
            """
    }
}
