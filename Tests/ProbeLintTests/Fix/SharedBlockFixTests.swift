import Testing
@testable import ProbeLint

/// Fields whose text another object or probe shares through an anchor and an alias or a
/// merge key are shown, never edited (an edit would change every use); a field written
/// with a null value is replaced where it is, not inserted a second time.
@Suite struct SharedBlockFixTests {
    static func container(_ name: String, image: String = "nginx", _ probe: String) -> String {
        "  - name: \(name)\n    image: \(image)\n" + probe
    }

    static func pod(_ containers: String, grace: Bool = true) -> String {
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n" + (grace ? "  terminationGracePeriodSeconds: 200\n" : "")
            + "  containers:\n" + containers
    }

    static let ceph = "quay.io/ceph/ceph:v18.2.4"

    /// An anchored probe used again by another Pod of a List: PL105 wants the rgw probe's
    /// failureThreshold raised, which would raise the other Pod's as well.
    @Test func anchoredProbeAliasedByAnotherObjectIsShownNotEdited() {
        let text = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Pod
              metadata: {name: p}
              spec:
                terminationGracePeriodSeconds: 200
                containers:
                - name: rgw
                  image: quay.io/ceph/ceph:v18.2.4
                  livenessProbe: &probe
                    exec: {command: [date]}
                    timeoutSeconds: 3
                    failureThreshold: 3
            - apiVersion: v1
              kind: Pod
              metadata: {name: q}
              spec:
                containers:
                - name: web
                  image: nginx
                  livenessProbe: *probe

            """
        let (result, fixed) = FixSupport.fix(text, only: ["PL105"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text)
        #expect(result.displayOnly.map(\.why) == ["failureThreshold is inside the block at line 12 that an alias or a merge key (<<) brings in: editing it there changes every use of it, not this object's own field; give this use its own copy and set failureThreshold: 4 there"])
    }

    /// A probe that merges another container's (`<<: *probe`): its failureThreshold is the
    /// other's text. The third container's own fix is still made.
    @Test func fieldReachedThroughAMergeKeyIsShownAndOtherFixesAreMade() {
        let text = Self.pod(
            Self.container("web", "    livenessProbe: &probe\n      exec: {command: [date]}\n      timeoutSeconds: 3\n      failureThreshold: 3\n")
            + Self.container("rgw", image: Self.ceph, "    livenessProbe:\n      <<: *probe\n      periodSeconds: 10\n")
            + Self.container("other", "    readinessProbe:\n      exec: {command: [date]}\n      timeoutSeconds: 1\n"))
        let (result, fixed) = FixSupport.fix(text, only: ["PL101", "PL105"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text.replacingOccurrences(of: "      exec: {command: [date]}\n      timeoutSeconds: 1\n",
                                                   with: "      exec: {command: [date]}\n      timeoutSeconds: 3\n"))
        #expect(result.displayOnly.map(\.key) == ["failureThreshold"])
        #expect(result.displayOnly.first?.why?.hasPrefix("failureThreshold is inside the block at line 10 ") == true)
    }

    /// A mapping a merge key brings in where it is written (`<<: {timeoutSeconds: 1}`, no
    /// alias): its keys are not the probe's own, so the fix is shown, not made, and the file's
    /// other fixes are still made; the fixer refused the whole file (exit 2) before.
    @Test func aFieldInAnInlineMergedMappingIsShownAndOtherFixesAreMade() {
        let text = Self.pod(
            Self.container("web", "    livenessProbe:\n      <<:\n        timeoutSeconds: 1\n        exec: {command: [date]}\n")
            + Self.container("other", "    readinessProbe:\n      exec: {command: [date]}\n      timeoutSeconds: 1\n"))
        let (result, fixed) = FixSupport.fix(text, only: ["PL101"])
        #expect(result.outcomes[0].error == nil, "\(String(describing: result.outcomes[0].error))")
        #expect(fixed == text.replacingOccurrences(of: "      exec: {command: [date]}\n      timeoutSeconds: 1\n",
                                                   with: "      exec: {command: [date]}\n      timeoutSeconds: 3\n"))
        #expect(result.displayOnly.map(\.key) == ["timeoutSeconds"])
        #expect(result.displayOnly.first?.why?.hasPrefix("timeoutSeconds is inside the block at line 12 that an alias or a merge key (<<) brings in") == true,
                "\(String(describing: result.displayOnly.first?.why))")
        // The lint report shows it display-only too.
        let finding = Linter.lint([InputFile(path: "test.yaml", bytes: Array(text.utf8))], options: FixSupport.options(FixSupport.flags, only: ["PL101"]))
            .findings.first { $0.rule == "PL101" && $0.object.container == "web" }
        #expect(finding?.suggestions.first?.displayOnly == true)
    }

    /// Liveness as an alias of readiness (PL201 wants liveness more lenient): raising the
    /// shared value raised readiness too, PL201 fired again, and the fixes never settled.
    @Test(arguments: ["        livenessProbe: *r\n", "        livenessProbe:\n          <<: *r\n"])
    func livenessAliasingReadinessIsShownAndSettles(liveness: String) {
        let text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: w}
            spec:
              template:
                spec:
                  containers:
                  - name: w
                    image: nginx
                    readinessProbe: &r
                      httpGet: {path: /h, port: 80}
                      timeoutSeconds: 2
                      periodSeconds: 10
                      failureThreshold: 3

            """ + liveness
        let (result, fixed) = FixSupport.fix(text, flags: [:], only: ["PL201"])
        #expect(result.outcomes[0].error == nil)
        #expect(fixed == text)
        #expect(result.displayOnly.contains { $0.rules == ["PL201"] && $0.why?.contains("that an alias or a merge key (<<) brings in") == true })
    }

