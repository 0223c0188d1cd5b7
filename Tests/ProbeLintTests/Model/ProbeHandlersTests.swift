import Testing
@testable import ProbeLint

@Suite struct ProbeHandlersTests {
    func handler(_ kind: ProbeHandler.Kind) -> ProbeHandler { ProbeHandler(kind: kind, key: SourceRange(point: .start)) }

    /// However many are written, all come back in order, `count` counts them, and `only` and
    /// `hasOnlyOne` are set for exactly one.
    @Test(arguments: 0...4)
    func keepsEveryHandlerInOrder(count: Int) {
        let written = Array(ProbeHandler.Kind.allCases.prefix(count)).map(handler)
        let handlers = ProbeHandlers(written)
        #expect(handlers.all.map(\.kind) == written.map(\.kind))
        #expect(handlers.only?.kind == (count == 1 ? .exec : nil))
        #expect(handlers.hasOnlyOne == (count == 1))
        #expect(handlers.count == count)
    }

    @Test func withPortKeepsTheRest() {
        let http = ProbeHandler(kind: .httpGet, key: SourceRange(point: .start), port: .name("http"), path: "/healthz")
        let resolved = http.with(port: .number(8080))
        #expect(resolved.port == .number(8080) && resolved.path == "/healthz" && resolved.kind == .httpGet)
        #expect(http.port == .name("http") && resolved != http && http.with(port: .name("http")) == http)
    }

    /// The same check compared with given ports: the handlers' own ports are not read.
    @Test func sameCheckWithGivenPorts() {
        let named = ProbeHandler(kind: .httpGet, key: SourceRange(point: .start), port: .name("http"), path: "/healthz")
        let numbered = ProbeHandler(kind: .httpGet, key: SourceRange(point: .start), port: .number(8080), path: "/healthz")
        #expect(!named.sameCheck(as: numbered))
        #expect(named.sameCheck(as: numbered, port: .number(8080), otherPort: .number(8080)))
        #expect(!named.sameCheck(as: numbered, port: .number(8080), otherPort: .number(9090)))
        let other = ProbeHandler(kind: .httpGet, key: SourceRange(point: .start), port: .number(8080), path: "/ready")
        #expect(!numbered.sameCheck(as: other, port: .number(8080), otherPort: .number(8080)))
    }
}
