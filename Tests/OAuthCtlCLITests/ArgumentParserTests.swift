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
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let invalid: [Invalid] = [
        Invalid(arguments: ["--prunee"], message: "unknown option '--prunee'; did you mean '--prune'?"),
        Invalid(arguments: ["--prun=1"], message: "unknown option '--prun'; did you mean '--prune'?"),
        Invalid(arguments: ["--frobnicate"], message: "unknown option '--frobnicate'"),
        Invalid(arguments: ["-x"], message: "unknown option '-x'; options start with '--'"),
        Invalid(arguments: ["--format", "yml"], message: "invalid value 'yml' for '--format'; expected one of: text, json, markdown"),
        Invalid(arguments: ["--format=yml"], message: "invalid value 'yml' for '--format'; expected one of: text, json, markdown"),
        Invalid(arguments: ["--out"], message: "option '--out' needs a value (PLAN)"),
        Invalid(arguments: ["x", "--format"], message: "option '--format' needs a value (VALUE)"),
        Invalid(
            arguments: ["--out", "--prune"],
            message: "option '--out' needs a value (PLAN), not the option '--prune'; write --out=VALUE for a value that starts with '-'"),
        Invalid(
            arguments: ["--target", "-h"],
            message: "option '--target' needs a value (ADDRESS), not the option '-h'; write --target=VALUE for a value that starts with '-'"
        ),
        Invalid(
            arguments: ["--format", "--", "x"],
            message: "option '--format' needs a value (VALUE), not the option '--'; write --format=VALUE for a value that starts with '-'"),
        Invalid(arguments: ["--out", "a", "--out", "b"], message: "option '--out' given more than once"),
        Invalid(arguments: ["--prune=yes"], message: "option '--prune' takes no value"),
    ]

    @Test("invalid command lines and their messages", arguments: invalid)
    func rejectsInvalid(_ row: Invalid) {
        switch ArgumentParser.parse(row.arguments, for: Self.command) {
        case .success(let parsed): Issue.record("parsed \(parsed) instead of failing")
        case .failure(let error): #expect(error.message == row.message)
        }
    }

    @Test("a command without positionals rejects one, naming the command")
    func noPositionals() {
        let result = ArgumentParser.parse(["extra"], for: Self.noPositionals)
        #expect(result == .failure(UsageError("unexpected argument 'extra'; 'oauthctl schema' takes no positional arguments")))
    }

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
