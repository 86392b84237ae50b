import PostgresNIO

/// A certification holding that ends soon.
public struct ExpiringCertification: Sendable, Codable, Equatable {
    public let employeeNo: String
    public let name: String
    public let certCode: String
    public let certName: String
    public let expiresOn: Day
}

/// reference §4.10: holdings of staff active on D whose last valid day is in [D, D + N days].
public enum ExpiringCertificationsReport {
    public static func run(
        principal: Principal, within days: Int, asOf: Day, connection: PostgresConnection, logger: Logger
    ) async throws -> [ExpiringCertification] {
        guard (0...3650).contains(days) else {
            throw DXSkillsError.badParameter(
                Message(.parameterRange, ["name": "within", "min": "0", "max": "3650", "value": "\(days)"]))
        }
        let day = asOf
        let last = asOf.adding(days: days)
        let root: String?
        let own: String?
        switch principal.scope {
        case .tenant: (root, own) = (nil, nil)
        case .subtree(let unit): (root, own) = (unit, nil)
        case .own(let employee): (root, own) = (nil, employee)
        }
        let rows = try await connection.query(
            """
            SELECT v.employee_no, s.name, v.cert_code, c.name, v.valid_until
            FROM cert_validity() v
            JOIN staff s ON s.employee_no = v.employee_no
            JOIN certifications c ON c.code = v.cert_code
            WHERE v.valid_until BETWEEN \(day) AND \(last)
              AND v.acquired_on <= \(day)
              AND s.hired_on <= \(day) AND (s.retired_on IS NULL OR \(day) <= s.retired_on)
              AND (\(own)::text IS NULL OR v.employee_no = \(own)::text)
              AND (\(root)::text IS NULL OR EXISTS (
                SELECT 1 FROM assignments a JOIN unit_subtree(\(root)::text) t ON t.code = a.unit_code
                WHERE a.employee_no = v.employee_no AND a.is_primary
                  AND a.valid_from <= \(day) AND (a.valid_to IS NULL OR \(day) <= a.valid_to)))
            ORDER BY v.valid_until, v.employee_no, v.cert_code
            """, logger: logger)
        var result: [ExpiringCertification] = []
        for try await (employee, name, code, certName, until) in rows.decode((String, String, String, String, Day).self) {
            result.append(
                ExpiringCertification(employeeNo: employee, name: name, certCode: code, certName: certName, expiresOn: until))
        }
        return result
    }
}
