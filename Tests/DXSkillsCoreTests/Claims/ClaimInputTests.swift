import DXSkillsCore
import DXSkillsTestSupport
import Foundation
import PostgresNIO
import Testing

@Suite("Claims: input and evidence files")
struct ClaimInputTests {
    static let png = [EvidenceUpload(fileName: "a.png", bytes: ClaimFixture.png)]

    @Test(
        "bad input names the field and writes nothing",
        arguments: [
            (
                ClaimDetails.training(course: "NOPE", completedOn: ClaimFixture.day, hours: nil, title: nil, provider: nil),
                "title: course NOPE is not in the catalog"
            ),
            (
                .training(course: "DX-101", completedOn: Day(iso: "2022-03-31")!, hours: nil, title: nil, provider: nil),
                "completed_on: 2022-03-31 is before the hire date 2022-04-01"
            ),
            (
                .training(course: "DX-101", completedOn: Day.today().adding(days: 1), hours: nil, title: nil, provider: nil),
                "completed_on: \(Day.today().adding(days: 1)) is in the future"
            ),
            (
                .training(course: "DX-101", completedOn: ClaimFixture.day, hours: 0, title: nil, provider: nil),
                "hours: must be more than 0 and at most 1000, got 0.0"
            ),
            (
                .training(course: "DX-101", completedOn: ClaimFixture.day, hours: 1000.5, title: nil, provider: nil),
                "hours: must be more than 0 and at most 1000, got 1000.5"
            ),
            (.certification(cert: "NOPE", acquiredOn: ClaimFixture.day), "cert: unknown certification NOPE"),
            // Found by Schemathesis as a manager: a NUL in a code reached PostgreSQL and was a 500.
            (
                .training(course: "DX\u{0}101", completedOn: ClaimFixture.day, hours: nil, title: "t", provider: nil),
                "course: a code may contain only letters A–Z a–z, digits 0–9, _ and -; U+0000"
            ),
            (
                .training(course: "EXT-1", completedOn: ClaimFixture.day, hours: 1, title: "外部\u{0}研修", provider: "a\u{7}"),
                "title: contains a control character; provider: contains a control character"
            ),
            (.certification(cert: "S\u{0}G", acquiredOn: ClaimFixture.day), "cert: a code may contain only letters"),
            (.certification(cert: "SG", acquiredOn: Day(iso: "2020-01-01")!), "acquired_on: 2020-01-01 is before the hire date"),
        ])
    func badInput(details: ClaimDetails, message: String) async throws {
        try await withTestDatabase { db in
            // setup: E003 was hired 2022-04-01.
            try await ClaimFixture.create(db)
            // act
            let error = await ClaimFixture.error { _ = try await ClaimFixture.submit(db, details) }
            // assert
            #expect(error?.category == .invalid)
            #expect("\(error.map { "\($0)" } ?? "")".contains(message))
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM claims") == 0)
        }
    }

