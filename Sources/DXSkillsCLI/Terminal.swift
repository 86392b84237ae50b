import DXSkillsCore
import Foundation

/// Where a command's output goes and what environment it reads: the process's own by default; a test
/// runs commands in process with its own (`Terminal.$current.withValue`).
public struct Terminal: Sendable {
    public var standardOutput: @Sendable ([UInt8]) -> Void
    public var standardError: @Sendable ([UInt8]) -> Void
    /// Variables that replace the process environment's (DXSKILLS_URL, DXSKILLS_TOKEN, LANG, …).
    public var environment: [String: String]
    /// The next line of standard input without its newline; nil at its end.
    public var readLine: @Sendable () -> String?
    /// Standard input is a terminal: prompts are shown, and a password is read without echo.
    public var interactive: Bool
    /// Standard error is a terminal: progress is one line updated in place.
    public var progressInPlace = false

    public init(
        standardOutput: @escaping @Sendable ([UInt8]) -> Void, standardError: @escaping @Sendable ([UInt8]) -> Void,
        environment: [String: String], readLine: @escaping @Sendable () -> String? = { Swift.readLine(strippingNewline: true) },
        interactive: Bool = false, progressInPlace: Bool = false
    ) {
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.environment = environment
        self.readLine = readLine
        self.interactive = interactive
        self.progressInPlace = progressInPlace
    }

    /// The language of messages and help: `--lang` (kept as DXSKILLS_LANG), then LC_ALL,
    /// LC_MESSAGES and LANG; English when none names Japanese.
    public var language: Language {
        if let chosen = environment["DXSKILLS_LANG"].flatMap(Language.init(tag:)) { return chosen }
        return Language.environment(environment)
    }

    /// A line typed without echo (a password) when standard input is a terminal, else the next line.
    func readSecret() -> String? {
        guard interactive else { return readLine() }
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return readLine() }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            standardError(Array("\n".utf8))
        }
        return readLine()
    }

    /// The process's stdout and stderr, and its environment.
    public static let process = Terminal(
        standardOutput: { writeAll($0, to: STDOUT_FILENO) }, standardError: { writeAll($0, to: STDERR_FILENO) },
        environment: ProcessInfo.processInfo.environment, interactive: isatty(STDIN_FILENO) != 0,
        progressInPlace: isatty(STDERR_FILENO) != 0)

    @TaskLocal public static var current = Terminal.process

    /// Writes bytes to a descriptor. A reader that went away (`| head`, `| grep -q`) ends the command
    /// quietly, as it would any Unix tool; the HTTP client ignores SIGPIPE, so the write would otherwise trap.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { exit(0) }
                if descriptor != STDERR_FILENO {
                    writeAll(
                        Array("dxskills: cannot write the output: \(String(cString: strerror(errno)))\n".utf8), to: STDERR_FILENO)
                }
                exit(74)
            }
            offset += written
        }
    }
}

/// `print` of the commands: to the terminal's standard output (a test's, in process).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { "\($0)" }.joined(separator: separator) + terminator
    Terminal.current.standardOutput(Array(text.utf8))
}

/// Writes bytes to the terminal's standard output.
func writeStandardOutput(_ bytes: [UInt8]) {
    Terminal.current.standardOutput(bytes)
}
