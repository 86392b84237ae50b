import DXSkillsCore

/// Headers and labels in the user's language: the CLI's tables and both the CLI's and the
/// service's Excel files (`ReportSheets`).
package struct Words {
    package let ja: Bool

    package init(japanese: Bool) { ja = japanese }

    package func pick(_ japanese: String, _ english: String) -> String { ja ? japanese : english }

    package var unitCode: String { pick("所属コード", "unit") }
    package var certCode: String { pick("資格コード", "certification code") }
    package var warningCount: String { pick("警告", "warnings") }
    // The reports' titles in their Excel files (the sheet, and the workbook's title).
    package var headcountReport: String { pick("職員数", "Headcount") }
    package var coverageReport: String { pick("スキル充足", "Coverage") }
    package var completionReport: String { pick("研修修了", "Completion") }
    package var leadersReport: String { pick("DX推進リーダー", "Leaders") }
    package var targetsReport: String { pick("目標達成", "Targets") }
    package var impactReport: String { pick("異動影響", "Transfer impact") }
    package var rankingsReport: String { pick("評価順位", "Rankings") }
    package var plansReport: String { pick("キャリアプラン", "Career plans") }
    package var expiringReport: String { pick("資格の期限", "Expiring certifications") }
    package var staffReport: String { pick("職員一覧", "Staff") }
    package var rolesReport: String { pick("権限", "Role grants") }
    package var unitName: String { pick("所属名", "unit name") }
    package var kind: String { pick("区分", "kind") }
    package var headcount: String { pick("人数", "headcount") }
    package var itDepartment: String { pick("情報部門", "IT dept") }
    package var validFrom: String { pick("適用開始日", "valid from") }
    package var validTo: String { pick("適用終了日", "valid to") }
    package var employeeNo: String { pick("職員番号", "employee no") }
    package var name: String { pick("氏名", "name") }
    package var kana: String { pick("カナ", "kana") }
    package var grade: String { pick("職級", "grade") }
    package var jobTrack: String { pick("職種区分", "job track") }
    package var employmentType: String { pick("任用区分", "employment") }
    package var hiredOn: String { pick("採用日", "hired on") }
    package var retiredOn: String { pick("退職日", "retired on") }
    package var from: String { pick("発令日", "from") }
    package var to: String { pick("終了日", "to") }
    package var item: String { pick("項目", "item") }
    package var value: String { pick("内容", "value") }
    package var skill: String { pick("スキル", "skill") }
    package var level: String { pick("レベル", "level") }
    package var count: String { pick("該当", "count") }
    package var ratio: String { pick("充足率", "ratio") }
    package var completed: String { pick("修了", "completed") }
    package var certification: String { pick("資格", "certification") }
    package var expiresOn: String { pick("有効期限", "expires on") }
    package var evidence: String { pick("根拠", "evidence") }
    package var skills: String { pick("スキル", "Skills") }
    package var leaders: String { pick("リーダー", "leaders") }
    package var subLeaders: String { pick("サブリーダー", "sub-leaders") }
    package var warnings: String { pick("注意", "warnings") }
    package var noLeader: String { pick("★不在", "★ none") }

    package func reason(_ raw: String) -> String {
        switch raw {
        case "moved_away": return pick("異動により所属外", "moved away")
        case "retired": return pick("退職", "retired")
        default: return pick("人数に含まれない", "not counted")
        }
    }

    package var target: String { pick("目標", "target") }
    package var actual: String { pick("実績", "actual") }
    package var goal: String { pick("目標値", "goal") }
    package var met: String { pick("達成", "met") }
    package var tenantWide: String { pick("(全庁)", "(tenant)") }

    package func attainment(met: Int, of total: Int) -> String {
        pick("達成 \(met) / \(total)", "\(met) of \(total) met")
    }

    package var before: String { pick("異動前", "before") }
    package var after: String { pick("異動後", "after") }
    package var role: String { pick("役割", "role") }
    package var leadersLeavingHeading: String { pick("所属を離れるリーダー", "Leaders leaving their unit") }

    package func impactHeading(_ day: String, fiscalYear: Int) -> String {
        pick("\(day) 発令の影響（\(fiscalYear)年度の目標）", "Impact on \(day) (targets of FY\(fiscalYear))")
    }

    package var history: String { pick("配属履歴", "Assignments") }

    package var user: String { pick("ユーザー", "user") }
    package var permission: String { pick("権限", "role") }
    package var grantFrom: String { pick("開始日", "from") }
    package var grantTo: String { pick("終了日", "to") }

    /// A role as a roles file may write it: the Japanese label in Japanese.
    package func role(_ raw: String) -> String {
        guard ja, let value = Role(rawValue: raw) else { return raw }
        return value.japanese
    }

    package var group: String { pick("グループ", "group") }
    package var total: String { pick("合計", "total") }
    package var rank: String { pick("順位", "rank") }
    package var percentile: String { pick("パーセンタイル", "percentile") }
    package var status: String { pick("状態", "status") }
    package var incomplete: String { pick("未完了", "incomplete") }

    package func rankingFooter(fiscalYear: Int, asOf: String, ranked: Int, incomplete: Int) -> String {
        pick(
            "\(fiscalYear)年度（\(asOf)時点）: 順位付け \(ranked)人、評価未完了 \(incomplete)人",
            "FY\(fiscalYear) as of \(asOf): \(ranked) ranked, \(incomplete) incomplete")
    }

    package func jobTrack(_ raw: String) -> String {
        guard ja, let value = JobTrack(rawValue: raw) else { return raw }
        return value.japanese
    }

    package func employmentType(_ raw: String) -> String {
        guard ja, let value = EmploymentType(rawValue: raw) else { return raw }
        return value.japanese
    }
}
