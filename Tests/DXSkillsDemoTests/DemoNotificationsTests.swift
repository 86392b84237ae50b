import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import DXSkillsDemo

/// The demo city as `admin demo` loads it: on DemoNotifications.day every rule of reference §8 fires,
/// each for the records that were added for it.
@Suite("Demo notifications")
struct DemoNotificationsTests {
    @Test("on 2027-03-01 every rule fires: the three certifications, the plan behind, the leader moved, terms, claims")
    func everyRuleFires() async throws {
        try await withTestDatabase { db in
            let city = DemoCity()
            #expect(try await DemoLoader(city: city).load(into: db.owner))
            #expect(try await !DemoLoader(city: city).load(into: db.owner), "a second load does nothing")
            let context = TenantContext(tenant: city.tenantCode, actor: "test")
            func dryRun(_ day: Day) async throws -> [NotificationItem] {
                try await db.app.transaction(context) { connection in
                    try await Notifications.dryRun(
                        tenant: city.tenantCode, on: day, connection: connection, logger: db.app.logger)
                }
            }
            let items = try await dryRun(DemoNotifications.day)
            #expect(Set(items.map(\.rule)) == Set(NotificationRule.allCases))
            #expect(
                Set(items.map { "\($0.recipient) \($0.rule) \($0.employeeNo ?? "-") \($0.subject)" }).count == items.count,
                "each item reaches each recipient once")

            // The three holdings end 30, 90 and 7 days after the day, each named to its holder.
            let certs = items.filter { $0.rule == .certExpiring && $0.recipient == $0.employeeNo }
            #expect(certs.map(\.day.description).sorted() == ["2027-03-08", "2027-03-31", "2027-05-30"])
            #expect(Set(certs.compactMap(\.employeeNo)).count == 3)

            // The ICT-SEC plan's first stage, due the day before, to its member and hr.
            let behind = items.filter { $0.rule == .planStageBehind }
            let member = try #require(behind.first?.employeeNo)
            #expect(Set(behind.map(\.recipient)).isSuperset(of: [member, "hr1"]))
            #expect(behind.allSatisfy { $0.subject == "基礎期" && $0.day.description == "2027-02-28" })

            // The leader moved to another 部 on the day: an item about them and one about their 課, to hr.
            let missing = items.filter { $0.rule == .leaderMissing && $0.recipient == "hr1" }
            #expect(missing.count == 2)
            let strings = { (query: String) in try await db.owner.strings(context, PostgresQuery(unsafeSQL: query)) }
            let moved = try await strings(
                "SELECT employee_no FROM assignments WHERE valid_from = '2027-03-01' AND is_primary")
            #expect(missing.map { $0.employeeNo ?? "課" }.sorted() == (moved + ["課"]).sorted())
            #expect(Set(missing.map(\.subject)).count == 1)

            // Every FY2026 leader's term ends 30 days on, with nobody designated after it.
            let terms = try await strings(
                "SELECT employee_no || ' ' || unit_code FROM designations WHERE role = 'leader' AND term_end = '2027-03-31' ORDER BY 1"
            )
            #expect(!terms.isEmpty)
            #expect(
                items.filter { $0.rule == .termEnding && $0.recipient == "hr1" }.map { "\($0.employeeNo!) \($0.subject)" }
                    .sorted() == terms)

            // The claims waiting for a decision (submitted 102 days before, approved 96) are each named.
            let waiting = try await strings("SELECT id::text FROM claims WHERE state IN ('submitted', 'approved') ORDER BY 1")
            #expect(Set(items.filter { $0.rule == .claimWaiting }.map(\.subject)).sorted() == waiting)

            // The next day neither the move nor the claims are named again.
            let next = try await dryRun(DemoNotifications.day.adding(days: 1))
            #expect(!next.contains { $0.rule == .leaderMissing || $0.rule == .claimWaiting || $0.rule == .planStageBehind })
        }
    }
}
