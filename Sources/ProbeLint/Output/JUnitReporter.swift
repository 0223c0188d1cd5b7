/// `-o junit`: JUnit XML as linters write it (ECOSYSTEM.md section 4; hadolint's and SwiftLint's
/// shape), which Jenkins, Azure DevOps and GitLab (`artifacts: reports: junit:`) show as failed
/// tests: `<testsuites><testsuite name='FILE' tests='N' failures='N'><testcase classname='FILE'
/// name='PLnnn OBJECT at FIELD-PATH'><failure message='…' type='warning'>details</failure></testcase>…`.
/// A finding below `--fail-on` (`failingAt`), which does not fail the run, is a passing test case
/// with its details as `<system-out>`: the tests fail when the exit status does.
/// A test case's name is unique in its suite (GitLab keeps one test case per name): a repeat in
/// the file gets an ordinal (`RepeatedNames`), an input error or config warning is named by its
/// position.
/// Each file's findings are one `<testsuite>` (`FileElements`, which holds its test cases until
/// it closes, since its counts come first, and past 8 MiB of them closes it and opens another;
/// the cross-object findings are one of their own after the others); input errors come last, in
/// a suite named `input errors`, then config warnings in one named `config warnings`.
public struct JUnitReporter: Sendable {
    public var source: ReportSource
    /// `--fail-on`'s severity: a finding at or above it is a failure, one below a passing test
    /// case; nil (`--fail-on never`): none fails.
    public var failingAt: Severity?
    let text: TextReporter

    public init(source: ReportSource = .files, failingAt: Severity? = .info) {
        self.source = source
        self.failingAt = failingAt
        text = TextReporter(color: false, source: source)
    }

    /// Whether the finding is a failed test case.
    func fails(_ f: Finding) -> Bool { f.severity.fails(at: failingAt) }

    public static let header = "<?xml version='1.0' encoding='UTF-8'?>\n<testsuites name='probelint'>\n"
    public static let footer = "</testsuites>\n"

    /// The findings' `<testcase>` elements, rendered in `buffer` and appended to `bytes`, and in
    /// `runs` the file each belongs in (`FileElements` writes the `<testsuite>` elements around
    /// them); where each test case's name ends, and which it is, in `names` (`RepeatedNames` makes
    /// them unique); `findings` is left empty.
    public func items(moving findings: inout [Finding], into bytes: inout [UInt8], runs: inout [FileElements.Run],
                      names: inout [RepeatedFingerprints.Mark], buffer: RenderBuffer = RenderBuffer()) {
        guard !findings.isEmpty else { return }
        var details = ByteText()
        var name: String?, suite = ""
        let base = bytes.count
        buffer.render(into: &bytes) { out in
            findings.removeAll(inOrder: { f in
                let file = source.fileName(of: f)
                if file != name {
                    name = file
                    suite = XMLText.escape(file)
                }
                let start = out.count
                let key = testcase(f, suite: suite, details: &details, into: &out)
                names.append(RepeatedFingerprints.Mark(offset: base + key.end, key: key.name, file: file))
                // A run of its own: a suite past `FileElements.maxHeld` is cut after the same
                // test case however the file was cut into pieces.
                runs.append(FileElements.Run(name: file, count: 1, bytes: out.count - start, failures: fails(f) ? 1 : 0))
            })
        }
    }

    /// The tags of the `<testsuite>` of a file (or object) and its numbers of test cases and
    /// failures (`FileElements`).
    public var elementTags: FileElements.Tags {
        FileElements.Tags(opening: { name, count, failures, out in
            open(suite: XMLText.escape(name), count: count, failures: failures, into: &out)
        }, closing: "</testsuite>\n")
    }

    /// `suite`: the file's name, escaped.
    func open(suite: String, count: Int, failures: Int, into out: inout ByteText) {
        out.append("<testsuite name='")
        out.append(suite)
        out.append("' tests='")
        out.append(count)
        out.append("' failures='")
        out.append(failures)
        out.append("'>\n")
    }

