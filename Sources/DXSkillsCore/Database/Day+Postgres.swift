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
