/// `apply --plan`: the saved (reviewed) plan against the plan made again from the same manifests and the
/// live servers now. Apply goes ahead only when they are identical in everything that is sent: each
/// action, id, request body (desired fields, fields handed over, marker, secret references) and the
/// live client it was planned against. Pure.
package enum PlanComparison {
    /// One client whose plan differs, and how.
    package struct Finding: Sendable, Hashable, CustomStringConvertible {
        package var address: String
        package var message: String
        package var description: String { "\(address): \(message)" }
    }

    package static func differences(saved: [PlanDocument.Entry], fresh: [PlanDocument.Entry]) -> [Finding] {
        let savedByAddress = Dictionary(saved.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        let freshByAddress = Dictionary(fresh.map { ($0.address, $0) }, uniquingKeysWith: { a, _ in a })
        var findings: [Finding] = []
        for address in Set(savedByAddress.keys).union(freshByAddress.keys).sorted() {
            let name = address.description
            switch (savedByAddress[address], freshByAddress[address]) {
            case (let old?, nil):
                if old.action != .noOp {
                    findings.append(
                        Finding(
                            address: name, message: "the saved plan would \(old.action.rawValue) it, but a plan made now doesn't include it"
                        ))
                }
            case (nil, let new?):
                if new.action != .noOp {
                    findings.append(
                        Finding(address: name, message: "a plan made now would \(new.action.rawValue) it; the saved plan doesn't"))
                }
            case (let old?, let new?):
                findings += compare(old, new).map { Finding(address: name, message: $0) }
            case (nil, nil):
                break
            }
        }
        return findings
    }

    /// What differs between two plans of one client, most telling first.
    static func compare(_ old: PlanDocument.Entry, _ new: PlanDocument.Entry) -> [String] {
        if old.liveDigest != new.liveDigest {
            let fields = changedKeys(old.before, new.before)
            let what = fields.isEmpty ? "its ownership marker" : fields.map { "'\($0)'" }.joined(separator: ", ")
            if old.before != nil, new.before == nil, new.action == .create {
                return ["client '\(old.replacedID ?? old.id)' was deleted on the server since the plan"]
            }
            if old.before == nil, new.before != nil {
                if old.id.isEmpty {
                    return [
                        "a live client that matches it ('\(new.id)') was created on the server since the plan; applying the create would make a duplicate"
                    ]
                }
                return ["client '\(new.id)' was created on the server since the plan"]
            }
            return ["client '\(new.replacedID ?? new.id)' changed on the server since the plan (\(what))"]
        }
        if old.action != new.action {
            return ["the saved plan would \(old.action.rawValue) it; a plan made now would \(new.action.rawValue) it"]
        }
        var messages: [String] = []
        if old.id != new.id || old.replacedID != new.replacedID {
            messages.append("its id differs from the saved plan ('\(old.id)' → '\(new.id)')")
        }
        for field in changedKeys(old.after, new.after) {
            messages.append("'\(field)' in the saved plan differs from what would be sent now")
        }
        if old.secrets != new.secrets { messages.append("its secret references differ from the saved plan") }
        if old.ignoreFields != new.ignoreFields { messages.append("its ignore_fields differ from the saved plan") }
        if old.marker != new.marker { messages.append("its ownership marker differs from the saved plan") }
        if old.receivesGeneratedSecret != new.receivesGeneratedSecret {
            messages.append("whether the server generates its secret differs from the saved plan")
        }
        return messages
    }

    private static func changedKeys(_ a: [String: JSONValue]?, _ b: [String: JSONValue]?) -> [String] {
        let a = a ?? [:], b = b ?? [:]
        return Set(a.keys).union(b.keys).filter { a[$0] != b[$0] }.sorted()
    }
}
