import DXSkillsAPI
import DXSkillsCore

extension APIHandlers {
    /// `dxskills login`: a user name and password for a personal token. Runs without a caller; the
    /// attempt is recorded and audited by the core, with the lockout.
    func issuePersonalToken(_ input: Operations.IssuePersonalToken.Input) async throws
        -> Operations.IssuePersonalToken.Output
    {
        guard case .json(let body) = input.body else { throw DXSkillsError.badParameter(Message(.bodyMustBeJSON)) }
        let days = body.expiresInDays ?? 90
        guard (1...90).contains(days) else {
            throw DXSkillsError.badParameter(
                Message(.parameterRange, ["name": "expires_in_days", "min": "1", "max": "90", "value": "\(days)"]))
        }
        let (outcome, token) = try await SignIn.personalToken(
            tenant: body.tenant, user: body.user, password: body.password, days: days,
            client: RequestScope.current?.client, database: database)
        switch outcome {
        case .signedIn(let user, _, _):
            guard let token else { throw DXSkillsError.signInRefused }
            return .created(
                .init(body: .json(.init(token: token.token, tokenId: token.tokenID, expiresAt: token.expiresAt, user: user))))
        case .refused: throw DXSkillsError.signInRefused
        case .notInService(let message): throw DXSkillsError.forbidden(message)
        case .unavailable(let message): throw DXSkillsError.unavailable(message)
        }
    }
}
