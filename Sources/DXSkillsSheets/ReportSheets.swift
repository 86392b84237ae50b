import DXSkillsAPI
import DXSkillsCore

/// A report as the rows of its Excel sheet (reference §10.1): its name, the header row and the
/// typed cells, and the day it is of when the document itself says (a ranking, a transfer impact).
///
/// Built from the API's documents, so that the CLI (from the JSON it reads) and the service (from
/// the values it would answer as JSON) write one and the same sheet.
package struct ReportSheet: Sendable {
    /// The report's title in the sheet's language, e.g. スキル充足.
    package var report: String
    /// The report in file names, ASCII: `coverage`.
    package var slug: String
    package var headers: [String]
    package var rows: [[SheetCell]]
    /// The day the document is of, when it says so; otherwise the request's.
    package var day: Day?

    package init(report: String, slug: String, headers: [String], rows: [[SheetCell]], day: Day? = nil) {
        self.report = report
        self.slug = slug
        self.headers = headers
        self.rows = rows
        self.day = day
    }

    /// The workbook: its title names the report, the tenant and the day.
    package func document(tenant: String, asOf: Day) -> SheetDocument {
        SheetDocument(report: report, tenant: tenant, asOf: day ?? asOf, headers: headers, rows: rows)
    }

    /// `coverage_139999_2026-04-01.xlsx`: what a browser saves the file as.
    package func fileName(tenant: String, asOf: Day) -> String {
        let safe = tenant.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return "\(slug)_\(safe.isEmpty ? "tenant" : safe)_\(day ?? asOf).xlsx"
    }
}

