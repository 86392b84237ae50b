import Logging
import PostgresNIO

extension Database {
    /// Connects once to `url`, outside any pool, and closes again; throws `unavailable` with why
    /// connecting failed, in words that name the setting to fix.
    ///
    /// The pool retries a failed connection quietly, and a request waits for it while the server
    /// accepts TCP connections (`withAcquireTimeout`): a certificate the client refuses, or a
    /// server that refuses the client, would keep a command waiting for a minute and then say only
    /// that the database is unreachable. The commands probe first; `serve` logs the probe's finding.
    public static func probe(_ url: DatabaseURL, logger: Logger) async throws(DXSkillsError) {
        let configuration = try url.connectionConfiguration()
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
            try? await connection.close()
        } catch {
            throw .unavailable("database \(url): \(connectionProblem(error, url: url))")
        }
    }

    /// Why connecting to `url` failed with `error`, for a person to act on.
    public static func connectionProblem(_ error: any Error, url: DatabaseURL) -> String {
        guard let error = error as? PSQLError else { return String(describing: error) }
        if let message = error.serverInfo?[.message] {
            if message.contains("no encryption"), url.sslMode == .disable {
                return message
                    + " — the server takes TLS connections only: add sslmode=verify-full&sslrootcert=… to the URL"
                    + " / サーバーは TLS 接続のみ受け付けます。URL に sslmode=verify-full と sslrootcert を指定してください"
            }
            return message
        }
        if error.code == .sslUnsupported {
            return "the server does not offer TLS, and sslmode=\(url.sslMode.rawValue) requires it "
                + "/ サーバーが TLS に対応していません(sslmode=\(url.sslMode.rawValue) は TLS を必須とします)"
        }
        let roots = url.sslRootCert.map { $0 == "system" ? "the system's CAs" : "sslrootcert \($0)" } ?? "the system's CAs"
        let rootsJA = url.sslRootCert.map { $0 == "system" ? "システムの CA" : "sslrootcert \($0) の CA" } ?? "システムの CA"
        switch error.underlying {
        case let ssl as NIOSSLError:
            if case .handshakeFailed(let reason) = ssl, "\(reason)".contains("CERTIFICATE_VERIFY_FAILED") {
                return "the server's certificate is not signed by \(roots) (TLS: \(reason)) "
                    + "/ サーバー証明書を \(rootsJA) で検証できません"
            }
            return "TLS with the server failed: \(ssl) / サーバーとの TLS 接続に失敗しました"
        case let extra as NIOSSLExtraError where extra == .failedToValidateHostname:
            return "the server's certificate does not name \(url.host) (sslmode=verify-full checks the name, verify-ca does not) "
                + "/ サーバー証明書に \(url.host) の名前がありません"
        case let other?:
            return "cannot connect (is PostgreSQL running at \(url.host):\(url.port)?): \(String(reflecting: other)) "
                + "/ 接続できません(\(url.host):\(url.port) で PostgreSQL が動いていますか)"
        case nil:
            return "cannot connect: \(String(reflecting: error)) / 接続できません"
        }
    }
}
