import OAuthCtlApply
import OAuthCtlCore

/// Compares a manifest's secret with the fingerprint on the server, without keeping the value.
struct SecretComparer: Sendable {
    var resolver: SecretResolver
    var fingerprinter = Fingerprinter(key: nil)

    func status(_ address: ClientAddress, _ field: String, _ reference: SecretReference, _ marker: OwnershipMarker?) -> SecretStatus {
        guard let encoded = marker?.fingerprints[field], let value = try? resolver.resolve(reference),
            let matches = fingerprinter.verify(encoded, value.revealed)
        else { return .unknown }
        return matches ? .unchanged : .changed
    }

    /// For a secret the server returns on read: compares the referenced value with the live one in memory
    /// (constant time); neither value leaves this function.
    func liveStatus(_ reference: SecretReference, _ live: String) -> SecretStatus {
        guard let value = try? resolver.resolve(reference) else { return .unknown }
        let a = Array(value.revealed.utf8), b = Array(live.utf8)
        var difference = UInt8(a.count == b.count ? 0 : 1)
        for index in 0..<max(a.count, b.count) {
            difference |= (index < a.count ? a[index] : 0) ^ (index < b.count ? b[index] : 0)
        }
        return difference == 0 ? .unchanged : .changed
    }
}
