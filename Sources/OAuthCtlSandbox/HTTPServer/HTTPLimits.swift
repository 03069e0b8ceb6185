/// Size and time limits that keep one bad client from hurting the others.
struct HTTPLimits: Sendable {
    /// Largest request head (request line and headers); more gets 431 and a close.
    var maxHeaderBytes = 64 * 1024
    /// Largest request body; more gets 413 and a close.
    var maxBodyBytes = 1024 * 1024
    /// A keep-alive connection with no request for this long is closed.
    var idleTimeoutSeconds = 10.0
    /// A request whose head and body are not complete within this time is dropped (slowloris).
    var requestTimeoutSeconds = 10.0
    /// Connections beyond this count are closed on accept.
    var maxConnections = 512
}
