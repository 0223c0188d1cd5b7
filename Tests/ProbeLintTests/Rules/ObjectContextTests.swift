import Testing
@testable import ProbeLint

@Suite struct ObjectContextTests {
    /// Subjects make their references from the object, the container and the probe when read.
    @Test func subjectsNameTheirObjectContainerAndProbe() throws {
        let doc = try #require(try Reader.readAll("""
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              template:
                spec:
                  containers:
                  - name: app
                    livenessProbe: {tcpSocket: {port: 80}}
                    readinessProbe: {httpGet: {port: 80, path: /ready}}
                  - name: sidecar
                    startupProbe: {exec: {command: [date]}}
            """).first)
        let decoded = ManifestDecoder.decode(doc)
        let context = ObjectContext(manifest: try #require(decoded.manifests.first), document: doc, environment: Environment())
        #expect(context.probes.map(\.ref) == [
            ObjectRef(kind: "Deployment", namespace: "shop", name: "web", container: "app", probe: .liveness),
            ObjectRef(kind: "Deployment", namespace: "shop", name: "web", container: "app", probe: .readiness),
            ObjectRef(kind: "Deployment", namespace: "shop", name: "web", container: "sidecar", probe: .startup),
        ])
        #expect(context.containers.map(\.ref) == [
            ObjectRef(kind: "Deployment", namespace: "shop", name: "web", container: "app"),
            ObjectRef(kind: "Deployment", namespace: "shop", name: "web", container: "sidecar"),
        ])
        #expect(context.manifest.ref == ObjectRef(kind: "Deployment", namespace: "shop", name: "web"))
    }
}
