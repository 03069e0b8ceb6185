import Foundation
import OAuthCtlTestSupport

/// A throwaway OpenPGP key pair made in the test (its own GNUPGHOME, mode 0700), to decrypt what
/// `apply --pgp-key` wrote. `stop()` ends the gpg-agent that decryption starts and removes the home.
final class TestPGP: @unchecked Sendable {
    let home: TemporaryDirectory
    /// The armored public key, written beside the home.
    let publicKeyPath: String
    let fingerprint: String

    init(name: String = "oauthctl test") throws {
        home = try TemporaryDirectory()
        chmod(home.path, 0o700)
        let made = try Self.gpg(
            home.path,
            [
                "--passphrase", "", "--pinentry-mode", "loopback", "--quick-gen-key", "\(name) <test@example.invalid>", "future-default",
                "default", "never",
            ])
        guard made.status == 0 else { throw TestFailure("gpg --quick-gen-key failed: \(made.stderr)") }
        let listed = try Self.gpg(home.path, ["--with-colons", "--fingerprint", "--list-keys"])
        guard
            let fpr = listed.stdout.split(separator: "\n").first(where: { $0.hasPrefix("fpr:") })?.split(
                separator: ":", omittingEmptySubsequences: false),
            fpr.count > 9
        else { throw TestFailure("no fingerprint listed: \(listed.combined)") }
        fingerprint = String(fpr[9])
        let exported = try Self.gpg(home.path, ["--armor", "--export", fingerprint])
        guard exported.status == 0, exported.stdout.contains("BEGIN PGP PUBLIC KEY BLOCK") else {
            throw TestFailure("export failed: \(exported.stderr)")
        }
        publicKeyPath = home.path + ".pub.asc"
        try exported.stdout.write(toFile: publicKeyPath, atomically: true, encoding: .utf8)
    }

    /// The armored secret key (to check that oauthctl refuses one).
    func exportSecretKey(to path: String) throws {
        let exported = try Self.gpg(
            home.path, ["--armor", "--passphrase", "", "--pinentry-mode", "loopback", "--export-secret-keys", fingerprint])
        try exported.stdout.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The public key in binary form (not armored).
    func exportBinaryPublicKey(to path: String) throws {
        let result = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/usr/bin/gpg"),
            ["--homedir", home.path, "--batch", "--yes", "--quiet", "--output", path, "--export", fingerprint],
            environment: ["GNUPGHOME": home.path, "LC_ALL": "C", "PATH": "/usr/bin:/bin"])
        guard result.status == 0 else { throw TestFailure("binary export failed: \(result.stderr)") }
    }

    /// The plaintext of an encrypted file, kept in memory only.
    func decrypt(_ path: String) throws -> String {
        let result = try Self.gpg(home.path, ["--decrypt", path])
        guard result.status == 0 else { throw TestFailure("gpg --decrypt \(path) failed: \(result.stderr)") }
        return result.stdout
    }

    func stop() {
        _ = try? OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/usr/bin/gpgconf"), ["--homedir", home.path, "--kill", "all"],
            environment: ["GNUPGHOME": home.path])
        unlink(publicKeyPath)
    }

    static func gpg(_ home: String, _ arguments: [String]) throws -> OAuthCtlBinary.Result {
        try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/usr/bin/gpg"), ["--homedir", home, "--batch", "--yes", "--quiet"] + arguments,
            environment: ["GNUPGHOME": home, "LC_ALL": "C", "PATH": "/usr/bin:/bin"])
    }
}
