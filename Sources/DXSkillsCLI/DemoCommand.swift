import ArgumentParser
import DXSkillsCore
import DXSkillsDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "demo",
            abstract: .catalog(.demoAbstract),
            discussion: .catalog(.demoDiscussion))
    }

    @OptionGroup var database: DatabaseOptions
    @Option(help: .catalog(.demoStaff)) var staff = 300
    @Option(help: .catalog(.demoSeed)) var seed: UInt64 = 1
    @Option(help: .catalog(.demoTenant)) var tenant = "139999"
    @Option(help: .catalog(.demoName)) var name = "みなと市"

    func validate() throws {
        guard (10...200_000).contains(staff) else {
            throw ValidationError(Message(.cliRange, ["option": "--staff", "min": "10", "max": "200000"]))
        }
        guard tenant.count == 6, tenant.allSatisfy(\.isASCII), tenant.allSatisfy(\.isNumber) else {
            throw ValidationError(Message(.cliTenantCode))
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
                        Message(
                            user.unitCode == nil ? .cliDemoUser : .cliDemoUserOfUnit,
                            [
                                "user": "\(user.name)", "role": "\(user.role.rawValue)", "unit": "\(user.unitCode ?? "")",
                                "password": "\(DemoCity.password(of: user.name))",
                            ]))
                }
            }
        }
    }
}
