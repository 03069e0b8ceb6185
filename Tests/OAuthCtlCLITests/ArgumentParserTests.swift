import OAuthCtlCLI
import Testing

/// Table tests of the argument parser against a plan-like command.
@Suite("Argument parser")
struct ArgumentParserTests {
    static let command = CommandSpec(
        name: "plan", abstract: "Plan.", positionals: "[PATH...]",
        options: [
            .init("out", value: "PLAN", help: "write the plan"),
            .init("format", choices: ["text", "json", "markdown"], help: "output format"),
            .init("target", value: "ADDRESS", repeatable: true, help: "limit to an address"),
            .init("prune", help: "delete owned clients that are not in the manifests"),
            .init("allow-replace", help: "allow replacements"),
        ],
        run: { _, _ in .success })

    static let noPositionals = CommandSpec(
        name: "schema", abstract: "Schema.", positionals: nil, options: [.init("type", choices: ["hydra"], help: "type")],
        run: { _, _ in .success })

    struct Valid: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var positionals: [String] = []
        var switches: Set<String> = []
        var values: [String: [String]] = [:]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let valid: [Valid] = [
        Valid(arguments: []),
        Valid(arguments: ["a.yaml", "dir"], positionals: ["a.yaml", "dir"]),
        Valid(arguments: ["--out", "p.json"], values: ["out": ["p.json"]]),
        Valid(arguments: ["--out=p.json"], values: ["out": ["p.json"]]),
        Valid(arguments: ["--out="], values: ["out": [""]]),
        Valid(arguments: ["--out=a=b"], values: ["out": ["a=b"]]),
        Valid(arguments: ["--format", "json", "x"], positionals: ["x"], values: ["format": ["json"]]),
        Valid(arguments: ["--format=markdown"], values: ["format": ["markdown"]]),
        Valid(arguments: ["--target", "prod/a", "--target=prod/b"], values: ["target": ["prod/a", "prod/b"]]),
        Valid(arguments: ["--prune", "--allow-replace"], switches: ["prune", "allow-replace"]),
        Valid(arguments: ["x", "--prune", "y"], positionals: ["x", "y"], switches: ["prune"]),
        Valid(arguments: ["--", "--prune", "-h"], positionals: ["--prune", "-h"]),
        Valid(arguments: ["--prune", "--", "--out"], positionals: ["--out"], switches: ["prune"]),
        Valid(arguments: ["-"], positionals: ["-"]),
        Valid(arguments: ["--out", "-"], values: ["out": ["-"]]),
        Valid(arguments: ["--out=--prune"], values: ["out": ["--prune"]]),
        Valid(arguments: ["-h"], switches: ["help"]),
        Valid(arguments: ["--help"], switches: ["help"]),
    ]

