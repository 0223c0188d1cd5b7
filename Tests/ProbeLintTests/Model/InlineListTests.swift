import Testing
@testable import ProbeLint

@Suite struct InlineListTests {
    /// However many are appended, all come back in order; `only` is set for exactly one.
    @Test(arguments: 0...5)
    func keepsEveryElementInOrder(count: Int) {
        var list = InlineList<Int>()
        for i in 0..<count { list.append(i * 10) }
        #expect(Array(list) == (0..<count).map { $0 * 10 })
        #expect(list.all == (0..<count).map { $0 * 10 })
        #expect(list.count == count && list.isEmpty == (count == 0))
        #expect(list.only == (count == 1 ? 0 : nil))
        #expect(InlineList((0..<count).map { $0 * 10 }).all == list.all)
    }

    /// A copy taken before an append keeps what it had.
    @Test func copiesAreIndependent() {
        var list = InlineList([1, 2])
        let copy = list
        list.append(3)
        #expect(copy.all == [1, 2] && list.all == [1, 2, 3])
    }
}
