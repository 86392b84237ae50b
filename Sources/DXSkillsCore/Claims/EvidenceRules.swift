import Crypto
import Foundation

/// reference §7: what an evidence file may be. The type comes from the first bytes, never from the
/// name, so a page of HTML named `.pdf` is refused and a PNG named `.pdf` is served as a PNG.
public enum EvidenceRules {
    public static let maximumSize = 10 * 1024 * 1024
    public static let maximumCount = 3

    /// The media type the bytes show, or nil for anything but PDF, PNG and JPEG.
    public static func mediaType(of bytes: Data) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        return nil
    }

    /// The files that pass, each with its type and digest, and every problem of the others.
    static func check(_ files: [EvidenceUpload])
        -> (files: [(upload: EvidenceUpload, mediaType: String, sha256: Data)], problems: [Message])
    {
        var problems: [Message] = []
        if files.isEmpty { problems.append(.field("evidence", .evidenceRequired)) }
        if files.count > maximumCount {
            problems.append(.field("evidence", .evidenceTooMany, ["maximum": "\(maximumCount)", "count": "\(files.count)"]))
        }
        var checked: [(upload: EvidenceUpload, mediaType: String, sha256: Data)] = []
        for (index, file) in files.enumerated() {
            let at = "evidence[\(index + 1)] \(file.fileName)"
            if !file.readable {
                problems.append(.field(at, .evidenceNotBase64))
            } else if file.bytes.isEmpty {
                problems.append(.field(at, .evidenceEmpty))
            } else if file.bytes.count > maximumSize {
                problems.append(.field(at, .evidenceTooLarge, ["bytes": "\(file.bytes.count)"]))
            } else if let type = mediaType(of: file.bytes) {
                checked.append((file, type, Data(SHA256.hash(data: file.bytes))))
            } else {
                problems.append(.field(at, .evidenceType))
            }
        }
        return (checked, problems)
    }
}
