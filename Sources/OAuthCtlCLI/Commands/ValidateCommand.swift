import OAuthCtlCore

/// `oauthctl validate [PATH...]`: offline parse, schema check and lint.
enum ValidateCommand {
    static let spec = CommandSpec(
        name: "validate", abstract: "Check manifests offline: YAML, schema, references and security lint.",
        discussion: "exit codes: 0 no errors (warnings allowed), 1 errors found",
        positionals: "[PATH...]",
        options: OptionGroups.manifests + OptionGroups.output + [
            OutputFormat.option([.text, .json], help: "diagnostics as text (stderr) or a JSON array (stdout)"),
            .init("strict", help: "treat warnings as errors"),
        ],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let (set, resolved, files) = ManifestInput(arguments: arguments, console: console, offline: true).resolve()
        let diagnostics = resolved + InsecureURL.warnings(set.providers)
        let failed = diagnostics.hasErrors || (arguments.flag("strict") && !diagnostics.isEmpty)
        if arguments.format == .json {
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
