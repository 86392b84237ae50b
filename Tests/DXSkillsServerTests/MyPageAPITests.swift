import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import DXSkillsServer

/// マイページ through HTTP, on RankingFixture: the caller's own data only, ratings only once disclosed.
@Suite("My page API")
struct MyPageAPITests {
    func setUp(_ db: TestDatabase) async throws -> [String: String] {
        try await RankingFixture.create(db.owner)
        // A holding that ends within 90 days of 2026-03-01, one that ends after, one that has ended.
        try await Fixture.load(
            .certifications,
            """
            employee_no,cert_code,acquired_on,expires_on
            E002,FE,2021-04-01,2026-05-30
            E002,IP,2021-04-01,2026-05-31

            """, into: db.owner)
        let users: [(String, Role, String?, String?)] = [
            ("hr1", .hr, nil, nil), ("manager1", .manager, "B1", "E007"), ("staff2", .staff, nil, "E002"),
            ("staff3", .staff, nil, "E003"),
        ]
        var tokens: [String: String] = [:]
        for (name, role, unit, employee) in users {
            tokens[name] = try await Fixture.userWithToken(name, role: role, unit: unit, employeeNo: employee, database: db.owner)
        }
        return tokens
    }

    static func bearer(_ token: String?) -> HTTPFields { [.authorization: "Bearer \(token ?? "")"] }

    /// The body as canonical JSON text (sorted keys), to compare whole documents exactly.
    static func canonical(_ data: some Sequence<UInt8>) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func page(_ client: any TestClientProtocol, _ token: String?, asOf: String = "2026-03-01") async throws
        -> (HTTPResponse.Status, String)
    {
        try await client.execute(uri: "/api/v1/me/page?as_of=\(asOf)", method: .get, headers: bearer(token)) {
            ($0.status, try canonical(Array($0.body.readableBytesView)))
        }
    }

    /// E002 on 2026-03-01 (RankingFixture): R-1 completed 2025-07-01 gives L-DATA 2; SC ended
    /// 2025-03-31 and shows nothing; FE ends 2026-05-30 = D + 90 (highlighted), IP 2026-05-31 (not);
    /// AP never ends. Information track without a plan: `no_plan`. Ratings of FY2025 not disclosed.
    static let e002 = """
        {"as_of":"2026-03-01",\
        "certifications":[\
        {"acquired_on":"2021-04-01","cert_code":"FE","cert_name":"基本情報技術者","expires_on":"2026-05-30","expiring_soon":true,"valid":true},\
        {"acquired_on":"2021-04-01","cert_code":"IP","cert_name":"ITパスポート","expires_on":"2026-05-31","expiring_soon":false,"valid":true},\
        {"acquired_on":"2021-10-01","cert_code":"AP","cert_name":"応用情報技術者","expiring_soon":false,"valid":true},\
        {"acquired_on":"2022-04-01","cert_code":"SC","cert_name":"情報処理安全確保支援士","expires_on":"2025-03-31","expiring_soon":false,"valid":false}],\
        "designations":[{"role":"leader","term_end":"2026-03-31","term_start":"2025-04-01","unit_code":"S2","unit_name":"情報政策課"}],\
        "evaluations":[],\
        "plans":[{"employee_no":"E002","name":"山﨑　花子","stages":[],"status":"no_plan","unit_code":"S2","unit_name":"情報政策課","warnings":[]}],\
        "skills":[\
        {"evidence":[{"level":2,"on":"2025-07-01","reference":"R-1","source":"training"}],"level":2,"skill_code":"L-DATA","skill_name":"データを読み、使う"},\
        {"evidence":[{"level":1,"on":"2021-04-01","reference":"IP","source":"certification","valid_until":"2026-05-31"}],"level":1,"skill_code":"L-SEC","skill_name":"情報を守る(セキュリティとモラル)"},\
        {"evidence":[{"level":3,"on":"2021-04-01","reference":"FE","source":"certification","valid_until":"2026-05-30"},\
        {"level":3,"on":"2021-10-01","reference":"AP","source":"certification"},\
        {"level":2,"on":"2021-04-01","reference":"IP","source":"certification","valid_until":"2026-05-31"}],"level":3,"skill_code":"L-TECH","skill_name":"デジタル技術を知る"},\
        {"evidence":[{"level":3,"on":"2021-10-01","reference":"AP","source":"certification"},\
        {"level":2,"on":"2021-04-01","reference":"FE","source":"certification","valid_until":"2026-05-30"}],"level":3,"skill_code":"P-SE","skill_name":"ソフトウェアエンジニア"}],\
        "staff":{"assignments":[{"from":"2021-04-01","unit_code":"S2","unit_name":"情報政策課"}],"employee_no":"E002","employment_type":"regular",\
        "grade":"主任","hired_on":"2015-04-01","job_track":"information","kana":"ヤマサキ　ハナコ","name":"山﨑　花子","unit_code":"S2","unit_name":"情報政策課"},\
        "training":[{"completed_on":"2025-07-01","course_code":"R-1","course_title":"データ活用入門","hours":40,"status":"completed"}]}
        """

