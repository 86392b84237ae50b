import CLDAP

extension LDAPConnection {
    /// Binds as the service account; without one, searches stay anonymous.
    func bindServiceAccount() throws(DirectoryError) {
        guard let dn = settings.bindDN, !dn.isEmpty else { return }
        guard let password = settings.bindPassword, !password.isEmpty else {
            throw .serviceAccountWithoutPassword(dn)
        }
        let started = ContinuousClock.now
        let code = bind(dn: dn, password: password)
        switch code {
        case LDAP_SUCCESS: return
        case LDAP_INVALID_CREDENTIALS: throw .serviceAccountRefused(dn)
        default: throw failure(code, since: started, during: "the service account's bind")
        }
    }

    /// What the user filter finds for a user name under the base DN.
    enum Match {
        case none
        case one(Entry)
        case several
    }

    func findUser(_ user: String) throws(DirectoryError) -> Match {
        var attributes = [settings.employeeAttribute, settings.mailAttribute]
        for name in ["displayName", "cn"] where !attributes.contains(name) { attributes.append(name) }
        let started = ContinuousClock.now
        let (code, entries) = search(
            base: settings.baseDN, subtree: true, filter: LDAPFilter.filling(settings.userFilter, user: user),
            attributes: attributes, limit: 2)
        switch code {
        case LDAP_SUCCESS:
            guard let entry = entries.first, !entry.dn.isEmpty else { return .none }
            return entries.count == 1 ? .one(entry) : .several
        // The server's own limit may be lower than ours: however few it sent, there were more.
        case LDAP_SIZELIMIT_EXCEEDED: return .several
        case LDAP_NO_SUCH_OBJECT: throw .noSuchBase(endpoint, settings.baseDN)
        case LDAP_REFERRAL: throw .referral(endpoint, settings.baseDN)
        case LDAP_FILTER_ERROR: throw .badFilter(settings.userFilter)
        // Active Directory answers an anonymous search with operationsError.
        case LDAP_INSUFFICIENT_ACCESS, LDAP_OPERATIONS_ERROR, LDAP_STRONG_AUTH_REQUIRED, LDAP_INAPPROPRIATE_AUTH:
            throw .searchRefused(endpoint, settings.baseDN, describe(code), anonymous: (settings.bindDN ?? "").isEmpty)
        default: throw failure(code, since: started, during: "the user search")
        }
    }

    /// What a failed call on an established connection means.
    func failure(_ code: Int32, since started: ContinuousClock.Instant, during step: String) -> DirectoryError {
        if timedOut(code, since: started) { return .timedOut(endpoint, after: settings.timeout) }
        if code == LDAP_SERVER_DOWN || code == LDAP_CONNECT_ERROR { return .lost(endpoint, during: step) }
        return .failed(endpoint, during: step, describe(code))
    }
}
