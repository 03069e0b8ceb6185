import Foundation
import OAuthCtlCore
import Synchronization

/// The one place a server-generated secret is written: `--secrets-out FILE`, mode 0600, JSON or dotenv
/// by extension (a trailing `.asc` is ignored for that).
///
/// - `open` proves, before any write to a server, that the file can be written (a probe file is
///   created with `O_CREAT|O_EXCL|O_NOFOLLOW`, fsynced and removed) and refuses a symlink, a file that
///   isn't the user's own, or one that others can read. It loads what the file holds: earlier runs'
///   secrets are kept, never overwritten.
/// - Every change is durable before the call returns: temp file, fsync, rename, fsync of the folder.
/// - A create that will receive a secret is first recorded as `pending`; the secret replaces it, or
///   `lost` does when the server created the client but its answer never arrived. A later run reads
///   these states back (`problems`) and names the clients.
///
/// Encrypted (`--pgp-key`): oauthctl holds only public keys, so it can't read, and so can't merge into,
/// an earlier run's file. FILE is this run's ASCII-armored message (JSON or dotenv inside), rewritten
/// durably with every secret; an earlier run's FILE is kept beside it as `FILE.<its UTC time>` before
/// the first secret of this run is written. The states (`pending`, `lost`: addresses and ids, never a
/// secret) go to a clear journal `FILE.state.json` (0600), merged across runs as the clear file is.
package final class SecretsSink: Sendable {
    package let path: String
    package let format: SecretsFile.Format
    private struct State {
        /// Clear: the whole file. Encrypted: this run's entries only.
        var contents: SecretsFile
        /// Encrypted only: the states, across runs.
        var journal: SecretsFile?
        /// Encrypted only: an earlier run's FILE was moved aside (or there was none).
        var settled = false
    }
    private let state: Mutex<State>
    /// False for `--dry-run`: every check runs, nothing is written.
    private let writes: Bool
    private let encryption: PGPEncryption?

    private init(
        path: String, format: SecretsFile.Format, contents: SecretsFile, journal: SecretsFile?, writes: Bool, encryption: PGPEncryption?
    ) {
        self.path = path
        self.format = format
        self.state = Mutex(State(contents: contents, journal: journal))
        self.writes = writes
        self.encryption = encryption
    }

    /// The journal of an encrypted sink.
    package var journalPath: String { path + ".state.json" }
    /// True when the file is encrypted (`--pgp-key`).
    package var isEncrypted: Bool { encryption != nil }

    /// Opens the sink for a run whose creates will write secrets for `addresses`, after checking that it
    /// is safe and writable and that no two addresses share a dotenv key. Nothing is written to the file.
    /// With `encryption`, FILE must be absent or an earlier run's armored message.
    package static func open(
        path: String, addresses: [ClientAddress], dryRun: Bool = false, encryption: PGPEncryption? = nil
    ) throws(SinkError) -> SecretsSink {
        let plainName = path.hasSuffix(".asc") ? String(path.dropLast(4)) : path
        let format: SecretsFile.Format = plainName.hasSuffix(".json") ? .json : .dotenv
        var contents = SecretsFile(format: format)
        var journal: SecretsFile?
        if encryption != nil {
            if let data = try existing(path) {
                guard data.starts(with: Array("-----BEGIN PGP MESSAGE-----".utf8)) else {
                    throw SinkError(
                        path,
                        "holds no encrypted message (clear text?); with --pgp-key name a new file, e.g. '\(plainName).asc' (nothing was changed)"
                    )
                }
            }
            journal = SecretsFile(format: .json)
            if let data = try existing(path + ".state.json") {
                do {
                    journal = try SecretsFile.parse(data, format: .json)
                } catch {
                    throw SinkError(path + ".state.json", "\(error); it is not the state journal oauthctl writes (nothing was changed)")
                }
            }
        } else if let data = try existing(path) {
            do {
                contents = try SecretsFile.parse(data, format: format)
            } catch {
                throw SinkError(path, "\(error); it is not a secrets file oauthctl can add to (nothing was changed)")
            }
        }
        if let problem = contents.checkKeys(addresses.map(\.description)) { throw SinkError(path, problem) }
        try probe(path)
        return SecretsSink(path: path, format: format, contents: contents, journal: journal, writes: !dryRun, encryption: encryption)
    }

    /// The bytes of `path` after the safety checks, nil when it does not exist.
    private static func existing(_ path: String) throws(SinkError) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw SinkError(path, "can't be checked: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFLNK { throw SinkError(path, "is a symbolic link; name the real file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SinkError(path, "is not a regular file") }
        guard info.st_uid == geteuid() else {
            throw SinkError(path, "belongs to uid \(info.st_uid), not to you (uid \(geteuid())); use a file of your own")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw SinkError(path, "can be read by others (mode \(String(info.st_mode & 0o777, radix: 8))); run chmod 600 on it first")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw SinkError(path, "can't be read") }
        return Array(data)
    }

    /// Ends the run's use of the sink: removes the temporary GNUPGHOME of an encrypted one.
    package func finish() {
        encryption?.close()
    }

    /// Entries that earlier runs left `pending` or `lost`, by address.
    package var problems: [String: SecretsFile.Status] {
        state.withLock { ($0.journal ?? $0.contents).entries.compactMapValues(\.status) }
    }

    /// Records, before the create is sent, that `address` is about to receive a secret.
    package func markPending(_ address: ClientAddress) throws(SinkError) {
        try change(secret: false) { $0.setPending(address.description) }
    }

    /// Stores a client's generated secret (replacing a `pending` or `lost` state).
    package func record(address: ClientAddress, id: String, field: String, secret: SecretValue) throws(SinkError) {
        try change(secret: true) { $0.setSecret(address.description, id: id, field: field, value: secret.revealed) }
    }

    /// Records that the client exists but its secret was never received.
    package func markLost(_ address: ClientAddress, id: String) throws(SinkError) {
        try change(secret: false) { $0.setLost(address.description, id: id) }
    }

    /// Clears a state that turned out to be stale (e.g. `pending` for a client that was never created).
    package func clearProblem(_ address: ClientAddress) throws(SinkError) {
        guard problems[address.description] != nil else { return }
        try change(secret: false) { $0.clearStatus(address.description) }
    }

    /// Runs `body` while no write is under way (e.g. to exit the process between two writes).
    package func whileIdle<T>(_ body: () -> T) -> T {
        state.withLock { _ in body() }
    }

    /// Applies `edit` and makes it durable. Encrypted: the journal takes the states (a stored secret
    /// clears its address's), and FILE is encrypted again when `secret` is true.
    private func change(secret: Bool, _ edit: (inout SecretsFile) -> Void) throws(SinkError) {
        try state.withLock { (state: inout State) throws(SinkError) in
            var updated = state.contents
            edit(&updated)
            guard var journal = state.journal, let encryption else {
                if writes { try Self.writeDurably(updated.serialized(), to: path) }
                state.contents = updated
                return
            }
            edit(&journal)
            journal.keepStatesOnly()
            if writes {
                if secret {
                    let sealed: [UInt8]
                    do {
                        sealed = try encryption.encrypt(updated.serialized())
                    } catch {
                        throw SinkError(path, "can't be encrypted: \(error)")
                    }
                    if !state.settled {
                        try Self.moveAside(path)
                        state.settled = true
                    }
                    try Self.writeDurably(sealed, to: path)
                }
                try Self.writeDurably(journal.serialized(), to: journalPath)
            }
            state.contents = updated
            state.journal = journal
        }
    }

    /// Keeps an earlier run's encrypted FILE as `FILE.<its modification time, UTC>` (durably).
    static func moveAside(_ path: String) throws(SinkError) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let stamp = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec)))
        var target = "\(path).\(stamp)"
        var counter = 1
        while access(target, F_OK) == 0 {
            counter += 1
            target = "\(path).\(stamp)-\(counter)"
        }
        guard rename(path, target) == 0 else {
            throw SinkError(path, "can't be kept as '\(target)' before this run's secrets: \(String(cString: strerror(errno)))")
        }
        syncFolder(of: path)
    }

    static func syncFolder(of path: String) {
        let folder = Foundation.open(folderOf(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
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
        syncFolder(of: path)
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            // A non-empty buffer always has a base address; without one, report a failed write.
            guard
                let written = bytes.withUnsafeBytes({ raw in
                    raw.baseAddress.map { Foundation.write(fd, $0 + offset, raw.count - offset) }
                })
            else { return false }
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
package struct SinkError: Error, Sendable, CustomStringConvertible {
    package var path: String
    package var problem: String
    package init(_ path: String, _ problem: String) {
        self.path = path
        self.problem = problem
    }
    package var description: String { "--secrets-out '\(path)' \(problem)" }
}
