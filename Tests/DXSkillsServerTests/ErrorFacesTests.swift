import DXSkillsCore
import Testing

@testable import DXSkillsServer

@Suite("one error, one status on every face")
struct ErrorFacesTests {
    @Test("the API's problem and the dashboard's page give every error the same status")
    func apiAndDashboardAgree() {
        let errors: [DXSkillsError] = [
            .invalidRows([CSVIssue(line: 2, column: "employee_no", value: "E9", reason: "unknown employee")]),
            .invalid("the transfers file has no rows"), .badParameter(Message(.parameterRequired, ["name": "fiscal_year"])),
            .notFound("E9"),
            .unauthorized, .forbidden("read rankings"), .migration("pending"), .unavailable("down"),
        ]
        for error in errors {
            let problem = Problem(error, requestID: "r1")
            let (status, _, _) = WebErrorMiddleware.classify(error)
            #expect(problem.status == error.category.status, "\(error)")
            #expect(Int(status.code) == problem.status, "\(error)")
        }
        // A document that fails validation is 422 on both, as the table says (the dashboard said 400).
        #expect(Int(WebErrorMiddleware.classify(DXSkillsError.invalid("x")).0.code) == 422)
    }
}
