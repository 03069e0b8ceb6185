import Foundation
import OAuthCtlApply
import OAuthCtlCore
import Testing

/// `SecretsSink.open`'s refusals, each named by its own message and leaving the file as it was (a
/// symlink, group or other permission bits, a file it can't parse, two clients sharing a dotenv key),
/// and a stored secret on disk, mode 0600, as soon as `record` returns.
@Suite("secrets sink pre-flight")
struct SecretsSinkPreflightTests {
    static let secret = "dummy-secret-value"

    /// The refusal `open` throws, or nil when it opens.
    static func refusal(_ path: String, _ addresses: [String] = []) -> SinkError? {
        do {
            _ = try SecretsSink.open(path: path, addresses: addresses.compactMap(ClientAddress.init))
            return nil
        } catch {
            return error
        }
    }

    /// Writes `text` to `path` with `mode` (set after creation, so the umask doesn't change it).
    static func write(_ text: String, to path: String, mode: mode_t = 0o600) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, mode) == 0)
    }

    static func mode(_ path: String) throws -> Int? {
        try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
    }

    @Test("a symlink is refused, even to a safe file of one's own, which is left as it was")
    func symlink() async throws {
        try await withTemporaryFolder { folder in
            try Self.write("{}", to: folder + "/real.json")
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: folder + "/real.json")
            #expect(Self.refusal(folder + "/real.json") == nil)
            #expect(Self.refusal(folder + "/link.json")?.problem == "is a symbolic link; name the real file")
            #expect(try String(contentsOfFile: folder + "/real.json", encoding: .utf8) == "{}")
            #expect(try Self.mode(folder + "/real.json") == 0o600)
        }
    }

    @Test(
        "a file with any group or other permission bit is refused and left as it was",
        arguments: [0o640, 0o604, 0o620, 0o602, 0o610, 0o601])
    func permissions(_ mode: Int) async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/s.env"
            try Self.write("KEPT=1\n", to: path, mode: mode_t(mode))
            #expect(
                Self.refusal(path)?.problem == "can be read by others (mode \(String(mode, radix: 8))); run chmod 600 on it first")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "KEPT=1\n")
            #expect(try Self.mode(path) == mode)
        }
    }

    @Test(
        "a file it can't parse is refused and left unchanged",
        arguments: [("s.json", "not json at all"), ("s.json", "[1, 2]"), ("s.json", "{\"a/b\": 1}"), ("s.env", "not a pair\n")])
    func unparseable(_ name: String, _ text: String) async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + name
            try Self.write(text, to: path)
            let problem = Self.refusal(path, ["p/c"])?.problem
            #expect(
                problem?.hasSuffix("; it is not a secrets file oauthctl can add to (nothing was changed)") == true, "\(problem ?? "opened")"
            )
            #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name])
        }
    }

    @Test("two clients that would share a dotenv key are refused, in a new file or with one already in the file")
    func sharedDotenvKey() async throws {
        try await withTemporaryFolder { folder in
            let fresh = folder + "/new.env"
            let problem = Self.refusal(fresh, ["p/a-b", "p/a_b"])?.problem
            #expect(
                problem?.contains("can't hold both 'p/a-b' and 'p/a_b': in a dotenv file both become P_A_B_*") == true,
                "\(problem ?? "opened")")
            #expect(!FileManager.default.fileExists(atPath: fresh))
            #expect(Self.refusal(folder + "/new.json", ["p/a-b", "p/a_b"]) == nil, "JSON keys are whole addresses")
            let existing = folder + "/old.env"
            try Self.write("# p/a.b\nP_A_B_CLIENT_ID=x\n", to: existing)
            #expect(Self.refusal(existing, ["p/a-b"])?.problem.contains("'p/a.b' and 'p/a-b'") == true)
            #expect(try String(contentsOfFile: existing, encoding: .utf8) == "# p/a.b\nP_A_B_CLIENT_ID=x\n")
        }
    }

    @Test("a stored secret is in the file, mode 0600, when record returns", arguments: ["s.json", "s.env"])
    func storedSecret(_ name: String) async throws {
        try await withTemporaryFolder { folder in
            let path = folder + "/" + name
            let address = ClientAddress(provider: "p", name: "c")
            let sink = try SecretsSink.open(path: path, addresses: [address])
            try sink.record(address: address, id: "c", field: "client_secret", secret: SecretValue(Self.secret))
            #expect(try Self.mode(path) == 0o600)
            let stored = try SecretsFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))), format: sink.format)
            #expect(stored.entries["p/c"]?.values == ["client_id": "c", "client_secret": Self.secret])
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [name], "no temporary or probe file is left")
        }
    }
}
