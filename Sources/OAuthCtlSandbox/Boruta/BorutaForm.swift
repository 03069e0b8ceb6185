/// `application/x-www-form-urlencoded` bodies, as the token endpoint reads them.
extension BorutaAPI {
    static func formFields(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for part in body.split(separator: "&") {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = PercentEncoding.decodeQuery(String(pieces[0])) ?? String(pieces[0])
            out[key] = pieces.count > 1 ? (PercentEncoding.decodeQuery(String(pieces[1])) ?? String(pieces[1])) : ""
        }
        return out
    }
}
