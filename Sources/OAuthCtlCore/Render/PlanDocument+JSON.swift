/// The JSON plan of DESIGN §5.
///
/// Keys fixed by DESIGN §5: `format_version`, `tool {name, version}`,
/// `summary {create, update, replace, delete, no_op}`, and per action `address`, `provider`, `type`,
/// `action`, `id`, `changes [{path, before, after, forces_replacement}]`, `before`, `after`.
///
/// Extensions (additive, so `format_version` stays "1"):
/// - per action: `reason` (an `ActionReason`, for explanations only), `replaced_id` (replace only: the
///   live id deleted first), `secrets` (field → reference, e.g. `{"from_env": "X"}`; references are not
///   secrets), `ignore_fields` (sorted), `receives_generated_secret`, `marker` (`{managed_by, address}`
///   or null; never fingerprints), `live_digest` (only when set);
/// - top level: `providers [{name, type, managed_by}]` (no URL, no auth), `untouched [{provider, id,
///   kind, owner?}]` (`kind`: `orphaned`, `managed_elsewhere`, `unmanaged`), `notes [string]`,
///   `warnings [string]` (only when there are some: e.g. a generated secret that may be lost).
///
/// Every sensitive value is `{"sensitive": true}`.
extension PlanDocument {
    /// The document as JSON; `JSONEncoding` writes its keys sorted.
    package var json: JSONValue { json(untouched: nil) }

    /// The document as JSON, with `untouched` (when given) standing for the clients left alone, to be written
    /// from them (a server can hold millions; see `JSONEncoding.ObjectList`).
    package func json(untouched list: JSONEncoding.ObjectList?) -> JSONValue {
        var object: [String: JSONValue] = [
            "format_version": .string(Self.formatVersion),
            "tool": ["name": .string(Self.toolName), "version": .string(toolVersion)],
            "summary": [
                "create": .int(count(.create)), "update": .int(count(.update)), "replace": .int(count(.replace)),
                "delete": .int(count(.delete)), "no_op": .int(count(.noOp)),
            ],
            "actions": .array(entries.map(\.json)),
            "providers": .array(
                providers.map { provider in
                    ["name": .string(provider.name), "type": .string(provider.type), "managed_by": .string(provider.managedBy)]
                }),
            "untouched": list.map { .string($0.placeholder) } ?? .array(untouched.map(Self.json)),
            "notes": .array(notes.map(JSONValue.string)),
        ]
        if !warnings.isEmpty { object["warnings"] = .array(warnings.map(JSONValue.string)) }
        return .object(object)
    }

    /// The clients left alone, as the list that `json(untouched:)` writes.
    package var untouchedList: JSONEncoding.ObjectList {
        let untouched = untouched
        return JSONEncoding.ObjectList(count: untouched.count, keys: Self.untouchedKeys) { Self.untouchedField($1, of: untouched[$0]) }
    }

    /// The keys of a client left alone in JSON.
    static let untouchedKeys = ["provider", "id", "kind", "owner"]

    /// The value of `key` (one of `untouchedKeys`) for a client left alone; nil where it has none (only a
    /// client managed elsewhere has an owner).
    package static func untouchedField(_ key: String, of untouched: Plan.Untouched) -> JSONValue? {
        switch key {
        case "provider": .string(untouched.provider)
        case "id": .string(untouched.id)
        case "kind": .string(untouched.kind.rawValue)
        case "owner": untouched.owner.map(JSONValue.string)
        default: nil
        }
    }

    static func json(_ untouched: Plan.Untouched) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: untouchedKeys.compactMap { key in untouchedField(key, of: untouched).map { (key, $0) } }))
    }
}

extension PlanDocument.Entry {
    /// One element of `actions`.
    package var json: JSONValue {
        var object: [String: JSONValue] = [
            "address": .string(address.description),
            "provider": .string(address.provider),
            "type": .string(providerType),
            "action": .string(action.rawValue),
            "id": .string(id),
            "reason": .string(reason.rawValue),
            "changes": .array(
                changes.map { change in
                    [
                        "path": .string(change.path), "before": change.before, "after": change.after,
                        "forces_replacement": .bool(change.forcesReplacement),
                    ]
                }),
            "before": before.map(JSONValue.object) ?? .null,
            "after": after.map(JSONValue.object) ?? .null,
            "secrets": .object(secrets.mapValues(\.json)),
            "ignore_fields": .array(ignoreFields.sorted().map(JSONValue.string)),
            "receives_generated_secret": .bool(receivesGeneratedSecret),
            "marker": marker?.displayJSON ?? .null,
        ]
        if let replacedID { object["replaced_id"] = .string(replacedID) }
        if let liveDigest { object["live_digest"] = .string(liveDigest) }
        return .object(object)
    }
}
