import Crypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory of rule snapshots, so that a process that screens one message skips parsing and compiling the
/// rule packs it loaded before (from about 20 ms to 3-5 ms with the bundled rules).
///
/// - A snapshot is found by a key: the SHA-256 of the snapshot format, the running executable (path, size,
///   modification time, inode), every rule file's path and size, and the SHA-256 of their contents. Any edit to a rule file, another
///   build of civicguard, or rules given by another path is a different key, so a stale snapshot is never used.
/// - A file holds a magic number, the key and an HMAC-SHA-256 of both and its payload, under a key only this
///   account holds (`key` in the directory, 32 random bytes, created 0600 on the first store). A snapshot
///   that is truncated, damaged, unreadable or signed with another key (forged from another rule set with a
///   fresh checksum) is ignored and replaced by the next load, never used.
/// - The directory must be this user's and writable by no one else (`trustProblem`); otherwise the cache is
///   not used, and the command says so. It is created private (0700) and files 0600.
/// - Files are written to a new file of a random name (`O_EXCL | O_NOFOLLOW`, so a planted link is never
///   followed) and renamed, so concurrent filters never read a partial snapshot. One that cannot be written
///   (a full disk, a file-size limit) is skipped. At most `limit` snapshots are kept.
/// - Where: `$CIVICGUARD_CACHE` (`off` disables it), else `$XDG_CACHE_HOME/civicguard`, else
///   `~/.cache/civicguard`.
///
/// The policy is not part of a snapshot: it is read from its file on every load.
public struct RuleSnapshotCache: Sendable {
    /// Where the snapshots are kept; created on the first store.
    public let directory: String
    /// How many snapshots the directory keeps; the least recently written go first.
    public var limit = 16

    static let magic = Array("CGRSNAP\n".utf8)

    public init(directory: String) {
        self.directory = directory
    }

    /// The cache the environment asks for, or nil when it is turned off or there is no home to keep it in.
    public static func fromEnvironment(_ environment: (String) -> String? = FileSystem.environment) -> Self? {
        if let chosen = environment("CIVICGUARD_CACHE") {
            return chosen == "off" ? nil : RuleSnapshotCache(directory: chosen)
        }
        if let base = environment("XDG_CACHE_HOME") { return RuleSnapshotCache(directory: base + "/civicguard") }
        if let home = environment("HOME") { return RuleSnapshotCache(directory: home + "/.cache/civicguard") }
        return nil
    }

    /// The key of the snapshot of `files` (of `sizes` bytes, whose contents in order hash to `digest`) made by
    /// this executable; nil when the executable cannot be identified, which turns the cache off.
    func key(files: [String], sizes: [Int], digest: [UInt8]) -> [UInt8]? {
        guard let executable = FileSystem.executablePath(), let status = FileSystem.status(of: executable) else {
            return nil
        }
        var header = SnapshotWriter()
        header.count(RuleSnapshot.formatVersion)
        header.string(executable)
        header.array([status.device, status.inode, status.size, status.modified]) { $0.integer($1) }
        header.array(Array(zip(files, sizes))) { writer, file in
            writer.string(file.0)
            writer.count(file.1)
        }
        header.byteArray(digest)
        return Array(SHA256.hash(data: header.bytes))
    }

    func path(for key: [UInt8]) -> String {
        directory + "/rules-" + Hex.encode(key.prefix(12)) + ".snapshot"
    }

    /// Why the directory cannot be trusted with snapshots, or nil when it can: a snapshot decides what is
    /// enforced, so a directory another account owns or can write to is not used.
    public var trustProblem: String? {
        FileSystem.untrustedDirectoryReason(directory).map { "\(directory) is \($0)" }
    }

    private var keyPath: String { directory + "/key" }

    /// The account's snapshot key, made now when `create` and there is none; nil when it cannot be had.
    private func authenticationKey(create: Bool) -> SymmetricKey? {
        if let bytes = try? FileSystem.readPrivate(keyPath) {
            return bytes.count == 32 ? SymmetricKey(data: bytes) : nil
        }
        guard create else { return nil }
        let key = SymmetricKey(size: .bits256)
        // Another process may create it at the same moment: then its key is read on the next load.
        guard (try? FileSystem.writeNew(key.withUnsafeBytes { Array($0) }, to: keyPath, mode: 0o600)) != nil else {
            return nil
        }
        return key
    }

    /// The snapshot stored under `key`, or nil when there is none, it is damaged, or this account did not sign
    /// it.
    func snapshot(for key: [UInt8]) -> RuleSnapshot? {
        guard trustProblem == nil, let secret = authenticationKey(create: false),
            let bytes = try? FileSystem.read(path(for: key))
        else { return nil }
        let signed = Self.magic.count + 32
        let header = signed + 32
        guard bytes.count >= header, bytes.starts(with: Self.magic),
            bytes[Self.magic.count..<signed].elementsEqual(key)
        else { return nil }
        // swift-crypto compares in constant time, so the signature cannot be found byte by byte.
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                bytes[signed..<header], authenticating: bytes[..<signed] + bytes[header...], using: secret)
        else { return nil }
        return try? RuleSnapshot(decoding: bytes, from: header)
    }

    /// Stores `snapshot` under `key`. A cache that cannot be written is no error: the next load reads the YAML.
    func store(_ snapshot: RuleSnapshot, for key: [UInt8]) {
        guard trustProblem == nil else { return }
        let payload = snapshot.encoded()
        let target = path(for: key)
        var random = SystemRandomNumberGenerator()
        let temporary = target + "." + Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &random) })
        do {
            try FileSystem.createDirectory(directory, mode: 0o700)
            guard trustProblem == nil, let secret = authenticationKey(create: true) else { return }
            let signature = HMAC<SHA256>.authenticationCode(for: Self.magic + key + payload, using: secret)
            let bytes = Self.magic + key + Array(signature) + payload
            try FileSystem.writeNew(bytes, to: temporary, mode: 0o600)
            try FileSystem.rename(temporary, to: target)
        } catch {
            _ = try? FileSystem.remove(temporary)
            return
        }
        prune()
    }

    /// Removes the oldest snapshots beyond `limit`.
    private func prune() {
        guard let names = try? FileSystem.entries(of: directory) else { return }
        let snapshots = names.filter { $0.hasPrefix("rules-") && $0.hasSuffix(".snapshot") }.map {
            directory + "/" + $0
        }
        guard snapshots.count > limit else { return }
        let oldestFirst = snapshots.map { (FileSystem.status(of: $0)?.modified ?? 0, $0) }.sorted { $0 < $1 }.map(\.1)
        for path in oldestFirst.prefix(snapshots.count - limit) { _ = try? FileSystem.remove(path) }
    }
}
