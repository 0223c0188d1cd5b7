/// The time an `exec` preStop hook sleeps before it does anything else: `sleep N` as its
/// command (`[sleep, "60"]`), or as the first command of a shell's script (`sh -c "sleep 60 &&
/// nginx -s quit"`), the common way to let a load balancer take the pod out before it stops.
/// The hook takes at least that long, and the grace period counts from its start, as for the
/// native `sleep` action (PL106). Anything else (a sleep sent to the background, after another
/// command, of a variable's length) is no known time: nil.
enum PreStopSleep {
    /// The seconds, rounded up (coreutils' `sleep 0.5`, `sleep 1m`), or nil.
    static func seconds(_ words: [String]) -> Int? {
        guard let first = words.first else { return nil }
        let name = CommandTimeout.program(first)
        if name == "sleep" {
            return words.count == 2 ? whole(operand(words[1])) : nil
        }
        guard CommandTimeout.shells.contains(name), let script = CommandTimeout.script(afterShell: words.dropFirst()) else { return nil }
        return leading(script)
    }

    /// The sleep a script starts with, when the next command waits for it (`;`, `&&`, `||`, a
    /// line break, or the script's end), not one sent to the background (`&`).
    static func leading(_ script: String) -> Int? {
        func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" }
        var text = Substring(script).drop { isBlank($0) || $0 == "\n" }
        if text.hasPrefix("exec ") { text = text.dropFirst(5).drop(while: isBlank) }
        guard text.hasPrefix("sleep"), let gap = text.dropFirst(5).first, isBlank(gap) else { return nil }
        let rest = text.dropFirst(5).drop(while: isBlank)
        let word = rest.prefix { !isBlank($0) && !";&|\n".contains($0) }
        guard let seconds = whole(operand(String(word))) else { return nil }
        let tail = rest.dropFirst(word.count).drop(while: isBlank)
        let waits = tail.isEmpty || tail.first == ";" || tail.first == "\n" || tail.hasPrefix("&&") || tail.hasPrefix("||")
        return waits ? seconds : nil
    }

    /// A duration above 0 in whole seconds, rounded up; nil for none or 0 (coreutils' "no limit"
    /// reading of 0 is `timeout`'s: `sleep 0` sleeps not at all). One past Int's range is Int.max:
    /// the hook outlasts any grace period (it had been none, and PL106 said nothing of it).
    static func whole(_ seconds: Double?) -> Int? {
        guard let seconds, seconds > 0 else { return nil }
        return seconds < Double(Int.max) ? Int(seconds.rounded(.up)) : Int.max
    }

    /// The seconds of a sleep that `whole` made `Int.max`: `sleep infinity`, or one past Int's range.
    static let endless = Int.max

    /// A sleep's time as notes and messages give it: `60 s`, or `endless` for `endless`, which
    /// is no number (it had been shown as 9223372036854775807 s).
    static func shown(_ seconds: Int) -> String { seconds == endless ? "endless" : "\(seconds) s" }

    /// `sleep`'s operand: a duration (`60`, `0.5`, `1m`), or coreutils' `infinity` (`inf`, in any case).
    static func operand(_ word: String) -> Double? {
        switch word.lowercased() {
        case "inf", "infinity": return .infinity
        default: return CommandTimeout.duration(word)
        }
    }
}
