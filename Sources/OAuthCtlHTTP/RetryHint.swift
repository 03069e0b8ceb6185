import Foundation

/// Parses the server's wait hints: `Retry-After` (seconds or HTTP-date) and `x-ratelimit-reset`.
package enum RetryHint {
    /// Seconds to wait from a `Retry-After` value, or nil when it can't be used.
    ///
    /// Accepts delta-seconds (`120`), or an HTTP-date (IMF-fixdate, RFC 850 or asctime) measured
    /// from `now`; a date without a `now` is nil. A date in the past gives 0. A value repeated by a
    /// proxy (`"5, 7"`) gives the largest.
    package static func retryAfter(_ value: String, now: Date?) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = largestNumber(in: trimmed) { return seconds }
        guard let now, let date = httpDate(trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// Seconds until the rate-limit window resets, from `x-ratelimit-reset`.
    ///
    /// Ory repeats the header once per bucket (joined as `"0, 42"`); the largest value wins. Zero
    /// (Ory's answer for a sub-second bucket) and unparsable values give nil: use the backoff floor.
    package static func rateLimitReset(_ value: String) -> Double? {
        guard let seconds = largestNumber(in: value), seconds > 0 else { return nil }
        return seconds
    }

    /// The non-negative numbers in a comma-separated header value, in order.
    ///
    /// Parameters after `;` are dropped (`"42;w=60"` is 42). Nil when any element is not a number.
    package static func numbers(in value: String) -> [Double]? {
        var result: [Double] = []
        for element in value.split(separator: ",") {
            let number = element.split(separator: ";", omittingEmptySubsequences: false).first ?? ""
            guard let seconds = Double(number.trimmingCharacters(in: .whitespaces)),
                seconds.isFinite, seconds >= 0
            else { return nil }
            result.append(seconds)
        }
        return result.isEmpty ? nil : result
    }

    /// Parses an HTTP-date in any of the three formats RFC 9110 §5.6.7 requires recipients to accept.
    package static func httpDate(_ value: String) -> Date? {
        let formats = ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"]
        let collapsed = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in formats {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: collapsed) { return date }
        }
        return nil
    }

    private static func largestNumber(in value: String) -> Double? {
        numbers(in: value)?.max()
    }
}
