import PostgresNIO

/// A grant as stored.
struct StoredRoleGrant: Sendable {
    var role: Role
    var unitCode: String?
    var from: Day
    var to: Day?
}

// The rows of a roles file against the stored grants of their users: what to write, and the rows
// that would overlap a grant they may not cut. Checked before writing and planned again to write,
// in the same transaction.
extension RoleImport {
    static func check(_ rows: [Lined<RoleGrantRow>], _ input: ImportInput, issues: inout [CSVIssue]) async throws {
        _ = plan(rows, stored: try await storedGrants(of: rows, input), callerRole: callerRole(input), issues: &issues)
    }

    static func write(_ rows: [Lined<RoleGrantRow>], _ input: ImportInput, summary: inout ImportSummary) async throws {
        var issues: [CSVIssue] = []
        let plan = plan(rows, stored: try await storedGrants(of: rows, input), callerRole: callerRole(input), issues: &issues)
        // Checked a moment ago in this transaction, which holds the tenant's import lock.
        try requireNoIssues(issues)
        let (connection, logger) = (input.connection, input.logger)
        // Ends first, then changes, then new grants: no statement ever gives a user two grants on one day.
        if !plan.ends.isEmpty {
            try await connection.run(
                """
                UPDATE role_grants g SET valid_to = v.valid_to::date
                FROM unnest(\(plan.ends.map(\.user)), \(plan.ends.map(\.from.description)),
                            \(plan.ends.map(\.to.description))) AS v(user_name, valid_from, valid_to)
                WHERE g.user_name = v.user_name AND g.valid_from = v.valid_from::date
                """, logger: logger)
        }
        func cells(_ rows: [RoleGrantRow]) -> ([String], [String], [String], [String], [String]) {
            (
                rows.map(\.user), rows.map(\.role.rawValue), rows.map { $0.unitCode ?? "" }, rows.map(\.from.description),
                rows.map { $0.to?.description ?? "" }
            )
        }
        if !plan.updates.isEmpty {
            let (users, roles, units, froms, tos) = cells(plan.updates)
            try await connection.run(
                """
                UPDATE role_grants g SET role = v.role, unit_code = nullif(v.unit_code, ''),
                  valid_to = nullif(v.valid_to, '')::date
                FROM unnest(\(users), \(roles), \(units), \(froms), \(tos)) AS v(user_name, role, unit_code, valid_from, valid_to)
                WHERE g.user_name = v.user_name AND g.valid_from = v.valid_from::date
                """, logger: logger)
        }
        if !plan.inserts.isEmpty {
            let (users, roles, units, froms, tos) = cells(plan.inserts)
            try await connection.run(
                """
                INSERT INTO role_grants (tenant_id, user_name, role, unit_code, valid_from, valid_to)
                SELECT \(input.context.tenant), v.user_name, v.role, nullif(v.unit_code, ''), v.valid_from::date,
                       nullif(v.valid_to, '')::date
                FROM unnest(\(users), \(roles), \(units), \(froms), \(tos)) AS v(user_name, role, unit_code, valid_from, valid_to)
                """, logger: logger)
        }
        summary.inserted += plan.inserts.count
        summary.updated += plan.updates.count
        summary.unchanged += rows.count - plan.inserts.count - plan.updates.count
        summary.transfers += plan.ends.count
    }

    /// The stored grants of the users the rows name, by user.
    static func storedGrants(of rows: [Lined<RoleGrantRow>], _ input: ImportInput) async throws -> [String: [StoredRoleGrant]] {
        var grants: [String: [StoredRoleGrant]] = [:]
        for try await (user, role, unit, from, to) in try await input.connection.query(
            """
            SELECT user_name, role, unit_code, valid_from, valid_to FROM role_grants
            WHERE user_name = ANY(\(Array(Set(rows.map(\.row.user)))))
            """, logger: input.logger
        ).decode((String, String, String?, Day, Day?).self) {
            guard let role = Role(rawValue: role) else { continue }
            grants[user, default: []].append(StoredRoleGrant(role: role, unitCode: unit, from: from, to: to))
        }
        return grants
    }

