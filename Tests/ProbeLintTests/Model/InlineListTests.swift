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

    /// A list made of one element is the list that one append makes, and grows from there.
    @Test func oneElementListIsHeldAlone() {
        var list = InlineList(one: 7)
        #expect(list.only == 7 && list.all == [7] && list.first == 7)
        list.append(8)
        #expect(list.only == nil && list.all == [7, 8])
    }

    /// A copy taken before an append keeps what it had.
    @Test func copiesAreIndependent() {
        var list = InlineList([1, 2])
        let copy = list
        list.append(3)
        #expect(copy.all == [1, 2] && list.all == [1, 2, 3])
    }
}
