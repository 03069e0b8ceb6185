internal import CYAML

/// Turns libyaml's error state into a `YAMLDiagnostic` in oauthctl's message style.
///
/// Position policy: the diagnostic sits at libyaml's *problem* mark, where parsing actually failed
/// (for an unterminated quote that is the end of the stream, which also tells the reader the file ran
/// out). When libyaml gives a *context* mark elsewhere, a note points there ("the quoted scalar started
/// here"), which is the line the author usually has to fix. Reader errors (bad UTF-8, control characters)
/// carry only a byte offset, which is converted to a line and column by scanning the input.
enum ParserError {
    static func diagnostic(for parser: yaml_parser_t, input: UnsafeBufferPointer<UInt8>) -> YAMLDiagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        switch parser.error {
        case YAML_READER_ERROR:
            return readerDiagnostic(problem, offset: parser.problem_offset, value: parser.problem_value, input: input)
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            var diagnostic = syntaxDiagnostic(
                problem, at: parser.problem_mark,
                context: parser.context.map { String(cString: $0) }, at: parser.context_mark)
            if byte(at: diagnostic.mark, in: input) == UInt8(ascii: "\t") {
                diagnostic.message += "; indent with spaces, YAML does not allow tabs here"
            }
            return diagnostic
        case YAML_MEMORY_ERROR:
            return YAMLDiagnostic(mark: Mark(parser.problem_mark), message: "out of memory while parsing YAML")
        default:
            return YAMLDiagnostic(
                mark: Mark(parser.problem_mark),
                message: "internal error: libyaml error \(parser.error.rawValue): \(problem) (please report)")
        }
    }

    /// `found unexpected end of stream while scanning a quoted scalar`, with a note at the context mark.
    static func syntaxDiagnostic(
        _ problem: String, at problemMark: yaml_mark_t, context: String?, at contextMark: yaml_mark_t
    ) -> YAMLDiagnostic {
        let mark = Mark(problemMark)
        guard let context, !context.isEmpty else {
            return YAMLDiagnostic(mark: mark, message: problem)
        }
        var notes: [YAMLDiagnostic.Note] = []
        let start = Mark(contextMark)
        if start != mark {
            notes.append(YAMLDiagnostic.Note(mark: start, message: startedHere(context)))
        }
        return YAMLDiagnostic(mark: mark, message: "\(problem) \(context)", notes: notes)
    }

    /// `while scanning a quoted scalar` becomes `the quoted scalar started here`.
    static func startedHere(_ context: String) -> String {
        var subject = Substring(context)
        for prefix in ["while scanning ", "while parsing "] where subject.hasPrefix(prefix) {
            subject = subject.dropFirst(prefix.count)
        }
        for article in ["a ", "an "] where subject.hasPrefix(article) {
            return "the \(subject.dropFirst(article.count)) started here"
        }
        return "\(subject) started here"
    }

    /// `invalid leading UTF-8 octet (byte 0xff)` at the offending byte.
    static func readerDiagnostic(
        _ problem: String, offset: Int, value: Int32, input: UnsafeBufferPointer<UInt8>
    ) -> YAMLDiagnostic {
        var message = problem
        if value >= 0 {
            let hex = String(value, radix: 16)
            message +=
                problem.contains("UTF-8")
                ? " (byte 0x\(hex))" : " (U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex.uppercased()))"
        }
        return YAMLDiagnostic(mark: Mark(byteOffset: offset, in: input), message: message)
    }
}

extension ParserError {
    /// The first byte of the character at `mark` in UTF-8 `input`, if there is one.
    static func byte(at mark: Mark, in input: UnsafeBufferPointer<UInt8>) -> UInt8? {
        var line = 1
        var column = 1
        var index = 0
        while index < input.count {
            if line == mark.line, column == mark.column { return input[index] }
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= input.count || input[index + 1] != 0x0A)) {
                if line == mark.line { return nil }
                line += 1
                column = 1
            } else if byte != 0x0D && (index + 1 == input.count || input[index + 1] & 0xC0 != 0x80) {
                column += 1
            }
            index += 1
        }
        return nil
    }
}

extension Mark {
    /// The 1-based line and column of byte `offset` in UTF-8 `input` (line breaks: LF, CR LF, CR;
    /// columns count scalars, i.e. bytes that are not UTF-8 continuation bytes).
    init(byteOffset offset: Int, in input: UnsafeBufferPointer<UInt8>) {
        var line = 1
        var column = 1
        var index = 0
        let end = min(max(offset, 0), input.count)
        while index < end {
            let byte = input[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= input.count || input[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte != 0x0D && byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        self.init(line: line, column: column)
    }
}
