import DXSkillsAPI
import Foundation
import Hummingbird
import Testing

@testable import DXSkillsServer

/// The dashboard's templates and stylesheet and the OpenAPI document are built into the program
/// (the EmbedFiles plugin): the same bytes as the files of the source tree, nothing read at run time.
@Suite("Embedded files")
struct EmbeddedFilesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: sources.appendingPathComponent(path)))
    }

    @Test("the OpenAPI document served is Sources/DXSkillsAPI/openapi.yaml")
    func openAPIDocument() throws {
        #expect(Array(OpenAPIDocument.yaml.utf8) == (try Self.bytes("DXSkillsAPI/openapi.yaml")))
    }

    @Test("the stylesheet served is Web/Static/dashboard.css")
    func stylesheet() throws {
        #expect(Array(buffer: WebDashboard.stylesheet) == (try Self.bytes("DXSkillsServer/Web/Static/dashboard.css")))
    }

    @Test("every template of Web/Templates is embedded, as it is on disk")
    func templates() throws {
        let folder = Self.sources.appendingPathComponent("DXSkillsServer/Web/Templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".mustache") }
        let embedded = EmbeddedFiles.files.filter { $0.name.hasPrefix("Templates/") }
        #expect(Set(embedded.map(\.name)) == Set(names.map { "Templates/" + $0 }))
        for name in names {
            let text = embedded.first { $0.name == "Templates/" + name }?.text
            #expect(text.map { Array($0.utf8) } == (try Self.bytes("DXSkillsServer/Web/Templates/" + name)), "\(name)")
        }
        _ = try WebDashboard.loadTemplates()
    }
}
