/// A manifest file's path (as the user gave it) and its bytes. The CLI reads files; the core never does.
package struct SourceFile: Sendable {
    package var path: String
    package var bytes: [UInt8]

    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The folder part of `path` ("" for a bare file name), for resolving `from_file` paths.
    package var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
