/// A shell script read as far as `CommandTimeout` needs: its words, and how its commands are
/// joined. Commands one after another (`;`, `&&`, `||`, a line break) wait in turn, so their
/// bounds add; the commands of a pipe (`|`, bash's `|&`) run at the same time, so the pipe
/// waits as long as its longest, and the shell binds a pipe before the others (`a | b; c`
/// waits for the pipe, then for c). A command sent to the background (`a & b`) is added as
/// one after another: the sum bounds the wait whether or not the exec waits for it.
extension CommandTimeout {
    enum Token: Equatable {
        case word(String)
        /// `;`, `&&`, `||`, a line break, `(`, `)`, a backquote (and `&`): a command ends, the
        /// next runs after it.
        case sequence
        /// `|` or `|&`: a command ends, and the next runs beside it.
        case pipe
    }

    /// The bound of the commands in `tokens`: the sum of its pipes' (a command alone is a pipe
    /// of one), each the longest of its commands'.
    static func script(_ tokens: inout ArraySlice<Token>) -> CommandTimeout? {
        var total: CommandTimeout?, pipe: [CommandTimeout] = []
        while !tokens.isEmpty {
            var words: [String] = [], joint: Token?
            while let first = tokens.first {
                tokens = tokens.dropFirst()
                guard case .word(let word) = first else { joint = first; break }
                words.append(word)
            }
            if let bound = command(words[...]) { pipe.append(bound) }
            guard joint != .pipe, let longest = longest(of: pipe) else { continue }
            pipe = []
            total = total.map { CommandTimeout(seconds: $0.seconds + longest.seconds, written: "\($0.written), then \(longest.written)") } ?? longest
        }
        return total
    }

    /// A pipe's bound: its longest command's, written with the others it runs beside.
    static func longest(of pipe: [CommandTimeout]) -> CommandTimeout? {
        guard let longest = pipe.max(by: { $0.seconds < $1.seconds }) else { return nil }
        guard pipe.count > 1 else { return longest }
        let names = pipe.map(\.written)
        return CommandTimeout(seconds: longest.seconds,
                              written: "\(names.dropLast().joined(separator: ", ")) and \(names.last!) at once (a pipe)")
    }

    /// A shell script's words: split at blanks outside quotes, quotes removed, and `;`, `&`, `|`,
    /// line breaks, parentheses and backquotes outside quotes as separators (`$(` starts a
    /// command). Enough to find a tool and its options, not a shell.
    static func scriptTokens(_ script: String) -> [Token] {
        var tokens: [Token] = [], current = "", quote: Character?, started = false
        func end() {
            if started { tokens.append(.word(current)) }
            current = ""
            started = false
        }
        func word(_ character: Character) {
            current.append(character)
            started = true
        }
        /// Ends a command. Two separators in a row are one: a pipe only when both are (`|&`),
        /// the next command after this one otherwise (`||`, `) |`).
        func separate(_ joint: Token) {
            end()
            switch tokens.last {
            case nil, .word?: tokens.append(joint)
            case .pipe? where joint == .pipe, .sequence?: break
            case .pipe?: tokens[tokens.count - 1] = .sequence
            }
        }
        let characters = Array(script)
        var escaped = false, previous: Character?
        for (index, character) in characters.enumerated() {
            // The character before this one outside quotes, unescaped: `|` and `&` mean what
            // the ones beside them make them.
            let before = previous
            previous = escaped || quote != nil ? nil : character
            if escaped { current.append(character); escaped = false; continue }
            if let open = quote {
                if character == open { quote = nil } else if character == "\\" && open == "\"" { escaped = true } else { current.append(character) }
                continue
            }
            switch character {
            case " ", "\t":
                end()
            case "\n", "\r":
                // After `|`, `&&` or `||` a line break continues the line: what joins the two
                // commands stands.
                end()
                if tokens.last != .pipe && tokens.last != .sequence { tokens.append(.sequence) }
            case "&" where before == ">" || before == "<" || (index + 1 < characters.count && characters[index + 1] == ">"),
                 "|" where before == ">":
                // A redirection (`2>&1`, `<&3`, `&>/dev/null`, `>|`), no separator: a pipe after
                // `2>&1` still joins the commands beside it.
                word(character)
            case "|":
                separate(before == "|" ? .sequence : .pipe)
            case "&":
                separate(before == "|" ? .pipe : .sequence)
            case ";", "(", ")", "`":
                separate(.sequence)
            case "\"", "'":
                quote = character
                started = true
            case "\\":
                escaped = true
                started = true
            case "$" where !started:
                // `$(` and `$VAR`: the `(` that may follow is a separator.
                continue
            default:
                word(character)
            }
        }
        end()
        return tokens
    }
}
