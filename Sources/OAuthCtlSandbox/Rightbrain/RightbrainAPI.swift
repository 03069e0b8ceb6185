import Foundation

/// Rightbrain's project-scoped OAuth-client API (rightbrain.md §2–§7), for any org and project.
///
/// Routes under `/api/v1/org/{org_id}/project/{project_id}`: `GET|POST /oauth_client`,
/// `GET|POST|DELETE /oauth_client/{id}`, `POST /oauth_client/{id}/regenerate_secret`. Each project has its
/// own clients. Ids are UUIDv7 (time-ordered); lists are ordered by id with an opaque cursor.
final class RightbrainAPI: @unchecked Sendable {
    /// Every client, by id.
    let clients: LockedValue<[String: RightbrainClient]>
    let clock: SandboxClock
    private let ids = UUIDv7()
    /// Called with every client after each successful write, inside the lock.
    let persist: @Sendable ([String: RightbrainClient]) -> Void

    /// The org and project `--seed` fills (documented in the README and `sandbox --help`).
    static let seedOrgID = "0195f3a0-0000-7000-8000-000000000001"
    static let seedProjectID = "0195f3a0-0000-7000-8000-000000000002"
    /// The API base path the sandbox prints as part of its base URL.
    static let basePath = "/api/v1"

    init(clients: [String: RightbrainClient], clock: SandboxClock, persist: @escaping @Sendable ([String: RightbrainClient]) -> Void) {
        self.clients = LockedValue(clients)
        self.clock = clock
        self.persist = persist
    }

    /// Routes one request; `segments` are the percent-decoded path segments after `/api/v1`.
    func handle(_ request: HTTPRequest, segments: [String]) -> HTTPResponse {
        guard segments.count >= 5, segments[0] == "org", segments[2] == "project", segments[4] == "oauth_client" else {
            return RightbrainError.notFound.response
        }
        let result: Result<HTTPResponse, RightbrainError>
        switch (segments.count, request.method) {
        case (5, "GET"): result = scoped(segments) { self.list(request, org: $0, project: $1) }
        case (5, "POST"): result = scoped(segments) { self.create(request, org: $0, project: $1) }
        case (6, "GET"): result = scoped(segments) { self.get(segments[5], org: $0, project: $1) }
        case (6, "POST"): result = scoped(segments) { self.update(segments[5], request, org: $0, project: $1) }
        case (6, "DELETE"): result = scoped(segments) { self.delete(segments[5], org: $0, project: $1) }
        case (7, "POST") where segments[6] == "regenerate_secret":
            result = scoped(segments) { self.regenerate(segments[5], org: $0, project: $1) }
        case (5, _), (6, _): result = .failure(.methodNotAllowed())
        case (7, _) where segments[6] == "regenerate_secret": result = .failure(.methodNotAllowed())
        default: result = .failure(.notFound)
        }
        switch result {
        case .success(let response): return response
        case .failure(let error): return error.response
        }
    }

    /// Checks the path's UUIDs (FastAPI path types) before running `body` with the org and project.
    private func scoped(
        _ segments: [String], _ body: (String, String) -> Result<HTTPResponse, RightbrainError>
    ) -> Result<HTTPResponse, RightbrainError> {
        var problems: [RightbrainError.Item] = []
        for (index, name) in [(1, "org_id"), (3, "project_id")] + (segments.count > 5 ? [(5, "oauth_client_id")] : [])
        where !UUIDv7.isValid(segments[index]) {
            problems.append(.init("uuid_parsing", [.string("path"), .string(name)], "Input should be a valid UUID"))
        }
        guard problems.isEmpty else { return .failure(RightbrainError(validation: problems)) }
        return body(segments[1].lowercased(), segments[3].lowercased())
    }

    private func find(_ id: String, org: String, project: String, in all: [String: RightbrainClient]) -> RightbrainClient? {
        guard let client = all[id.lowercased()], client.orgID == org, client.projectID == project else { return nil }
        return client
    }

    // MARK: - Reads