    @Test(
        "マイページ JSON of a staff member: record, Level with evidence and validity, training, expiring holdings, designations, plan")
    func exactJSON() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                // act
                let (status, body) = try await Self.page(client, tokens["staff2"])
                // assert
                #expect(status == .ok)
                #expect(body == Self.e002)
            }
        }
    }

    @Test("only the caller's own data: a manager sees its own page, never its staff's; a user without a staff member gets 404")
    func ownDataOnly() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                let others = [
                    "E001": "髙橋", "E002": "山﨑", "E003": "佐藤", "E004": "鈴木", "E005": "田中", "E006": "伊藤", "E007": "渡辺",
                ]
                for (user, own) in [("manager1", "E007"), ("staff2", "E002"), ("staff3", "E003")] {
                    // act
                    let (status, body) = try await Self.page(client, tokens[user])
                    // assert: the caller's number and name; of the others, neither (E003's L-SEC
                    // assessment names its assessor, E001, by number only).
                    #expect(status == .ok)
                    #expect(body.contains("\"employee_no\":\"\(own)\"") && body.contains(others[own]!))
                    for (no, name) in others where no != own {
                        #expect(!body.contains(name), "\(user) sees \(name)")
                        if !(own == "E003" && no == "E001") { #expect(!body.contains(no), "\(user) sees \(no)") }
                    }
                }
                let (status, body) = try await Self.page(client, tokens["hr1"])
                #expect(status == .notFound)
                #expect(body.contains("not linked"))
            }
        }
    }

    @Test("ratings stay hidden until hr discloses the year; disclosing is hr's, audited once, and idempotent")
    func disclosure() async throws {
        try await withTestDatabase { db in
            let tokens = try await setUp(db)
            try await withTestApp(db) { client in
                // setup: before disclosure nothing of the ratings, not even the item
                for user in ["staff2", "staff3", "manager1"] {
                    let (_, body) = try await Self.page(client, tokens[user])
                    #expect(body.contains("\"evaluations\":[]") && !body.contains("contrib"), "\(user)")
                }
                for user in ["staff2", "manager1"] {
                    try await client.execute(
                        uri: "/api/v1/criteria/2025/disclosure", method: .put, headers: Self.bearer(tokens[user])
                    ) { #expect($0.status == .forbidden, "\(user)") }
                }
                try await client.execute(
                    uri: "/api/v1/criteria/2024/disclosure", method: .put, headers: Self.bearer(tokens["hr1"])
                ) {
                    #expect($0.status == .notFound)
                }
                // act
                var outcomes: [String] = []
                for _ in 0..<2 {
                    try await client.execute(
                        uri: "/api/v1/criteria/2025/disclosure", method: .put, headers: Self.bearer(tokens["hr1"])
                    ) { response in
                        #expect(response.status == .ok)
                        let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
                        #expect(body?["disclosed_by"] as? String == "hr1")
                        outcomes.append(body?["outcome"] as? String ?? "")
                    }
                }
                // assert: E002 was rated B at stage 1 only; E003 C, then B at stage 2.
                #expect(outcomes == ["disclosed", "unchanged"])
                let (_, e002) = try await Self.page(client, tokens["staff2"])
                let (_, e003) = try await Self.page(client, tokens["staff3"])
                let today = Day.today().description
                #expect(
                    e002.contains(
                        "\"evaluations\":[{\"disclosed_on\":\"\(today)\",\"fiscal_year\":2025,\"ratings\":[{\"final\":\"B\",\"item\":\"contrib\",\"stage_1\":\"B\"}]}]"
                    ), "\(e002)")
                #expect(
                    e003.contains("\"ratings\":[{\"final\":\"B\",\"item\":\"contrib\",\"stage_1\":\"C\",\"stage_2\":\"B\"}]"),
                    "\(e003)")
                let audited = try await db.owner.strings(
                    Fixture.context(), "SELECT action || ' ' || actor FROM audit_log WHERE entity = 'evaluation_disclosures'")
                #expect(audited == ["insert hr1"])
            }
        }
    }
}
