import DXSkillsCore
import Hummingbird

extension WebDashboard {
    /// マイページ's download of everything dxskills holds about the caller (開示, reference §7.4).
    func myDataExport(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        let (zip, name) = try await withCaller(caller) { principal, connection in
            (
                try await OwnDataExport.archive(principal: principal, connection: connection, logger: database.logger),
                OwnDataExport.fileName(principal)
            )
        }
        return Self.download(zip, type: "application/zip", name: name)
    }

    /// A file for the browser to save, never to show: an attachment under its own name, its type not
    /// sniffed, not cached, and sandboxed should a browser open it anyway.
    static func download(_ bytes: some Sequence<UInt8>, type: String, name: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.contentDisposition] = APIHandlers.attachment(name)
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'none'; sandbox"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
