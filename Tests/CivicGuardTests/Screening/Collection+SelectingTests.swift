import Testing

@testable import CivicGuard

@Suite("Selecting: filter with its room reserved")
struct CollectionSelectingTests {
    @Test(arguments: [[], [1], [1, 2, 3, 4, 5, 6, 7], [2, 4, 6], [1, 3, 5]])
    func keepsWhatFilterKeepsInOrder(values: [Int]) {
        #expect(values.selecting { $0 % 2 == 0 } == values.filter { $0 % 2 == 0 })
        #expect(values.indices.selecting { values[$0] > 2 } == values.indices.filter { values[$0] > 2 })
    }
}
