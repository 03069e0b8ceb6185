import Foundation
import OAuthCtlCore

/// JSON bodies to and from the wire, shared by the adapters.
enum JSONWire {
    static func encode(_ object: [String: JSONValue]) -> Data {
        Data(JSONEncoding.compact(.object(object)).utf8)
    }

    static func object(_ data: Data, context: String) throws -> [String: JSONValue] {
        guard let object = try value(data, context: context).objectValue else {
            throw ProviderError.response(call: context, .notAnObject)
        }
        return object
    }

    static func array(_ data: Data, context: String) throws -> [[String: JSONValue]] {
        guard let items = try value(data, context: context).arrayValue else {
            throw ProviderError.response(call: context, .notAList)
        }
        return try items.map {
            guard let object = $0.objectValue else { throw ProviderError.response(call: context, .itemNotAnObject) }
            return object
        }
    }

    static func value(_ data: Data, context: String) throws -> JSONValue {
        do {
            return try JSONParser.parse([UInt8](data))
        } catch {
            throw ProviderError.response(call: context, .malformedJSON(error.message))
        }
    }
}
