import Testing
@testable import ProbeLint

/// A KeySet built from an enum has the case names as its keys, in case order, so that
/// `KeyedEntries` indexed by a case reads the entry of that key.
@Suite struct KeySetTests {
    @Test func keysAreTheCaseNamesInOrder() {
        #expect(KeySet(ManifestDecoder.ObjectKey.self).keys == ["kind", "apiVersion", "items", "metadata"])
        #expect(KeySet(ManifestDecoder.ContainerKey.self).keys == [
            "name", "image", "command", "args", "restartPolicy", "ports", "resources",
            "startupProbe", "livenessProbe", "readinessProbe", "lifecycle",
        ])
        // A case written in backticks is named without them.
        #expect(KeySet(ManifestDecoder.PortKey.self).keys == ["containerPort", "name", "protocol"])
    }

    @Test func aKeyIsFoundAtItsCaseIndex() {
        let keys = KeySet(ManifestDecoder.HandlerKey.self)
        func index(_ key: String) -> Int? {
            Array(key.utf8).withUnsafeBufferPointer { keys.index(of: $0) }
        }
        #expect(index("scheme") == ManifestDecoder.HandlerKey.scheme.rawValue)
        #expect(index("service") == ManifestDecoder.HandlerKey.service.rawValue)
        #expect(index("Scheme") == nil)
        #expect(index("schemes") == nil)
    }

    /// Keys of one length are told apart by their bytes; a length no key has finds nothing.
    @Test func keysOfOneLengthAreToldApart() {
        let keys = KeySet(["port", "path", "pa", "terminationGracePeriodSeconds"])
        func index(_ key: String) -> Int? {
            Array(key.utf8).withUnsafeBufferPointer { keys.index(of: $0) }
        }
        #expect(index("port") == 0)
        #expect(index("path") == 1)
        #expect(index("pa") == 2)
        #expect(index("terminationGracePeriodSeconds") == 3)
        #expect(index("pact") == nil)
        #expect(index("") == nil)
        #expect(index("p") == nil)
        #expect(index("terminationGracePeriodSecondsX") == nil)
    }

    /// The probe keys are the handler kinds, then the fields: each found where the decoder reads it.
    @Test func probeKeysAreFoundWhereTheDecoderReadsThem() {
        let keys = ManifestDecoder.probeKeys.keys
        for (i, kind) in ProbeHandler.Kind.allCases.enumerated() { #expect(keys[i] == kind.rawValue) }
        for field in ProbeField.allCases { #expect(keys[ManifestDecoder.probeKeyIndex(field)] == field.rawValue) }
        #expect(keys.count == ProbeHandler.Kind.allCases.count + ProbeField.allCases.count)
    }

    /// Each key found, and each text that differs from a key in one byte (at every position,
    /// in keys of 1 to 29 bytes: the lengths that are compared by gathered bytes, by whole
    /// words, and by words with an overlapping last one) not found.
    @Test func everyByteOfAKeyCounts() {
        let keys = ["a", "ports", "httpGet", "protocol", "resources", "containerPort", "successThreshold",
                    "initialDelaySeconds", "terminationGracePeriodSeconds"]
        let set = KeySet(keys)
        func index(_ text: [UInt8]) -> Int? { text.withUnsafeBufferPointer { set.index(of: $0) } }
        for (i, key) in keys.enumerated() {
            let bytes = Array(key.utf8)
            #expect(index(bytes) == i, "\(key)")
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x20
                #expect(index(changed) == nil, "\(key) changed at \(position)")
            }
            #expect(index(bytes + [0]) == nil && index(Array(bytes.dropLast())) == nil, "\(key)")
        }
    }
}
