/// Why a review command could not do what it was asked. Messages never contain message text.
public enum ReviewError: Error, CustomStringConvertible, Equatable {
    /// The store or a key cannot be used: exit status 2.
    case configuration(String)
    /// No record with this id.
    case notFound(Int64)
    /// The action breaks a rule of the queue (four eyes, a claim, an expired hold): exit status 1.
    case refused(String)

    public var description: String {
        switch self {
        case .configuration(let message), .refused(let message): return message
        case .notFound(let id): return "no record \(id) in the store"
        }
    }
}
