import Foundation

extension HydraAPI {
    /// `POST /admin/clients`: defaults, generated id and secret, 409 on a duplicate id.
    func create(_ request: HTTPRequest) -> Result<HTTPResponse, HydraError> {
        let decoded: ClientDecoder.Decoded
        do { decoded = try ClientDecoder.decode(bytes: request.body) } catch { return .failure(error) }
        var client = decoded.client
        if client.id.isEmpty { client.set("client_id", UUID().uuidString.lowercased()) }
        let secret = decoded.secret.isEmpty ? SecretHasher.generate() : decoded.secret
        do { try validator.validate(&client, secret: decoded.secret) } catch { return .failure(error) }
        let now = clock.now()
        client.createdAt = RFC3339.roundedToSecond(now)
        client.updatedAt = RFC3339.truncatedToMicrosecond(now)
        client.secretHash = SecretHasher.hash(secret)
        let inserted = store.withValue { s in
            guard s.insert(client) else { return false }
            persist(s)
            return true
        }
        guard inserted else { return .failure(.conflict) }
        let isPublic = client.string("token_endpoint_auth_method") == "none"
        guard case .object(var pairs) = client.render(echo: true, secret: isPublic ? nil : secret) else { return .failure(.unrecognizable) }
        let host = request.header("host") ?? "127.0.0.1"
        pairs.append(("registration_access_token", .string("ory_at_" + SecretHasher.generate(length: 43))))
        pairs.append(("registration_client_uri", .string("http://\(host)/oauth2/register/" + PercentEncoding.pathEscape(client.id))))
        return .success(.json(201, .object(pairs), headers: [("Location", "/admin/clients/" + PercentEncoding.pathEscape(client.id))]))
    }

    /// `PUT /admin/clients/{id}`: full replace; an omitted or empty secret keeps the stored one.
    func replace(_ id: String, _ request: HTTPRequest) -> Result<HTTPResponse, HydraError> {
        let decoded: ClientDecoder.Decoded
        do { decoded = try ClientDecoder.decode(bytes: request.body) } catch { return .failure(error) }
        var client = decoded.client
        client.set("client_id", id)
        do { try validator.validate(&client, secret: decoded.secret) } catch { return .failure(error) }
        let now = clock.now()
        let updated = store.withValue { s -> Bool in
            guard let existing = s[id] else { return false }
            client.createdAt = existing.createdAt
            client.updatedAt = RFC3339.truncatedToMicrosecond(now)
            if decoded.secret.isEmpty {
                client.secretHash = existing.secretHash
                client.rotatedSecretHashes = existing.rotatedSecretHashes
            } else {
                client.secretHash = SecretHasher.hash(decoded.secret)
            }
            _ = s.update(client)
            persist(s)
            return true
        }
        guard updated else { return .failure(.notFound) }
        let createdAt = decoded.createdAtText ?? RFC3339.format(RFC3339.roundedToSecond(now))
        return .success(.json(200, client.render(echo: true, secret: decoded.secret, createdAtText: createdAt)))
    }

    /// `PATCH /admin/clients/{id}`: JSON Patch over the stored client; document errors are 500.
    func patch(_ id: String, _ request: HTTPRequest) -> Result<HTTPResponse, HydraError> {
        guard let existing = store.withValue({ $0[id] }) else { return .failure(.notFound) }
        guard let patchDocument = try? JSONParser.parseDocument(request.body) else { return .failure(.unrecognizable) }
        let document = existing.render(echo: false).setting("client_secret", .string(existing.secretHash))
        let patched: JSONValue
        do { patched = try JSONPatch.apply(patchDocument, to: document) } catch { return .failure(.unrecognizable) }
        guard var decoded = try? ClientDecoder.decode(value: patched) else { return .failure(.unrecognizable) }
        let newSecret = decoded.secret != existing.secretHash && !decoded.secret.isEmpty ? decoded.secret : nil
        do { try validator.validate(&decoded.client, secret: newSecret ?? "") } catch { return .failure(error) }
        var client = decoded.client
        let now = clock.now()
        let updated = store.withValue { s -> Bool in
            // Hydra does not deny `/client_id`: the patched id picks the row that gets overwritten.
            guard let target = s[client.id] else { return false }
            client.createdAt = target.createdAt
            client.updatedAt = RFC3339.truncatedToMicrosecond(now)
            client.secretHash = newSecret.map(SecretHasher.hash) ?? target.secretHash
            client.rotatedSecretHashes = newSecret == nil ? target.rotatedSecretHashes : []
            _ = s.update(client)
            persist(s)
            return true
        }
        guard updated else { return .failure(.notFound) }
        return .success(.json(200, client.render(echo: true, secret: newSecret, createdAtText: decoded.createdAtText)))
    }

