import Foundation

@testable import OAuthCtlSandbox

/// A JSON-Schema subset validator for OpenAPI 3.0 component schemas: type, properties, required,
/// items, nullable, pattern and `$ref` to `#/components/schemas/…`.
///
/// `knownNullable` lists `Schema.property` pairs where hydra.md says the server sends `null`
/// although the spec does not declare `nullable` (the spec is wrong there, hydra.md is the contract).
struct SchemaValidator {
    let schemas: [String: JSONValue]
    var knownNullable: Set<String> = []

    init(specPath: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: specPath))
        let spec = try JSONParser.parseDocument([UInt8](data))
        schemas = Dictionary((spec["components"]?["schemas"]?.objectValue ?? []).map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })
    }

    /// Returns every violation as `path: message`.
    func validate(_ value: JSONValue, against schema: JSONValue, path: String = "$", owner: String = "") -> [String] {
        if value == .null, knownNullable.contains("\(owner).\(path.split(separator: ".").last ?? "")") { return [] }
        if let ref = schema["$ref"]?.stringValue {
            let name = String(ref.split(separator: "/").last ?? "")
            guard let target = schemas[name] else { return ["\(path): unresolved \(ref)"] }
            return validate(value, against: target, path: path, owner: name)
        }
        if value == .null {
            return schema["nullable"] == .bool(true) || schema["type"] == nil ? [] : ["\(path): null but the schema is not nullable"]
        }
        var problems: [String] = []
        switch (schema["type"]?.stringValue, value) {
        case (nil, _), ("string", .string), ("boolean", .bool), ("number", .number), ("object", .object), ("array", .array): break
        case ("integer", .number(let n)) where Int64(n) != nil: break
        case (let type?, _): return ["\(path): expected \(type), found \(value.goKind)"]
        }
        if case .string(let s) = value, let pattern = schema["pattern"]?.stringValue,
            s.range(of: pattern, options: .regularExpression) == nil
        {
            problems.append("\(path): '\(s)' does not match \(pattern)")
        }
        if case .array(let items) = value, let itemSchema = schema["items"] {
            for (i, item) in items.enumerated() { problems += validate(item, against: itemSchema, path: "\(path)[\(i)]", owner: owner) }
        }
        if case .object = value {
            for required in schema["required"]?.arrayValue ?? [] {
                if let key = required.stringValue, value[key] == nil { problems.append("\(path): missing required '\(key)'") }
            }
            for (key, propertySchema) in schema["properties"]?.objectValue ?? [] {
                if let child = value[key] { problems += validate(child, against: propertySchema, path: "\(path).\(key)", owner: owner) }
            }
        }
        return problems
    }

    func validate(_ value: JSONValue, schemaNamed name: String) -> [String] {
        validate(value, against: .object([("$ref", .string("#/components/schemas/\(name)"))]))
    }
}
