import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT and SIGTERM as a request to stop between records, for the JSON Lines filter: the record being
/// screened is finished and written whole, the output flushed, and the process exits 130 or 143.
///
/// - The handlers only note the signal (an atomic store, safe in a handler). They are installed without
///   `SA_RESTART`, so a read that waits for input returns at once and `LineReader` ends the input there.
/// - Nothing else in civicguard installs handlers for these signals; `serve` has its own shutdown.
public enum Interruption {
    private static let received = Atomic<Int32>(0)

    /// Installs the handlers for SIGINT and SIGTERM.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler = .init(sa_handler: { signal in
            Interruption.received.store(signal, ordering: .relaxed)
        })
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A parent may have started us with them blocked (Foundation's `Process` passes its mask on): then they
        // would wait, pending, until the input ends.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// The signal that asked to stop, or nil.
    public static var signal: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// The conventional exit status after `signal`: 128 plus its number (130 for SIGINT, 143 for SIGTERM).
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }
}
