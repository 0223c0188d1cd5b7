/// A list that holds none or one element inline and only two or more in an array.
///
/// For lists that nearly always have one element, made for every document, container
/// or probe: a document's objects (one unless it is a `kind: List`), a container's
/// ports and a probe's handlers (Kubernetes requires exactly one). An array was an
/// allocation, and its release, for nearly every one of them.
public struct InlineList<Element>: RandomAccessCollection {
    fileprivate enum Storage {
        case none
        case one(Element)
        /// Two or more, in order.
        case several([Element])
    }

    private var storage = Storage.none

    public init() {}

    /// A list of `element` alone.
    public init(one element: consuming Element) {
        storage = .one(element)
    }

    public init<Elements: Sequence<Element>>(_ elements: Elements) {
        for element in elements { append(element) }
    }

    /// `element` is consumed: a made value moves in, where a borrowed one was retained to be stored.
    public mutating func append(_ element: consuming Element) {
        switch storage {
        case .none:
            storage = .one(element)
        case .one(let first):
            storage = .several([first, element])
        case .several(var all):
            // Taken out first, so that the array is not shared while it grows.
            storage = .none
            all.append(element)
            storage = .several(all)
        }
    }

    /// The first element, read from the storage (`Collection.first` copied it through an index).
    public var first: Element? {
        switch storage {
        case .none: return nil
        case .one(let element): return element
        case .several(let all): return all.first
        }
    }

    /// The element when there is exactly one.
    var only: Element? {
        if case .one(let element) = storage { return element }
        return nil
    }

    /// The elements as an array (made for one: `only` reads it without).
    var all: [Element] {
        switch storage {
        case .none: return []
        case .one(let element): return [element]
        case .several(let all): return all
        }
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .none: return 0
        case .one: return 1
        case .several(let all): return all.count
        }
    }

    public subscript(position: Int) -> Element {
        switch storage {
        case .none:
            preconditionFailure("index out of range")
        case .one(let element):
            precondition(position == 0, "index out of range")
            return element
        case .several(let all):
            return all[position]
        }
    }
}

extension InlineList: Sendable where Element: Sendable {}
extension InlineList.Storage: Sendable where Element: Sendable {}
