/// `--generate-completion-script bash`: a script that asks the binary what to complete
/// (`kubectl-probelint __complete WORDS...`, the protocol kubectl's plugins speak, answered by
/// `KubectlCompletion` from the same definitions as `--help`), as cobra's bash scripts ask
/// theirs. argument-parser's own bash script knew lint's options only after the word `lint`,
/// which the default command is never given: `kubectl-probelint -o <TAB>` offered the
/// subcommands, and `-f exa<TAB>` no file at all (its `complete` had no `-o default`).
/// zsh and fish keep argument-parser's scripts (no shell here to test a script of ours in).
enum BashCompletion {
    /// The shell named by `--generate-completion-script SHELL` (or `=SHELL`) before any `--`,
    /// when it is bash; nil otherwise (argument-parser answers the others, and refuses a bad name).
    static func requested(_ arguments: [String]) -> Bool {
        for (i, argument) in arguments.enumerated() {
            if argument == "--" { return false }
            if argument == "--generate-completion-script" { return i + 1 < arguments.count && arguments[i + 1] == "bash" }
            if argument == "--generate-completion-script=bash" { return true }
        }
        return false
    }

    /// The answer's last line is `:DIRECTIVE`, cobra's bits: 1 error, 2 no space after the word,
    /// 4 no file names, 8 file extensions (the lines), 16 directories only.
    /// Two things cobra's scripts learnt (spf13/cobra#1743 and its bash-completion `-n =:`):
    /// - a candidate is put in as the text it is, escaped for the line: `compgen -W` expanded
    ///   `$(...)` in a context's name from a kubeconfig, and ran it;
    /// - bash splits a word at `=` and `:` (COMP_WORDBREAKS): the words are joined again
    ///   (`--output=s`, a context `ctx:a`) for the binary, and each candidate given as the part
    ///   after the joined word's last `=` or `:`, which is what readline replaces.
    static let script = #"""
        # bash completion for kubectl-probelint: asks the binary what each word can be
        # (kubectl-probelint __complete ..., the protocol kubectl's plugins speak), so options,
        # their values, rules, resources and files complete as `kubectl probelint` completes them.
        # Source it, or put it in bash-completion's completions folder as kubectl-probelint.
        _kubectl_probelint() {
            local cur=${COMP_WORDS[COMP_CWORD]}
            # The words as typed: bash split --output=json and ctx:a at = and :.
            local args=() line=${COMP_LINE:-${COMP_WORDS[*]}} i word rest
            for (( i = 0; i <= COMP_CWORD; i++ )); do
                word=${COMP_WORDS[i]}
                rest=${line#"${line%%[![:space:]]*}"}
                # Joined only where the line has no blank between, as read from COMP_LINE; a
                # line that does not hold the words as they are (an alias) joins none.
                if (( i > 1 )) && [[ $rest == "$line" && $rest == "$word"* && ( $word == [=:]* || ${args[${#args[@]}-1]} == *[=:] ) ]]; then
                    args[${#args[@]}-1]+=$word
                else
                    args+=("$word")
                fi
                [[ $rest == "$word"* ]] && line=${rest#"$word"}
            done
            local joined=${args[${#args[@]}-1]}
            local out
            out=$("${COMP_WORDS[0]}" __complete "${args[@]:1}" 2>/dev/null) || return 0
            local directive=${out##*$'\n'}
            directive=${directive#:}
            [[ $directive =~ ^[0-9]+$ ]] || directive=0
            (( directive & 1 )) && return 0
            if (( directive & 16 )); then
                compopt -o filenames 2>/dev/null
                local IFS=$'\n'
                COMPREPLY=($(compgen -d -- "$cur"))
                return 0
            fi
            local words=() line
            while IFS= read -r line; do
                [[ -z $line || $line == :* ]] && continue
                words+=("${line%%$'\t'*}")
            done <<< "$out"
            if (( directive & 8 )); then
                compopt -o filenames 2>/dev/null
                local IFS=$'\n' ext
                COMPREPLY=($(compgen -d -- "$cur"))
                for ext in "${words[@]}"; do COMPREPLY+=($(compgen -f -X "!*.$ext" -- "$cur")); done
                return 0
            fi
            # A flag's value joined by = is answered alone (--output=s: sarif). Readline replaces
            # what follows the joined word's last = or :, so each candidate is given from there.
            local flag= kept= candidate
            [[ $joined == -*=* ]] && flag=${joined%%=*}=
            [[ $joined == *[=:]* ]] && kept=${joined%"${joined##*[=:]}"}
            COMPREPLY=()
            for candidate in "${words[@]}"; do
                candidate=$flag$candidate
                [[ $candidate == "$joined"* ]] || continue
                candidate=${candidate#"$kept"}
                # Escaped for the line (a comma needs no escape: PL101,PL102), unless the word
                # opened a quote of its own.
                if [[ $cur != [\"\']* ]]; then
                    printf -v candidate %q "$candidate"
                    candidate=${candidate//\\,/,}
                fi
                COMPREPLY+=("$candidate")
            done
            if (( ${#COMPREPLY[@]} == 0 )); then
                # Nothing to offer: file names, as `complete -o default` gives them, unless the
                # word takes none (a flag's value).
                (( directive & 4 )) && compopt +o default 2>/dev/null
                return 0
            fi
            (( directive & 2 )) && compopt -o nospace 2>/dev/null
            return 0
        }
        complete -o default -F _kubectl_probelint kubectl-probelint

        """#
}
