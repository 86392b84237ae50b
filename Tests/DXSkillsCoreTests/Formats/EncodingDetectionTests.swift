import Testing

@testable import DXSkillsCore

/// Issue 14: a file is Shift_JIS only on evidence (a CP932 double-byte character); an ASCII file with
/// a stray byte was imported as half-width katakana mojibake.
@Suite("Encoding detection")
struct EncodingDetectionTests {
    static let ascii = Array("code,name\nS1,Tanaka\n".utf8)

    func refusal(_ bytes: [UInt8], encoding: TextEncoding? = nil) -> TextDecodingError? {
        do {
            _ = try TextDecoder.decode(bytes, encoding: encoding)
            return nil
        } catch {
            return error
        }
    }

    @Test("ASCII with one bad byte is refused at its line and byte, not read as Shift_JIS")
    func strayByte() {
        let bytes = Array("code,name\nS1,Tanaka".utf8) + [0xC3] + Array("(\nS2,Sato\n".utf8)
        #expect(
            refusal(bytes)
                == TextDecodingError(
                    line: 2,
                    reason: "not valid UTF-8 at byte 10 of the line (0xC3); save the file as UTF-8, or read it as Shift_JIS"))
        // Lone bytes that CP932 reads as half-width katakana (ｱｲｳ) are no evidence either.
        let katakana = Array("code,name\nS1,x\nS2,".utf8) + [0xB1, 0xB2, 0xB3] + Array("\n".utf8)
        #expect(
            refusal(katakana)
                == TextDecodingError(
                    line: 3,
                    reason: "not valid UTF-8 at byte 4 of the line (0xB1); save the file as UTF-8, or read it as Shift_JIS"))
        // --encoding utf8 says the same.
        #expect(refusal(bytes, encoding: .utf8) == refusal(bytes))
    }

    @Test("with --encoding sjis the same bytes decode as Shift_JIS, as asked")
    func explicitShiftJIS() throws {
        let bytes = Array("S1,Tanaka".utf8) + [0xC3] + Array("(\n".utf8)
        let (text, encoding) = try TextDecoder.decode(bytes, encoding: .sjis)
        #expect(text == "S1,Tanakaﾃ(\n" && encoding == .sjis)
    }

    @Test("real Shift_JIS files are still detected: 髙, 﨑, ①, ㈱, and half-width katakana beside them")
    func realShiftJIS() throws {
        let text = "code,name\nS1,髙橋\nS2,山﨑①㈱\nS3,ｶﾀｶﾅ課\n"
        let bytes = try #require(TextEncoder.encodeCP932(text))
        let (decoded, encoding) = try TextDecoder.decode(bytes, encoding: nil)
        #expect(decoded == text && encoding == .sjis)
        #expect(try TextDecoder.decode(Self.ascii, encoding: nil).encoding == .utf8)
    }
}
