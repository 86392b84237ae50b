import Foundation
import PostgresNIO

/// reference §4.7: a transfers file (異動予定), read and validated once, then carried out.
extension Transfers {
    static let columns = [
        CSVColumn(name: "employee_no", aliases: ["職員番号"], required: true),
        CSVColumn(name: "unit_code", aliases: ["異動先所属コード", "所属コード"], required: true, keywords: ["退職"]),
        CSVColumn(name: "effective_on", aliases: ["発令日"], required: true),
    ]

    /// Carries the transfers out (audited): old assignments end the day before, retirements end service then.
    public static func apply(_ bytes: [UInt8], principal: Principal, database: Database, requestID: String?) async throws -> Int {
        try principal.require(.admin, .hr, to: .actApplyTransfers)
        return try await database.transaction(TenantContext(principal, requestID: requestID)) { connection in
            let (transfers, _) = try await read(bytes, connection: connection, logger: database.logger)
            try await apply(transfers, connection: connection, tenant: principal.tenant, logger: database.logger)
            return transfers.count
        }
    }

    static func read(_ bytes: [UInt8], connection: PostgresConnection, logger: Logger) async throws -> ([PlannedTransfer], Day) {
        let (table, _) = try ImportFile.read(bytes, columns: columns, options: .init())
        let units = try await unitValidity(connection: connection, logger: logger)
        let staff = try await codes("SELECT employee_no FROM staff", connection: connection, logger: logger)
        var issues: [CSVIssue] = []
        var transfers: [PlannedTransfer] = []
        var seen = Set<String>()
        var firstDay: Day?
        for record in table.records {
            var cells = CellReader(record)
            let employee = cells.required("employee_no")
            let target = cells.required("unit_code")
            let day = cells.date("effective_on", required: true)
            if let employee, !staff.contains(employee) { cells.fail("employee_no", employee, .unknownEmployee) }
            if let employee, !seen.insert(employee).inserted { cells.fail("employee_no", employee, .listedTwice) }
            let retire = target.map { ["RETIRE", "退職"].contains($0.uppercased()) } ?? false
            if let target, let day, !retire {
                if let unit = units[target] {
                    if day < unit.from || (unit.to.map { day > $0 } ?? false) {
                        cells.fail("unit_code", target, .unitNotValidOn, ["day": "\(day)"])
                    }
                } else {
                    cells.fail("unit_code", target, .unknownUnitOrRetire)
                }
            }
            if let day, let first = firstDay, day != first {
                cells.fail("effective_on", day.description, .transfersOneDay, ["day": "\(first)"])
            }
            if firstDay == nil { firstDay = day }
            issues += cells.issues
            guard cells.issues.isEmpty, let employee, let target, let day else { continue }
            transfers.append(PlannedTransfer(employeeNo: employee, unitCode: retire ? nil : target, effectiveOn: day))
        }
        try requireNoIssues(table.locate(issues))
        guard let day = transfers.first?.effectiveOn else { throw DXSkillsError.invalid(Message(.transfersNoRows)) }
        return (transfers, day)
    }

    static func apply(_ transfers: [PlannedTransfer], connection: PostgresConnection, tenant: String, logger: Logger) async throws
    {
        guard let day = transfers.first?.effectiveOn else { return }
        let dayBefore = day.adding(days: -1)
        let moves = transfers.filter { $0.unitCode != nil }
        let retirements = transfers.filter { $0.unitCode == nil }.map(\.employeeNo)
        try await connection.run(
            """
            UPDATE assignments SET valid_to = \(dayBefore)
            WHERE is_primary AND employee_no = ANY(\(transfers.map(\.employeeNo)))
              AND valid_from < \(day) AND (valid_to IS NULL OR valid_to >= \(day))
            """, logger: logger)
        if !moves.isEmpty {
            try await connection.run(
                """
                INSERT INTO assignments (tenant_id, employee_no, unit_code, valid_from, is_primary)
                SELECT \(tenant), v.employee_no, v.unit_code, \(day), true
                FROM unnest(\(moves.map(\.employeeNo)), \(moves.compactMap(\.unitCode))) AS v(employee_no, unit_code)
                ON CONFLICT DO NOTHING
                """, logger: logger)
        }
        if !retirements.isEmpty {
            try await connection.run(
                "UPDATE staff SET retired_on = \(dayBefore) WHERE employee_no = ANY(\(retirements))", logger: logger)
        }
    }
}
