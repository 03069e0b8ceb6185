/// The file `plan --out` writes and `apply --plan` reads: the JSON plan (DESIGN §5) plus what makes it
/// tamper-evident and repeatable.
///
/// Extra top-level keys:
/// - `options`: the choices that shaped the plan (`providers`, `targets`, `prune`, `allow_replace`,
///   `set_secrets`, `max_deletes`), so `apply --plan` makes the same plan again to compare;
/// - `manifests`: path → SHA-256 of each manifest file it was made from;
/// - `digest`: SHA-256 of the canonical JSON of everything else. An edited file no longer matches it.
///   (Anyone can recompute a digest: it catches edits, not an attacker; `apply --plan` therefore also
///   makes the plan again and sends nothing unless it is identical.)
package struct SavedPlanFile: Sendable {
    package var document: PlanDocument
    package var options: PlanOptions
    /// The providers the plan covers (all the manifests', or those chosen with `--provider`).
    package var providerNames: [String]
    package var manifests: ManifestDigest

    package init(document: PlanDocument, options: PlanOptions, providerNames: [String], manifests: ManifestDigest) {
        self.document = document
        self.options = options
        self.providerNames = providerNames
        self.manifests = manifests
    }

    /// Why a saved plan can't be used: `tampered` (exit 3) or unreadable (exit 1).
    package enum ReadError: Error, Sendable, CustomStringConvertible {
        case unreadable(String)
        case tampered(String)
        package var description: String {
            switch self {
            case .unreadable(let message), .tampered(let message): message
            }
        }
    }

    /// The JSON text, sealed with its digest.
    package func text() -> String {
        var object = document.json.objectValue ?? [:]
        var options: [String: JSONValue] = [
            "providers": .array(providerNames.sorted().map(JSONValue.string)),
            "targets": .array(self.options.targets.map(\.description).sorted().map(JSONValue.string)),
            "prune": .bool(self.options.prune), "allow_replace": .bool(self.options.allowReplace),
            "set_secrets": .bool(self.options.setSecrets),
        ]
        options["max_deletes"] = self.options.maxDeletes.map { .int($0) } ?? .null
        object["options"] = .object(options)
        object["manifests"] = .object(manifests.files.mapValues(JSONValue.string))
        object["digest"] = .string(Self.digest(of: object))
        return JSONEncoding.pretty(.object(object)) + "\n"
    }

    /// Reads and checks a saved plan: the digest first, then the document and the extra keys.
    package static func read(_ bytes: [UInt8]) throws(ReadError) -> SavedPlanFile {
        guard let root = try? JSONParser.parse(bytes), var object = root.objectValue else {
            throw .unreadable("it is not JSON; save a plan with 'oauthctl plan --out FILE'")
        }
        guard let recorded = object.removeValue(forKey: "digest")?.stringValue else {
            throw .unreadable("it has no digest; it was not written by 'oauthctl plan --out' of this version")
        }
        guard recorded == digest(of: object) else {
            throw .tampered(
                "the file was changed after oauthctl wrote it (its digest doesn't match its content); make a new plan and review it")
        }
        let document: PlanDocument
        do {
            document = try PlanDocument.document(from: .object(object))
        } catch {
            throw .unreadable("\(error)")
        }
        let options = object["options"]
        var planOptions = PlanOptions()
        planOptions.prune = options?["prune"]?.boolValue ?? false
        planOptions.allowReplace = options?["allow_replace"]?.boolValue ?? false
        planOptions.setSecrets = options?["set_secrets"]?.boolValue ?? false
        planOptions.targets = Set((options?["targets"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(ClientAddress.init) })
        planOptions.maxDeletes = options?["max_deletes"]?.intValue
        let names = (options?["providers"]?.arrayValue ?? []).compactMap(\.stringValue)
        let manifests = ManifestDigest(files: (object["manifests"]?.objectValue ?? [:]).compactMapValues(\.stringValue))
        return SavedPlanFile(
            document: document, options: planOptions, providerNames: names.isEmpty ? document.providers.map(\.name) : names,
            manifests: manifests)
    }

    /// SHA-256 of the canonical (sorted-key, compact) JSON of `object`, after a parse so that writing and
    /// reading digest the same value.
    static func digest(of object: [String: JSONValue]) -> String {
        let text = JSONEncoding.compact(.object(object))
        let value = (try? JSONParser.parse(Array(text.utf8))) ?? .object(object)
        return SHA256.labelledDigest(JSONEncoding.compactUTF8(value))
    }
}
