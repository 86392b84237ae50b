import CLDAP
import Foundation

/// One libldap handle with TLS established (StartTLS for `ldap://`): the settings' CA with
/// `demand`, TLS 1.2 at least, protocol 3, no referrals, the settings' timeouts. Its calls block:
/// use it on one thread from `open` to `close`.
final class LDAPConnection {
    let settings: DirectorySettings
    let endpoint: DirectoryEndpoint
    private let handle: OpaquePointer
    private let socket = WatchedSocket()
    private var closed = false

    private init(handle: OpaquePointer, settings: DirectorySettings, endpoint: DirectoryEndpoint) {
        self.handle = handle
        self.settings = settings
        self.endpoint = endpoint
    }

    deinit { close() }

    /// Connects and establishes TLS, or throws what stands in the way.
    static func open(_ settings: DirectorySettings, endpoint: DirectoryEndpoint) throws(DirectoryError) -> LDAPConnection {
        switch try attempt(settings, endpoint, verify: true) {
        case .success(let connection): return connection
        case .failure(.timedOut): throw .timedOut(endpoint, after: settings.timeout)
        case .failure(.unreachable): throw .unreachable(endpoint)
        case .failure(.startTLSRefused(let result)): throw .startTLSRefused(endpoint, result)
        case .failure(.handshake):
            // libldap does not say why a handshake failed: one that succeeds without verifying the
            // certificate shows that the certificate is the reason.
            if case .success(let probe) = try attempt(settings, endpoint, verify: false) {
                probe.close()
                throw .untrusted(endpoint, caFile: settings.caFile)
            }
            throw .noTLS(endpoint)
        }
    }

    private enum TLSFailure: Error {
        case timedOut, unreachable, handshake
        case startTLSRefused(String)
    }

    private static func attempt(
        _ settings: DirectorySettings, _ endpoint: DirectoryEndpoint, verify: Bool
    ) throws(DirectoryError) -> Result<LDAPConnection, TLSFailure> {
        _ = libraryReady
        var handle: OpaquePointer?
        guard ldap_initialize(&handle, endpoint.url) == LDAP_SUCCESS, let handle else {
            throw .unavailable("libldap cannot use the directory URL \(endpoint.url)")
        }
        let connection = LDAPConnection(handle: handle, settings: settings, endpoint: endpoint)
        do {
            try connection.configure(verify: verify)
        } catch {
            connection.close()
            throw error
        }
        if let failure = connection.establishTLS() {
            connection.close()
            return .failure(failure)
        }
        return .success(connection)
    }

