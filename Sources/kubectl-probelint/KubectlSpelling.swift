/// Spellings kubectl's flag parser (spf13/pflag) reads that argument-parser refuses:
/// a boolean flag with a value (`--insecure-skip-tls-verify=true`, `-A=false`, `--recursive=0`)
/// and a short flag's value joined to it when the value has a `=` (`-lapp=rgw`; `-nrook-ceph`
/// and `-ojson` argument-parser reads itself, as `allowingJoined`). A command line that
/// argument-parser refuses is read again respelt: true as the bare flag, false as no flag,
/// `-lapp=rgw` as `-l app=rgw`. Only a refused line is read again, so this never changes
/// what one that parses means; `pflagReadings`, which every line goes through, makes plain
/// only what argument-parser reads otherwise than pflag (a group's joined value, a long
/// option's negative number).
enum KubectlSpelling {
    /// probelint's boolean flags that mirror kubectl's, by long name and by short letter, each
    /// with every spelling of its flag (a false one takes back those before it: the last wins).
    static let booleanSpellings: [Substring: Set<String>] = [
        "recursive": ["--recursive", "-R"], "R": ["--recursive", "-R"],
        "all-namespaces": ["--all-namespaces", "-A"], "A": ["--all-namespaces", "-A"],
        "insecure-skip-tls-verify": ["--insecure-skip-tls-verify"],
    ]
    /// probelint's own flags that take no value (and argument-parser's): `--fix=` is refused as
    /// such, not read as `--fix` and an empty operand (`emptyValues`).
    static let flagsWithoutValue: Set<Substring> = ["fix", "diff", "no-color", "help", "h", "version"]

    /// The short options that take a value, all `allowingJoined`.
    static let valueShort: Set<Character> = ["f", "k", "o", "n", "l", "s", "j"]
    /// The short flags, which pflag lets a group hold (`-Rf dir`).
    static let flagShort: Set<Character> = ["R", "A", "h"]

    /// Whether `option` takes the next argument as its value whatever it starts with, as pflag
    /// reads it (`-f -dash.yaml`, `--bandwidth -1MB/s`): a short option that takes a value, or a
    /// long one written without `=` that is no flag.
    static func takesNext(_ option: String) -> Bool {
        // `-f`, or a group of flags that ends with one (`-Rf`): pflag gives it the next argument.
        if option.count >= 2, option.hasPrefix("-"), !option.hasPrefix("--"), let letter = option.last, valueShort.contains(letter),
           option.dropFirst().dropLast().allSatisfy(flagShort.contains) { return true }
        guard option.hasPrefix("--"), option.count > 2, !option.contains("=") else { return false }
        let name = option.dropFirst(2)
        return !flagsWithoutValue.contains(name) && booleanSpellings[name] == nil
    }

    /// A group of short options with a letter that names none (`-dash.yaml`, a file named so),
    /// refused in pflag's words: argument-parser found its `h` and printed the help, exit 0, so
    /// a pre-commit run over that file passed without linting anything. nil when every letter
    /// up to the first that takes a value (the rest is that value) is a flag.
    static func unknownShorthand(_ argument: String) -> String? {
        guard argument.count > 2, argument.hasPrefix("-"), !argument.hasPrefix("--") else { return nil }
        for letter in argument.dropFirst() {
            if valueShort.contains(letter) || letter == "=" { return nil }
            if !flagShort.contains(letter) { return "unknown shorthand flag: '\(letter)' in \(argument)" }
        }
        return nil
    }

