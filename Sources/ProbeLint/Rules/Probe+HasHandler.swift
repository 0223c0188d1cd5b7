extension Probe {
    /// Whether the probe has its one handler (`handler` is not nil), without copying the
    /// handler out as `handler != nil` does (its Strings retained and released, once per
    /// probe for each rule that asks).
    var hasHandler: Bool { handlers.count == 1 }
}
