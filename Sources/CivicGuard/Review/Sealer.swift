import Crypto

/// Seals a message's original text with AES-256-GCM, so that the store holds it only in a form that the key's
/// holders can open.
///
/// - The key is 32 random bytes, written as 64 hexadecimal characters (`civicguard review keygen`, or
///   `openssl rand -hex 32`), in `CIVICGUARD_SEAL_KEY` or in the file `CIVICGUARD_SEAL_KEY_FILE` names.
/// - Each seal is bound to its record's random reference as associated data: a sealed original copied onto
///   another record does not open.
/// - `keyID` names the key without revealing it, so `reveal` can say which key a record needs.
public struct Sealer: Sendable {
    let key: SymmetricKey
    public let keyID: String

    public init?(hexKey: String) {
        guard let bytes = Hex.decode(String(hexKey.trimmingWhitespace())), bytes.count == 32 else { return nil }
        key = SymmetricKey(data: bytes)
        keyID = "k-" + Hex.encode(SHA256.hash(data: Array("civicguard seal key".utf8) + bytes).prefix(4))
    }

    /// The sealer the environment configures; nil when no key is set, an error when one is set but unusable.
    public static func fromEnvironment(_ environment: (String) -> String?) throws(ReviewError) -> Sealer? {
        if let text = environment("CIVICGUARD_SEAL_KEY") {
            guard let sealer = Sealer(hexKey: text) else {
                throw ReviewError.configuration("CIVICGUARD_SEAL_KEY is not 64 hexadecimal characters (32 bytes)")
            }
            return sealer
        }
        guard let path = environment("CIVICGUARD_SEAL_KEY_FILE") else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.read(path)
        } catch {
            throw ReviewError.configuration("cannot read the seal key file: \(error)")
        }
        guard let sealer = Sealer(hexKey: String(decoding: bytes, as: UTF8.self)) else {
            throw ReviewError.configuration("\(path): not a seal key (expected 64 hexadecimal characters)")
        }
        return sealer
    }

    /// A new random key, as 64 hexadecimal characters.
    public static func generateKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Hex.encode($0) }
    }

    /// `text` sealed for the record `reference`: nonce, ciphertext and tag.
    func seal(_ text: String, reference: String) throws(ReviewError) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(Array(text.utf8), using: key, authenticating: Array(reference.utf8))
            guard let combined = box.combined else { throw ReviewError.configuration("AES-GCM gave no output") }
            return Array(combined)
        } catch let error as ReviewError {
            throw error
        } catch {
            throw ReviewError.configuration("cannot seal: \(error)")
        }
    }

    /// The text sealed for `reference`; an error when the key or the reference is not the one it was sealed with.
    func open(_ sealed: [UInt8], reference: String) throws(ReviewError) -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let bytes = try AES.GCM.open(box, using: key, authenticating: Array(reference.utf8))
            return String(decoding: bytes, as: UTF8.self)
        } catch {
            throw ReviewError.refused("the sealed original does not open with this key (\(keyID))")
        }
    }
}
