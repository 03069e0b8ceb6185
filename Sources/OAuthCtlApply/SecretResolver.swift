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
                throw SecretError.unset(variable: name)
            }
            return SecretValue(value)
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SecretError.unreadable(path: path)
            }
            var text = String(decoding: data, as: UTF8.self)
            while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
            guard !text.isEmpty else { throw SecretError.emptyFile(path: path) }
            return SecretValue(text)
        }
    }
}
