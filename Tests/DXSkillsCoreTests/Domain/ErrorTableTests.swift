import DXSkillsCore
import Testing

@Suite("the error table")
struct ErrorTableTests {
    @Test("each category has its own status, and a status leads back to its category")
    func statuses() {
        let statuses = ErrorCategory.allCases.map(\.status)
        #expect(Set(statuses).count == statuses.count)
        for category in ErrorCategory.allCases { #expect(ErrorCategory(status: category.status) == category) }
        #expect(ErrorCategory(status: 409) == .conflict)
        #expect(ErrorCategory(status: 410) == nil)
        #expect(ErrorCategory(status: 500) == nil)
    }

    @Test("invalid input is 422 and exits 65; a bad parameter 400 and 64; out of scope 404 and 66; a conflict 409 and 65")
    func rows() {
        let expected: [(DXSkillsError, Int, Int32)] = [
            (.invalidRows([]), 422, 65), (.invalid("x"), 422, 65), (.badParameter(Message(.bodyMustBeJSON)), 400, 64),
            (.notFound("x"), 404, 66),
            (.unauthorized, 401, 77), (.forbidden("x"), 403, 77), (.conflict("x"), 409, 65), (.migration("x"), 503, 69),
            (.unavailable("x"), 503, 69),
        ]
        for (error, status, exit) in expected {
            #expect(error.category.status == status, "\(error)")
            #expect(error.category.exitCode == exit, "\(error)")
        }
    }
}
