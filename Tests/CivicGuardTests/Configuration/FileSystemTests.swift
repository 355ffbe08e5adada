import Foundation
import Testing

@testable import CivicGuard

@Suite("File system calls that fail closed")
struct FileSystemTests {
    /// A link planted where civicguard writes a new file is not followed: the file it points to is untouched.
    @Test func writeNewNeverFollowsAPlantedLink() throws {
        let scratch = TemporaryDirectory()
        let victim = scratch.write("victim", "keep me")
        let planted = scratch.path + "/planted"
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        #expect(throws: FileSystem.Error.self) {
            try FileSystem.writeNew(Array("overwritten".utf8), to: planted, mode: 0o600)
        }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep me")
        try FileSystem.writeNew(Array("new".utf8), to: scratch.path + "/fresh", mode: 0o600)
        #expect(throws: FileSystem.Error.self) { try FileSystem.writeNew([], to: scratch.path + "/fresh", mode: 0o600) }
    }

    /// A key file is read only when it is this user's own, private regular file.
    @Test func readPrivateRefusesFilesOthersCouldHaveWritten() throws {
        let scratch = TemporaryDirectory()
        #expect(try FileSystem.readPrivate(scratch.path + "/missing") == nil)
        let key = scratch.write("key", "secret")
        chmod(key, 0o600)
        #expect(try FileSystem.readPrivate(key) == Array("secret".utf8))
        chmod(key, 0o644)
        #expect(throws: FileSystem.Error.self) { try FileSystem.readPrivate(key) }
        let link = scratch.path + "/link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: key)
        chmod(key, 0o600)
        #expect(throws: FileSystem.Error.self) { try FileSystem.readPrivate(link) }
    }

    /// The bytes a write could not put out are an error, not a short file with exit 0.
    @Test func writeAllReportsAFullDevice() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        defer { close(descriptor) }
        #expect(throws: FileSystem.Error.self) {
            try FileSystem.writeAll(Array("lost".utf8), to: descriptor, path: "/dev/full")
        }
    }
}
