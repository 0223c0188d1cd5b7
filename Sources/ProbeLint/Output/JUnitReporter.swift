/// `-o junit`: JUnit XML as linters write it (ECOSYSTEM.md section 4; hadolint's and SwiftLint's
/// shape), which Jenkins, Azure DevOps and GitLab (`artifacts: reports: junit:`) show as failed
/// tests: `<testsuites><testsuite name='FILE' tests='N' failures='N'><testcase classname='FILE'
/// name='PLnnn OBJECT'><failure message='…' type='warning'>details</failure></testcase>…`.
/// Each file's findings are one `<testsuite>` (`FileElements`, which holds its test cases until
/// it closes, since its counts come first, and past 8 MiB of them closes it and opens another;
/// the cross-object findings are one of their own after the others); input errors come last, in
/// a suite named `input errors`, then config warnings in one named `config warnings`.
public struct JUnitReporter: Sendable {
    public var source: ReportSource
    let text: TextReporter

    public init(source: ReportSource = .files) {
        self.source = source
        text = TextReporter(color: false, source: source)
    }

    public static let header = "<?xml version='1.0' encoding='UTF-8'?>\n<testsuites name='probelint'>\n"
    public static let footer = "</testsuites>\n"

    /// The findings' `<testcase>` elements, rendered in `buffer` and appended to `bytes`, and in
    /// `runs` the file each belongs in (`FileElements` writes the `<testsuite>` elements around
    /// them); `findings` is left empty.
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], runs: inout [FileElements.Run],
                      buffer: RenderBuffer = RenderBuffer()) {
        guard !findings.isEmpty else { return }
        var details = ByteText()
        var name: String?, suite = ""
        buffer.render(into: &bytes) { out in
            findings.removeAll(inOrder: { f in
                let file = source.fileName(of: f)
                if file != name {
                    name = file
                    suite = XMLText.escape(file)
                }
                let start = out.count
                testcase(f, suite: suite, details: &details, into: &out)
                // A run of its own: a suite past `FileElements.maxHeld` is cut after the same
                // test case however the file was cut into pieces.
                runs.append(FileElements.Run(name: file, count: 1, bytes: out.count - start))
            })
        }
    }

    /// The tags of the `<testsuite>` of a file (or object) and its number of test cases (`FileElements`).
    public var elementTags: FileElements.Tags {
        FileElements.Tags(opening: { name, count, out in open(suite: XMLText.escape(name), count: count, into: &out) },
                          closing: "</testsuite>\n")
    }

    /// `suite`: the file's name, escaped.
    func open(suite: String, count: Int, into out: inout ByteText) {
        out.append("<testsuite name='")
        out.append(suite)
        out.append("' tests='")
        out.append(count)
        out.append("' failures='")
        out.append(count)
        out.append("'>\n")
    }

    /// `details`: a buffer for the finding's text report, kept for the next.
    func testcase(_ f: Finding, suite: String, details: inout ByteText, into out: inout ByteText) {
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
    }

    /// The input errors as one suite, the config warnings as another (failures of type
    /// `warning`, as a finding of that severity is), and the closing tag.
    public func footer(_ report: LintReport) -> String {
        var out = ""
        if !report.errors.isEmpty {
            out += "<testsuite name='input errors' tests='\(report.errors.count)' failures='0' errors='\(report.errors.count)'>\n"
            for e in report.errors { out += Self.testcase(e, element: "error", label: "error", type: "input-error") }
            out += "</testsuite>\n"
        }
        if !report.warnings.isEmpty {
            out += "<testsuite name='config warnings' tests='\(report.warnings.count)' failures='\(report.warnings.count)'>\n"
            for w in report.warnings { out += Self.testcase(w, element: "failure", label: "warning", type: "warning") }
            out += "</testsuite>\n"
        }
        return out + Self.footer
    }

    /// An input error or warning as a `<testcase>` named for its file, its text as the log shows it.
    static func testcase(_ e: LintError, element: String, label: String, type: String) -> String {
        let file = XMLText.escape(e.file)
        var details = ByteText()
        e.line(label: label).withContiguousUTF8 { XMLText.appendLines(utf8: $0, to: &details) }
        return "<testcase classname='\(file)' name='\(file)'><\(element) message='\(XMLText.escape(e.message))' type='\(type)'>"
            + details.string + "</\(element)></testcase>\n"
    }
}
