import Foundation
import PostgresNIO

/// A `postgres://user:password@host:port/database?sslmode=…&sslrootcert=…` address.
///
/// The query takes libpq's words with libpq's meaning (reference §5.4): `sslmode`, `sslrootcert`,
/// `sslcert` and `sslkey`. Any other parameter is refused, so that a misspelt `sslmode` never
/// leaves a connection unencrypted without a word.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var sslMode: SSLMode
    /// The CA certificates (PEM) that the server's certificate must chain to; `system` for the
    /// system's roots. Nil: the system's roots when the mode verifies, nothing checked when not.
    public var sslRootCert: String?
    /// The client certificate (PEM) and its private key (PEM), for a server that asks for one.
    public var sslCert: String?
    public var sslKey: String?

    /// libpq's `sslmode`.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS (the default here; libpq's default is `prefer`).
        case disable
        /// TLS when the server offers it, else unencrypted. PostgresNIO tries TLS first, so `allow`
        /// behaves as `prefer` does.
        case allow
        /// TLS when the server offers it, else unencrypted; the certificate is not checked unless
        /// `sslrootcert` is given.
        case prefer
        /// TLS or no connection; the certificate is not checked unless `sslrootcert` is given
        /// (then as `verify-ca`, like libpq).
        case require
        /// TLS, the certificate chained to `sslrootcert` (or the system's roots); any host name.
        case verifyCA = "verify-ca"
        /// TLS, the certificate chained to `sslrootcert` (or the system's roots) and naming the host.
        case verifyFull = "verify-full"

        static let words = allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The query parameters this address understands.
    static let parameters = ["sslmode", "sslrootcert", "sslcert", "sslkey"]

    public init(_ text: String) throws(DXSkillsError) {
        guard let components = URLComponents(string: text),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty
        else {
            throw .invalid(Message(.urlShape, ["value": "\(Self.redacted(text))"]))
        }
        self.user = components.user ?? "postgres"
        self.password = components.password
        self.host = host
        self.port = components.port ?? 5432
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? self.user : path

        // URLComponents percent-decodes the values (`%20` is a space, `%2F` a slash).
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard Self.parameters.contains(item.name) else {
                throw .invalid(
                    Message(
                        .urlUnknownParameter, ["name": "\(item.name)", "known": "\(Self.parameters.joined(separator: ", "))"]))
            }
            guard query[item.name] == nil else {
                throw .invalid(Message(.urlParameterTwice, ["name": "\(item.name)"]))
            }
            guard let value = item.value, !value.isEmpty else {
                throw .invalid(Message(.urlParameterEmpty, ["name": "\(item.name)"]))
            }
            query[item.name] = value
        }
        if let word = query["sslmode"] {
            guard let mode = SSLMode(rawValue: word) else {
                throw .invalid(Message(.urlSSLMode, ["value": "\(word)", "words": "\(SSLMode.words)"]))
            }
            self.sslMode = mode
        } else {
            self.sslMode = .disable
        }
        self.sslRootCert = query["sslrootcert"]
        self.sslCert = query["sslcert"]
        self.sslKey = query["sslkey"]

        if sslMode == .disable, let given = ["sslrootcert", "sslcert", "sslkey"].first(where: { query[$0] != nil }) {
            throw .invalid(Message(.urlNeedsTLS, ["name": "\(given)"]))
        }
        if (sslCert == nil) != (sslKey == nil) {
            throw .invalid(Message(.urlCertAndKey))
        }
        if sslRootCert == "system", sslMode != .verifyFull {
            throw .invalid(Message(.urlSystemRoot))
        }
    }

    /// The same server and database, as another user.
    public func with(user: String, password: String?) -> DatabaseURL {
        var copy = self
        copy.user = user
        copy.password = password
        return copy
    }

    /// The same server, another database.
    public func with(database: String) -> DatabaseURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The address without its password, safe for logs (the TLS settings included).
    public var description: String {
        var text = "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
        var query: [String] = []
        if sslMode != .disable { query.append("sslmode=\(sslMode.rawValue)") }
        if let sslRootCert { query.append("sslrootcert=\(sslRootCert)") }
        if let sslCert { query.append("sslcert=\(sslCert)") }
        if let sslKey { query.append("sslkey=\(sslKey)") }
        if !query.isEmpty { text += "?" + query.joined(separator: "&") }
        return text
    }

    /// How the certificate the server shows is checked.
    public var certificateVerification: CertificateVerification {
        switch sslMode {
        case .disable: return .none
        case .verifyFull: return .fullVerification
        case .verifyCA: return .noHostnameVerification
        // libpq: with a root certificate given, the weaker modes check the chain as verify-ca does.
        case .allow, .prefer, .require: return sslRootCert == nil ? .none : .noHostnameVerification
        }
    }

    /// The TLS configuration of the address, its files read (and checked) now.
    public func tlsConfiguration() throws(DXSkillsError) -> TLSConfiguration? { try tls()?.configuration }

    /// The TLS configuration and the context each connection is made with.
    func tls() throws(DXSkillsError) -> (configuration: TLSConfiguration, context: NIOSSLContext)? {
        guard sslMode != .disable else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = certificateVerification
        if let sslRootCert, sslRootCert != "system" {
            tls.trustRoots = .certificates(try Self.certificates(sslRootCert, parameter: "sslrootcert"))
        } else {
            tls.trustRoots = .default
        }
        if let sslCert, let sslKey {
            tls.certificateChain = try Self.certificates(sslCert, parameter: "sslcert").map { .certificate($0) }
            let data = try Self.contents(sslKey, parameter: "sslkey")
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(data), format: .pem))
            } catch {
                throw .invalid(Message(.urlKeyNotPEM, ["file": "\(sslKey)", "error": "\(error)"]))
            }
        }
        do {
            // What each connection builds: a key that does not match its certificate fails here.
            return (tls, try NIOSSLContext(configuration: tls))
        } catch {
            throw .invalid(Message(.urlTLSMismatch, ["error": "\(error)"]))
        }
    }

    /// Whether TLS may be left out when the server does not offer it (`allow`, `prefer`).
    var tlsIsOptional: Bool { sslMode == .allow || sslMode == .prefer }

    /// The pool's configuration.
    public func clientConfiguration() throws(DXSkillsError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch try self.tls() {
        case (let configuration, _)?: tls = tlsIsOptional ? .prefer(configuration) : .require(configuration)
        case nil: tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.keepAliveBehavior = nil
        return configuration
    }

    /// The configuration of one connection outside the pool (`Database.probe`).
    public func connectionConfiguration() throws(DXSkillsError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch try self.tls() {
        case (_, let context)?: tls = tlsIsOptional ? .prefer(context) : .require(context)
        case nil: tls = .disable
        }
        return PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
    }

    static func contents(_ path: String, parameter: String) throws(DXSkillsError) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .invalid(Message(exists ? .urlFileUnreadable : .urlFileMissing, ["name": "\(parameter)", "file": "\(path)"]))
        }
        return data
    }

    static func certificates(_ path: String, parameter: String) throws(DXSkillsError) -> [NIOSSLCertificate] {
        let data = try contents(path, parameter: parameter)
        let certificates = try? NIOSSLCertificate.fromPEMBytes(Array(data))
        guard let certificates, !certificates.isEmpty else {
            throw .invalid(Message(.urlNotCertificate, ["name": "\(parameter)", "file": "\(path)"]))
        }
        return certificates
    }

    static func redacted(_ text: String) -> String {
        text.replacingOccurrences(of: #":[^:@/]*@"#, with: ":***@", options: .regularExpression)
    }
}
