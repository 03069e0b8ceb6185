import Foundation

/// Reads and checks create and update bodies as Rightbrain's Pydantic models would (rightbrain.md §3, §5).
///
/// Unknown keys are ignored (Pydantic's default; Rightbrain's own sample sends `"Description"`), type
/// and enum errors are collected into one 422, and the documented server rules come after.
struct RightbrainValidator {
    static let grantTypes = ["client_credentials", "authorization_code", "refresh_token", "implicit"]
    static let authMethods = ["none", "client_secret_basic", "client_secret_post"]
    static let challengeMethods = ["S256", "plain"]
    static let maxRedirectLength = 2048

    /// The fields a body sets; a field present with `null` is `.some(nil)`.
    struct Fields {
        var name: String?
        var description: String??
        var redirectURIs: [String]??
        var grantTypes: [String]??
        var tokenEndpointAuthMethod: String?
        var pkceRequired: Bool?
        var pkceChallengeMethod: String??
        var scopes: [String]??
        var trusted: Bool??
    }

    /// Decodes a body; `create` makes `name` required.
    static func decode(_ bytes: [UInt8], create: Bool) -> Result<Fields, RightbrainError> {
        let body: JSONValue
        do { body = try JSONParser.parseDocument(bytes) } catch {
            return .failure(RightbrainError(validation: [.init("json_invalid", [.string("body")], "JSON decode error")]))
        }
        guard body.objectValue != nil else {
            return .failure(
                RightbrainError(validation: [
                    .init("model_attributes_type", [.string("body")], "Input should be a valid dictionary or object to extract fields from")
                ]))
        }
        var problems: [RightbrainError.Item] = []
        var fields = Fields()
        func loc(_ key: String) -> [JSONValue] { [.string("body"), .string(key)] }

        switch body["name"] {
        case nil where create: problems.append(.init("missing", loc("name"), "Field required"))
        case nil: break
        case .string(let text)? where text.trimmingCharacters(in: .whitespaces).isEmpty:
            problems.append(.init("string_too_short", loc("name"), "String should have at least 1 character"))
        case .string(let text)?: fields.name = text
        case _?: problems.append(.init("string_type", loc("name"), "Input should be a valid string"))
        }
        if let value = body["description"] {
            switch value {
            case .null: fields.description = .some(nil)
            case .string(let text): fields.description = .some(text)
            default: problems.append(.init("string_type", loc("description"), "Input should be a valid string"))
            }
        }
        if let value = body["redirect_uris"] {
            fields.redirectURIs = list(value, key: "redirect_uris", into: &problems) { uri, at in
                redirectProblem(uri).map { .init("value_error", at, "Value error, \($0)") }
            }
        }
        if let value = body["grant_types"] {
            fields.grantTypes = list(value, key: "grant_types", into: &problems) { item, at in
                grantTypes.contains(item) ? nil : .init("enum", at, "Input should be " + quotedChoices(grantTypes))
            }
        }
        if let value = body["token_endpoint_auth_method"] {
            if let text = value.stringValue, authMethods.contains(text) {
                fields.tokenEndpointAuthMethod = text
            } else {
                problems.append(.init("enum", loc("token_endpoint_auth_method"), "Input should be " + quotedChoices(authMethods)))
            }
        }
        if let value = body["pkce_required"] {
            if case .bool(let flag) = value {
                fields.pkceRequired = flag
            } else {
                problems.append(.init("bool_type", loc("pkce_required"), "Input should be a valid boolean"))
            }
        }
        if let value = body["scopes"] {
            fields.scopes = list(value, key: "scopes", into: &problems) { _, _ in nil }
        }
        if let value = body["trusted"] {
            switch value {
            case .null: fields.trusted = .some(nil)
            case .bool(let flag): fields.trusted = .some(flag)
            default: problems.append(.init("bool_type", loc("trusted"), "Input should be a valid boolean"))
            }
        }
        if let value = body["pkce_challenge_method"] {
            switch value {
            case .null: fields.pkceChallengeMethod = .some(nil)
            case .string(let text) where challengeMethods.contains(text): fields.pkceChallengeMethod = .some(text)
            default: problems.append(.init("enum", loc("pkce_challenge_method"), "Input should be " + quotedChoices(challengeMethods)))
            }
        }
        return problems.isEmpty ? .success(fields) : .failure(RightbrainError(validation: problems))
    }

    /// A list of strings (or null), each item checked by `check`.
    private static func list(
        _ value: JSONValue, key: String, into problems: inout [RightbrainError.Item],
        check: (String, [JSONValue]) -> RightbrainError.Item?
    ) -> [String]?? {
        if value == .null { return .some(nil) }
        guard let items = value.arrayValue else {
            problems.append(.init("list_type", [.string("body"), .string(key)], "Input should be a valid list"))
            return nil
        }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            let at: [JSONValue] = [.string("body"), .string(key), .number(String(index))]
            guard let text = item.stringValue else {
                problems.append(.init("string_type", at, "Input should be a valid string"))
                continue
            }
            if let problem = check(text, at) { problems.append(problem) } else { out.append(text) }
        }
        return .some(out)
    }

    /// The documented redirect rules: absolute, https except on localhost, no fragment, ≤ 2048 characters.
    static func redirectProblem(_ uri: String) -> String? {
        if uri.count > maxRedirectLength { return "redirect URI must be at most \(maxRedirectLength) characters" }
        if uri.contains("#") { return "redirect URI must not contain a fragment" }
        guard let schemeEnd = uri.range(of: "://") else { return "redirect URI must be an absolute URL" }
        let scheme = uri[..<schemeEnd.lowerBound].lowercased()
        let rest = uri[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        var host = authority.split(separator: "@").last.map(String.init) ?? ""
        if host.hasPrefix("[") { host = String(host.prefix { $0 != "]" }) + "]" } else { host = String(host.prefix { $0 != ":" }) }
        if host.isEmpty { return "redirect URI must have a host" }
        let local = ["localhost", "127.0.0.1", "[::1]"].contains(host.lowercased())
        switch scheme {
        case "https": return nil
        case "http" where local: return nil
        case "http": return "redirect URI must use https (http is allowed only for localhost)"
        default: return "redirect URI must use https"
        }
    }

    /// Pydantic's enum message tail: `'a', 'b' or 'c'`.
    static func quotedChoices(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        return quoted.dropLast().joined(separator: ", ") + (quoted.count > 1 ? " or " : "") + (quoted.last ?? "")
    }

    /// The rules across fields, checked on the client as it would be stored.
    static func check(_ client: RightbrainClient) -> RightbrainError? {
        let grants = client.grantTypes ?? []
        if grants.contains(where: { $0 == "authorization_code" || $0 == "implicit" }), (client.redirectURIs ?? []).isEmpty {
            return RightbrainError(422, "redirect_uris are required for the authorization_code and implicit grant types")
        }
        return nil
    }
}
