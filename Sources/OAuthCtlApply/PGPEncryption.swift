import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Encrypts the secrets sink to OpenPGP recipients with the system `gpg` (Debian `gnupg`).
///
/// `prepare` does every check before anything is written: `gpg` is found on `PATH`, each key file (or
/// downloaded key) is imported into a private temporary `GNUPGHOME` (mode 0700), must hold exactly public
/// keys that can encrypt, and a probe message is encrypted to all of them. `encrypt` feeds the plaintext
/// to `gpg --batch --yes --trust-model always --armor --encrypt` on stdin and reads the ASCII-armored
/// message from stdout: the clear text never touches the disk. The temporary home is removed when this
/// object goes away (`close()`).
package final class PGPEncryption: Sendable {
    package let recipients: [String]
    private let gpg: String
    private let home: String
    /// Set once, by the first `close()` (or when the home is handed on).
    private let closed = Mutex(false)

    private init(gpg: String, home: String, recipients: [String]) {
        self.gpg = gpg
        self.home = home
        self.recipients = recipients
    }

    deinit { close() }

    /// A key and where it came from (for messages: `--pgp-key 'FILE'`, `--pgp-key-url 'URL'`).
    package struct Key: Sendable {
        package var origin: String
        package var bytes: [UInt8]
        package init(origin: String, bytes: [UInt8]) {
            self.origin = origin
            self.bytes = bytes
        }
    }

    /// Reads `--pgp-key FILE` (armored or binary).
    package static func keyFile(_ path: String) throws(PGPError) -> Key {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PGPError("--pgp-key '\(path)' can't be read; name a public key file (gpg --export --armor KEYID > key.asc)")
        }
        return Key(origin: "--pgp-key '\(path)'", bytes: Array(data))
    }

    /// Downloads `--pgp-key-url URL`; only `https://` is accepted (a key fetched in clear could be swapped).
    package static func keyURL(_ text: String, timeout: Double = 30) async throws(PGPError) -> Key {
        guard let url = URL(string: text), url.scheme?.lowercased() == "https", url.host?.isEmpty == false else {
            throw PGPError(
                "--pgp-key-url '\(text)' is not an https:// URL; a key fetched in clear could be swapped on the way (use https, or download it and pass --pgp-key FILE)"
            )
        }
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            guard status == 200 else { throw PGPError("--pgp-key-url '\(text)' answered HTTP \(status); expected 200 with a public key") }
            guard data.count <= 1 << 20 else { throw PGPError("--pgp-key-url '\(text)' sent more than 1 MB; that is no public key") }
            return Key(origin: "--pgp-key-url '\(text)'", bytes: Array(data))
        } catch let error as PGPError {
            throw error
        } catch {
            throw PGPError("--pgp-key-url '\(text)' can't be fetched: \(error.localizedDescription)")
        }
    }

    /// Checks `gpg` and every key, and encrypts a probe; nothing is written outside the temporary home.
    package static func prepare(keys: [Key], environment: [String: String]) throws(PGPError) -> PGPEncryption {
        guard let gpg = findExecutable("gpg", path: environment["PATH"] ?? "/usr/bin:/bin") else {
            throw PGPError(
                "--pgp-key needs the 'gpg' program, and it is not on PATH; install GnuPG (Debian: apt-get install gnupg) (nothing was changed)"
            )
        }
        var template = Array((NSTemporaryDirectory() + "/oauthctl-gnupg-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap { mkdtemp($0) } }) else {
            throw PGPError("can't create a temporary GNUPGHOME: \(String(cString: strerror(errno)))")
        }
        let home = String(cString: made)
        chmod(home, 0o700)
        let encryption = PGPEncryption(gpg: gpg, home: home, recipients: [])
        var recipients: [String] = []
        for key in keys {
            let before = Set(try encryption.publicKeys().map(\.fingerprint))
            let file = home + "/import.key"
            guard FileManager.default.createFile(atPath: file, contents: Data(key.bytes), attributes: [.posixPermissions: 0o600]) else {
                throw PGPError("\(key.origin): can't be staged for gpg")
            }
            defer { unlink(file) }
            // Looked at first without importing (a private key would need gpg-agent, which is never started).
            let shown = try encryption.gpg(["--with-colons", "--import-options", "show-only", "--import", file])
            let records = shown.text.split(separator: "\n").map { $0.split(separator: ":", maxSplits: 1).first.map(String.init) ?? "" }
            if records.contains("sec") {
                throw PGPError(
                    "\(key.origin) holds a private key; pass only the public key (gpg --export --armor KEYID), and keep the private one off CI"
                )
            }
            let imported = try encryption.gpg(["--import", file])
            guard shown.status == 0, records.contains("pub"), imported.status == 0 else {
                throw PGPError(
                    "\(key.origin) is not an OpenPGP public key gpg can import (\(imported.errorLine)); pass an armored or binary public key (gpg --export --armor KEYID)"
                )
            }
            let added = try encryption.publicKeys().filter { !before.contains($0.fingerprint) }
            guard !added.isEmpty else { throw PGPError("\(key.origin) holds no new public key (none, or one given twice)") }
            for entry in added {
                guard entry.validity != "e", entry.validity != "r" else {
                    throw PGPError(
                        "\(key.origin): key \(entry.fingerprint) is \(entry.validity == "e" ? "expired" : "revoked"); pass a current public key"
                    )
                }
                guard entry.capabilities.contains("E") else {
                    throw PGPError("\(key.origin): key \(entry.fingerprint) has no usable encryption subkey; pass a key that can encrypt")
                }
                recipients.append(entry.fingerprint)
            }
        }
        guard !recipients.isEmpty else { throw PGPError("no --pgp-key given") }
        let ready = PGPEncryption(gpg: gpg, home: home, recipients: recipients)
        encryption.closed.withLock { $0 = true }  // the home now belongs to `ready`
        do {
            let probe = try ready.encrypt(Array("oauthctl probe\n".utf8))
            guard String(decoding: probe, as: UTF8.self).hasPrefix("-----BEGIN PGP MESSAGE-----") else {
                throw PGPError("gpg did not produce an armored message")
            }
        } catch {
            throw PGPError("gpg can't encrypt to \(recipients.joined(separator: ", ")): \(error) (nothing was changed)")
        }
        return ready
    }

    /// The ASCII-armored OpenPGP message of `plaintext`, encrypted to every recipient.
    package func encrypt(_ plaintext: [UInt8]) throws(PGPError) -> [UInt8] {
        var arguments = ["--trust-model", "always", "--armor", "--encrypt", "--output", "-"]
        for recipient in recipients { arguments += ["--recipient", recipient] }
        let result = try gpg(arguments, stdin: plaintext)
        guard result.status == 0, !result.stdout.isEmpty else { throw PGPError("gpg failed to encrypt (\(result.errorLine))") }
        return result.stdout
    }

    /// Removes the temporary GNUPGHOME (and stops any helper gpg started there).
    package func close() {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        // gpg may have started an agent for this home (its socket may live under /run/user): stop it.
        if let gpgconf = Self.findExecutable("gpgconf", path: "/usr/bin:/bin") {
            _ = try? Self.run(gpgconf, ["--homedir", home, "--kill", "all"], environment: ["GNUPGHOME": home], stdin: nil)
        }
        // A helper that was stopping may still touch the folder: try again briefly.
        for _ in 0..<5 {
            try? FileManager.default.removeItem(atPath: home)
            if access(home, F_OK) != 0 { break }
            usleep(20_000)
        }
    }

    // MARK: - gpg

    struct Output {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
        var text: String { String(decoding: stdout, as: UTF8.self) }
        /// gpg's last diagnostic line (never holds input: gpg writes no plaintext to stderr).
        var errorLine: String {
            let lines = String(decoding: stderr, as: UTF8.self).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            return lines.last(where: { !$0.isEmpty }).map { String($0.prefix(200)) } ?? "exit status \(status)"
        }
    }

    struct ListedKey {
        var fingerprint: String
        var validity: String
        var capabilities: String
    }

    private func publicKeys() throws(PGPError) -> [ListedKey] {
        let listed = try gpg(["--with-colons", "--fingerprint", "--list-keys"])
        var keys: [ListedKey] = []
        var current: ListedKey?
        for line in listed.text.split(separator: "\n") {
            let fields = line.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "pub" {
                if let current { keys.append(current) }
                current = ListedKey(
                    fingerprint: "", validity: fields.count > 1 ? fields[1] : "", capabilities: fields.count > 11 ? fields[11] : "")
            } else if fields.first == "fpr", current?.fingerprint.isEmpty == true, fields.count > 9 {
                current?.fingerprint = fields[9]
            }
        }
        if let current { keys.append(current) }
        return keys
    }

    private func gpg(_ arguments: [String], stdin: [UInt8]? = nil) throws(PGPError) -> Output {
        do {
            return try Self.run(
                gpg,
                ["--homedir", home, "--batch", "--yes", "--no-tty", "--quiet", "--no-autostart", "--no-auto-key-retrieve"] + arguments,
                environment: ["GNUPGHOME": home, "LC_ALL": "C", "PATH": "/usr/bin:/bin"], stdin: stdin)
        } catch {
            throw PGPError("can't run gpg: \(error.localizedDescription)")
        }
    }

    private static func run(_ executable: String, _ arguments: [String], environment: [String: String], stdin: [UInt8]?) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both streams while writing stdin, so no pipe fills up.
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data(), err = Data()
        DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { try? input.fileHandleForWriting.write(contentsOf: Data(stdin)) }
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Output(status: process.terminationStatus, stdout: Array(out), stderr: Array(err))
    }

    static func findExecutable(_ name: String, path: String) -> String? {
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// `--pgp-key` can't be used; the message names the key and the fix.
package struct PGPError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
