/// SHA-256 digests of the manifest files a plan came from, by path (pure: the CLI hands in the bytes).
package struct ManifestDigest: Sendable, Hashable {
    /// Path as the user gave it → `sha256:<hex>` of the file's bytes.
    package var files: [String: String]

    package init(files: [String: String]) {
        self.files = files
    }

    package init(_ sources: [SourceFile]) {
        files = Dictionary(sources.map { ($0.path, SHA256.labelledDigest($0.bytes)) }, uniquingKeysWith: { a, _ in a })
    }

    /// The files that differ between `self` (when the plan was made) and `now`: changed, added, removed.
    package func changedFiles(now: ManifestDigest) -> [String] {
        Set(files.keys).union(now.files.keys).filter { files[$0] != now.files[$0] }.sorted().map { path in
            switch (files[path], now.files[path]) {
            case (nil, _): "\(path) (new since the plan)"
            case (_, nil): "\(path) (gone since the plan)"
            default: "\(path) (edited since the plan)"
            }
        }
    }
}
