import Foundation
import Testing
@testable import ProbeLint

/// A Ceph image that no Rook after some line runs bounds the Rook version a run models when
/// nothing names it (`CephImage.rookBound`, `RookSettings.version`).
@Suite struct CephImageTests {
    static func facts(_ yaml: String) -> RookFacts {
        RookFacts.scan(InputFile(path: "c.yaml", bytes: Array(yaml.utf8)))
    }

    static func cluster(_ image: String) -> String {
        "apiVersion: ceph.rook.io/v1\nkind: CephCluster\nmetadata: {name: rook-ceph, namespace: rook-ceph}\nspec:\n  cephVersion:\n    image: \(image)\n"
    }

    @Test func theMajorVersionOfACephImage() {
        #expect(CephImage.major(of: "ceph/ceph:v14.2.2-20190826") == 14)
        #expect(CephImage.major(of: "quay.io/ceph/ceph:v18.2.4") == 18)
        #expect(CephImage.major(of: "docker.io/ceph/ceph:v15@sha256:0123456789abcdef") == 15)
        #expect(CephImage.major(of: "quay.io/ceph/ceph:17") == 17)
        #expect(CephImage.major(of: "localhost:5000/ceph/ceph:v17.2.0") == 17)
        #expect(CephImage.major(of: "ceph/ceph:v99.0") == 99 && CephImage.major(of: "ceph/ceph:v999") == 999)
        for other in ["ceph/ceph:latest", "ceph/ceph", "ceph/daemon:v14.2.2", "rook/ceph:v1.7.0", "myceph/ceph:v14", "ceph/ceph@sha256:0123",
                      "localhost:5000/ceph/ceph", "ceph/ceph:v1000", "ceph/ceph:v" + String(repeating: "9", count: 40), "ceph/ceph:", "ceph/ceph:v",
                      "ceph/ceph:v١٤", "eph/ceph:v14"] {
            #expect(CephImage.major(of: other) == nil, "\(other)")
        }
    }

    /// Rook v1.3 requires v14.2.5 (rook#4850), v1.8 dropped Nautilus, v1.10 Octopus, v1.13
    /// Pacific, v1.16 Quincy, v1.19 Reef; Squid and later run on v1.20. A tag without its patch
    /// or minor (`v14`, `v14.2`) follows the release's latest build.
    @Test func theNewestRookThatRunsEachRelease() throws {
        func bound(_ image: String) -> RookVersionChoice? { CephImage(image: image, origin: "here")?.rookBound }
        #expect(bound("ceph/ceph:v13.2.2")?.version == RookVersion.lastOfLine(1, 2))
        #expect(bound("ceph/ceph:v14.2.2")?.version == RookVersion.lastOfLine(1, 2))
        #expect(bound("ceph/ceph:v14.2.4-20191204")?.version == RookVersion.lastOfLine(1, 2))
        #expect(bound("ceph/ceph:v14.1.9")?.version == RookVersion.lastOfLine(1, 2))
        #expect(bound("ceph/ceph:v14.2.5")?.version == RookVersion.lastOfLine(1, 7))
        #expect(bound("ceph/ceph:v14.2.22")?.version == RookVersion.lastOfLine(1, 7))
        #expect(bound("ceph/ceph:v14.2")?.version == RookVersion.lastOfLine(1, 7))
        #expect(bound("ceph/ceph:v14")?.version == RookVersion.lastOfLine(1, 7))
        #expect(bound("ceph/ceph:v14.3.0")?.version == RookVersion.lastOfLine(1, 7))
        #expect(bound("ceph/ceph:v15.2.17")?.version == RookVersion.lastOfLine(1, 9))
        #expect(bound("ceph/ceph:v16.2.15")?.version == RookVersion.lastOfLine(1, 12))
        #expect(bound("quay.io/ceph/ceph:v17.2.7")?.version == RookVersion.lastOfLine(1, 15))
        #expect(bound("quay.io/ceph/ceph:v18.2.4")?.version == RookVersion.lastOfLine(1, 18))
        #expect(bound("quay.io/ceph/ceph:v19.2.3") == nil && bound("quay.io/ceph/ceph:v20") == nil)
        #expect("\(RookVersion.lastOfLine(1, 7))" == "v1.7.x")
        // The last release of a line is after each of its patches, and before the next line.
        #expect(RookVersion(1, 7, 11) < .lastOfLine(1, 7) && RookVersion.lastOfLine(1, 7) < RookVersion(1, 8))
        let old = try #require(bound("ceph/ceph:v13.2.2"))
        #expect(old.isDefault && old.origin == "the newest Rook that runs the image ceph/ceph:v13.2.2 (here): Rook v1.3 and later do not run Ceph older than v14.2.5, their minimum (rook#4850)")
        #expect(bound("ceph/ceph:v14.2.8")?.origin == "the newest Rook that runs the image ceph/ceph:v14.2.8 (here): Rook v1.8 and later do not run Ceph Nautilus (v14)")
        #expect(bound("ceph/ceph:v12.2.8")?.origin.hasSuffix("Rook v1.3 and later do not run Ceph older than v14.2.5, their minimum (rook#4850)") == true)
    }

