import CivicGuard

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to the standard streams without buffering surprises: each call is written out at once. Output
/// that cannot be written (a full disk, a closed or broken pipe) ends the process with exit 2 and the reason
/// on standard error, so a caller never takes a cut-off answer for a whole one.
enum Standard {
    static func output(_ text: String) {
        do {
            try FileSystem.writeAll(Array(text.utf8), to: 1, path: "standard output")
        } catch {
            fail(error)
        }
    }

    /// Writes `text` and a newline to standard error (where a failure cannot be reported).
    static func error(_ text: String) {
        try? FileSystem.writeAll(Array((text + "\n").utf8), to: 2, path: "standard error")
    }

    /// Reports `error` on standard error and exits 2.
    static func fail(_ error: FileSystem.Error) -> Never {
        Standard.error("civicguard: cannot write \(error)")
        exit(2)
    }

    /// Output and file-size errors as errors, not signals: a closed pipe (SIGPIPE) or a file-size limit
    /// (SIGXFSZ) would end the process with nothing said; ignored, the write fails and is reported.
    static func reportWriteFailures() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
    }

    /// Ends the process now. Everything has been written (each call above writes at once), and tearing down
    /// a loaded rule set object by object only costs time the caller is waiting for.
    static func finish(status: Int32) -> Never {
        exit(status)
    }
}
