import Foundation
import Testing

@testable import DXSkillsCore

/// The directory that `scripts/slapd.sh start DIR` runs (Tests/Fixtures/ldap/seed.ldif), as its
/// KEY=value lines describe it. It refuses every operation outside TLS.
struct DirectoryFixture {
    let startTLSURL: String
    let ldapsURL: String
    let caFile: String
    let otherCAFile: String
    let baseDN: String
    let bindDN: String
    let bindPassword: String

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    static func load() throws -> DirectoryFixture {
        let environment = ProcessInfo.processInfo.environment
        func value(_ name: String) throws -> String {
            guard let value = environment[name], !value.isEmpty else {
                throw Missing(
                    description: "\(name) is not set: run the tests with scripts/test.sh (or export what "
                        + "`scripts/slapd.sh start DIR` prints)")
            }
            return value
        }
        let passwordFile = try value("DXSKILLS_TEST_LDAP_BIND_PASSWORD_FILE")
        return DirectoryFixture(
            startTLSURL: try value("DXSKILLS_TEST_LDAP_URL"), ldapsURL: try value("DXSKILLS_TEST_LDAPS_URL"),
            caFile: try value("DXSKILLS_TEST_LDAP_CA"), otherCAFile: try value("DXSKILLS_TEST_LDAP_OTHER_CA"),
            baseDN: try value("DXSKILLS_TEST_LDAP_BASE_DN"), bindDN: try value("DXSKILLS_TEST_LDAP_BIND_DN"),
            bindPassword: try String(contentsOfFile: passwordFile, encoding: .utf8)
                .trimmingCharacters(in: .newlines))
    }

    /// The fixture's settings, over StartTLS unless `url` says otherwise; uid plays sAMAccountName.
    func settings(url: String? = nil, timeout: Double = 5) -> DirectorySettings {
        DirectorySettings(
            url: url ?? startTLSURL, caFile: caFile, baseDN: baseDN, bindDN: bindDN, bindPassword: bindPassword,
            userFilter: "(uid={user})", employeeAttribute: "employeeNumber", mailAttribute: "mail", timeout: timeout)
    }
}

/// A TCP port on 127.0.0.1 that accepts connections into its backlog and never answers: a hung
/// directory. After `close()` nothing listens there.
final class SilentListener {
    let port: Int
    private var descriptor: Int32

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, 16) == 0
                    && getsockname(descriptor, address, &length) == 0
            }
        }
        guard descriptor >= 0, bound else { throw DirectoryFixture.Missing(description: "cannot listen on 127.0.0.1") }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}

func unavailableMessage(_ body: () async throws -> Void) async -> String? {
    do {
        try await body()
        return nil
    } catch DirectoryError.unavailable(let message) {
        return message
    } catch {
        Issue.record("expected DirectoryError.unavailable, got \(String(reflecting: error))")
        return nil
    }
}

@Suite("LDAPDirectory", .serialized)
struct LDAPDirectoryTests {
    let fixture: DirectoryFixture

    init() throws { fixture = try DirectoryFixture.load() }

    func signIn(_ user: String, _ password: String, _ settings: DirectorySettings? = nil) async throws
        -> DirectoryOutcome
    {
        try await LDAPDirectory.authenticate(user: user, password: password, settings: settings ?? fixture.settings())
    }

    func people(_ uid: String) -> String { "uid=\(uid),ou=people,\(fixture.baseDN)" }