    /// The bound comes after every named version and before the newest; the oldest image of the run sets it.
    @Test func aBoundIsTheLastGuess() throws {
        var env = Environment()
        env.rook.facts = Self.facts(Self.cluster("quay.io/ceph/ceph:v16.2.15"))
        env.rook.facts.merge(Self.facts("apiVersion: v1\nkind: Pod\nmetadata: {name: tools}\nspec: {containers: [{name: t, image: 'ceph/ceph:v15.2.17'}]}\n"))
        #expect(env.rook.version.version == .lastOfLine(1, 9))
        #expect(env.rook.version.origin.contains("container t of Pod tools in c.yaml"))
        env.rook.config = RookVersionChoice(version: RookVersion(1, 11), origin: "config")
        #expect(env.rook.version.version == RookVersion(1, 11))
        env.rook.flag = RookVersion(1, 8)
        #expect(env.rook.version.version == RookVersion(1, 8))
        // Squid runs on the newest: no bound, v1.20.
        #expect(Self.facts(Self.cluster("quay.io/ceph/ceph:v19.2.3")).cephImages.isEmpty)
        var squid = Environment()
        squid.rook.facts = Self.facts(Self.cluster("quay.io/ceph/ceph:v19.2.3"))
        #expect(squid.rook.version.version == .newest)
    }

    /// When the run's version is its oldest image's bound, an object's own images choose its own:
    /// a v20 image the newest, a v16 one v1.12; no images, or any other choice, the run's.
    @Test func anObjectsOwnImagesChooseItsVersion() throws {
        var env = Environment()
        env.rook.facts = Self.facts(Self.cluster("ceph/ceph:v14.2.3"))
        let v20 = try #require(CephImage(image: "quay.io/ceph/ceph:v20", origin: "spec.cephVersion.image of CephCluster b"))
        let v16 = try #require(CephImage(image: "quay.io/ceph/ceph:v16.2.15", origin: "container c"))
        #expect(env.rook.isCephBound)
        #expect(env.rook.version(ownImages: [v20]).version == .newest)
        #expect(env.rook.version(ownImages: [v20]).origin.contains("runs the image quay.io/ceph/ceph:v20 (spec.cephVersion.image of CephCluster b)"))
        #expect(env.rook.version(ownImages: [v20, v16]).version == .lastOfLine(1, 12))
        #expect(env.rook.version(ownImages: []) == env.rook.version)
        env.rook.config = RookVersionChoice(version: RookVersion(1, 11), origin: "config")
        #expect(!env.rook.isCephBound)
        #expect(env.rook.version(ownImages: [v20]).version == RookVersion(1, 11))
    }

