import Foundation
import Hummingbird

/// The fields of a posted form (`application/x-www-form-urlencoded` or `multipart/form-data`) and
/// its uploaded files. Plain HTML forms, so the dashboard works without JavaScript.
struct WebForm: Sendable {
    var fields: [String: String] = [:]
    var files: [String: [UInt8]] = [:]
    /// The name the browser gave each uploaded file, by field.
    var fileNames: [String: String] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads the body of `request`, at most `limit` bytes.
    static func read(_ request: Request, limit: Int) async throws -> WebForm {
        let buffer: ByteBuffer
        do {
            buffer = try await BodyLimit.bounded(request, limit: limit).body.collect(upTo: limit)
        } catch {
            throw BodyLimit.tooLarge(limit)
        }
        let bytes = [UInt8](buffer.readableBytesView)
        let contentType = request.headers[.contentType] ?? ""
        if contentType.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = Self.boundary(contentType) else {
                throw HTTPError(.badRequest, message: "multipart body without a boundary")
            }
            return try multipart(bytes, boundary: boundary)
        }
        return WebForm(fields: urlEncoded(String(decoding: bytes, as: UTF8.self)))
    }

    /// `a=1&b=x+y` → ["a": "1", "b": "x y"]; the first of repeated names wins.
    static func urlEncoded(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return (1...70).contains(value.count) ? value : nil
        }
        return nil
    }

    /// RFC 7578: parts separated by `--boundary`, each with headers, a blank line and its content.
    static func multipart(_ body: [UInt8], boundary: String) throws -> WebForm {
        let delimiter = Array("--\(boundary)".utf8)
        let blankLine = Array("\r\n\r\n".utf8)
        var form = WebForm()
        var position = 0
        guard let first = body.firstRange(of: delimiter, from: 0) else {
            throw HTTPError(.badRequest, message: "multipart body without its boundary")
        }
        position = first.upperBound
        while true {
            // After a delimiter: `--` ends the body, CRLF starts a part.
            if body[position...].starts(with: Array("--".utf8)) { break }
            guard body[position...].starts(with: Array("\r\n".utf8)) else {
                throw HTTPError(.badRequest, message: "malformed multipart body")
            }
            position += 2
            guard let headerEnd = body.firstRange(of: blankLine, from: position),
                let next = body.firstRange(of: Array("\r\n".utf8) + delimiter, from: headerEnd.upperBound)
            else { throw HTTPError(.badRequest, message: "malformed multipart body") }
            let headers = String(decoding: body[position..<headerEnd.lowerBound], as: UTF8.self)
            let content = Array(body[headerEnd.upperBound..<next.lowerBound])
            if let (name, filename) = disposition(headers) {
                if let filename {
                    // A file input left empty still sends its part, without a name or content.
                    if !(filename.isEmpty && content.isEmpty) {
                        form.files[name] = content
                        form.fileNames[name] = filename
                    }
                } else if form.fields[name] == nil {
                    form.fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            position = next.upperBound
        }
        return form
    }

    /// The `name` and `filename` of a part's `Content-Disposition: form-data` header.
    static func disposition(_ headers: String) -> (name: String, filename: String?)? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            var name: String?
            var filename: String?
            for parameter in line.split(separator: ";").dropFirst() {
                let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                switch pair[0].lowercased() {
                case "name": name = value
                case "filename": filename = value
                default: break
                }
            }
            return name.map { ($0, filename) }
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    /// The first occurrence of `needle` at or after `start`.
    func firstRange(of needle: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, count >= needle.count, start <= count - needle.count else { return nil }
        let first = needle[0]
        var i = start
        let last = count - needle.count
        while i <= last {
            if self[i] == first, self[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }
}
