import Foundation
import OAuthCtlApply
import OAuthCtlCore
import Testing

/// `{from_env}` / `{from_file}` resolution: each failure is its own `SecretError` case, and its message
/// names the reference, never a value.
@Suite("secret references")
struct SecretResolverTests {
    static func file(_ contents: String) throws -> String {
        let path = NSTemporaryDirectory() + "oauthctl-secret-\(UUID().uuidString)"
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("an unset or empty variable is .unset")
    func unsetVariable() {
        let resolver = SecretResolver(environment: ["EMPTY": ""])
        #expect(throws: SecretError.unset(variable: "MISSING")) { try resolver.resolve(.env("MISSING")) }
        #expect(throws: SecretError.unset(variable: "EMPTY")) { try resolver.resolve(.env("EMPTY")) }
    }

    @Test("a missing file is .unreadable; a file of line ends is .emptyFile; trailing line ends are dropped")
    func files() throws {
        let resolver = SecretResolver(environment: [:])
        let absent = NSTemporaryDirectory() + "oauthctl-absent-\(UUID().uuidString)"
        #expect(throws: SecretError.unreadable(path: absent)) { try resolver.resolve(.file(absent)) }
        let empty = try Self.file("\n\r")
        defer { try? FileManager.default.removeItem(atPath: empty) }
        #expect(throws: SecretError.emptyFile(path: empty)) { try resolver.resolve(.file(empty)) }
        let full = try Self.file("s3cret\n\n")
        defer { try? FileManager.default.removeItem(atPath: full) }
        #expect(try resolver.resolve(.file(full)).revealed == "s3cret")
        #expect(try SecretResolver(environment: ["X": "v"]).resolve(.env("X")).revealed == "v")
    }

    @Test("trailing CRLF, CR and LF, in any mix, are dropped; line ends inside the secret stay")
    func windowsLineEnds() throws {
        let resolver = SecretResolver(environment: [:])
        for (contents, secret) in [("s3cret\r\n", "s3cret"), ("s3cret\r\n\n\r\r\n", "s3cret"), ("a\r\nb\r\n", "a\r\nb")] {
            let path = try Self.file(contents)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try resolver.resolve(.file(path)).revealed == secret)
        }
        let onlyLineEnds = try Self.file("\r\n\r\n")
        defer { try? FileManager.default.removeItem(atPath: onlyLineEnds) }
        #expect(throws: SecretError.emptyFile(path: onlyLineEnds)) { try resolver.resolve(.file(onlyLineEnds)) }
    }

    @Test("each message names the reference and what to do")
    func messages() {
        #expect(SecretError.unset(variable: "WEB").description == "secret from_env WEB is not set; export WEB before running")
        #expect(
            SecretError.unreadable(path: "/s/x").description
                == "secret from_file /s/x can't be read; check that the file exists and is readable")
        #expect(SecretError.emptyFile(path: "/s/x").description == "secret from_file /s/x is an empty file")
        #expect(SecretError.emptyFile(path: "/s/x").reference == .file("/s/x"))
    }
}
