import Foundation
import Testing

/// `-o gitlab` and `-o checkstyle` make file names relative to the project's root or the working
/// folder. A live object's name and the kubectl command line that failed are no file names: they
/// are written as they are, whatever the working folder (a fingerprint made of them changed
/// with it) and with a URL's `//` kept.
@Suite struct LiveNameTests {
    static func run(_ arguments: [String], _ cluster: KubectlPluginTests.Cluster) throws -> TestSupport.Run {
        let folder = cluster.dir.appendingPathComponent("deploy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try TestSupport.run(arguments, environment: [
            "PATH": "/usr/bin:/bin", "HOME": cluster.dir.path, "KUBECONFIG": cluster.kubeconfig.path, "CI_PROJECT_DIR": cluster.dir.path,
        ], directory: folder)
    }

    static func paths(_ run: TestSupport.Run) throws -> [String?] {
        try GitLabOutputTests.issues(run).map { ($0["location"] as? [String: Any])?["path"] as? String }
    }

    @Test func aFailedCommandLineIsNoPath() throws {
        let cluster = try KubectlPluginTests.Cluster()
        let arguments = ["deployments", "-s", "http://127.0.0.1:1", "--request-timeout", "2s"]
        let command = "kubectl get deployments -o json --server http://127.0.0.1:1 --request-timeout 2s"
        let gitlab = try Self.run(["-o", "gitlab"] + arguments, cluster)
        #expect(gitlab.status == 2)
        #expect(try Self.paths(gitlab) == [command])
        let checkstyle = try Self.run(["-o", "checkstyle"] + arguments, cluster)
        #expect(checkstyle.status == 2)
        #expect(checkstyle.stdout.contains("<file name='\(command)'>"))
    }

    @Test func aLiveObjectsNameIsNoPath() throws {
        let cluster = try KubectlPluginTests.Cluster()
        let arguments = ["deploy/rook-ceph-rgw-my-store-a", "-n", "rook-ceph", "--context", "recorded"] + OutputSupport.timingFlags
        let gitlab = try Self.run(["-o", "gitlab"] + arguments, cluster)
        #expect(gitlab.status == 1, "\(gitlab.stderr)")
        let paths = try Self.paths(gitlab)
        #expect(!paths.isEmpty && paths.allSatisfy { $0 == "deployment/rook-ceph/rook-ceph-rgw-my-store-a" })
        let checkstyle = try Self.run(["-o", "checkstyle"] + arguments, cluster)
        #expect(checkstyle.status == 1)
        #expect(checkstyle.stdout.contains("<file name='deployment/rook-ceph/rook-ceph-rgw-my-store-a'>"))
    }
}
