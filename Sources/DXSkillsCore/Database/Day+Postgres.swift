import PostgresNIO

/// A day binds as a PostgreSQL `date` (sent as ISO text), not as `text` cast in the query.
///
/// The planner can fold a `date` parameter into a constant but not `$1::date` on a text parameter
/// (that cast depends on DateStyle, so it is only stable): with the text form, a city's coverage
/// was planned from default selectivities, chose nested loops over index scans and ran 3.4 s
/// instead of 2.2 s.
extension Day: PostgresNonThrowingEncodable {
    public static var psqlType: PostgresDataType { .date }
    public static var psqlFormat: PostgresFormat { .text }

    public func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeString(description)
    }
}

/// A `date` column decodes straight into a day: no `::text` cast in the query, no parsing of text.
extension Day: PostgresDecodable {
    /// 2000-01-01, PostgreSQL's day 0, as days since 1970-01-01.
    static let postgresEpoch = 10_957

    public init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat,
        context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .date else { throw PostgresDecodingError.Code.typeMismatch }
        switch format {
        case .binary:
            // ±infinity are Int32.max and Int32.min: no calendar day.
            guard buffer.readableBytes == 4, let days = buffer.readInteger(as: Int32.self), days != .max, days != .min
            else { throw PostgresDecodingError.Code.failure }
            self.init(ordinal: Self.postgresEpoch + Int(days))
        case .text:
            guard let text = buffer.readString(length: buffer.readableBytes), let day = Day(iso: text) else {
                throw PostgresDecodingError.Code.failure
            }
            self = day
        }
    }
}
