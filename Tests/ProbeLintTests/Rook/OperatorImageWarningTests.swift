import Foundation
import Testing
@testable import ProbeLint

/// The rook-ceph-operator image is the first place the Rook release is read from (after
/// --rook-version). An image whose tag names no release (`master`, a digest alone) had left the
/// run modelled as the newest release with no word; one that overrides a `.probelint.yaml`'s
/// rook-version had passed over the setting with no word.
@Suite struct OperatorImageWarningTests {
    static func operatorFacts(_ image: String, file: String = "op.yaml") -> RookFacts {
        RookFacts.scan(InputFile(path: file, bytes: Array("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: rook-ceph-operator}
            spec: {template: {spec: {containers: [{name: op, image: "\(image)"}]}}}
            """.utf8)))
    }

    /// (An image with neither tag nor digest is not seen: the files read for Rook's facts are
    /// those that name `rook/ceph:` or `rook/ceph@`, `RookMarkers`.)
    @Test(arguments: ["rook/ceph:master", "rook/ceph:latest", "docker.io/rook/ceph@sha256:0123", "registry:5000/rook/ceph:main"])
    func anImageOfNoReleaseIsNamed(_ image: String) throws {
        let facts = Self.operatorFacts(image)
        #expect(facts.operatorVersions.isEmpty)
        #expect(facts.unreadOperatorImages.map(\.image) == [image])
        var settings = RookSettings()
        settings.facts = facts
        let warning = try #require(settings.unreadOperatorImage)
        #expect(warning.place == "op.yaml:1:1")
        #expect(warning.message.hasPrefix("the rook-ceph-operator image \(image) names no Rook release (a tag such as v1.20.6): "))
        #expect(warning.message.hasSuffix("; pass --rook-version, or set rook-version in .probelint.yaml"))
        settings.flag = RookVersion(1, 9)
        #expect(settings.unreadOperatorImage == nil)
    }

    /// Not the operator's repository, or a release that is read: nothing to say.
    @Test(arguments: ["myrook/ceph:master", "rook/ceph-csi:master", "rook/ceph:v1.20.6", "quay.io/rook/ceph:v1.9.13@sha256:0123"])
    func otherImagesAreNotNamed(_ image: String) {
        let facts = Self.operatorFacts(image)
        #expect(facts.unreadOperatorImages.isEmpty)
        var settings = RookSettings()
        settings.facts = facts
        #expect(settings.unreadOperatorImage == nil)
    }

    /// Another folder's operator image that names its release is that folder's: the unread
    /// image's folder is not modelled as it (a review: `a/` took `b/`'s v1.12.6 with no word).
    @Test func aReadImageElsewhereIsItsFoldersOnly() throws {
        var facts = Self.operatorFacts("rook/ceph:master", file: "a/op.yaml")
        facts.merge(Self.operatorFacts("rook/ceph:v1.12.6", file: "b/op.yaml"))
        #expect(facts.operatorVersion == nil && facts.operatorsUnsettled)
        var settings = RookSettings()
        settings.facts = facts
        #expect(settings.version.version == .newest)
        #expect(settings.version.origin.hasSuffix("; a rook-ceph-operator image of the run names no release (rook/ceph:master): use --rook-version"))
        #expect(settings.operatorVersion(near: "b/fs.yaml")?.version == RookVersion(1, 12, 6))
        #expect(settings.operatorVersion(near: "a/fs.yaml") == nil && settings.operatorVersion(near: "a/sub/fs.yaml") == nil)
        let warning = try #require(settings.unreadOperatorImage)
        #expect(warning.message.contains("Rook's generated probes of the objects in its folder and below (where no other operator's folder is nearer) are modelled as"))
    }

    @Test func aDigestAloneIsAMarker() {
        #expect(RookFacts.isRookImage("registry:5000/rook/ceph") && RookFacts.isRookImage("rook/ceph"))
        #expect(RookMarkers(Array("image: rook/ceph@sha256:0123".utf8)).operatorImage)
        #expect(!RookMarkers(Array("image: ceph/ceph@sha256:0123".utf8)).operatorImage)
    }

    @Test func anOverriddenSettingIsNamed() throws {
        var settings = RookSettings()
        settings.facts = Self.operatorFacts("rook/ceph:v1.20.6")
        var config = RookVersionChoice(version: RookVersion(1, 9, 13), origin: "from .probelint.yaml:1:15")
        config.file = ".probelint.yaml"
        config.position = SourcePosition(offset: 14, line: 1, column: 15)
        let warning = try #require(settings.overriddenSettingWarning(config))
        #expect(warning.place == ".probelint.yaml:1:15")
        #expect(warning.message == "rook-version v1.9.13 is not used: the rook-ceph-operator image among the inputs says which Rook runs (v1.20.6 from the image rook/ceph:v1.20.6 of Deployment rook-ceph-operator in op.yaml), and comes before .probelint.yaml; remove the setting, or pass --rook-version to choose")
        // The same release, a flag that chooses, or no operator image: nothing to say.
        config.version = RookVersion(1, 20, 6)
        #expect(settings.overriddenSettingWarning(config) == nil)
        config.version = RookVersion(1, 9, 13)
        settings.flag = RookVersion(1, 9, 13)
        #expect(settings.overriddenSettingWarning(config) == nil)
        #expect(RookSettings().overriddenSettingWarning(config) == nil)
    }

    /// From the command line: on stderr and in the JSON report's inputWarnings, exit status 0.
    @Test func theRunReportsBoth() throws {
        let dir = try OutputSupport.temporaryDirectory("operator-image")
        defer { try? FileManager.default.removeItem(at: dir) }
        func write(_ text: String, _ name: String) throws {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator}\nspec: {template: {spec: {containers: [{name: op, image: rook/ceph:master}]}}}\n", "op.yaml")
        let unread = try TestSupport.run(["-o", "json", "op.yaml"], directory: dir)
        #expect(unread.status == 0)
        #expect(unread.stderr.hasPrefix("op.yaml:1:1: warning: the rook-ceph-operator image rook/ceph:master names no Rook release"), "\(unread.stderr)")
        #expect(try OutputSupport.parse(unread.stdout).array("inputWarnings").map { $0.string("file") } == ["op.yaml"])
        // A .probelint.yaml beside it that chooses the release: nothing to say (a review found it said so on every run).
        try write("rook-version: v1.12.6\n", ".probelint.yaml")
        #expect(try TestSupport.run(["op.yaml"], directory: dir).stderr.isEmpty)
        #expect(try TestSupport.run(["--config", ".probelint.yaml", "op.yaml"], directory: dir).stderr.isEmpty)
        try FileManager.default.removeItem(at: dir.appendingPathComponent(".probelint.yaml"))

        try write("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator}\nspec: {template: {spec: {containers: [{name: op, image: rook/ceph:v1.20.6}]}}}\n", "op.yaml")
        try write("rook-version: v1.9.13\n", ".probelint.yaml")
        let overridden = try TestSupport.run(["-o", "json", "op.yaml"], directory: dir)
        #expect(overridden.status == 0)
        #expect(overridden.stderr.hasPrefix(".probelint.yaml:1:15: warning: rook-version v1.9.13 is not used: "), "\(overridden.stderr)")
        #expect(try OutputSupport.schemaErrors(overridden.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        #expect(try OutputSupport.parse(overridden.stdout).array("inputWarnings").map { $0.string("file") } == [".probelint.yaml"])
    }

    /// -k reads its objects from kustomize's output, after the run's files are prepared: its Rook
    /// facts gave no warning (a review: the unread image said nothing under -k). Named by object.
    @Test func aKustomizationReportsThemToo() throws {
        let dir = try OutputSupport.temporaryDirectory("operator-image-k")
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("k")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator, namespace: rook-ceph}\nspec: {template: {spec: {containers: [{name: op, image: rook/ceph:master}]}}}\n"
            .write(to: folder.appendingPathComponent("op.yaml"), atomically: true, encoding: .utf8)
        try "resources: [op.yaml]\n".write(to: folder.appendingPathComponent("kustomization.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-k", "k", "-o", "json"], directory: dir)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("deployment/rook-ceph/rook-ceph-operator: warning: the rook-ceph-operator image rook/ceph:master names no Rook release"), "\(run.stderr)")
        #expect(try OutputSupport.schemaErrors(run.stdout, schema: OutputSupport.jsonSchema).isEmpty)
        #expect(try OutputSupport.parse(run.stdout).array("inputWarnings").map { $0.string("file") } == ["deployment/rook-ceph/rook-ceph-operator"])
        // A rook-version beside the kustomization chooses: nothing to say.
        try "rook-version: v1.12.6\n".write(to: folder.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["-k", "k"], directory: dir).stderr.isEmpty)
        // An operator image that names a release overrides it: one warning, at the setting.
        try "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator, namespace: rook-ceph}\nspec: {template: {spec: {containers: [{name: op, image: rook/ceph:v1.20.6}]}}}\n"
            .write(to: folder.appendingPathComponent("op.yaml"), atomically: true, encoding: .utf8)
        let overridden = try TestSupport.run(["-k", "k"], directory: dir).stderr
        #expect(overridden.components(separatedBy: "warning: rook-version v1.12.6 is not used").count == 2, "\(overridden)")
    }
}

/// The Rook facts' warnings sit in the run's manifests: the reports label them as the manifests'
/// warnings (`input-warning`), as the README says, not as a config file's, which keep theirs.
@Suite struct FactWarningLabelTests {
    @Test func aManifestsWarningIsAnInputWarningAndAConfigsAConfigWarning() throws {
        let dir = try OutputSupport.temporaryDirectory("fact-warnings")
        defer { try? FileManager.default.removeItem(at: dir) }
        let op = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: rook-ceph-operator, namespace: rook-ceph}\nspec: {template: {spec: {containers: [{name: op, image: \"rook/ceph:master\"}]}}}\n"
        try op.write(to: dir.appendingPathComponent("op.yaml"), atomically: true, encoding: .utf8)
        try "rules: {PL999: off}\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        let gitlab = try GitLabOutputTests.issues(try TestSupport.run(["-o", "gitlab", "op.yaml"], directory: dir))
        let checks = gitlab.map { "\(($0["location"] as? [String: Any])?["path"] as? String ?? "") \($0["check_name"] as? String ?? "")" }
        #expect(checks.filter { $0.hasSuffix("-warning") } == [".probelint.yaml config-warning", "op.yaml input-warning"], "\(checks)")
        let github = try TestSupport.run(["-o", "github", "op.yaml"], directory: dir)
        let warnings = github.stdout.split(separator: "\n").filter { $0.hasPrefix("::warning file=") }.map { String($0.split(separator: "::")[0]) }
        #expect(warnings.count == 2, "\(github.stdout)")
        #expect(warnings.contains { $0.hasPrefix("warning file=op.yaml,") && $0.hasSuffix("title=probelint input warning") }, "\(warnings)")
        #expect(warnings.contains { $0.hasPrefix("warning file=.probelint.yaml,") && $0.hasSuffix("title=probelint config warning") }, "\(warnings)")
        let junit = try TestSupport.run(["-o", "junit", "op.yaml"], directory: dir)
        #expect(junit.stdout.contains("<testsuite name='input warnings' tests='1' failures='0'>\n<testcase classname='op.yaml'"), "\(junit.stdout)")
        // A warning placed in the config file is the config's, however the file was found.
        try "rook-version: v1.12.6\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        try op.replacingOccurrences(of: "rook/ceph:master", with: "rook/ceph:v1.13.0").write(to: dir.appendingPathComponent("op.yaml"), atomically: true, encoding: .utf8)
        for arguments in [["op.yaml"], ["--config", ".probelint.yaml", "op.yaml"]] {
            let issues = try GitLabOutputTests.issues(try TestSupport.run(["-o", "gitlab"] + arguments, directory: dir))
            let overridden = issues.filter { ($0["description"] as? String)?.contains("is not used") == true }
            #expect(overridden.map { $0["check_name"] as? String } == ["config-warning"], "\(arguments) \(issues)")
        }
        try "rules: {PL999: off}\n".write(to: dir.appendingPathComponent(".probelint.yaml"), atomically: true, encoding: .utf8)
        try op.write(to: dir.appendingPathComponent("op.yaml"), atomically: true, encoding: .utf8)
        // Printed on stderr once, when found.
        let text = try TestSupport.run(["op.yaml"], directory: dir)
        #expect(text.stderr.components(separatedBy: "rook-ceph-operator image rook/ceph:master names no Rook release").count == 2, "\(text.stderr)")
    }
}
