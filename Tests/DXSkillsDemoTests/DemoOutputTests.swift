import Crypto
import DXSkillsCore
import DXSkillsDemo
import Foundation
import Testing

/// Every text the demo city generator produces, so that a change to the generator that changes the city shows.
/// `DEMO_DUMP_DIR=/tmp/x swift test --filter DemoOutputTests` writes them all (seeds 1 and 7, 300 and 1200 staff) for a diff.
@Suite("Demo output")
struct DemoOutputTests {
    static func sections(staff: Int, seed: UInt64) -> [(String, String)] {
        let city = DemoCity(staff: staff, seed: seed)
        var out: [(String, String)] = []
        for (i, s) in city.snapshots().enumerated() {
            out.append(("snapshot\(i)-date", s.effectiveOn.description))
            out.append(("snapshot\(i)-units", s.unitsCSV))
            out.append(("snapshot\(i)-staff", s.staffCSV))
        }
        let skills = DemoSkills(city: city, seed: seed)
        out.append(("courses", skills.coursesCSV))
        out.append(("training", skills.trainingCSV))
        out.append(("certifications", skills.certificationsCSV))
        out.append(("assessments", skills.assessmentsCSV))
        out.append(("designations", skills.designationsCSV))
        let evaluation = DemoEvaluation(city: city, seed: seed)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for (i, c) in evaluation.criteria.enumerated() {
            out.append(("criteria\(i)", String(decoding: try! encoder.encode(c), as: UTF8.self)))
        }
        out.append(("ratings", evaluation.ratingsCSV))
        let plans = DemoCareerPlans(city: city, seed: seed)
        for (i, t) in plans.templates.enumerated() {
            out.append(("template\(i)", String(decoding: try! encoder.encode(t), as: UTF8.self)))
        }
        out.append(("plans", plans.plansCSV))
        out.append(
            (
                "users",
                city.users().map { "\($0.name),\($0.role.rawValue),\($0.unitCode ?? "-"),\($0.employeeNo ?? "-")\n" }.joined()
            ))
        out.append(("tenant", city.tenantCode + "," + city.tenantName))
        return out
    }

    static func all(staff: Int, seed: UInt64) -> String {
        sections(staff: staff, seed: seed).map { "== \($0.0) ==\n" + $0.1 + "\n" }.joined()
    }

    @Test("seed 1 and 300 staff give the same city as the generator recorded in 2026-12 (before it left Core)")
    func digest() {
        let digest = SHA256.hash(data: Array(Self.all(staff: 300, seed: 1).utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(digest == "a3e9bb61163c49e86d199b73c6b691001f40cf118a0c11692126f7fac194683c")
    }

    @Test("dumps every output when DEMO_DUMP_DIR is set")
    func dump() throws {
        guard let dir = ProcessInfo.processInfo.environment["DEMO_DUMP_DIR"] else { return }
        for seed: UInt64 in [1, 7] {
            for staff in [300, 1200] {
                let sub = dir + "/seed\(seed)-staff\(staff)"
                try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
                var all = ""
                for (name, text) in Self.sections(staff: staff, seed: seed) {
                    try text.write(toFile: sub + "/" + name, atomically: true, encoding: .utf8)
                    all += "== \(name) ==\n" + text + "\n"
                }
                try all.write(toFile: sub + "/ALL", atomically: true, encoding: .utf8)
            }
        }
    }
}
