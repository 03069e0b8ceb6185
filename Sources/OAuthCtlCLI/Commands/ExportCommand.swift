import Foundation
import OAuthCtlCore

/// `oauthctl export --provider NAME [--out DIR]`: writes manifests for the provider's live clients.
enum ExportCommand {
    static let spec = CommandSpec(
        name: "export", abstract: "Write manifests for a provider's live clients (secrets as references).",
        discussion: """
            The provider is read from the manifests given as PATH (default: the current directory).
            Without --out the manifests go to stdout; with --out, one file per client under DIR/<provider>/,
            plus provider.yaml (the Provider, credentials as references) and a README.md naming the
            environment variables the secret references expect. Existing files are never overwritten
            without --force. Fields equal to the server's defaults are left out, so 'plan DIR/<provider>'
            is a no-op as it is.
            """,
        positionals: "[PATH...]",
        options: OptionGroups.manifests + [Options.provider, Options.out, Options.force] + OptionGroups.connection
            + OptionGroups.output,
        run: run)

    /// `export`'s own options, declared once for the table and read through the same constants.
    struct Options {
        static let provider = OptionSpec("provider", value: "NAME", help: "the provider to export (required)")
        static let out = OptionSpec("out", value: "DIR", help: "write files into DIR instead of stdout")
        static let force = OptionSpec("force", help: "overwrite files that already exist under --out")

        var provider: String?
        var out: String?
        var force: Bool

        init(_ arguments: ParsedArguments) {
            provider = arguments.value(Self.provider)
            out = arguments.value(Self.out)
            force = arguments.flag(Self.force)
        }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        let options = Options(arguments)
        guard let name = options.provider else {
            console.printError(UsageError.commandNeedsOption(command: spec.name, synopsis: Options.provider.synopsis))
            console.printError(spec.usage)
            return .failure
        }
        let session = PlanSession(arguments: arguments, console: console)
        let (manifests, diagnostics, _) = ManifestInput(arguments: arguments, console: console).resolve()
        DiagnosticPrinter(console: console, color: console.colorEnabled(arguments, stream: .stderr)).printText(diagnostics)
        guard !diagnostics.hasErrors else { return .failure }
        guard let provider = manifests.provider(name) else {
            console.printError("error: unknown provider '\(name)'\(NearestName.suggestion(for: name, in: manifests.providers.map(\.name)))")
            return .failure
        }
        guard let adapter = session.makeAdapters([provider])?[name] else { return .failure }
        let live: [[String: JSONValue]]
        do {
            live = try await adapter.listClients()
        } catch {
            console.printError("error: \(name): \(TerminalText.escape("\(error)"))")
            return .failure
        }
        let exporter = ClientExporter(provider: provider, schema: adapter.schema)
        var used: Set<String> = []
        var exported: [ClientExporter.Exported] = []
        var skipped = 0
        for client in live.sorted(by: { ($0[adapter.schema.idField]?.stringValue ?? "") < ($1[adapter.schema.idField]?.stringValue ?? "") })
        {
            guard let item = exporter.export(client) else {
                skipped += 1
                continue
            }
            if used.contains(item.name) {
                console.printError(
                    "warning: two live clients map to the manifest name '\(item.name)'; skipped the second (id \(client[adapter.schema.idField]?.stringValue ?? "?"))"
                )
                continue
            }
            used.insert(item.name)
            exported.append(item)
        }
        if skipped > 0 { console.printError("note: \(skipped) client(s) managed by another repository were not exported") }
        guard let out = options.out else {
            console.out(exported.map(\.document).joined(separator: "---\n"))
            return .success
        }
        return write(exported, exporter: exporter, to: out, force: options.force, console: console)
    }

    /// The Provider document's file name under `DIR/<provider>/`.
    static let providerFile = "provider.yaml"

    static func write(_ exported: [ClientExporter.Exported], exporter: ClientExporter, to out: String, force: Bool, console: Console)
        -> ExitCode
    {
        let provider = exporter.provider
        let folder = URL(fileURLWithPath: out).appendingPathComponent(provider.name)
        if let clash = exported.first(where: { $0.name + ".yaml" == providerFile }) {
            console.printError(
                "error: a live client exports to the manifest name '\(TerminalText.escape(clash.name))', whose file would be the Provider's \(providerFile); nothing was written"
            )
            return .failure
        }
        let names = [providerFile, "README.md"] + exported.map { $0.name + ".yaml" }
        let existing = names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        if !existing.isEmpty, !force {
            let first = TerminalText.escape(folder.appendingPathComponent(existing[0]).path)
            let more = existing.count > 1 ? " (and \(existing.count - 1) more)" : ""
            console.printError(
                "error: '\(first)'\(more) already exists; pass --force to overwrite, or choose another --out (nothing was written)")
            return .failure
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(exporter.providerDocument.utf8).write(to: folder.appendingPathComponent(providerFile), options: .atomic)
            for item in exported {
                try Data(item.document.utf8).write(to: folder.appendingPathComponent(item.name + ".yaml"), options: .atomic)
            }
            let variables = exported.compactMap(\.secretVariable)
            var readme = [
                "# Exported from provider '\(provider.name)' (\(provider.type))", "",
                "\(exported.count) client(s), one file each. Secrets are references, never values.",
            ]
            if !variables.isEmpty {
                readme += ["", "Set these environment variables before `oauthctl apply` (each holds the client's secret):", ""]
                readme += variables.map { "- `\($0)`" }
            }
            try Data((readme.joined(separator: "\n") + "\n").utf8).write(to: folder.appendingPathComponent("README.md"), options: .atomic)
        } catch {
            console.printError("error: can't write the export to '\(out)': \(error.localizedDescription)")
            return .failure
        }
        console.print("Exported \(exported.count) client(s) of provider '\(provider.name)' to \(folder.path)")
        return .success
    }
}
