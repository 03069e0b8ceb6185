/// `/api/clients`: list, show, create, update, delete and the two regenerate actions (boruta.md §3–§5).
extension BorutaAPI {
    func listClients() -> HTTPResponse {
        .data(200, state.withValue { s in .array(s.clients.map { $0.render(s) }) })
    }

    func show(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            return .data(200, client.render(s))
        }
    }

    /// The `"client"` params of a write body, or the 400 Phoenix answers with.
    func clientParams(_ request: HTTPRequest, action: String) -> Result<JSONValue, BorutaError> {
        // Plug.Parsers parses only JSON bodies; without the content type the params have no "client" key.
        let isJSON = request.header("content-type")?.lowercased().hasPrefix("application/json") ?? false
        var params: JSONValue = .object([])
        if isJSON, !request.body.isEmpty {
            do {
                params = try JSONParser.parseDocument(request.body)
            } catch let error as JSONParser.SyntaxError {
                return .failure(.badRequest("malformed request, a Jason.DecodeError exception was raised with message \(error.message)"))
            } catch {
                return .failure(.badRequest("malformed request"))
            }
        }
        guard let client = params["client"], case .object = client else {
            return .failure(
                .badRequest(
                    "could not find a matching BorutaAdminWeb.ClientController.\(action) clause to process request. This typically happens when there is a parameter mismatch but may also happen when any of the other action arguments do not match."
                ))
        }
        return .success(client)
    }

    func create(_ request: HTTPRequest) -> HTTPResponse {
        let params: JSONValue
        switch clientParams(request, action: "create") {
        case .success(let value): params = value
        case .failure(let error): return error.response
        }
        return state.withValue { s in
            var draft = s
            switch BorutaChangeset(params: params, creating: true).apply(to: nil, state: &draft) {
            case .failure(let errors): return BorutaError.unprocessable(errors).response
            case .success(let client):
                draft.replace(client)
                s = draft
                var response = HTTPResponse.data(201, client.render(s))
                response.headers.append(("Location", "/api/clients/\(client.id)"))
                return response
            }
        }
    }

    func update(_ id: String, _ request: HTTPRequest) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let existing = s.client(id.lowercased()) else {
                return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response
            }
            if existing.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            let params: JSONValue
            switch clientParams(request, action: "update") {
            case .success(let value): params = value
            case .failure(let error): return error.response
            }
            var draft = s
            switch BorutaChangeset(params: params, creating: false).apply(to: existing, state: &draft) {
            case .failure(let errors): return BorutaError.unprocessable(errors).response
            case .success(let client):
                draft.replace(client)
                s = draft
                return .data(200, client.render(s))
            }
        }
    }

    func delete(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard let existing = s.client(id.lowercased()) else {
                return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response
            }
            if existing.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            s.clients.removeAll { $0.id == existing.id }
            s.tokens = s.tokens.filter { $0.value.clientID != existing.id }
            return HTTPResponse(status: 204)
        }
    }

    func regenerateKeyPair(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard var client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            if client.id == Self.adminUIClientID { return BorutaError.writeProtected.response }
            client.fields["public_key"] = .string(BorutaRandom.publicKeyPEM())
            client.privateKey = BorutaRandom.token(64)
            s.replace(client)
            return .data(200, client.render(s))
        }
    }

    func regenerateDID(_ id: String) -> HTTPResponse {
        guard BorutaRandom.isUUID(id) else { return BorutaError.castError(id).response }
        return state.withValue { s in
            guard var client = s.client(id.lowercased()) else { return BorutaError.notFound(schema: "Boruta.Ecto.Client", id: id).response }
            let key = client.fields["public_key"]?.stringValue ?? ""
            client.fields["did"] = .string("did:key:z" + SHA256.hex(SHA256.hash(Array(key.utf8))).prefix(46))
            s.replace(client)
            return .data(200, client.render(s))
        }
    }
}
