import OAuthCtlCore
import Testing

/// The saved plan's seal and the comparison that `apply --plan` makes (pure).
@Suite("saved plan: seal and comparison")
struct SavedPlanFileTests {
    static func address(_ text: String) -> ClientAddress {
        guard let address = ClientAddress(text) else { preconditionFailure("not a client address: \(text)") }
        return address
    }

    static func entry(_ name: String, _ action: Action, after: [String: JSONValue]? = ["client_name": "A"], digest: String? = "sha256:1")
        -> PlanDocument.Entry
    {
        var planned = PlannedAction(
            address: address("p/\(name)"), providerType: "hydra", action: action, id: name, reason: .fieldsDiffer,
            before: action == .create ? nil : ["client_name": "old"], after: after)
        planned.liveDigest = action == .create ? nil : digest
        return PlanDocument.Entry(planned)
    }

    static func file(_ entries: [PlanDocument.Entry]) -> SavedPlanFile {
        let plan = Plan(actions: entries.map(\.plannedAction))
        var options = PlanOptions()
        options.prune = true
        options.maxDeletes = 2
        options.targets = [address("p/a")]
        return SavedPlanFile(
            document: PlanDocument(plan: plan, toolVersion: "0.1.0", providers: []), options: options, providerNames: ["p"],
            manifests: ManifestDigest(files: ["m.yaml": "sha256:ab"]))
    }

    @Test("written then read: the same document, options and manifest digests")
    func roundTrip() throws {
        let file = Self.file([Self.entry("a", .update)])
        let read = try SavedPlanFile.read(Array(file.text().utf8))
        #expect(read.document.entries == file.document.entries)
        #expect(read.options == file.options)
        #expect(read.providerNames == ["p"])
        #expect(read.manifests == file.manifests)
    }

    @Test(
        "any change of content breaks the seal",
        arguments: [
            ("\"A\"", "\"B\""), ("\"prune\": true", "\"prune\": false"), ("\"m.yaml\"", "\"n.yaml\""), ("\"update\"", "\"delete\""),
        ])
    func tamperEvident(_ fragment: String, _ replacement: String) throws {
        let text = Self.file([Self.entry("a", .update)]).text()
        #expect(text.contains(fragment))
        let edited = text.replacingOccurrences(of: fragment, with: replacement)
        #expect(throws: SavedPlanFile.ReadError.self) { try SavedPlanFile.read(Array(edited.utf8)) }
    }

    @Test("a file without a digest is refused")
    func unsealed() {
        #expect(throws: SavedPlanFile.ReadError.self) { try SavedPlanFile.read(Array("{\"format_version\": \"1\"}".utf8)) }
    }

    @Test("identical plans compare equal; each kind of difference is named")
    func comparison() {
        let saved = [Self.entry("a", .update), Self.entry("b", .create), Self.entry("c", .noOp)]
        #expect(PlanComparison.differences(saved: saved, fresh: saved).isEmpty)
        let bodyChanged = [Self.entry("a", .update, after: ["client_name": "Z"]), Self.entry("b", .create), Self.entry("c", .noOp)]
        #expect(
            PlanComparison.differences(saved: saved, fresh: bodyChanged).map(\.description)
                == ["p/a: 'client_name' in the saved plan differs from what would be sent now"])
        let liveChanged = [Self.entry("a", .update, digest: "sha256:2"), Self.entry("b", .create), Self.entry("c", .noOp)]
        #expect(
            PlanComparison.differences(saved: saved, fresh: liveChanged).first?.message.contains("changed on the server since the plan")
                == true)
        let extra = saved + [Self.entry("d", .delete)]
        #expect(
            PlanComparison.differences(saved: saved, fresh: extra).map(\.description) == [
                "p/d: a plan made now would delete it; the saved plan doesn't"
            ])
        let noOpNow = [Self.entry("a", .update), Self.entry("b", .create), Self.entry("c", .update)]
        #expect(
            PlanComparison.differences(saved: saved, fresh: noOpNow).map(\.description) == [
                "p/c: the saved plan would no-op it; a plan made now would update it"
            ])
    }

    @Test("manifest digests name edited, new and removed files")
    func manifestDigests() {
        let then = ManifestDigest(files: ["a.yaml": "sha256:1", "b.yaml": "sha256:2"])
        let now = ManifestDigest(files: ["a.yaml": "sha256:9", "c.yaml": "sha256:3"])
        #expect(
            then.changedFiles(now: now) == [
                "a.yaml (edited since the plan)", "b.yaml (gone since the plan)", "c.yaml (new since the plan)",
            ])
        #expect(then.changedFiles(now: then).isEmpty)
    }
}
