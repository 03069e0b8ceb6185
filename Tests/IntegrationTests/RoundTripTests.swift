import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import OAuthCtlTestSupport
import Testing

/// Tricky, non-default values for a field, derived from its schema entry (kind, format, allowed
/// values, normalization), never from its name.
enum TrickyValues {
    /// The host every generated URI uses, so `post_logout_redirect_uris` always matches a redirect URI.
    static let host = "app.example.com"
    static let secretEnv = "RT_CLIENT_SECRET"

    static let twoKeys = Tricky(
        text: """
            {"keys": [{"kty": "RSA", "kid": "rsa-1", "use": "sig", "alg": "RS256", "e": "AQAB", "n": "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"}, {"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}
            """)
    static let oneKey = Tricky(
        text:
            #"{"keys": [{"kty": "EC", "kid": "ec-2", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}"#
    )

    /// Values the sandbox (Hydra with its default configuration) rejects although the schema allows
    /// them: only `public` subject identifiers are supported out of the box (hydra.md §1).
    static func serverAccepts(_ field: FieldSchema, _ value: JSONValue) -> Bool {
        !(field.allowedValues?.contains("pairwise") == true && value == "pairwise")
    }

    static func values(for field: FieldSchema) -> [Tricky] {
        if field.sensitive { return [.reference(env: secretEnv)] }
        switch field.kind {
        case .string:
            if let allowed = field.allowedValues {
                var out = allowed.map { Tricky(.string($0)) }
                if field.normalization == .lowercase { out += allowed.map { Tricky(.string($0.uppercased())) } }
                // "" (unset to Hydra) is refused by manifest validation for enum fields; see the report.
                return out.filter { serverAccepts(field, $0.value) }
            }
            if case .uri(let schemes, let fragment)? = field.format {
                let scheme = schemes.isEmpty || schemes.contains("https") ? "https" : schemes[0]
                return [
                    Tricky(.string("\(scheme)://\(host):8443/a/b?x=1&y=%20z" + (fragment ? "#frag" : ""))),
                    Tricky(.string("\(scheme)://\(host)/")),
                ]
            }
            return [
                Tricky(.string("Ünïcödé & <b>\"quoted\"</b> 'single' \\ back")), Tricky(.string("  spaced  out  ")),
                Tricky(.string("日本語のクライアント")), Tricky(.string("")),
            ]
        case .boolean:
            return [Tricky(.bool(true)), Tricky(.bool(false))]
        case .integer:
            return [Tricky(.int(42))]
        case .stringList(let ordered):
            if let allowed = field.allowedValues {
                let shuffled = allowed.reversed().map { JSONValue.string($0) }
                return [Tricky(.array(shuffled + [shuffled[0]])), Tricky(.array([.string(allowed[0])])), Tricky(.array([]))]
            }
            switch field.format {
            case .origin?:
                return [
                    Tricky(.array(["HTTPS://Example.COM/", "http://localhost:8080", "https://a.example.org/", "https://a.example.org"])),
                    Tricky(.array(["https://only.example.net"])), Tricky(.array([])),
                ]
            case .uri(let schemes, let fragment)?:
                let scheme = schemes.isEmpty || schemes.contains("https") ? "https" : schemes[0]
                let base = ["/z", "/a", "/m?x=1&y=2"].map { JSONValue.string("\(scheme)://\(host)\($0)") }
                let withFragment = fragment ? [JSONValue.string("\(scheme)://\(host)/f#part")] : []
                // Order matters for ordered lists; duplicates are kept there and dropped for sets.
                return [
                    Tricky(.array(base + withFragment)), Tricky(.array(base.reversed() + (ordered ? [] : [base[0]]))), Tricky(.array([])),
                ]
            case .hostURI?:
                return [Tricky(.array([.string("https://\(host)"), .string("https://b.\(host)")])), Tricky(.array([]))]
            case .uuid?:
                return [Tricky(.array(["6f1c2a3b-0d4e-4f5a-8b6c-7d8e9f0a1b2c"])), Tricky(.array([]))]
            case nil:
                return [
                    Tricky(.array(["zeta@example.com", "Alpha Team", "zeta@example.com", "mid"])), Tricky(.array(["only"])),
                    Tricky(.array([])),
                ]
            }
        case .spaceSeparatedSet:
            return [
                Tricky(.string("  openid   offline_access openid  email ")), Tricky(.string("profile")),
                Tricky(.string("offline_access offline openid")), Tricky(.string("")),
            ]
        case .duration:
            return ["90m", "1.5h", "3600s", "1h0m0s", "250ms", "2h45m30.5s", "1500us", "0"].map { Tricky(.string($0)) }
        case .json:
            return [
                Tricky(
                    text:
                        #"{"team": "payments", "nested": {"list": [1, 2.5, {"deep": null}], "flag": true, "empty": {}}, "n": 1.0, "big": 1e3, "neg": -0.5, "text": "a&b<c>"}"#
                ),
                Tricky(text: "{}"),
            ]
        case .jwks:
            return [twoKeys, Tricky(text: #"{"keys": []}"#)]
        case .object:
            return [Tricky(text: #"{"a": {"b": 1}}"#), Tricky(text: "{}")]
        case .objectRef:
            return [Tricky(text: "{}")]
        }
    }

    /// Makes a spec acceptable to the server (cross-field rules of hydra.md §1/§3), generically enough
    /// for the generated cases: private_key_jwt needs keys, jwks excludes jwks_uri, post-logout URIs
    /// need a matching redirect URI.
    static func fix(_ spec: inout [String: Tricky]) {
        if spec["token_endpoint_auth_method"]?.value == "private_key_jwt",
            (spec["jwks"]?.value["keys"]?.arrayValue ?? []).isEmpty, (spec["jwks_uri"]?.value.stringValue ?? "").isEmpty
        {
            spec["jwks"] = twoKeys
        }
        if spec["jwks"] != nil { spec["jwks_uri"] = nil }
        if !(spec["post_logout_redirect_uris"]?.value.arrayValue ?? []).isEmpty {
            let redirects = spec["redirect_uris"]?.value.arrayValue ?? []
            if !redirects.contains(where: { $0.stringValue?.contains("://\(host)") == true }) {
                spec["redirect_uris"] = Tricky(.array(redirects + [.string("https://\(host)/cb")]))
            }
        }
    }

    static var writableFields: [FieldSchema] { HydraSchema.fields.filter { !$0.readOnly } }
}

/// The round-trip property through the binary: apply, then plan is a no-op, for every field of the
/// Hydra schema and a seeded set of generated clients; then a field changed out of band is one update.
@Suite("round trip of every Hydra field", .serialized)
struct RoundTripTests {
    static let secret = "rt-secret-value-0123456789"

    /// One client per (field, tricky value) plus 50 seeded random mixes.
    static func generatedClients(seed: UInt64 = 0x5EED_0AC7) -> [(name: String, spec: [String: Tricky])] {
        var clients: [(String, [String: Tricky])] = []
        for field in TrickyValues.writableFields {
            for (index, value) in TrickyValues.values(for: field).enumerated() {
                var spec: [String: Tricky] = [:]
                if field.name != "redirect_uris" { spec["redirect_uris"] = Tricky(.array([.string("https://\(TrickyValues.host)/cb")])) }
                if field.name == "client_id" {
                    // Ids with characters that need percent-encoding in a path.
                    spec["client_id"] = Tricky(.string(["weird id/with?query&x=1", "Ünicode-ïd", "a.b-c_d~e"][index % 3] + "-\(index)"))
                } else {
                    spec[field.name] = value
                }
                TrickyValues.fix(&spec)
                clients.append(("f-\(field.name)-\(index)", spec))
            }
        }
        var random = SplitMix64(seed: seed)
        let fields = TrickyValues.writableFields.filter { $0.name != "client_id" }
        for index in 0..<50 {
            var spec: [String: Tricky] = [:]
            for field in fields where Int.random(in: 0..<100, using: &random) < 35 {
                let values = TrickyValues.values(for: field)
                spec[field.name] = values[Int.random(in: 0..<values.count, using: &random)]
            }
            TrickyValues.fix(&spec)
            clients.append((String(format: "rand-%02d", index), spec))
        }
        return clients
    }

    static func documents(_ sandbox: SandboxProcess, _ clients: [(name: String, spec: [String: Tricky])]) -> [String] {
        [ManifestText.provider(url: sandbox.baseURL)]
            + clients.map { ManifestText.client(name: $0.name, spec: $0.spec.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }
    }

    @Test("every writable field of HydraSchema.fields has tricky values and is covered")
    func everyFieldIsCovered() {
        let covered = Set(Self.generatedClients().flatMap { $0.spec.keys })
        for field in TrickyValues.writableFields {
            #expect(covered.contains(field.name), "field \(field.name) is never generated")
            #expect(!TrickyValues.values(for: field).isEmpty, "field \(field.name) has no values")
        }
        #expect(Self.generatedClients().count > 150)
        #expect(Self.generatedClients().map(\.name) == Self.generatedClients().map(\.name), "the generator is deterministic")
    }

    @Test("apply then plan is a no-op for every field and 50 generated clients; an out-of-band change is one update of that field")
    func roundTrip() async throws {
        let sandbox = try SandboxProcess()
        defer { sandbox.stop() }
        let dir = try TemporaryDirectory()
        let clients = Self.generatedClients()
        let path = try ManifestText.write(dir, Self.documents(sandbox, clients))
        let sink = dir.url.appendingPathComponent("secrets.json").path
        let env = [TrickyValues.secretEnv: Self.secret]

        let validate = try OAuthCtlBinary.run(["validate", path], environment: env)
        #expect(validate.status == 0, "\(validate.combined)")
        let apply = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--parallelism", "8", "--secrets-out", sink], environment: env)
        #expect(apply.status == 0, "\(apply.combined)")
        #expect(apply.stdout.contains("\(clients.count) succeeded, 0 failed, 0 not attempted"), "\(apply.stdout.suffix(2000))")

        let plan = try OAuthCtlBinary.run(["plan", path, "--format", "json", "--detailed-exitcode"], environment: env)
        let planned = try PlanJSON(plan.stdout)
        #expect(plan.status == 0, "not a no-op: \(planned.changes(of: "update")) \(plan.stderr)")
        #expect(planned.summary["no_op"] == clients.count)

        // Out of band: one field changed on one client per field, through the server's PATCH.
        let live = Dictionary(try await Sandbox.allClients(sandbox).map { ($0["client_id"]?.stringValue ?? "", $0) }) { a, _ in a }
        var expected: [String: [String]] = [:]
        for field in TrickyValues.writableFields where field.isComparable && !field.immutable {
            guard let (name, spec) = clients.first(where: { $0.name.hasPrefix("f-\(field.name)-") }), let current = live[name] else {
                Issue.record("no client for \(field.name)")
                continue
            }
            // The first candidate the server accepts (e.g. only 'public' subjects exist by default).
            var accepted = false
            for patch in Self.outOfBandPatches(field, spec: spec, live: current) where !accepted {
                accepted = try await Sandbox.patch(sandbox, id: name, patch) == 200
            }
            guard accepted else {
                // Only a field whose every other value the server refuses may stay unchanged.
                #expect(field.allowedValues != nil, "no out-of-band value accepted for \(field.name)")
                continue
            }
            expected["sb/\(name)"] = [field.name]
        }
        let drifted = try OAuthCtlBinary.run(["plan", path, "--format", "json", "--detailed-exitcode"], environment: env)
        #expect(drifted.status == 2, "\(drifted.stderr)")
        let updates = try PlanJSON(drifted.stdout).changes(of: "update")
        #expect(updates == expected)
        for (address, paths) in expected where updates[address] != paths {
            Issue.record("\(address): expected one change of \(paths), plan shows \(updates[address] ?? [])")
        }

        let reapply = try OAuthCtlBinary.run(
            ["apply", path, "--auto-approve", "--parallelism", "8", "--secrets-out", sink], environment: env)
        #expect(reapply.status == 0, "\(reapply.combined)")
        #expect(reapply.stdout.contains("\(expected.count) succeeded, 0 failed"))
        let after = try OAuthCtlBinary.run(["plan", path, "--detailed-exitcode"], environment: env)
        #expect(after.status == 0, "\(after.stdout.suffix(3000))")
    }

    /// JSON Patches that each change `field` on the live client to a value that differs canonically
    /// and needs no other field to change for the server to accept it, best first.
    static func outOfBandPatches(_ field: FieldSchema, spec: [String: Tricky], live: [String: JSONValue]) -> [String] {
        let canonicalizer = Canonicalizer(schema: HydraSchema.clientSchema(type: "hydra"))
        let current = canonicalizer.canonicalize(live[field.name], field: field)
        if field.kind == .json, var object = live[field.name]?.objectValue {
            // Keep the ownership marker: change the user's part only.
            object["changed_out_of_band"] = .array([1, "two"])
            return [#"[{"op": "replace", "path": "/\#(field.name)", "value": \#(JSONEncoding.compact(.object(object)))}]"#]
        }
        var candidates = TrickyValues.values(for: field).map(\.value)
        switch field.kind {
        case .string where field.format == nil: candidates.append(.string("oob-\(field.name)"))
        case .stringList: candidates.append(.array([.string("https://\(TrickyValues.host)/oob")]))
        case .duration: candidates.append("7m")
        case .jwks: candidates.append(TrickyValues.oneKey.value)
        default: break
        }
        return candidates.compactMap { candidate in
            guard canonicalizer.canonicalize(candidate, field: field) != current else { return nil }
            var changed = spec
            changed[field.name] = Tricky(candidate)
            var fixed = changed
            TrickyValues.fix(&fixed)
            guard fixed.mapValues(\.text) == changed.mapValues(\.text) else { return nil }
            return #"[{"op": "replace", "path": "/\#(field.name)", "value": \#(JSONEncoding.compact(candidate))}]"#
        }
    }
}
