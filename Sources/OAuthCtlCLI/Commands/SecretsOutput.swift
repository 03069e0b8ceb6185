import Foundation
import OAuthCtlApply
import OAuthCtlCore

/// `--secrets-out FILE` with `--pgp-key` / `--pgp-key-url`: the options and the sink they open (shared
/// by `apply` and `rotate`). Every check (gpg present, keys usable, file safe and writable) runs here,
/// before anything is written anywhere.
enum SecretsOutput {
    static let secretsOut = OptionSpec(
        "secrets-out", value: "FILE", help: "write server-generated secrets here (mode 0600; .json or dotenv)")
    static let pgpKey = OptionSpec(
        "pgp-key", value: "KEYFILE", repeatable: true,
        help: "encrypt --secrets-out to this OpenPGP public key (armored or binary; needs gpg); FILE is then an armored message")
    static let pgpKeyURL = OptionSpec(
        "pgp-key-url", value: "URL", repeatable: true, help: "like --pgp-key, the key fetched from an https:// URL")
    static let options = [secretsOut, pgpKey, pgpKeyURL]

    /// The sink, nil when `--secrets-out` is absent; `.failure` after printing why it can't be used.
    static func open(
        _ arguments: ParsedArguments, _ console: Console, addresses: [ClientAddress], dryRun: Bool
    ) async -> Result<SecretsSink?, ExitCodeError> {
        let keyFiles = arguments.all(pgpKey), keyURLs = arguments.all(pgpKeyURL)
        guard let path = arguments.value(secretsOut) else {
            if !keyFiles.isEmpty || !keyURLs.isEmpty {
                console.printError(UsageError.encryptionNeedsSecretsOut)
                return .failure(ExitCodeError(code: .failure))
            }
            return .success(nil)
        }
        var encryption: PGPEncryption?
        if !keyFiles.isEmpty || !keyURLs.isEmpty {
            do {
                var keys = try keyFiles.map { path throws(PGPError) in try PGPEncryption.keyFile(path) }
                for url in keyURLs { keys.append(try await PGPEncryption.keyURL(url)) }
                encryption = try PGPEncryption.prepare(keys: keys, environment: console.environment)
            } catch {
                console.printError("error: \(TerminalText.escape("\(error)"))")
                return .failure(ExitCodeError(code: .failure))
            }
        }
        do {
            return .success(try SecretsSink.open(path: path, addresses: addresses, dryRun: dryRun, encryption: encryption))
        } catch {
            console.printError("error: \(TerminalText.escape("\(error)"))")
            return .failure(ExitCodeError(code: .failure))
        }
    }
}
