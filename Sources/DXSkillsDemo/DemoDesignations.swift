import DXSkillsCore

extension DemoSkills {
    /// DX推進リーダー (and a few sub-leaders) for FY2026, drawn from the regular staff of the open 課 of the last snapshot;
    /// `random` continues where the skills records left it.
    static func designations(city: DemoCity, random: inout DemoRandom) -> String {
        var designations = "employee_no,unit_code,role,term_start,term_end,working_group\n"
        if let last = city.snapshots().last {
            var sections = Set<String>()
            for line in last.unitsCSV.split(separator: "\n").dropFirst() {
                let fields: [Substring] = line.split(separator: ",", omittingEmptySubsequences: false)
                // code, name, kind, parent_code, valid_from, valid_to: open sections only.
                if fields.count > 5, fields[2] == "課", fields[5].isEmpty { sections.insert(String(fields[0])) }
            }
            var byUnit: [String: [String]] = [:]
            for line in last.staffCSV.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                guard fields.count == 10, fields[9].isEmpty, fields[4] == "regular", sections.contains(String(fields[6])) else {
                    continue
                }
                byUnit[String(fields[6]), default: []].append(String(fields[0]))
            }
            for unit in byUnit.keys.sorted() where random.chance(0.85) {
                let members = byUnit[unit]!
                let leader = members[random.below(members.count)]
                designations += DemoCSV.line([
                    leader, unit, "leader", "2026-04-01", "2027-03-31", ["データ部会", "業務改革部会", ""][random.below(3)],
                ])
                if members.count > 3, random.chance(0.4), let sub = members.first(where: { $0 != leader }) {
                    designations += DemoCSV.line([sub, unit, "sub_leader", "2026-04-01", "2027-03-31", ""])
                }
            }
        }
        return designations
    }
}
