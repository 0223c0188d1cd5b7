/// The rule a word that names none was probably meant to name, for the messages that refuse
/// it (`--select`, `.probelint.yaml`'s `rules:`, ignore annotations and comments), as
/// argument-parser suggests an option and git a command.
extension RuleCatalog {
    /// `PL1O4` (a letter O) → PL104; `PL_104`, `pl14` → PL104; `detection-time-to-long`,
    /// `Detection_Time_Too_Long`, `detection-time` → detection-time-too-long. Nil when no rule is near, or two
    /// are equally near (`PL108` is one edit from seven IDs).
    public static func nearest(_ word: String) -> RuleInfo? {
        let typed = String(word.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
        // The letters typed for digits in an ID: `PL1O4`, `PLl04`, `PL1I4`.
        let digitsFixed = typed.hasPrefix("pl")
            ? "pl" + typed.dropFirst(2).map { $0 == "o" ? "0" : $0 == "l" || $0 == "i" ? "1" : $0 }.filter { $0 != "-" }
            : typed
        // The start of one name: `missing-readiness`, `grace-period`.
        let started = infos.filter { typed.count >= 5 && $0.name.hasPrefix(typed) }
        if started.count == 1 { return started[0] }
        var best: (info: RuleInfo, distance: Int)?
        var tied = false
        for info in infos {
            let id = info.id.rawValue.lowercased()
            if digitsFixed == id || typed == info.name { return info }
            // An ID is five characters: one edit. A name: about one edit in five characters.
            let distance: Int
            let idDistance = editDistance(digitsFixed, id), nameDistance = editDistance(typed, info.name)
            if idDistance <= 1 {
                distance = idDistance
            } else if nameDistance <= max(2, info.name.count / 5) {
                distance = nameDistance
            } else {
                continue
            }
            if let current = best, current.distance <= distance {
                if current.distance == distance { tied = true }
                continue
            }
            best = (info, distance)
            tied = false
        }
        return tied ? nil : best?.info
    }

    /// The one of `words` at most `within` edits from `word` (`bandwidth` for `bandwith`); nil
    /// when none is, or several are: the "did you mean" of config keys, annotations and port names.
    public static func nearestWord(_ word: String, among words: some Sequence<String>, within: Int = 2) -> String? {
        let near = words.filter { editDistance($0, word) <= within }
        return near.count == 1 ? near[0] : nil
    }

    /// "did you mean PL104, detection-time-too-long?" for a word near one rule, else nil.
    public static func didYouMean(_ word: String) -> String? {
        nearest(word).map { "did you mean \($0.id), \($0.name)?" }
    }

    /// `PL999`, `pl109`: a word in the form of a rule ID (`PL` and three digits) that names no rule
    /// of this version, as a later version's would. An ignore annotation or comment, or a
    /// `.probelint.yaml` setting, that names one is a warning, not an input error: a manifest written
    /// for a later probelint still lints with this one, as ShellCheck and hadolint pass over codes
    /// they do not know. Any other word that names no rule (`PL1O4`, `nosuch`) is an error.
    public static func laterRuleID(_ word: some StringProtocol) -> RuleID? {
        let utf8 = word.utf8
        guard utf8.count == 5, lookup(String(word)) == nil else { return nil }
        let bytes = Array(utf8)
        guard bytes[0] | 0x20 == UInt8(ascii: "p"), bytes[1] | 0x20 == UInt8(ascii: "l"),
              bytes[2...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return RuleID(rawValue: word.uppercased())
    }

    /// "PL999 is not a rule of this version of probelint (kubectl-probelint rules lists them)", with
    /// the one rule a typo of it would be, what an ignore annotation or comment, or a config file,
    /// says of one.
    public static func laterRuleNote(_ id: RuleID) -> String {
        "\(id) is not a rule of this version of probelint (\(didYouMean(id.rawValue).map { $0 + " " } ?? "")kubectl-probelint rules lists them)"
    }

    /// "is not a rule of this version of probelint (did you mean …? kubectl-probelint rules lists
    /// them)", the words an ignore annotation or comment says of a word that names no rule.
    public static func notARule(_ word: String) -> String {
        "is not a rule of this version of probelint (\(didYouMean(word).map { $0 + " " } ?? "")kubectl-probelint rules lists them)"
    }

    /// Levenshtein distance over characters (the words are short: IDs and rule names).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
