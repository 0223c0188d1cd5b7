extension UnsafeBufferPointer<UInt8> {
    /// The length of a UTF-8 byte order mark (EF BB BF) at the start: 3, or 0 without one.
    /// libyaml's reader skips it, so its marks (index and column) count from after it.
    var utf8BOMLength: Int { count >= 3 && self[0] == 0xEF && self[1] == 0xBB && self[2] == 0xBF ? 3 : 0 }
}
