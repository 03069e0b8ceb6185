import Foundation
import OAuthCtlCore
import OAuthCtlTestSupport
import Testing

/// The committed `schemas/*.schema.json` checked by an independent validator: Python's `jsonschema`
/// (PyPI; `scripts/test.sh` installs it). Every client and Provider document of every example (converted
/// to JSON by our YAML loader) must validate against its provider type's schema, and wrong types must not.
@Suite("Schemas (independent validator)")
struct IndependentSchemaTests {
    /// One document to check: which schema, and whether it must be valid.
    struct Case {
        var name: String
        var schema: String
        var document: JSONValue
        var valid: Bool
    }

    /// Reads JSON cases from argv[1]; prints one line per case: its name, then each error (or nothing).
    static let checker = """
        import json, sys
        import jsonschema
        cases = json.load(open(sys.argv[1]))
        for case in cases:
            schema = json.load(open(case["schema"]))
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            errors = sorted(e.message + " at /" + "/".join(map(str, e.absolute_path)) for e in cls(schema).iter_errors(case["document"]))
            print(json.dumps({"name": case["name"], "errors": errors}))
        """

    /// examples/<type>/*.yaml, by provider type (the folder name is the type).
    static func exampleCases() throws -> [Case] {
        let examples = repositoryRoot.appendingPathComponent("examples")
        var cases: [Case] = []
        let types = try FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()
        for type in types
        where FileManager.default.fileExists(atPath: repositoryRoot.appendingPathComponent("schemas/\(type).schema.json").path) {
            let files = try FileManager.default.contentsOfDirectory(atPath: examples.appendingPathComponent(type).path).filter {
                $0.hasSuffix(".yaml")
            }.sorted()
            for file in files {
                let text = try String(contentsOf: examples.appendingPathComponent("\(type)/\(file)"), encoding: .utf8)
                for (index, document) in try SchemaSyncTests.documents(text).enumerated() {
                    cases.append(
                        Case(
                            name: "examples/\(type)/\(file) #\(index + 1)", schema: "schemas/\(type).schema.json", document: document,
                            valid: true))
                }
            }
        }
        return cases
    }

    /// Runs the checker; name → errors.
    static func check(_ cases: [Case]) throws -> [String: [String]] {
        let dir = try TemporaryDirectory()
        let input = JSONValue.array(
            cases.map {
                .object([
                    "name": .string($0.name), "schema": .string(repositoryRoot.appendingPathComponent($0.schema).path),
                    "document": $0.document,
                ])
            })
        let path = try dir.write("cases.json", JSONEncoding.pretty(input))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", checker, path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(
            process.terminationStatus == 0,
            "python3 with jsonschema failed (scripts/test.sh installs it): \(String(decoding: errors, as: UTF8.self))")
        var results: [String: [String]] = [:]
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let value = try JSONParser.parse(String(line))
            results[value["name"]?.stringValue ?? ""] = value["errors"]?.arrayValue?.compactMap(\.stringValue) ?? []
        }
        return results
    }

    @Test("every example document (clients and Providers, every type) validates against the committed schema")
    func examplesValidate() throws {
        var cases = try Self.exampleCases()
        #expect(
            Set(cases.map { $0.schema }) == [
                "schemas/hydra.schema.json", "schemas/boruta.schema.json", "schemas/glewlwyd.schema.json", "schemas/rightbrain.schema.json",
            ])
        #expect(cases.count >= 20, "only \(cases.count) documents")
        // ory-network has no example folder: the Hydra examples, as an Ory Network project paced at 30 writes/min.
        for hydra in cases where hydra.schema == "schemas/hydra.schema.json" {
            var document = hydra.document
            if case .object(var object) = document, object["kind"] == "Provider", case .object(var spec)? = object["spec"] {
                spec["type"] = "ory-network"
                spec["writes_per_minute"] = .int(30)
                object["spec"] = .object(spec)
                document = .object(object)
            }
            cases.append(
                Case(name: "ory-network: " + hydra.name, schema: "schemas/ory-network.schema.json", document: document, valid: true))
        }
        let results = try Self.check(cases)
        #expect(results.count == cases.count, "the checker answered \(results.count) of \(cases.count) cases")
        for item in cases {
            #expect(results[item.name] == [], "\(item.name): \(results[item.name] ?? ["no answer"])")
        }
    }

    @Test("wrong types are rejected: writes_per_minute: \"x\", a string for a list, an unknown field")
    func wrongTypesAreRejected() throws {
        let provider = JSONValue.object([
            "apiVersion": "oauthctl/v1", "kind": "Provider", "metadata": .object(["name": "cloud"]),
            "spec": .object(["type": "ory-network", "project_slug": "happy-cat", "writes_per_minute": "x"]),
        ])
        let client = { (spec: [String: JSONValue]) in
            JSONValue.object([
                "apiVersion": "oauthctl/v1", "kind": "OAuth2Client", "metadata": .object(["name": "web"]), "spec": .object(spec),
            ])
        }
        let cases = [
            Case(name: "writes_per_minute x", schema: "schemas/ory-network.schema.json", document: provider, valid: false),
            Case(
                name: "redirect_uris string", schema: "schemas/hydra.schema.json",
                document: client(["redirect_uris": "https://a.example.com/cb"]), valid: false),
            Case(
                name: "unknown field", schema: "schemas/hydra.schema.json",
                document: client(["redirect_uri": .array(["https://a.example.com/cb"])]), valid: false),
            Case(
                name: "control: valid", schema: "schemas/hydra.schema.json",
                document: client(["redirect_uris": .array(["https://a.example.com/cb"])]), valid: true),
        ]
        let results = try Self.check(cases)
        #expect(results["control: valid"] == [])
        #expect(results["writes_per_minute x"]?.contains { $0.hasSuffix("at /spec/writes_per_minute") } == true, "\(results)")
        #expect(results["redirect_uris string"]?.contains { $0.hasSuffix("at /spec/redirect_uris") } == true, "\(results)")
        #expect(results["unknown field"]?.isEmpty == false, "\(results)")
    }
}