    func list(_ request: HTTPRequest, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        var limit = 100
        if let raw = request.queryValue("page_limit") {
            guard let value = Int(raw) else {
                return .failure(
                    RightbrainError(validation: [
                        .init(
                            "int_parsing", [.string("query"), .string("page_limit")],
                            "Input should be a valid integer, unable to parse string as an integer")
                    ]))
            }
            guard value >= 1 else {
                return .failure(
                    RightbrainError(validation: [
                        .init(
                            "greater_than_equal", [.string("query"), .string("page_limit")], "Input should be greater than or equal to 1")
                    ]))
            }
            guard value <= 100 else {
                return .failure(
                    RightbrainError(validation: [
                        .init("less_than_equal", [.string("query"), .string("page_limit")], "Input should be less than or equal to 100")
                    ]))
            }
            limit = value
        }
        var after: String?
        if let cursor = request.queryValue("cursor"), !cursor.isEmpty {
            guard let id = RightbrainCursor.decode(cursor) else { return .failure(RightbrainError(422, "Invalid cursor")) }
            after = id
        }
        let (page, hasNext) = clients.withValue { all -> ([RightbrainClient], Bool) in
            let mine = all.values.filter { client in
                client.orgID == org && client.projectID == project && (after.map { client.id > $0 } ?? true)
            }.sorted { $0.id < $1.id }
            return (Array(mine.prefix(limit)), mine.count > limit)
        }
        var next = JSONValue.null
        if hasNext, let last = page.last { next = .string(RightbrainCursor.encode(last.id)) }
        return .success(
            .json(
                200,
                .object([
                    ("pagination", .object([("next_cursor", next), ("has_next", .bool(hasNext)), ("page_limit", .number(String(limit)))])),
                    ("results", .array(page.map { $0.render() })),
                ])))
    }

    func get(_ id: String, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        guard let client = clients.withValue({ find(id, org: org, project: project, in: $0) }) else { return .failure(.clientNotFound) }
        return .success(.json(200, client.render()))
    }

    // MARK: - Writes

    func create(_ request: HTTPRequest, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        let fields: RightbrainValidator.Fields
        switch RightbrainValidator.decode(request.body, create: true) {
        case .success(let decoded): fields = decoded
        case .failure(let error): return .failure(error)
        }
        let now = clock.now()
        let method = fields.tokenEndpointAuthMethod ?? "client_secret_basic"
        let secret = method == "none" ? nil : SecretHasher.generate(length: 40)
        let client = RightbrainClient(
            id: ids.next(at: now), clientID: UUIDv7.random(), orgID: org, projectID: project, name: fields.name ?? "",
            description: fields.description ?? nil, redirectURIs: fields.redirectURIs ?? nil, grantTypes: fields.grantTypes ?? nil,
            tokenEndpointAuthMethod: method, pkceRequired: fields.pkceRequired ?? false,
            pkceChallengeMethod: fields.pkceChallengeMethod ?? nil, created: now, modified: now,
            secretHash: secret.map(SecretHasher.hash) ?? "", scopes: fields.scopes ?? nil, trusted: fields.trusted ?? nil)
        if let error = RightbrainValidator.check(client) { return .failure(error) }
        clients.withValue { all in
            all[client.id] = client
            persist(all)
        }
        return .success(.json(200, client.render(secret: secret)))
    }

    /// `POST /oauth_client/{id}`: a partial update; list fields replace the stored list; grant types can't change.
    func update(_ id: String, _ request: HTTPRequest, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        let fields: RightbrainValidator.Fields
        switch RightbrainValidator.decode(request.body, create: false) {
        case .success(let decoded): fields = decoded
        case .failure(let error): return .failure(error)
        }
        return clients.withValue { all in
            guard var client = find(id, org: org, project: project, in: all) else { return .failure(.clientNotFound) }
            if let grants = fields.grantTypes, Set(grants ?? []) != Set(client.grantTypes ?? []) {
                return .failure(RightbrainError(422, "Grant types cannot be changed after creation"))
            }
            if let name = fields.name { client.name = name }
            if let description = fields.description { client.description = description }
            if let uris = fields.redirectURIs { client.redirectURIs = uris }
            if let method = fields.tokenEndpointAuthMethod { client.tokenEndpointAuthMethod = method }
            if let flag = fields.pkceRequired { client.pkceRequired = flag }
            if let method = fields.pkceChallengeMethod { client.pkceChallengeMethod = method }
            if let scopes = fields.scopes { client.scopes = scopes }
            if let trusted = fields.trusted { client.trusted = trusted }
            if let error = RightbrainValidator.check(client) { return .failure(error) }
            client.modified = clock.now()
            all[client.id] = client
            persist(all)
            return .success(.json(200, client.render()))
        }
    }