    /// `FixSource.locate` by binary search over a document's objects in order of position: in
    /// a List whose third item is an alias of the first, an offset in that text is the first
    /// object's, one in the second item the second's, and one between them no object's.
    @Test func locateFindsTheObjectOfAnOffsetInAListWithAnAliasedItem() throws {
        let text = "kind: List\nitems:\n- &a {kind: Pod, metadata: {name: a}}\n- {kind: Pod, metadata: {name: b}}\n- *a\n"
        let source = try #require(FixSource.read(InputFile(path: "l.yaml", bytes: Array(text.utf8))))
        #expect(source.documents[0].manifests.map(\.metadata.name) == ["a", "b", "a"])
        func name(at needle: String) throws -> String? {
            let offset = try #require(text.range(of: needle)).lowerBound.utf16Offset(in: text)
            return source.locate(offset)?.manifest?.metadata.name
        }
        #expect(try name(at: "name: a") == "a")
        #expect(try name(at: "name: b") == "b")
        #expect(try name(at: "items:") == nil)
        #expect(source.locate(try #require(text.range(of: "name: a")).lowerBound.utf16Offset(in: text))?.manifest === source.documents[0].manifests[0])
    }

    /// The verifier's own check, without the planner's: a fixed path inside a block that an
    /// alias uses again, or inside the alias, is a difference.
    @Test func treeDigestRefusesAFixInsideASharedBlock() throws {
        let old = try Reader.readAll("a: &x {t: 1, u: 2}\nb: *x\nc: 1\n")[0]
        let new = try Reader.readAll("a: &x {t: 5, u: 2}\nb: *x\nc: 1\n")[0]
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(new), fixed: ["a.t": 5]) == "a.t")
        #expect(TreeDigest.firstDifference(old: TreeDigest(old), new: TreeDigest(new), fixed: ["b.t": 5]) == "b.t")
        let unshared = try Reader.readAll("a: {t: 1, u: 2}\nc: 1\n")[0]
        let fixed = try Reader.readAll("a: {t: 5, u: 2}\nc: 1\n")[0]
        #expect(TreeDigest.firstDifference(old: TreeDigest(unshared), new: TreeDigest(fixed), fixed: ["a.t": 5]) == nil)
    }

    /// `timeoutSeconds:` with nothing, `null` or `~` after it: Kubernetes reads the default, and
    /// the fix writes the value in place (an inserted second key did not parse: duplicate key).
    @Test(arguments: ["", " null", " ~", " # none yet"], ["\n", "\r\n"])
    func nullValueIsReplacedInPlace(written: String, eol: String) {
        let lines = ["apiVersion: v1", "kind: Pod", "metadata:", "  name: p", "spec:", "  containers:", "  - name: web",
                     "    image: nginx", "    livenessProbe:", "      httpGet: {path: /, port: 80}", "      timeoutSeconds:\(written)",
                     "      periodSeconds: 10"]
        let text = lines.joined(separator: eol) + eol
        let (result, fixed) = FixSupport.fix(text, only: ["PL101"])
        #expect(result.outcomes[0].error == nil)
        let value = written.hasPrefix(" #") ? " 3\(written)" : " 3"
        #expect(fixed == text.replacingOccurrences(of: "timeoutSeconds:\(written)\(eol)", with: "timeoutSeconds:\(value)\(eol)"))
    }
}
