/// Decodes a request body into a `HydraClient` the way Go's `encoding/json` fills Hydra's struct.
///
/// Unknown keys are ignored; keys match case-insensitively when there is no exact match; `null`
/// leaves a plain field at its zero value; the first type error is reported after decoding.
enum ClientDecoder {
    /// The decoded body: the client plus the write-only and read-only values it carried.
    struct Decoded {
        var client: HydraClient
        /// The clear secret from the body ("" when absent).
        var secret: String
        /// The `created_at` string from the body, if any (PUT echoes it).
        var createdAtText: String?
    }

    static func decode(bytes: [UInt8]) throws(HydraError) -> Decoded {
        let value: JSONValue
        do {
            value = try JSONParser.parseFirstValue(bytes)
        } catch let error as JSONParser.SyntaxError {
            throw HydraError.badBody(error.message)
        } catch {
            throw HydraError.badBody("unexpected EOF")
        }
        return try decode(value: value)
    }

    static func decode(value: JSONValue) throws(HydraError) -> Decoded {
        var decoded = Decoded(client: HydraClient(), secret: "", createdAtText: nil)
        if value == .null { return decoded }
        guard let pairs = value.objectValue else {
            throw HydraError.badBody("json: cannot unmarshal \(value.goKind) into Go value of type client.Client")
        }
        var firstTypeError: String?
        for (key, item) in pairs {
            guard let field = ClientField.byName[key] ?? ClientField.all.first(where: { $0.name.lowercased() == key.lowercased() })
            else { continue }
            func mismatch(_ goType: String? = nil) {
                if firstTypeError == nil {
                    firstTypeError =
                        "json: cannot unmarshal \(item.goKind) into Go struct field Client.\(field.name) of type \(goType ?? field.goType)"
                }
            }
            switch (field.kind, item) {
            case (_, .null) where [.string, .secret, .bool, .int, .time].contains(field.kind):
                continue
            case (.secret, .string(let s)):
                decoded.secret = s
            case (.string, .string):
                decoded.client.values[field.name] = item
            case (.strings, .null):
                decoded.client.values[field.name] = nil
            case (.strings, .array(let items)):
                var strings: [JSONValue] = []
                for element in items {
                    switch element {
                    case .string: strings.append(element)
                    case .null: strings.append(.string(""))
                    default: mismatch("string")
                    }
                }
                decoded.client.values[field.name] = .array(strings)
            case (.bool, .bool):
                decoded.client.values[field.name] = item
            case (.int, .number(let n)):
                if Int64(n) == nil {
                    if firstTypeError == nil {
                        firstTypeError = "json: cannot unmarshal number \(n) into Go struct field Client.\(field.name) of type int64"
                    }
                }
            case (.lifespan, .null):
                decoded.client.values[field.name] = .null
            case (.lifespan, .string(let s)):
                do {
                    decoded.client.values[field.name] = .string(GoDuration.format(try GoDuration.parse(s)))
                } catch {
                    throw HydraError.badBody(error.message)
                }
            case (.lifespan, _):
                throw HydraError.badBody("json: cannot unmarshal \(item.goKind) into Go value of type string")
            case (.nullBool, .null), (.nullBool, .bool):
                decoded.client.values[field.name] = item
            case (.nullBool, _):
                throw HydraError.badBody("json: cannot unmarshal \(item.goKind) into Go value of type bool")
            case (.raw, _):
                decoded.client.values[field.name] = item
            case (.jwks, .null):
                decoded.client.values[field.name] = nil
            case (.jwks, .object):
                if let keys = item["keys"], keys != .null, keys.arrayValue == nil {
                    throw HydraError.badBody(
                        "json: cannot unmarshal \(keys.goKind) into Go struct field JSONWebKeySet.keys of type []jose.JSONWebKey")
                }
                decoded.client.values[field.name] = item
            case (.time, .string(let s)):
                if field.name == "created_at" { decoded.createdAtText = s }
            default:
                mismatch()
            }
        }
        if let firstTypeError { throw HydraError.badBody(firstTypeError) }
        return decoded
    }
}
