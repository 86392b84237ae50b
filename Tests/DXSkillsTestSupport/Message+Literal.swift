import DXSkillsCore

/// In tests, an expected message may be written as its English text: `DXSkillsError.notFound("unit K2")`
/// equals the error whose message reads so in English (`Message` compares its English text).
extension Message: ExpressibleByStringLiteral, ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self.init(.receivedText, ["text": .text(value)]) }
    public init(stringInterpolation: DefaultStringInterpolation) {
        self.init(stringLiteral: String(stringInterpolation: stringInterpolation))
    }
}
