/// An aligned terminal table in which a full-width character takes two columns.
public struct TextTable: Sendable {
    public let headers: [String]
    public let rows: [[String]]
    public let rightAligned: Set<Int>

    public init(headers: [String], rows: [[String]], rightAligned: Set<Int> = []) {
        self.headers = headers
        self.rows = rows
        self.rightAligned = rightAligned
    }

    /// The table, each line ending in a newline; columns separated by two spaces.
    public func render() -> String {
        let all = [headers] + rows
        var widths = Array(repeating: 0, count: headers.count)
        for row in all {
            for (index, cell) in row.prefix(widths.count).enumerated() {
                widths[index] = max(widths[index], displayWidth(cell.singleLine))
            }
        }
        var output = line(headers, widths: widths)
        output += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { output += line(row, widths: widths) }
        return output
    }

    private func line(_ row: [String], widths: [Int]) -> String {
        var cells: [String] = []
        for (index, width) in widths.enumerated() {
            let cell = index < row.count ? row[index].singleLine : ""
            let padding = String(repeating: " ", count: max(0, width - displayWidth(cell)))
            cells.append(rightAligned.contains(index) ? padding + cell : cell + padding)
        }
        var text = cells.joined(separator: "  ")
        while text.hasSuffix(" ") { text.removeLast() }
        return text + "\n"
    }
}

extension String {
    /// Newlines inside a cell would break the table's rows.
    fileprivate var singleLine: String {
        contains(where: \.isNewline) ? split(whereSeparator: \.isNewline).joined(separator: " ") : self
    }
}

/// Columns a string takes in a terminal: East Asian wide and full-width characters count two,
/// combining marks none.
public func displayWidth(_ text: String) -> Int {
    var width = 0
    for character in text {
        guard let scalar = character.unicodeScalars.first else { continue }
        width += scalarWidth(scalar)
    }
    return width
}

func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let value = scalar.value
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if value < 0x1100 { return 1 }
    let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2460...0x24FF, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(value) } ? 2 : 1
}
