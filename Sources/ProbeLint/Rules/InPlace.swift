extension Array {
    /// Calls `body` with each element in place. `for element in array` copies each
    /// element out and destroys the copy after: for a struct of Strings and arrays (a
    /// finding, a note), a retain and a release per reference it holds.
    @inline(__always)
    func forEachInPlace(_ body: (Element) throws -> Void) rethrows {
        try withUnsafeBufferPointer { elements in
            for i in elements.indices { try body(elements[i]) }
        }
    }
}
