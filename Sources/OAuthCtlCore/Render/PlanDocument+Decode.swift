/// Reading a saved plan (`plan --out`) back, for `apply --plan`.
extension PlanDocument {
    /// Why a saved plan can't be read: where in the JSON, and what was expected.
    package struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
        /// A JSON path such as `actions[2].action`.
        package var path: String
        package var message: String
        package var description: String { path.isEmpty ? "saved plan: \(message)" : "saved plan: \(path): \(message)" }
    }

    /// The plan and metadata of a saved JSON plan; every field apply needs is restored.
    package static func decode(_ json: JSONValue) throws(DecodeError) -> (Plan, Metadata) {
        let document = try document(from: json)
        return (document.plan, document.metadata)
    }

    /// The document a JSON plan encodes (the inverse of `json`).
    package static func document(from json: JSONValue) throws(DecodeError) -> PlanDocument {
        let root = Reader(value: json, path: "")
        let version = try root["format_version"].string()
        guard version == formatVersion else {
            throw DecodeError(
                path: "format_version",
                message:
                    "this plan has format_version '\(version)'; this oauthctl reads format_version '\(formatVersion)' (make the plan again with this version)"
            )
        }
        let tool = root["tool"]
        guard try tool["name"].string() == toolName else {
            throw DecodeError(path: "tool.name", message: "not an oauthctl plan")
        }
        let providers = try root["providers"].array().map { provider throws(DecodeError) in
            ProviderSummary(
                name: try provider["name"].string(), type: try provider["type"].string(), managedBy: try provider["managed_by"].string())
        }
        let untouched = try root["untouched"].array().map { item throws(DecodeError) in
            let kindText = try item["kind"].string()
            guard let kind = Plan.Untouched.Kind(rawValue: kindText) else { throw item["kind"].error("unknown kind '\(kindText)'") }
            return Plan.Untouched(
                provider: try item["provider"].string(), id: try item["id"].string(), kind: kind, owner: try item["owner"].optionalString())
        }
        var document = PlanDocument(
            toolVersion: try tool["version"].string(), entries: try root["actions"].array().map(Entry.init(reading:)),
            providers: providers, untouched: untouched,
            notes: try root["notes"].array().map { note throws(DecodeError) in try note.string() })
        if root["warnings"].value != nil {
            document.warnings = try root["warnings"].array().map { warning throws(DecodeError) in try warning.string() }
        }
        return document
    }
}

extension PlanDocument.Entry {
    init(reading item: PlanDocument.Reader) throws(PlanDocument.DecodeError) {
        let addressText = try item["address"].string()
        guard let address = ClientAddress(addressText) else { throw item["address"].error("'\(addressText)' is not provider/name") }
        let actionText = try item["action"].string()
        guard let action = Action(rawValue: actionText) else { throw item["action"].error("unknown action '\(actionText)'") }
        let reasonText = try item["reason"].string()
        guard let reason = ActionReason(rawValue: reasonText) else { throw item["reason"].error("unknown reason '\(reasonText)'") }
        var secrets: [String: SecretReference] = [:]
        for (field, reference) in try item["secrets"].object() {
            if let name = reference["from_env"].value?.stringValue {
                secrets[field] = .env(name)
            } else if let path = reference["from_file"].value?.stringValue {
                secrets[field] = .file(path)
            } else {
                throw reference.error("expected {\"from_env\": NAME} or {\"from_file\": PATH}")
            }
        }
        var planned = PlannedAction(
            address: address, providerType: try item["type"].string(), action: action, id: try item["id"].string(), reason: reason,
            changes: try item["changes"].array().map { change throws(PlanDocument.DecodeError) in
                let path = try change["path"].string()
                return FieldChange(
                    path: path, before: try change["before"].any(), after: try change["after"].any(),
                    forcesReplacement: try change["forces_replacement"].bool(), sensitive: secrets[path] != nil)
            },
            before: try item["before"].optionalObject(), after: try item["after"].optionalObject())
        planned.replacedID = try item["replaced_id"].optionalString()
        planned.secrets = secrets
        planned.ignoreFields = Set(try item["ignore_fields"].array().map { field throws(PlanDocument.DecodeError) in try field.string() })
        planned.receivesGeneratedSecret = try item["receives_generated_secret"].bool()
        if let marker = item["marker"].value, !marker.isNull {
            guard let parsed = OwnershipMarker(json: marker) else {
                throw item["marker"].error("expected {\"managed_by\": ..., \"address\": ...}")
            }
            planned.marker = parsed
        }
        planned.liveDigest = try item["live_digest"].optionalString()
        self.init(planned)
    }
}

extension PlanDocument {
    /// A cursor into JSON that knows its path, for precise decode errors.
    struct Reader {
        var value: JSONValue?
        var path: String

        subscript(key: String) -> Reader {
            Reader(value: value?[key], path: path.isEmpty ? key : "\(path).\(key)")
        }

        func error(_ message: String) -> DecodeError { DecodeError(path: path, message: message) }

        private func expected(_ what: String) -> DecodeError {
            error(value == nil ? "missing; expected \(what)" : "expected \(what), found \(value?.typeDescription ?? "nothing")")
        }

        func any() throws(DecodeError) -> JSONValue {
            guard let value else { throw expected("a value") }
            return value
        }

        func string() throws(DecodeError) -> String {
            guard let text = value?.stringValue else { throw expected("a string") }
            return text
        }

        func optionalString() throws(DecodeError) -> String? {
            guard let value, !value.isNull else { return nil }
            return try string()
        }

        func bool() throws(DecodeError) -> Bool {
            guard let flag = value?.boolValue else { throw expected("true or false") }
            return flag
        }

        func array() throws(DecodeError) -> [Reader] {
            guard let items = value?.arrayValue else { throw expected("a list") }
            return items.enumerated().map { Reader(value: $1, path: "\(path)[\($0)]") }
        }

        func object() throws(DecodeError) -> [(String, Reader)] {
            guard let object = value?.objectValue else { throw expected("an object") }
            return object.keys.sorted().map { ($0, self[$0]) }
        }

        func optionalObject() throws(DecodeError) -> [String: JSONValue]? {
            guard let value, !value.isNull else { return nil }
            guard let object = value.objectValue else { throw expected("an object or null") }
            return object
        }
    }
}
