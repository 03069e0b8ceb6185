import Foundation
import OAuthCtlCore
import OAuthCtlProviders
import Testing

/// One golden plan case: a folder under `Golden/plans/` with `manifests.yaml`, `live.json` (the raw clients
/// Hydra's GET returns: an array, or an object of provider name → array), optional `options.json`, and the
/// expected `plan.txt`, `plan.json`, `plan.md` and/or `diagnostics.txt` (error- cases, and any warnings).
struct PlanGoldenCase: Sendable, CustomStringConvertible {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/plans")
    static let version = "${VERSION}"

    /// Every case folder, sorted.
    static var all: [PlanGoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map(PlanGoldenCase.init)
    }

    var name: String
    var description: String { name }
    var folder: URL { Self.root.appendingPathComponent(name) }
    var expectsError: Bool { name.hasPrefix("error-") }

    func read(_ file: String) throws -> String? {
        let url = folder.appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// What the case produces: rendered files by name (`plan.txt`, ...) or `diagnostics.txt`.
    ///
    /// `earlyPages`: the live clients also go through `EarlyPlans` in pages of that many, as a listing
    /// would deliver them (`plannedEarly` counts the clients planned ahead); `repeatingFirst`: the first
    /// live client is listed a second time, at the end, with its `client_name` changed (the later listing
    /// is the one a plan must use).
    func run() throws -> [String: String] {
        var unused = 0
        return try run(plannedEarly: &unused)
    }

    func run(earlyPages: Int? = nil, repeatingFirst: Bool = false, plannedEarly: inout Int) throws -> [String: String] {
        let manifests = try #require(try read("manifests.yaml"), "\(name): manifests.yaml is missing")
        let resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: [:])
        let (set, resolveDiagnostics) = resolver.resolve([SourceFile(path: "manifests.yaml", bytes: Array(manifests.utf8))])
        let options = try PlanGoldenOptions(json: try read("options.json").map { try JSONParser.parse($0) })
        var diagnostics = resolveDiagnostics
        if !diagnostics.hasErrors {
            let live = try read("live.json").map { try JSONParser.parse($0) } ?? .array([])
            let planner = Planner(options: options.plan)
            var states: [Planner.ProviderState] = []
            for provider in set.providers {
                let descriptor = try #require(ProviderRegistry.descriptor(provider.type))
                var clients = (live.arrayValue ?? live[provider.name]?.arrayValue ?? []).compactMap(\.objectValue)
                if repeatingFirst, var again = clients.first {
                    again["client_name"] = .string("listed again")
                    clients.append(again)
                }
                var state = Planner.ProviderState(provider: provider, schema: descriptor.clientSchema, live: clients)
                if let earlyPages {
                    var early = EarlyPlans(
                        planner, provider: provider, schema: descriptor.clientSchema,
                        clients: set.clients.filter { $0.address.provider == provider.name }, secretStatus: options.secretStatus)
                    // As a listing keeps them: each page decoded as the adapters decode it (`LiveClient`s in
                    // the schema's layout), then as `add` returns it (planned clients cut down).
                    state.live = []
                    let layout = descriptor.clientSchema.liveLayout
                    for start in stride(from: 0, to: clients.count, by: earlyPages) {
                        let page = JSONValue.array(clients[start..<min(start + earlyPages, clients.count)].map(JSONValue.object))
                        let records = try #require(try JSONParser.parseRecords(Array(JSONEncoding.compact(page).utf8), layout: layout))
                        state.live += early.add(records.map { LiveClient($0, layout: layout) })
                    }
                    plannedEarly += early.count
                    state.early = early
                }
                states.append(state)
            }
            let (plan, planDiagnostics) = planner.plan(set, states: states, secretStatus: options.secretStatus)
            diagnostics += planDiagnostics
            if diagnostics.filter({ $0.severity == .error }).allSatisfy({ $0.code == Planner.tooManyDeletes }), diagnostics.hasErrors {
                // A refused plan is still shown (text), so the reviewer sees what would be deleted.
                let text = Style.strip(TextRenderer().render(PlanDocument(plan: plan, toolVersion: Self.version, providers: set.providers)))
                return ["plan.txt": text, "diagnostics.txt": diagnostics.map(\.description).joined(separator: "\n") + "\n"]
            }
            if !diagnostics.hasErrors {
                var out = PlanGoldenCase.render(PlanDocument(plan: plan, toolVersion: Self.version, providers: set.providers))
                if !diagnostics.isEmpty { out["diagnostics.txt"] = diagnostics.map(\.description).joined(separator: "\n") + "\n" }
                return out
            }
        }
        return ["diagnostics.txt": diagnostics.map(\.description).joined(separator: "\n") + "\n"]
    }

    /// Every format, colour stripped from text.
    static func render(_ document: PlanDocument) -> [String: String] {
        [
            "plan.txt": Style.strip(TextRenderer().render(document)),
            "plan.json": JSONRenderer().render(document),
            "plan.md": MarkdownRenderer().render(document),
        ]
    }
}

/// `options.json`: `prune`, `allow_replace`, `targets`, `max_deletes`, `set_secrets`, `secret_status`.
struct PlanGoldenOptions {
    var plan = PlanOptions()
    /// `"address/field"` → status; a secret not listed is `unchanged` when the live marker has a
    /// fingerprint for it, else `unknown` (what a provider would decide).
    var statuses: [String: SecretStatus] = [:]

    init(json: JSONValue?) throws {
        guard let json else { return }
        let known: Set<String> = ["prune", "allow_replace", "set_secrets", "max_deletes", "targets", "secret_status"]
        let unknown = Set(json.objectValue?.keys.map { $0 } ?? []).subtracting(known)
        #expect(unknown.isEmpty, "options.json: unknown keys \(unknown.sorted())")
        plan.prune = json["prune"]?.boolValue ?? false
        plan.allowReplace = json["allow_replace"]?.boolValue ?? false
        plan.setSecrets = json["set_secrets"]?.boolValue ?? false
        plan.maxDeletes = json["max_deletes"]?.intValue
        plan.targets = Set(try (json["targets"]?.arrayValue ?? []).map { try #require($0.stringValue.flatMap(ClientAddress.init)) })
        for (key, value) in json["secret_status"]?.objectValue ?? [:] {
            switch value.stringValue {
            case "unchanged": statuses[key] = .unchanged
            case "changed": statuses[key] = .changed
            default: statuses[key] = .unknown
            }
        }
    }

    var secretStatus: Planner.SecretStatusProvider {
        let statuses = statuses
        return { address, field, _, marker in
            statuses["\(address)/\(field)"] ?? (marker?.fingerprints[field] != nil ? .unchanged : .unknown)
        }
    }
}

/// A short line diff for golden mismatches: `-` expected, `+` actual, with line numbers.
enum GoldenDiff {
    static func lines(expected: String, actual: String, limit: Int = 40) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        var i = 0
        var j = 0
        while (i < old.count || j < new.count) && out.count < limit {
            if i < old.count, j < new.count, old[i] == new[j] {
                i += 1
                j += 1
            } else if j < new.count, i < old.count, let k = old[i...].prefix(20).firstIndex(of: new[j]) {
                for line in old[i..<k] { out.append("-\(i + 1): \(line)"); i += 1 }
            } else {
                if i < old.count { out.append("-\(i + 1): \(old[i])"); i += 1 }
                if j < new.count { out.append("+\(j + 1): \(new[j])"); j += 1 }
            }
        }
        return out.joined(separator: "\n")
    }
}
