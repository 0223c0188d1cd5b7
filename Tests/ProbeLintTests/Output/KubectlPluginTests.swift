import Foundation
import Testing
@testable import ProbeLint

/// The real kubectl (/usr/bin/kubectl) runs probelint as a plugin and, in live
/// mode, probelint runs `kubectl get` against Tests/Live/fake-apiserver.py,
/// which serves recorded API responses and logs every request.
@Suite struct KubectlPluginTests {
    static let kubectl = URL(fileURLWithPath: "/usr/bin/kubectl")

    /// A temp folder with bin/kubectl-probelint (a symlink, as krew makes), a
    /// kubeconfig whose current context points at a closed port and whose
    /// `recorded` context points at the fake API server, and the server itself.
    final class Cluster {
        let dir: URL
        let server = Process()
        let log: URL
        let kubeconfig: URL
        /// The fake API server's port on 127.0.0.1.
        let port: Int

        init() throws {
            dir = try OutputSupport.temporaryDirectory("plugin")
            log = dir.appendingPathComponent("requests.log")
            kubeconfig = dir.appendingPathComponent("kubeconfig")
            let bin = dir.appendingPathComponent("bin")
            try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("kubectl-probelint"),
                                                       withDestinationURL: TestSupport.binary)
            server.executableURL = URL(fileURLWithPath: OutputSupport.python)
            server.arguments = [TestSupport.packageRoot.appendingPathComponent("Tests/Live/fake-apiserver.py").path, log.path]
            let out = Pipe()
            server.standardOutput = out
            try server.run()
            var line = Data()
            while !line.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                line += chunk
            }
            port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
            try """
                apiVersion: v1
                kind: Config
                clusters:
                - name: recorded
                  cluster: {server: "http://127.0.0.1:\(port)"}
                - name: unreachable
                  cluster: {server: "http://127.0.0.1:1"}
                contexts:
                - name: recorded
                  context: {cluster: recorded, user: token}
                - name: unreachable
                  context: {cluster: unreachable, user: token}
                current-context: unreachable
                users:
                - name: token
                  user: {token: recorded-token}
                - name: other
                  user: {as: bob}

                """.write(to: kubeconfig, atomically: true, encoding: .utf8)
        }

        deinit {
            // Only a launched server is stopped: Foundation traps on terminating a Process
            // that never ran (the init throws when the venv's python is missing), and that
            // trap would end the whole test run instead of failing this suite.
            if server.isRunning { server.terminate() }
            if server.processIdentifier != 0 { server.waitUntilExit() }
            try? FileManager.default.removeItem(at: dir)
        }

        /// `kubectl ARGS` with only our bin folder and the system's on PATH, and
        /// KUBECONFIG set (kubectl and the plugin both read it from the environment).
        func kubectl(_ arguments: [String], kubeconfigVariable: String? = nil) throws -> TestSupport.Run {
            try TestSupport.run(arguments, environment: [
                "PATH": dir.appendingPathComponent("bin").path + ":/usr/bin:/bin",
                "HOME": dir.path, "KUBECONFIG": kubeconfigVariable ?? kubeconfig.path,
            ], executable: KubectlPluginTests.kubectl, directory: dir)
        }

        /// bin/kubectl_complete-probelint (a link to the binary), and `kubectl __complete probelint WORDS`'s lines.
        func completer() throws -> (String...) throws -> [String] {
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("bin/kubectl_complete-probelint"),
                                                       withDestinationURL: TestSupport.binary)
            return { (words: String...) in
                let run = try self.kubectl(["__complete", "probelint"] + words)
                #expect(run.status == 0, "\(run.stderr)")
                return run.stdout.split(separator: "\n").map(String.init)
            }
        }

        var requests: [String] {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        /// Every request is a GET, and the paths (without queries) are `expected` plus discovery.
        func expectOnlyReads(listing expected: [String]) {
            let requests = self.requests
            #expect(!requests.isEmpty)
            #expect(requests.allSatisfy { $0.hasPrefix("GET ") }, "non-GET requests: \(requests)")
            let paths = Set(requests.map { String($0.dropFirst(4).split(separator: "?")[0]) })
            let discovery: Set = ["/version", "/api", "/apis", "/api/v1", "/apis/apps/v1"]
            #expect(paths.subtracting(discovery) == Set(expected))
        }
    }

    @Test func pluginListShowsIt() throws {
        let cluster = try Cluster()
        let list = try cluster.kubectl(["plugin", "list"])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains(cluster.dir.appendingPathComponent("bin/kubectl-probelint").path))
        let help = try cluster.kubectl(["probelint", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("kubectl probelint -f FILE"))
        #expect(help.stdout.contains("kubectl probelint [-n NAMESPACE | -A] [--context CONTEXT] RESOURCE..."))
        let lintHelp = try cluster.kubectl(["probelint", "help", "lint"])
        #expect(lintHelp.stdout.contains("-A, --all-namespaces"))
    }

    /// `kubectl probelint WORD<TAB>`: kubectl runs `kubectl_complete-probelint` (a link to the
    /// binary) with the words and reads cobra's answer, candidates then `:directive`.
    @Test func kubectlCompletesThePluginsWords() throws {
        let cluster = try Cluster()
        let complete = try cluster.completer()
        #expect(try complete("-o", "") == ["text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "patch", ":4"])
        // A value after `=` is offered alone: cobra's scripts take the `--output=` off the word first.
        #expect(try complete("-f", "x.yaml", "--output=s") == ["sarif", ":4"])
        #expect(try complete("-o=j") == ["json", "junit", ":4"])
        #expect(try complete("--select=PL101,PL10").contains("PL101,PL102"))
        let failOn = try complete("--fail-o")
        #expect(failOn.count == 2 && failOn[0].hasPrefix("--fail-on\tExit 1 when a finding has this severity") && failOn[1] == ":4")
        #expect(try complete("-k", "") == [":16"])
        #expect(try complete("-f", "") == [":0"])
        #expect(try complete("--bandwidth", "") == [":4"])
        // A comma list completes its next item, without the ones given.
        let select = try complete("--select", "PL101,PL10")
        #expect(select.contains("PL101,PL102") && !select.contains("PL101,PL101") && select.last == ":4")
        #expect(try complete("--enable", "") == ["PL401", ":4"])
        #expect(try complete("explain", "PL30") == ["PL301", "PL302", "PL303", "PL304", ":4"])
        // explain takes one rule; help a subcommand.
        #expect(try complete("explain", "PL108", "") == [":4"])
        #expect(try complete("help", "ex").first?.hasPrefix("explain\t") == true)
        // The first word is a subcommand unless a file here starts as it does (the folder holds
        // requests.log): then the shell completes files.
        let subcommands = try complete("e")
        #expect(subcommands.count == 2 && subcommands[0].hasPrefix("explain\t") && subcommands[1] == ":4")
        #expect(try complete("r") == [":0"])
        #expect(try complete("li") == [":0"])
        // A word that is a value or a file is no subcommand, and what follows completes as lint's;
        // after a lint option a subcommand's name is a file or a resource too.
        #expect(try complete("-o", "json", "deploy", "") == [":0"])
        #expect(try complete("-o", "json", "ex") == [":0"])
        // -Rf gives -f's value; the root's --version is offered once.
        #expect(try complete("-Rf", "") == [":0"])
        #expect(try complete("--v") == ["--version\tShow the version.", ":4"])
        // After -- a word that starts with a dash is a file.
        #expect(try complete("--", "--o") == [":0"])
        // A subcommand's own options.
        let rules = try complete("rules", "--o")
        #expect(rules.count == 2 && rules[0].hasPrefix("--output\ttext, or json") && rules[1] == ":4")
    }

    /// The values only kubectl knows: the kubeconfig's contexts, clusters and users, and the
    /// namespaces of the cluster the words before choose; nothing when kubectl fails.
    @Test func kubectlListsContextsAndNamespaces() throws {
        let cluster = try Cluster()
        let complete = try cluster.completer()
        #expect(try complete("--context", "") == ["recorded", "unreachable", ":4"])
        #expect(try complete("--cluster", "r") == ["recorded", ":4"])
        #expect(try complete("--user", "") == ["other", "token", ":4"])
        #expect(cluster.requests.isEmpty)
        #expect(try complete("--context", "recorded", "-n", "") == ["default", "kube-system", "rook-ceph", ":4"])
        #expect(try complete("--context=recorded", "deployments", "--namespace=ro") == ["rook-ceph", ":4"])
        // A word the rest of the line refuses (-o bogus), or kubectl's spelling of a flag, does
        // not lose the context it names.
        #expect(try complete("--insecure-skip-tls-verify=true", "-o", "bogus", "--context", "recorded", "-n", "k") == ["kube-system", ":4"])
        #expect(cluster.requests.map { String($0.split(separator: "?")[0]) }.filter { $0.hasSuffix("/namespaces") }
                == ["GET /api/v1/namespaces", "GET /api/v1/namespaces", "GET /api/v1/namespaces"])
        // The current context's server is a closed port: kubectl fails, and completion offers nothing.
        #expect(try complete("-n", "") == [":4"])
        // A server that takes the connection and never answers: kubectl is stopped at completion's
        // 2 s deadline (it held the shell for 35 s, one request timeout after another), whatever
        // --request-timeout the line gives.
        let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        try withUnsafeMutablePointer(to: &address) { pointer in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                try #require(bind(silent, $0, length) == 0 && listen(silent, 16) == 0 && getsockname(silent, $0, &length) == 0)
            }
        }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let kubeconfig = cluster.dir.appendingPathComponent("silent-kubeconfig")
        try """
            apiVersion: v1
            kind: Config
            clusters: [{name: silent, cluster: {server: "http://127.0.0.1:\(port)"}}]
            contexts: [{name: silent, context: {cluster: silent, user: u}}]
            current-context: silent
            users: [{name: u, user: {token: t}}]

            """.write(to: kubeconfig, atomically: true, encoding: .utf8)
        let started = Date()
        #expect(try complete("--kubeconfig", kubeconfig.path, "--request-timeout", "0", "-n", "") == [":4"])
        #expect(Date().timeIntervalSince(started) < 8, "kubectl alone takes some 12 s here: it was not stopped")
        // So is kubectl's completion of a resource's names: then the shell completes files.
        let names = Date()
        #expect(try complete("--kubeconfig", kubeconfig.path, "deployments", "") == [":0"])
        #expect(Date().timeIntervalSince(names) < 8, "kubectl was not stopped")
    }

    /// Lint's words that are no paths are resources for `kubectl get`: kubectl's own completion
    /// of `get` offers the types, then the names, in the context and namespace the line gives.
    /// A word that a file here starts with, or that kubectl has nothing for, is the shell's to
    /// complete as a file.
    @Test func kubectlCompletesLiveResources() throws {
        let cluster = try Cluster()
        let complete = try cluster.completer()
        #expect(try complete("--context", "recorded", "dep") == ["deployments.apps", ":4"])
        #expect(try complete("--context", "recorded", "-n", "rook-ceph", "deployments", "")
                == ["rook-ceph-mgr-a", "rook-ceph-rgw-my-store-a", ":4"])
        #expect(try complete("--context=recorded", "--namespace=rook-ceph", "deploy/rook-ceph-r") == ["deploy/rook-ceph-rgw-my-store-a", ":4"])
        #expect(cluster.requests.contains { $0.hasPrefix("GET /apis/apps/v1/namespaces/rook-ceph/deployments?") }, "\(cluster.requests)")
        // After a flag for the cluster any word asks kubectl, and one it has nothing for is a file.
        #expect(try complete("--context", "recorded", "-n", "rook-ceph", "kube") == [":0"])
        // Without one, a word that a file here starts with (requests.log) is a file, and kubectl
        // is not asked; the current context's server is a closed port, so `dep` is a file too.
        let asked = cluster.requests.count
        #expect(try complete("--context", "recorded", "./re") == [":0"])
        #expect(try complete("re") == [":0"])
        #expect(try complete("requests.log", "") == [":0"])
        #expect(cluster.requests.count == asked)
        #expect(try complete("dep") == [":0"])
        // After -f or -k lint takes no resource: every word is a file, whatever the line's cluster.
        #expect(try complete("--context", "recorded", "-n", "rook-ceph", "-f", "x.yaml", "dep") == [":0"])
        #expect(try complete("--context=recorded", "--namespace=rook-ceph", "--filename=x.yaml", "deployments", "") == [":0"])
        #expect(try complete("--context", "recorded", "-Rf", "x", "dep") == [":0"])
        #expect(try complete("--context", "recorded", "-n", "rook-ceph", "-k", "overlay", "dep") == [":0"])
        #expect(try complete("--context", "recorded", "--kustomize", "overlay", "dep") == [":0"])
        #expect(cluster.requests.count == asked)
        // A -f after `--` is a file's name, not the option.
        #expect(try complete("--context", "recorded", "-n", "rook-ceph", "--", "-f", "dep") == ["deployments.apps", ":4"])
    }

    @Test func pluginLintsFiles() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "-f", OutputSupport.incident.path] + OutputSupport.timingFlags)
        #expect(run.status == 1)
        #expect(run.stdout.contains("rgw-incident.yaml:59:29: error: livenessProbe timeoutSeconds 1"))
        #expect(cluster.requests.isEmpty)
    }

    @Test func namespacedDeploymentsWithContext() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "--context", "recorded", "--kubeconfig", cluster.kubeconfig.path,
                                       "-n", "rook-ceph", "deployments", "-o", "json"] + OutputSupport.timingFlags)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let doc = try OutputSupport.parse(run.stdout)
        #expect(doc.object("source")?["command"] as? [String] == ["kubectl", "get", "deployments", "-o", "json", "--namespace", "rook-ceph",
                                                                 "--context", "recorded", "--kubeconfig", cluster.kubeconfig.path])
        #expect(doc.object("summary")?.int("objects") == 2)
        let findings = doc.array("findings")
        #expect(findings.compactMap { $0.string("rule") } == ["PL101", "PL102"])
        #expect(findings.allSatisfy { $0.object("object")?.string("displayName") == "deployment/rook-ceph/rook-ceph-rgw-my-store-a" })
        #expect(findings.allSatisfy { $0.string("path") == "spec.template.spec.containers[0].livenessProbe.timeoutSeconds" })
        #expect(findings.allSatisfy { $0["file"] == nil && $0["range"] == nil })
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/namespaces/rook-ceph/deployments"])
    }

    /// `-l/--selector` goes to `kubectl get` as kubectl takes it, and kubectl asks the API
    /// server for the selected objects only (the recorded server answers by path alone).
    @Test func labelSelectorGoesToGet() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "-l", "app=rook-ceph-rgw", "--context", "recorded",
                                       "-o", "json"] + OutputSupport.timingFlags)
        #expect(run.status == 1, "\(run.stderr)")
        let doc = try OutputSupport.parse(run.stdout)
        #expect(doc.object("source")?["command"] as? [String] == ["kubectl", "get", "deployments", "-o", "json", "--namespace", "rook-ceph",
                                                                 "--selector", "app=rook-ceph-rgw", "--context", "recorded"])
        #expect(cluster.requests.contains { $0.hasPrefix("GET /apis/apps/v1/namespaces/rook-ceph/deployments?") && $0.contains("labelSelector=app%3Drook-ceph-rgw") },
                "\(cluster.requests)")
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/namespaces/rook-ceph/deployments"])
        // With a file, probelint selects its objects itself and asks the cluster nothing.
        let asked = cluster.requests.count
        let withFile = try cluster.kubectl(["probelint", "--selector", "app=web", OutputSupport.incident.path])
        #expect(withFile.status == 0, "\(withFile.stderr)")
        #expect(withFile.stdout.isEmpty)
        let selected = try cluster.kubectl(["probelint", "--selector", "app=rook-ceph-rgw", OutputSupport.incident.path])
        #expect(selected.stdout.contains("[PL107]"), "\(selected.stderr)")
        #expect(cluster.requests.count == asked)
    }

    @Test func oneDeploymentAsSARIF() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "deploy/rook-ceph-rgw-my-store-a", "--namespace=rook-ceph", "--context=recorded",
                                       "-o", "sarif", "--bandwidth", "10MB/s", "--select", "PL101"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let r = try #require(try OutputSupport.parse(run.stdout).array("runs").first)
        let result = try #require(r.array("results").first)
        #expect(result.string("ruleId") == "PL101")
        let location = try #require(result.array("locations").first)
        // GitHub refuses a whole upload with a result that names no artifact: the object's name
        // stands for one, at line 1, column 1 (GitHub marks the region required: GH1003).
        let artifact = location.object("physicalLocation")?.object("artifactLocation")
        #expect(artifact?.string("uri") == "deployment/rook-ceph/rook-ceph-rgw-my-store-a")
        #expect(artifact?.string("uriBaseId") == "%SRCROOT%" && r.object("originalUriBaseIds")?.object("%SRCROOT%")?.string("uri") != nil)
        let region = location.object("physicalLocation")?.object("region")
        #expect([region?.int("startLine"), region?.int("startColumn"), region?.int("endLine"), region?.int("endColumn")] == [1, 1, 1, 1])
        #expect(location.array("logicalLocations").last?.string("fullyQualifiedName")
                == "Deployment/rook-ceph/rook-ceph-rgw-my-store-a:spec.template.spec.containers[0].livenessProbe.timeoutSeconds")
        #expect(result.object("message")?.string("text")?.hasPrefix("deployment/rook-ceph/rook-ceph-rgw-my-store-a spec.template") == true)
        #expect(r.array("invocations").first?.string("commandLine")?.hasPrefix("kubectl get deploy/rook-ceph-rgw-my-store-a -o json") == true)
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/namespaces/rook-ceph/deployments/rook-ceph-rgw-my-store-a"])
    }

    @Test func allNamespacesSeveralKindsAsText() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "-A", "daemonsets,deployments", "--context", "recorded"] + OutputSupport.timingFlags)
        #expect(run.status == 1, "\(run.stderr)")
        let locations = run.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { $0.prefix { $0 != " " } }
        #expect(locations == Array(repeating: "deployment/rook-ceph/rook-ceph-rgw-my-store-a:", count: 2))
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/daemonsets", "/apis/apps/v1/deployments"])
    }

    /// kubectl's own message reaches stderr and the exit status is 2.
    @Test func unreachableClusterExitsTwo() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "deployments", "-n", "rook-ceph"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("The connection to the server 127.0.0.1:1 was refused"))
        #expect(run.stderr.contains("error: kubectl get deployments -o json --namespace rook-ceph failed (exit status 1)"))
        #expect(cluster.requests.isEmpty)
    }

    /// A verb typed as an argument is only ever a resource name for `kubectl get`.
    @Test func verbsAreResourcesForGet() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "delete", "deployments", "-n", "rook-ceph", "--context", "recorded"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the server doesn't have a resource type \"delete\""))
        #expect(run.stderr.contains("error: kubectl get delete deployments -o json --namespace rook-ceph --context recorded failed"))
        #expect(!cluster.requests.isEmpty)
        #expect(cluster.requests.allSatisfy { $0.hasPrefix("GET ") })
    }

    /// kubectl's flags belong to resources: with files, or alone, they are a usage error.
    @Test func liveFlagsNeedResources() throws {
        let cluster = try Cluster()
        let withFile = try cluster.kubectl(["probelint", "-n", "rook-ceph", OutputSupport.incident.path])
        #expect(withFile.status == 2)
        #expect(withFile.stderr == "error: --namespace applies to kubectl resources, not to files\n")
        let tokenWithFile = try cluster.kubectl(["probelint", "--token", "t", "-s", "http://x", "--insecure-skip-tls-verify", OutputSupport.incident.path])
        #expect(tokenWithFile.stderr == "error: --server, --token and --insecure-skip-tls-verify apply to kubectl resources, not to files\n")
        let selectorAlone = try cluster.kubectl(["probelint", "-l", "app=rgw"])
        #expect(selectorAlone.status == 2)
        #expect(selectorAlone.stderr.hasPrefix("error: no resources: give kubectl resources such as 'deployments'"))
        let alone = try cluster.kubectl(["probelint", "--context", "recorded"])
        #expect(alone.status == 2)
        #expect(alone.stderr.hasPrefix("error: no resources: give kubectl resources such as 'deployments'"))
        let mixed = try cluster.kubectl(["probelint", OutputSupport.incident.path, "deployments"])
        #expect(mixed.status == 2)
        #expect(mixed.stderr == "error: give files or kubectl resources, not both (no such file: deployments)\n")
        #expect(cluster.requests.isEmpty)
    }

    /// kubectl's global flags for the cluster and the identity reach `kubectl get` as given: here
    /// the current context is unreachable, so only the flags lead kubectl to the recorded server,
    /// with the impersonation and the timeout they name.
    @Test func clusterAndIdentityFlagsGoToGet() throws {
        let cluster = try Cluster()
        let port = cluster.port
        let flags = ["--server", "http://127.0.0.1:\(port)", "--token", "given-token", "--as", "alice", "--as-group", "ops",
                     "--as-group", "audit", "--request-timeout", "7s", "--insecure-skip-tls-verify"]
        let run = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "-o", "json"] + flags + OutputSupport.timingFlags)
        #expect(run.status == 1, "\(run.stderr)")
        let command = try OutputSupport.parse(run.stdout).object("source")?["command"] as? [String]
        #expect(command == ["kubectl", "get", "deployments", "-o", "json", "--namespace", "rook-ceph", "--server", "http://127.0.0.1:\(port)",
                            "--token", "<redacted>", "--as", "alice", "--as-group", "ops", "--as-group", "audit",
                            "--request-timeout", "7s", "--insecure-skip-tls-verify"])
        // The token reaches kubectl, never a report or a message: here nor when kubectl fails.
        #expect(!run.stdout.contains("given-token") && !run.stderr.contains("given-token"))
        let refused = try cluster.kubectl(["probelint", "deployments", "--server", "http://127.0.0.1:1", "--token", "given-token", "-o", "sarif"])
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("kubectl get deployments -o json --server http://127.0.0.1:1 --token <redacted> failed"), "\(refused.stdout)")
        #expect(!refused.stdout.contains("given-token") && !refused.stderr.contains("given-token"))
        // Nor does a password in the server's URL: the user stays, the password does not.
        let withPassword = try cluster.kubectl(["probelint", "deployments", "--server", "http://ops:secret-pw@127.0.0.1:1/base", "-o", "sarif"])
        #expect(withPassword.status == 2)
        #expect(withPassword.stdout.contains("--server http://ops:<redacted>@127.0.0.1:1/base"), "\(withPassword.stdout)")
        #expect(!withPassword.stdout.contains("secret-pw") && !withPassword.stderr.contains("secret-pw"), "\(withPassword.stderr)")
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/namespaces/rook-ceph/deployments"])
        #expect(cluster.requests.contains { $0.contains("/deployments?") && $0.contains("timeout=7s") }, "\(cluster.requests)")
        let identities = try String(contentsOf: URL(fileURLWithPath: cluster.log.path + ".identity"), encoding: .utf8).split(separator: "\n")
        #expect(!identities.isEmpty)
        // (kubectl sends no bearer token over plain HTTP: the token shows in the command only.)
        #expect(identities.allSatisfy { $0.contains("impersonate-user=alice") })
        #expect(identities.allSatisfy { $0.contains("impersonate-group=ops") && $0.contains("impersonate-group=audit") })
        // --cluster and --user choose the kubeconfig's entries: the recorded server, and a user that impersonates bob.
        let named = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "--cluster", "recorded", "--user", "other"]
                                        + OutputSupport.timingFlags)
        #expect(named.status == 1, "\(named.stderr)")
        #expect(try String(contentsOf: URL(fileURLWithPath: cluster.log.path + ".identity"), encoding: .utf8)
            .split(separator: "\n").last == "impersonate-user=bob")
        // The rest of kubectl get's flags for the list and the identity go to it too.
        let more = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "--context", "recorded", "--field-selector",
                                        "metadata.name=rook-ceph-rgw-my-store-a", "--chunk-size", "50", "--as", "alice", "--as-uid", "u-1",
                                        "--tls-server-name", "api.example", "-o", "json"] + OutputSupport.timingFlags)
        let moreCommand = try OutputSupport.parse(more.stdout).object("source")?["command"] as? [String]
        #expect(moreCommand == ["kubectl", "get", "deployments", "-o", "json", "--namespace", "rook-ceph", "--field-selector",
                                "metadata.name=rook-ceph-rgw-my-store-a", "--chunk-size", "50", "--context", "recorded", "--as", "alice",
                                "--as-uid", "u-1", "--tls-server-name", "api.example"], "\(more.stdout.prefix(400)) \(more.stderr)")
        #expect(cluster.requests.contains { $0.contains("fieldSelector=metadata.name") && $0.contains("limit=50") }, "\(cluster.requests)")
        // Alone they are flags for the cluster, refused with files.
        let withFile = try cluster.kubectl(["probelint", "--field-selector", "a=b", "-f", "x.yaml"])
        #expect(withFile.status == 2 && withFile.stderr.contains("--field-selector applies to kubectl resources, not to files"), "\(withFile.stderr)")
    }

    /// kubectl's own spellings of its flags mean what the spaced ones mean: a short flag's
    /// value joined to it (`-nrook-ceph`, `-ojson`, `-lapp=rgw`) and a boolean's value
    /// (`--insecure-skip-tls-verify=true`; `-A -A=false` is false, the last wins); a value pflag
    /// would refuse stays refused.
    @Test func kubectlFlagSpellings() throws {
        let cluster = try Cluster()
        let server = "http://127.0.0.1:\(cluster.port)"
        let spaced = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "-o", "json", "-l", "app=rook-ceph-rgw",
                                          "--server", server, "--insecure-skip-tls-verify"] + OutputSupport.timingFlags)
        #expect(spaced.status == 1, "\(spaced.stderr)")
        let joined = try cluster.kubectl(["probelint", "-nrook-ceph", "deployments", "-ojson", "-lapp=rook-ceph-rgw", "-s\(server)",
                                          "--insecure-skip-tls-verify=true", "-A", "-A=false", "--recursive=False"] + OutputSupport.timingFlags)
        #expect(joined.status == 1, "\(joined.stderr)")
        #expect(joined.stdout == spaced.stdout)
        let command = try OutputSupport.parse(joined.stdout).object("source")?["command"] as? [String]
        #expect(command == ["kubectl", "get", "deployments", "-o", "json", "--namespace", "rook-ceph", "--selector", "app=rook-ceph-rgw",
                            "--server", server, "--insecure-skip-tls-verify"])
        #expect(try OutputSupport.parse(joined.stdout).array("findings").count == 2)
        let refused = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "--insecure-skip-tls-verify=yes"])
        #expect(refused.status == 2)
        // In pflag's words: the flag takes a value, a boolean one (argument-parser said it takes none).
        #expect(refused.stderr.hasPrefix("Error: invalid argument \"yes\" for \"--insecure-skip-tls-verify\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax\n"), "\(refused.stderr)")
        let recursive = try TestSupport.run(["-R=yes", "-f", "."])
        #expect(recursive.status == 2)
        #expect(recursive.stderr.hasPrefix("Error: invalid argument \"yes\" for \"-R, --recursive\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax\n"), "\(recursive.stderr)")
        let all = try TestSupport.run(["-A=maybe", "deployments"])
        #expect(all.status == 2 && all.stderr.hasPrefix("Error: invalid argument \"maybe\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\n"), "\(all.stderr)")
    }

    /// Live objects get the environment files get: `--config`, else the nearest
    /// .probelint.yaml from the working directory upward (as for stdin), and a broken
    /// config stops the run before the cluster is asked.
    @Test func liveObjectsReadTheConfig() throws {
        let cluster = try Cluster()
        // Every rule runs (`--select` would win over the config's `off`).
        let arguments = ["probelint", "-n", "rook-ceph", "deployments", "--context", "recorded", "-o", "json"] + OutputSupport.incidentFlags
        func rules(_ run: TestSupport.Run) throws -> Set<String> {
            Set(try OutputSupport.parse(run.stdout).array("findings").compactMap { $0.string("rule") })
        }
        let config = cluster.dir.appendingPathComponent("env.yaml")
        try "rules: {PL102: off}\n".write(to: config, atomically: true, encoding: .utf8)
        let given = try cluster.kubectl(arguments + ["--config", config.path])
        #expect(given.status == 1, "\(given.stderr)")
        #expect(try rules(given).isSuperset(of: ["PL101"]) && !rules(given).contains("PL102"), "\(given.stdout)")
        try "rules: {PL101: off}\n".write(to: cluster.dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let discovered = try cluster.kubectl(arguments)
        #expect(try rules(discovered).isSuperset(of: ["PL102"]) && !rules(discovered).contains("PL101"), "\(discovered.stdout)")
        #expect(cluster.requests.count > 0)

        let before = cluster.requests.count
        try "rules: [\n".write(to: config, atomically: true, encoding: .utf8)
        let broken = try cluster.kubectl(arguments + ["--config", config.path])
        #expect(broken.status == 2)
        #expect(try OutputSupport.parse(broken.stdout).array("inputErrors").first?.string("file") == config.path)
        #expect(broken.stderr.contains("env.yaml:2:1: error:"))
        let badVersion = try cluster.kubectl(arguments + ["--rook-version", "v9"])
        #expect(badVersion.status == 2)
        #expect(badVersion.stderr.contains("--rook-version 'v9' is not a Rook version"))
        let tooOld = try cluster.kubectl(arguments + ["--rook-version", "v1.0"])
        #expect(tooOld.status == 2)
        #expect(tooOld.stderr.contains("--rook-version 'v1.0' is older than v1.1, the oldest Rook release probelint models (v1.1 to v1.20)"))
        #expect(cluster.requests.count == before)
    }

    /// `-o patch` on kubectl resources prints kubectl patch commands, as for the same objects
    /// read from stdin; `--fix` and `--diff` edit files and are refused before the cluster is asked.
    @Test func liveObjectsPatchAndRefuseFix() throws {
        let cluster = try Cluster()
        let arguments = ["probelint", "-n", "rook-ceph", "deploy/rook-ceph-rgw-my-store-a", "--context", "recorded"] + OutputSupport.timingFlags
        let patch = try cluster.kubectl(arguments + ["-o", "patch"])
        #expect(patch.status == 1, "\(patch.stderr)")
        // A Rook-generated Deployment: the command is there, commented out, with the reason.
        let commands = patch.stdout.split(separator: "\n").filter { $0.hasPrefix("# kubectl patch ") }
        // The context the object was read from goes with the command: piped to a shell, it must
        // not patch an object of that name in the current context (here: an unreachable cluster).
        // KUBECONFIG named the kubeconfig, and the commands name it too.
        let expected = #"# kubectl patch deployment/rook-ceph-rgw-my-store-a -n rook-ceph --type=strategic -p '{"spec":{"template":{"spec":{"containers":[{"name":"rgw","livenessProbe":{"timeoutSeconds":3}}]}}}}' --kubeconfig="#
            + cluster.kubeconfig.path + " --context=recorded"
        #expect(commands.map(String.init) == [expected])
        #expect(patch.stdout.contains("# generated by Rook from CephObjectStore my-store: the operator reverts this patch"))
        #expect(!patch.stdout.contains("[PL101]\n  object:"))
        #expect(!patch.stdout.contains("--token"))
        // The identity too, but never the token: a line says to add it.
        let identity = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deploy/rook-ceph-rgw-my-store-a", "--cluster", "recorded", "--user", "token",
                                            "--as", "bob", "--as-group", "ops", "--token", "recorded-token", "--request-timeout", "20s", "-o", "patch"]
                                           + OutputSupport.timingFlags)
        #expect(identity.status == 1, "\(identity.stderr)")
        #expect(identity.stdout.hasPrefix("# --token is not repeated in these commands (it is never printed): add it to each, or use a kubeconfig user\n"))
        // No --context: the kubeconfig's current one is named, so that a saved script run after
        // `kubectl config use-context` still patches the cluster the objects came from.
        #expect(identity.stdout.split(separator: "\n").filter { $0.hasPrefix("# kubectl patch ") }.allSatisfy {
            $0.hasSuffix(" --context=unreachable --cluster=recorded --user=token --as=bob --as-group=ops") }, "\(identity.stdout)")
        #expect(!identity.stdout.contains("recorded-token"))
        // Nor the password of a --server URL, which the commands carry redacted.
        let server = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deploy/rook-ceph-rgw-my-store-a",
                                          "--server", "http://ops:secret-pw@127.0.0.1:\(cluster.port)", "--token", "recorded-token", "-o", "patch"]
                                         + OutputSupport.timingFlags)
        #expect(server.status == 1, "\(server.stderr)")
        #expect(server.stdout.hasPrefix("# --token and the password of --server are not repeated in these commands (they are never printed): add them to each, or use a kubeconfig user\n"), "\(server.stdout)")
        #expect(server.stdout.split(separator: "\n").filter { $0.hasPrefix("# kubectl patch ") }.allSatisfy {
            $0.hasSuffix(" '--server=http://ops:<redacted>@127.0.0.1:\(cluster.port)'") }, "\(server.stdout)")
        #expect(!server.stdout.contains("secret-pw") && !server.stderr.contains("secret-pw"))
        // A relative kubeconfig is made absolute: the commands may be run from elsewhere.
        let relative = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deploy/rook-ceph-rgw-my-store-a", "--context", "recorded",
                                            "--kubeconfig", "kubeconfig", "-o", "patch"] + OutputSupport.timingFlags)
        #expect(relative.stdout.contains(" --context=recorded --kubeconfig=\(cluster.dir.path)/kubeconfig\n"), "\(relative.stdout)")
        // A kubeconfig named by KUBECONFIG chose the cluster too: a shell without the variable
        // runs the commands against that one (they named none, and went to another cluster).
        #expect(identity.stdout.split(separator: "\n").filter { $0.hasPrefix("# kubectl patch ") }.allSatisfy {
            $0.contains(" --kubeconfig=\(cluster.kubeconfig.path) --context=unreachable --cluster=recorded") }, "\(identity.stdout)")
        // A KUBECONFIG of several files (kubectl merges them; an empty entry is skipped, and a
        // relative one is made absolute): each command sets the variable, as --kubeconfig takes one.
        let empty = cluster.dir.appendingPathComponent("empty-kubeconfig")
        try "apiVersion: v1\nkind: Config\n".write(to: empty, atomically: true, encoding: .utf8)
        let merged = try cluster.kubectl(arguments + ["-o", "patch"], kubeconfigVariable: "empty-kubeconfig::\(cluster.kubeconfig.path)")
        #expect(merged.status == 1, "\(merged.stderr)")
        let mergedCommands = merged.stdout.split(separator: "\n").filter { $0.hasPrefix("# KUBECONFIG=") }
        #expect(mergedCommands.map(String.init) == [
            "# KUBECONFIG=\(empty.path):\(cluster.kubeconfig.path) " + expected.dropFirst(2).replacingOccurrences(of: " --kubeconfig=\(cluster.kubeconfig.path)", with: "")],
                "\(merged.stdout)")
        let asked = cluster.requests.count
        for flag in ["--fix", "--diff"] {
            let refused = try cluster.kubectl(arguments + [flag])
            #expect(refused.status == 2)
            #expect(refused.stdout.isEmpty)
            #expect(refused.stderr.hasPrefix("error: --fix and --diff edit files; for kubectl resources, -o patch prints"))
        }
        #expect(cluster.requests.count == asked)
    }

    /// When kubectl fails, -o sarif and -o json still write a whole document with the
    /// failure among its input errors (an empty file broke the SARIF upload).
    @Test func kubectlFailureIsADocument() throws {
        let cluster = try Cluster()
        let sarif = try cluster.kubectl(["probelint", "deployments", "-n", "rook-ceph", "-o", "sarif"])
        #expect(sarif.status == 2)
        #expect(try OutputSupport.schemaErrors(sarif.stdout, schema: OutputSupport.sarifSchema).isEmpty)
        let run = try #require(try OutputSupport.parse(sarif.stdout).array("runs").first)
        let invocation = try #require(run.array("invocations").first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let notification = invocation.array("toolExecutionNotifications").first?.object("message")?.string("text")
        // With kubectl's own reason, its last line on stderr, which a CI reader of the report
        // does not see (kubectl's stderr is still passed on whole).
        #expect(notification?.contains("kubectl get deployments -o json --namespace rook-ceph failed (exit status 1): The connection to the server 127.0.0.1:1 was refused") == true, "\(sarif.stdout)")
        #expect(sarif.stderr.contains("The connection to the server 127.0.0.1:1 was refused"))
        let json = try cluster.kubectl(["probelint", "deployments", "-n", "rook-ceph", "-o", "json"])
        #expect(json.status == 2)
        #expect(try OutputSupport.schemaErrors(json.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        let error = try #require(try OutputSupport.parse(json.stdout).array("inputErrors").first)
        #expect(error.string("file") == "kubectl get deployments -o json --namespace rook-ceph")
        #expect(error.string("message")?.hasPrefix("kubectl get deployments -o json --namespace rook-ceph failed (exit status 1): The connection to the server") == true, "\(json.stdout)")
        // The text report shows kubectl's message once, above its own line.
        let text = try cluster.kubectl(["probelint", "deployments", "-n", "rook-ceph"])
        #expect(text.status == 2)
        #expect(text.stderr.components(separatedBy: "was refused").count == 2, "\(text.stderr)")
        #expect(text.stderr.hasSuffix("error: kubectl get deployments -o json --namespace rook-ceph failed (exit status 1)\n"))
        #expect(cluster.requests.isEmpty)
    }

    /// With a flag for the cluster, a word that names a folder here but looks like no path is the
    /// resource asked for, as kubectl reads it (a `deployments/` folder of manifests took over,
    /// and `-n` was then refused as a flag for files); without one, the folder is linted.
    @Test func aFolderNamedLikeAResourceYieldsToTheClusterFlags() throws {
        let cluster = try Cluster()
        let folder = cluster.dir.appendingPathComponent("deployments")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try TestSupport.deployment(probe: "tcpSocket: {port: 80}").write(to: folder.appendingPathComponent("web.yaml"), atomically: true, encoding: .utf8)
        let live = try cluster.kubectl(["probelint", "-n", "rook-ceph", "deployments", "--context", "recorded"] + OutputSupport.timingFlags)
        #expect(live.stdout.contains("deployment/rook-ceph/rook-ceph-rgw-my-store-a"), "\(live.stderr)")
        #expect(!live.stdout.contains("web.yaml"))
        cluster.expectOnlyReads(listing: ["/apis/apps/v1/namespaces/rook-ceph/deployments"])
        let files = try cluster.kubectl(["probelint", "deployments", "-o", "json"])
        #expect(files.status == 0, "\(files.stderr)")
        let report = try OutputSupport.parse(files.stdout)
        #expect(report.object("source")?.string("type") == "files", "\(files.stdout.prefix(400))")
        #expect(report.object("summary")?["files"] as? Int == 1 && report.object("summary")?["objects"] as? Int == 1, "\(files.stdout.prefix(600))")
        #expect(!files.stderr.contains("kubectl get"))
    }

    /// kubectl get lists what it may and fails on a type it may not (RBAC): what it printed is
    /// linted, and the failure is an input error beside the findings (exit 2); it linted nothing.
    @Test func aPartialFailureLintsWhatKubectlPrinted() throws {
        let dir = try OutputSupport.temporaryDirectory("partial")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.fakeKubectl(in: dir, printing: Self.agentList(), error: #"Error from server (Forbidden): deployments.apps is forbidden: User \"ci\" cannot list resource \"deployments\""#, status: 1)
        let run = try TestSupport.run(["-n", "shop", "ds,deploy", "-o", "json", "--select", "PL103"], environment: ["PATH": dir.path + ":/usr/bin:/bin"])
        #expect(run.status == 2, "\(run.stderr)")
        let json = try OutputSupport.parse(run.stdout)
        #expect(json.array("findings").compactMap { $0.object("object")?.string("name") } == ["agent"], "\(run.stdout)")
        #expect(json.array("inputErrors").first?.string("message") == "kubectl get ds,deploy -o json --namespace shop failed (exit status 1): Error from server (Forbidden): deployments.apps is forbidden: User \"ci\" cannot list resource \"deployments\"")
        // With a flag for the cluster, TYPE/NAME is a resource though its name ends in .yaml
        // (names may hold dots) and no such file is here: it was refused as a file.
        let dotted = try TestSupport.run(["-n", "shop", "ds/agent.yaml", "-o", "json", "--select", "PL103"], environment: ["PATH": dir.path + ":/usr/bin:/bin"])
        #expect(try OutputSupport.parse(dotted.stdout).array("findings").count == 1, "\(dotted.stderr)")
        // -o patch: the listed DaemonSet's patch, and the failure (it printed nothing at all).
        let patch = try TestSupport.run(["-n", "shop", "ds,deploy", "-o", "patch", "--select", "PL103"], environment: ["PATH": dir.path + ":/usr/bin:/bin"])
        #expect(patch.status == 2, "\(patch.stderr)")
        #expect(patch.stdout.contains("kubectl patch daemonset/agent -n shop --type=strategic -p '"), "\(patch.stdout)")
        #expect(patch.stdout.contains("}}]}}}}' --context=fake-context\n"), "\(patch.stdout)")
        #expect(patch.stderr.contains("Error from server (Forbidden): deployments.apps is forbidden"), "\(patch.stderr)")
        // Output cut short is no List: kubectl's failure alone, no parse error of its half.
        try Self.fakeKubectl(in: dir, printing: String(Self.agentList().prefix(150)), error: "error: stream closed", status: 1)
        let cut = try TestSupport.run(["-n", "shop", "ds", "-o", "json"], environment: ["PATH": dir.path + ":/usr/bin:/bin"])
        #expect(cut.status == 2)
        #expect(try OutputSupport.parse(cut.stdout).array("inputErrors").compactMap { $0.string("message") }
                == ["kubectl get ds -o json --namespace shop failed (exit status 1): error: stream closed"], "\(cut.stdout)")
    }

    /// A List of one DaemonSet whose liveness probe draws PL103, with `annotations` on it.
    static func agentList(annotations: String = "{}") -> String {
        #"{"apiVersion": "v1", "kind": "List", "items": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": {"name": "agent", "namespace": "shop", "annotations": "# + annotations
            + #"}, "spec": {"template": {"spec": {"containers": [{"name": "agent", "image": "example/agent:1", "livenessProbe": {"exec": {"command": ["true"]}, "timeoutSeconds": 1, "periodSeconds": 1, "failureThreshold": 1}}]}}}}]}"#
    }

    /// `dir/kubectl`: prints `output`, writes `error` to stderr, exits with `status`; `kubectl
    /// config current-context` (which `-o patch` asks) prints `fake-context`.
    static func fakeKubectl(in dir: URL, printing output: String, error: String, status: Int) throws {
        try output.write(to: dir.appendingPathComponent("list.json"), atomically: true, encoding: .utf8)
        let kubectl = dir.appendingPathComponent("kubectl")
        let context = "if [ \"$1 $2\" = 'config current-context' ]; then echo fake-context; exit 0; fi\n"
        try "#!/bin/sh\n\(context)cat '\(dir.path)/list.json'\necho \"\(error)\" >&2\nexit \(status)\n".write(to: kubectl, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: kubectl.path)
    }

    /// An input error inside a live object is named by the object, as its findings are, not by
    /// a line and column of kubectl's output.
    @Test func aLiveObjectsInputErrorNamesIt() throws {
        let dir = try OutputSupport.temporaryDirectory("live-error")
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.fakeKubectl(in: dir, printing: Self.agentList(annotations: #"{"probelint.io/ignore": "nosuch"}"#), error: "", status: 0)
        let run = try TestSupport.run(["-n", "shop", "ds"], environment: ["PATH": dir.path + ":/usr/bin:/bin", "NO_COLOR": "1"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("daemonset/shop/agent: error: annotation probelint.io/ignore: 'nosuch' is not a rule"), "\(run.stderr)")
        // A later version's rule is a warning, named by the object too; the exit status is the findings'.
        try Self.fakeKubectl(in: dir, printing: Self.agentList(annotations: #"{"probelint.io/ignore": "PL999"}"#), error: "", status: 0)
        let later = try TestSupport.run(["-n", "shop", "ds"], environment: ["PATH": dir.path + ":/usr/bin:/bin", "NO_COLOR": "1"])
        #expect(later.status == 1, "\(later.stderr)")
        #expect(later.stderr.contains("daemonset/shop/agent: warning: annotation probelint.io/ignore: PL999 is not a rule of this version"), "\(later.stderr)")
    }

    /// `-o patch` of live objects: the object with an input error is named and left out, and
    /// the others are patched; one bad annotation held back every patch of the run.
    @Test func patchesLeaveOutOnlyTheObjectWithAnInputError() throws {
        let dir = try OutputSupport.temporaryDirectory("live-patch-error")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = Self.agentList(annotations: #"{"probelint.io/ignore": "nosuch"}"#)
        let good = Self.agentList().replacingOccurrences(of: #""name": "agent", "namespace""#, with: #""name": "agent2", "namespace""#)
        // The two Lists' items in one List: the bad object first.
        let item = { (list: String) in String(list.dropFirst(#"{"apiVersion": "v1", "kind": "List", "items": ["#.count).dropLast(2)) }
        try Self.fakeKubectl(in: dir, printing: #"{"apiVersion": "v1", "kind": "List", "items": ["# + item(bad) + ",\n" + item(good) + "]}",
                             error: "", status: 0)
        let run = try TestSupport.run(["-n", "shop", "ds", "-o", "patch", "--select", "PL103"],
                                      environment: ["PATH": dir.path + ":/usr/bin:/bin", "NO_COLOR": "1"])
        #expect(run.status == 2, "\(run.stderr)")
        let commands = run.stdout.split(separator: "\n").filter { $0.hasPrefix("kubectl patch") }
        #expect(commands.count == 1, "\(run.stdout)")
        #expect(commands.first?.hasPrefix("kubectl patch daemonset/agent2 -n shop ") == true, "\(run.stdout)")
        // The kubeconfig's current context is named, as no --context chose it.
        #expect(commands.first?.hasSuffix("}}]}}}}' --context=fake-context") == true, "\(run.stdout)")
        #expect(run.stderr.contains("daemonset/shop/agent: error: annotation probelint.io/ignore: 'nosuch' is not a rule"), "\(run.stderr)")
        #expect(run.stderr.contains("; it is not patched"), "\(run.stderr)")
        #expect(!run.stderr.contains("never touched"), "\(run.stderr)")
    }

    /// kubectl get -o json prints an empty List for a namespace that holds nothing (a
    /// mistyped one) and says nothing: a note says that nothing was linted. kubectl missing
    /// from PATH is named as such.
    @Test func anEmptyListAndAMissingKubectlAreSaid() throws {
        let cluster = try Cluster()
        let run = try cluster.kubectl(["probelint", "-n", "rook-cehp", "deployments", "--context", "recorded"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "note: kubectl get deployments -o json --namespace rook-cehp --context recorded returned no objects: nothing was linted\n")
        let patch = try cluster.kubectl(["probelint", "-n", "rook-cehp", "deployments", "--context", "recorded", "-o", "patch"])
        #expect(patch.status == 0 && patch.stdout.isEmpty)
        #expect(patch.stderr == run.stderr, "\(patch.stderr)")
        let missing = try TestSupport.run(["-n", "rook-ceph", "deployments"], environment: ["PATH": "/nonexistent"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: kubectl is not on PATH: probelint runs 'kubectl get' for kubectl resources (an argument that is no file)\n", "\(missing.stderr)")
        // Without a flag for the cluster, a word may be a mistyped path: the error says how it was read.
        let word = try TestSupport.run(["manifests"], environment: ["PATH": "/nonexistent"])
        #expect(word.status == 2)
        #expect(word.stderr.hasSuffix("; 'manifests' is no file here, so it was taken as a kubectl resource\n"), "\(word.stderr)")
        // A word that names a resource type kubectl knows is no mistyped path: no such hint.
        let known = try TestSupport.run(["deploy/web", "daemonsets,statefulsets"], environment: ["PATH": "/nonexistent"])
        #expect(known.status == 2 && !known.stderr.contains("no file here"), "\(known.stderr)")
        // A mistyped subcommand is refused before kubectl is run (it reached a live cluster as
        // `kubectl get rule`), as kubectl refuses an unknown command; so is a peer's `completion`.
        for (typed, said) in [("rule", "unknown command 'rule': did you mean 'rules'?"), ("explian", "unknown command 'explian': did you mean 'explain'?"),
                              ("verison", "unknown command 'verison': did you mean 'version'?"),
                              ("completion", "unknown command 'completion': the shell completion scripts are printed by --generate-completion-script bash|zsh|fish")] {
            let run = try TestSupport.run([typed, "PL101"], environment: ["PATH": "/nonexistent"])
            #expect(run.status == 2)
            #expect(run.stderr.hasPrefix("error: \(said) ('\(typed)' is no file here and no subcommand"), "\(run.stderr)")
        }
        // A resource type near a subcommand's name (`roles`, `routes`) or with its group still reaches kubectl.
        for word in ["routes", "roles", "rule.example.com", "pods"] {
            let run = try TestSupport.run([word], environment: ["PATH": "/nonexistent"])
            #expect(run.stderr.hasPrefix("error: kubectl is not on PATH"), "\(word): \(run.stderr)")
        }
    }
}
