/// PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    static func append(_ fields: [String?], to output: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output.append(0x09) }
            guard let field else {
                output.append(contentsOf: [0x5C, 0x4E])
                continue
            }
            for byte in field.utf8 {
                switch byte {
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x09: output.append(contentsOf: [0x5C, 0x74])
                case 0x0A: output.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: output.append(contentsOf: [0x5C, 0x72])
                default: output.append(byte)
                }
            }
        }
        output.append(0x0A)
    }
}
