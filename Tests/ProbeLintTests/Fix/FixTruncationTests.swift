import Foundation
import Testing
@testable import ProbeLint

/// Every prefix of a fixable manifest (cut at every 7th byte, through
/// multibyte characters, mid-key and mid-value): fixing never crashes, and
/// when it changes something, the result parses and only timing lines differ.
@Suite struct FixTruncationTests {
    static let text = """
        # Prüfung: ☃ — a comment with multibyte text
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: nginx
                  readinessProbe:
                    tcpSocket: {port: 80}
                  livenessProbe:
                    httpGet:
                      path: /héalth
                      port: 80
                    timeoutSeconds: 1   # ünïcode
                  resources: {}

        """

    @Test func everyPrefix() throws {
        let bytes = Array(Self.text.utf8)
        var changedCount = 0
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            let prefix = Array(bytes[..<cut])
            let result = Fixer.fix([InputFile(path: "cut.yaml", bytes: prefix)], options: FixSupport.options())
            let outcome = result.outcomes[0]
            guard outcome.changed else { continue }
            changedCount += 1
            #expect(outcome.error == nil)
            #expect((try? Reader.readAll(outcome.fixed, file: "cut.yaml")) != nil, "cut at \(cut)")
            let diff = DiffReporter.diff(path: "cut.yaml", original: prefix, fixed: outcome.fixed)
            #expect(FixSupport.changedLines(diff).allSatisfy(FixSupport.isTimingLine), "cut at \(cut):\n\(diff)")
        }
        #expect(changedCount > 10)
    }
}
