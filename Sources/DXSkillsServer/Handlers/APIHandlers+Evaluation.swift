import DXSkillsAPI
import DXSkillsCore
import DXSkillsSheets
import Foundation
import OpenAPIRuntime

extension APIHandlers {
    func setCriteria(_ input: Operations.SetCriteria.Input) async throws -> Operations.SetCriteria.Output {
        let principal = try RequestScope.principal()
        try principal.require(.admin, .hr, to: .actSetCriteria)
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let document = CriteriaDocument(
            fiscalYear: body.fiscalYear,
            items: body.items.map {
                .init(
                    code: $0.code, type: .init(rawValue: $0._type), weight: $0.weight, cap: $0.cap, skills: $0.skills,
                    name: $0.name)
            })
        try await withCaller { principal, connection in
            try await EvaluationCriteria.set(
                document, connection: connection, context: TenantContext(principal, requestID: RequestScope.requestID),
                logger: logger)
        }
        return .noContent(.init())
    }

    func getCriteria(_ input: Operations.GetCriteria.Input) async throws -> Operations.GetCriteria.Output {
        let document = try await withCaller { principal, connection in
            try principal.require(.admin, .hr, .evaluator, to: .actReadCriteria)
            return try await EvaluationCriteria.document(
                fiscalYear: input.path.fiscalYear, connection: connection, logger: logger)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        fiscalYear: document.fiscalYear,
                        items: document.items.map {
                            .init(
                                code: $0.code, _type: $0.type.rawValue, weight: $0.weight, cap: $0.cap, skills: $0.skills,
                                name: $0.name)
                        }))))
    }

    func getRankings(_ input: Operations.GetRankings.Input) async throws -> Operations.GetRankings.Output {
        let asOf = try input.query.asOf.map { try Self.day($0) }
        let sheet = SheetRequest(
            format: input.query.format, dateStyle: input.query.dateStyle, lang: input.query.lang,
            accept: input.headers.accept)
        let (document, file) = try await withCaller { principal, connection in
            // An Excel file is an export: audited as one, like the CSV (`exportRankings`).
            let ranking = try await RankingReport.run(
                principal: principal, fiscalYear: input.query.fiscalYear, group: RankingGroup(input.query.group ?? "none"),
                unit: input.query.unit, asOf: asOf, purpose: sheet == nil ? "json" : "xlsx", connection: connection,
                logger: logger)
            let document = Self.ranking(ranking)
            // Inside the transaction, as the CSV: a sheet that cannot be written leaves no audit row.
            let file = try sheet.map { try $0.file(ReportSheets.rankings(document, $0.words), asOf: ranking.asOf) }
            return (document, file)
        }
        if let file {
            return .ok(
                .init(
                    headers: .init(contentDisposition: file.disposition),
                    body: .applicationVnd_openxmlformatsOfficedocument_spreadsheetml_sheet(file.body)))
        }
        return .ok(.init(body: .json(document)))
    }

    static func ranking(_ ranking: Ranking) -> Components.Schemas.Ranking {
        .init(
            fiscalYear: ranking.fiscalYear, asOf: ranking.asOf.description, group: ranking.group.description,
            unitCode: ranking.unit,
            items: ranking.criteria.items.map {
                .init(code: $0.code, _type: $0.type.rawValue, weight: $0.weight, label: $0.label)
            },
            lines: ranking.lines.map {
                .init(
                    employeeNo: $0.employeeNo, name: $0.name, unitCode: $0.unitCode, unitName: $0.unitName,
                    group: $0.group, total: $0.total, rank: $0.rank,
                    percentile: $0.percentile?.decimalText(places: 6),
                    groupSize: $0.groupSize, incomplete: $0.incomplete,
                    scores: $0.scores.map { .init(code: $0.code, score: $0.score?.decimalText(places: 2)) })
            })
    }

    func exportRankings(_ input: Operations.ExportRankings.Input) async throws -> Operations.ExportRankings.Output {
        let asOf = try input.query.asOf.map { try Self.day($0) }
        let encoding = CSVOutputEncoding(rawValue: input.query.encoding?.rawValue ?? "utf8-bom") ?? .utf8BOM
        let output = try await withCaller { principal, connection in
            let ranking = try await RankingReport.run(
                principal: principal, fiscalYear: input.query.fiscalYear, group: RankingGroup(input.query.group ?? "none"),
                unit: input.query.unit, asOf: asOf, purpose: "csv \(encoding.rawValue)", connection: connection,
                logger: logger)
            // Inside the transaction: a refused export rolls its audit row back with it.
            let csv = try ranking.csv(
                encoding: encoding, replaceUnmappable: input.query.replaceUnmappable ?? false,
                english: input.query.lang == .en)
            return (csv: csv, rows: ranking.lines.count)
        }
        return .ok(
            .init(
                // The runtime percent-encodes header values (UTF-8), so the warnings travel as they are.
                headers: .init(
                    dxSkillsWarnings: output.csv.warnings.isEmpty ? nil : output.csv.warnings.joined(separator: "\n"),
                    // The rows, for the CLI's progress as the body arrives (reference §10.4).
                    dxSkillsRows: output.rows),
                body: .csv(HTTPBody(output.csv.bytes))))
    }
}