    private func configure(verify: Bool) throws(DirectoryError) {
        var version = LDAP_VERSION3
        var timeout = timeval(seconds: settings.timeout)
        var requireCertificate = verify ? LDAP_OPT_X_TLS_DEMAND : LDAP_OPT_X_TLS_NEVER
        // LDAP_OPT_X_TLS_PROTOCOL_TLS1_2, an expression Swift does not import.
        var minimumProtocol: Int32 = (3 << 8) + 3
        let handOverSocket: TLSConnectCallback = { handle, _, _, argument in
            var descriptor: Int32 = -1
            guard let handle, let argument, ldap_get_option(handle, LDAP_OPT_DESC, &descriptor) == LDAP_OPT_SUCCESS,
                descriptor >= 0
            else { return }
            Unmanaged<WatchedSocket>.fromOpaque(argument).takeUnretainedValue().adopt(descriptor)
        }
        var results = [
            ldap_set_option(handle, LDAP_OPT_PROTOCOL_VERSION, &version),
            // A referral would take the password to a server these settings never named.
            ldap_set_option(handle, LDAP_OPT_REFERRALS, nil),
            ldap_set_option(handle, LDAP_OPT_NETWORK_TIMEOUT, &timeout),
            ldap_set_option(handle, LDAP_OPT_TIMEOUT, &timeout),
            ldap_set_option(handle, LDAP_OPT_X_TLS_REQUIRE_CERT, &requireCertificate),
            ldap_set_option(handle, LDAP_OPT_X_TLS_PROTOCOL_MIN, &minimumProtocol),
            ldap_set_option(handle, LDAP_OPT_X_TLS_CONNECT_CB, unsafeBitCast(handOverSocket, to: UnsafeRawPointer.self)),
            ldap_set_option(handle, LDAP_OPT_X_TLS_CONNECT_ARG, Unmanaged.passUnretained(socket).toOpaque()),
        ]
        if let caFile = settings.caFile {
            results.append(ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTFILE, caFile))
            // Only the given CA: not also a directory of CAs from the system's ldap.conf.
            results.append(ldap_set_option(handle, LDAP_OPT_X_TLS_CACERTDIR, nil))
        }
        guard results.allSatisfy({ $0 == LDAP_OPT_SUCCESS }) else {
            throw .unavailable("libldap refused a connection option for \(endpoint.url)")
        }
        // The TLS options above take effect in a context of this handle's own.
        var client: Int32 = 0
        guard ldap_set_option(handle, LDAP_OPT_X_TLS_NEWCTX, &client) == LDAP_OPT_SUCCESS else {
            throw settings.caFile.map { .unreadableCA($0) } ?? .noSystemCAs
        }
    }

    private func establishTLS() -> TLSFailure? {
        let started = ContinuousClock.now
        let code = watched { endpoint.usesStartTLS ? ldap_start_tls_s(handle, nil, nil) : ldap_connect(handle) }
        guard code != LDAP_SUCCESS else { return nil }
        if timedOut(code, since: started) { return .timedOut }
        if socket.handshakeBegan { return .handshake }
        // A result from the server (a positive code) is its answer to StartTLS; else no connection.
        if endpoint.usesStartTLS && code > 0 { return .startTLSRefused(describe(code)) }
        return .unreachable
    }

    /// A simple bind; the raw result code (`LDAP_INVALID_CREDENTIALS` for a wrong password).
    func bind(dn: String, password: String) -> Int32 {
        var secret = Array(password.utf8CString)
        return secret.withUnsafeMutableBufferPointer { buffer in
            var credentials = berval(bv_len: ber_len_t(buffer.count - 1), bv_val: buffer.baseAddress)
            // LDAP_SASL_SIMPLE is a null mechanism.
            return watched { ldap_sasl_bind_s(handle, dn, nil, &credentials, nil, nil, nil) }
        }
    }

    /// An entry found, with the first value of each attribute asked for that it has in UTF-8.
    struct Entry {
        let dn: String
        let values: [String: String]
    }

    /// Entries matching `filter` (at most `limit`) and the result code.
    func search(base: String, subtree: Bool, filter: String, attributes: [String], limit: Int32) -> (
        code: Int32, entries: [Entry]
    ) {
        var timeout = timeval(seconds: settings.timeout)
        var names: [UnsafeMutablePointer<CChar>?] = attributes.map { strdup($0) } + [nil]
        defer { names.forEach { free($0) } }
        var message: OpaquePointer?
        // LDAP_SCOPE_SUBTREE and LDAP_SCOPE_BASE are casts in ldap.h, which Swift does not import.
        let scope: Int32 = subtree ? 2 : 0
        let code = watched {
            ldap_search_ext_s(handle, base, scope, filter, &names, 0, nil, nil, &timeout, limit, &message)
        }
        defer { if let message { ldap_msgfree(message) } }
        var entries: [Entry] = []
        var next = message.flatMap { ldap_first_entry(handle, $0) }
        while let entry = next {
            entries.append(read(entry, attributes))
            next = ldap_next_entry(handle, entry)
        }
        return (code, entries)
    }

    private func read(_ entry: OpaquePointer, _ attributes: [String]) -> Entry {
        let dnText = ldap_get_dn(handle, entry)
        let dn = dnText.map { String(cString: $0) } ?? ""
        ldap_memfree(dnText)
        var values: [String: String] = [:]
        for attribute in attributes {
            guard let list = ldap_get_values_len(handle, entry, attribute) else { continue }
            defer { ldap_value_free_len(list) }
            guard let first = list[0], first.pointee.bv_len > 0 else { continue }
            let bytes = UnsafeRawBufferPointer(start: first.pointee.bv_val, count: Int(first.pointee.bv_len))
            values[attribute] = String(validating: bytes, as: UTF8.self)
        }
        return Entry(dn: dn, values: values)
    }

    /// Whether a failed call ran out of time rather than failed outright.
    func timedOut(_ code: Int32, since started: ContinuousClock.Instant) -> Bool {
        code == LDAP_TIMEOUT || socket.wasCutOff || started.duration(to: .now) >= .seconds(settings.timeout * 0.95)
    }

    /// A result code as libldap names it, with the server's diagnostic message.
    func describe(_ code: Int32) -> String {
        var text = String(cString: ldap_err2string(code)) + " (\(code))"
        var diagnostic: UnsafeMutablePointer<CChar>?
        if ldap_get_option(handle, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic) == LDAP_OPT_SUCCESS, let diagnostic {
            let message = String(cString: diagnostic)
            if !message.isEmpty { text += ": " + message }
            ldap_memfree(diagnostic)
        }
        return text
    }

    /// Runs a blocking call with a timer that cuts the connection off shortly after the timeout.
    /// libldap's own timeouts cover connecting and waiting for results, not a TLS handshake.
    private func watched(_ call: () -> Int32) -> Int32 {
        let socket = self.socket
        let alarm = DispatchWorkItem { socket.cutOff() }
        DispatchQueue.global().asyncAfter(deadline: .now() + settings.timeout + 0.5, execute: alarm)
        defer { alarm.cancel() }
        return call()
    }

    func close() {
        guard !closed else { return }
        closed = true
        ldap_unbind_ext_s(handle, nil, nil)
        socket.release()
    }

    /// libldap and its TLS library set up global state on first use without a lock: do it once here.
    private static let libraryReady: Bool = {
        var handle: OpaquePointer?
        guard ldap_initialize(&handle, "ldap://127.0.0.1") == LDAP_SUCCESS, let handle else { return false }
        var client: Int32 = 0
        _ = ldap_set_option(handle, LDAP_OPT_X_TLS_NEWCTX, &client)
        ldap_unbind_ext_s(handle, nil, nil)
        return true
    }()
}

/// libldap's LDAP_TLS_CONNECT_CB, which ldap.h does not declare: called with the handle just before
/// a TLS handshake, and the LDAP_OPT_X_TLS_CONNECT_ARG pointer.
private typealias TLSConnectCallback =
    @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?) -> Void

extension timeval {
    fileprivate init(seconds: Double) {
        let whole = seconds.rounded(.down)
        self.init(tv_sec: time_t(whole), tv_usec: suseconds_t((seconds - whole) * 1_000_000))
    }
}
