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

    /// A page of clients, each decoded into `layout` (`LiveClient`): no dictionary per client.
    static func clients(_ data: Data, layout: JSONRecordLayout, context: String) throws -> [LiveClient] {
        let records: [JSONRecord]?
        do {
            records = try JSONParser.parseRecords([UInt8](data), layout: layout)
        } catch {
            throw ProviderError.response(call: context, .malformedJSON(error.message))
        }
        guard let records else { return try array(data, context: context).map(LiveClient.init) }  // Throws what is wrong.
        return records.map { LiveClient($0, layout: layout) }
    }

    static func value(_ data: Data, context: String) throws -> JSONValue {
        do {
            return try JSONParser.parse([UInt8](data))
        } catch {
            throw ProviderError.response(call: context, .malformedJSON(error.message))
        }
    }
}
