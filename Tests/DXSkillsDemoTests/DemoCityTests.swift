import DXSkillsCore
import DXSkillsTestSupport
import Testing

@testable import DXSkillsDemo

/// A parsed snapshot: rows as dictionaries keyed by header name.
private struct ParsedSnapshot {
    let date: String
    let unitHeader: [String]
    let staffHeader: [String]
    let units: [String: [String: String]]
    let unitOrder: [String]
    let staff: [[String: String]]

    init(_ snapshot: DemoSnapshot) {
        date = snapshot.effectiveOn.description
        let unitTable = parseCSV(snapshot.unitsCSV)
        let staffTable = parseCSV(snapshot.staffCSV)
        unitHeader = unitTable.first ?? []
        staffHeader = staffTable.first ?? []
        var units: [String: [String: String]] = [:]
        var order: [String] = []
        for row in unitTable.dropFirst() {
            let record = Dictionary(uniqueKeysWithValues: zip(unitHeader, row))
            units[record["code"]!] = record
            order.append(record["code"]!)
        }
        self.units = units
        unitOrder = order
        let header = staffHeader
        staff = staffTable.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// Staff still in service on the snapshot date.
    var employed: [[String: String]] { staff.filter { ($0["retired_on"] ?? "").isEmpty || $0["retired_on"]! >= date } }
}

/// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.
private func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var characters = Array(text)[...]
    while let c = characters.popFirst() {
        if quoted {
            if c == "\"" {
                if characters.first == "\"" {
                    field.append("\"")
                    characters.removeFirst()
                } else {
                    quoted = false
                }
            } else {
                field.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            row.append(field)
            field = ""
        } else if c == "\n" || c == "\r\n" {
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        } else {
            field.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}

/// The day after an ISO date, enough for the checks below.
private func dayAfter(_ iso: String) -> String {
    let parts = iso.split(separator: "-").map { Int($0)! }
    var (y, m, d) = (parts[0], parts[1], parts[2] + 1)
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
    let length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    if d > length { (m, d) = (m + 1, 1) }
    if m > 12 { (y, m) = (y + 1, 1) }
    func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(y)-\(pad(m))-\(pad(d))"
}

private func isISODate(_ text: String) -> Bool {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    return parts.count == 3 && parts[0].count == 4 && parts[1].count == 2 && parts[2].count == 2
        && parts.allSatisfy { Int($0) != nil }
}

/// Every rule the units and staff importers enforce, over the whole history; returns what is wrong.
private func problems(in city: DemoCity) -> [String] {
    let snapshots = city.snapshots().map(ParsedSnapshot.init)
    var found: [String] = []
    var parents: [String: String] = [:]
    var lastRow: [String: (snapshot: Int, row: [String: String])] = [:]
    // The importer's view of each person: (unit, from) in order, and the last retired_on seen.
    var assignments: [String: [(unit: String, from: String)]] = [:]
    var retired: [String: String] = [:]
    let last = snapshots.last!

    for (index, snapshot) in snapshots.enumerated() {
        let at = snapshot.date
        if snapshot.unitHeader != ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "it_department"] {
            found.append("\(at): units header \(snapshot.unitHeader)")
        }
        if snapshot.staffHeader != [
            "employee_no", "name", "kana", "job_track", "employment_type", "grade", "unit_code", "assigned_from", "hired_on",
            "retired_on",
        ] {
            found.append("\(at): staff header \(snapshot.staffHeader)")
        }
        if Set(snapshot.unitOrder).count != snapshot.unitOrder.count { found.append("\(at): duplicate unit codes") }
        for (code, unit) in snapshot.units {
            let parent = unit["parent_code"]!
            if !parent.isEmpty && snapshot.units[parent] == nil { found.append("\(at): \(code) has unknown parent \(parent)") }
            if let old = parents[code], old != parent { found.append("\(at): \(code) changed parent") }
            parents[code] = parent
            if !isISODate(unit["valid_from"]!) || unit["valid_from"]! > at {
                found.append("\(at): \(code) valid_from \(unit["valid_from"]!)")
            }
            if let to = unit["valid_to"], !to.isEmpty, !isISODate(to) || to < unit["valid_from"]! || to >= at {
                found.append("\(at): \(code) valid_to \(to)")
            }
            if !["true", "false"].contains(unit["it_department"]!) { found.append("\(at): \(code) it_department") }
            if unit["name"]!.isEmpty || unit["kind"]!.isEmpty { found.append("\(at): \(code) empty name or kind") }
        }

        var seen: Set<String> = []
        for row in snapshot.staff {
            let no = row["employee_no"]!
            let place = "\(at) \(no)"
            if !seen.insert(no).inserted { found.append("\(place): listed twice") }
            if no.count != 6 || Int(no) == nil { found.append("\(place): employee_no") }
            if !["general", "information", "technical", "other"].contains(row["job_track"]!) {
                found.append("\(place): job_track")
            }
            if !["regular", "fixed_term", "fiscal_year"].contains(row["employment_type"]!) {
                found.append("\(place): employment_type")
            }
            if !["", "主事", "主任", "係長", "課長補佐", "課長", "部長", "局長"].contains(row["grade"]!) { found.append("\(place): grade") }
            if !row["name"]!.contains("　") || !row["kana"]!.contains("　") { found.append("\(place): name without 全角 space") }
            if !row["kana"]!.unicodeScalars.allSatisfy({ (0x30A0...0x30FF).contains($0.value) || $0 == "　" }) {
                found.append("\(place): kana \(row["kana"]!)")
            }
            let from = row["assigned_from"]!
            let hired = row["hired_on"]!
            let retiredOn = row["retired_on"]!
            guard isISODate(from), isISODate(hired), retiredOn.isEmpty || isISODate(retiredOn) else {
                found.append("\(place): bad date")
                continue
            }
            if hired > from { found.append("\(place): hired_on \(hired) after assigned_from \(from)") }
            if from > at { found.append("\(place): assigned_from \(from) after the snapshot") }
            if !retiredOn.isEmpty && (retiredOn < hired || retiredOn < from) {
                found.append("\(place): retired_on \(retiredOn)")
            }
            if !retiredOn.isEmpty && index > 0 && retiredOn < snapshots[index - 1].date {
                found.append("\(place): listed again after retiring on \(retiredOn)")
            }
            guard let unit = snapshot.units[row["unit_code"]!] else {
                found.append("\(place): unknown unit \(row["unit_code"]!)")
                continue
            }
            if from < unit["valid_from"]! || (!unit["valid_to"]!.isEmpty && from > unit["valid_to"]!) {
                found.append("\(place): unit \(row["unit_code"]!) not valid on \(from)")
            }
            if let previous = lastRow[no] {
                if previous.snapshot != index - 1 { found.append("\(place): reappears after a gap") }
                if previous.row["assigned_from"]! > from { found.append("\(place): assigned_from went back") }
                if previous.row["assigned_from"]! == from && previous.row["unit_code"]! != row["unit_code"]! {
                    found.append("\(place): unit changed without a new assigned_from")
                }
                if previous.row["hired_on"]! != hired || previous.row["name"]! != row["name"]! {
                    found.append("\(place): person changed")
                }
                if !previous.row["retired_on"]!.isEmpty && previous.row["retired_on"]! != retiredOn {
                    found.append("\(place): retired_on changed")
                }
            }
            lastRow[no] = (index, row)
            if assignments[no]?.last?.from != from { assignments[no, default: []].append((row["unit_code"]!, from)) }
            if !retiredOn.isEmpty { retired[no] = retiredOn }
        }
        // Whoever drops out must have left on record first: the importer never deletes staff.
        for (no, entry) in lastRow where entry.snapshot == index - 1 && !seen.contains(no) {
            if entry.row["retired_on"]!.isEmpty || entry.row["retired_on"]! >= at {
                found.append("\(at) \(no): dropped without retiring")
            }
        }
    }
    // Each assignment runs to the day before the next one or to the retirement: it must lie within its unit.
    for (no, list) in assignments {
        for (i, assignment) in list.enumerated() {
            guard let validTo = last.units[assignment.unit]?["valid_to"], !validTo.isEmpty else { continue }
            let ends = i + 1 < list.count ? list[i + 1].from : retired[no].map(dayAfter)
            if ends.map({ $0 > dayAfter(validTo) }) ?? true {
                found.append("\(no): in \(assignment.unit) after it ended on \(validTo)")
            }
        }
    }
    return found
}

@Suite struct DemoCityTests {
    @Test func snapshotsPassEveryImporterRule() {
        for (staff, seed) in [(10, 1), (50, 2), (300, 1), (300, 7), (1200, 3), (5000, 1)] as [(Int, UInt64)] {
            let found = problems(in: DemoCity(staff: staff, seed: seed))
            #expect(found.isEmpty, "staff \(staff) seed \(seed): \(found.prefix(10))")
        }
    }

    @Test func snapshotsAreEachFirstOfAprilFrom2021To2026() {
        let dates = DemoCity().snapshots().map(\.effectiveOn.description)
        #expect(dates == ["2021-04-01", "2022-04-01", "2023-04-01", "2024-04-01", "2025-04-01", "2026-04-01"])
    }

    @Test func sameSeedGivesTheSameTextAndAnotherSeedDoesNot() {
        let a = DemoCity(staff: 800, seed: 42).snapshots()
        let b = DemoCity(staff: 800, seed: 42).snapshots()
        let c = DemoCity(staff: 800, seed: 43).snapshots()
        #expect(a.map(\.unitsCSV) == b.map(\.unitsCSV))
        #expect(a.map(\.staffCSV) == b.map(\.staffCSV))
        #expect(a.map(\.staffCSV) != c.map(\.staffCSV))
        #expect(
            DemoCity(staff: 800, seed: 42).users().map(\.employeeNo) == DemoCity(staff: 800, seed: 42).users().map(\.employeeNo))
    }

    @Test(arguments: [300, 5000])
    func lastSnapshotHasAboutTheRequestedStaff(staff: Int) {
        let last = ParsedSnapshot(DemoCity(staff: staff, seed: 1).snapshots().last!)
        // In service on 1 April 2026: the target exactly, give or take mid-year hires.
        #expect(abs(last.employed.count - staff) <= max(3, staff / 50))
        // Plus those who retired on 31 March 2026, listed one last time.
        #expect(last.staff.count >= staff && last.staff.count <= staff + staff / 10)
    }

    @Test func unitsGrowWithStaffAtAbout8To15PerSection() {
        for staff in [300, 5000, 20000] {
            let last = ParsedSnapshot(DemoCity(staff: staff, seed: 1).snapshots().last!)
            let leaves = last.units.values.filter { unit in
                unit["valid_to"]!.isEmpty && !last.units.values.contains { $0["parent_code"] == unit["code"] }
            }
            let perSection = Double(last.employed.count) / Double(leaves.count)
            #expect(perSection >= 8 && perSection <= 15, "staff \(staff): \(perSection) per 課")
        }
    }

    @Test func organizationIsAThreeLevelTreeWithTheITDepartment() {
        let last = ParsedSnapshot(DemoCity(staff: 300, seed: 1).snapshots().last!)
        func depth(_ code: String) -> Int {
            let parent = last.units[code]!["parent_code"]!
            return parent.isEmpty ? 1 : 1 + depth(parent)
        }
        #expect(last.units.keys.map(depth).max() == 3)
        #expect(last.units.values.filter { $0["parent_code"]!.isEmpty }.allSatisfy { $0["kind"] == "局" })
        let it = last.units.values.filter { $0["it_department"] == "true" }
        let division = it.first { $0["name"] == "デジタル推進部" }
        #expect(division.map { last.units[$0["parent_code"]!]!["name"] } == "総務局")
        for name in ["情報政策課", "情報システム課", "DX推進室"] {
            #expect(it.contains { $0["name"] == name && $0["parent_code"] == division?["code"] }, "\(name)")
        }
        #expect(last.units.values.contains { $0["name"] == "人事課" })
    }

    @Test func oneSectionEndsAndItsStaffMoveToANewSectionOn20240401() {
        let snapshots = DemoCity(staff: 1000, seed: 1).snapshots().map(ParsedSnapshot.init)
        let (before, after) = (snapshots[2], snapshots[3])
        let ended = after.units.values.filter { !$0["valid_to"]!.isEmpty }
        #expect(ended.count == 1)
        guard let old = ended.first else { return }
        #expect(old["valid_to"] == "2024-03-31")
        #expect(before.units[old["code"]!]?["valid_to"] == "")
        let started = after.units.values.filter { $0["valid_from"] == "2024-04-01" }
        #expect(started.count == 1)
        guard let new = started.first else { return }
        #expect(new["parent_code"] == old["parent_code"] && new["code"] != old["code"])
        #expect(before.units[new["code"]!] == nil)

        let members = before.employed.filter { $0["unit_code"] == old["code"] }.map { $0["employee_no"]! }
        #expect(members.count >= 5)
        let rows = Dictionary(uniqueKeysWithValues: after.staff.map { ($0["employee_no"]!, $0) })
        var moved = 0
        for no in members {
            guard let row = rows[no] else { continue }
            if row["retired_on"]!.isEmpty || row["retired_on"]! >= "2024-04-01" {
                #expect(row["assigned_from"] == "2024-04-01" && row["unit_code"] != old["code"], "\(no)")
                if row["unit_code"] == new["code"] { moved += 1 }
            } else {
                #expect(row["unit_code"] == old["code"])
            }
        }
        #expect(moved >= members.count * 2 / 3)
        #expect(after.staff.filter { $0["unit_code"] == old["code"] }.allSatisfy { !$0["retired_on"]!.isEmpty })
    }

    @Test func aboutAQuarterOfStaffTransferEachApril() {
        let snapshots = DemoCity(staff: 5000, seed: 1).snapshots().map(ParsedSnapshot.init)
        for (previous, next) in zip(snapshots, snapshots.dropFirst()) {
            let rows = Dictionary(uniqueKeysWithValues: previous.employed.map { ($0["employee_no"]!, $0) })
            let stayed = next.employed.filter { rows[$0["employee_no"]!] != nil }
            let moved = stayed.filter {
                $0["assigned_from"] == next.date && $0["unit_code"] != rows[$0["employee_no"]!]!["unit_code"]
            }
            let share = Double(moved.count) / Double(stayed.count)
            #expect(share >= 0.18 && share <= 0.32, "\(next.date): \(share)")
        }
    }

    @Test func peopleArriveAndLeaveEveryYear() {
        let snapshots = DemoCity(staff: 2000, seed: 1).snapshots().map(ParsedSnapshot.init)
        for (previous, next) in zip(snapshots, snapshots.dropFirst()) {
            let before = Set(previous.staff.map { $0["employee_no"]! })
            let hires = next.staff.filter { !before.contains($0["employee_no"]!) }
            #expect(hires.count > 40, "\(next.date)")
            #expect(hires.contains { $0["hired_on"] == next.date && $0["assigned_from"] == next.date })
            #expect(next.staff.contains { !$0["retired_on"]!.isEmpty && $0["retired_on"]! < next.date })
        }
        let first = snapshots[0].staff
        #expect(first.contains { $0["hired_on"]!.hasPrefix("198") })
        #expect(first.contains { !$0["hired_on"]!.hasSuffix("-04-01") })
    }

    @Test func staffMixLooksLikeACityHall() {
        let last = ParsedSnapshot(DemoCity(staff: 5000, seed: 1).snapshots().last!).employed
        func share(_ column: String, _ value: String) -> Double {
            Double(last.count { $0[column] == value }) / Double(last.count)
        }
        #expect((0.03...0.08).contains(share("job_track", "information")))
        #expect((0.10...0.20).contains(share("job_track", "technical")))
        #expect((0.07...0.13).contains(share("employment_type", "fiscal_year")))
        #expect(share("employment_type", "fixed_term") > 0)
        #expect(share("employment_type", "regular") > 0.8)
        #expect(last.contains { $0["name"]!.contains("髙") } && last.contains { $0["name"]!.contains("﨑") })
        #expect(last.contains { $0["name"]!.hasPrefix("吉田　") })
    }

    @Test func everyHeadSitsInTheUnitOfTheirRank() {
        let last = ParsedSnapshot(DemoCity(staff: 3000, seed: 1).snapshots().last!)
        let kinds = ["局長": ["局"], "部長": ["部"], "課長": ["課", "室"]]
        var heads: [String: Int] = [:]
        for row in last.employed {
            guard let allowed = kinds[row["grade"]!] else { continue }
            #expect(allowed.contains(last.units[row["unit_code"]!]!["kind"]!), "\(row)")
            heads[row["unit_code"]!, default: 0] += 1
        }
        #expect(heads.values.allSatisfy { $0 == 1 })
        // Every open unit has its head.
        let open = last.units.values.filter { $0["valid_to"]!.isEmpty }
        #expect(open.allSatisfy { heads[$0["code"]!] == 1 })
    }

    @Test func usersPointAtRealUnitsAndStaff() {
        let city = DemoCity(staff: 300, seed: 1)
        let last = ParsedSnapshot(city.snapshots().last!)
        let users = city.users()
        #expect(users.map(\.name) == ["admin1", "hr1", "manager1", "evaluator1", "staff1"])
        #expect(users.map(\.role.rawValue) == ["admin", "hr", "manager", "evaluator", "staff"])
        let manager = users[2]
        let evaluator = users[3]
        #expect(manager.unitCode.flatMap { last.units[$0]?["kind"] } == "部")
        #expect(evaluator.unitCode.flatMap { last.units[$0]?["kind"] } == "局")
        let employed = Dictionary(uniqueKeysWithValues: last.employed.map { ($0["employee_no"]!, $0) })
        #expect(employed[users[4].employeeNo ?? ""] != nil)
        #expect(employed[manager.employeeNo ?? ""]?["unit_code"] == manager.unitCode)
        #expect(employed[evaluator.employeeNo ?? ""]?["unit_code"] == evaluator.unitCode)
    }

    @Test func csvFieldsAreQuotedOnlyWhenNeeded() {
        #expect(DemoCSV.line(["佐藤　花子"]) == "佐藤　花子\n")
        #expect(DemoCSV.line(["a,b"]) == "\"a,b\"\n")
        #expect(DemoCSV.line(["say \"hi\""]) == "\"say \"\"hi\"\"\"\n")
        #expect(DemoCSV.line(["two\nlines"]) == "\"two\nlines\"\n")
        // The demo's files were never formula-escaped (no field starts with one of = + - @ anyway).
        #expect(DemoCSV.line(["-1", "=x"]) == "-1,=x\n")
        #expect(DemoCSV.line(["a", "b,c", ""]) == "a,\"b,c\",\n")
        #expect(parseCSV(DemoCSV.line(["x\"y", "1,2", "z"])) == [["x\"y", "1,2", "z"]])
    }
}

@Suite("Demo skills records")
struct DemoSkillsTests {
    @Test("the demo's skills files import cleanly into the demo city")
    func importsCleanly() async throws {
        try await withTestDatabase { db in
            let city = DemoCity(staff: 60, seed: 3)
            try await Administration.createTenant(code: city.tenantCode, name: city.tenantName, database: db.owner)
            let context = TenantContext(tenant: city.tenantCode, actor: "demo")
            for snapshot in city.snapshots() {
                _ = try await Importer.run(
                    .units, bytes: Array(snapshot.unitsCSV.utf8), options: .init(), database: db.owner, context: context)
                _ = try await Importer.run(
                    .staff, bytes: Array(snapshot.staffCSV.utf8), options: .init(), database: db.owner, context: context)
            }
            let skills = DemoSkills(city: city, seed: 3)
            var inserted: [Int] = []
            for (kind, csv) in [
                (ImportKind.courses, skills.coursesCSV), (.training, skills.trainingCSV),
                (.certifications, skills.certificationsCSV),
                (.assessments, skills.assessmentsCSV), (.designations, skills.designationsCSV),
            ] {
                inserted.append(
                    try await Importer.run(kind, bytes: Array(csv.utf8), options: .init(), database: db.owner, context: context)
                        .inserted)
            }
            #expect(inserted[0] == DemoSkills.courses.count + DemoSkills.modules.count)
            // About 20 records per person and fiscal year from FY2024 (60 staff, two and a half years).
            #expect(inserted[1] > 60 * 40)
            #expect(inserted[4] > 0)
            #expect(DemoSkills(city: city, seed: 3).trainingCSV == skills.trainingCSV)
            // Criteria and ratings load, and FY2025 ranks most of the city with a few incomplete.
            let evaluation = DemoEvaluation(city: city, seed: 3)
            try await db.owner.transaction(context) { connection in
                for document in evaluation.criteria {
                    try await EvaluationCriteria.set(document, connection: connection, context: context, logger: db.owner.logger)
                }
            }
            let ratings = try await Importer.run(
                .ratings, bytes: Array(evaluation.ratingsCSV.utf8), options: .init(), database: db.owner, context: context)
            #expect(ratings.inserted > 0)
            let ranking = try await db.owner.transaction(context) { connection in
                try await RankingReport.run(
                    principal: Principal(tenant: city.tenantCode, userName: "hr1", role: .hr, unitCode: nil, employeeNo: nil),
                    fiscalYear: 2025, group: .unitKind("局"), unit: nil, asOf: nil, connection: connection,
                    logger: db.owner.logger)
            }
            #expect(ranking.lines.count(where: { !$0.incomplete }) > ranking.lines.count / 2)
            #expect(ranking.lines.contains { $0.incomplete })
            #expect(DemoEvaluation(city: city, seed: 3).ratingsCSV == evaluation.ratingsCSV)
        }
    }
}