    @Test("over StartTLS the right password signs in with the entry's DN, employee number, mail and Japanese cn")
    func signInOverStartTLS() async throws {
        // act
        let outcome = try await signIn("takahashi", "takahashi-pass-2026")
        // assert: 髙 (U+9AD9) comes through as itself, not as 高 or mojibake
        #expect(
            outcome
                == .signedIn(
                    DirectoryIdentity(
                        dn: people("takahashi"), employeeNo: "E001", mail: "takahashi@example.lg.jp",
                        displayName: "髙橋 一郎")))
    }

    @Test("over ldaps the right password signs in with the same identity as over StartTLS")
    func signInOverLDAPS() async throws {
        // act
        let outcome = try await signIn("yamazaki", "yamazaki-pass-2026", fixture.settings(url: fixture.ldapsURL))
        // assert: 﨑 is U+FA11, a compatibility ideograph that normalization would turn into 崎
        #expect(
            outcome
                == .signedIn(
                    DirectoryIdentity(
                        dn: people("yamazaki"), employeeNo: "E002", mail: "yamazaki@example.lg.jp",
                        displayName: "山﨑 花子")))
        #expect(outcome == (try await signIn("yamazaki", "yamazaki-pass-2026")))
    }

    @Test("displayName wins over cn; an entry without mail or employee number signs in with nil for them")
    func identityAttributes() async throws {
        // act
        let watanabe = try await signIn("watanabe", "watanabe-pass-2026")
        let tanaka = try await signIn("tanaka", "tanaka-pass-2026")
        let stranger = try await signIn("stranger", "stranger-pass-2026")
        let nonumber = try await signIn("nonumber", "nonumber-pass-2026")
        // assert: whether a retired or unknown staff member may sign in is the caller's rule, not the directory's
        #expect(
            watanabe
                == .signedIn(
                    DirectoryIdentity(
                        dn: people("watanabe"), employeeNo: "E007", mail: "watanabe@example.lg.jp",
                        displayName: "渡辺 七海（DX推進課）")))
        #expect(
            tanaka == .signedIn(DirectoryIdentity(dn: people("tanaka"), employeeNo: "E005", mail: nil, displayName: "田中 五郎")))
        #expect(
            stranger
                == .signedIn(DirectoryIdentity(dn: people("stranger"), employeeNo: "X999", mail: nil, displayName: "外部 太郎")))
        #expect(
            nonumber == .signedIn(DirectoryIdentity(dn: people("nonumber"), employeeNo: nil, mail: nil, displayName: "番号 なし")))
    }

    @Test("the employee number comes from the configured attribute")
    func configuredEmployeeAttribute() async throws {
        // setup: uid stands in for an attribute such as employeeID
        var settings = fixture.settings()
        settings.employeeAttribute = "uid"
        settings.mailAttribute = "employeeNumber"
        // act
        let outcome = try await signIn("takahashi", "takahashi-pass-2026", settings)
        // assert
        #expect(
            outcome
                == .signedIn(
                    DirectoryIdentity(dn: people("takahashi"), employeeNo: "takahashi", mail: "E001", displayName: "髙橋 一郎")))
    }

    @Test("a wrong password, another user's password, an unknown user and an empty password are rejected alike")
    func rejections() async throws {
        // act + assert
        #expect(try await signIn("takahashi", "takahashi-pass-2025") == .rejected)
        #expect(try await signIn("takahashi", "yamazaki-pass-2026") == .rejected)
        #expect(try await signIn("suzuki", "takahashi-pass-2026") == .rejected)
        #expect(try await signIn("takahashi", "") == .rejected)
        #expect(try await signIn("", "takahashi-pass-2026") == .rejected)
        // The right password still works, so the rejections above are the password's doing.
        #expect(try await signIn("takahashi", "takahashi-pass-2026") != .rejected)
    }

    @Test("an empty password is rejected before any connection, even to a directory that is down")
    func emptyPasswordNeverBinds() async throws {
        // setup: nothing listens there, so any attempt to connect would throw
        let listener = try SilentListener()
        listener.close()
        // act + assert
        #expect(try await signIn("takahashi", "", fixture.settings(url: "ldap://127.0.0.1:\(listener.port)")) == .rejected)
    }

    @Test(
        "filter metacharacters in a user name are matched literally, never obeyed",
        arguments: [
            "takaha*", "*", "takahashi)(uid=*", "*)(|(uid=*", "takahashi\\", "takahashi\u{0}", "(uid=takahashi)",
        ])
    func filterInjection(user: String) async throws {
        // Unescaped, "takaha*" would find takahashi and sign in; "takahashi)(uid=*" would be an
        // invalid filter and throw; "*" would find several entries.
        #expect(try await signIn(user, "takahashi-pass-2026") == .rejected)
    }

    @Test("RFC 4515 escapes *, (, ), backslash and NUL, and leaves Japanese names as they are")
    func escaping() {
        #expect(LDAPFilter.escaped("a*b(c)d\\e\u{0}f") == "a\\2ab\\28c\\29d\\5ce\\00f")
        #expect(LDAPFilter.escaped("髙橋") == "髙橋")
        #expect(LDAPFilter.filling("(&(uid={user})(!(cn={user})))", user: "x*") == "(&(uid=x\\2a)(!(cn=x\\2a)))")
    }

    @Test("several entries matching the filter are rejected, even with the right password")
    func severalMatches() async throws {
        // setup: the filter also finds yamazaki (E002), so takahashi matches two entries
        var several = fixture.settings()
        several.userFilter = "(|(uid={user})(employeeNumber=E002))"
        var single = fixture.settings()
        single.userFilter = "(|(uid={user})(employeeNumber=E404))"
        // act + assert: the same filter shape with one match signs in
        #expect(try await signIn("takahashi", "takahashi-pass-2026", several) == .rejected)
        #expect(try await signIn("takahashi", "takahashi-pass-2026", single) != .rejected)
    }

    @Test("a port where nothing listens is unavailable, not rejected, and names the URL")
    func nothingListens() async throws {
        // setup
        let listener = try SilentListener()
        listener.close()
        for url in ["ldap://127.0.0.1:\(listener.port)", "ldaps://127.0.0.1:\(listener.port)"] {
            // act
            let message = await unavailableMessage {
                _ = try await signIn("takahashi", "takahashi-pass-2026", fixture.settings(url: url))
            }
            // assert
            #expect(
                message?.hasPrefix("cannot reach the directory at \(url): nothing accepts connections") == true,
                "\(message ?? "none")")
        }
    }

    @Test("a directory that accepts connections and never answers is unavailable within about the timeout")
    func hungDirectory() async throws {
        // setup
        let listener = try SilentListener()
        defer { listener.close() }
        for url in ["ldap://127.0.0.1:\(listener.port)", "ldaps://127.0.0.1:\(listener.port)"] {
            let started = ContinuousClock.now
            // act
            let message = await unavailableMessage {
                _ = try await signIn("takahashi", "takahashi-pass-2026", fixture.settings(url: url, timeout: 1))
            }
            // assert: libldap alone would wait on an ldaps handshake until the server hung up
            let elapsed = started.duration(to: .now)
            #expect(message?.hasPrefix("the directory at \(url) did not answer within 1 s") == true, "\(message ?? "none")")
            #expect(elapsed < .seconds(3), "\(url) took \(elapsed)")
        }
    }

    @Test("a CA that did not sign the directory's certificate is unavailable and names the CA file")
    func untrustedCertificate() async throws {
        for url in [fixture.startTLSURL, fixture.ldapsURL] {
            // setup
            var settings = fixture.settings(url: url)
            settings.caFile = fixture.otherCAFile
            // act
            let message = await unavailableMessage { _ = try await signIn("takahashi", "takahashi-pass-2026", settings) }
            // assert
            #expect(
                message?.hasPrefix(
                    "the directory's certificate at \(url) is not signed by the CA in \(fixture.otherCAFile)") == true,
                "\(message ?? "none")")
        }
    }

    @Test("a CA file that cannot be read is unavailable and names the file")
    func unreadableCA() async throws {
        // setup
        var settings = fixture.settings(url: fixture.ldapsURL)
        settings.caFile = "/nonexistent/ca.pem"
        // act
        let message = await unavailableMessage { _ = try await signIn("takahashi", "takahashi-pass-2026", settings) }
        // assert
        #expect(message?.hasPrefix("cannot use the CA file /nonexistent/ca.pem") == true, "\(message ?? "none")")
    }

    @Test("ldaps:// to the StartTLS port, which speaks no TLS first, is unavailable and says to use the ldaps port")
    func ldapsToPlainPort() async throws {
        // setup
        let url = fixture.startTLSURL.replacingOccurrences(of: "ldap://", with: "ldaps://")
        // act
        let message = await unavailableMessage {
            _ = try await signIn("takahashi", "takahashi-pass-2026", fixture.settings(url: url, timeout: 2))
        }
        // assert
        #expect(
            message?.hasPrefix("the directory at \(url) accepts connections but no TLS handshake") == true, "\(message ?? "none")"
        )
    }

    @Test("a wrong service-account password is unavailable, not rejected, and never shows the password")
    func wrongServicePassword() async throws {
        // setup
        var settings = fixture.settings()
        settings.bindPassword = "not-the-service-password"
        // act
        let message = await unavailableMessage { _ = try await signIn("takahashi", "takahashi-pass-2026", settings) }
        // assert
        #expect(
            message
                == "the service account bind was refused (as \(fixture.bindDN)): check --ldap-bind-dn and the password file")
        #expect(message?.contains("not-the-service-password") == false)
        #expect(message?.contains("takahashi-pass-2026") == false)
    }

    @Test("a service account without a password is unavailable rather than an anonymous bind")
    func serviceAccountWithoutPassword() async throws {
        var settings = fixture.settings()
        settings.bindPassword = ""
        let message = await unavailableMessage { _ = try await signIn("takahashi", "takahashi-pass-2026", settings) }
        #expect(message?.hasPrefix("the service account \(fixture.bindDN) has no password") == true, "\(message ?? "none")")
    }

    @Test("an anonymous search, which this directory refuses, is unavailable and says to give a service account")
    func anonymousSearchRefused() async throws {
        var settings = fixture.settings()
        settings.bindDN = nil
        settings.bindPassword = nil
        let message = await unavailableMessage { _ = try await signIn("takahashi", "takahashi-pass-2026", settings) }
        #expect(message?.contains("refused the search under \(fixture.baseDN)") == true, "\(message ?? "none")")
        #expect(
            message?.contains("it does not let anonymous users search there; give a service account") == true,
            "\(message ?? "none")")
    }

    @Test("check passes against the fixture over StartTLS and ldaps")
    func checkPasses() async throws {
        try await LDAPDirectory.check(settings: fixture.settings())
        try await LDAPDirectory.check(settings: fixture.settings(url: fixture.ldapsURL))
    }

    @Test("check fails with what to fix: service password, base DN, filter, CA, URL, nothing listening")
    func checkFails() async throws {
        // setup
        let listener = try SilentListener()
        listener.close()
        var wrongPassword = fixture.settings()
        wrongPassword.bindPassword = "wrong"
        var noBase = fixture.settings()
        noBase.baseDN = "dc=nowhere,dc=lg,dc=jp"
        var badFilter = fixture.settings()
        badFilter.userFilter = "(uid={user}"
        var noPlaceholder = fixture.settings()
        noPlaceholder.userFilter = "(uid=takahashi)"
        var otherCA = fixture.settings(url: fixture.ldapsURL)
        otherCA.caFile = fixture.otherCAFile
        let cases: [(DirectorySettings, String)] = [
            (wrongPassword, "the service account bind was refused"),
            (noBase, "the base DN dc=nowhere,dc=lg,dc=jp does not exist in the directory at \(fixture.startTLSURL)"),
            (badFilter, "the user filter (uid={user} is not a valid LDAP filter"),
            (noPlaceholder, "the user filter (uid=takahashi) must contain {user}"),
            (otherCA, "the directory's certificate at \(fixture.ldapsURL) is not signed by the CA in \(fixture.otherCAFile)"),
            (
                fixture.settings(url: "ldapi:///run/slapd.sock"),
                "the directory URL ldapi:///run/slapd.sock must start with ldaps:// or ldap://"
            ),
            (
                fixture.settings(url: "ldaps://127.0.0.1/dc=example?uid"),
                "the directory URL ldaps://127.0.0.1/dc=example?uid must be just"
            ),
            (
                fixture.settings(url: "ldap://127.0.0.1:\(listener.port)"),
                "cannot reach the directory at ldap://127.0.0.1:\(listener.port)"
            ),
        ]
        for (settings, expected) in cases {
            // act
            let message = await unavailableMessage { try await LDAPDirectory.check(settings: settings) }
            // assert
            #expect(message?.hasPrefix(expected) == true, "\(message ?? "no error") for \(settings)")
        }
    }

    @Test("concurrent sign-ins each get their own identity")
    func concurrentSignIns() async throws {
        // setup
        let people = [("takahashi", "E001"), ("yamazaki", "E002"), ("watanabe", "E007"), ("tanaka", "E005")]
        // act
        let numbers = try await withThrowingTaskGroup(of: (String, String?).self) { group in
            for round in 0..<3 {
                for (uid, _) in people {
                    let settings = fixture.settings(url: round % 2 == 0 ? fixture.startTLSURL : fixture.ldapsURL)
                    group.addTask {
                        let outcome = try await LDAPDirectory.authenticate(
                            user: uid, password: "\(uid)-pass-2026", settings: settings)
                        guard case .signedIn(let identity) = outcome else { return (uid, nil) }
                        return (uid, identity.employeeNo)
                    }
                }
            }
            var numbers: [String: [String?]] = [:]
            for try await (uid, number) in group { numbers[uid, default: []].append(number) }
            return numbers
        }
        // assert
        for (uid, number) in people { #expect(numbers[uid] == [number, number, number], "\(uid)") }
    }

    @Test("settings print without the service account's password")
    func settingsHidePassword() {
        let settings = fixture.settings()
        #expect(!String(describing: settings).contains(fixture.bindPassword))
        #expect(!String(reflecting: settings).contains(fixture.bindPassword))
        #expect(String(describing: settings).contains("bindPassword: <redacted>"))
    }
}
