import Foundation
import OAuthCtlCore
import Testing

/// Layer 2 (style.md §6): golden plan renderings, one folder per case. `OAUTHCTL_RECORD=1` rewrites them.
@Suite("Plan goldens")
struct PlanGoldenTests {
    static let recording = ProcessInfo.processInfo.environment["OAUTHCTL_RECORD"] == "1"

    @Test("the golden folder holds cases") func hasCases() {
        #expect(PlanGoldenCase.all.count >= 20)
    }

    @Test("golden plan", arguments: PlanGoldenCase.all)
    func golden(_ golden: PlanGoldenCase) throws {
        let produced = try golden.run()
        if golden.expectsError {
            let refusedPlan = golden.name == "error-too-many-deletes"
            #expect(
                produced.keys.sorted() == (refusedPlan ? ["diagnostics.txt", "plan.txt"] : ["diagnostics.txt"]),
                "\(golden.name): an error- case must fail with diagnostics")
        } else {
            #expect(produced["plan.json"] != nil, "\(golden.name): unexpected errors:\n\(produced["diagnostics.txt"] ?? "")")
        }
        let known = ["plan.txt", "plan.json", "plan.md", "diagnostics.txt"]
        if Self.recording {
            for file in known {
                let url = golden.folder.appendingPathComponent(file)
                if let text = produced[file] {
                    try text.write(to: url, atomically: true, encoding: .utf8)
                } else {
                    try? FileManager.default.removeItem(at: url)
                }
            }
            Issue.record("\(golden.name): recorded; review with git diff")
            return
        }
        for file in known {
            let expected = try golden.read(file)
            let actual = produced[file]
            guard expected != actual else { continue }
            guard let expected, let actual else {
                Issue.record(
                    "\(golden.name)/\(file): \(expected == nil ? "not recorded (run with OAUTHCTL_RECORD=1)" : "expected but not produced")"
                )
                continue
            }
            Issue.record("\(golden.name)/\(file) differs:\n\(GoldenDiff.lines(expected: expected, actual: actual))")
        }
        if let text = produced["plan.json"] {
            try checkJSONRoundTrip(text, golden.name)
        }
    }

    /// `plan.json` parses, decodes and encodes back to the same bytes (what `apply --plan` reads).
    private func checkJSONRoundTrip(_ text: String, _ name: String) throws {
        let json = try JSONParser.parse(text)
        let document = try PlanDocument.document(from: json)
        #expect(JSONRenderer().render(document) == text, "\(name): plan.json does not survive decode and encode")
        let (plan, metadata) = try PlanDocument.decode(json)
        #expect(metadata.toolVersion == PlanGoldenCase.version)
        #expect(plan.actions.count == document.entries.count)
    }
}
