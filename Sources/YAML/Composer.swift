/// Builds `Document`s from parser events: expands aliases, applies `<<` merges and reports duplicate keys.
///
/// Syntax errors and the depth limit end the stream (they are thrown); the documents composed before
/// them are kept. Semantic problems (duplicate key, undefined alias, alias limit, bad merge) are recorded
/// in `diagnostics` and composing goes on, so one run reports them all; the offending key is dropped and
/// an unusable alias becomes an empty plain scalar at the alias.
struct Composer {
    /// A composed node, the number of nodes in it (aliases counted as their expansion) and how many
    /// levels of collections it nests (0 for a scalar), so an alias cannot smuggle in extra depth.
    typealias Composed = (node: Node, count: Int, levels: Int)

    private let parser: Parser
    private let limits: LoadLimits
    private var anchors: [String: Composed] = [:]
    private var expanded = 0
    private var expansionStopped = false
    /// Marks of aliases already reported (undefined or over the limit), so merges skip them quietly.
    private var failedAliases: Set<Mark> = []
    private var diagnostics: [YAMLDiagnostic] = []
    /// Entries of the mappings being composed (see `MappingBuilder`).
    private var pendingEntries = PendingEntries()
    /// Items of the sequences being composed, innermost sequence's last, so that each sequence's array
    /// is allocated once at its final size.
    private var pendingItems: [Node] = []

    init(parser: Parser, limits: LoadLimits) {
        self.parser = parser
        self.limits = limits
    }

    /// Reads the whole stream.
    mutating func loadStream() -> LoadResult {
        var documents: [Document] = []
        do throws(YAMLDiagnostic) {
            try expectStreamStart()
            while true {
                let event = try parser.next()
                switch event {
                case .documentStart(let mark): documents.append(try loadDocument(at: mark))
                case .streamEnd: return LoadResult(documents: documents, diagnostics: diagnostics)
                default: throw unexpected(event, at: documents.last?.mark)
                }
            }
        } catch {
            diagnostics.append(error)
        }
        return LoadResult(documents: documents, diagnostics: diagnostics)
    }

    private func expectStreamStart() throws(YAMLDiagnostic) {
        let event = try parser.next()
        guard case .streamStart = event else { throw unexpected(event, at: nil) }
    }

    private mutating func loadDocument(at mark: Mark) throws(YAMLDiagnostic) -> Document {
        anchors.removeAll(keepingCapacity: true)
        expanded = 0
        expansionStopped = false
        failedAliases.removeAll()
        var root: Node?
        let first = try parser.next()
        if case .documentEnd = first {
            root = nil
        } else {
            root = try compose(first, depth: 0).node
            let end = try parser.next()
            guard case .documentEnd = end else { throw unexpected(end, at: mark) }
        }
        // `---` with nothing after it: libyaml reports an empty plain scalar; that is an empty document.
        if case .scalar(let scalar)? = root, scalar.value.isEmpty, scalar.style == .plain, scalar.tag == nil {
            root = nil
        }
        return Document(root: root, mark: mark)
    }

    private mutating func compose(_ event: Event, depth: Int) throws(YAMLDiagnostic) -> Composed {
        switch event {
        case .scalar(let scalar, let anchor):
            return remember((.scalar(scalar), 1, 0), as: anchor)
        case .alias(let name, let mark):
            return try expand(name, at: mark, depth: depth)
        case .sequenceStart(let tag, let anchor, let mark):
            try checkDepth(depth, at: mark)
            return remember(try composeSequence(tag: tag, mark: mark, depth: depth), as: anchor)
        case .mappingStart(let tag, let anchor, let mark):
            try checkDepth(depth, at: mark)
            return remember(try composeMapping(tag: tag, mark: mark, depth: depth), as: anchor)
        default:
            throw unexpected(event, at: nil)
        }
    }

    private mutating func composeSequence(tag: String?, mark: Mark, depth: Int) throws(YAMLDiagnostic) -> Composed {
        let start = pendingItems.count
        var count = 1
        var levels = 0
        while true {
            let event = try parser.next()
            if case .sequenceEnd = event { break }
            let item = try compose(event, depth: depth + 1)
            pendingItems.append(item.node)
            count += item.count
            levels = max(levels, item.levels)
        }
        let items = ScratchStack.take(&pendingItems, from: start, filler: ScratchStack.fillerNode)
        return (.sequence(Node.Sequence(items: items, tag: tag, mark: mark)), count, levels + 1)
    }

    private mutating func composeMapping(tag: String?, mark: Mark, depth: Int) throws(YAMLDiagnostic) -> Composed {
        var builder = MappingBuilder(on: pendingEntries)
        var count = 1
        var levels = 0
        while true {
            let event = try parser.next()
            if case .mappingEnd = event { break }
            let key = try compose(event, depth: depth + 1)
            let value = try compose(try parser.next(), depth: depth + 1)
            count += key.count + value.count
            levels = max(levels, key.levels, value.levels)
            if let problem = builder.add(key: key.node, value: value.node, to: &pendingEntries) {
                diagnostics.append(problem)
            }
        }
        let (entries, problems) = builder.finish(&pendingEntries, skipping: failedAliases)
        diagnostics.append(contentsOf: problems)
        return (.mapping(Node.Mapping(entries: entries, tag: tag, mark: mark)), count, levels + 1)
    }

    /// A collection at `depth` (the number of collections around it) is allowed while it keeps the
    /// total nesting within `maxDepth`; `levels` is 1 for a collection written in place.
    private func checkDepth(_ depth: Int, levels: Int = 1, at mark: Mark) throws(YAMLDiagnostic) {
        guard depth + levels <= limits.maxDepth else {
            throw YAMLDiagnostic(mark: mark, message: "nesting deeper than \(limits.maxDepth) levels")
        }
    }

    private mutating func remember(_ composed: Composed, as anchor: String?) -> Composed {
        if let anchor { anchors[anchor] = composed }
        return composed
    }

    /// A copy of the anchored node, or an empty scalar (with a diagnostic) if it is unknown or too big.
    /// A copy that would nest too deep ends loading, as a deep collection written in place does.
    private mutating func expand(_ name: String, at mark: Mark, depth: Int) throws(YAMLDiagnostic) -> Composed {
        let placeholder: Composed = (.scalar(Node.Scalar(value: "", mark: mark)), 1, 0)
        guard let anchored = anchors[name] else {
            failedAliases.insert(mark)
            diagnostics.append(YAMLDiagnostic(mark: mark, message: "undefined alias '*\(name)'"))
            return placeholder
        }
        guard !expansionStopped else {
            failedAliases.insert(mark)
            return placeholder
        }
        try checkDepth(depth, levels: anchored.levels, at: mark)
        guard expanded + anchored.count <= limits.maxAliasExpansion else {
            expansionStopped = true
            failedAliases.insert(mark)
            diagnostics.append(
                YAMLDiagnostic(
                    mark: mark,
                    message: "alias expansion exceeds \(limits.maxAliasExpansion) nodes (possible alias bomb)"))
            return placeholder
        }
        expanded += anchored.count
        return anchored
    }

    private func unexpected(_ event: Event, at mark: Mark?) -> YAMLDiagnostic {
        YAMLDiagnostic(
            mark: mark ?? Mark(line: 1, column: 1),
            message: "internal error: unexpected libyaml event \(event) (please report)")
    }
}
