import Foundation
import OAuthCtlCLI
import OAuthCtlTestSupport
import Testing

/// The flags a Terraform, kubectl or Ory CLI user reaches for: -y/--yes, -v, FORCE_COLOR, completion.
@Suite("Everyday flags")
struct EverydayFlagsTests {
    @Test("-y and --yes are --auto-approve", arguments: ["-y", "--yes", "--auto-approve"])
    func yes(_ spelling: String) throws {
        let apply = try #require(OAuthCtl.commands.first { $0.name == "apply" })
        let parsed = try ArgumentParser.parse(["a.yaml", spelling], for: apply).get()
        #expect(parsed.switches.contains("auto-approve"))
        #expect(parsed.positionals == ["a.yaml"])
    }

    @Test("an unknown short option names the short forms there are")
    func unknownShort() async {
        let result = await runOAuthCtl(["apply", "-x"])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.hasPrefix("error: unknown option '-x'; options start with '--' (short forms: -y, -h)\n"))
    }

    @Test("-v and --version print the version", arguments: ["-v", "--version"])
    func version(_ flag: String) async {
        let result = await runOAuthCtl([flag])
        #expect(result.exitCode == .success)
        #expect(result.stdout == "oauthctl \(OAuthCtl.version)\n")
    }

    @Test("FORCE_COLOR colours output off a terminal; NO_COLOR and --no-color still win")
    func forceColor() async {
        let console = Console(out: { _ in }, err: { _ in }, environment: ["FORCE_COLOR": "1"])
        #expect(console.colorEnabled(ParsedArguments()))
        #expect(!Console(out: { _ in }, err: { _ in }, environment: ["FORCE_COLOR": "0"]).colorEnabled(ParsedArguments()))
        #expect(!Console(out: { _ in }, err: { _ in }, environment: ["FORCE_COLOR": "1", "NO_COLOR": "1"]).colorEnabled(ParsedArguments()))
        var noColor = ParsedArguments()
        noColor.switches.insert("no-color")
        #expect(!console.colorEnabled(noColor))
    }

    @Test("schema usage shows --type as required")
    func schemaUsage() async {
        let result = await runOAuthCtl(["schema"])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.contains("usage: oauthctl schema --type hydra|ory-network|boruta|rightbrain|glewlwyd\n"))
        #expect(!result.stderr.contains("[--type"))
    }

    @Test("completion scripts name every command and option of the table", arguments: ["bash", "zsh", "fish"])
    func completionCoversTable(_ shell: String) async {
        let result = await runOAuthCtl(["completion", shell])
        #expect(result.exitCode == .success)
        for command in OAuthCtl.commands {
            #expect(result.stdout.contains(command.name), "\(shell): \(command.name)")
            for option in command.options {
                #expect(result.stdout.contains(option.name), "\(shell): \(command.name) --\(option.name)")
            }
        }
    }

    @Test("completion scripts parse: bash -n, zsh -n (fish -n when installed)", arguments: ["bash", "zsh", "fish"])
    func completionParses(_ shell: String) async throws {
        let result = await runOAuthCtl(["completion", shell])
        let shellPath = ["/bin/\(shell)", "/usr/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let shellPath else {
            // bash and zsh are required (scripts/test.sh installs zsh); fish is optional.
            #expect(shell == "fish", "\(shell) is not installed; scripts/test.sh installs it")
            return
        }
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("oauthctl.\(shell)")
        try result.stdout.write(to: file, atomically: true, encoding: .utf8)
        let check = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: shellPath), ["-n", file.path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(check.status == 0, "\(shell) -n: \(check.stderr)")
        // The check itself can fail: a broken script is rejected.
        try (result.stdout + "\nif then fi (\n").write(to: file, atomically: true, encoding: .utf8)
        let broken = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: shellPath), ["-n", file.path], environment: ["PATH": "/usr/bin:/bin"])
        #expect(broken.status != 0)
    }

    @Test("bash completion completes commands, options and choices")
    func bashCompletes() async throws {
        let script = await runOAuthCtl(["completion", "bash"]).stdout
        let dir = try TemporaryDirectory()
        let file = dir.url.appendingPathComponent("oauthctl.bash")
        try script.write(to: file, atomically: true, encoding: .utf8)
        let probe = """
            source \(file.path)
            COMP_WORDS=(oauthctl pl); COMP_CWORD=1; _oauthctl; echo "${COMPREPLY[*]}"
            COMP_WORDS=(oauthctl apply --y); COMP_CWORD=2; _oauthctl; echo "${COMPREPLY[*]}"
            COMP_WORDS=(oauthctl plan --format m); COMP_CWORD=3; _oauthctl; echo "${COMPREPLY[*]}"
            """
        let run = try OAuthCtlBinary.run(
            executable: URL(fileURLWithPath: "/bin/bash"), ["-c", probe], environment: ["PATH": "/usr/bin:/bin"])
        #expect(run.stdout == "plan\n--yes\nmarkdown\n", "\(run.combined)")
    }

    @Test("an unknown shell is an error naming the shells")
    func unknownShell() async {
        let result = await runOAuthCtl(["completion", "tcsh"])
        #expect(result.exitCode == .failure)
        #expect(result.stderr.hasPrefix("error: invalid shell 'tcsh'; expected one of: bash, zsh, fish\n"))
    }
}
