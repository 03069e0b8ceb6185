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
    static func parseHead(_ head: ArraySlice<UInt8>) throws -> (HTTPRequest, Int) {
        let text = String(decoding: head, as: UTF8.self)
        var lines = text.components(separatedBy: "\r\n")
        while lines.last == "" { lines.removeLast() }
        // Tolerate empty lines before the request line (RFC 9112 §2.2).
        while lines.first == "" { lines.removeFirst() }
        guard let requestLine = lines.first else { throw Failure.malformed }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[2].hasPrefix("HTTP/1."),
            parts[0].allSatisfy({ $0.isLetter && $0.isUppercase }), parts[1].hasPrefix("/")
        else { throw Failure.malformed }
        var headers: [(String, String)] = []
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else { throw Failure.malformed }
            let name = line[..<colon]
            guard !name.contains(" "), !name.contains("\t") else { throw Failure.malformed }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: [" ", "\t"])
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
}
