/// `-k`'s fix edits: the rendered stream's offsets would edit the wrong bytes of a real file
/// (SARIF's and JSON's fixes), so each fix's field is placed in the files as its finding is.
extension KustomizeOrigins {
    /// The fixes' edits in the file the finding is placed in: a field whose value the files
    /// write there gets its bytes in that file; one written elsewhere or by what no file shows
    /// (an inline patch, a replacement) is shown, not given as an edit, with why. The rendered
    /// stream's offsets would edit the wrong bytes of a real file (SARIF's and JSON's fixes).
    mutating func placeEdits(of f: inout Finding) {
        for j in f.suggestions.indices where !f.suggestions[j].displayOnly {
            if var target = f.suggestions[j].target {
                // A field of another object (PL301's Rook CR): in its own file when one shows it.
                if target.file == renderedName, case .written(let value, let key, let valueRange) = target.field,
                   let place = writtenPlace(target.path, key: key, value: valueRange) {
                    target.file = place.file
                    target.field = .written(value, key: place.key, value: place.value)
                    f.suggestions[j].target = target
                }
                continue
            }
            let s = f.suggestions[j]
            guard let valueRange = s.current.writtenValue else { continue }
            let place = writtenPlace(s.path, key: keyRange(s.current), value: valueRange)
            if let place, place.file == f.file {
                switch s.current {
                case .written(let value, _, _): f.suggestions[j].current = .written(value, key: place.key, value: place.value)
                case .invalid(let node, _, _): f.suggestions[j].current = .invalid(written: node, key: place.key, value: place.value)
                case .defaulted: break
                }
                continue
            }
            f.suggestions[j].displayOnly = true
            f.suggestions[j].unwritable = place.map { "\(s.field.rawValue) is written in \($0.file):\($0.value.start.line):\($0.value.start.column), not in \(f.file): set \(s.field.rawValue): \(s.value) there" }
                ?? "no file shows \(s.field.rawValue) as kustomize renders it (an inline or JSON 6902 patch, a replacement): set \(s.field.rawValue): \(s.value) in the kustomization by hand"
        }
        FixReach.holdTogether(&f)
    }

    private func keyRange(_ field: Field<Int>) -> SourceRange {
        switch field {
        case .written(_, let key, _), .invalid(_, let key, _): return key
        case .defaulted(_, let at): return at.parentKey
        }
    }

    /// Where the files write a field that the rendered stream has at `key` and `value`, with
    /// the value judged, as its finding would be placed (`place`); nil when no file shows it so
    /// (an inline patch, a replacement).
    private mutating func writtenPlace(_ fieldPath: String, key: SourceRange, value: SourceRange)
        -> (file: String, key: SourceRange, value: SourceRange)? {
        guard let trace = trace(at: value.start.offset),
              case .field(let keyFile, let keyRange)? = place(fieldPath, of: trace, at: key.start.offset),
              case .field(let valueFile, let valueRange)? = place(fieldPath, of: trace, at: value.start.offset),
              keyFile == valueFile else { return nil }
        return (valueFile, keyRange, valueRange)
    }
}
