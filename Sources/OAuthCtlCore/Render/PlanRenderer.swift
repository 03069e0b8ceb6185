/// Turns a redacted `PlanDocument` into text for people or programs; never sees a secret.
package protocol PlanRenderer: Sendable {
    /// The rendering of `document`, ending in a newline.
    func render(_ document: PlanDocument) -> String
}

/// `--format json`: the JSON plan of DESIGN §5, pretty-printed with sorted keys.
package struct JSONRenderer: PlanRenderer {
    package init() {}

    package func render(_ document: PlanDocument) -> String {
        var text = ""
        write(document) { text += $0 }
        return text
    }

    /// `render(document)` handed to `out` in pieces as it is made (a plan can list millions of clients left
    /// alone).
    package func write(_ document: PlanDocument, to out: (String) -> Void) {
        let untouched = document.untouchedList
        JSONEncoding.pretty(document.json(untouched: untouched), lists: [untouched], to: out)
        out("\n")
    }
}

/// Words shared by the text and Markdown renderers, so both explain a plan the same way.
enum PlanWording {
    /// Terraform's header phrase: `will be created`, `will be updated in-place`, ...
    static func header(_ action: Action) -> String {
        switch action {
        case .create: "will be created"
        case .update: "will be updated in-place"
        case .replace: "must be replaced"
        case .delete: "will be destroyed"
        case .noOp: "is unchanged"
        }
    }

    /// Why the action was planned, when that is worth saying (`because ...`).
    static func reason(_ entry: PlanDocument.Entry) -> String? {
        switch entry.reason {
        case .notOnServer, .fieldsDiffer, .matches, .alreadyAbsent:
            return nil
        case .adopt:
            return "it exists on the server without this repository's marker; oauthctl adopts it and adds the marker"
        case .immutableFieldChanged:
            let fields = entry.changes.filter(\.forcesReplacement).map(\.path)
            let what = fields.isEmpty ? "an immutable field" : fields.joined(separator: ", ")
            let old = entry.replacedID.map { " '\($0)'" } ?? ""
            return "\(what) can't change in place; the old client\(old) is deleted with its grants and tokens"
        case .tombstone:
            return "its manifest sets metadata.state: absent"
        case .notInManifests:
            return "it carries this repository's marker but is not in the manifests (--prune)"
        }
    }

    /// `Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.`
    static func summary(_ document: PlanDocument) -> String {
        "Plan: \(document.count(.create)) to create, \(document.count(.update)) to update, "
            + "\(document.count(.replace)) to replace, \(document.count(.delete)) to delete."
    }

    static let noChanges = "No changes. The live clients match the manifests."
    static let orphaned = "carries this repository's marker but is not in the manifests; --prune deletes it"

    /// `1 client` / `2 clients`.
    static func clients(_ count: Int) -> String { count == 1 ? "1 client" : "\(count) clients" }

    /// Unmanaged and managed-elsewhere clients, counted per provider (and owner): `(provider, owner?, count)`.
    static func counted(_ untouched: [Plan.Untouched], _ kind: Plan.Untouched.Kind) -> [(String, String?, Int)] {
        var counts: [String: (String, String?, Int)] = [:]
        for item in untouched where item.kind == kind {
            let key = item.provider + "\u{0}" + (item.owner ?? "")
            counts[key, default: (item.provider, item.owner, 0)].2 += 1
        }
        return counts.sorted { $0.key < $1.key }.map(\.value)
    }
}
