internal import CYAML

/// A libyaml parser over a borrowed byte buffer, producing `Event`s one at a time.
///
/// The buffer must outlive the parser (`YAMLLoader` keeps both inside one `withUnsafeBufferPointer`).
/// The C parser lives at a fixed heap address because libyaml keeps a pointer to it for string input.
final class Parser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeBufferPointer<UInt8>
    private var initialized = false
    /// A one-byte stand-in when `input` has no base address (empty input).
    private var placeholder: UnsafeMutablePointer<UInt8>?
    /// Scalar texts seen so far, shared between equal scalars.
    private var strings = StringInterner()
    /// Lines before `input` in its stream, added to every event's mark (0 for a whole stream).
    private let lineOffset: Int

    /// Starts a parser over `input`, a whole stream or a part of one that starts a line after `lineOffset`
    /// lines; fails only if libyaml cannot allocate its buffers.
    init(input: UnsafeBufferPointer<UInt8>, lineOffset: Int = 0) throws(YAMLDiagnostic) {
        self.input = input
        self.lineOffset = lineOffset
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLDiagnostic(mark: Mark(line: 1, column: 1), message: "out of memory while starting the YAML parser")
        }
        initialized = true
        if let base = input.baseAddress {
            yaml_parser_set_input_string(parser, base, input.count)
        } else {
            let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
            byte.initialize(to: 0)
            placeholder = byte
            yaml_parser_set_input_string(parser, byte, 0)
        }
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deinitialize(count: 1)
        parser.deallocate()
        placeholder?.deallocate()
    }

    /// The next event; a libyaml error (reader, scanner or parser) is thrown as a diagnostic.
    func next() throws(YAMLDiagnostic) -> Event {
        var raw = yaml_event_t()
        guard yaml_parser_parse(parser, &raw) == 1 else {
            throw ParserError.diagnostic(for: parser.pointee, input: input)
        }
        defer { yaml_event_delete(&raw) }
        guard let event = Event(raw, strings: &strings, lineOffset: lineOffset) else {
            throw YAMLDiagnostic(
                mark: Mark(raw.start_mark), message: "internal error: unknown libyaml event \(raw.type.rawValue) (please report)")
        }
        return event
    }
}
