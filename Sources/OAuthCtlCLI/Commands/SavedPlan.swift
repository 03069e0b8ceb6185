import Foundation
import OAuthCtlApply
import OAuthCtlCore

/// `apply --plan PLAN`: applies a saved plan only if it is exactly what would be applied now.
///
/// The file must be intact (its digest), the manifests the same files (their digests), and the plan
/// made again now, with the saved plan's options, must equal it in every action and request body.
/// Otherwise apply refuses with exit 3 and changes nothing.
struct SavedPlan {
    var arguments: ParsedArguments
    var console: Console
    var session: PlanSession

    func load(_ path: String) async -> Result<(Plan, [String: any ProviderAdapter]), ExitCodeError> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail("can't read the saved plan '\(path)'")
        }
        let saved: SavedPlanFile
        do {
            saved = try SavedPlanFile.read([UInt8](data))
        } catch .tampered(let message) {
            return stale(["'\(path)': \(message)"])
        } catch {
            return fail("'\(path)' is not a usable saved plan: \(error)")
        }
        guard Self.compatible(saved.document.toolVersion, OAuthCtl.version) else {
            return fail(
                "the plan was made by oauthctl \(saved.document.toolVersion); this is \(OAuthCtl.version); make the plan again with this version"
            )
        }
        var session = self.session
        session.fixed = .init(options: saved.options, providers: saved.providerNames)
        guard let result = await session.run() else { return .failure(ExitCodeError(code: .failure)) }
        for summary in saved.document.providers {
            guard let provider = result.manifests.provider(summary.name), provider.type == summary.type,
                provider.managedBy == summary.managedBy
            else {
                return fail(
                    "the plan is for provider '\(summary.name)' (\(summary.type), managed_by \(summary.managedBy)), which these manifests don't declare the same way; apply the plan with the manifests it was made from"
                )
            }
        }
        let files = saved.manifests.changedFiles(now: result.manifestDigest)
        if !files.isEmpty {
            return stale(["the manifests are not the ones the plan was made from: " + files.joined(separator: ", ")])
        }
        let fresh = PlanDocument(plan: result.plan, toolVersion: OAuthCtl.version, providers: result.providers)
        let findings = PlanComparison.differences(saved: saved.document.entries, fresh: fresh.entries)
        if !findings.isEmpty { return stale(findings.map(\.description)) }
        console.out(PlanOutput(providers: result.providers).render(saved.document, color: console.colorEnabled(arguments)))
        return .success((result.plan, result.adapters))
    }

    private func stale(_ findings: [String]) -> Result<(Plan, [String: any ProviderAdapter]), ExitCodeError> {
        for finding in findings { console.printError("error: stale plan: \(finding)") }
        console.printError(
            "The saved plan can't be applied as reviewed (\(findings.count) difference(s)). Nothing was changed; make a new plan and review it."
        )
        return .failure(ExitCodeError(code: .stalePlan))
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
