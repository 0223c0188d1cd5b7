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
        let suite = CheckstyleReporter.escape(source.locatesByObject ? (source.anchorFile ?? first.object.displayName) : first.file)
        var out = "<testsuite name='\(suite)' tests='\(findings.count)' failures='\(findings.count)'>\n"
        findings.removeAll(inOrder: { f in
            var message = f.message
            if source.locatesByObject, let path = f.path { message = "\(f.object.displayName) \(path): \(message)" }
            let name = "\(f.rule.rawValue) \(f.object.description)"
            out += "<testcase classname='\(suite)' name='\(CheckstyleReporter.escape(name))'>"
            out += "<failure message='\(CheckstyleReporter.escape(message))' type='\(f.severity.rawValue)'>"
            // The text report's explanation, as the log shows it: position, inputs, derivation, fix.
            out += Self.escapeText(text.render(f))
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
            let file = CheckstyleReporter.escape(e.file)
            out += "<testcase classname='\(file)' name='\(file)'><error message='\(CheckstyleReporter.escape(e.message))' type='input-error'>"
            out += Self.escapeText(e.description) + "</error></testcase>\n"
        }
        return out + "</testsuite>\n" + Self.footer
    }

    /// Element text: lines kept, each made safe as an attribute is.
    static func escapeText(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { CheckstyleReporter.escape(String($0)) }.joined(separator: "\n")
    }
}
