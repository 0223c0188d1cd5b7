import Testing
@testable import ProbeLint

/// An object an operator's resource controls (a review found `kubectl patch` planned for
/// Percona's StatefulSet, which the operator writes back): its findings' fixes say so.
@Suite struct OperatorOwnerTests {
    func statefulSet(owner: String) -> String {
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: some-name-rs0
        \(owner)
        spec:
          template:
            spec:
              containers:
                - name: mongod
                  image: example/mongod:7
                  livenessProbe:
                    tcpSocket: {port: 27017}
                  readinessProbe:
                    tcpSocket: {port: 27017}

        """
    }

    func notes(_ owner: String) throws -> [Note] {
        let finding = try #require(TestSupport.lint(statefulSet(owner: owner)).findings.first { $0.rule == "PL201" })
        #expect(!finding.suggestions.isEmpty)
        return finding.notes.filter { $0.name == "operatorOwner" }
    }

    @Test func anOperatorsResourceIsNamed() throws {
        let owned = "  ownerReferences:\n    - {apiVersion: psmdb.percona.com/v1, kind: PerconaServerMongoDB, name: some-name, uid: u, controller: true}"
        #expect(try notes(owned).map(\.text) == ["PerconaServerMongoDB some-name (psmdb.percona.com/v1) controls this object: its operator may write these fields back on its next reconcile; where that resource sets them, make the change there"])
    }

    /// A kind of a workload's name in another API group (OpenKruise's StatefulSet) is an operator's
    /// resource: the object is linted, with the note (it was skipped as a controller's Pod).
    @Test func aWorkloadNameInAnotherGroupIsAnOperator() throws {
        let owned = "  ownerReferences:\n    - {apiVersion: apps.kruise.io/v1beta1, kind: StatefulSet, name: web, uid: u, controller: true}"
        #expect(try notes(owned).map(\.text).first?.hasPrefix("StatefulSet web (apps.kruise.io/v1beta1) controls this object") == true)
    }

    @Test(arguments: [
        "",
        // Not its controller, or one of Kubernetes' own groups.
        "  ownerReferences:\n    - {apiVersion: psmdb.percona.com/v1, kind: PerconaServerMongoDB, name: some-name, uid: u}",
        "  ownerReferences:\n    - {apiVersion: example.k8s.io/v1, kind: Thing, name: t, uid: u, controller: true}",
    ])
    func noOperatorNoNote(owner: String) throws {
        #expect(try notes(owner).isEmpty)
    }
}
