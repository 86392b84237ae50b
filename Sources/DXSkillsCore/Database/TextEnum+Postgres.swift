import PostgresNIO

/// A Codable enum stored as text: it decodes from its raw value. (Declared once: PostgresNIO offers
/// both a JSON and a raw-value decoding for such a type, and picks neither by itself.)
protocol PostgresTextEnum: RawRepresentable<String>, PostgresDecodable {}

extension PostgresTextEnum {
    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        let text = try String(from: &buffer, type: type, format: format, context: context)
        guard let value = Self(rawValue: text) else { throw PostgresDecodingError.Code.failure }
        self = value
    }
}

extension EvidenceSource: PostgresTextEnum {}
extension LeaderWarning.Reason: PostgresTextEnum {}
extension JobTrack: PostgresTextEnum {}
extension EmploymentType: PostgresTextEnum {}
