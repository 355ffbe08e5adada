import Crypto

extension SymmetricKey {
    /// Names the key without giving it away: 16 hexadecimal digits of an HMAC of `purpose` under it. A store
    /// keeps the fingerprints of the keys it was used with, to refuse another one.
    func fingerprint(_ purpose: String) -> String {
        Hex.encode(Array(HMAC<SHA256>.authenticationCode(for: Array(purpose.utf8), using: self)).prefix(8))
    }
}