    /// `PUT /admin/clients/{id}/lifespans`: replaces all 13 lifespans (omitted → null).
    func setLifespans(_ id: String, _ request: HTTPRequest) -> Result<HTTPResponse, HydraError> {
        let decoded: ClientDecoder.Decoded
        do { decoded = try ClientDecoder.decode(bytes: request.body) } catch { return .failure(error) }
        return modify(id) { (client: inout HydraClient) throws(HydraError) -> String? in
            for name in ClientField.lifespanNames { client.values[name] = decoded.client.values[name] }
            try validator.validate(&client, secret: "")
            return nil
        }
    }

    /// `POST /admin/clients/{id}/secrets/rotate`: a new secret; the old hash joins the 5 rotated ones.
    func rotate(_ id: String) -> Result<HTTPResponse, HydraError> {
        modify(id) { (client: inout HydraClient) throws(HydraError) -> String? in
            try Self.requireSecretMethod(client)
            let secret = SecretHasher.generate()
            client.rotatedSecretHashes = [client.secretHash] + client.rotatedSecretHashes.prefix(4)
            client.secretHash = SecretHasher.hash(secret)
            return secret
        }
    }

    /// `DELETE /admin/clients/{id}/secrets/rotate`: forgets the rotated secrets.
    func clearRotated(_ id: String) -> Result<HTTPResponse, HydraError> {
        modify(id) { (client: inout HydraClient) throws(HydraError) -> String? in
            try Self.requireSecretMethod(client)
            client.rotatedSecretHashes = []
            return nil
        }
    }

    /// hydra.md §2: herodot `ErrBadRequest` with Go's `%q` of the method (`"` becomes `'` in descriptions).
    private static func requireSecretMethod(_ client: HydraClient) throws(HydraError) {
        let method = client.string("token_endpoint_auth_method")
        guard ["client_secret_basic", "client_secret_post"].contains(method) else {
            throw HydraError(
                400, HydraError.malformed,
                "The client is configured to use the \"\(method)\" authentication method, which does not support client secret rotation.")
        }
    }

    /// Test control `POST /__sandbox/verify_secret` `{"client_id", "client_secret"}` → `{"valid": bool}`:
    /// whether the secret would authenticate the client (the current one, or one rotated and not yet finished).
    func verifySecret(_ request: HTTPRequest) -> HTTPResponse {
        guard let body = try? JSONParser.parseDocument(request.body), let id = body["client_id"]?.stringValue,
            let secret = body["client_secret"]?.stringValue
        else { return HydraError.badBody("expected {\"client_id\": …, \"client_secret\": …}").response }
        let hashes = store.withValue { s in s[id].map { [$0.secretHash] + $0.rotatedSecretHashes } } ?? []
        let valid = hashes.contains { !$0.isEmpty && SecretHasher.matches(secret, hash: $0) }
        return .json(200, .object([("valid", .bool(valid))]))
    }

    /// Loads, changes, saves and renders one client; `change` may return a secret to echo.
    private func modify(_ id: String, _ change: (inout HydraClient) throws(HydraError) -> String?) -> Result<HTTPResponse, HydraError> {
        let now = clock.now()
        return store.withValue { s in
            guard var client = s[id] else { return .failure(.notFound) }
            let secret: String?
            do { secret = try change(&client) } catch let error as HydraError { return .failure(error) } catch {
                return .failure(.unrecognizable)
            }
            client.updatedAt = RFC3339.truncatedToMicrosecond(now)
            _ = s.update(client)
            persist(s)
            return .success(.json(200, client.render(echo: false, secret: secret)))
        }
    }
}
