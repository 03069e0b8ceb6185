import Foundation
import OAuthCtlCore

/// Resolves `{from_env}` and `{from_file}` references from the process environment and files.
package struct SecretResolver: SecretResolving {
    package var environment: [String: String]

    package init(environment: [String: String]) {
        self.environment = environment
    }

    package func resolve(_ reference: SecretReference) throws -> SecretValue {
        switch reference {
        case .env(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretError("secret \(reference) is not set; export \(name) before running")
            }
            return SecretValue(value)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecretError("secret \(reference) can't be read; check that the file exists and is readable")
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else { throw SecretError("secret \(reference) is an empty file") }
            return SecretValue(text)
        }
    }
}

/// A secret that could not be resolved; the message names the reference, never a value.
package struct SecretError: Error, Sendable, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
