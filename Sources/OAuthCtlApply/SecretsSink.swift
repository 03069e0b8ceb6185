import Foundation
import OAuthCtlCore
import Synchronization

/// The one place a server-generated secret is written: `--secrets-out FILE`, mode 0600, JSON or dotenv
/// by extension.
///
/// - `open` proves, before any write to a server, that the file can be written (a probe file is
///   created with `O_CREAT|O_EXCL|O_NOFOLLOW`, fsynced and removed) and refuses a symlink, a file that
///   isn't the user's own, or one that others can read. It loads what the file holds: earlier runs'
///   secrets are kept, never overwritten.
/// - Every change is durable before the call returns: temp file, fsync, rename, fsync of the folder.
/// - A create that will receive a secret is first recorded as `pending`; the secret replaces it, or
///   `lost` does when the server created the client but its answer never arrived. A later run reads
///   these states back (`problems`) and names the clients.
public final class SecretsSink: Sendable {
    public let path: String
    public let format: SecretsFile.Format
    private let contents: Mutex<SecretsFile>
    /// False for `--dry-run`: every check runs, nothing is written.
    private let writes: Bool

    private init(path: String, format: SecretsFile.Format, contents: SecretsFile, writes: Bool) {
        self.path = path
        self.format = format
        self.contents = Mutex(contents)
        self.writes = writes
    }

    /// Opens the sink for a run whose creates will write secrets for `addresses`, after checking that it
    /// is safe and writable and that no two addresses share a dotenv key. Nothing is written to the file.
    public static func open(path: String, addresses: [ClientAddress], dryRun: Bool = false) throws(SinkError) -> SecretsSink {
        let format: SecretsFile.Format = path.hasSuffix(".json") ? .json : .dotenv
        var contents = SecretsFile(format: format)
        var info = stat()
        if lstat(path, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFLNK { throw SinkError(path, "is a symbolic link; name the real file") }
            guard (info.st_mode & S_IFMT) == S_IFREG else { throw SinkError(path, "is not a regular file") }
            guard info.st_uid == geteuid() else {
                throw SinkError(path, "belongs to uid \(info.st_uid), not to you (uid \(geteuid())); use a file of your own")
            }
            guard info.st_mode & 0o077 == 0 else {
                throw SinkError(path, "can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 on it first")
            }
            guard let data = FileManager.default.contents(atPath: path) else { throw SinkError(path, "can't be read") }
            do {
                contents = try SecretsFile.parse(Array(data), format: format)
            } catch {
                throw SinkError(path, "\(error); it is not a secrets file oauthctl can add to (nothing was changed)")
            }
        } else if errno != ENOENT {
            throw SinkError(path, "can't be checked: \(String(cString: strerror(errno)))")
        }
        if let problem = contents.checkKeys(addresses.map(\.description)) { throw SinkError(path, problem) }
        try probe(path)
        return SecretsSink(path: path, format: format, contents: contents, writes: !dryRun)
    }

    /// Entries that earlier runs left `pending` or `lost`, by address.
    public var problems: [String: SecretsFile.Status] {
        contents.withLock { $0.entries.compactMapValues(\.status) }
    }

    /// Records, before the create is sent, that `address` is about to receive a secret.
    public func markPending(_ address: ClientAddress) throws(SinkError) {
        try change { $0.setPending(address.description) }
    }

    /// Stores a client's generated secret (replacing a `pending` or `lost` state).
    public func record(address: ClientAddress, id: String, field: String, secret: SecretValue) throws(SinkError) {
        try change { $0.setSecret(address.description, id: id, field: field, value: secret.revealed) }
    }

    /// Records that the client exists but its secret was never received.
    public func markLost(_ address: ClientAddress, id: String) throws(SinkError) {
        try change { $0.setLost(address.description, id: id) }
    }

    /// Clears a state that turned out to be stale (e.g. `pending` for a client that was never created).
    public func clearProblem(_ address: ClientAddress) throws(SinkError) {
        guard problems[address.description] != nil else { return }
        try change { $0.clearStatus(address.description) }
    }

    /// Runs `body` while no write is under way (e.g. to exit the process between two writes).
    public func whileIdle<T>(_ body: () -> T) -> T {
        contents.withLock { _ in body() }
    }

    private func change(_ edit: (inout SecretsFile) -> Void) throws(SinkError) {
        try contents.withLock { (file: inout SecretsFile) throws(SinkError) in
            var updated = file
            edit(&updated)
            if writes { try Self.writeDurably(updated.serialized(), to: path) }
            file = updated
        }
    }

    /// Proves that files can be created beside `path`: create (exclusive, no symlink), write, fsync, remove.
    static func probe(_ path: String) throws(SinkError) {
        let folder = folderOf(path)
        var info = stat()
        guard stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw SinkError(path, "can't be written: the folder '\(folder)' does not exist; create it first")
        }
        let probe = temporaryName(for: path, tag: "probe")
        let fd = Foundation.open(probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw SinkError(path, "can't be written: \(String(cString: strerror(errno))) in '\(folder)'")
        }
        let ok = writeAll(fd, [0x0A]) && fsync(fd) == 0
        close(fd)
        unlink(probe)
        guard ok else { throw SinkError(path, "can't be written: \(String(cString: strerror(errno)))") }
    }

    /// Temp file, fsync, rename over `path`, fsync of the folder: the file is whole and on disk.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws(SinkError) {
        let temporary = temporaryName(for: path, tag: "tmp")
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SinkError(path, "can't be written: \(String(cString: strerror(errno)))") }
        let ok = writeAll(fd, bytes) && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SinkError(path, "can't be written: \(reason)")
        }
        let folder = Foundation.open(folderOf(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func temporaryName(for path: String, tag: String) -> String {
        let folder = folderOf(path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return "\(folder)/.\(name).\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }
}

/// The secrets sink can't be used; the message names the file and what to do, never a secret.
public struct SinkError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: String
    public init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }
    public var description: String { "--secrets-out '\(path)' \(problem)" }
}
