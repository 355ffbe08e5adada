extension Collection {
    /// The elements that satisfy `isIncluded`, in order: `filter` with room for every element reserved at once.
    ///
    /// `filter` grows its result from nothing, which for a handful of matches is an allocation per few
    /// elements; the screener filters index lists of every message this way.
    ///
    /// - Complexity: O(n), one allocation.
    func selecting(_ isIncluded: (Element) throws -> Bool) rethrows -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where try isIncluded(element) { result.append(element) }
        return result
    }
}
