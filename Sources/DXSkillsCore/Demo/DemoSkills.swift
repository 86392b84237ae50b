import Foundation

/// Skills records for the demo city: a course catalog, training over the years, certifications
/// and a few assessments, derived deterministically from the staff of the last snapshot.
public struct DemoSkills: Sendable {
    public let coursesCSV: String
    public let trainingCSV: String
    public let certificationsCSV: String
    public let assessmentsCSV: String
    /// DX推進リーダー for most sections (課) in FY2025 and FY2026; a few sections have none.
    public let designationsCSV: String

    static let courses: [(code: String, title: String, hours: String, delivery: String, pass: String, skills: String)] = [
        ("DX-101", "DX基礎研修", "3", "elearning", "", "L-WHY:1;L-DATA:1;L-SEC:1"),
        ("SEC-101", "情報セキュリティ研修", "2", "elearning", "60", "L-SEC:2"),
        ("DATA-201", "データ活用研修", "6", "classroom", "70", "L-DATA:2;P-DS:1"),
        ("BPR-201", "業務改革(BPR)研修", "12", "classroom", "", "L-TOOL:2;P-BA:2"),
        ("UX-201", "サービスデザイン研修", "12", "classroom", "", "P-DES:2;L-MIND:2"),
        ("DS-301", "データサイエンス実践", "24", "classroom", "70", "P-DS:3;L-DATA:3"),
        ("SE-301", "システム調達・開発実践", "24", "ojt", "", "P-SE:3;L-TECH:3"),
    ]

    /// Required and elective modules every municipality runs (no skill levels): with the DX courses
    /// about 20 records per person per fiscal year from FY2024.
    static let modules: [(title: String, hours: String)] = [
        ("個人情報保護研修", "2"), ("公文書管理研修", "2"), ("ハラスメント防止研修", "1.5"), ("メンタルヘルス研修", "1"),
        ("接遇研修", "3"), ("財務会計研修", "3"), ("契約事務研修", "3"), ("地方自治法基礎", "2"), ("防災・危機管理研修", "2"),
        ("人権研修", "1.5"), ("男女共同参画研修", "1"), ("コンプライアンス研修", "1"), ("情報公開制度研修", "1.5"),
        ("広報・情報発信研修", "2"), ("政策形成研修", "6"), ("法制執務研修", "6"), ("統計基礎研修", "3"), ("表計算活用研修", "3"),
        ("議会対応研修", "2"), ("公務員倫理研修", "1"), ("住民対応研修", "2"), ("業務改善研修", "3"), ("ファシリテーション研修", "3"),
        ("プレゼンテーション研修", "3"), ("文章作成研修", "2"), ("管理職研修", "6"), ("係長研修", "6"), ("主任研修", "6"),
        ("OJT指導者研修", "3"), ("クレーム対応研修", "2"), ("タイムマネジメント研修", "1.5"), ("SDGs研修", "1"),
        ("生成AI利用ガイドライン研修", "1"),
    ]

    /// The last day records are generated for, so that the same seed gives the same files every day.
    static let lastDay = 2026_1031

