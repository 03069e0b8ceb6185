import Foundation

/// Percent-encoding of one value for a URL path segment, a query value or a form body: everything but
/// letters, digits and `-._~` is escaped (ids may hold `/`, `?`).
enum PercentEncoding {
    private static let allowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    /// `text` as one path segment or query value.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// `application/x-www-form-urlencoded` encoding of one value (RFC 6749 §2.3.1 for Basic credentials too):
    /// as `segment`, with spaces as `+`.
    static func form(_ text: String) -> String {
        segment(text).replacingOccurrences(of: "%20", with: "+")
    }
}
