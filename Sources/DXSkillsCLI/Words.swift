import DXSkillsCore

/// Headers and labels in the user's language.
struct Words {
    let ja: Bool

    init(_ language: Language) { ja = language == .ja }

    private func pick(_ japanese: String, _ english: String) -> String { ja ? japanese : english }

    var unitCode: String { pick("所属コード", "unit") }
    var certCode: String { pick("資格コード", "certification code") }
    var warningCount: String { pick("警告", "warnings") }
    // The reports' titles in their Excel files (the sheet, and the workbook's title).
    var headcountReport: String { pick("職員数", "Headcount") }
    var coverageReport: String { pick("スキル充足", "Coverage") }
    var completionReport: String { pick("研修修了", "Completion") }
    var leadersReport: String { pick("DX推進リーダー", "Leaders") }
    var targetsReport: String { pick("目標達成", "Targets") }
    var impactReport: String { pick("異動影響", "Transfer impact") }
    var rankingsReport: String { pick("評価順位", "Rankings") }
    var plansReport: String { pick("キャリアプラン", "Career plans") }
    var expiringReport: String { pick("資格の期限", "Expiring certifications") }
    var staffReport: String { pick("職員一覧", "Staff") }
    var rolesReport: String { pick("権限", "Role grants") }
    var unitName: String { pick("所属名", "unit name") }
    var kind: String { pick("区分", "kind") }
    var headcount: String { pick("人数", "headcount") }
    var itDepartment: String { pick("情報部門", "IT dept") }
    var validFrom: String { pick("適用開始日", "valid from") }
    var validTo: String { pick("適用終了日", "valid to") }
    var employeeNo: String { pick("職員番号", "employee no") }
    var name: String { pick("氏名", "name") }
    var kana: String { pick("カナ", "kana") }
    var grade: String { pick("職級", "grade") }
    var jobTrack: String { pick("職種区分", "job track") }
    var employmentType: String { pick("任用区分", "employment") }
    var hiredOn: String { pick("採用日", "hired on") }
    var retiredOn: String { pick("退職日", "retired on") }
    var from: String { pick("発令日", "from") }
    var to: String { pick("終了日", "to") }
    var item: String { pick("項目", "item") }
    var value: String { pick("内容", "value") }
    var skill: String { pick("スキル", "skill") }
    var level: String { pick("レベル", "level") }
    var count: String { pick("該当", "count") }
    var ratio: String { pick("充足率", "ratio") }
    var completed: String { pick("修了", "completed") }
    var certification: String { pick("資格", "certification") }
    var expiresOn: String { pick("有効期限", "expires on") }
    var evidence: String { pick("根拠", "evidence") }
    var skills: String { pick("スキル", "Skills") }
    var leaders: String { pick("リーダー", "leaders") }
    var subLeaders: String { pick("サブリーダー", "sub-leaders") }
    var warnings: String { pick("注意", "warnings") }
    var noLeader: String { pick("★不在", "★ none") }

    func reason(_ raw: String) -> String {
        switch raw {
        case "moved_away": return pick("異動により所属外", "moved away")
        case "retired": return pick("退職", "retired")
        default: return pick("人数に含まれない", "not counted")
        }
    }

    var target: String { pick("目標", "target") }
    var actual: String { pick("実績", "actual") }
    var goal: String { pick("目標値", "goal") }
    var met: String { pick("達成", "met") }
    var tenantWide: String { pick("(全庁)", "(tenant)") }

    func attainment(met: Int, of total: Int) -> String {
        pick("達成 \(met) / \(total)", "\(met) of \(total) met")
    }

    var before: String { pick("異動前", "before") }
    var after: String { pick("異動後", "after") }
    var role: String { pick("役割", "role") }
    var leadersLeavingHeading: String { pick("所属を離れるリーダー", "Leaders leaving their unit") }

    func impactHeading(_ day: String, fiscalYear: Int) -> String {
        pick("\(day) 発令の影響（\(fiscalYear)年度の目標）", "Impact on \(day) (targets of FY\(fiscalYear))")
    }

    var history: String { pick("配属履歴", "Assignments") }

    var user: String { pick("ユーザー", "user") }
    var permission: String { pick("権限", "role") }
    var grantFrom: String { pick("開始日", "from") }
    var grantTo: String { pick("終了日", "to") }

    /// A role as a roles file may write it: the Japanese label in Japanese.
    func role(_ raw: String) -> String {
        guard ja, let value = Role(rawValue: raw) else { return raw }
        return value.japanese
    }

    var group: String { pick("グループ", "group") }
    var total: String { pick("合計", "total") }
    var rank: String { pick("順位", "rank") }
    var percentile: String { pick("パーセンタイル", "percentile") }
    var status: String { pick("状態", "status") }
    var incomplete: String { pick("未完了", "incomplete") }

    func rankingFooter(fiscalYear: Int, asOf: String, ranked: Int, incomplete: Int) -> String {
        pick(
            "\(fiscalYear)年度（\(asOf)時点）: 順位付け \(ranked)人、評価未完了 \(incomplete)人",
            "FY\(fiscalYear) as of \(asOf): \(ranked) ranked, \(incomplete) incomplete")
    }

    func jobTrack(_ raw: String) -> String {
        guard ja, let value = JobTrack(rawValue: raw) else { return raw }
        return value.japanese
    }

    func employmentType(_ raw: String) -> String {
        guard ja, let value = EmploymentType(rawValue: raw) else { return raw }
        return value.japanese
    }

    func importSummary(_ s: ImportSummaryView) -> String {
        let verb = s.dryRun ? pick("（検証のみ・書き込みなし）", " (dry run: nothing written)") : ""
        if ja {
            var text = "\(s.kind): \(s.rows)行 — 追加 \(s.inserted)、更新 \(s.updated)、変更なし \(s.unchanged)"
            if s.kind == "staff" { text += "、異動 \(s.transfers)" }
            if s.kind == "roles" { text += "、終了した既存の権限 \(s.transfers)" }
            return text + verb + "（文字コード \(s.encoding)）"
        }
        var text = "\(s.kind): \(s.rows) rows — \(s.inserted) inserted, \(s.updated) updated, \(s.unchanged) unchanged"
        if s.kind == "staff" { text += ", \(s.transfers) transfers" }
        if s.kind == "roles" { text += ", \(s.transfers) earlier grants ended" }
        return text + verb + " (encoding \(s.encoding))"
    }
}

/// The fields of an import summary the CLI prints.
struct ImportSummaryView {
    let kind: String
    let rows: Int
    let inserted: Int
    let updated: Int
    let unchanged: Int
    let transfers: Int
    let dryRun: Bool
    let encoding: String
}
