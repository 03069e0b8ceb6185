import OAuthCtlHTTP

/// Every Rightbrain call oauthctl makes, in one table, so the inferred ones are easy to correct.
///
/// Paths are relative to `{url}/org/{org_id}/project/{project_id}` (rightbrain.md §1, seen in code).
/// Tags follow the reference: **[code]** seen in Rightbrain's own client code, **[doc]** in stored docs,
/// **[inf]** inferred. When the live `openapi.json` disagrees, change the entry here (and the README's
/// "Rightbrain notes"); nothing else in oauthctl knows these paths.
enum RightbrainEndpoints {
    /// One call: method, path (with `{id}` for the client's internal `id`) and the statuses that mean
    /// success besides 2xx.
    struct Endpoint: Sendable {
        var method: HTTPMethod
        var path: String
        /// Non-2xx statuses the adapter handles itself, such as 404 for an absent client.
        var accepting: Set<Int> = []

        func path(id: String) -> String {
            path.replacingOccurrences(of: "{id}", with: PercentEncoding.segment(id))
        }
    }

    /// List: path [code] (bruno `Oauth Clients.bru`); `page_limit` (1…100, default 100) and `cursor` [doc];
    /// the `{pagination: {next_cursor, has_next}, results}` envelope [code] for Rightbrain lists in
    /// general, [inf] for this one.
    static let list = Endpoint(method: .get, path: "/oauth_client")
    /// Get [code] (bruno `Oauth Client.bru`); 404 = absent [code] (agent skill).
    static let get = Endpoint(method: .get, path: "/oauth_client/{id}", accepting: [404])
    /// Create [code] (bruno `Create Public PKCE.bru`); the status (200 or 201) is unknown, any 2xx is accepted.
    static let create = Endpoint(method: .post, path: "/oauth_client")
    /// Update: the POST verb [doc] (one crawl); the path [inf] from Rightbrain's `POST /{resource}/{id}` convention.
    ///
    /// Treated as a partial update: oauthctl sends every managed field, with full lists.
    static let update = Endpoint(method: .post, path: "/oauth_client/{id}")
    /// Delete [inf] from the `DELETE /task/{id}` convention; 200 or 204 [inf]; 404 = already gone.
    static let delete = Endpoint(method: .delete, path: "/oauth_client/{id}", accepting: [404])
    /// Regenerate secret (`oauthctl rotate`): the page exists [doc], the suffix `regenerate_secret` is [inf]
    /// (from the `POST /api_key/{id}/revoke` convention); the answer is `{"client_secret": …}` [doc]; sent
    /// with an empty body [inf] (the documented body looks like a copy of update's).
    static let regenerateSecret = Endpoint(method: .post, path: "/oauth_client/{id}/regenerate_secret")

    /// Manifest field → wire name, for the fields whose wire name is not documented. "Allowed scopes" and
    /// "trusted status" are modifiable [brief] (the "Update OAuth Client" page's prose); both wire names
    /// are [inf]: `scopes` a list of strings, `trusted` a boolean. No documented response carries them, so
    /// they are write-only in `RightbrainSchema`. Fields not listed keep their name.
    static let wireNames: [String: String] = ["scopes": "scopes", "trusted": "trusted"]

    /// The largest `page_limit` the list accepts [doc].
    static let pageLimit = 100

    /// Fields the update body leaves out: `grant_types` can't change after creation [brief] (the planner
    /// plans a change as a replace), so it is never sent on update, whichever source is right.
    static let notUpdatable: Set<String> = ["grant_types"]
}
