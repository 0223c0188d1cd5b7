import Foundation
import Testing
@testable import ProbeLint

/// A Helm chart's templates are passed over with a note, as pre-commit and a folder's walk hand
/// them to probelint: they are Go templates, and each was an input error (exit 2) or, where its
/// `{{ }}` sat in quotes, linted with the template's text as values. A `templates` folder
/// without a `Chart.yaml` beside it is linted as any other; a `.json` file that opens with a
/// comment is an input error that says what it is.
@Suite struct HelmTemplatesTests {
    static let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n"

    func repository() throws -> URL {
        let root = try OutputSupport.temporaryDirectory("helm-templates")
        let files = [
            "deploy/charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
            "deploy/charts/web/templates/deployment.yaml": Self.template,
            "deploy/charts/web/templates/jobs/job.yaml": Self.template,
            // No Chart.yaml beside it: a folder of manifests that happens to be called templates.
            "other/templates/broken.yaml": Self.template,
            ".devcontainer/devcontainer.json": "// For format details, see https://aka.ms/devcontainer.json.\n{\n\t\"name\": \"x\"\n}\n",
        ]
        try OutputSupport.write(files, in: root)
        return root
    }

    func errors(_ run: TestSupport.Run) -> [String] {
        run.stderr.split(separator: "\n").filter { $0.contains(": error: ") }.map(String.init)
    }

    @Test func aChartsTemplatesArePassedOverWithANote() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let walk = try TestSupport.run(["-R", "-f", "deploy"], directory: root)
        #expect(walk.status == 0, "\(walk.stderr)")
        for file in ["deployment.yaml", "jobs/job.yaml"] {
            #expect(walk.stderr.contains("deploy/charts/web/templates/\(file): note: not linted: a template of the Helm chart deploy/charts/web, which is YAML only once Helm renders it; lint what it renders: helm template deploy/charts/web | kubectl probelint -f -\n"), "\(walk.stderr)")
        }
        // Named from inside the templates folder, and by an absolute path.
        let inside = try TestSupport.run(["deployment.yaml"], directory: root.appendingPathComponent("deploy/charts/web/templates"))
        #expect(inside.status == 0 && inside.stderr.contains("the Helm chart .., which"), "\(inside.stderr)")
        let absolute = root.appendingPathComponent("deploy/charts/web/templates/deployment.yaml").path
        let named = try TestSupport.run(["-f", absolute])
        #expect(named.status == 0 && named.stderr.contains("helm template \(PatchReporter.shellWord(PathBase.directory(of: PathBase.directory(of: absolute))))"), "\(named.stderr)")
        // A templates folder with no chart is linted: its Go template is the YAML error it is.
        let other = try TestSupport.run(["-R", "-f", "other"], directory: root)
        #expect(other.status == 2)
        #expect(errors(other).count == 1 && errors(other)[0].hasPrefix("other/templates/broken.yaml:4:"), "\(other.stderr)")
    }

    @Test func aJSONFileThatOpensWithACommentSaysSo() throws {
        let root = try repository()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try TestSupport.run([".devcontainer/devcontainer.json"], directory: root)
        #expect(run.status == 2)
        #expect(errors(run) == [".devcontainer/devcontainer.json:1:1: error: parser: a comment opens this .json file: JSON with comments, which kubectl refuses (VS Code's .devcontainer/devcontainer.json and tsconfig.json are written so, and are no manifests: leave them out with --exclude)"], "\(run.stderr)")
        // `/*` after blanks, at its column, in an upper-case `.JSON`; a file that reads as YAML
        // whatever its name (`//: 1`, kubectl's too) is no error.
        let commented = "  /* x */\n{\n  \"a\": 1,\n}\n"
        #expect(throws: YAMLError.self) { try Reader.readAll(Array(commented.utf8), file: "A.JSON") }
        do { _ = try Reader.readAll(Array(commented.utf8), file: "A.JSON") } catch {
            #expect(error.position.line == 1 && error.position.column == 3 && error.problem.hasPrefix("a comment opens"), "\(error)")
        }
        #expect(try Reader.readAll(Array("//: 1\n".utf8), file: "a.json").count == 1)
    }
}
