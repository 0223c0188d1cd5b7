import Foundation
import Testing

/// `-o checkstyle`: well-formed XML in ShellCheck's form, read back by Python's XML parser
/// (Tests/Tools/checkstyle-to-json.py), with the same findings as `-o json`.
@Suite struct CheckstyleOutputTests {
    /// The errors of a Checkstyle document, or nil (and an issue) when it does not parse.
    static func errors(_ xml: String) throws -> [[String: Any]]? {
        try OutputSupport.readBack(xml, with: "checkstyle-to-json.py")
    }

    @Test func theSameFindingsAsJSON() throws {
        let args = OutputSupport.incidentFlags + ["examples/rgw-incident.yaml", "examples/mds-incident.yaml", "examples/web-sound.yaml"]
        let xml = try TestSupport.run(args + ["-o", "checkstyle"])
        let json = try TestSupport.run(args + ["-o", "json"])
        #expect(xml.status == json.status)
        #expect(xml.stdout.hasPrefix("<?xml version='1.0' encoding='UTF-8'?>\n<checkstyle version='4.3'>\n"))
        let errors = try #require(try Self.errors(xml.stdout))
        let findings = try OutputSupport.parse(json.stdout).array("findings")
        #expect(errors.count == findings.count && !errors.isEmpty)
        for (error, finding) in zip(errors, findings) {
            #expect(error["file"] as? String == finding.string("file"))
            #expect(error["line"] as? Int == finding.object("range")?.object("start")?["line"] as? Int)
            #expect(error["column"] as? Int == finding.object("range")?.object("start")?["column"] as? Int)
            #expect(error["severity"] as? String == finding.string("severity"))
            #expect(error["message"] as? String == finding.string("message"))
            #expect(error["source"] as? String == "probelint.\(finding.string("rule") ?? "")")
        }
    }

    /// Names from the input with markup characters, quotes, a tab and control characters
    /// read back as the text report prints them; an input error is an error of its own.
    @Test func hostileNamesStayWellFormed() throws {
        let dir = try OutputSupport.temporaryDirectory("checkstyle")
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "a'<b>&\\\"c\\td\\u001b[31m\\u202e\\uffff"
        try """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
              - {name: "\(name)", image: x}

            """.write(to: dir.appendingPathComponent("p&q.yaml"), atomically: true, encoding: .utf8)
        try "a: [\n".write(to: dir.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["-o", "checkstyle", "--select", "PL204", "p&q.yaml", "broken.yaml"], directory: dir)
        #expect(run.status == 2)
        let errors = try #require(try Self.errors(run.stdout))
        #expect(errors.count == 2)
        #expect(errors.first?["file"] as? String == "p&q.yaml")
        #expect(errors.first?["message"] as? String == "container a'<b>&\"c\td\u{FFFD}[31m\u{FFFD}\u{FFFD} has no livenessProbe: if it hangs, nothing restarts it")
        #expect(errors.last?["file"] as? String == "broken.yaml")
        #expect(errors.last?["source"] as? String == "probelint.input-error")
        #expect(errors.last?["severity"] as? String == "error")
        #expect(errors.last?["line"] as? Int == 2)
        // An error without a place (a path that does not exist) is at line 1, column 1: Checkstyle counts from 1.
        let missing = try TestSupport.run(["-o", "checkstyle", "missing.yaml"], directory: dir)
        let placeless = try #require(try Self.errors(missing.stdout)?.first)
        #expect(placeless["line"] as? Int == 1 && placeless["column"] as? Int == 1, "\(placeless)")
    }

    /// Many files on two workers: one document, the same as with one.
    @Test func streamedRunsMakeOneDocument() throws {
        let args = ["-o", "checkstyle", "-R", "-f", TestSupport.shared.appendingPathComponent("corpus").path]
        let two = try TestSupport.run(args + ["-j", "2"])
        let one = try TestSupport.run(args + ["-j", "1", "--piece-bytes", "0"])
        #expect(two.stdout == one.stdout)
        #expect(try Self.errors(two.stdout)?.count ?? 0 >= 45)  // 46 on the corpus
        #expect(two.stdout.hasSuffix("</checkstyle>\n"))
    }
}
