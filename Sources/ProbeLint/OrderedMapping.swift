/// Runs `work(i)` for every index and returns the results in index order,
/// possibly on several threads (`RookFacts.gather`: the command line runs it on its
/// workers, a library caller on its own thread).
public protocol OrderedMapping {
    func map<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) -> [T]
}

/// `OrderedMapping` on the calling thread.
public struct SerialMapping: OrderedMapping {
    public init() {}
    public func map<T: Sendable>(_ count: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] { (0..<count).map(work) }
}