    public init(city: DemoCity, seed: UInt64 = 1) {
        var random = DemoRandom(seed: seed &+ 0x5EED)
        var courses = "code,title,hours,provider,delivery,pass_score,skills\n"
        for course in Self.courses {
            courses += DemoCSV.line([course.code, course.title, course.hours, "人事課", course.delivery, course.pass, course.skills])
        }
        for (index, module) in Self.modules.enumerated() {
            courses += DemoCSV.line([Self.moduleCode(index), module.title, module.hours, "人事課", "elearning", "", ""])
        }
        var training = "employee_no,course_code,completed_on,status,score,hours\n"
        var certifications = "employee_no,cert_code,acquired_on,expires_on\n"
        var assessments = "employee_no,skill_code,level,assessed_on,assessor\n"
        let staff = Self.staff(in: city)
        for person in staff {
            let information = person.track == "information"
            for year in 2021...2026 {
                let start = max(person.hired, year * 10000 + 401)
                let end = min(person.retired ?? 99_999_999, Self.lastDay, (year + 1) * 10000 + 331)
                guard start <= end else { continue }
                for course in Self.courses where random.chance(Self.likelihood(course.code, information: information)) {
                    let day = DemoDate.iso(year * 10000 + [515, 620, 715, 1010, 1120, 1215][random.below(6)])
                    guard day >= DemoDate.iso(start), day <= DemoDate.iso(end) else { continue }
                    let status = random.chance(0.9) ? "completed" : (random.chance(0.5) ? "incomplete" : "absent")
                    let score = course.pass.isEmpty || status != "completed" ? "" : String(random.int(55...98))
                    training += DemoCSV.line([person.number, course.code, day, status, score, ""])
                }
                guard year >= 2024 else { continue }
                // About 18 modules a year, on days within the part of the year the person served.
                var modules = Array(Self.modules.indices)
                random.shuffle(&modules)
                let first = DemoDate.ordinal(start)
                let span = DemoDate.ordinal(end) - first + 1
                for index in modules.prefix(random.int(15...21)) where random.chance(Double(span) / 365) {
                    let day = DemoDate.isoOrdinal(first + random.below(span))
                    let status = random.chance(0.95) ? "completed" : (random.chance(0.5) ? "incomplete" : "absent")
                    training += DemoCSV.line([person.number, Self.moduleCode(index), day, status, "", ""])
                }
            }
            let certChance = information ? 0.6 : 0.12
            for cert in ["IP", "SG", "FE", "AP", "SC"] where random.chance(cert == "IP" ? certChance * 1.5 : certChance / 2) {
                let acquired = max(person.hired, (2015 + random.below(11)) * 10000 + 401 + 100 * random.below(8))
                if person.retired.map({ acquired > $0 }) ?? false { continue }
                certifications += DemoCSV.line([person.number, cert, DemoDate.iso(acquired), ""])
            }
            if information || random.chance(0.05) {
                let skill = ["P-SE", "P-DS", "P-CS", "P-BA", "L-DATA"][random.below(5)]
                let date = max(person.hired, 2025_1001)
                let day = DemoDate.iso(date)
                // The assessor is a colleague in service on the day (nobody assesses themselves).
                if person.retired.map({ day <= DemoDate.iso($0) }) ?? true,
                    let assessor = staff.first(where: {
                        $0.number != person.number && $0.hired <= date && ($0.retired.map { date <= $0 } ?? true)
                    })
                {
                    assessments += DemoCSV.line([person.number, skill, String(random.int(1...3)), day, assessor.number])
                }
            }
        }
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
        self.designationsCSV = designations
        self.coursesCSV = courses
        self.trainingCSV = training
        self.certificationsCSV = certifications
        self.assessmentsCSV = assessments
    }

    static func moduleCode(_ index: Int) -> String { "GEN-" + String(101 + index) }

    static func likelihood(_ course: String, information: Bool) -> Double {
        switch course {
        case "DX-101", "SEC-101": return 0.35
        case "DATA-201", "BPR-201", "UX-201": return information ? 0.3 : 0.08
        default: return information ? 0.2 : 0.01
        }
    }

    struct Person {
        let number: String
        let track: String
        let hired: Int
        let retired: Int?
    }

    /// Everyone in any snapshot, with the latest of their rows.
    static func staff(in city: DemoCity) -> [Person] {
        var people: [String: Person] = [:]
        var order: [String] = []
        for snapshot in city.snapshots() {
            for line in snapshot.staffCSV.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                guard fields.count == 10 else { continue }
                if people[fields[0]] == nil { order.append(fields[0]) }
                people[fields[0]] = Person(
                    number: fields[0], track: fields[3], hired: Int(fields[8].replacingOccurrences(of: "-", with: "")) ?? 0,
                    retired: fields[9].isEmpty ? nil : Int(fields[9].replacingOccurrences(of: "-", with: "")))
            }
        }
        return order.compactMap { people[$0] }
    }
}

extension DemoDate {
    /// Days since an epoch, for drawing a random day in a span.
    static func ordinal(_ date: Int) -> Int { Day(year: date / 10000, month: date / 100 % 100, day: date % 100)!.ordinal }
    static func isoOrdinal(_ ordinal: Int) -> String { Day(ordinal: ordinal).description }
}