    @Test("valid command lines", arguments: valid)
    func parsesValid(_ row: Valid) throws {
        let parsed = try ArgumentParser.parse(row.arguments, for: Self.command).get()
        #expect(parsed.positionals == row.positionals)
        #expect(parsed.switches == row.switches)
        #expect(parsed.values == row.values)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var error: UsageError
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let formats = ["text", "json", "markdown"]

    static let invalid: [Invalid] = [
        Invalid(arguments: ["--prunee"], error: .unknownOption("prunee", suggestion: "prune")),
        Invalid(arguments: ["--prun=1"], error: .unknownOption("prun", suggestion: "prune")),
        Invalid(arguments: ["--frobnicate"], error: .unknownOption("frobnicate", suggestion: nil)),
        Invalid(arguments: ["-x"], error: .unknownShortOption("-x", shortForms: [])),
        Invalid(arguments: ["--format", "yml"], error: .invalidValue(option: "format", value: "yml", expected: .oneOf(formats))),
        Invalid(arguments: ["--format=yml"], error: .invalidValue(option: "format", value: "yml", expected: .oneOf(formats))),
        Invalid(arguments: ["--out"], error: .missingValue(option: "out", valueName: "PLAN")),
        Invalid(arguments: ["x", "--format"], error: .missingValue(option: "format", valueName: "VALUE")),
        Invalid(arguments: ["--out", "--prune"], error: .valueLooksLikeOption(option: "out", valueName: "PLAN", value: "--prune")),
        Invalid(arguments: ["--target", "-h"], error: .valueLooksLikeOption(option: "target", valueName: "ADDRESS", value: "-h")),
        Invalid(arguments: ["--format", "--", "x"], error: .valueLooksLikeOption(option: "format", valueName: "VALUE", value: "--")),
        Invalid(arguments: ["--out", "a", "--out", "b"], error: .repeated(option: "out")),
        Invalid(arguments: ["--prune=yes"], error: .takesNoValue(option: "prune")),
    ]

    @Test("invalid command lines and their errors", arguments: invalid)
    func rejectsInvalid(_ row: Invalid) {
        switch ArgumentParser.parse(row.arguments, for: Self.command) {
        case .success(let parsed): Issue.record("parsed \(parsed) instead of failing")
        case .failure(let error): #expect(error == row.error)
        }
    }

    @Test("a command without positionals rejects one, naming the command")
    func noPositionals() {
        let result = ArgumentParser.parse(["extra"], for: Self.noPositionals)
        #expect(result == .failure(.unexpectedArgument("extra", command: "schema")))
    }

    struct Rendered: Sendable, CustomTestStringConvertible {
        var error: UsageError
        var message: String
        var testDescription: String { message }
    }

    /// Every message, as the user reads it (the text is part of the CLI contract).
    static let rendered: [Rendered] = [
        Rendered(error: .unknownOption("prunee", suggestion: "prune"), message: "unknown option '--prunee'; did you mean '--prune'?"),
        Rendered(error: .unknownOption("frobnicate", suggestion: nil), message: "unknown option '--frobnicate'"),
        Rendered(error: .unknownShortOption("-x", shortForms: []), message: "unknown option '-x'; options start with '--'"),
        Rendered(
            error: .unknownShortOption("-x", shortForms: ["-y"]),
            message: "unknown option '-x'; options start with '--' (short forms: -y, -h)"),
        Rendered(
            error: .invalidValue(option: "format", value: "yml", expected: .oneOf(formats)),
            message: "invalid value 'yml' for '--format'; expected one of: text, json, markdown"),
        Rendered(
            error: .invalidValue(option: "seed", value: "-1", expected: .kind("a whole number ≥ 0")),
            message: "invalid value '-1' for '--seed'; expected a whole number ≥ 0"),
        Rendered(
            error: .invalidValue(option: "listen", value: "x", expected: .form("127.0.0.1:PORT")),
            message: "invalid value 'x' for '--listen'; write 127.0.0.1:PORT"),
        Rendered(error: .missingValue(option: "out", valueName: "PLAN"), message: "option '--out' needs a value (PLAN)"),
        Rendered(
            error: .valueLooksLikeOption(option: "out", valueName: "PLAN", value: "--prune"),
            message: "option '--out' needs a value (PLAN), not the option '--prune'; write --out=VALUE for a value that starts with '-'"),
        Rendered(error: .repeated(option: "out"), message: "option '--out' given more than once"),
        Rendered(error: .takesNoValue(option: "prune"), message: "option '--prune' takes no value"),
        Rendered(
            error: .unexpectedArgument("extra", command: "schema"),
            message: "unexpected argument 'extra'; 'oauthctl schema' takes no positional arguments"),
        Rendered(
            error: .notLoopback(host: "0.0.0.0"), message: "refusing to listen on '0.0.0.0'; the sandbox listens only on 127.0.0.1"),
        Rendered(
            error: .conflictsWithSavedPlan(options: ["prune", "target"]),
            message:
                "--prune, --target can't be used with --plan: the saved plan already fixed what it changes; make a new plan with --prune, --target instead (nothing was changed)"
        ),
        Rendered(error: .unknownCommand("valdate", suggestion: "validate"), message: "unknown command 'valdate'; did you mean 'validate'?"),
        Rendered(error: .unknownCommand("frobnicate", suggestion: nil), message: "unknown command 'frobnicate'"),
        Rendered(
            error: .missingArgument("PLAN", expected: .form("'oauthctl show plan.json'")),
            message: "missing PLAN; write 'oauthctl show plan.json'"),
        Rendered(
            error: .tooManyArguments("PLAN", count: 2, expected: .form("'oauthctl show plan.json'")),
            message: "give one PLAN, not 2; write 'oauthctl show plan.json'"),
        Rendered(
            error: .invalidArgument(kind: "shell", value: "t\u{1B}csh", expected: .oneOf(["bash", "zsh"])),
            message: "invalid shell 't\\u001bcsh'; expected one of: bash, zsh"),
        Rendered(
            error: .missingOption("type", expected: .oneOf(["hydra", "boruta"])),
            message: "missing '--type'; expected one of: hydra, boruta"),
        Rendered(error: .commandNeedsOption(command: "export", synopsis: "--provider NAME"), message: "export needs --provider NAME"),
        Rendered(
            error: .invalidOptionValue(option: "max-deletes", value: "-1\u{1B}", expected: .kind("a whole number ≥ 0")),
            message: "invalid --max-deletes '-1\\u001b'; expected a whole number ≥ 0"),
        Rendered(
            error: .invalidOptionValue(option: "target", value: "x", expected: .form("provider/name, e.g. prod/billing-web")),
            message: "invalid --target 'x'; write provider/name, e.g. prod/billing-web"),
        Rendered(
            error: .jsonReportNeedsApproval,
            message:
                "apply --format json can't ask for confirmation (stdout is the report); pass -y/--auto-approve, or apply a reviewed plan with --plan (nothing was changed)"
        ),
        Rendered(
            error: .encryptionNeedsSecretsOut,
            message:
                "--pgp-key and --pgp-key-url encrypt the --secrets-out file; add --secrets-out FILE (e.g. secrets.json.asc) (nothing was changed)"
        ),
        Rendered(
            error: .rotateNeedsSecretsOut,
            message: "rotate needs --secrets-out FILE: the new secret is shown nowhere else (nothing was changed)"),
        Rendered(error: .rotateNeedsClients, message: "name the clients to rotate: oauthctl rotate provider/name... [PATH...]"),
    ]

    @Test("each error's message", arguments: rendered)
    func renders(_ row: Rendered) {
        #expect(row.error.message == row.message)
        #expect("\(row.error)" == row.message)
    }

    #if DEBUG
        @Test("reading an option that the command's table doesn't list stops a debug build")
        func undeclaredOption() async {
            await #expect(processExitsWith: .failure) {
                let parsed = try ArgumentParser.parse(["--type", "hydra"], for: ArgumentParserTests.noPositionals).get()
                _ = parsed.flag(OptionSpec("prune", help: "not in schema's table"))
            }
        }
    #endif

    @Test("the usage line lists positionals and options, choices joined by '|'")
    func usageLine() {
        #expect(
            Self.command.usage
                == "usage: oauthctl plan [PATH...] [--out PLAN] [--format text|json|markdown] [--target ADDRESS] [--prune] [--allow-replace]"
        )
        #expect(Self.command.help.contains("--target ADDRESS"))
        #expect(Self.command.help.contains("(repeatable)"))
        #expect(Self.command.help.contains("--help"))
    }
}

extension Result where Success == ParsedArguments, Failure == UsageError {
    static func == (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.failure(let a), .failure(let b)): a == b
        case (.success(let a), .success(let b)): a.positionals == b.positionals && a.switches == b.switches && a.values == b.values
        default: false
        }
    }
}
