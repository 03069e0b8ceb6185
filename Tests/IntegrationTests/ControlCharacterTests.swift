import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// Issue 12: text from a server or a manifest can't inject escape sequences, carriage returns, bidi
/// overrides or the renderers' own markup characters into what oauthctl prints.
@Suite("control characters")
struct ControlCharacterTests {
    /// ESC + colour, CR, BS, DEL, a C1 control (CSI), Style's marker U+E000, RLO U+202E and an isolate U+2066.
    static let nasty = "\u{1B}[31mRED\r\u{08}\u{7F}\u{9B}\u{E000}\u{202E}\u{2066}end"
    /// How every output shows it: JSON string escapes.
    static let escaped = #"\u001b[31mRED\r\u0008\u007f\u009b\ue000\u202e\u2066end"#

    /// Every scalar that must never be printed raw (newline aside).
    static func rawUnsafe(_ text: String) -> [String] {
        text.unicodeScalars.filter { $0 != "\n" && TerminalText.isUnsafe($0) }.map { String(format: "U+%04X", $0.value) }
    }

    @Test(
        "a live client_name and a manifest value full of control characters: plan text, markdown and JSON show escapes, and the plan stays whole"
    )
    func planEscapesControls() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        // Created out of band, straight on the admin API.
        let live = JSONEncoding.compact(
            .object([
                "client_id": .string("live1"), "client_name": .string("live " + Self.nasty), "token_endpoint_auth_method": .string("none"),
            ]))
        let (status, _) = try await LoopbackHTTP.send("POST", sandbox.baseURL + "/admin/clients", json: live)
        #expect(status == 201)

        let dir = try TemporaryDirectory()
        // YAML double-quoted escapes: \e ESC, \r, \b, \x7f, \x9b, \uE000, \u202E, \u2066.
        let yamlNasty = #""%s \e[31mRED\r\b\x7f\x9b\uE000\u202E\u2066end""#
        let path = try ManifestText.write(
            dir,
            [
                ManifestText.provider(url: sandbox.baseURL),
                ManifestText.client(
                    name: "live1",
                    spec: [
                        ("token_endpoint_auth_method", Tricky(text: "none")),
                        ("client_name", Tricky(text: yamlNasty.replacingOccurrences(of: "%s", with: "manifest"))),
                    ]),
                ManifestText.client(
                    name: "new1",
                    spec: [
                        ("token_endpoint_auth_method", Tricky(text: "none")),
                        ("client_name", Tricky(text: yamlNasty.replacingOccurrences(of: "%s", with: "created"))),
                    ]),
            ])
        let text = try OAuthCtlBinary.run(["plan", path])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(Self.rawUnsafe(text.combined).isEmpty, "raw \(Self.rawUnsafe(text.combined))")
        #expect(text.stdout.contains(#"~ client_name: "live \#(Self.escaped)" -> "manifest \#(Self.escaped)""#), "\(text.stdout)")
        #expect(text.stdout.contains(#"+ client_name: "created \#(Self.escaped)""#), "\(text.stdout)")
        // The rest of the plan is intact: both blocks, their closing braces and the summary line.
        #expect(text.stdout.contains("# sb/live1 will be updated in-place") || text.stdout.contains("# sb/live1 will be"), "\(text.stdout)")
        #expect(text.stdout.contains("# sb/new1 will be created"), "\(text.stdout)")
        #expect(text.stdout.contains("Plan: 1 to create, 1 to update, 0 to replace, 0 to delete."), "\(text.stdout)")
        #expect(text.stdout.components(separatedBy: "\n    }").count == 3, "\(text.stdout)")

        let markdown = try OAuthCtlBinary.run(["plan", path, "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(Self.rawUnsafe(markdown.combined).isEmpty, "raw \(Self.rawUnsafe(markdown.combined))")
        #expect(markdown.stdout.contains(Self.escaped), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("sb/new1") && markdown.stdout.contains("sb/live1"))

        let json = try OAuthCtlBinary.run(["plan", path, "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(Self.rawUnsafe(json.combined).isEmpty, "raw \(Self.rawUnsafe(json.combined))")
        #expect(json.stdout.contains(Self.escaped))
        // Still valid JSON that decodes to the original value.
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8))
        #expect("\(decoded)".contains("RED"))
        #expect(json.stdout.contains("\"created ") && (try? PlanJSON(json.stdout).actions.count) == 2)
    }

    @Test("a server error text with control characters is printed escaped, in one line")
    func serverErrorEscaped() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let body = JSONEncoding.compact(
            .object(["error": .string("bad\u{1B}[2J"), "error_description": .string("wiped\r\u{E000}red\u{E001}\u{202E}txt")]))
        try await Sandbox.addFaults(
            sandbox, JSONEncoding.compact(.array([.object(["method": .string("GET"), "status": .int(400), "body": .string(body)])])))
        let dir = try TemporaryDirectory()
        let path = try ManifestText.write(dir, [ManifestText.provider(url: sandbox.baseURL), ManifestText.client(name: "a", spec: [])])
        let run = try OAuthCtlBinary.run(["plan", path])
        #expect(run.status == 1)
        #expect(Self.rawUnsafe(run.combined).isEmpty, "raw \(Self.rawUnsafe(run.combined))")
        #expect(
            run.stderr == #"error: sb: GET /admin/clients: 400 Bad Request: bad\u001b[2J: wiped \ue000red\ue001\u202etxt"# + "\n",
            "\(run.stderr)")
    }
}
