import OAuthCtlCore
import OAuthCtlProviders

/// `oauthctl schema --type TYPE`: prints the JSON Schema of manifests for a provider type.
enum SchemaCommand {
    static let spec = CommandSpec(
        name: "schema", abstract: "Print the JSON Schema (draft 2020-12) of manifests for a provider type.",
        discussion: "editors: start a manifest with '# yaml-language-server: $schema=<path to schemas/TYPE.schema.json>'",
        positionals: nil,
        options: [Options.providerType], run: run)

    /// `schema`'s own options, declared once for the table and read through the same constants.
    struct Options {
        static let providerType = OptionSpec(
            "type", choices: ProviderRegistry.descriptors.map(\.type), required: true, help: "the provider type")

        /// nil when `--type` is missing (the parser has checked the word against the choices).
        var providerType: String?

        init(_ arguments: ParsedArguments) { providerType = arguments.value(Self.providerType) }
    }

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        guard let type = Options(arguments).providerType, let descriptor = ProviderRegistry.descriptor(type) else {
            let types = ProviderRegistry.descriptors.map(\.type)
            console.printError(UsageError.missingOption(Options.providerType.name, expected: .oneOf(types)))
            console.printError(spec.usage)
            return .failure
        }
        console.print(JSONEncoding.pretty(JSONSchemaGenerator.schema(for: descriptor)))
        return .success
    }
}
