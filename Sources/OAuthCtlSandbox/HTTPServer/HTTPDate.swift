import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// RFC 7231 `Date` header values (IMF-fixdate), cached per second.
enum HTTPDate {
    private static let cache = LockedValue<(Int, String)>((0, ""))
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func now() -> String {
        var t = time(nil)
        let second = Int(t)
        return cache.withValue { entry in
            if entry.0 == second { return entry.1 }
            var p = tm()
            gmtime_r(&t, &p)
            let text =
                "\(days[Int(p.tm_wday) % 7]), \(pad(p.tm_mday)) \(months[Int(p.tm_mon) % 12]) \(Int(p.tm_year) + 1900) "
                + "\(pad(p.tm_hour)):\(pad(p.tm_min)):\(pad(p.tm_sec)) GMT"
            entry = (second, text)
            return text
        }
    }

    private static func pad(_ v: Int32) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
