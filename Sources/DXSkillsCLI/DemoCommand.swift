import ArgumentParser
import DXSkillsCore
import DXSkillsDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load a sample city (みなと市, 139999) with a few years of history; does nothing if it is loaded.",
        discussion: "The data goes through the same importers as `dxskills import`, one snapshot per 1 April.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "About how many staff.") var staff = 300
    @Option(help: "Seed: the same seed gives the same city.") var seed: UInt64 = 1
    @Option(help: "The tenant's 6-digit code (several demo cities can share a deployment).") var tenant = "139999"
    @Option(help: "The tenant's name.") var name = "みなと市"

    func validate() throws {
        guard (10...200_000).contains(staff) else { throw ValidationError("--staff must be between 10 and 200000") }
        guard tenant.count == 6, tenant.allSatisfy(\.isASCII), tenant.allSatisfy(\.isNumber) else {
            throw ValidationError("--tenant must be a 6-digit local government code such as 139999")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let city = DemoCity(staff: staff, seed: seed)
            try await withDatabase(try database.url()) { database in
                let loaded = try await DemoLoader(city: city, seed: seed, tenant: tenant, name: name).load(
                    into: database, note: note)
                guard loaded else {
                    print("demo tenant \(tenant) \(name) is already loaded")
                    return
                }
                print("loaded demo tenant \(tenant) \(name): users \(city.users().map(\.name).joined(separator: ", "))")
                for user in city.users() {
                    note(
                        "demo user \(user.name) (\(user.role.rawValue)\(user.unitCode.map { " of \($0)" } ?? "")): "
                            + "password \(DemoCity.password(of: user.name))")
                }
            }
        }
    }
}
