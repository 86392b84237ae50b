import Foundation

/// The one rule for codes: employee numbers, unit, skill, course, certification and template codes,
/// rating items. Other rows and files refer to them and people compare them by eye, so a look-alike
/// (U+202E turning `‮501001` into "100105" on screen, Arabic-Indic digits, a combining mark) would be
/// a second person or unit that reads like the first (issue 14).
///
/// A code is NFKC-normalised first, so that full-width `１００１２３` is the person `100123`; NFKC
/// leaves Arabic-Indic digits and bidi controls alone, and those are then refused.
enum Code {
    /// The code as stored, or why the text is not one.
    static func parse(_ text: String) -> Result<String, Problem> {
        // Almost every cell of a large file is plain ASCII: checked byte by byte, never normalised.
        var ascii = true
        var allowed = true
        for byte in text.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            if !isAllowed(byte) { allowed = false }
        }
        let code = ascii ? text : text.precomposedStringWithCompatibilityMapping
        if !ascii { allowed = code.utf8.allSatisfy(isAllowed) }
        if let first = code.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) {
            return .failure(Problem(message: Message(.codeFormulaPrefix, ["first": "\(first)"])))
        }
        guard allowed, !code.isEmpty else {
            let bad = code.unicodeScalars.first { !($0.isASCII && isAllowed(UInt8($0.value))) }
            return .failure(
                Problem(message: bad.map { Message(.codeRuleCharacter, ["character": "\(describe($0))"]) } ?? Message(.codeRule)))
        }
        return .success(code)
    }

    /// A character by its code point and name: most of the ones refused are invisible or look like others.
    static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let point = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        return scalar.properties.name.map { "\(point) \($0)" } ?? point
    }

    struct Problem: Error {
        let message: Message
        var reason: String { message.text(.en) }
    }

    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}

extension Code {
    /// A code in a JSON document (criteria, targets, career templates): the normalised code, else the
    /// text as given with the problem, naming the field, added to `problems`.
    static func field(_ text: String, at field: String, problems: inout [Message]) -> String {
        switch parse(text) {
        case .success(let code): return code
        case .failure(let problem):
            problems.append(Message(.fieldProblem, ["field": .text(field), "problem": .message(problem.message)]))
            return text
        }
    }
}