/// Each report's sheet: one function per report, the one place its columns are named and typed.
package enum ReportSheets {
    package static func headcount(_ lines: [Components.Schemas.HeadcountLine], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.headcountReport, slug: "headcount",
            headers: [words.unitCode, words.unitName, words.kind, words.headcount],
            rows: lines.map {
                [.text($0.unitCode), .text($0.unitName), .text($0.kind), .number(Double($0.headcount), places: 0)]
            })
    }

    package static func coverage(_ lines: [Components.Schemas.CoverageLine], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.coverageReport, slug: "coverage",
            headers: [words.unitCode, words.unitName, words.skill, words.level, words.headcount, words.count, words.ratio],
            rows: lines.map {
                [
                    .text($0.unitCode), .text($0.unitName), .text($0.skillCode), .number(Double($0.level), places: 0),
                    .number(Double($0.headcount), places: 0), .number(Double($0.count), places: 0),
                    SheetCell(Ratio($0.count, of: $0.headcount)),
                ]
            })
    }

    package static func completion(_ lines: [Components.Schemas.CompletionLine], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.completionReport, slug: "completion",
            headers: [words.unitCode, words.unitName, words.headcount, words.completed, words.ratio],
            rows: lines.map {
                [
                    .text($0.unitCode), .text($0.unitName), .number(Double($0.headcount), places: 0),
                    .number(Double($0.count), places: 0), SheetCell(Ratio($0.count, of: $0.headcount)),
                ]
            })
    }

    package static func expiring(_ holdings: [Components.Schemas.ExpiringCertification], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.expiringReport, slug: "certifications-expiring",
            headers: [words.employeeNo, words.name, words.certCode, words.certification, words.expiresOn],
            rows: holdings.map {
                [.text($0.employeeNo), .text($0.name), .text($0.certCode), .text($0.certName), SheetCell(day: $0.expiresOn)]
            })
    }

    package static func staff(_ staff: [Components.Schemas.StaffSummary], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.staffReport, slug: "staff",
            headers: [
                words.employeeNo, words.name, words.kana, words.unitCode, words.unitName, words.grade, words.jobTrack,
                words.employmentType,
            ],
            rows: staff.map {
                [
                    .text($0.employeeNo), .text($0.name), SheetCell(text: $0.kana), .text($0.unitCode), .text($0.unitName),
                    SheetCell(text: $0.grade), .text(words.jobTrack($0.jobTrack)),
                    .text(words.employmentType($0.employmentType)),
                ]
            })
    }

    package static func leaders(_ units: [Components.Schemas.LeaderCoverage], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.leadersReport, slug: "leaders",
            headers: [words.unitCode, words.unitName, words.leaders, words.subLeaders, words.warnings],
            rows: units.map { line in
                [
                    .text(line.unitCode), .text(line.unitName), SheetCell(text: line.leaders.joined(orNilWith: " ")),
                    SheetCell(text: line.subLeaders.joined(orNilWith: " ")),
                    SheetCell(
                        text: line.warnings.map { "\($0.employeeNo) \(words.reason($0.reason.rawValue))" }.joined(
                            orNilWith: "; ")),
                ]
            })
    }

    package static func targets(_ results: [Components.Schemas.TargetResult], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.targetsReport, slug: "targets",
            headers: [words.target, words.unitCode, words.actual, words.goal, words.met],
            rows: results.map {
                [
                    .number(Double($0.targetIndex), places: 0), .text($0.unitCode ?? words.tenantWide),
                    SheetCell(count: $0.actual), SheetCell(count: $0.goal), .text($0.met ? "○" : "×"),
                ]
            })
    }

    package static func impact(_ impact: Components.Schemas.TransferImpact, _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.impactReport, slug: "transfers-impact",
            headers: [words.target, words.unitCode, words.before, words.after],
            rows: impact.changes.map {
                [
                    .number(Double($0.targetIndex), places: 0), .text($0.unitCode ?? words.tenantWide),
                    .text($0.before ? "○" : "×"), .text($0.after ? "○" : "×"),
                ]
            },
            day: Day(iso: impact.effectiveOn))
    }

    /// One line per staff member, every item's score a column.
    package static func rankings(_ ranking: Components.Schemas.Ranking, _ words: Words) -> ReportSheet {
        func number(_ text: String?, places: Int) -> SheetCell {
            text.flatMap { Double($0) }.map { .number($0, places: places) } ?? .empty
        }
        return ReportSheet(
            report: words.rankingsReport, slug: "rankings",
            headers: [words.employeeNo, words.name, words.group, words.total, words.rank, words.percentile, words.status]
                + ranking.items.map(\.label),
            rows: ranking.lines.map { line in
                let scores = Dictionary(line.scores.map { ($0.code, $0.score) }, uniquingKeysWith: { first, _ in first })
                return [
                    .text(line.employeeNo), .text(line.name), .text(line.group), number(line.total, places: 2),
                    line.rank.map { .number(Double($0), places: 0) } ?? .empty,
                    line.percentile.flatMap { Double($0) }.map { .ratio($0) } ?? .empty,
                    line.incomplete ? .text(words.incomplete) : .empty,
                ] + ranking.items.map { number(scores[$0.code] ?? nil, places: 2) }
            },
            day: Day(iso: ranking.asOf))
    }

    package static func plans(_ plans: [Components.Schemas.CareerPlan], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.plansReport, slug: "plans",
            headers: [
                words.employeeNo, words.name, words.unitCode, words.careerPath, words.planStatus, words.nextStage,
                words.dueOn, words.warnings,
            ],
            rows: plans.map { plan in
                let next = plan.stages.first { $0.status != .met }
                return [
                    .text(plan.employeeNo), .text(plan.name), SheetCell(text: plan.unitCode), SheetCell(text: plan.template),
                    .text(words.planStatus(plan.status.rawValue)), SheetCell(text: next?.name), SheetCell(day: next?.dueOn),
                    SheetCell(text: plan.warnings.map { words.warning($0) }.joined(orNilWith: "; ")),
                ]
            })
    }

    package static func roles(_ grants: [Components.Schemas.RoleGrant], _ words: Words) -> ReportSheet {
        ReportSheet(
            report: words.rolesReport, slug: "roles",
            headers: [
                words.user, words.employeeNo, words.name, words.permission, words.unitCode, words.unitName, words.grantFrom,
                words.grantTo,
            ],
            rows: grants.map {
                [
                    .text($0.user), SheetCell(text: $0.employeeNo), SheetCell(text: $0.name),
                    .text(words.role($0.role.rawValue)), SheetCell(text: $0.unitCode), SheetCell(text: $0.unitName),
                    SheetCell(day: $0.validFrom), SheetCell(day: $0.validTo),
                ]
            })
    }
}

extension SheetCell {
    /// A ratio, or nothing on a headcount of 0 (JSON's null).
    package init(_ ratio: Ratio) { self = ratio.value.map { .ratio($0) } ?? .empty }

    /// A day of the API (YYYY-MM-DD), or nothing.
    package init(day: String?) { self = day.flatMap(Day.init(iso:)).map { .date($0) } ?? .empty }

    /// Text, or nothing.
    package init(text: String?) { self = text.map { .text($0) } ?? .empty }

    /// A number as JSON writes it: a whole number without decimals, any other as a ratio (targets'
    /// actuals and goals are counts or ratios).
    package init(count value: Double?) {
        guard let value else {
            self = .empty
            return
        }
        self = value == value.rounded() ? .number(value, places: 0) : .ratio(value)
    }
}

extension [String] {
    /// The strings joined with `separator`, or nil for none (an empty cell).
    package func joined(orNilWith separator: String) -> String? { isEmpty ? nil : joined(separator: separator) }
}
