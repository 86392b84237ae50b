import DXSkillsAPI
import DXSkillsCore
import Foundation
import OpenAPIRuntime

/// Shows a streamed import's progress on stderr (never stdout): on a terminal one line that updates
/// in place; otherwise, for a log, a line every few seconds once the import has taken a while.
struct ImportProgressDisplay {
    let file: String
    var terminal = Terminal.current
    /// Not on a terminal: the first line after this long, then one per `every`.
    var after: Duration = .seconds(2)
    var every: Duration = .seconds(5)

    struct Line: Decodable {
        let progress: Components.Schemas.ImportProgressLine?
        let result: Components.Schemas.ImportSummary?
        let problem: ProblemReader.Problem?
    }

    /// Reads the answer's lines to the end: the summary, or the problem as the CLI's error.
    func follow(_ body: HTTPBody) async throws -> Components.Schemas.ImportSummary {
        let decoder = JSONDecoder()
        var buffer: [UInt8] = []
        var shown = false
        var lastShown: Double?
        defer { if shown && terminal.progressInPlace { terminal.standardError(Array("\n".utf8)) } }
        for try await chunk in body {
            buffer += chunk
            while let end = buffer.firstIndex(of: 0x0A) {
                let bytes = buffer[..<end]
                buffer.removeSubrange(...end)
                guard !bytes.isEmpty else { continue }
                let line = try decoder.decode(Line.self, from: Data(bytes))
                if let result = line.result { return result }
                if let problem = line.problem {
                    if shown && terminal.progressInPlace {
                        terminal.standardError(Array("\n".utf8))
                        shown = false
                    }
                    throw ProblemReader.error(problem, status: problem.status ?? 500)
                }
                guard let progress = line.progress else { continue }
                let text = Self.text(progress, file: file, terminal.language)
                if terminal.progressInPlace {
                    terminal.standardError(Array(("\r" + text + "\u{1B}[K").utf8))
                    shown = true
                } else {
                    // A line says how far: none for the start (0 rows), however long the start took.
                    let elapsed = progress.elapsedSeconds
                    let due = lastShown.map { elapsed - $0 >= Self.seconds(every) } ?? (elapsed >= Self.seconds(after))
                    if (due && (progress.rows > 0 || progress.phase == .writing))
                        || (progress.phase == .writing && lastShown != nil)
                    {
                        terminal.standardError(Array((text + "\n").utf8))
                        lastShown = elapsed
                    }
                }
            }
        }
        throw CLIError(.server, Message(.cliImportNoResult))
    }

    static func seconds(_ duration: Duration) -> Double { Double(duration.components.seconds) }

    /// `dxskills: 研修.csv: checking 120,000 of 1,000,000 rows (12.0%), about 45 s left`: the program's
    /// name first, so that no progress line reads like a problem of the file (`FILE:LINE: …`).
    static func text(_ progress: Components.Schemas.ImportProgressLine, file: String, _ language: Language) -> String {
        let rows = ExportProgressDisplay.grouped(progress.rows)
        let total = ExportProgressDisplay.grouped(progress.total)
        let message: Message
        if progress.phase == .writing {
            message = Message(.progressWriting, ["rows": "\(rows)", "elapsed": "\(Int(progress.elapsedSeconds))"])
        } else if let eta = progress.etaSeconds {
            message = Message(
                .progressChecking,
                [
                    "rows": "\(rows)", "total": "\(total)", "percent": "\(String(format: "%.1f", progress.percent))",
                    "eta": "\(Int(eta.rounded(.up)))",
                ])
        } else {
            message = Message(
                .progressStarting,
                ["rows": "\(rows)", "total": "\(total)", "percent": "\(String(format: "%.1f", progress.percent))"])
        }
        return "dxskills: \(file): " + message.text(language)
    }
}
