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

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        var arguments: [String] = []
        var inputs: [URL] = []
        for group in groups(for: target, package: context.package) {
            let names = try FileManager.default.contentsOfDirectory(atPath: group.folder.path)
                .filter { $0.hasSuffix(group.suffix) }.sorted()
            for name in names {
                let file = group.folder.appending(path: name)
                arguments += [group.prefix + name, file.path]
                inputs.append(file)
            }
        }
        guard !inputs.isEmpty else { throw EmbedFilesError(target: target.name) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) file(s) in \(target.name)",
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
