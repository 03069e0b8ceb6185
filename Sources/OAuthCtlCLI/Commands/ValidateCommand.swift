import OAuthCtlCore

/// `oauthctl validate [PATH...]`: offline parse, schema check and lint.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", abstract: "Check manifests offline: YAML, schema, references and security lint.",
        discussion: "exit codes: 0 no errors (warnings allowed), 1 errors found",
        positionals: "[PATH...]",
        options: OptionGroups.manifests + OptionGroups.output + [Options.format, Options.strict],
        run: run)

    /// `validate`'s own options, declared once for the table and read through the same constants.
    struct Options {
        static let format = OutputFormat.option([.text, .json], help: "diagnostics as text (stderr) or a JSON array (stdout)")
        static let strict = OptionSpec("strict", help: "treat warnings as errors")

        var format: OutputFormat
        var strict: Bool

        init(_ arguments: ParsedArguments) {
            format = arguments.format
            strict = arguments.flag(Self.strict)
        }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options = Options(arguments)
        let (set, resolved, files) = ManifestInput(arguments: arguments, console: console, offline: true).resolve()
        let diagnostics = resolved + InsecureURL.warnings(set.providers)
        let failed = diagnostics.hasErrors || (options.strict && !diagnostics.isEmpty)
        if options.format == .json {
            console.print(DiagnosticPrinter.json(diagnostics))
            return failed ? .failure : .success
        }
        DiagnosticPrinter(console: console, color: console.colorEnabled(arguments, stream: .stderr)).printText(diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        let counts = "\(set.providers.count) provider(s) and \(set.clients.count) client(s) in \(files.count) file(s)"
        if failed {
            console.printError("validation failed: \(errors) error(s), \(warnings) warning(s)")
        } else {
            console.print("valid: \(counts)" + (warnings > 0 ? ", \(warnings) warning(s)" : ""))
        }
        return failed ? .failure : .success
    }
}
