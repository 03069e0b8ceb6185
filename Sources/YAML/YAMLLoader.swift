import Foundation

/// One document of a YAML stream: its root node (nil for an empty document) and where it starts.
package struct Document: Sendable, Hashable {
    package var root: Node?
    package var mark: Mark
    package init(root: Node?, mark: Mark) {
        self.root = root
        self.mark = mark
    }
}

/// A problem found while loading YAML, at a position, with optional notes at other positions.
package struct YAMLDiagnostic: Sendable, Hashable, Error {
    package var mark: Mark
    package var message: String
    package var notes: [Note]

    /// A secondary message at another position (e.g. "first defined here").
    package struct Note: Sendable, Hashable {
        package var mark: Mark
        package var message: String
        package init(mark: Mark, message: String) {
            self.mark = mark
            self.message = message
        }
    }

    package init(mark: Mark, message: String, notes: [Note] = []) {
        self.mark = mark
        self.message = message
        self.notes = notes
    }
}

/// The result of loading a stream: every document that loaded, and every problem found.
package struct LoadResult: Sendable {
    package var documents: [Document]
    package var diagnostics: [YAMLDiagnostic]
    package init(documents: [Document], diagnostics: [YAMLDiagnostic]) {
        self.documents = documents
        self.diagnostics = diagnostics
    }
}

/// Limits that keep hostile input from exhausting memory or stack.
package struct LoadLimits: Sendable {
    /// Maximum nesting depth of collections.
    package var maxDepth: Int = 64
    /// Maximum number of nodes produced by alias expansion in one document.
    package var maxAliasExpansion: Int = 100_000
    package init() {}
}

/// Loads YAML streams through libyaml's event API.
package enum YAMLLoader {
    /// Loads every document of `data`. Never crashes on input: problems come back as diagnostics.
    /// A large stream is cut at document starts and its parts parsed on every core (see `ParallelLoad`).
    package static func load(_ data: [UInt8], limits: LoadLimits = LoadLimits()) -> LoadResult {
        data.withUnsafeBufferPointer { input in
            ParallelLoad.load(input, limits: limits) ?? loadPart(input, lineOffset: 0, limits: limits)
        }
    }

    /// Streams at least this long are parsed on every core. Load them one at a time, not inside other
    /// parallel work: Dispatch runs nested parallel work serially.
    package static var parallelLoadThreshold: Int { ParallelLoad.minimumSize }

    /// Loads `input`, a whole stream or a part of one that starts a line after `lineOffset` lines.
    /// The plain shape most manifests have is read without libyaml (see `BlockSubsetParser`).
    static func loadPart(_ input: UnsafeBufferPointer<UInt8>, lineOffset: Int, limits: LoadLimits) -> LoadResult {
        if let documents = BlockSubsetParser.parse(input, lineOffset: lineOffset) {
            return LoadResult(documents: documents, diagnostics: [])
        }
        return loadWithLibYAML(input, lineOffset: lineOffset, limits: limits)
    }

    /// `loadPart` through libyaml, whatever the input.
    static func loadWithLibYAML(_ input: UnsafeBufferPointer<UInt8>, lineOffset: Int, limits: LoadLimits) -> LoadResult {
        do throws(YAMLDiagnostic) {
            var composer = Composer(parser: try Parser(input: input, lineOffset: lineOffset), limits: limits)
            return composer.loadStream()
        } catch {
            return LoadResult(documents: [], diagnostics: [error])
        }
    }
}
