/// What Kubernetes accepts as a label key and value (k8s.io/apimachinery/pkg/util/validation:
/// `IsQualifiedName`, `IsDNS1123Subdomain`, `IsValidLabelValue`), with its messages as
/// `field.Invalid` words them: `Invalid value: "KEY": REASONS`.
enum LabelSyntax {
    static let qualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
    static let qualifiedNameMessage = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let subdomainFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
    static let subdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
    static let valueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
    static let maxNameLength = 63, maxSubdomainLength = 253, maxValueLength = 63

    /// The error for a label key, nil when it is valid.
    static func keyError(_ key: String) -> String? {
        let errors = qualifiedNameErrors(Array(key.utf8))
        return errors.isEmpty ? nil : "Invalid value: \(quoted(key)): " + errors.joined(separator: "; ")
    }

    /// The error for a label value, nil when it is valid.
    static func valueError(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        var errors: [String] = []
        if bytes.count > maxValueLength { errors.append(maxLength(maxValueLength)) }
        if !bytes.isEmpty && !isQualifiedNamePart(bytes) {
            errors.append(regexError(valueMessage, "(" + qualifiedNameFormat + ")?", examples: ["MyValue", "my_value", "12345"]))
        }
        return errors.isEmpty ? nil : "Invalid value: \(quoted(value)): " + errors.joined(separator: "; ")
    }

    static func qualifiedNameErrors(_ bytes: [UInt8]) -> [String] {
        let nameExamples = ["MyName", "my.name", "123-abc"]
        let parts = bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        var errors: [String] = []
        let name: ArraySlice<UInt8>
        switch parts.count {
        case 1:
            name = parts[0]
        case 2:
            let prefix = parts[0]
            name = parts[1]
            if prefix.isEmpty {
                errors.append("prefix part must be non-empty")
            } else {
                if prefix.count > maxSubdomainLength { errors.append("prefix part " + maxLength(maxSubdomainLength)) }
                if !isSubdomain(prefix) {
                    errors.append("prefix part " + regexError(subdomainMessage, subdomainFormat, examples: ["example.com"]))
                }
            }
        default:
            return ["a qualified name " + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: nameExamples)
                + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"]
        }
        if name.isEmpty {
            errors.append("name part must be non-empty")
        } else if name.count > maxNameLength {
            errors.append("name part " + maxLength(maxNameLength))
        }
        if !isQualifiedNamePart(name) {
            errors.append("name part " + regexError(qualifiedNameMessage, qualifiedNameFormat, examples: nameExamples))
        }
        return errors
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// `^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`
    static func isQualifiedNamePart<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        guard let first = bytes.first, let last = bytes.reversed().first, isAlphanumeric(first), isAlphanumeric(last) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    /// `^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$`
    static func isSubdomain(_ bytes: ArraySlice<UInt8>) -> Bool {
        func lowerAlphanumeric(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x61...0x7A).contains(byte) }
        return bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last, lowerAlphanumeric(first), lowerAlphanumeric(last) else { return false }
            return label.allSatisfy { lowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
        }
    }

    static func maxLength(_ length: Int) -> String { "must be no more than \(length) characters" }

    /// Go's `validation.RegexError`.
    static func regexError(_ message: String, _ format: String, examples: [String]) -> String {
        message + " (e.g. " + examples.map { "'\($0)', " }.joined(separator: " or ") + "regex used for validation is '\(format)')"
    }

    /// A string as Go's `%q` prints it, for the ASCII escapes (kubectl quotes the selector and
    /// the invalid key or value so).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\u{07}": out += "\\a"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0B}": out += "\\v"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count < 2 ? "0" : "") + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
