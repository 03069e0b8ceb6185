import Foundation
import OAuthCtlCLI
import OAuthCtlCore
import OAuthCtlProviders
import Testing
import YAML

/// The committed `schemas/*.schema.json` are exactly what `oauthctl schema --type X` prints, and every
/// example validates against its provider's schema.
@Suite("Schemas")
struct SchemaSyncTests {
    static let schemasFolder = repositoryRoot.appendingPathComponent("schemas")
    static let types = ProviderRegistry.descriptors.map(\.type)

    static func committedPath(_ type: String) -> String { "schemas/\(type).schema.json" }

    /// What `oauthctl schema --type X > schemas/X.schema.json` writes.
    static func generated(_ descriptor: ProviderDescriptor) -> String {
        JSONEncoding.pretty(JSONSchemaGenerator.schema(for: descriptor)) + "\n"
    }

    @Test("each committed schema matches the generator", arguments: types)
    func inSync(_ type: String) throws {
        let descriptor = try #require(ProviderRegistry.descriptor(type))
        let path = Self.committedPath(type)
        let committed = try? String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        #expect(
            committed == Self.generated(descriptor),
            "\(path) is stale; run `swift run oauthctl schema --type \(type) > \(path)`")
    }

    @Test("the schema command prints the generator's output", arguments: types)
    func commandOutput(_ type: String) async throws {
        let descriptor = try #require(ProviderRegistry.descriptor(type))
        let result = await runOAuthCtl(["schema", "--type", type])
        #expect(result.exitCode == .success)
        #expect(result.stdout == Self.generated(descriptor))
        #expect(try JSONParser.parse(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test("every provider descriptor has a committed schema, and every committed schema a descriptor")
    func everyDescriptorHasAFile() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemasFolder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(Self.types.map { "\($0).schema.json" }))
        #expect(!Self.types.isEmpty)
    }

    // MARK: - Examples against the schema

    static let exampleFiles: [String] = {
        let folder = repositoryRoot.appendingPathComponent("examples/hydra")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "examples/hydra/\($0)" }
    }()

    static func hydraSchema() throws -> JSONValue {
        try JSONParser.parse(try String(contentsOf: schemasFolder.appendingPathComponent("hydra.schema.json"), encoding: .utf8))
    }

    /// The documents of a YAML file as JSON values (core-schema scalars; `<<` merges already applied).
    static func documents(_ text: String) throws -> [JSONValue] {
        let result = YAMLLoader.load(Array(text.utf8))
        #expect(result.diagnostics.isEmpty)
        return result.documents.compactMap { $0.root.map(json) }
    }

    static func json(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let s):
            switch s.resolved {
            case .null: return .null
            case .bool(let b): return .bool(b)
            case .int(let i): return .int(i)
            case .float(let d): return .double(d)
            case .string(let t): return .string(t)
            }
        case .sequence(let s): return .array(s.items.map(json))
        case .mapping(let m):
            var object: [String: JSONValue] = [:]
            for entry in m.entries {
                if case .scalar(let key) = entry.key { object[key.value] = json(entry.value) }
            }
            return .object(object)
        }
    }

    @Test("the examples exist and start with the schema modeline", arguments: exampleFiles)
    func modeline(_ file: String) throws {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        #expect(text.hasPrefix("# yaml-language-server: $schema=../../schemas/hydra.schema.json\n"))
    }

    @Test("every example document validates against the committed hydra schema", arguments: exampleFiles)
    func examplesValidate(_ file: String) throws {
        let schema = try Self.hydraSchema()
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent(file), encoding: .utf8)
        let documents = try Self.documents(text)
        #expect(!documents.isEmpty)
        for (index, document) in documents.enumerated() {
            let errors = SchemaChecker(root: schema).errors(document)
            #expect(errors == [], "\(file) document \(index + 1)")
        }
    }

    @Test(
        "the checker and schema reject what validate rejects",
        arguments: [
            ("spec: {client_name: x, redirect_uri: [https://a.example/cb]}", "/spec: unknown property 'redirect_uri'"),
            ("spec: {client_secret: s3cr3t}", "/spec/client_secret: no oneOf branch matches"),
            ("spec: {token_endpoint_auth_method: basic}", "/spec/token_endpoint_auth_method: not one of the enum values"),
            ("spec: {skip_consent: yes}", "/spec/skip_consent: expected boolean"),
            ("spec: {grant_types: [a, a]}", "/spec/grant_types: items are not unique"),
            (
                "spec: {client_credentials_grant_access_token_lifespan: 15min}",
                "/spec/client_credentials_grant_access_token_lifespan: does not match the pattern"
            ),
            ("spec: {created_at: now}", "/spec: unknown property 'created_at'"),
            ("spec: {jwks: {keys: [{kid: a}]}}", "/spec/jwks/keys/0: missing required property 'kty'"),
            ("spec: {}\nlabels: {}", "/: unknown property 'labels'"),
        ])
    func rejects(_ spec: String, _ expected: String) throws {
        let schema = try Self.hydraSchema()
        let text = "apiVersion: oauthctl/v1\nkind: OAuth2Client\nmetadata: {name: c}\n\(spec)\n"
        let document = try #require(try Self.documents(text).first)
        #expect(SchemaChecker(root: schema).errors(document).contains(expected))
    }

    @Test("a Provider document is checked against the provider parts of the schema")
    func providerDocuments() throws {
        let schema = try Self.hydraSchema()
        let good = try #require(
            try Self.documents(
                "apiVersion: oauthctl/v1\nkind: Provider\nmetadata: {name: p}\nspec: {type: hydra, url: http://h, auth: {bearer_token: {from_env: T}}}\n"
            ).first)
        #expect(SchemaChecker(root: schema).errors(good) == [])
        let bad = try #require(
            try Self.documents("apiVersion: oauthctl/v2\nkind: Provider\nmetadata: {name: p, provider: x}\nspec: {type: ory-network}\n")
                .first)
        let errors = SchemaChecker(root: schema).errors(bad)
        #expect(errors.contains("/apiVersion: expected the constant \"oauthctl/v1\""))
        #expect(errors.contains("/metadata: unknown property 'provider'"))
        #expect(errors.contains("/spec/type: expected the constant \"hydra\""))
    }
}

