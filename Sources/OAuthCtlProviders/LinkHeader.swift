import Foundation

/// Reads RFC 8288 `Link` headers: `<URL>; rel="first",<URL>; rel="next"`.
enum LinkHeader {
    /// The `page_token` query value of the `rel="next"` link, if any.
    static func nextPageToken(_ header: String?) -> String? {
        guard let header else { return nil }
        for link in header.split(separator: ",") {
            let parts = link.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let target = parts.first, target.hasPrefix("<"), target.hasSuffix(">"),
                parts.dropFirst().contains(where: { $0 == "rel=\"next\"" || $0 == "rel=next" })
            else { continue }
            let url = String(target.dropFirst().dropLast())
            let query = url.split(separator: "?", maxSplits: 1).dropFirst().first ?? ""
            for pair in query.split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                if kv.first == "page_token", let value = kv.dropFirst().first {
                    return String(value).removingPercentEncoding ?? String(value)
                }
            }
        }
        return nil
    }
}
