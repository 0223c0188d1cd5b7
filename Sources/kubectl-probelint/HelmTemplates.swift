import ProbeLint

/// The input files that are a Helm chart's templates: below a `templates` folder that has a
/// `Chart.yaml` beside it, as Helm lays a chart out. Such a file is a Go template, YAML only
/// once Helm renders it (`{{ .Values.replicas }}`), so it is not linted as it is written, as
/// a kustomization's patch file is not (`PatchFinder`): pre-commit hands the hook every
/// template of a chart, and a folder's walk reaches them.
enum HelmTemplates {
    /// `files` without the charts' templates, each left out with a note on stderr that says
    /// which chart it belongs to and how to lint what it renders.
    static func drop(_ files: [String]) -> [String] {
        var hasChart: [String: Bool] = [:]
        // By the folder as written: most files of a run share a few folders, and working out a
        // folder's absolute path costs some 24,000 instructions (`PatchFinder` keeps its own so).
        var byFolder: [String: String?] = [:]
        return files.filter { path in
            guard path != "-" else { return true }
            let folder = PathBase.directory(of: path)
            let found = byFolder[folder] ?? chart(holding: path, hasChart: &hasChart)
            byFolder[folder] = .some(found)  // a folder with no chart is kept too (`= nil` would remove it)
            guard let chart = found else { return true }
            let shown = path.hasPrefix("/") ? chart : KustomizeTrace.relative(chart, from: ConfigDiscovery.absolute("."))
            let message = "\(path): note: not linted: a template of the Helm chart \(shown), which is YAML only once Helm renders it;"
                + " lint what it renders: helm template \(PatchReporter.shellWord(shown)) | kubectl probelint -f -"
            writeStderr(TerminalText.escape(message) + "\n")
            return false
        }
    }

    /// The absolute folder of the chart whose templates hold `path`, the nearest `templates`
    /// folder with a `Chart.yaml` beside it; nil for stdin and any other file. `hasChart`
    /// keeps what each folder was found to hold.
    static func chart(holding path: String, hasChart: inout [String: Bool]) -> String? {
        guard path != "-" else { return nil }
        let folders = ConfigDiscovery.normalized(ConfigDiscovery.absolute(PathBase.directory(of: path)))
        for i in folders.indices.reversed() where folders[i] == "templates" {
            let chart = "/" + folders[..<i].joined(separator: "/")
            let found = hasChart[chart] ?? FileDiscovery.isRegularFile((chart == "/" ? "" : chart) + "/Chart.yaml")
            hasChart[chart] = found
            if found { return chart }
        }
        return nil
    }
}
