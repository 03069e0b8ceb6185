import Foundation

/// A received HTTP response: status, headers with lower-cased names, and the body bytes.
package struct HTTPResponse: Sendable {
    package var status: Int
    /// Header names are lower-cased; a header that came more than once is joined with ", ".
    package var headers: [String: String]
    package var body: Data

    /// Builds a response, lower-casing header names and joining names that differ only by case.
    package init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = HTTPResponse.normalize(headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
        self.body = body
    }

    /// Builds a response from header fields in wire order; repeated names are joined with ", ".
    package init(status: Int, headerFields: [(String, String)], body: Data = Data()) {
        self.status = status
        self.headers = HTTPResponse.normalize(headerFields)
        self.body = body
    }

    /// The value of header `name`, matched case-insensitively.
    package func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// True for 2xx statuses.
    package var isSuccess: Bool { (200..<300).contains(status) }

    private static func normalize(_ fields: [(String, String)]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in fields {
            let key = name.lowercased()
            if let existing = result[key] {
                result[key] = existing + ", " + value
            } else {
                result[key] = value
            }
        }
        return result
    }
}
