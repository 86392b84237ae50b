import ArgumentParser
import DXSkillsAPI
import DXSkillsCore
import Foundation

/// `dxskills me`: マイページ, the signed-in staff member's own record (docs/reference.md §7.1), and
/// `dxskills me export`: everything dxskills holds about the caller (§7.4).
struct MeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "me",
            abstract: .catalog(.meAbstract),
            discussion: .catalog(.meDiscussion),
            subcommands: [Show.self, Export.self], defaultSubcommand: Show.self)
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.meShowAbstract))
        }
        @OptionGroup var asOf: AsOfOption
        @OptionGroup var output: OutputOptions

        func validate() throws {
            if output.format == .csv { throw ValidationError(Message(.cliMeFormat)) }
        }

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let page = try await callAPI { try await client.getMyPage(query: .init(asOf: asOf.iso)).ok.body.json }
                if output.format == .json {
                    // The generated type encodes with the API's own keys: the same document as GET /me/page.
                    printJSON(page)
                    return
                }
                print(MyPageText(page: page, ja: output.language == .ja).render(), terminator: "")
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: .catalog(.meExportAbstract),
                discussion: .catalog(.meExportDiscussion))
        }
        @Option(name: [.customShort("o"), .customLong("output")], help: .catalog(.meExportFile)) var file: String

        func run() async throws {
            try await reportingErrors {
                let client = try makeClient(try Credentials.load())
                let bytes = try await callAPI {
                    let body = try await client.exportMyData().ok.body.applicationZip
                    // Bytes of its Content-Length on stderr as the archive arrives (reference §10.4).
                    return try await ExportProgressDisplay.download(
                        body, file: file, rows: nil, csv: false, upTo: 512 * 1024 * 1024)
                }
                do {
                    // Written whole or not at all: a failed download leaves no half file behind.
                    try Data(bytes).write(to: URL(fileURLWithPath: file), options: .atomic)
                } catch {
                    throw CLIError(
                        .usage, Message(.cliCannotWriteBecause, ["file": "\(file)", "error": "\(error.localizedDescription)"]))
                }
                note(Message(.cliWroteBytes, ["file": "\(file)", "bytes": "\(bytes.count)"]))
            }
        }
    }
}

/// マイページ as text tables, one per section.
struct MyPageText {
    let page: Components.Schemas.MyPage
    let ja: Bool

    func t(_ japanese: String, _ english: String) -> String { ja ? japanese : english }

    func render() -> String {
        let staff = page.staff
        var out = "\(staff.name) (\(staff.employeeNo)) \(staff.unitName ?? "") \(staff.grade ?? "") — \(page.asOf)\n\n"
        func section(_ title: String, _ headers: [String], _ rows: [[String]]) {
            out += "\(title)\n"
            out += rows.isEmpty ? t("(なし)\n", "(none)\n") : TextTable(headers: headers, rows: rows).render()
            out += "\n"
        }
        section(
            t("配属履歴", "Assignments"), [t("開始", "From"), t("終了", "To"), t("組織", "Unit")],
            staff.assignments.map { [$0.from, $0.to ?? "", "\($0.unitName) (\($0.unitCode))"] })
        section(
            t("スキル", "Skills"), [t("スキル", "Skill"), "Level", t("根拠", "Evidence"), t("自己診断", "Self-assessment")],
            page.skills.map { skill in
                [
                    "\(skill.skillName) (\(skill.skillCode))", String(skill.level),
                    skill.evidence.map { e in
                        "\(e.reference) \(e.on)" + (e.validUntil.map { t("〜\($0)", " until \($0)") } ?? "")
                    }.joined(separator: ", "),
                    skill.selfAssessment.map { "\($0.level) (\($0.on))" } ?? "",
                ]
            })
        section(
            t("研修", "Training"), [t("修了日", "Completed"), t("研修", "Course"), t("状態", "Status"), t("時間", "Hours")],
            page.training.map { [$0.completedOn, "\($0.courseTitle) (\($0.courseCode))", $0.status, String($0.hours)] })
        section(
            t("資格", "Certifications"), [t("資格", "Certification"), t("取得日", "Acquired"), t("有効期限", "Expires"), ""],
            page.certifications.map {
                [
                    "\($0.certName) (\($0.certCode))", $0.acquiredOn, $0.expiresOn ?? "",
                    $0.expiringSoon ? t("90日以内に期限", "expires within 90 days") : $0.valid ? "" : t("失効", "expired"),
                ]
            })
        section(
            t("指定", "Designations"), [t("役割", "Role"), t("組織", "Unit"), t("期間", "Term")],
            page.designations.map { ["\($0.role)", "\($0.unitName) (\($0.unitCode))", "\($0.termStart)〜\($0.termEnd)"] })
        section(
            t("キャリアプラン", "Career plans"), [t("テンプレート", "Template"), t("状況", "Status"), t("未達の要件", "Unmet")],
            page.plans.map { plan in
                let unmet = plan.stages.flatMap { stage in
                    stage.unmet.map { u in
                        "\(stage.name): "
                            + [u.skill.map { "\($0)≥\(u.level ?? 0)" }, u.cert, u.course].compactMap { $0 }.joined()
                    }
                }
                return [plan.templateName ?? plan.template ?? "", plan.status.rawValue, unmet.joined(separator: ", ")]
            })
        section(
            t("評価結果(開示済み)", "Evaluation results (disclosed)"), [t("年度", "Fiscal year"), t("項目", "Item"), t("評価", "Rating")],
            page.evaluations.flatMap { year in year.ratings.map { [String(year.fiscalYear), $0.item, $0.final] } })
        return out
    }
}
