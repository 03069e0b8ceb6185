import YAML

/// Decodes a `kind: Provider` document against the provider types' descriptors.
struct ProviderDecoder {
    var descriptors: [String: ProviderDescriptor]
    var file: String
    var directory: String

    func decode(_ mapping: Node.Mapping, into diagnostics: inout [Diagnostic]) -> ProviderManifest? {
        let keys = KeyChecker(file: file)
        guard let name = MetadataReader(file: file).name(of: mapping, known: ["name"], into: &diagnostics) else { return nil }
        guard let spec = mapping["spec"]?.mappingValue else {
            diagnostics.append(
                .error(
                    "provider '\(name)' needs a spec mapping with at least 'type'", at: keys.loc(mapping["spec"]?.mark ?? mapping.mark),
                    code: "missing-key"))
            return nil
        }
        let types = descriptors.keys.sorted()
        guard let typeNode = spec["type"], let written = typeNode.scalarText else {
            diagnostics.append(
                .error(
                    "provider '\(name)' needs spec.type; expected one of: \(types.joined(separator: ", "))", at: keys.loc(spec.mark),
                    code: "missing-key"))
            return nil
        }
        var type = written
        var typeIsUnknown = false
        if descriptors[written] == nil {
            // Reported here; the clients are still checked, against the nearest type when there is one.
            let expected = "expected one of: \(types.joined(separator: ", "))"
            diagnostics.append(
                .error(
                    "unknown provider type '\(written)'\(NearestName.suggestion(for: written, in: types, then: expected))",
                    at: keys.loc(typeNode.mark), code: "bad-provider-type"))
            typeIsUnknown = true
            guard let nearest = NearestName.nearest(to: written, in: types) else {
                var provider = ProviderManifest(
                    name: name, type: written, settings: [:], auth: [:], managedBy: ProviderManifest.defaultManagedBy,
                    location: keys.loc(mapping.mark))
                provider.typeIsUnknown = true
                return provider
            }
            type = nearest
        }
        guard let descriptor = descriptors[type] else { return nil }
        let context = "the spec of provider '\(name)' (\(type))"
        keys.check(
            spec, known: ["type", "auth", "managed_by"] + descriptor.commonSpecKeys + descriptor.specKeys, context: context,
            into: &diagnostics)
        var settings: [String: String] = [:]
        var settingLocations: [String: SourceLocation] = [:]
        for key in descriptor.specKeys {
            guard let node = spec[key] else { continue }
            settingLocations[key] = keys.loc(node.mark)
            if ProviderDescriptor.wholeNumberSettings.contains(key) {
                guard case .scalar(let s) = node, let number = Int(s.value), number >= 1 else {
                    diagnostics.append(
                        .error(
                            "'\(key)' of provider '\(name)' expects a whole number ≥ 1, found \(node.foundDescription)",
                            at: keys.loc(node.mark), code: "wrong-type"))
                    continue
                }
                settings[key] = String(number)
                continue
            }
            if case .scalar(let s) = node, case .string(let text) = s.resolved, !text.isEmpty {
                settings[key] = text
            } else if case .scalar(let s) = node, case .int = s.resolved {
                settings[key] = s.value  // a number such as writes_per_minute: 600
            } else {
                diagnostics.append(
                    .error(
                        "'\(key)' of provider '\(name)' expects a non-empty string, found \(node.foundDescription)",
                        at: keys.loc(node.mark), code: "wrong-type"))
            }
        }
        if let url = settings["url"], let problem = URIFormat.problem(with: url, format: .uri(schemes: ["http", "https"], fragment: false))
        {
            diagnostics.append(
                .error(
                    "'url' of provider '\(name)' is not a valid URL: \(problem)", at: keys.loc(spec["url"]?.mark ?? spec.mark),
                    code: "bad-uri"))
        }
        if !descriptor.requiredOneOf.isEmpty, !descriptor.requiredOneOf.contains(where: { spec[$0] != nil }) {
            let options = descriptor.requiredOneOf.map { "'\($0)'" }.joined(separator: " or ")
            diagnostics.append(
                .error("provider '\(name)' (\(type)) needs \(options) in spec", at: keys.loc(spec.mark), code: "missing-key"))
        }
        for key in descriptor.required where spec[key] == nil {
            diagnostics.append(.error("provider '\(name)' (\(type)) needs '\(key)' in spec", at: keys.loc(spec.mark), code: "missing-key"))
        }
        var managedBy = ProviderManifest.defaultManagedBy
        if let node = spec["managed_by"] {
            if let text = node.scalarText, !text.isEmpty,
                text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-/".contains($0)) })
            {
                managedBy = text
            } else {
                diagnostics.append(
                    .error(
                        "'managed_by' of provider '\(name)' expects a name of letters, digits and '._-/'", at: keys.loc(node.mark),
                        code: "bad-value"))
            }
        }
        var allowInsecureHTTP = false
        if let node = spec[ProviderDescriptor.allowInsecureHTTPKey],
            descriptor.commonSpecKeys.contains(ProviderDescriptor.allowInsecureHTTPKey)
        {
            if case .scalar(let s) = node, case .bool(let value) = s.resolved {
                allowInsecureHTTP = value
            } else {
                diagnostics.append(
                    .error(
                        "'\(ProviderDescriptor.allowInsecureHTTPKey)' of provider '\(name)' expects true or false, found \(node.foundDescription)",
                        at: keys.loc(node.mark), code: "wrong-type"))
            }
        }
        let auth = AuthDecoder(descriptor: descriptor, provider: name, file: file, directory: directory).decode(
            spec["auth"], into: &diagnostics)
        var provider = ProviderManifest(
            name: name, type: type, settings: settings, auth: auth, managedBy: managedBy, location: keys.loc(mapping.mark))
        provider.allowInsecureHTTP = allowInsecureHTTP
        provider.settingLocations = settingLocations
        provider.typeIsUnknown = typeIsUnknown
        return provider
    }
}

/// Reads `metadata.name` and checks the other metadata keys.
struct MetadataReader {
    var file: String

    func name(of document: Node.Mapping, known: [String], into diagnostics: inout [Diagnostic]) -> String? {
        let keys = KeyChecker(file: file)
        guard let metadata = document["metadata"]?.mappingValue else {
            if let node = document["metadata"] {
                diagnostics.append(
                    .error(
                        "'metadata' expects a mapping with 'name', found \(node.foundDescription)", at: keys.loc(node.mark),
                        code: "wrong-type"))
            }
            return nil
        }
        keys.check(metadata, known: known, required: ["name"], context: "metadata", into: &diagnostics)
        guard let node = metadata["name"] else { return nil }
        guard let name = node.scalarText, !name.isEmpty,
            name.utf8.allSatisfy({
                (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || $0 == UInt8(ascii: ".")
                    || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-")
            })
        else {
            diagnostics.append(
                .error(
                    "\(node.described(as: "invalid name")); use letters, digits, '.', '_' and '-'", at: keys.loc(node.mark),
                    code: "bad-name"))
            return nil
        }
        return name
    }
}