    /// Two clusters in one run, as the corpus holds them (no operator Deployment): the v1.20.6
    /// examples' Ceph v20 CephCluster draws what it draws alone, where it was modelled as the
    /// other cluster's Rook v1.7 (a PL101 error for each daemon); a Ceph v14.2.8 one stays v1.7.
    /// (The v1.1.0 examples' own v14.2.3 is below Rook v1.3's minimum: it is modelled as v1.2.x,
    /// whose probes draw no PL101.)
    @Test func eachCephClusterIsModelledByItsOwnImage() throws {
        let corpus = TestSupport.corpus
        var files = try ["rook-v1.20.6/cluster-test.yaml", "rook-v1.1.0/cluster.yaml"].map { name in
            InputFile(path: name, bytes: Array(try Data(contentsOf: corpus.appendingPathComponent(name))))
        }
        let original = Linter.lint(files, options: LintOptions())
        #expect(!original.findings.contains { $0.rule == "PL101" })
        // Modelled as v1.2.x, whose mon, mgr and osd probes draw nothing here (v1.7.x's drew PL101).
        var asV17 = LintOptions()
        asV17.environment.rook.flag = RookVersion(1, 7, 11)
        #expect(Linter.lint([files[1]], options: asV17).findings.contains { $0.rule == "PL101" })
        let image = String(decoding: files[1].bytes, as: UTF8.self)
        #expect(image.contains("image: ceph/ceph:v14.2.3-20190904"))
        files[1].bytes = Array(image.replacingOccurrences(of: "image: ceph/ceph:v14.2.3-20190904", with: "image: ceph/ceph:v14.2.8").utf8)
        let together = Linter.lint(files, options: LintOptions())
        let alone = Linter.lint([files[0]], options: LintOptions())
        func described(_ findings: [Finding]) -> [String] { findings.map { "\($0.rule) \($0.range.start) \($0.message)" } }
        #expect(described(together.findings.filter { $0.file == files[0].path }) == described(alone.findings))
        #expect(!together.findings.contains { $0.file == files[0].path && $0.rule == "PL101" })
        let old = together.findings.filter { $0.file == files[1].path && $0.rule == "PL101" }
        #expect(!old.isEmpty)
        #expect(old.allSatisfy { $0.notes.contains { $0.text.contains("generated by Rook v1.7.") } })
    }

    /// Two clusters' folders in one run, each with its operator (the corpus's): a Rook object is
    /// modelled as the release of the operator in its folder, and draws what its folder draws
    /// alone. It was modelled as the run's oldest Ceph image's bound (v1.2.x for the v1.20.6
    /// CephObjectStore: PL107 on a probe v1.20 does not generate).
    @Test func eachFoldersOperatorModelsItsObjects() throws {
        let corpus = TestSupport.corpus
        func files(_ names: [String]) throws -> [InputFile] {
            try names.map { InputFile(path: $0, bytes: Array(try Data(contentsOf: corpus.appendingPathComponent($0)))) }
        }
        let old = ["rook-v1.1.0/operator.yaml", "rook-v1.1.0/object.yaml", "rook-v1.1.0/cluster.yaml"]
        let new = ["rook-v1.20.6/operator.yaml", "rook-v1.20.6/object.yaml", "rook-v1.20.6/cluster.yaml"]
        func described(_ report: LintReport, in folder: String) -> [String] {
            report.findings.filter { $0.file.hasPrefix(folder) }.map { "\($0.rule) \($0.file):\($0.range.start) \($0.message)" }
        }
        let together = Linter.lint(try files(old + new), options: LintOptions())
        #expect(described(together, in: "rook-v1.20.6/") == described(Linter.lint(try files(new), options: LintOptions()), in: "rook-v1.20.6/"))
        #expect(described(together, in: "rook-v1.1.0/") == described(Linter.lint(try files(old), options: LintOptions()), in: "rook-v1.1.0/"))
        #expect(together.findings.contains { $0.file == "rook-v1.1.0/object.yaml" && $0.rule == "PL107" })
        #expect(!together.findings.contains { $0.file == "rook-v1.20.6/object.yaml" && $0.rule == "PL107" })
        // Named, the release is the one modelled for all.
        var named = LintOptions()
        named.environment.rook.flag = RookVersion(1, 1)
        #expect(Linter.lint(try files(old + new), options: named).findings.filter { $0.rule == "PL107" }.count == 2)
    }

