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
            // Bytes, not Characters: "\r\n" is one Character, which neither hasSuffix("\r") nor hasSuffix("\n") matches.
            var end = data.endIndex
            while end > data.startIndex, [UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(data[data.index(before: end)]) {
                end = data.index(before: end)
            }
            let text = String(decoding: data[..<end], as: UTF8.self)
            guard !text.isEmpty else { throw SecretError.emptyFile(path: path) }
            return SecretValue(text)
        }
    }
}
