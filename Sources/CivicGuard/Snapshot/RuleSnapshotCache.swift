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
/// - A file holds a magic number, the key and the SHA-256 of its payload; one that is truncated, damaged or
///   unreadable is ignored (and replaced by the next load), never half-used.
/// - Files are written to a temporary name and renamed, so concurrent filters never read a partial snapshot.
///   The directory is created private (0700) and files 0600. At most `limit` snapshots are kept.
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

    /// The snapshot stored under `key`, or nil when there is none or it is damaged.
    func snapshot(for key: [UInt8]) -> RuleSnapshot? {
        guard let bytes = try? FileSystem.read(path(for: key)) else { return nil }
        let header = Self.magic.count + 64
        guard bytes.count >= header, bytes.starts(with: Self.magic),
            bytes[Self.magic.count..<Self.magic.count + 32].elementsEqual(key)
        else { return nil }
        let digest = bytes[Self.magic.count + 32..<header]
        let matches = bytes.withUnsafeBytes { SHA256.hash(data: UnsafeRawBufferPointer(rebasing: $0[header...])) }
            .elementsEqual(digest)
        guard matches else { return nil }
        return try? RuleSnapshot(decoding: bytes, from: header)
    }

    /// Stores `snapshot` under `key`. A cache that cannot be written is no error: the next load reads the YAML.
    func store(_ snapshot: RuleSnapshot, for key: [UInt8]) {
        let payload = snapshot.encoded()
        let bytes = Self.magic + key + Array(SHA256.hash(data: payload)) + payload
        let target = path(for: key)
        let temporary = target + ".\(getpid()).tmp"
        do {
            try FileSystem.createDirectory(directory, mode: 0o700)
            try FileSystem.write(bytes, to: temporary, mode: 0o600)
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