    /// `details`: a buffer for the finding's text report, kept for the next. Returns where in
    /// `out` the test case's name ends, and the name's hash.
    @discardableResult
    func testcase(_ f: Finding, suite: String, details: inout ByteText, into out: inout ByteText)
        -> (end: Int, name: RepeatedFingerprints.Key) {
        out.append("<testcase classname='")
        out.append(suite)
        out.append("' name='")
        // The rule, the object and the field: what stays the same from run to run.
        let object = f.object.description
        out.append(f.rule.rawValue)
        out.append(" ")
        XMLText.append(object, to: &out)
        if let path = f.path {
            out.append(" at ")
            XMLText.append(path, to: &out)
        }
        let name = (end: out.count, name: RepeatedFingerprints.Key(StableHash.lanes(joining: [f.rule.rawValue, object, f.path ?? ""],
                                                                                      separator: UInt8(ascii: "|"))))
        let fails = fails(f)
        if fails {
            out.append("'><failure message='")
            XMLText.append(source.message(of: f), to: &out)
            out.append("' type='")
            out.append(f.severity.rawValue)
            out.append("'>")
        } else {
            out.append("'><system-out>")
        }
        // The text report's explanation, as the log shows it: position, inputs, derivation, fix.
        details.removeAll()
        text.render(f, into: &details)
        details.withBytes { XMLText.appendLines(utf8: $0, to: &out) }
        out.append(fails ? "</failure></testcase>\n" : "</system-out></testcase>\n")
        return name
    }

    /// The name of the passing test case of a file without findings.
    public static let cleanName = "no findings"
    /// The suite of a run that linted no file, whose only test case is `cleanName`.
    public static let emptyRunName = "probelint"

    /// A suite with one passing test case for each file of `clean` (linted, without findings or
    /// input errors: ESLint's formatter does the same, and Jenkins' junit step fails a build whose
    /// reports hold no test case), the input errors as one suite, the config warnings as another
    /// (passing test cases with the warning as their output: no warning changes the exit status),
    /// and the closing tag.
    public func footer(_ report: LintReport, clean: [String] = []) -> String {
        var out = ""
        for file in clean {
            let name = XMLText.escape(file)
            out += "<testsuite name='\(name)' tests='1' failures='0'>\n<testcase classname='\(name)' name='\(Self.cleanName)'/>\n</testsuite>\n"
        }
        if !report.errors.isEmpty {
            out += "<testsuite name='input errors' tests='\(report.errors.count)' failures='0' errors='\(report.errors.count)'>\n"
            var names = Self.UniqueNames()
            for e in report.errors { out += Self.testcase(e, name: names.name(e), element: "error", label: "error", type: "input-error") }
            out += "</testsuite>\n"
        }
        // Passing test cases: a warning never changes the exit status, and the tests fail
        // only when it does (a failure here failed the tests of a run that passed).
        for (suite, warnings) in [("config warnings", report.warnings), ("input warnings", report.inputWarnings)] where !warnings.isEmpty {
            out += "<testsuite name='\(suite)' tests='\(warnings.count)' failures='0'>\n"
            var names = Self.UniqueNames()
            for w in warnings {
                out += Self.testcase(w, name: names.name(w), element: nil, label: "warning", type: "warning")
            }
            out += "</testsuite>\n"
        }
        return out + Self.footer
    }

    /// An input error or warning as a `<testcase>` of its file, named `name`, its text as the log
    /// shows it in an `element` (`error`, `failure`), or as the `<system-out>` of a passing one.
    static func testcase(_ e: LintError, name: String, element: String?, label: String, type: String) -> String {
        var details = ByteText()
        e.line(label: label).withContiguousUTF8 { XMLText.appendLines(utf8: $0, to: &details) }
        let start = "<testcase classname='\(XMLText.escape(e.file))' name='\(XMLText.escape(name))'>"
        guard let element else { return start + "<system-out>" + details.string + "</system-out></testcase>\n" }
        return start + "<\(element) message='\(XMLText.escape(e.message))' type='\(type)'>" + details.string + "</\(element)></testcase>\n"
    }

    /// The names of a suite's input errors or config warnings: each named by its place,
    /// `file:line:column` (the file alone when it has none), and a repeat of a place by its
    /// ordinal too (`RepeatedNames.suffix`), so that no two share one.
    struct UniqueNames {
        private var seen: [String: Int] = [:]

        mutating func name(_ e: LintError) -> String {
            let place = e.place
            let repeats = seen[place, default: 0]
            seen[place] = repeats + 1
            return repeats == 0 ? place : place + RepeatedNames.suffix(repeats: repeats)
        }
    }
}
