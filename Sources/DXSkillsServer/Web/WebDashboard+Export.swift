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
        var headers = HTTPFields()
        headers[.contentType] = "application/zip"
        headers[.contentDisposition] = APIHandlers.attachment(name)
        headers[.cacheControl] = "no-store"
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: zip)))
    }
}
