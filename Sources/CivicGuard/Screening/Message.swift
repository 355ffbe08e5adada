/// One message to screen, with what the policy needs to know about it.
public struct Message: Sendable {
    public var text: String
    public var direction: Direction
    /// Where it is or will be published (`twitter`, `facebook`, `webform`, …), for per-channel policy.
    public var channel: String?
    /// The department answering or addressed, for per-department policy.
    public var department: String?
    /// Who wrote it; recorded only as a keyed pseudonym.
    public var author: String?
    /// For a reply: the text of the post it answers.
    public var inReplyTo: String?
    /// ISO 639-1 code of the message's language, for redaction labels; the policy's language when nil.
    public var language: String?

    public init(
        text: String, direction: Direction, channel: String? = nil, department: String? = nil,
        author: String? = nil, inReplyTo: String? = nil
    ) {
        self.text = text
        self.direction = direction
        self.channel = channel
        self.department = department
        self.author = author
        self.inReplyTo = inReplyTo
    }
}