    /// pflag's readings that argument-parser gets wrong, made plain before every parse:
    /// - a group of short flags whose last letter takes a value joined to it (`-Rojson`,
    ///   `-Aojson`, `-Rj1`, `-Rf=.`) is the flags and that value (`-R -o json`): argument-parser
    ///   dropped the value and took the next argument for it (`-Rnrook-ceph deploy` read the
    ///   namespace `deploy`), or refused the line in words that named the wrong value;
    /// - a long option's value that is a negative number (`--chunk-size -1`), which
    ///   argument-parser took for an option: `--chunk-size=-1`.
    /// An option's value (`-f -Rojson`, a file so named) and the operands after `--` stay as they are.
    static func pflagReadings(_ arguments: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(arguments.count)
        // The option whose value comes next: an argument that is a value takes none
        // (`-f -n -Aojson`: `-n` is a file, and `-Aojson` is read as flags).
        var valueOf: String?
        for (index, argument) in arguments.enumerated() {
            if let option = valueOf {
                valueOf = nil
                if option.hasPrefix("--"), isNegativeNumber(argument) {
                    result[result.count - 1] += "=" + argument
                } else {
                    result.append(argument)
                }
                continue
            }
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if let group = groupWithValue(argument) {
                result += group
            } else {
                result.append(argument)
                if takesNext(argument) { valueOf = argument }
            }
        }
        return result
    }

    /// `-Rojson` → `-R`, `-o`, `json`; `-Rf=.` → `-R`, `-f`, `.`; nil for anything else (a lone
    /// `-ojson`, and `-Rf` with its value next, argument-parser reads as pflag does).
    static func groupWithValue(_ argument: String) -> [String]? {
        guard argument.count > 2, argument.hasPrefix("-"), !argument.hasPrefix("--") else { return nil }
        var flags: [String] = []
        var rest = argument.dropFirst()
        while let letter = rest.first, flagShort.contains(letter) {
            flags.append("-\(letter)")
            rest = rest.dropFirst()
        }
        guard !flags.isEmpty, let letter = rest.first, valueShort.contains(letter) else { return nil }
        var value = rest.dropFirst()
        guard !value.isEmpty else { return nil }
        if value.first == "=" { value = value.dropFirst() }
        return flags + ["-\(letter)", String(value)]
    }

    /// `-1`, `-0.5`, `-.5`: what pflag gives a long option as its value, and argument-parser takes for an option.
    static func isNegativeNumber(_ argument: String) -> Bool {
        let utf8 = argument.utf8.dropFirst()
        guard argument.hasPrefix("-"), let first = utf8.first else { return false }
        func digit(_ byte: UInt8?) -> Bool { byte.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false }
        return digit(first) || (first == UInt8(ascii: ".") && digit(utf8.dropFirst().first))
    }

    /// The arguments respelt, or nil when nothing is to respell (or a boolean's value is not
    /// one of pflag's, which stays refused). Arguments after `--` are operands, left as they are.
    static func respelled(_ arguments: [String]) -> [String]? {
        var result: [String] = []
        var changed = false
        for (index, argument) in arguments.enumerated() {
            if argument == "--" {
                result += arguments[index...]
                break
            }
            if let (name, value) = booleanWithValue(argument) {
                guard let on = boolean(value) else { return nil }
                if on {
                    result.append(argument.hasPrefix("--") ? "--\(name)" : "-\(name)")
                } else if let spellings = booleanSpellings[name] {
                    // As pflag reads them, the last wins: `-A -A=false` is false.
                    result.removeAll { spellings.contains($0) }
                }
                changed = true
            } else if let (flag, value) = joinedValue(argument) {
                result += [flag, value]
                changed = true
            } else {
                result.append(argument)
            }
        }
        return changed ? result : nil
    }

