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

    /// One `<testsuite>` for the findings of one run, rendered in `buffer` and appended to
    /// `bytes`; `findings` is left empty.
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], buffer: RenderBuffer = RenderBuffer()) {
        guard let first = findings.first else { return }
        let suite = XMLText.escape(source.fileName(of: first))
        let count = findings.count
        // Each finding's text report, escaped line by line into its `<failure>`.
        var details = ByteText()
        buffer.render(into: &bytes) { out in
            out.append("<testsuite name='")
            out.append(suite)
            out.append("' tests='")
            out.append(count)
            out.append("' failures='")
            out.append(count)
            out.append("'>\n")
            findings.removeAll(inOrder: { f in
                out.append("<testcase classname='")
                out.append(suite)
                out.append("' name='")
                out.append(f.rule.rawValue)
                out.append(" ")
                XMLText.append(f.object.description, to: &out)
                out.append("'><failure message='")
                XMLText.append(source.message(of: f), to: &out)
                out.append("' type='")
                out.append(f.severity.rawValue)
                out.append("'>")
                // The text report's explanation, as the log shows it: position, inputs, derivation, fix.
                details.removeAll()
                text.render(f, into: &details)
                details.withBytes { XMLText.appendLines(utf8: $0, to: &out) }
                out.append("</failure></testcase>\n")
            })
            out.append("</testsuite>\n")
        }
    }

    /// The input errors as one suite, and the closing tag.
    public func footer(_ report: LintReport) -> String {
        guard !report.errors.isEmpty else { return Self.footer }
        var out = "<testsuite name='input errors' tests='\(report.errors.count)' failures='0' errors='\(report.errors.count)'>\n"
        for e in report.errors {
            let file = XMLText.escape(e.file)
            out += "<testcase classname='\(file)' name='\(file)'><error message='\(XMLText.escape(e.message))' type='input-error'>"
            var details = ByteText()
            e.description.withContiguousUTF8 { XMLText.appendLines(utf8: $0, to: &details) }
            out += details.string + "</error></testcase>\n"
        }
        return out + "</testsuite>\n" + Self.footer
    }
}