    @Test("the 1000 hours bound and an external course with its title are accepted")
    func boundsAccepted() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            // act
            let claim = try await ClaimFixture.submit(
                db, .training(course: "EXT-1", completedOn: ClaimFixture.day, hours: 1000, title: "外部研修", provider: nil))
            // assert
            #expect(claim.state == .submitted)
        }
    }

    @Test("the type comes from the bytes: PNG, JPEG and PDF by their magic, whatever the name")
    func magicBytes() {
        #expect(EvidenceRules.mediaType(of: ClaimFixture.png) == "image/png")
        #expect(EvidenceRules.mediaType(of: ClaimFixture.jpeg) == "image/jpeg")
        #expect(EvidenceRules.mediaType(of: ClaimFixture.pdf) == "application/pdf")
        #expect(EvidenceRules.mediaType(of: ClaimFixture.html) == nil)
        #expect(EvidenceRules.mediaType(of: Data()) == nil)
        #expect(EvidenceRules.mediaType(of: Data("%PD".utf8)) == nil)
    }

    @Test(
        "evidence files refused: HTML named .pdf, empty, more than 10 MB, more than 3, none",
        arguments: [
            ([EvidenceUpload(fileName: "cert.pdf", bytes: ClaimFixture.html)], "evidence[1] cert.pdf: not a PDF, PNG or JPEG"),
            ([EvidenceUpload(fileName: "empty.pdf", bytes: Data())], "evidence[1] empty.pdf: the file is empty"),
            (
                [EvidenceUpload(fileName: "big.pdf", bytes: ClaimFixture.pdf + Data(count: 10 * 1024 * 1024))],
                "is more than 10 MB"
            ),
            (
                Array(repeating: EvidenceUpload(fileName: "a.png", bytes: ClaimFixture.png), count: 4),
                "at most 3 files per claim, got 4"
            ),
            ([], "evidence: at least one file"),
        ])
    func refusedEvidence(files: [EvidenceUpload], message: String) async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            // act
            let error = await ClaimFixture.error { _ = try await ClaimFixture.submit(db, evidence: files) }
            // assert
            #expect(error?.category == .invalid)
            #expect("\(error.map { "\($0)" } ?? "")".contains(message))
            #expect(try await db.owner.count(Fixture.context(), "SELECT count(*)::int FROM claim_evidence") == 0)
        }
    }

    @Test("a PNG named .pdf is kept as a PNG; exactly 10 MB and 3 files are accepted")
    func acceptedEvidence() async throws {
        try await withTestDatabase { db in
            // setup
            try await ClaimFixture.create(db)
            let files = [
                EvidenceUpload(fileName: "really-a-png.pdf", bytes: ClaimFixture.png),
                EvidenceUpload(fileName: "scan.jpg", bytes: ClaimFixture.jpeg + Data(count: 10 * 1024 * 1024 - 6)),
                EvidenceUpload(fileName: "C:\\Users\\me\\証明書.pdf", bytes: ClaimFixture.pdf),
            ]
            // act
            let claim = try await ClaimFixture.submit(db, evidence: files)
            // assert
            #expect(claim.evidence.map(\.mediaType) == ["image/png", "image/jpeg", "application/pdf"])
            #expect(claim.evidence.map(\.fileName) == ["really-a-png.pdf", "scan.jpg", "証明書.pdf"])
            #expect(claim.evidence.map(\.size) == [12, 10 * 1024 * 1024, ClaimFixture.pdf.count])
        }
    }

    @Test("evidence is read by the claimant, its approvers, hr and admin; anyone else gets 404; each download is audited")
    func evidenceReaders() async throws {
        try await withTestDatabase { db in
            // setup: E001 is in 人事課 S1, another 課; a manager of S1 only.
            try await ClaimFixture.create(db)
            let claim = try await ClaimFixture.submit(db)
            let s1Manager = Principal(tenant: Fixture.tenant, userName: "s1m", role: .manager, unitCode: "S1", employeeNo: nil)
            let admin = Fixture.principal(.admin)
            func download(_ principal: Principal) async -> Result<EvidenceFile, DXSkillsError> {
                do {
                    return .success(
                        try await ClaimFixture.run(db, as: principal) {
                            try await Claims.evidence(claim.id, n: 1, principal: principal, connection: $0, logger: db.app.logger)
                        })
                } catch let error as DXSkillsError {
                    return .failure(error)
                } catch {
                    return .failure(.unavailable("\(error)"))
                }
            }
            // act
            let readers = [ClaimFixture.claimant, ClaimFixture.manager, ClaimFixture.hr, admin]
            var served: [EvidenceFile] = []
            for reader in readers { served.append(try await download(reader).get()) }
            let refused = [
                await download(Fixture.principal(.staff, employeeNo: "E001")), await download(s1Manager),
                await download(ClaimFixture.farManager),
            ]
            let missing = await ClaimFixture.error {
                _ = try await ClaimFixture.run(db, as: ClaimFixture.hr) {
                    try await Claims.evidence(claim.id, n: 2, principal: ClaimFixture.hr, connection: $0, logger: db.app.logger)
                }
            }
            // assert
            #expect(
                served.allSatisfy { $0 == EvidenceFile(fileName: "修了証.png", mediaType: "image/png", bytes: ClaimFixture.png) })
            for result in refused {
                guard case .failure(let error) = result else {
                    Issue.record("served to a non-reader")
                    continue
                }
                #expect(error == .notFound("claim \(claim.id)"))
            }
            #expect(missing == .notFound("evidence 2 of claim \(claim.id)"))
            let reads = try await db.owner.strings(
                Fixture.context(),
                "SELECT actor || ' ' || (key ->> 'claim_id') || ' ' || (after ->> 'media_type') FROM audit_log WHERE action = 'read' ORDER BY id"
            )
            #expect(
                reads == [
                    "staff1 \(claim.id) image/png", "mgr \(claim.id) image/png", "hr1 \(claim.id) image/png",
                    "admin1 \(claim.id) image/png",
                ])
        }
    }
}
