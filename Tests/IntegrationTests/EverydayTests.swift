import Foundation
import OAuthCtlTestSupport
import Testing

/// Issue 15 through the built binary: --chdir, show, apply --format json, export → plan.
@Suite("Everyday use")
struct EverydayTests {
    @Test("--chdir DIR runs as if started in DIR; a missing DIR is one line")
    func chdir() throws {
        let dir = try TemporaryDirectory()
        try """
            apiVersion: oauthctl/v1
            kind: Provider
            metadata: {name: p}
            spec: {type: hydra, url: "http://127.0.0.1:4445"}
            """.write(to: dir.url.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        let moved = try OAuthCtlBinary.run(["--chdir", dir.path, "validate"])
        #expect(moved.status == 0, "\(moved.combined)")
        #expect(moved.stdout == "valid: 1 provider(s) and 0 client(s) in 1 file(s)\n", "\(moved.combined)")
        let missing = try OAuthCtlBinary.run(["--chdir=\(dir.path)/nope", "validate"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: --chdir '\(dir.path)/nope': not a directory that can be entered\n")
    }
}
