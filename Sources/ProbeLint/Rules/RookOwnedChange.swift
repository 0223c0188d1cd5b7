extension RookManagedObject {
    /// For a fix of a probe field of an object a Rook CR owns: what to do in the CR instead, in
    /// PL301's words, for `--fix`'s "not fixed" line and `-o patch`'s comment. Nil where the CR
    /// has no field for the probe (they then say "change the <kind>"); a probe the modelled
    /// Rook removes is `ObjectContext.rookRemoves`' case.
    static func crChange(_ suggestion: Suggestion, subject: ProbeSubject, owner: OwnerReference, object: ObjectContext) -> String? {
        guard suggestion.scope == .probe else { return nil }
        let version = object.rookVersion.version
        guard let place = crField(owner: owner.kind, component: subject.detection.component, kind: subject.probe.kind, at: version)
        else { return nil }
        let holder = holder(place.kind, owner: owner, object)
        let key = "\(place.path).probe.\(suggestion.field.rawValue)"
        if version < RookProbeTable.timingOverridesSince {
            return readsNoTiming(version, from: holder, set: key, daemon: RookDaemon(rawValue: subject.detection.component.rawValue), subject.probe.kind)
        }
        // The timeout Rook reconciles the object to (the CR's, or Rook's default) may already be enough.
        if suggestion.field == .timeoutSeconds, let set = rookTimeout(subject, holder: holder, version: version, object: object),
           set.value >= suggestion.value {
            return reconciled("\(holder.description) \(key)", shown: set.shown, wanted: "\(suggestion.value)") + ", so nothing needs to change"
        }
        return "set \(key) in \(holder.description)"
    }

    /// `Rook v1.5 reads no probe timing from CephObjectStore my-store: set PATH there once you
    /// run Rook v1.6.0 or later`: PL301's message and the CR change of a Rook-owned object's fix.
    static func readsNoTiming(_ version: RookVersion, from holder: Holder, set path: String, daemon: RookDaemon?, _ kind: ProbeKind) -> String {
        "Rook \(version) reads no probe timing from \(holder.description): set \(path) there once you run \(RookProbeTable.timingReaders(daemon, kind))"
    }
}
