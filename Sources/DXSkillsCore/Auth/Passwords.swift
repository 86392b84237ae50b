import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Local passwords (reference §6): bcrypt with cost 12, at least 12 characters, no composition
/// rules, never the user name or the employee number.
public enum Passwords {
    public static let cost: UInt8 = 12
    public static let minimumLength = 12
    /// How long a one-time password from `admin user password-reset` is valid.
    public static let oneTimeValidity: TimeInterval = 24 * 3600

    /// What is wrong with a new password, in English and Japanese; nil when it may be used.
    public static func problem(_ password: String, userName: String, employeeNo: String?) -> Message? {
        if password.count < minimumLength {
            return Message(.passwordTooShort, ["minimum": "\(minimumLength)"])
        }
        let folded = password.lowercased()
        if folded == userName.lowercased() || employeeNo.map({ folded == $0.lowercased() }) == true {
            return Message(.passwordIsName)
        }
        return nil
    }

    /// The bcrypt hash, computed off the event loops (it takes about a quarter of a second).
    public static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. With no hash (an unknown user, no password set) it checks
    /// against a hash of nothing, so that every answer takes about the same time.
    public static func verify(_ password: String, hash: String?) async throws -> Bool {
        let stored = hash ?? placeholder
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: stored) }
        return matches && hash != nil
    }

    /// A one-time password: 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I).
    public static func oneTime() -> String {
        let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// A hash that no typed password matches, of the same cost as real ones.
    private static let placeholder = Bcrypt.hash(TokenStore.randomHex(bytes: 16), cost: cost)
}