/// A small JSON Schema checker: the subset `JSONSchemaGenerator` emits (type, properties,
/// additionalProperties false, patternProperties, required, enum, const, pattern, items, uniqueItems,
/// `$ref` to `#/$defs`, oneOf, allOf, if/then). Returns `path: problem` strings.
struct SchemaChecker {
    var root: JSONValue

    func errors(_ value: JSONValue) -> [String] {
        var errors: [String] = []
        check(value, against: root, path: "", into: &errors)
        return errors
    }

    private func check(_ value: JSONValue, against schema: JSONValue, path: String, into errors: inout [String]) {
        let at = path.isEmpty ? "/" : path
        guard case .object(let s) = schema else { return }
        if let ref = s["$ref"]?.stringValue {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard ref.hasPrefix("#/$defs/"), let target = root["$defs"]?[name] else {
                errors.append("\(at): unresolvable $ref \(ref)")
                return
            }
            check(value, against: target, path: path, into: &errors)
        }
        if let type = s["type"]?.stringValue, !Self.hasType(value, type) {
            errors.append("\(at): expected \(type)")
            return
        }
        if let constant = s["const"], constant != value {
            errors.append("\(at): expected the constant \(JSONEncoding.compact(constant))")
        }
        if let values = s["enum"]?.arrayValue, !values.contains(value) {
            errors.append("\(at): not one of the enum values")
        }
        if let pattern = s["pattern"]?.stringValue, let text = value.stringValue, !Self.matches(text, pattern) {
            errors.append("\(at): does not match the pattern")
        }
        if case .object(let object) = value {
            let properties = s["properties"]?.objectValue ?? [:]
            let patterns = s["patternProperties"]?.objectValue ?? [:]
            for key in object.keys.sorted() {
                guard let item = object[key] else { continue }
                var matched = false
                if let sub = properties[key] {
                    matched = true
                    check(item, against: sub, path: "\(path)/\(key)", into: &errors)
                }
                for (pattern, sub) in patterns where Self.matches(key, pattern) {
                    matched = true
                    check(item, against: sub, path: "\(path)/\(key)", into: &errors)
                }
                if !matched, s["additionalProperties"] == .bool(false) {
                    errors.append("\(at): unknown property '\(key)'")
                }
            }
            for case .string(let key) in s["required"]?.arrayValue ?? [] where object[key] == nil {
                errors.append("\(at): missing required property '\(key)'")
            }
        }
        if case .array(let items) = value {
            if let itemSchema = s["items"] {
                for (index, item) in items.enumerated() {
                    check(item, against: itemSchema, path: "\(path)/\(index)", into: &errors)
                }
            }
            if s["uniqueItems"] == .bool(true), Set(items).count != items.count {
                errors.append("\(at): items are not unique")
            }
        }
        if let branches = s["oneOf"]?.arrayValue {
            let passing = branches.filter { branch in
                var branchErrors: [String] = []
                check(value, against: branch, path: path, into: &branchErrors)
                return branchErrors.isEmpty
            }
            if passing.count != 1 { errors.append("\(at): no oneOf branch matches") }
        }
        for part in s["allOf"]?.arrayValue ?? [] {
            if let condition = part["if"] {
                var conditionErrors: [String] = []
                check(value, against: condition, path: path, into: &conditionErrors)
                if conditionErrors.isEmpty, let then = part["then"] {
                    check(value, against: then, path: path, into: &errors)
                }
            } else {
                check(value, against: part, path: path, into: &errors)
            }
        }
    }

    static func hasType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("object", .object), ("array", .array), ("string", .string), ("boolean", .bool), ("null", .null),
            ("integer", .int), ("number", .int), ("number", .double):
            return true
        default:
            return false
        }
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return false }
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
