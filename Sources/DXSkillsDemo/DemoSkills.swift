import DXSkillsCore
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
    static let lastDay = Day(year: 2026, month: 10, day: 31)!

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
                let start = max(person.hired, Day.april1(year))
                let end = min(person.retired ?? Self.lastDay, Self.lastDay, Day.march31(year + 1))
                guard start <= end else { continue }
                for course in Self.courses where random.chance(Self.likelihood(course.code, information: information)) {
                    let monthDay = [515, 620, 715, 1010, 1120, 1215][random.below(6)]
                    let day = Day(year: year, month: monthDay / 100, day: monthDay % 100)!
                    guard day >= start, day <= end else { continue }
                    let status = random.chance(0.9) ? "completed" : (random.chance(0.5) ? "incomplete" : "absent")
                    let score = course.pass.isEmpty || status != "completed" ? "" : String(random.int(55...98))
                    training += DemoCSV.line([person.number, course.code, day.description, status, score, ""])
                }
                guard year >= 2024 else { continue }
                // About 18 modules a year, on days within the part of the year the person served.
                var modules = Array(Self.modules.indices)
                random.shuffle(&modules)
                let first = start.ordinal
                let span = end.ordinal - first + 1
                for index in modules.prefix(random.int(15...21)) where random.chance(Double(span) / 365) {
                    let day = Day(ordinal: first + random.below(span)).description
                    let status = random.chance(0.95) ? "completed" : (random.chance(0.5) ? "incomplete" : "absent")
                    training += DemoCSV.line([person.number, Self.moduleCode(index), day, status, "", ""])
                }
            }
            let certChance = information ? 0.6 : 0.12
            for cert in ["IP", "SG", "FE", "AP", "SC"] where random.chance(cert == "IP" ? certChance * 1.5 : certChance / 2) {
                let acquiredYear = 2015 + random.below(11)
                let acquired = max(person.hired, Day(year: acquiredYear, month: 4 + random.below(8), day: 1)!)
                if person.retired.map({ acquired > $0 }) ?? false { continue }
                certifications += DemoCSV.line([person.number, cert, acquired.description, ""])
            }
            if information || random.chance(0.05) {
                let skill = ["P-SE", "P-DS", "P-CS", "P-BA", "L-DATA"][random.below(5)]
                let date = max(person.hired, Day(year: 2025, month: 10, day: 1)!)
                // The assessor is a colleague in service on the day (nobody assesses themselves).
                if person.retired.map({ date <= $0 }) ?? true,
                    let assessor = staff.first(where: {
                        $0.number != person.number && $0.hired <= date && ($0.retired.map { date <= $0 } ?? true)
                    })
                {
                    assessments += DemoCSV.line([
                        person.number, skill, String(random.int(1...3)), date.description, assessor.number,
                    ])
                }
            }
        }
        self.designationsCSV = Self.designations(city: city, random: &random)
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
        let hired: Day
        let retired: Day?
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
                    number: fields[0], track: fields[3], hired: Day(iso: fields[8])!, retired: Day(iso: fields[9]))
            }
        }
        return order.compactMap { people[$0] }
    }
}
