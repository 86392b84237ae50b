import Foundation

extension Ranking {
    /// The ranking as CSV for Excel (reference §3.3). A Shift_JIS export that cannot hold a name fails
    /// with every such row named, unless `replaceUnmappable` (then 〓 and one warning per row).
    public func csv(encoding: CSVOutputEncoding, replaceUnmappable: Bool, english: Bool) throws -> CSVOutput {
        let header =
            (english
                ? ["employee_no", "name", "unit_code", "unit_name", "group", "total", "rank", "percentile", "status"]
                : ["職員番号", "氏名", "所属コード", "所属名", "グループ", "合計", "順位", "パーセンタイル", "状態"])
            + criteria.items.map(\.code)
        let rows = lines.map { line in
            [
                // No group is a blank cell here (`-` in JSON): Excel would show the escaped `'-`.
                line.employeeNo, line.name, line.unitCode, line.unitName, line.group == "-" ? "" : line.group, line.total ?? "",
                line.rank.map(String.init) ?? "", line.percentile?.decimalText(places: 6) ?? "",
                line.incomplete ? (english ? "incomplete" : "未完了") : "",
            ] + line.scores.map { $0.score?.decimalText(places: 2) ?? "" }
        }
        let numeric = Set([5, 6, 7] + (0..<criteria.items.count).map { 9 + $0 })
        switch CSVWriter.encode(
            header: header, rows: rows, numericColumns: numeric, encoding: encoding, replaceUnmappable: replaceUnmappable)
        {
        case .success(let output):
            let warnings = zip(output.warnings, output.replacedRows).map { warning, row in
                "\(warning) (\(lines[row - 1].employeeNo))"
            }
            return CSVOutput(bytes: output.bytes, warnings: warnings, replacedRows: output.replacedRows)
        case .failure(let error):
            let rows = error.rows.map {
                MessageValue.message(
                    Message(
                        .sjisRow,
                        [
                            "row": "\($0.row)", "employee": "\(lines[$0.row - 1].employeeNo)",
                            "characters": "\(String($0.characters))",
                        ]))
            }
            throw DXSkillsError.invalid(Message(.sjisCannotHold, ["rows": .list(rows)]))
        }
    }
}
