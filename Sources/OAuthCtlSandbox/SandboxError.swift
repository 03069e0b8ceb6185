#if canImport(Glibc)
    import Glibc
#endif

/// Why the sandbox could not start or save its state.
package enum SandboxError: Error, CustomStringConvertible, Equatable {
    case nonLoopbackAddress(String)
    case invalidPort(Int)
    case socket(String, Int32)
    case stateFile(String, String)
    case alreadyStarted
    case unsupported(String)

    package var description: String {
        switch self {
        case .nonLoopbackAddress(let host):
            return "refusing to listen on '\(host)'; the sandbox listens only on 127.0.0.1"
        case .invalidPort(let port): return "invalid port \(port); expected 0...65535"
        case .socket(let what, let code): return "\(what) failed: \(String(cString: strerror(code)))"
        case .stateFile(let path, let why): return "state file '\(path)': \(why)"
        case .alreadyStarted: return "the sandbox is already started"
        case .unsupported(let what): return what
        }
    }
}
