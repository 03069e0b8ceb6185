import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// `apply --secrets-out FILE --pgp-key KEY`: generated secrets reach disk only encrypted, decrypt with the
/// recipient's key, earlier runs' files are kept, and every refusal comes before any write.
@Suite("encrypted secrets sink", .serialized)
struct EncryptedSinkTests {
    static func generated(_ name: String) -> String {
        ManifestText.client(name: name, spec: [("grant_types", Tricky(.array(["client_credentials"])))])
    }

    @Test("round trip: apply with --pgp-key, decrypt with the test key: every generated secret is there, and nowhere else on disk")
    func roundTrip() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let pgp = try TestPGP()
        defer { pgp.stop() }
        let dir = try TemporaryDirectory()
        let provider = ManifestText.provider(url: sandbox.baseURL)
        let path = try ManifestText.write(dir, [provider, Self.generated("one"), Self.generated("two")])
        let sink = dir.path + "/secrets.json.asc"

        let first = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath])
        #expect(first.status == 0, "\(first.combined)")
        let armored = try String(contentsOfFile: sink, encoding: .utf8)
        #expect(armored.hasPrefix("-----BEGIN PGP MESSAGE-----"))
        let mode = (try FileManager.default.attributesOfItem(atPath: sink)[.posixPermissions] as? Int) ?? 0
        #expect(mode == 0o600)
        let clear = try JSONParser.parse(pgp.decrypt(sink))
        let secrets = ["sb/one", "sb/two"].compactMap { clear[$0]?["client_secret"]?.stringValue }
        #expect(secrets.count == 2, "\(clear.objectValue?.keys.sorted() ?? [])")
        #expect(secrets.allSatisfy { $0.count >= 20 })
        #expect(clear["sb/one"]?["client_id"]?.stringValue == "one")
        // The journal holds no state once every secret is stored, and never a secret.
        let journal = try String(contentsOfFile: sink + ".state.json", encoding: .utf8)
        #expect(try JSONParser.parse(journal).objectValue?.isEmpty == true, "\(journal)")
        // No file under the folder (nor the output) holds a secret in clear.
        try expectNowhere(secrets, in: dir, outputs: [first])

        // A second run: FILE is this run's message; the first run's is kept beside it.
        let more = try ManifestText.write(dir, [provider, Self.generated("one"), Self.generated("two"), Self.generated("three")])
        let second = try OAuthCtlBinary.run(["apply", more, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath])
        #expect(second.status == 0, "\(second.combined)")
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter {
            $0.hasPrefix("secrets.json.asc.") && !$0.hasSuffix(".state.json")
        }
        #expect(kept.count == 1, "\(kept)")
        let newest = try JSONParser.parse(pgp.decrypt(sink))
        #expect(newest.objectValue?.keys.sorted() == ["sb/three"])
        let third = try #require(newest["sb/three"]?["client_secret"]?.stringValue)
        if let name = kept.first {
            let earlier = try JSONParser.parse(pgp.decrypt(dir.path + "/" + name))
            #expect(earlier.objectValue?.keys.sorted() == ["sb/one", "sb/two"])
        }
        try expectNowhere(secrets + [third], in: dir, outputs: [first, second])
    }

    @Test("refusals before any write: no gpg, a bad key, a private key, an http key URL, a key without --secrets-out, a clear file")
    func refusals() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let pgp = try TestPGP()
        defer { pgp.stop() }
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), Self.generated("one")])
        let sink = dir.path + "/s.env.asc"
        let empty = try TemporaryDirectory()

        func refused(_ label: String, _ arguments: [String], environment: [String: String] = [:], says: String) throws {
            let result = try OAuthCtlBinary.run(["apply", path, "--auto-approve"] + arguments, environment: environment)
            #expect(result.status == 1, "\(label): \(result.combined)")
            #expect(result.stderr.contains(says), "\(label): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: sink), "\(label) wrote the sink")
        }
        try refused(
            "no gpg", ["--secrets-out", sink, "--pgp-key", pgp.publicKeyPath], environment: ["PATH": empty.path],
            says: "needs the 'gpg' program")
        let garbage = try dir.write(
            "garbage.asc", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----\n")
        try refused("bad key", ["--secrets-out", sink, "--pgp-key", garbage], says: "is not an OpenPGP public key")
        try refused("missing key file", ["--secrets-out", sink, "--pgp-key", dir.path + "/absent.asc"], says: "can't be read")
        let secretKey = dir.path + "/secret.asc"
        try pgp.exportSecretKey(to: secretKey)
        try refused("private key", ["--secrets-out", sink, "--pgp-key", secretKey], says: "holds a private key")
        try refused("http key URL", ["--secrets-out", sink, "--pgp-key-url", "http://127.0.0.1:9/key.asc"], says: "is not an https:// URL")
        try refused("key without sink", ["--pgp-key", pgp.publicKeyPath], says: "add --secrets-out FILE")
        let clearFile = try dir.write("clear.env.asc", "SB_ONE_CLIENT_SECRET=x\n")
        chmod(clearFile, 0o600)
        let clear = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", clearFile, "--pgp-key", pgp.publicKeyPath])
        #expect(clear.status == 1)
        #expect(clear.stderr.contains("holds no encrypted message"), "\(clear.stderr)")
        #expect(try await Sandbox.ids(sandbox).isEmpty, "a refused apply wrote to the server")
        // And the same key works, in binary form too: the refusals above were about what they name.
        let binary = dir.path + "/key.gpg"
        try pgp.exportBinaryPublicKey(to: binary)
        #expect(FileManager.default.contents(atPath: binary)?.starts(with: Data("-----".utf8)) == false)
        let ok = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", binary])
        #expect(ok.status == 0, "\(ok.combined)")
        #expect(try await Sandbox.ids(sandbox) == ["one"])
        // A dotenv sink (s.env.asc): the message holds dotenv lines.
        #expect(try pgp.decrypt(sink).contains("\nSB_ONE_CLIENT_SECRET="))
    }

    @Test("a create whose answer is lost is named by the journal in clear, with no secret, and by the next run")
    func lostStateInJournal() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let pgp = try TestPGP()
        defer { pgp.stop() }
        let dir = try TemporaryDirectory()
        let provider = ManifestText.provider(url: sandbox.baseURL)
        let path = try ManifestText.write(dir, [provider, Self.generated("late")])
        let sink = dir.path + "/s.json.asc"
        try await Sandbox.addFaults(sandbox, #"[{"method":"POST","status":504,"after_commit":true}]"#)
        let lost = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath])
        #expect(lost.stderr.contains("sb/late secret lost"), "\(lost.combined)")
        let journal = try JSONParser.parse(String(contentsOfFile: sink + ".state.json", encoding: .utf8))
        #expect(journal["sb/late"]?["status"]?.stringValue == "lost", "\(journal)")
        #expect(journal["sb/late"]?["client_secret"] == nil)
        // A later run that creates nothing still names it, from the journal.
        let again = try OAuthCtlBinary.run(["apply", path, "--auto-approve", "--secrets-out", sink, "--pgp-key", pgp.publicKeyPath])
        #expect(again.stderr.contains("sb/late"), "\(again.combined)")
        #expect(again.stderr.contains("status: lost"), "\(again.combined)")
    }

    func expectNowhere(_ values: [String], in dir: TemporaryDirectory, outputs: [OAuthCtlBinary.Result]) throws {
        for output in outputs {
            for value in values { #expect(!output.combined.contains(value), "a secret was printed") }
        }
        let files = FileManager.default.enumerator(atPath: dir.path)?.allObjects as? [String] ?? []
        var scanned = 0
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: dir.path + "/" + file) else { continue }
            scanned += 1
            for value in values { #expect(bytes.range(of: Data(value.utf8)) == nil, "\(file) holds a secret in clear") }
        }
        #expect(scanned >= 2)
    }
}