    /// The same through the command line, where the run's facts are gathered first: the MDS of a
    /// Rook before v1.9 takes its CephCluster's probe values, which are gathered for that
    /// release though another folder's operator is v1.20 (they were not, and the MDS drew Rook's
    /// defaults' findings); a file outside the working directory, named absolutely or with `..`,
    /// is no neighbour of an operator in it.
    @Test func theNearestOperatorsReleaseGathersWhatItReads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("probelint-operators-\(UUID().uuidString)")
        let work = dir.appendingPathComponent("work")
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["work/a", "work/b", "other"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        let operatorYAML = try String(contentsOf: TestSupport.corpus.appendingPathComponent("rook-v1.20.6/operator.yaml"), encoding: .utf8)
        #expect(operatorYAML.contains("rook/ceph:v1.20.6"))
        try operatorYAML.replacingOccurrences(of: "rook/ceph:v1.20.6", with: "rook/ceph:v1.7.0")
            .write(to: work.appendingPathComponent("a/operator.yaml"), atomically: true, encoding: .utf8)
        try operatorYAML.write(to: work.appendingPathComponent("b/operator.yaml"), atomically: true, encoding: .utf8)
        try TestSupport.clusterAndFilesystem(mdsLivenessProbe: "{timeoutSeconds: 7, failureThreshold: 9}")
            .write(to: work.appendingPathComponent("a/cluster.yaml"), atomically: true, encoding: .utf8)
        func findings(_ arguments: [String]) throws -> [String] {
            let run = try TestSupport.run(["-o", "json", "--fail-on", "never"] + arguments, directory: work)
            #expect(run.status == 0, "\(run.stderr)")
            return try OutputSupport.parse(run.stdout).array("findings").filter { $0.string("file")?.hasPrefix("a/") == true }
                .map { "\($0.string("rule") ?? "") \($0.string("message") ?? "")" }
        }
        let alone = try findings(["a"])
        #expect(try findings(["a", "b"]) == alone)
        #expect(!alone.contains { $0.contains("mds") }, "\(alone)")
        // Outside the working directory: no operator is its neighbour, and the note says none is.
        let store = try String(contentsOf: TestSupport.corpus.appendingPathComponent("rook-v1.20.6/object.yaml"), encoding: .utf8)
        try store.write(to: dir.appendingPathComponent("other/store.yaml"), atomically: true, encoding: .utf8)
        try operatorYAML.replacingOccurrences(of: "rook/ceph:v1.20.6", with: "rook/ceph:v1.7.0")
            .write(to: work.appendingPathComponent("op17.yaml"), atomically: true, encoding: .utf8)
        for outside in [dir.appendingPathComponent("other/store.yaml").path, "../other/store.yaml"] {
            let run = try TestSupport.run(["op17.yaml", "b/operator.yaml", outside], directory: work)
            #expect(!run.stdout.contains("is the nearest to"), "\(outside): \(run.stdout.prefix(800))")
        }
        #expect(RookFacts.folder(of: "/x.yaml") == "/" && RookFacts.folder(of: "./a/b.yaml") == "a" && RookFacts.folder(of: "b.yaml") == "")
    }

