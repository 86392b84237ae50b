import CBuildInfo

/// The version of this binary, its commit and the day it was built, as `dxskills --version` prints
/// them. A release build (`make release`) takes the version from `git describe`; a build of a
/// source tree says `dev`.
public enum BuildInfo {
    public static let version = String(cString: dxskills_build_version())
    public static let commit = String(cString: dxskills_build_commit())
    public static let date = String(cString: dxskills_build_date())

    /// `dxskills 0.2.0 (commit 1c64d83…, built 2026-12-02T15:30:00Z)`.
    public static var line: String { "dxskills \(version) (commit \(commit), built \(date))" }
}
