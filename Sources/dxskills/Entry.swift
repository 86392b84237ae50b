import ArgumentParser
import DXSkillsCLI

// The commands live in DXSkillsCLI, where Tests/DXSkillsCLITests run them in process.
@main
extension DXSkillsCommand {}
