import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The encodings an import reads (reference §3.1).
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8, sjis
}

/// Bytes that are not text in the encoding tried.
public struct TextDecodingError: Error, Sendable, Equatable {
    public let line: Int
    public let message: Message

    public init(line: Int, message: Message) {
        (self.line, self.message) = (line, message)
    }

    /// The refusal as a test expects it, in English.
    public init(line: Int, reason: String) {
        self.init(line: line, message: Message(.receivedText, ["text": .text(reason)]))
    }

    public var reason: String { message.text(.en) }

    public static func == (left: Self, right: Self) -> Bool { (left.line, left.reason) == (right.line, right.reason) }
}

/// Decodes an uploaded file: UTF-8 (a BOM is dropped) or Shift_JIS as Windows writes it (CP932:
/// the NEC and IBM extensions 髙, 﨑, ①, ㈱ included).
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8], encoding: TextEncoding?) throws(TextDecodingError) -> (
        text: String, encoding: TextEncoding
    ) {
        var body = bytes[...]
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if hasBOM { body = bytes.dropFirst(3) }
        let chosen: TextEncoding
        if let encoding {
            chosen = encoding
        } else if hasBOM {
            // A UTF-8 BOM says the file is UTF-8: bytes that are not are damage, not Shift_JIS.
            guard String(validating: body, as: UTF8.self) != nil else {
                throw notUTF8(
                    body, at: firstInvalidUTF8(body), advice: .key(.adviceBOMButNotUTF8))
            }
            chosen = .utf8
        } else if String(validating: body, as: UTF8.self) != nil {
            chosen = .utf8
        } else {
            // Japanese text in UTF-8 before the first bad byte means a damaged or mixed UTF-8 file, not
            // Shift_JIS (whose Japanese text is almost never valid UTF-8 for two characters running).
            let bad = firstInvalidUTF8(body)
            let prefix = body.prefix(bad)
            if prefix.count(where: { $0 >= 0xC2 && $0 <= 0xF4 }) >= 2, String(validating: prefix, as: UTF8.self) != nil {
                throw TextDecodingError(
                    line: lineOf(offset: bad, in: body),
                    message: Message(.fileNotUTF8Lines))
            }
            // Any byte soup decodes as Shift_JIS (a lone byte A1–DF is a half-width katakana): only a
            // double-byte character is evidence. Else an ASCII file with one bad byte would import as
            // mojibake (`Tanakaﾃ(`).
            guard hasDoubleByteCP932(body) else { throw notUTF8(body, at: bad) }
            chosen = .sjis
        }
        let text: String
        switch chosen {
        case .utf8:
            guard let decoded = String(validating: body, as: UTF8.self) else {
                throw notUTF8(body, at: firstInvalidUTF8(body))
            }
            text = decoded
        case .sjis:
            text = try decodeCP932(Array(body), given: encoding != nil)
        }
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" { line += 1 }
            if scalar == "\u{0}" { throw TextDecodingError(line: line, message: Message(.fileNUL)) }
            if scalar == "\u{FEFF}" { throw TextDecodingError(line: line, message: Message(.fileInnerBOM)) }
        }
        return (text, chosen)
    }

    /// The refusal of a file that is not UTF-8, naming the first bad byte by line and position in it.
    static func notUTF8(
        _ bytes: ArraySlice<UInt8>, at offset: Int, advice: MessageValue = .key(.adviceSaveAsUTF8)
    ) -> TextDecodingError {
        let start = min(bytes.startIndex + offset, bytes.endIndex - 1)
        let lineStart = bytes[..<start].lastIndex(of: 0x0A).map { $0 + 1 } ?? bytes.startIndex
        let hex = String(bytes[start], radix: 16, uppercase: true)
        let byte = "0x" + (hex.count < 2 ? "0" : "") + hex
        return TextDecodingError(
            line: lineOf(offset: offset, in: bytes),
            message: Message(.fileNotUTF8, ["position": "\(start - lineStart + 1)", "byte": "\(byte)", "advice": advice]))
    }

    /// Whether some lead byte (81–9F, E0–FC) is followed by a trail byte (40–7E, 80–FC): a CP932
    /// double-byte character, the evidence that a file is Shift_JIS. Decoding then checks every one.
    static func hasDoubleByteCP932(_ bytes: ArraySlice<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            let isLead = (0x81...0x9F).contains(byte) || (0xE0...0xFC).contains(byte)
            if isLead, index + 1 < bytes.endIndex {
                let trail = bytes[index + 1]
                if (0x40...0x7E).contains(trail) || (0x80...0xFC).contains(trail) { return true }
            }
            index += 1
        }
        return false
    }

    static func lineOf(offset: Int, in bytes: ArraySlice<UInt8>) -> Int {
        1 + bytes.prefix(offset).count(where: { $0 == 0x0A })
    }

    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int {
        // iconv stops at the first byte it cannot read and says where.
        if case .failure(let failure) = convert(Array(bytes), from: "UTF-8", to: "UTF-8") { return failure.offset }
        return 0
    }

    /// `given`: Shift_JIS was asked for (`--encoding sjis`), not detected.
    static func decodeCP932(_ bytes: [UInt8], given: Bool = false) throws(TextDecodingError) -> String {
        switch convert(bytes, from: "CP932", to: "UTF-8") {
        case .success(let output):
            return String(decoding: output, as: UTF8.self)
        case .failure(let failure):
            throw TextDecodingError(
                line: lineOf(offset: failure.offset, in: bytes[...]),
                message: Message(
                    given && String(validating: bytes, as: UTF8.self) != nil ? .fileNotSJISButUTF8 : .fileNotSJIS))
        }
    }

    /// Converts with glibc's iconv; on failure, the offset of the first byte it could not convert.
    static func convert(_ input: [UInt8], from source: String, to target: String) -> Result<[UInt8], ConversionFailure> {
        let converter = iconv_open(target, source)
        guard converter != iconv_t(bitPattern: -1) else { return .failure(ConversionFailure(offset: 0)) }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var input = input
        let total = input.count
        let outputCapacity = output.count
        return input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = total
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress)?
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = outputCapacity
                if total > 0, iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) == -1 {
                    return .failure(ConversionFailure(offset: total - inLeft))
                }
                return .success(Array(outBuffer.prefix(outputCapacity - outLeft)))
            }
        }
    }

    struct ConversionFailure: Error {
        let offset: Int
    }
}

/// Encodes text as CP932 for Shift_JIS exports.
public enum TextEncoder {
    /// The CP932 bytes, or nil when some character has none (𠮷, emoji…).
    public static func encodeCP932(_ text: String) -> [UInt8]? {
        try? TextDecoder.convert(Array(text.utf8), from: "UTF-8", to: "CP932").get()
    }

    /// The characters of `text` that CP932 cannot hold, in order, each once.
    public static func unmappableCP932(_ text: String) -> [Character] {
        var seen: [Character] = []
        for character in text where encodeCP932(String(character)) == nil && !seen.contains(character) {
            seen.append(character)
        }
        return seen
    }
}
