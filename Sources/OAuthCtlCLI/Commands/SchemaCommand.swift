import OAuthCtlCore
import OAuthCtlProviders

/// `oauthctl schema --type TYPE`: prints the JSON Schema of manifests for a provider type.
enum SchemaCommand {
    static let spec = CommandSpec(
        name: "schema", abstract: "Print the JSON Schema (draft 2020-12) of manifests for a provider type.",
        discussion: "editors: start a manifest with '# yaml-language-server: $schema=<path to schemas/TYPE.schema.json>'",
        positionals: nil,
        options: [.init("type", choices: ProviderRegistry.descriptors.map(\.type), required: true, help: "the provider type")],
        run: run)

    static func run(_ arguments: ParsedArguments, _ console: Console) async -> ExitCode {
        guard let type = arguments.value("type"), let descriptor = ProviderRegistry.descriptor(type) else {
            console.printError(
                "error: missing '--type'; expected one of: \(ProviderRegistry.descriptors.map(\.type).joined(separator: ", "))")
            console.printError(spec.usage)
            return .failure
        }
        console.print(JSONEncoding.pretty(JSONSchemaGenerator.schema(for: descriptor)))
        return .success
    }
}
