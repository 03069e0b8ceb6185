import Foundation
import YAML

extension ClientDecoder {
    /// Reads `metadata.accept_drift: [{field: NAME, reason: TEXT}]`; a reason is required.
    func acceptedDrift(_ metadata: Node.Mapping, schema: ClientSchema, into diagnostics: inout [Diagnostic]) -> [String: String] {
        guard let node = metadata["accept_drift"] else { return [:] }
        let keys = KeyChecker(file: file)
        guard case .sequence(let list) = node else {
            diagnostics.append(
                .error(
                    "'accept_drift' expects a list of {field, reason}, found \(node.foundDescription)", at: keys.loc(node.mark),
                    code: "wrong-type"))
            return [:]
        }
        var accepted: [String: String] = [:]
        for item in list.items {
            guard case .mapping(let entry) = item else {
                diagnostics.append(
                    .error("each accept_drift entry is a mapping {field: NAME, reason: TEXT}", at: keys.loc(item.mark), code: "wrong-type"))
                continue
            }
            keys.check(
                entry, known: ["field", "reason"], required: ["field", "reason"], context: "an accept_drift entry", into: &diagnostics)
            guard let field = entry["field"]?.scalarText, let reason = entry["reason"]?.scalarText else { continue }
            guard let schemaField = schema.field(field), schemaField.isComparable else {
                let at = entry["field"].map { keys.loc($0.mark) } ?? keys.loc(entry.mark)
                diagnostics.append(
                    .error(
                        "unknown field '\(field)' in accept_drift\(NearestName.suggestion(for: field, in: schema.fields.filter(\.isComparable).map(\.name)))",
                        at: at, code: "unknown-field"))
                continue
            }
            if reason.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(
                    .error(
                        "accept_drift for '\(field)' needs a reason: say why this drift is accepted", at: keys.loc(entry.mark),
                        code: "missing-key"))
                continue
            }
            accepted[field] = reason
        }
        return accepted
    }
}