    func delete(_ id: String, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        clients.withValue { all in
            guard let client = find(id, org: org, project: project, in: all) else { return .failure(.clientNotFound) }
            all[client.id] = nil
            persist(all)
            return .success(HTTPResponse(status: 204))
        }
    }

    /// `POST /oauth_client/{id}/regenerate_secret` → `{"client_secret": …}` (null for a public client).
    func regenerate(_ id: String, org: String, project: String) -> Result<HTTPResponse, RightbrainError> {
        clients.withValue { all in
            guard var client = find(id, org: org, project: project, in: all) else { return .failure(.clientNotFound) }
            let secret = client.tokenEndpointAuthMethod == "none" ? nil : SecretHasher.generate(length: 40)
            client.secretHash = secret.map(SecretHasher.hash) ?? ""
            client.modified = clock.now()
            all[client.id] = client
            persist(all)
            return .success(.json(200, .object([("client_secret", secret.map(JSONValue.string) ?? .null)])))
        }
    }

    // MARK: - Sandbox only

    /// `POST /__sandbox/verify_secret {"client_id" (or "id"), "client_secret"}` → `{"valid": bool}`: lets tests
    /// check that the secret oauthctl stored is the one the server generated, without the sandbox revealing one.
    func verifySecret(_ request: HTTPRequest) -> HTTPResponse {
        guard let body = try? JSONParser.parseDocument(request.body), let id = (body["client_id"] ?? body["id"])?.stringValue,
            let secret = body["client_secret"]?.stringValue
        else { return RightbrainError(400, "expected {\"client_id\": …, \"client_secret\": …}").response }
        let hash =
            clients.withValue { all in
                all[id.lowercased()]?.secretHash ?? all.values.first { $0.clientID == id.lowercased() }?.secretHash
            } ?? ""
        return .json(200, .object([("valid", .bool(!hash.isEmpty && SecretHasher.matches(secret, hash: hash)))]))
    }

    /// Pre-creates `count` confidential clients named `sandbox-00001`… in the seed project (secrets discarded).
    func seed(_ count: Int) {
        let now = clock.now()
        clients.withValue { all in
            for n in 1...max(1, count) {
                let suffix = String(repeating: "0", count: max(0, 5 - String(n).count)) + String(n)
                let client = RightbrainClient(
                    id: ids.next(at: now), clientID: UUIDv7.random(), orgID: Self.seedOrgID, projectID: Self.seedProjectID,
                    name: "sandbox-" + suffix, description: "Seeded by the sandbox", redirectURIs: nil,
                    grantTypes: ["client_credentials"], tokenEndpointAuthMethod: "client_secret_basic", pkceRequired: false,
                    pkceChallengeMethod: nil, created: now, modified: now, secretHash: SecretHasher.hash(SecretHasher.generate()))
                all[client.id] = client
            }
            persist(all)
        }
    }
}

/// Opaque list cursors: base64url of `c1:<last id>`.
enum RightbrainCursor {
    static func encode(_ id: String) -> String {
        Data(("c1:" + id).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        var standard = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        guard let data = Data(base64Encoded: standard), let text = String(data: data, encoding: .utf8), text.hasPrefix("c1:") else {
            return nil
        }
        let id = String(text.dropFirst(3))
        return UUIDv7.isValid(id) ? id.lowercased() : nil
    }
}

extension RightbrainAPI {
    /// The API for `options`: clients loaded from `--state` (saved after every write), seeded when empty.
    static func make(options: SandboxOptions) throws -> RightbrainAPI {
        let stateFile = options.stateFile.map(RightbrainStateFile.init(path:))
        let clients = try stateFile?.load() ?? [:]
        let api = RightbrainAPI(clients: clients, clock: options.clock) { all in try? stateFile?.save(all) }
        if let seed = options.seed, seed > 0, clients.isEmpty { api.seed(seed) }
        return api
    }
}