    /// An argument written with `=` and nothing after it, as pflag reads it. An option's
    /// (`--ignore=`, `-o=`) is the empty value: argument-parser took the next argument as its
    /// value instead, so `--ignore=$SKIP deploy.yaml` with SKIP unset read `deploy.yaml` as a
    /// rule. A flag's (`--fix=`, `--recursive=`) is refused (`refusal`), as pflag refuses an empty
    /// boolean: argument-parser read `--fix=` as `--fix`, so `--fix=$X` with X unset edited files
    /// (`-A=` it refuses itself). Read before every parse; the value after `-f`/`--filename`
    /// (a file named `--x=`) and operands after `--` stay as they are.
    static func emptyValues(_ arguments: [String]) -> (arguments: [String], refusal: String?) {
        var result: [String] = []
        var previous = ""
        for (index, argument) in arguments.enumerated() {
            if argument == "--" {
                result += arguments[index...]
                break
            }
            defer { previous = argument }
            if !takesNext(previous), let refusal = unknownShorthand(argument) { return (arguments, refusal) }
            let long = argument.hasPrefix("--")
            let name = long ? argument.dropFirst(2).dropLast() : argument.dropFirst().dropLast()
            guard argument.hasSuffix("="), argument.hasPrefix("-"), previous != "-f", previous != "--filename",
                  long ? name.count > 1 : name.count == 1, !name.contains("=") else {
                result.append(argument)
                continue
            }
            let isFlag = flagsWithoutValue.contains(name) || booleanSpellings[name] != nil
            if isFlag && long {
                return (arguments, "--\(name) takes no value, and '\(argument)' gives an empty one: write --\(name) alone\(booleanSpellings[name] != nil ? " (or --\(name)=false)" : "")")
            }
            result += isFlag ? [argument] : [String(argument.dropLast()), ""]
        }
        return (result, nil)
    }

    /// `--all-namespaces=true` → ("all-namespaces", "true"); `-A=0` → ("A", "0").
    private static func booleanWithValue(_ argument: String) -> (Substring, Substring)? {
        guard let equals = argument.firstIndex(of: "=") else { return nil }
        let value = argument[argument.index(after: equals)...]
        if argument.hasPrefix("--") {
            let name = argument[argument.index(argument.startIndex, offsetBy: 2)..<equals]
            return name.count > 1 && booleanSpellings[name] != nil ? (name, value) : nil
        }
        guard argument.hasPrefix("-") else { return nil }
        let name = argument[argument.index(after: argument.startIndex)..<equals]
        return name.count == 1 && booleanSpellings[name] != nil ? (name, value) : nil
    }

    /// `-lapp=rgw` → ("-l", "app=rgw"); `-l=app=rgw` → ("-l", "app=rgw"), as pflag reads them.
    private static func joinedValue(_ argument: String) -> (String, String)? {
        let characters = Array(argument)
        guard characters.count > 2, characters[0] == "-", valueShort.contains(characters[1]),
              characters.dropFirst(2).contains("=") else { return nil }
        let value = characters[2] == "=" ? characters.dropFirst(3) : characters.dropFirst(2)
        return ("-\(characters[1])", String(value))
    }

    /// pflag's refusal of the first boolean flag whose value is no boolean (`-R=yes`), in its
    /// words; nil when there is none. argument-parser said the flag takes no value, which
    /// `-R=1` and `--recursive=false` contradict.
    static func invalidBoolean(_ arguments: [String]) -> String? {
        for argument in arguments {
            if argument == "--" { return nil }
            guard let (name, value) = booleanWithValue(argument), boolean(value) == nil else { continue }
            let spellings = booleanSpellings[name] ?? []
            let short = spellings.first { !$0.hasPrefix("--") }, long = spellings.first { $0.hasPrefix("--") } ?? "--\(name)"
            let flag = short.map { "\($0), \(long)" } ?? long
            return "invalid argument \"\(value)\" for \"\(flag)\" flag: strconv.ParseBool: parsing \"\(value)\": invalid syntax"
        }
        return nil
    }

    /// Go's strconv.ParseBool, which pflag's boolean flags use.
    static func boolean(_ text: Substring) -> Bool? {
        switch text {
        case "1", "t", "T", "TRUE", "true", "True": return true
        case "0", "f", "F", "FALSE", "false", "False": return false
        default: return nil
        }
    }
}
