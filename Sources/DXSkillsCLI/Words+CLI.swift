import DXSkillsCore
import DXSkillsSheets

extension Words {
    init(_ language: Language) { self.init(japanese: language == .ja) }

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
