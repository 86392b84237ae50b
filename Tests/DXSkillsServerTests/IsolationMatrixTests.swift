import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Prometheus
import Testing

@testable import DXSkillsServer

/// reference §1 as a matrix: every endpoint × every role × (own tenant in scope, own tenant out of scope,
/// other tenant). A role that may not act gets 403; an object outside the caller's scope or tenant
/// gets 404, exactly like one that does not exist; a denied request carries no personal data.
@Suite("Isolation matrix")
struct IsolationMatrixTests {
    enum Target: String, CaseIterable {
        case inScope = "in scope"
        case outOfScope = "out of scope"
        case otherTenant = "other tenant"
    }
    enum Subject { case none, unit, staff }

    struct Endpoint {
        let method: HTTPRequest.Method
        /// `{unit}` and `{staff}` are replaced by the target's unit or staff.
        let path: String
        let allowed: Set<Role>
        let subject: Subject
        var contentType: String? = nil
        var body: String? = nil
        var success: HTTPResponse.Status = .ok
    }

    static let endpoints: [Endpoint] = {
        let readers: Set<Role> = [.admin, .hr, .manager, .evaluator]
        let rankers: Set<Role> = [.admin, .hr, .evaluator]
        let writers: Set<Role> = [.admin, .hr]
        return [
            Endpoint(method: .get, path: "/api/v1/me", allowed: Set(Role.allCases), subject: .none),
            Endpoint(method: .get, path: "/api/v1/units?unit={unit}", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/headcount?unit={unit}", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/staff?unit={unit}", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/staff/{staff}", allowed: Set(Role.allCases), subject: .staff),
            Endpoint(method: .get, path: "/api/v1/coverage?unit={unit}&as_of=2026-03-31", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/completion?course=R-1&unit={unit}", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/leaders?unit={unit}", allowed: readers, subject: .unit),
            // A staff user sees its own holdings only.
            Endpoint(
                method: .get, path: "/api/v1/certifications/expiring?within=3650", allowed: Set(Role.allCases), subject: .none),
            Endpoint(method: .get, path: "/api/v1/targets/2025/report", allowed: readers, subject: .none),
            Endpoint(method: .get, path: "/api/v1/rankings?fiscal_year=2025&unit={unit}", allowed: rankers, subject: .unit),
            Endpoint(
                method: .get, path: "/api/v1/rankings/export?fiscal_year=2025&unit={unit}", allowed: rankers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/criteria/2025", allowed: rankers, subject: .none),
            Endpoint(method: .get, path: "/api/v1/plans?unit={unit}", allowed: readers, subject: .unit),
            Endpoint(method: .get, path: "/api/v1/career-templates", allowed: Set(Role.allCases), subject: .none),
            Endpoint(
                method: .put, path: "/api/v1/career-templates", allowed: writers, subject: .none, contentType: "application/json",
                body:
                    #"{"code": "T1", "name": "標準", "stages": [{"name": "基礎期", "years": 3, "placement": "it", "requires": [{"cert": "FE"}]}]}"#
            ),
            Endpoint(
                method: .put, path: "/api/v1/criteria", allowed: writers, subject: .none, contentType: "application/json",
                body: #"{"fiscal_year": 2026, "items": [{"code": "h", "type": "training_hours", "weight": 1, "cap": 10}]}"#,
                success: .noContent),
            Endpoint(
                method: .put, path: "/api/v1/targets", allowed: writers, subject: .none, contentType: "application/json",
                body: #"{"fiscal_year": 2026, "targets": [{"type": "leaders_per_unit", "unit_kind": "課", "min": 1}]}"#,
                success: .noContent),
            Endpoint(
                method: .post, path: "/api/v1/imports/units", allowed: writers, subject: .none, contentType: "text/csv",
                body: Fixture.unitsCSV),
            Endpoint(
                method: .post, path: "/api/v1/imports/assessments?dry_run=true", allowed: [.admin, .hr, .manager],
                subject: .none, contentType: "text/csv",
                // Dated today: a manager may not backdate, and the server reads the clock (issue 14).
                body: "employee_no,skill_code,level,assessed_on,assessor\nE001,L-SEC,2,\(Day.today()),E007\n"),
            Endpoint(
                method: .post, path: "/api/v1/transfers/impact", allowed: writers, subject: .none, contentType: "text/csv",
                body: "employee_no,unit_code,effective_on\nE001,S2,2027-04-01\n"),
        ]
    }()

    /// The caller's user, and what "in scope" and "out of scope" mean for it.
    struct Caller {
        let user: String
        let role: Role
        let unit: String?
        let employee: String?
        let inUnit: String
        let outUnit: String
        let inStaff: String
        let outStaff: String
    }

    static let callers = [
        Caller(
            user: "admin1", role: .admin, unit: nil, employee: nil, inUnit: "S1", outUnit: "S3", inStaff: "E001", outStaff: "E006"
        ),
        Caller(user: "hr1", role: .hr, unit: nil, employee: nil, inUnit: "S1", outUnit: "S3", inStaff: "E001", outStaff: "E006"),
        Caller(
            user: "manager1", role: .manager, unit: "B1", employee: "E007", inUnit: "S1", outUnit: "S3", inStaff: "E001",
            outStaff: "E006"),
        Caller(
            user: "evaluator1", role: .evaluator, unit: "K2", employee: nil, inUnit: "S3", outUnit: "S1", inStaff: "E006",
            outStaff: "E001"),
        Caller(
            user: "staff1", role: .staff, unit: nil, employee: "E003", inUnit: "S2", outUnit: "S1", inStaff: "E003",
            outStaff: "E001"),
    ]

    /// Only the other tenant has unit Z9 and staff X900 (named 他市　太郎).
    static let otherUnits = "code,name,kind,parent_code,valid_from,valid_to,it_department\nZ9,他市課,課,,2020-04-01,,false\n"
    static let otherStaff = """
        employee_no,name,kana,job_track,employment_type,grade,unit_code,assigned_from,hired_on,retired_on
        X900,他市　太郎,タシ　タロウ,general,regular,主事,Z9,2020-04-01,2020-04-01,

        """

    /// The staff of the fixture by employee number and name, and the other tenant's.
    static let people = [
        "E001": "髙橋　一郎", "E002": "山﨑　花子", "E003": "佐藤　三郎", "E004": "鈴木　四郎", "E005": "田中　五郎",
        "E006": "伊藤　六子", "E007": "渡辺　七海",
    ]
    static let otherTenantMarks = ["X900", "他市　太郎", "タシ　タロウ", "他市課", "Z9", "別の市"]

    /// Whom a caller may see: everyone of its tenant (admin, hr), the staff of its subtree (a manager:
    /// B1 holds S1 and S2; an evaluator: K2 holds S3), or itself (staff). Nobody sees the other tenant.
    static func outside(_ caller: Caller) -> [String] {
        let visible: Set<String>
        switch caller.role {
        case .admin, .hr: visible = Set(people.keys)
        case .manager: visible = ["E001", "E002", "E003", "E004", "E007"]
        case .evaluator: visible = ["E005", "E006"]
        case .staff: visible = [caller.employee!]
        }
        return people.filter { !visible.contains($0.key) }.flatMap { [$0.key, $0.value] } + otherTenantMarks
    }

    /// Names a denied answer must never contain.
    static let personalData = ["髙橋", "山﨑", "佐藤", "伊藤", "渡辺", "他市　太郎", "65.38"]

    static func expected(_ endpoint: Endpoint, _ caller: Caller, _ target: Target) -> HTTPResponse.Status {
        guard endpoint.allowed.contains(caller.role) else { return .forbidden }
        switch (endpoint.subject, target) {
        case (.none, _), (_, .inScope): return endpoint.success
        case (_, .otherTenant): return .notFound
        case (_, .outOfScope): return caller.role.isTenantWide ? endpoint.success : .notFound
        }
    }

    @Test("every endpoint × role × target answers as reference §1 says, and denials carry no data")
    func matrix() async throws {
        try await withTestDatabase { db in
            try await RankingFixture.create(db.owner)
            try await db.owner.transaction(Fixture.context()) { connection in
                let targets = TargetDocument(fiscalYear: 2025, targets: [.init(type: "leaders_per_unit", unitKind: "課", min: 1)])
                try await Targets.set(targets, connection: connection, context: Fixture.context(), logger: db.owner.logger)
            }
            try await Fixture.create(db.owner, tenant: Fixture.otherTenant, name: "別の市")
            try await Fixture.load(.units, Self.otherUnits, into: db.owner, tenant: Fixture.otherTenant)
            try await Fixture.load(.staff, Self.otherStaff, into: db.owner, tenant: Fixture.otherTenant)
            var tokens: [String: String] = [:]
            for caller in Self.callers {
                tokens[caller.user] = try await Fixture.userWithToken(
                    caller.user, role: caller.role, unit: caller.unit, employeeNo: caller.employee, database: db.owner)
            }
            let router = try buildRouter(database: db.app, registry: PrometheusCollectorRegistry())
            var logger = Logger(label: "matrix")
            logger.logLevel = .critical
            let issued = tokens
            let checked = try await Application(router: router, logger: logger).test(.router) { client in
                var checked = 0
                var seen = 0
                for endpoint in Self.endpoints {
                    for caller in Self.callers {
                        for target in endpoint.subject == .none ? [Target.inScope] : Target.allCases {
                            let unit = target == .inScope ? caller.inUnit : target == .outOfScope ? caller.outUnit : "Z9"
                            let staff = target == .inScope ? caller.inStaff : target == .outOfScope ? caller.outStaff : "X900"
                            let path = endpoint.path.replacingOccurrences(of: "{unit}", with: unit)
                                .replacingOccurrences(of: "{staff}", with: staff)
                            var headers: HTTPFields = [.authorization: "Bearer \(issued[caller.user]!)"]
                            if let type = endpoint.contentType { headers[.contentType] = type }
                            let want = Self.expected(endpoint, caller, target)
                            let succeeded = try await client.execute(
                                uri: path, method: endpoint.method, headers: headers,
                                body: endpoint.body.map { ByteBuffer(string: $0) }
                            ) { response in
                                let label = "\(endpoint.method) \(path) as \(caller.role.rawValue) (\(target.rawValue))"
                                #expect(response.status == want, "\(label): \(String(buffer: response.body).prefix(200))")
                                // Every byte of a successful answer, downloads included, holds no one outside the scope.
                                if response.status.code < 300 {
                                    // One's own assessments name their assessor: that reference is not a person shown.
                                    let body = String(buffer: response.body).replacingOccurrences(
                                        of: #""reference":"E[0-9]+","source":"assessment""#, with: "", options: .regularExpression
                                    )
                                    for mark in Self.outside(caller) where body.contains(mark) {
                                        let at = body.range(of: mark)!.lowerBound
                                        let from = body.index(at, offsetBy: -80, limitedBy: body.startIndex) ?? body.startIndex
                                        Issue.record("\(label) shows \(mark): …\(body[from...].prefix(160))")
                                    }
                                }
                                if response.status.code >= 400 {
                                    let body = String(buffer: response.body)
                                    #expect(response.headers[.contentType] == "application/problem+json", "\(label)")
                                    for name in Self.personalData { #expect(!body.contains(name), "\(label) leaks \(name)") }
                                }
                                return response.status.code < 300
                            }
                            if succeeded { seen += 1 }
                            checked += 1
                        }
                    }
                }
                return (checked, seen)
            }
            #expect(checked.0 > 150)
            // The bodies of this many successful answers were searched.
            #expect(checked.1 > 60)
        }
    }
}
