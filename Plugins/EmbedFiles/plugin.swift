import Foundation
import PackagePlugin

/// Builds the texts a target needs at run time into the target itself, as `EmbeddedFiles.files`, so that the
/// executable carries its migrations, templates, stylesheet and OpenAPI document and reads nothing from disk.
@main
struct EmbedFiles: BuildToolPlugin {
    /// A folder and the ending of the files taken from it; `prefix` starts each file's name in `EmbeddedFiles`.
    struct Group {
        let folder: URL
        let suffix: String
        let prefix: String
    }

    /// What each target embeds.
    func groups(for target: Target, package: Package) -> [Group] {
        switch target.name {
        case "DXSkillsCore":
            // The migrations, which stay in the top-level sql/ folder.
            return [Group(folder: package.directoryURL.appending(path: "sql"), suffix: ".sql", prefix: "")]
        case "DXSkillsServer":
            let web = target.directoryURL.appending(path: "Web")
            return [
                Group(folder: web.appending(path: "Templates"), suffix: ".mustache", prefix: "Templates/"),
                Group(folder: web.appending(path: "Static"), suffix: ".css", prefix: "Static/"),
            ]
        case "DXSkillsAPI":
            // Also the input of the OpenAPI generator, which finds it among the target's files.
            return [Group(folder: target.directoryURL, suffix: "openapi.yaml", prefix: "")]
        default:
            return []
        }
    }

    /// The tool lists each folder itself when it runs. The inputs are the files there now (an edit reruns it) and
    /// the folder (a file added reruns it even when SwiftPM keeps its build plan, which it does for sql/, outside
    /// every target; a file removed from sql/ is a missing input until `touch Package.swift` renews the plan).
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        var arguments: [String] = []
        var inputs: [URL] = []
        for group in groups(for: target, package: context.package) {
            let names = try FileManager.default.contentsOfDirectory(atPath: group.folder.path)
                .filter { $0.hasSuffix(group.suffix) }.sorted()
            arguments += [group.prefix, group.folder.path, group.suffix]
            inputs += [group.folder] + names.map { group.folder.appending(path: $0) }
        }
        guard inputs.count > arguments.count / 3 else { throw EmbedFilesError(target: target.name) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count - arguments.count / 3) file(s) in \(target.name)",
                executable: try context.tool(named: "EmbedFilesTool").url,
                arguments: [output.path] + arguments,
                inputFiles: inputs,
                outputFiles: [output])
        ]
    }
}

struct EmbedFilesError: Error, CustomStringConvertible {
    let target: String
    var description: String { "EmbedFiles: no files to embed in target \(target)" }
}
