import Foundation
import OAuthCtlApply
import OAuthCtlCore
import Testing

/// The sink's two formats, pure: what is read back is what was written, earlier entries survive,
/// states round-trip, values with shell-special characters survive dotenv quoting.
@Suite("secrets file formats")
struct SecretsFileTests {
    static func address(_ text: String) -> ClientAddress {
        guard let address = ClientAddress(text) else { preconditionFailure("not a client address: \(text)") }
        return address
    }

    @Test("dotenv keeps lines it didn't write and reads its own blocks back, states included")
    func dotenvRoundTrip() throws {
        let text =
            "KEPT=hand\n# prod/api status=lost\nPROD_API_CLIENT_ID=api\n# prod/web\nPROD_WEB_CLIENT_ID=web\nPROD_WEB_CLIENT_SECRET=s1\n"
        let file = try SecretsFile.parse(Array(text.utf8), format: .dotenv)
        #expect(file.entries["prod/web"]?.values == ["client_id": "web", "client_secret": "s1"])
        #expect(file.entries["prod/api"]?.status == .lost)
        #expect(String(decoding: file.serialized(), as: UTF8.self) == text)
    }

    @Test(
        "values with spaces, quotes, dollars, backticks and newlines survive dotenv quoting",
        arguments: [
            "plain-Value_1.~+/=", "has space", "quote\"inside", "dollar$HOME", "back`tick`", "new\nline", "back\\slash", "",
        ])
    func quoting(_ value: String) throws {
        var file = SecretsFile(format: .dotenv)
        file.entries["p/c"] = SecretsFile.Entry(values: ["client_secret": value], status: nil)
        let read = try SecretsFile.parse(file.serialized(), format: .dotenv)
        #expect(read.entries["p/c"]?.values["client_secret"] == value)
    }

    @Test("JSON keeps every entry and its status")
    func jsonRoundTrip() throws {
        var file = SecretsFile(format: .json)
        file.entries["a/x"] = SecretsFile.Entry(values: ["client_id": "x", "client_secret": "s"], status: nil)
        file.entries["a/y"] = SecretsFile.Entry(values: [:], status: .pending)
        let read = try SecretsFile.parse(file.serialized(), format: .json)
        #expect(read.entries["a/x"]?.values == ["client_id": "x", "client_secret": "s"])
        #expect(read.entries["a/y"]?.status == .pending)
    }

    @Test(
        "a file that is not a secrets file is refused, never rewritten",
        arguments: [
            ("[1,2]", SecretsFile.Format.json), ("{\"a\": 1}", .json), ("not a pair\n", .dotenv),
        ])
    func refusesForeign(_ text: String, _ format: SecretsFile.Format) {
        #expect(throws: SecretsFile.ParseError.self) { try SecretsFile.parse(Array(text.utf8), format: format) }
    }

    @Test("addresses that share a dotenv key collide, with each other or with a client already in the file")
    func collisions() throws {
        let empty = SecretsFile(format: .dotenv)
        #expect(empty.checkKeys(["p/a-b", "p/a_b"])?.contains("both become P_A_B_*") == true)
        #expect(empty.checkKeys(["p/a-b", "p/a-c"]) == nil)
        #expect(SecretsFile(format: .json).checkKeys(["p/a-b", "p/a_b"]) == nil)
        let existing = try SecretsFile.parse(Array("# p/a.b\nP_A_B_CLIENT_ID=x\n".utf8), format: .dotenv)
        #expect(existing.checkKeys(["p/a-b"])?.contains("'p/a.b' and 'p/a-b'") == true)
    }
}

/// The sink on a real folder: preflight refusals and durable, merged writes.
@Suite("secrets sink on disk")
struct SecretsSinkTests {
    static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "oauthctl-sink-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("pending, then the secret: each step is on disk at once, mode 0600, no temporary file left")
    func durableSteps() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/s.json"
        let address = ClientAddress("p/c")!
        let sink = try SecretsSink.open(path: path, addresses: [address])
        #expect(!FileManager.default.fileExists(atPath: path), "open writes nothing")
        try sink.markPending(address)
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"status\": \"pending\""))
        try sink.record(address: address, id: "c", field: "client_secret", secret: SecretValue("s3cr3t"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("s3cr3t") && !text.contains("pending"))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["s.json"])
        // A new sink on the same file keeps the entry.
        let reopened = try SecretsSink.open(path: path, addresses: [])
        try reopened.record(address: ClientAddress("p/d")!, id: "d", field: "client_secret", secret: SecretValue("other"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("s3cr3t"))
    }

    @Test("a dry run checks everything and writes nothing")
    func dryRun() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sink = try SecretsSink.open(path: dir + "/s.env", addresses: [], dryRun: true)
        try sink.markPending(ClientAddress("p/c")!)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test("refused: a missing folder, a symlink, a file others can read")
    func refusals() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: SinkError.self) { try SecretsSink.open(path: dir + "/none/s.env", addresses: []) }
        #expect(FileManager.default.createFile(atPath: dir + "/open.env", contents: Data(), attributes: [.posixPermissions: 0o640]))
        #expect(throws: SinkError.self) { try SecretsSink.open(path: dir + "/open.env", addresses: []) }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.env", withDestinationPath: dir + "/open.env")
        #expect(throws: SinkError.self) { try SecretsSink.open(path: dir + "/link.env", addresses: []) }
    }
}
