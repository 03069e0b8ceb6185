import Foundation
import OAuthCtlCore
import OAuthCtlProviders

/// Finds, reads and resolves the manifests named on the command line (the CLI's side of Load + Resolve).
struct ManifestInput {
    /// Files larger than this are refused with a diagnostic instead of being parsed.
    static let maxFileSize = 64 * 1024 * 1024

    var arguments: ParsedArguments
    var console: Console
    /// `validate`: an unset `${NAME}` in a Provider's connection settings is left to `plan` (see
    /// `ManifestResolver.offline`).
    var offline = false

    /// The resolved manifests, every diagnostic (file, variable and manifest problems) and the files read
    /// (paths relative to the working directory where they are under it). `providersDecoded`: see
    /// `ManifestResolver.resolve`.
    func resolve(providersDecoded: (([ProviderManifest]) -> Void)? = nil) -> (ManifestSet, [Diagnostic], files: [SourceFile]) {
        var diagnostics: [Diagnostic] = []
        let variables = self.variables(into: &diagnostics)
        let files = collectFiles(into: &diagnostics)
        // Names only: an unset `${HYDRA_ADMIN_TOKEN}` can then say that the plain variable is ignored.
        let unread = Set(console.environment.keys.filter { !$0.hasPrefix(Interpolation.environmentPrefix) })
        var resolver = ManifestResolver(descriptors: ProviderRegistry.descriptors, variables: variables, unreadEnvironmentNames: unread)
        resolver.offline = offline
        let (set, resolveDiagnostics) = resolver.resolve(files, providersDecoded: providersDecoded)
        let read = files.map { SourceFile(path: Self.relativePath($0.path, to: console.workingDirectory), bytes: $0.bytes) }
        return (set, (diagnostics + resolveDiagnostics).sortedByLocation(), read)
    }

    /// The values `${NAME}` may use, later sources winning: `OAUTHCTL_VAR_NAME` environment variables, then
    /// `--var-file` files in order, then `--var` values. No other environment variable is read, so a
    /// manifest can't print a CI secret; secrets come through `{from_env: NAME}` references instead.
    func variables(into diagnostics: inout [Diagnostic]) -> [String: String] {
        var values = Interpolation.variables(fromEnvironment: console.environment)
        for path in arguments.all(.varFile) {
            guard let file = read(path, into: &diagnostics) else { continue }
            let (fileValues, fileDiagnostics) = VariableFile.parse(file)
            values.merge(fileValues) { _, new in new }
            diagnostics += fileDiagnostics
        }
        for assignment in arguments.all(.variable) {
            guard let eq = assignment.firstIndex(of: "="), !assignment[..<eq].isEmpty else {
                diagnostics.append(.error("invalid --var '\(assignment)'; write --var NAME=VALUE", at: nil, code: "bad-var"))
                continue
            }
            values[String(assignment[..<eq])] = String(assignment[assignment.index(after: eq)...])
        }
        return values
    }

    /// `path` as one spelling for one file: absolute and standardized, then relative to `directory` when
    /// under it (so `plan x/` and `apply --plan P ./x` name the same files).
    static func relativePath(_ path: String, to directory: String) -> String {
        let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true)).standardizedFileURL.path
        let base = URL(fileURLWithPath: directory, isDirectory: true).standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    /// Every `*.yaml` / `*.yml` under the given paths (default: the current directory), sorted.
    func collectFiles(into diagnostics: inout [Diagnostic]) -> [SourceFile] {
        let paths = arguments.positionals.isEmpty ? ["."] : arguments.positionals
        var files: [SourceFile] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                diagnostics.append(.error("'\(path)' does not exist", at: nil, code: "no-such-path"))
                continue
            }
            guard isDirectory.boolValue else {
                if let file = read(path, into: &diagnostics) { files.append(file) }
                continue
            }
            let found = manifestPaths(in: path, into: &diagnostics)
            let before = files.count
            defer {
                if files.count == before {
                    diagnostics.append(.error("no manifests (*.yaml, *.yml) found in '\(path)'", at: nil, code: "no-manifests"))
                }
            }
            for file in found {
                guard let source = read(file, into: &diagnostics) else { continue }
                // In a folder walk, YAML that never mentions apiVersion is someone else's (CI workflows,
                // Helm values...), not a broken manifest. Files named explicitly are always checked.
                if !Self.mentionsAPIVersion(source.bytes) { continue }
                files.append(source)
            }
        }
        return files
    }

    private func manifestPaths(in directory: String, into diagnostics: inout [Diagnostic]) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
        var paths: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let path = directory == "." ? relative : (directory as NSString).appendingPathComponent(relative)
                switch Self.fileKind(path) {
                case nil: paths.append(path)
                case "a directory": continue  // Walked like any directory.
                case let kind?:
                    // Never opened: reading a FIFO would wait for a writer.
                    diagnostics.append(
                        .warning("skipped '\(TerminalText.escape(path))': \(kind), not a regular file", at: nil, code: "not-regular-file"))
                }
            }
        }
        return paths.sorted()
    }

    static func mentionsAPIVersion(_ bytes: [UInt8]) -> Bool {
        let needle = Array("apiVersion".utf8)
        guard bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { buffer in
            for start in 0...(buffer.count - needle.count) where buffer[start] == needle[0] {
                if (1..<needle.count).allSatisfy({ buffer[start + $0] == needle[$0] }) { return true }
            }
            return false
        }
    }

    private func read(_ path: String, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        switch Self.readBytes(path) {
        case .tooLarge(let size):
            diagnostics.append(
                .error("'\(path)' is \(size / 1_048_576) MiB; manifests larger than 64 MiB are refused", at: nil, code: "file-too-large"))
            return nil
        case .unreadable:
            diagnostics.append(.error("can't read '\(path)'; check that it exists and is readable", at: nil, code: "unreadable"))
            return nil
        case .notRegular(let kind):
            diagnostics.append(
                .error(
                    "'\(TerminalText.escape(path))' is \(kind), not a regular file; name a manifest file or a directory of them", at: nil,
                    code: "not-regular-file"))
            return nil
        case .bytes(let bytes):
            return SourceFile(path: path, bytes: bytes)
        }
    }

    enum ReadOutcome {
        case bytes([UInt8])
        case tooLarge(Int)
        case unreadable
        /// A FIFO, socket, device or directory (`"a FIFO"`).
        case notRegular(String)
    }

    /// What `path` is when it is not a regular file (`"a directory"`, `"a FIFO"`, ...); nil for a regular
    /// file (symbolic links followed) or a path that doesn't exist.
    static func fileKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return kind(of: info.st_mode)
    }

    private static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        default: "not a file"
        }
    }

    /// The file's bytes, read straight into the array: `stat` for the size (refusing files over
    /// `maxFileSize`), then `read` until the end, usually once.
    static func readBytes(_ path: String) -> ReadOutcome {
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : 0
        if let kind = fileKind(path) { return .notRegular(kind) }
        if size > maxFileSize { return .tooLarge(size) }
        // O_NONBLOCK: a FIFO swapped in after the check can't make the open wait for a writer.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0 else { return .unreadable }
        if let kind = kind(of: opened.st_mode) { return .notRegular(kind) }
        // One byte more than the size, so a file that grew since `stat` is still read to its end.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, count))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                readSome(fd, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return .bytes(bytes)
    }
}

/// One POSIX `read` into `buffer` (outside `ManifestInput`, whose own `read` would shadow it).
private func readSome(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(fd, buffer.baseAddress, buffer.count)
}
