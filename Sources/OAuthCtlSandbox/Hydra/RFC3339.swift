import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Formats times as Go's `time.Time` JSON does (RFC 3339, UTC `Z`, fraction without trailing zeros).
enum RFC3339 {
    static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 { seconds += 1; micros -= 1_000_000 }
        var p = tm()
        gmtime_r(&seconds, &p)
        func pad(_ v: Int32, _ width: Int = 2) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(p.tm_year + 1900, 4))-\(pad(p.tm_mon + 1))-\(pad(p.tm_mday))T\(pad(p.tm_hour)):\(pad(p.tm_min)):\(pad(p.tm_sec))"
        if micros > 0 {
            var fraction = pad(Int32(micros), 6)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }

    /// `now().UTC().Round(time.Second)`.
    static func roundedToSecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded())
    }

    /// `now().Truncate(time.Microsecond)`.
    static func truncatedToMicrosecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1_000_000).rounded(.down) / 1_000_000)
    }
}
