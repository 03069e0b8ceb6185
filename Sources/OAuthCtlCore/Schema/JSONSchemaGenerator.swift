/// Generates the JSON Schema (draft 2020-12) of manifests for one provider type, from its descriptor.
///
/// Editors use it through `# yaml-language-server: $schema=...`; `schemas/*.schema.json` are its output.
package enum JSONSchemaGenerator {
    package static func schema(for descriptor: ProviderDescriptor) -> JSONValue {
        let client = descriptor.clientSchema
        var fieldSchemas: [String: JSONValue] = [:]
        for field in client.fields where !field.readOnly {
            fieldSchemas[field.name] = field.sensitive ? ["$ref": "#/$defs/secretReference"] : schema(for: field)
        }
        let kindIs: (String) -> JSONValue = { ["properties": ["kind": ["const": .string($0)]], "required": ["kind"]] }
        return [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": .string("oauthctl manifest (\(descriptor.type))"),
            "description": .string("A Provider or OAuth2Client document for provider type '\(descriptor.type)'."),
            "type": "object",
            "required": ["apiVersion", "kind", "metadata"],
            "additionalProperties": false,
            "patternProperties": ["^x-": ["description": "extension keys, ignored; a place for YAML anchors"]],
            "properties": [
                "apiVersion": ["const": .string(ManifestResolver.apiVersion)],
                "kind": ["enum": .array(ManifestResolver.kinds.map(JSONValue.string))],
                "metadata": ["type": "object"],
                "spec": ["type": "object"],
            ],
            "allOf": [
                [
                    "if": kindIs("Provider"),
                    "then": ["properties": ["metadata": ["$ref": "#/$defs/providerMetadata"], "spec": ["$ref": "#/$defs/providerSpec"]]],
                ],
                [
                    "if": kindIs("OAuth2Client"),
                    "then": ["properties": ["metadata": ["$ref": "#/$defs/clientMetadata"], "spec": ["$ref": "#/$defs/clientSpec"]]],
                ],
            ],
            "$defs": [
                "secretReference": secretReference,
                "providerMetadata": ["type": "object", "required": ["name"], "additionalProperties": false, "properties": ["name": name]],
                "providerSpec": providerSpec(descriptor),
                "clientMetadata": [
                    "type": "object", "required": ["name"], "additionalProperties": false,
                    "properties": [
                        "name": name,
                        "provider": ["type": "string", "description": "the Provider's metadata.name; optional when only one is declared"],
                        "ignore_fields": [
                            "type": "array", "items": ["type": "string"],
                            "description": "fields handed to someone else: never diffed, never written",
                        ],
                        "state": ["enum": ["present", "absent"], "description": "absent deletes the client (a tombstone)"],
                        "accept_drift": [
                            "type": "array",
                            "description": "known drift that drift reports without alerting; plan and apply still restore the field",
                            "items": [
                                "type": "object", "required": ["field", "reason"], "additionalProperties": false,
                                "properties": ["field": ["type": "string"], "reason": ["type": "string", "minLength": 1]],
                            ],
                        ],
                    ],
                ],
                "clientSpec": clientSpec(client, fieldSchemas),
            ],
        ]
    }

    /// The client spec; required fields are required only for present clients (a tombstone needs the id alone).
    static func clientSpec(_ client: ClientSchema, _ fieldSchemas: [String: JSONValue]) -> JSONValue {
        var spec: [String: JSONValue] = ["type": "object", "additionalProperties": false, "properties": .object(fieldSchemas)]
        let required = client.fields.filter(\.required).map { JSONValue.string($0.name) }
        if !required.isEmpty { spec["required"] = .array(required) }
        return .object(spec)
    }

    static func format(_ format: FieldSchema.Format?) -> JSONValue? {
        switch format {
        case nil: nil
        case .uuid: "uuid"
        case .uri, .origin, .hostURI: "uri"
        }
    }

    static let name: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9._-]+$"]

    static let secretReference: JSONValue = [
        "description": "a secret reference; literal secrets are not allowed",
        "oneOf": [
            [
                "type": "object", "required": ["from_env"], "additionalProperties": false,
                "properties": ["from_env": ["type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"]],
            ],
            ["type": "object", "required": ["from_file"], "additionalProperties": false, "properties": ["from_file": ["type": "string"]]],
        ],
    ]

    static func providerSpec(_ descriptor: ProviderDescriptor) -> JSONValue {
        var properties: [String: JSONValue] = [
            "type": ["const": .string(descriptor.type)],
            "managed_by": [
                "type": "string", "default": "oauthctl", "description": "names this repository's set of clients (ownership marker)",
            ],
        ]
        for key in descriptor.specKeys {
            // The same rule as the decoder: a whole-number setting takes a number (or its digits as a string).
            properties[key] =
                ProviderDescriptor.wholeNumberSettings.contains(key)
                ? ["type": ["integer", "string"], "pattern": "^[0-9]+$", "minimum": 1] : ["type": "string"]
        }
        if descriptor.commonSpecKeys.contains(ProviderDescriptor.allowInsecureHTTPKey) {
            properties[ProviderDescriptor.allowInsecureHTTPKey] = [
                "type": "boolean", "default": false,
                "description": "allow a plain http url to a host that is not loopback (credentials cross the network in clear)",
            ]
        }
        var auth: [String: JSONValue] = [:]
        for (key, kind) in descriptor.authKeys {
            switch kind {
            case .secret: auth[key] = ["$ref": "#/$defs/secretReference"]
            case .string: auth[key] = ["type": "string"]
            case .mapping(let keys, let required, let secrets):
                var inner: [String: JSONValue] = [:]
                for k in keys { inner[k] = secrets.contains(k) ? ["$ref": "#/$defs/secretReference"] : ["type": "string"] }
                auth[key] = [
                    "type": "object", "additionalProperties": false, "required": .array(required.map(JSONValue.string)),
                    "properties": .object(inner),
                ]
            }
        }
        properties["auth"] = ["type": "object", "additionalProperties": false, "properties": .object(auth)]
        let required = ["type"] + descriptor.required
        return [
            "type": "object", "required": .array(required.map(JSONValue.string)), "additionalProperties": false,
            "properties": .object(properties),
        ]
    }

    static func schema(for field: FieldSchema) -> JSONValue {
        var s: [String: JSONValue] = ["description": .string(field.summary)]
        let enumValues = field.allowedValues.map { JSONValue.array($0.map(JSONValue.string)) }
        let enumKey = field.allowedValuesAdvisory ? "examples" : "enum"
        switch field.kind {
        case .string:
            s["type"] = "string"
            if let enumValues { s[enumKey] = enumValues }
            if let format = format(field.format) { s["format"] = format }
        case .boolean: s["type"] = "boolean"
        case .integer: s["type"] = "integer"
        case .stringList(let ordered):
            var items: [String: JSONValue] = ["type": "string"]
            if let enumValues { items[enumKey] = enumValues }
            if let format = format(field.format) { items["format"] = format }
            s["type"] = "array"
            s["items"] = .object(items)
            if !ordered { s["uniqueItems"] = true }
        case .spaceSeparatedSet:
            s["oneOf"] = [["type": "string"], ["type": "array", "items": ["type": "string"]]]
        case .duration:
            s["type"] = "string"
            s["pattern"] = "^[-+]?(0|([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$"
        case .json: break
        case .object: s["type"] = "object"
        case .objectRef(let keys):
            var inner: [String: JSONValue] = ["type": "string"]
            if let format = format(field.format) { inner["format"] = format }
            s["type"] = "object"
            s["additionalProperties"] = false
            s["minProperties"] = 1
            s["properties"] = .object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.object(inner)) }))
        case .jwks:
            s["type"] = "object"
            s["required"] = ["keys"]
            s["properties"] = ["keys": ["type": "array", "items": ["type": "object", "required": ["kty"]]]]
        }
        if let value = field.serverDefault, value != .null, value != .array([]), value != .object([:]), value != .string("") {
            s["default"] = value
        }
        return .object(s)
    }
}
