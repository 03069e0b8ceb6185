import Foundation
import OAuthCtlCLI
import OAuthCtlProviders
import OAuthCtlTestSupport
import Testing

/// DESIGN §3 conventions: help, version, suggestions, usage errors, colour.
@Suite("CLI conventions")
struct CLIConventionTests {
    static let commandNames = OAuthCtl.commands.map(\.name)

    @Test("--help on every command prints its help on stdout and exits 0", arguments: commandNames)
    func helpOnEveryCommand(_ name: String) async throws {
        let command = try #require(OAuthCtl.commands.first { $0.name == name })
        for arguments in [[name, "--help"], [name, "-h"], ["help", name]] {
            let result = await runOAuthCtl(arguments)
            #expect(result.exitCode == .success, "\(arguments)")
            #expect(result.stdout == command.help + "\n", "\(arguments)")
            #expect(result.stdout.contains("usage: oauthctl \(name)"))
            #expect(result.stderr == "")
        }
    }

    @Test("the overview lists every command; no arguments prints it to stderr and fails")
    func overview() async {
        let help = await runOAuthCtl(["--help"])
        #expect(help.exitCode == .success)
        for command in OAuthCtl.commands {
            #expect(help.stdout.contains("  \(command.name)"))
            #expect(help.stdout.contains(command.abstract))
        }
        let bare = await runOAuthCtl([])
        #expect(bare.exitCode == .failure)
        #expect(bare.stderr.contains("usage: oauthctl COMMAND"))
    }

    @Test("--version prints the version")
    func version() async {
        let result = await runOAuthCtl(["--version"])
        #expect(result.exitCode == .success)
        #expect(result.stdout == "oauthctl \(OAuthCtl.version)\n")
        #expect(OAuthCtl.version.split(separator: ".").count == 3)
    }

    @Test("an unknown command suggests the nearest one")
    func unknownCommand() async {
        let result = await runOAuthCtl(["valdate", "examples"])
        #expect(result.exitCode == .failure)
        #expect(result.stderr == "error: unknown command 'valdate'; did you mean 'validate'?\nSee 'oauthctl --help'.\n")
        let far = await runOAuthCtl(["frobnicate"])
        #expect(far.stderr.hasPrefix("error: unknown command 'frobnicate'\n"))
    }

    @Test("a usage error prints the message, the usage line and a help hint, and exits 1")
    func usageError() async throws {
        let result = await runOAuthCtl(["validate", "--formt", "json"])
        #expect(result.exitCode == .failure)
        let validate = try #require(OAuthCtl.commands.first { $0.name == "validate" })
        #expect(
            result.stderr == """
                error: unknown option '--formt'; did you mean '--format'?
                \(validate.usage)
                See 'oauthctl validate --help'.

                """)
        let choice = await runOAuthCtl(["schema", "--type", "auth0"])
        #expect(choice.stderr.hasPrefix("error: invalid value 'auth0' for '--type'; expected one of: \(Self.providerTypes)\n"))
        let missing = await runOAuthCtl(["schema"])
        #expect(missing.exitCode == .failure)
        #expect(missing.stderr.hasPrefix("error: missing '--type'; expected one of: \(Self.providerTypes)\n"))
    }

    @Test(
        "sandbox's own value checks report as the parser's do, before anything listens",
        arguments: [
            (["--listen", "0.0.0.0:1"], "refusing to listen on '0.0.0.0'; the sandbox listens only on 127.0.0.1"),
            (["--listen", "127.0.0.1"], "invalid value '127.0.0.1' for '--listen'; write 127.0.0.1:PORT"),
            (["--seed", "-1"], "invalid value '-1' for '--seed'; expected a whole number ≥ 0"),
            (["--latency-ms=x"], "invalid value 'x' for '--latency-ms'; expected a whole number ≥ 0"),
            (["--failure-rate", "2"], "invalid value '2' for '--failure-rate'; expected a number from 0 to 1"),
        ])
    func sandboxUsageError(_ arguments: [String], _ message: String) async throws {
        let result = await runOAuthCtl(["sandbox"] + arguments)
        let sandbox = try #require(OAuthCtl.commands.first { $0.name == "sandbox" })
        #expect(result.exitCode == .failure)
        #expect(result.stdout == "")
        #expect(result.stderr == "error: \(message)\n\(sandbox.usage)\nSee 'oauthctl sandbox --help'.\n")
    }

    /// Every provider type, in registry order (what `schema --type` lists).
    static let providerTypes = ProviderRegistry.descriptors.map(\.type).joined(separator: ", ")

    /// A manifest folder with one error, so validate writes a diagnostic to stderr.
    func brokenFolder() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        try dir.write("bad.yaml", "apiVersion: oauthctl/v2\nkind: Provider\nmetadata: {name: p}\nspec: {type: hydra, url: http://h}\n")
        return dir
    }

    @Test("colour on a terminal; none with --no-color, NO_COLOR, TERM=dumb or without a terminal")
    func colour() async throws {
        let dir = try brokenFolder()
        let escape = "\u{1B}["
        let terminal = await runOAuthCtl(["validate", dir.path], stderrIsTerminal: true)
        #expect(terminal.exitCode == .failure)
        #expect(terminal.stderr.contains(escape + "31m"))
        #expect(terminal.stderr.contains("error:"))

        let flag = await runOAuthCtl(["validate", "--no-color", dir.path], stderrIsTerminal: true)
        let env = await runOAuthCtl(["validate", dir.path], environment: ["NO_COLOR": "1"], stderrIsTerminal: true)
        let dumb = await runOAuthCtl(["validate", dir.path], environment: ["TERM": "dumb"], stderrIsTerminal: true)
        let pipe = await runOAuthCtl(["validate", dir.path], stdoutIsTerminal: true)
        for result in [flag, env, dumb, pipe] {
            #expect(result.exitCode == .failure)
            #expect(!result.stderr.contains("\u{1B}"))
            #expect(result.stderr.contains("bad.yaml:1:13: error: unsupported apiVersion 'oauthctl/v2'; expected 'oauthctl/v1'"))
        }
        // Colour changes only the escapes, not the text.
        #expect(terminal.stderr.replacingOccurrences(of: "\u{1B}\\[[0-9]+m", with: "", options: .regularExpression) == flag.stderr)
    }
}
