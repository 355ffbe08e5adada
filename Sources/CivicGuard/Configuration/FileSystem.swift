#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The few file-system calls civicguard needs, on the C library directly: it keeps Foundation off the
/// start-up path of the filter.
public enum FileSystem {
    /// An operating-system error on a path, printed as `path: reason`.
    public struct Error: Swift.Error, CustomStringConvertible {
        public let path: String
        public let reason: String
        public var description: String { "\(path): \(reason)" }

        init(_ path: String, errno code: Int32) {
            self.path = path
            reason = String(cString: strerror(code))
        }

        init(_ path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The whole contents of a file.
    public static func read(_ path: String) throws(Error) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Error(path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else {
            return try readAll(descriptor, path: path)
        }
        // A regular file: read it straight into a buffer of its size, then whatever it grew by since.
        let size = Int(info.st_size)
        var failure: Int32 = 0
        var result = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let read = Glibc.read(descriptor, buffer.baseAddress! + count, size - count)
                if read < 0, errno == EINTR { continue }
                if read < 0 { failure = errno }
                if read <= 0 { break }
                count += read
            }
        }
        if failure != 0 { throw Error(path, errno: failure) }
        if result.count == size { result += try readAll(descriptor, path: path) }
        return result
    }

    /// Everything readable from a file descriptor until end of file.
    public static func readAll(_ descriptor: Int32, path: String) throws(Error) -> [UInt8] {
        try readPrefix(descriptor, path: path, limit: Int.max).bytes
    }

    /// What a file descriptor holds until end of file, up to `limit` bytes; `truncated` says there was more (it
    /// is not read). A read error is thrown, named by `path`, never taken for the end of the input.
    public static func readPrefix(_ descriptor: Int32, path: String, limit: Int) throws(Error) -> (
        bytes: [UInt8], truncated: Bool
    ) {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while result.count <= limit {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Error(path, errno: errno)
            }
            if count == 0 { return (result, false) }
            result.append(contentsOf: chunk[0..<count])
        }
        return (Array(result.prefix(limit)), true)
    }

    /// Creates a directory and any missing parents; existing directories are left as they are.
    public static func createDirectory(_ path: String, mode: mode_t) throws(Error) {
        if path.isEmpty || isDirectory(path) { return }
        let parent = parent(of: path)
        if parent != path { try createDirectory(parent, mode: mode) }
        if mkdir(path, mode) != 0 {
            let failure = errno
            if failure != EEXIST { throw Error(path, errno: failure) }
            if !isDirectory(path) { throw Error(path, errno: ENOTDIR) }
        }
    }

    /// Writes `bytes` to a file, replacing it; `mode` applies when the file is created.
    public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws(Error) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Error(path, errno: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// Creates the file `path` with `bytes`, failing if anything is already there: with `O_EXCL | O_NOFOLLOW`
    /// no planted file or symbolic link is opened, so no file it points to is overwritten.
    public static func writeNew(_ bytes: [UInt8], to path: String, mode: mode_t) throws(Error) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw Error(path, errno: errno) }
        defer { close(descriptor) }
        try writeAll(bytes, to: descriptor, path: path)
    }

    /// The contents of `path` if it is a regular file (not a symbolic link) owned by this user that no one else
    /// may read or write; nil when it does not exist. Anything else is an error that says what is wrong: for a
    /// key that protects what it signs, a file another account could have written is no key.
    public static func readPrivate(_ path: String) throws(Error) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT { return nil }
            throw Error(path, errno: errno)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Error(path, errno: errno) }
        guard (info.st_mode & S_IFMT) == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 == 0 else {
            throw Error(path, reason: "not a private file of this user (mode 0600, owned by uid \(geteuid()))")
        }
        return try readAll(descriptor, path: path)
    }

    /// Why the directory `path` is not safe to keep what civicguard trusts in, or nil when it is (or does not
    /// exist yet): it must be a directory, not a symbolic link, owned by this user and writable by no one else.
    public static func untrustedDirectoryReason(_ path: String) -> String? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) != S_IFDIR { return "not a directory (or a symbolic link)" }
        if info.st_uid != geteuid() { return "owned by uid \(info.st_uid), not by this user (uid \(geteuid()))" }
        if info.st_mode & 0o022 != 0 {
            return "writable by other users (mode \(String(info.st_mode & 0o777, radix: 8)))"
        }
        return nil
    }

    /// Writes all of `bytes` to `descriptor`, again after an interruption or a partial write; any other
    /// failure (a full disk, a closed or broken pipe, a file-size limit) is thrown, named by `path`. The one
    /// write loop of civicguard: files, standard output and the JSON Lines stream all go through it.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Error) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw Error(path, errno: errno)
            }
            offset += written
        }
    }

    /// Renames `source` to `target` atomically, replacing `target`.
    public static func rename(_ source: String, to target: String) throws(Error) {
        if Glibc.rename(source, target) != 0 { throw Error(source, errno: errno) }
    }

    /// Removes a file (not a directory).
    public static func remove(_ path: String) throws(Error) {
        if unlink(path) != 0 { throw Error(path, errno: errno) }
    }

    /// Removes a file, or a directory with everything in it (a symbolic link is removed, not followed).
    public static func removeTree(_ path: String) throws(Error) {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw Error(path, errno: errno) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            for name in try entries(of: path) { try removeTree(path + "/" + name) }
            if rmdir(path) != 0 { throw Error(path, errno: errno) }
        } else {
            try remove(path)
        }
    }

    /// What identifies a file's version: where it lives, its size and when it was last modified.
    public struct Status: Hashable, Sendable {
        public let device: Int
        public let inode: Int
        public let size: Int
        /// Nanoseconds since 1970.
        public let modified: Int
    }

    /// The status of the file at `path` (following symbolic links), or nil when it cannot be read.
    public static func status(of path: String) -> Status? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Status(
            device: Int(info.st_dev), inode: Int(info.st_ino), size: Int(info.st_size),
            modified: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec))
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// The entries of a directory, without `.` and `..`, sorted by name.
    public static func entries(of directory: String) throws(Error) -> [String] {
        guard let handle = opendir(directory) else { throw Error(directory, errno: errno) }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Every file under `path` (itself, when it is a file) whose name ends with one of `extensions`, in a stable
    /// order: sorted by path, depth first.
    public static func files(under path: String, extensions: [String]) throws(Error) -> [String] {
        if !isDirectory(path) {
            guard isFile(path) else { throw Error(path, errno: ENOENT) }
            return [path]
        }
        var result: [String] = []
        for name in try entries(of: path) where !name.hasPrefix(".") {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            if isDirectory(child) {
                result += try files(under: child, extensions: extensions)
            } else if extensions.contains(where: { name.hasSuffix($0) }) {
                result.append(child)
            }
        }
        return result
    }

    public static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    public static func currentDirectory() -> String {
        guard let pointer = getcwd(nil, 0) else { return "." }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The absolute path of the running executable, from `/proc/self/exe` (Linux) or `argv[0]`.
    public static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return CommandLine.arguments.first
    }

    /// `path` with symbolic links, `.` and `..` resolved, or as given when it cannot be (it does not exist).
    public static func canonicalPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` without its last component (`/a/b/c` → `/a/b`).
    public static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
