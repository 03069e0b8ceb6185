internal import CYAML

/// One libyaml parsing event, copied into Swift values so the C event can be freed at once.
///
/// Each union member of `yaml_event_t` has its own reader below, so no case reads another case's
/// layout. Marks are already converted to 1-based positions; a node starts at its anchor or tag when it
/// has one, as libyaml reports it.
enum Event {
    case streamStart
    case streamEnd
    case documentStart(Mark)
    case documentEnd
    case alias(anchor: String, mark: Mark)
    case scalar(Node.Scalar, anchor: String?)
    case sequenceStart(tag: String?, anchor: String?, mark: Mark)
    case sequenceEnd
    case mappingStart(tag: String?, anchor: String?, mark: Mark)
    case mappingEnd

    /// Copies `raw`, taking scalar texts from `strings` and moving marks down `lineOffset` lines (for input
    /// that starts further into a stream); nil for an event kind libyaml should never produce (`YAML_NO_EVENT`).
    init?(_ raw: borrowing yaml_event_t, strings: inout StringInterner, lineOffset: Int = 0) {
        let mark = Mark(line: Int(raw.start_mark.line) + 1 + lineOffset, column: Int(raw.start_mark.column) + 1)
        switch raw.type {
        case YAML_STREAM_START_EVENT: self = .streamStart
        case YAML_STREAM_END_EVENT: self = .streamEnd
        case YAML_DOCUMENT_START_EVENT: self = .documentStart(mark)
        case YAML_DOCUMENT_END_EVENT: self = .documentEnd
        case YAML_ALIAS_EVENT: self = Event.makeAlias(raw, mark)
        case YAML_SCALAR_EVENT: self = Event.makeScalar(raw, mark, &strings)
        case YAML_SEQUENCE_START_EVENT: self = Event.makeSequenceStart(raw, mark)
        case YAML_SEQUENCE_END_EVENT: self = .sequenceEnd
        case YAML_MAPPING_START_EVENT: self = Event.makeMappingStart(raw, mark)
        case YAML_MAPPING_END_EVENT: self = .mappingEnd
        default: return nil
        }
    }

    /// Reads `data.alias`.
    private static func makeAlias(_ raw: borrowing yaml_event_t, _ mark: Mark) -> Event {
        let data = raw.data.alias
        return .alias(anchor: Event.text(data.anchor) ?? "", mark: mark)
    }

    /// Reads `data.scalar`.
    private static func makeScalar(_ raw: borrowing yaml_event_t, _ mark: Mark, _ strings: inout StringInterner) -> Event {
        let data = raw.data.scalar
        let value = data.value.map { strings.string(UnsafeBufferPointer(start: $0, count: data.length)) }
        let scalar = Node.Scalar(
            value: value ?? "", style: ScalarStyle(data.style), tag: Tag.normalized(data.tag), mark: mark)
        return .scalar(scalar, anchor: Event.text(data.anchor))
    }

    /// Reads `data.sequence_start`.
    private static func makeSequenceStart(_ raw: borrowing yaml_event_t, _ mark: Mark) -> Event {
        let data = raw.data.sequence_start
        return .sequenceStart(tag: Tag.normalized(data.tag), anchor: Event.text(data.anchor), mark: mark)
    }

    /// Reads `data.mapping_start`.
    private static func makeMappingStart(_ raw: borrowing yaml_event_t, _ mark: Mark) -> Event {
        let data = raw.data.mapping_start
        return .mappingStart(tag: Tag.normalized(data.tag), anchor: Event.text(data.anchor), mark: mark)
    }

    /// A NUL-terminated libyaml string (anchor names), or nil.
    static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

extension Mark {
    /// Converts a 0-based libyaml mark to a 1-based `Mark`.
    init(_ mark: yaml_mark_t) {
        self.init(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

extension ScalarStyle {
    /// The style of a libyaml scalar event (`YAML_ANY_SCALAR_STYLE` never comes from the parser; plain).
    init(_ style: yaml_scalar_style_t) {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: self = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: self = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: self = .literal
        case YAML_FOLDED_SCALAR_STYLE: self = .folded
        default: self = .plain
        }
    }
}
