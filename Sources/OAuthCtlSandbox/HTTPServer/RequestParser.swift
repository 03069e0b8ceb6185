/// Parses the head of an HTTP/1.1 request from bytes.
enum RequestParser {
    /// Why a head could not be used; each maps to one status code.
    enum Failure: Error, Equatable {
        case malformed
        case chunkedUnsupported
        case badContentLength
    }

    /// The index just past `\r\n\r\n`, if the buffer holds a complete head.
    static func headEnd(in buffer: [UInt8], from start: Int = 0) -> Int? {
        guard buffer.count >= 4 else { return nil }
        var i = max(0, start - 3)
        while i + 3 < buffer.count {
            if buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 { return i + 4 }
            i += 1
        }
        return nil
    }

    /// Parses request line and headers; returns the request (with an empty body) and its body length.
    /// Lines end in CRLF only: a bare CR or LF inside the head, a field name that is not a token or a field
    /// value holding NUL is `malformed` (RFC 9112 §2.2, §5; RFC 9110 §5.5).
    static func parseHead(_ head: ArraySlice<UInt8>) throws -> (HTTPRequest, Int) {
        var lines = try crlfLines(head)
        while lines.last?.isEmpty == true { lines.removeLast() }
        // Tolerate empty lines before the request line (RFC 9112 §2.2).
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first.map({ String(decoding: $0, as: UTF8.self) }) else { throw Failure.malformed }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1."),
            parts[0].allSatisfy({ $0.isLetter && $0.isUppercase }), parts[1].hasPrefix("/")
        else { throw Failure.malformed }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), HTTPSyntax.isToken(String(decoding: line[..<colon], as: UTF8.self)),
                !line.contains(0)
            else { throw Failure.malformed }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: [" ", "\t"])
            headers.append((name.lowercased(), value))
        }
        let target = String(parts[1])
        let path: String
        let query: String
        if let q = target.firstIndex(of: "?") {
            path = String(target[..<q])
            query = String(target[target.index(after: q)...])
        } else {
            path = target
            query = ""
        }
        if headers.contains(where: { $0.0 == "transfer-encoding" }) { throw Failure.chunkedUnsupported }
        let lengths = headers.filter { $0.0 == "content-length" }.map(\.1)
        var length = 0
        if let first = lengths.first {
            guard lengths.allSatisfy({ $0 == first }), !first.isEmpty, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                first.count < 19, let value = Int(first)
            else { throw Failure.badContentLength }
            length = value
        }
        let request = HTTPRequest(
            method: String(parts[0]), path: path, query: query, version: String(parts[2]), headers: headers, body: [])
        return (request, length)
    }

    /// The head's lines, split at CRLF; a CR or LF anywhere else is `malformed`.
    static func crlfLines(_ head: ArraySlice<UInt8>) throws -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var i = head.startIndex
        while i < head.endIndex {
            switch head[i] {
            case 13:
                guard i + 1 < head.endIndex, head[i + 1] == 10 else { throw Failure.malformed }
                lines.append(head[start..<i])
                i += 2
                start = i
            case 10: throw Failure.malformed
            default: i += 1
            }
        }
        if start < head.endIndex { lines.append(head[start...]) }
        return lines
    }
}
