import Foundation
import PostgresNIO
import Testing

@testable import DXSkillsCore

/// DATABASE_URL's TLS words, as libpq reads them (reference §5.4). The files are real PEM files
/// (Tests/Fixtures/tls); `scripts/tls-test.sh` connects with each mode to a real server.
@Suite("DATABASE_URL")
struct DatabaseURLTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tls")
    static let ca = fixtures.appendingPathComponent("ca.pem").path
    static let clientCert = fixtures.appendingPathComponent("client.pem").path
    static let clientKey = fixtures.appendingPathComponent("client.key").path
    static let otherKey = fixtures.appendingPathComponent("other.key").path
    static let notPEM = fixtures.appendingPathComponent("README.md").path

    /// The message `body` refuses with, in English and in Japanese; nil when it does not.
    static func refusal(_ body: () throws(DXSkillsError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return error.text(.en) + " / " + error.text(.ja)
        }
    }

    static func refusal(_ text: String) -> String? { refusal { () throws(DXSkillsError) in _ = try DatabaseURL(text) } }

    static func tlsRefusal(_ text: String) -> String? {
        refusal { () throws(DXSkillsError) in _ = try DatabaseURL(text).tlsConfiguration() }
    }

    @Test("the address's parts, and no TLS when sslmode is not given")
    func plain() throws {
        let url = try DatabaseURL("postgres://app:s%40cret@db.example.lg.jp:6432/dxskills")
        #expect(url.user == "app" && url.password == "s@cret" && url.host == "db.example.lg.jp" && url.port == 6432)
        #expect(url.database == "dxskills" && url.sslMode == .disable)
        #expect(try url.tlsConfiguration() == nil)
        #expect(url.description == "postgres://app:***@db.example.lg.jp:6432/dxskills")
    }

    @Test(
        "each sslmode checks the certificate as libpq does",
        arguments: [
            ("allow", CertificateVerification.none), ("prefer", .none), ("require", .none),
            ("verify-ca", .noHostnameVerification), ("verify-full", .fullVerification),
        ])
    func modes(word: String, verification: CertificateVerification) throws {
        let url = try DatabaseURL("postgres://u@h/d?sslmode=\(word)")
        #expect(url.sslMode.rawValue == word)
        let tls = try #require(try url.tlsConfiguration())
        #expect(tls.certificateVerification == verification)
        #expect(tls.trustRoots == .default)
        #expect(tls.certificateChain.isEmpty && tls.privateKey == nil)
    }

    @Test("with sslrootcert, require (and prefer) check the chain like verify-ca; the CA file is what is trusted")
    func requireWithRoot() throws {
        for word in ["require", "prefer", "verify-ca"] {
            let tls = try #require(try DatabaseURL("postgres://u@h/d?sslmode=\(word)&sslrootcert=\(Self.ca)").tlsConfiguration())
            #expect(tls.certificateVerification == .noHostnameVerification, "\(word)")
            #expect(tls.trustRoots == .certificates(try NIOSSLCertificate.fromPEMFile(Self.ca)))
        }
        let full = try #require(try DatabaseURL("postgres://u@h/d?sslmode=verify-full&sslrootcert=\(Self.ca)").tlsConfiguration())
        #expect(full.certificateVerification == .fullVerification)
        let system = try #require(try DatabaseURL("postgres://u@h/d?sslmode=verify-full&sslrootcert=system").tlsConfiguration())
        #expect(system.trustRoots == .default)
    }

    @Test("an unknown sslmode is refused, naming the words there are, in English and Japanese")
    func unknownMode() {
        for word in ["verify_full", "on", "VERIFY-FULL"] {
            let message = Self.refusal("postgres://u@h/d?sslmode=\(word)")
            #expect(message?.contains("sslmode=\(word)") == true)
            #expect(message?.contains("disable, allow, prefer, require, verify-ca, verify-full") == true)
            #expect(message?.contains("いずれかを指定") == true)
        }
    }

    @Test("an unknown parameter, a repeated one or one without a value is refused, so a typo never turns TLS off")
    func unknownParameters() {
        #expect(Self.refusal("postgres://u@h/d?ssl_mode=verify-full")?.contains("unknown parameter ssl_mode") == true)
        #expect(Self.refusal("postgres://u@h/d?sslmode=verify-full&sslmode=disable")?.contains("twice") == true)
        #expect(Self.refusal("postgres://u@h/d?sslmode=")?.contains("sslmode has no value") == true)
        #expect(Self.refusal("postgres://u@h/d?sslmode")?.contains("sslmode has no value") == true)
    }

    @Test("a certificate file without TLS is refused: it would be ignored and the connection unencrypted")
    func filesWithoutTLS() {
        for query in ["sslrootcert=\(Self.ca)", "sslmode=disable&sslcert=\(Self.clientCert)&sslkey=\(Self.clientKey)"] {
            #expect(Self.refusal("postgres://u@h/d?\(query)")?.contains("needs TLS") == true, "\(query)")
        }
        #expect(Self.refusal("postgres://u@h/d?sslmode=verify-ca&sslrootcert=system")?.contains("verify-full") == true)
    }

    @Test("sslcert and sslkey come together: one alone is refused")
    func clientPair() throws {
        let cert = Self.refusal("postgres://u@h/d?sslmode=require&sslcert=\(Self.clientCert)")
        let key = Self.refusal("postgres://u@h/d?sslmode=require&sslkey=\(Self.clientKey)")
        for message in [cert, key] {
            #expect(message?.contains("sslcert and sslkey go together") == true)
            #expect(message?.contains("両方指定") == true)
        }
        let url = try DatabaseURL(
            "postgres://u@h/d?sslmode=verify-full&sslrootcert=\(Self.ca)&sslcert=\(Self.clientCert)&sslkey=\(Self.clientKey)")
        let tls = try #require(try url.tlsConfiguration())
        #expect(tls.certificateChain == [.certificate(try NIOSSLCertificate.fromPEMFile(Self.clientCert)[0])])
        #expect(tls.privateKey == .privateKey(try NIOSSLPrivateKey(file: Self.clientKey, format: .pem)))
    }

    @Test("a missing, unreadable or wrong file is refused, naming the parameter and the file")
    func badFiles() throws {
        let missing = "/nonexistent/dxskills/ca.pem"
        for parameter in ["sslrootcert", "sslcert", "sslkey"] {
            var files = ["sslrootcert": Self.ca, "sslcert": Self.clientCert, "sslkey": Self.clientKey]
            files[parameter] = missing
            let query = files.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            let message = Self.tlsRefusal("postgres://u@h/d?sslmode=verify-full&\(query)")
            #expect(message?.contains("\(parameter) \(missing) does not exist") == true, "\(message ?? "accepted")")
            #expect(message?.contains("\(parameter) のファイル \(missing) がありません") == true)
        }
        let notPEM = Self.tlsRefusal("postgres://u@h/d?sslmode=verify-ca&sslrootcert=\(Self.notPEM)")
        #expect(notPEM?.contains("sslrootcert \(Self.notPEM) holds no PEM certificate") == true)
        let keyAsCert = Self.tlsRefusal(
            "postgres://u@h/d?sslmode=require&sslcert=\(Self.clientKey)&sslkey=\(Self.clientKey)")
        #expect(keyAsCert?.contains("sslcert \(Self.clientKey) holds no PEM certificate") == true)
        let certAsKey = Self.tlsRefusal(
            "postgres://u@h/d?sslmode=require&sslcert=\(Self.clientCert)&sslkey=\(Self.clientCert)")
        #expect(certAsKey?.contains("sslkey \(Self.clientCert) holds no unencrypted PEM private key") == true)
        let folder = Self.tlsRefusal("postgres://u@h/d?sslmode=verify-ca&sslrootcert=\(Self.fixtures.path)")
        #expect(folder?.contains("sslrootcert \(Self.fixtures.path) cannot be read") == true, "\(folder ?? "accepted")")
    }

    @Test("a key that is not the client certificate's is refused before any connection")
    func mismatchedKey() {
        let message = Self.tlsRefusal(
            "postgres://u@h/d?sslmode=require&sslcert=\(Self.clientCert)&sslkey=\(Self.otherKey)")
        #expect(message?.contains("is sslkey the key of sslcert?") == true, "\(message ?? "accepted")")
    }

    @Test("the values are percent-decoded: a CA file in a folder with a space")
    func percentDecoded() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dxskills ca \(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("root ca.pem").path
        try FileManager.default.copyItem(atPath: Self.ca, toPath: path)
        let encoded = try #require(path.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        #expect(encoded.contains("%20") && encoded.contains("%2F"))
        let url = try DatabaseURL("postgres://u@h/d?sslmode=verify%2Dfull&sslrootcert=\(encoded)")
        #expect(url.sslMode == .verifyFull && url.sslRootCert == path)
        #expect(try url.tlsConfiguration()?.trustRoots == .certificates(try NIOSSLCertificate.fromPEMFile(Self.ca)))
    }

    @Test("the description, as logged, keeps the TLS settings and hides the password")
    func description() throws {
        let url = try DatabaseURL("postgres://app:pw@h:5432/d?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(url.description == "postgres://app:***@h:5432/d?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(url.with(user: "other", password: nil).sslRootCert == "/etc/ca.pem")
    }
}
