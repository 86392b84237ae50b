import DXSkillsCore
import Foundation

/// A JSON value for documents whose number formatting matters (docs/reference.md §5.2: every ratio keeps at least
/// 6 decimals, which JSONEncoder's shortest form of a Double does not).
enum FlatJSON {
    case string(String)
    case int(Int)
    /// count / headcount written with 6 decimals, or null when the headcount is 0.
    case ratio(Ratio)
    case bool(Bool)
    /// A number that is not whole, written with 6 decimals.
    case decimal(Double)
    /// A number already written exactly, such as `0.333333`.
    case number(String)
    case null

    var text: String {
        switch self {
        case .string(let value): return Self.quoted(value)
        case .int(let value): return String(value)
        case .ratio(let ratio): return ratio.decimalText ?? "null"
        case .bool(let value): return value ? "true" : "false"
        case .decimal(let value): return String(format: "%.6f", value)
        case .number(let text): return text
        case .null: return "null"
        }
    }

    /// A JSON string literal, escaped exactly as JSONEncoder escapes (`\/` included), without building
    /// an encoder per string: a city's coverage has half a million strings.
    static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar.value {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x2F: out += "\\/"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0..<0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
        return out
    }

    /// Prints an array of objects, keys in the given order, one object per line.
    static func printArray(_ objects: [[(String, FlatJSON)]]) {
        let lines = objects.map { fields in
            "  {" + fields.map { "\(FlatJSON.string($0.0).text): \($0.1.text)" }.joined(separator: ", ") + "}"
        }
        print(lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n]")
    }
}
