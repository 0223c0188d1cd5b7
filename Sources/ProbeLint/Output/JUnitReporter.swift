/// `-o junit`: JUnit XML as linters write it (ECOSYSTEM.md section 4; hadolint's and SwiftLint's
/// shape), which Jenkins, Azure DevOps and GitLab (`artifacts: reports: junit:`) show as failed
/// tests: `<testsuites><testsuite name='FILE' tests='N' failures='N'><testcase classname='FILE'
/// name='PLnnn OBJECT'><failure message='…' type='warning'>details</failure></testcase>…`.
/// Each run of findings (a document's, as the run streams them) is a `<testsuite>` of its own,
/// so its counts are known when it opens; input errors come last, in a suite named `input errors`.
public struct JUnitReporter: Sendable {
    public var source: ReportSource
    let text: TextReporter

    public init(source: ReportSource = .files) {
        self.source = source
        text = TextReporter(color: false, source: source)
    }

    public static let header = "<?xml version='1.0' encoding='UTF-8'?>\n<testsuites name='probelint'>\n"
    public static let footer = "</testsuites>\n"

    /// One `<testsuite>` for the findings of one run; `findings` is left empty.
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8]) {
        guard let first = findings.first else { return }
        let suite = XMLText.escape(source.fileName(of: first))
        var out = "<testsuite name='\(suite)' tests='\(findings.count)' failures='\(findings.count)'>\n"
        findings.removeAll(inOrder: { f in
            let message = source.message(of: f)
            let name = "\(f.rule.rawValue) \(f.object.description)"
            out += "<testcase classname='\(suite)' name='\(XMLText.escape(name))'>"
            out += "<failure message='\(XMLText.escape(message))' type='\(f.severity.rawValue)'>"
            // The text report's explanation, as the log shows it: position, inputs, derivation, fix.
            out += XMLText.escapeLines(text.render(f))
            out += "</failure></testcase>\n"
        })
        out += "</testsuite>\n"
        bytes.append(contentsOf: out.utf8)
    }

    /// The input errors as one suite, and the closing tag.
    public func footer(_ report: LintReport) -> String {
        guard !report.errors.isEmpty else { return Self.footer }
        var out = "<testsuite name='input errors' tests='\(report.errors.count)' failures='0' errors='\(report.errors.count)'>\n"
        for e in report.errors {
            let file = XMLText.escape(e.file)
            out += "<testcase classname='\(file)' name='\(file)'><error message='\(XMLText.escape(e.message))' type='input-error'>"
            out += XMLText.escapeLines(e.description) + "</error></testcase>\n"
        }
        return out + "</testsuite>\n" + Self.footer
    }
}
