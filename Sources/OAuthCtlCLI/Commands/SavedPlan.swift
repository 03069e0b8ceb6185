import Foundation
import OAuthCtlApply
import OAuthCtlCore

/// `apply --plan PLAN`: reads a saved plan, checks it belongs to these manifests and this version,
/// and refuses (exit 3, nothing changed) when any client it touches changed since it was made.
struct SavedPlan {
    var arguments: ParsedArguments
    var console: Console
    var session: PlanSession

    func load(_ path: String) async -> Result<(Plan, [String: any ProviderAdapter]), ExitCodeError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail("can't read the saved plan '\(path)'")
        }
        let plan: Plan
        let metadata: PlanDocument.Metadata
        do {
            (plan, metadata) = try PlanDocument.decode(try JSONParser.parse([UInt8](data)))
        } catch {
            return fail("'\(path)' is not a usable saved plan: \(error)")
        }
        guard Self.compatible(metadata.toolVersion, OAuthCtl.version) else {
            return fail("the plan was made by oauthctl \(metadata.toolVersion); this is \(OAuthCtl.version); make the plan again with this version")
        }
        let (manifests, diagnostics, _) = ManifestInput(arguments: arguments, console: console).resolve()
        DiagnosticPrinter(console: console, color: console.colorEnabled(arguments, stream: .stderr)).printText(diagnostics)
        guard !diagnostics.hasErrors else { return .failure(ExitCodeError(code: .failure)) }
        var providers: [ProviderManifest] = []
        for summary in metadata.providers {
            guard let provider = manifests.provider(summary.name), provider.type == summary.type, provider.managedBy == summary.managedBy else {
                return fail("the plan is for provider '\(summary.name)' (\(summary.type), managed_by \(summary.managedBy)), which these manifests don't declare the same way; apply the plan with the manifests it was made from")
            }
            providers.append(provider)
        }
        guard let adapters = session.makeAdapters(providers) else { return .failure(ExitCodeError(code: .failure)) }
        let findings: [StaleCheck.Finding]
        let fresh: Plan
        do {
            (findings, fresh) = try await StaleCheck(adapters: adapters).check(plan)
        } catch {
            return fail("\(error)")
        }
        if !findings.isEmpty {
            for finding in findings { console.printError("error: stale plan: \(finding)") }
            console.printError("The saved plan is stale: \(findings.count) client(s) changed since it was made. Nothing was changed; make a new plan.")
            return .failure(ExitCodeError(code: .stalePlan))
        }
        console.out(PlanOutput(providers: providers).render(fresh, format: "text", color: console.colorEnabled(arguments)))
        return .success((fresh, adapters))
    }

    private func fail(_ message: String) -> Result<(Plan, [String: any ProviderAdapter]), ExitCodeError> {
        console.printError("error: \(message)")
        return .failure(ExitCodeError(code: .failure))
    }

    /// Same major and minor version (0.x: same minor), so the plan's format and semantics match.
    static func compatible(_ a: String, _ b: String) -> Bool {
        a.split(separator: ".").prefix(2) == b.split(separator: ".").prefix(2)
    }
}

/// An exit code carried through a `Result` failure.
struct ExitCodeError: Error {
    var code: ExitCode
}