    /// What the rows write, with a problem for each row that overlaps another or a stored grant it may not cut.
    struct Plan {
        var inserts: [RoleGrantRow] = []
        var updates: [RoleGrantRow] = []
        /// Stored grants not in the file that end the day before a row begins.
        var ends: [(user: String, from: Day, to: Day)] = []
    }

    static func plan(
        _ rows: [Lined<RoleGrantRow>], stored: [String: [StoredRoleGrant]], callerRole: Role?, issues: inout [CSVIssue]
    ) -> Plan {
        let callerIsAdmin = callerRole == nil || callerRole == .admin
        var plan = Plan()
        var order: [String] = []
        var byUser: [String: [Lined<RoleGrantRow>]] = [:]
        for lined in rows {
            if byUser[lined.row.user] == nil { order.append(lined.row.user) }
            byUser[lined.row.user, default: []].append(lined)
        }
        for user in order {
            let lined = byUser[user]!
            // One grant a day: the rows of a user may not overlap one another.
            for (index, (line, row)) in lined.enumerated() {
                for (other, earlier) in lined[..<index] where overlaps(row.from, row.to, earlier.from, earlier.to) {
                    issues.append(
                        CSVIssue(
                            line: line, column: "valid_from", value: row.from.description,
                            .grantOverlapsLine,
                            [
                                "line": "\(other)", "user": "\(user)",
                                "grant": describe(earlier.role, earlier.unitCode, earlier.from, earlier.to),
                            ]))
                }
            }
            let grants = stored[user] ?? []
            for grant in grants {
                if let (line, row) = lined.first(where: { $0.row.from == grant.from }) {
                    // The same key: the row's role, unit and end replace the stored ones.
                    guard (row.role, row.unitCode, row.to) != (grant.role, grant.unitCode, grant.to) else { continue }
                    if grant.role == .admin, row.role != .admin, !callerIsAdmin {
                        issues.append(
                            CSVIssue(
                                line: line, column: "role", value: row.role.rawValue,
                                .grantAdminChange, ["user": "\(user)", "day": "\(grant.from)"])
                        )
                    }
                    plan.updates.append(row)
                    continue
                }
                // Not in the file. A grant that begins earlier ends the day before the first row it reaches …
                let reached = lined.filter { candidate in
                    candidate.row.from > grant.from && (grant.to.map { $0 >= candidate.row.from } ?? true)
                }.min { $0.row.from < $1.row.from }
                if let (line, row) = reached {
                    if grant.role == .admin, !callerIsAdmin {
                        issues.append(
                            CSVIssue(
                                line: line, column: row.userColumn, value: user,
                                .grantAdminEnd,
                                ["user": "\(user)", "grant": describe(grant.role, grant.unitCode, grant.from, grant.to)]))
                    }
                    plan.ends.append((user, grant.from, row.from.adding(days: -1)))
                }
                // … and one that begins later is not the file's to cut short.
                for (line, row) in lined where row.from < grant.from && (row.to.map { $0 >= grant.from } ?? true) {
                    issues.append(
                        CSVIssue(
                            line: line, column: "valid_to", value: row.to?.description,
                            .grantOverlapsStored,
                            [
                                "user": "\(user)", "grant": describe(grant.role, grant.unitCode, grant.from, grant.to),
                                "day": "\(grant.from.adding(days: -1))",
                            ]))
                }
            }
            for (_, row) in lined where !grants.contains(where: { $0.from == row.from }) { plan.inserts.append(row) }
        }
        return plan
    }

    static func overlaps(_ from: Day, _ to: Day?, _ otherFrom: Day, _ otherTo: Day?) -> Bool {
        (otherTo.map { from <= $0 } ?? true) && (to.map { otherFrom <= $0 } ?? true)
    }

    /// A grant in words: `manager S1 from 2025-04-01 to (open)`.
    static func describe(_ role: Role, _ unit: String?, _ from: Day, _ to: Day?) -> MessageValue {
        .message(
            Message(
                .grantDescription,
                ["role": "\(role.rawValue)", "unit": "\(unit.map { " \($0)" } ?? "")", "from": "\(from)", "to": .until(to)]))
    }
}
