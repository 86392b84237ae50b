/// Counts the records of CSV bytes as they arrive, in pieces cut anywhere: a line feed ends a record
/// unless it is inside quotes, where RFC 4180 lets a field hold line breaks (a doubled quote `""`
/// opens and closes again, so it changes nothing). The same for UTF-8 and Shift_JIS: no second
/// byte of a CP932 character is `"`, CR or LF.
public struct CSVRecordCounter: Sendable {
    /// Records ended by a line feed so far, the header's included.
    public private(set) var records = 0
    private var quoted = false
    /// Bytes since the last record's end: a last record without a line end.
    private var pending = false

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        if bytes.withContiguousStorageIfAvailable({ add(buffer: $0) }) == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { add(buffer: $0) }
        }
    }

    private mutating func add(buffer bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes {
            switch byte {
            case 0x22:
                quoted.toggle()
                pending = true
            case 0x0A where !quoted:
                records += 1
                pending = false
            default:
                pending = true
            }
        }
    }

    /// The data rows so far, without the header: those whose line end has arrived, and with
    /// `ended`, a last one without a line end.
    public func dataRows(ended: Bool = false) -> Int {
        max(0, records + (ended && pending ? 1 : 0) - 1)
    }
}
