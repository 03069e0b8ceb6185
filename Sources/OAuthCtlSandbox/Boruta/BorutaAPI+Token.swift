import Foundation

/// The OAuth token endpoint: client credentials only, ~10 requests a second (boruta.md §1).
extension BorutaAPI {
    func token(_ request: HTTPRequest) -> HTTPResponse {
        let second = Int(clock.now().timeIntervalSince1970)
        let admitted = tokenWindow.withValue { window -> Bool in
            if window.second != second { window = (second, 0) }
            window.count += 1
            return window.count <= Self.tokenRequestsPerSecond
        }
        guard admitted else { return HTTPResponse(status: 429) }  // Boruta's limiter answers with an empty body
        let form = Self.formFields(String(decoding: request.body, as: UTF8.self))
        var clientID = form["client_id"]
        var secret = form["client_secret"]
        if let header = request.header("authorization"), header.lowercased().hasPrefix("basic "),
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":")
        {
            clientID = PercentEncoding.decodeQuery(String(pair[..<colon])) ?? String(pair[..<colon])
            secret = PercentEncoding.decodeQuery(String(pair[pair.index(after: colon)...])) ?? String(pair[pair.index(after: colon)...])
        }
        guard let grant = form["grant_type"] else {
            return BorutaError.oauth(400, "invalid_request", "Request is not a valid OAuth request. Need a grant_type param.")
        }
        guard grant == "client_credentials" else {
            return BorutaError.oauth(400, "unsupported_grant_type", "Client do not support given grant type.")
        }
        let now = clock.now()
        return state.withValue { s in
            guard let id = clientID, let client = s.client(id.lowercased()), let stored = client.fields["secret"]?.stringValue,
                let secret, stored == secret
            else { return BorutaError.oauth(401, "invalid_client", "Invalid client_id or client_secret.") }
            guard client.fields["supported_grant_types"]?.arrayValue?.contains(.string("client_credentials")) == true else {
                return BorutaError.oauth(400, "unsupported_grant_type", "Client do not support given grant type.")
            }
            let requested = Set((form["scope"] ?? "").split(separator: " ").map(String.init))
            let allowed: Set<String> =
                client.fields["authorize_scope"] == .bool(true)
                ? Set(client.scopeIDs.compactMap { id in s.scopes.first { $0.id == id }?.name })
                : Set(s.scopes.filter(\.isPublic).map(\.name))
            guard requested.isSubset(of: allowed) else {
                return BorutaError.oauth(400, "invalid_scope", "Given scopes are unknown or unauthorized.")
            }
            let ttl = client.fields["access_token_ttl"].flatMap { if case .number(let n) = $0 { Int(n) } else { nil } } ?? 86400
            let value = BorutaRandom.token(43)
            s.tokens = s.tokens.filter { $0.value.expires > now }
            s.tokens[value] = BorutaToken(clientID: client.id, scopes: requested, expires: now.addingTimeInterval(Double(ttl)))
            var pairs: [(String, JSONValue)] = [
                ("access_token", .string(value)), ("token_type", .string("bearer")), ("expires_in", .number(String(ttl))),
            ]
            if !requested.isEmpty { pairs.append(("scope", .string(requested.sorted().joined(separator: " ")))) }
            return .json(200, .object(pairs), headers: [("Cache-Control", "no-store"), ("Pragma", "no-cache")])
        }
    }
}