    @Test func theMarkerFindsOnlyOldReleases() {
        func marked(_ text: String) -> Bool { RookMarkers(Array(text.utf8)).oldCephImage }
        #expect(marked("image: ceph/ceph:v17.2.6\n") && marked("image: quay.io/ceph/ceph:v9") && marked("x: ceph/ceph:v14"))
        #expect(marked("image: quay.io/ceph/ceph:v18.2.4\n"))
        #expect(!marked("image: quay.io/ceph/ceph:v19.2.3\n") && !marked("image: ceph/ceph:v20") && !marked("ceph/ceph:latest"))
        #expect(!marked("image: ceph/ceph:v180.0"))
        // Each release named, however often.
        // Each class of release named (`CephImage.minimums`: v14.2.2 is below v1.3's minimum, the
        // tag v14 follows Nautilus's latest build, v18 is Reef), however often.
        let releases = RookMarkers(Array("a: ceph/ceph:v18.2.4\nb: ceph/ceph:v14\nc: ceph/ceph:v18\nd: ceph/ceph:v19\n".utf8)).oldCephReleases
        #expect(releases == 1 << 5 | 1 << 1)
        #expect(RookMarkers(Array("a: ceph/ceph:v14.2.2-20190826\nb: ceph/ceph:v14.2.11\n".utf8)).oldCephReleases == 1 << 0 | 1 << 1)
    }

    /// The run's images are read file by file, each file only while a release its bytes name has
    /// no image yet: the first image of each release in the run, as reading every file gives.
    @Test func eachReleasesFirstImageIsFoundReadingFewFiles() {
        func pod(_ images: String...) -> String {
            let containers = images.enumerated().map { "{name: c\($0.offset), image: '\($0.element)'}" }.joined(separator: ", ")
            return "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [\(containers)]}\n"
        }
        let files = [
            "a.yaml": "# ceph/ceph:v17 in a comment is no image\nkind: ConfigMap\n",
            "b.yaml": Self.cluster("quay.io/ceph/ceph:v18.2.4"),
            "c.yaml": pod("ceph/ceph:v18.2.1", "ceph/ceph:v17.2.7"),
            "d.yaml": pod("ceph/ceph:v17.2.1", "ceph/ceph:v16"),
            "e.yaml": pod("ceph/ceph:v18.2.0"),
        ]
        let run = RookMarkersTests().gather(files)
        #expect(run.facts.cephImages.map(\.image) == ["quay.io/ceph/ceph:v18.2.4", "ceph/ceph:v17.2.7", "ceph/ceph:v16"])
        var full = RookFacts()
        for path in files.keys.sorted() { full.merge(RookFacts.scan(InputFile(path: path, bytes: Array(files[path]!.utf8)), shortcuts: false)) }
        #expect(run.facts.cephImages == full.cephImages)
        #expect(run.facts.cephBound?.version == .lastOfLine(1, 12))
        // a.yaml names v17 in a comment, so c.yaml is read for it; e.yaml, whose v18 b.yaml has, is not read.
        #expect(run.parsed == ["a.yaml", "b.yaml", "c.yaml", "d.yaml"])
    }

    /// The v1.1.0 examples' CephObjectStore with the CephCluster beside it (Ceph v14.2.3): the RGW
    /// probe of Rook v1.7.x draws the incident's findings, where v1.20's (no RGW liveness) drew none.
    @Test func theCorpusObjectStoreIsJudgedAsTheRookThatRunsItsCeph() throws {
        let root = TestSupport.corpus.appendingPathComponent("rook-v1.1.0")
        let files = try ["object.yaml", "cluster.yaml"].map { name in
            InputFile(path: name, bytes: Array(try Data(contentsOf: root.appendingPathComponent(name))))
        }
        var options = LintOptions()
        options.environment.flags = .flags([.bandwidth: .rate(BytesPerSecond(10e6)), .largestTransfer: .bytes(Bytes(700e6))])
        let report = Linter.lint(files, options: options)
        #expect(report.errors.isEmpty)
        #expect(report.findings.contains { $0.rule == "PL102" && $0.file == "object.yaml" })
        options.environment.rook.flag = RookVersion(1, 20)
        #expect(!Linter.lint(files, options: options).findings.contains { $0.file == "object.yaml" && $0.rule == "PL102" })
    }
}
