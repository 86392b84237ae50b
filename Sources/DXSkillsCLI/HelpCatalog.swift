import ArgumentParser
import DXSkillsCore

/// The texts of the commands' help in English and Japanese (`dxskills --help --lang ja`), one entry
/// per key; the language is the terminal's (`--lang`, LC_ALL, LC_MESSAGES, LANG) when help is built.
/// A `{name}` in a text is filled in by the command (`String.catalog(_:_:)`).
enum HelpKey: String, CaseIterable, Sendable {
    case adminAbstract
    case adminTenantAbstract
    case adminTenantSetAbstract
    case adminTenantSetDiscussion
    case tenantCode
    case adminTenantSetCountedEmploymentTypes
    case adminTenantSetGrades
    case adminTenantCreateAbstract
    case adminTenantCreateCode
    case adminTenantCreateName
    case adminUserAbstract
    case adminUserAddAbstract
    case adminUserAddDiscussion
    case userName
    case adminUserAddRole
    case adminUserAddUnit
    case adminUserAddEmployeeNo
    case mailAddress
    case adminUserAddPasswordStdin
    case adminUserSetAbstract
    case adminUserSetDiscussion
    case adminUserSetStatus
    case adminUserSetMethods
    case adminUserPasswordResetAbstract
    case adminUserPasswordResetDiscussion
    case adminUserSessionsAbstract
    case adminUserSessionsEndAbstract
    case adminTokenAbstract
    case adminTokenIssueAbstract
    case adminTokenIssueDiscussion
    case adminTokenIssueExpiresInDays
    case adminTokenRevokeAbstract
    case adminTokenRevokeTokenID
    case careerTemplateAbstract
    case careerTemplateSetAbstract
    case jsonDocument
    case careerTemplateListAbstract
    case claimsAbstract
    case claimsSubmitAbstract
    case claimsTrainingFieldsCourse
    case claimsTrainingFieldsCompletedOn
    case hours
    case courseTitle
    case courseProvider
    case claimsEvidenceFilesEvidence
    case claimsTrainingAbstract
    case claimsCertificationAbstract
    case claimsCertificationCert
    case claimsCertificationAcquiredOn
    case claimsListAbstract
    case claimsListState
    case claimsShowAbstract
    case claimID
    case claimsEditAbstract
    case claimsEditCourse
    case claimsEditCompletedOn
    case claimsEditCert
    case claimsEditAcquiredOn
    case claimsApproveAbstract
    case claimsConfirmAbstract
    case claimsReturnAbstract
    case claimsReturnReason
    case claimsWithdrawAbstract
    case claimsEvidenceAbstract
    case claimsEvidenceN
    case claimsEvidenceFile
    case headcountAbstract
    case rootUnit
    case unitsAbstract
    case unitsTreeAbstract
    case staffAbstract
    case staffListAbstract
    case staffShowAbstract
    case employeeNo
    case dBAbstract
    case dBMigrateAbstract
    case migrationsFolder
    case dBStatusAbstract
    case rootAbstract
    case rootDiscussion
    case demoAbstract
    case demoDiscussion
    case demoStaff
    case demoSeed
    case demoTenant
    case demoName
    case doctorAbstract
    case doctorDiscussion
    case criteriaAbstract
    case criteriaSetAbstract
    case criteriaShowAbstract
    case fiscalYear
    case criteriaDiscloseAbstract
    case criteriaDiscloseDiscussion
    case rankingsAbstract
    case rankingsDiscussion
    case rankingsGroup
    case rankingsAsOf
    case rankingsEncoding
    case rankingsReplaceUnmappable
    case rankingsOutputFile
    case rankingsDateStyle
    case importAbstract
    case importDiscussion
    case importKind
    case importFile
    case importEncoding
    case importDryRun
    case importIgnoreUnknownColumns
    case importFiscalYear
    case leadersAbstract
    case loginAbstract
    case loginDiscussion
    case loginUrl
    case loginTenant
    case loginUser
    case loginExpiresInDays
    case loginToken
    case meAbstract
    case meDiscussion
    case meShowAbstract
    case meExportAbstract
    case meExportDiscussion
    case meExportFile
    case notifyAbstract
    case notifyRunAbstract
    case notifyRunDiscussion
    case notifyRunDryRun
    case notifyStatusAbstract
    case notifyInboxAbstract
    case notifyInboxMarkRead
    case notifyOptionsCertDays
    case notifyOptionsPlanDays
    case notifyOptionsClaimDays
    case notifyOptionsRunAt
    case notifyOptionsWebhookURL
    case notifyOptionsWebhookSecretFile
    case sheetOptionsFile
    case sheetOptionsDateStyle
    case outputOptionsFormat
    case outputOptionsLang
    case asOfOptionAsOf
    case databaseOptionsDatabaseURL
    case plansAbstract
    case plansListAbstract
    case plansListStatus
    case plansListUnit
    case plansShowAbstract
    case coverageAbstract
    case coverageKind
    case coverageSkill
    case coverageLevel
    case completionAbstract
    case completionCourse
    case completionKind
    case completionFiscalYear
    case certsAbstract
    case certsExpiringAbstract
    case certsExpiringWithin
    case rolesAbstract
    case rolesDiscussion
    case rolesUnit
    case selfAssessmentAbstract
    case selfAssessmentSetAbstract
    case skillCode
    case selfAssessmentSetLevel
    case selfAssessmentSetOn
    case selfAssessmentEndorseAbstract
    case serveAbstract
    case serveDiscussion
    case serveHost
    case servePort
    case servePublicURL
    case signInOptionsMethods
    case signInOptionsLdapURL
    case signInOptionsLdapCAFile
    case signInOptionsLdapBaseDN
    case signInOptionsLdapBindDN
    case signInOptionsLdapBindPasswordFile
    case signInOptionsLdapUserFilter
    case signInOptionsLdapEmployeeAttribute
    case signInOptionsLdapMailAttribute
    case signInOptionsOidcIssuer
    case signInOptionsOidcClientID
    case signInOptionsOidcClientSecretFile
    case signInOptionsOidcEmployeeClaim
    case signInOptionsSessionIdleMinutes
    case signInOptionsSessionAbsoluteMinutes
    case targetsAbstract
    case targetsSetAbstract
    case targetsReportAbstract
    case transfersAbstract
    case transfersImpactAbstract
    case transfersImpactFile
    case transfersImpactFiscalYear
    case transfersApplyAbstract
    case transfersApplyFile
}

/// One help text in both languages.
struct HelpEntry: Sendable {
    let en: String
    let ja: String

    func text(_ language: Language) -> String {
        switch language {
        case .en: en
        case .ja: ja
        }
    }
}

enum HelpCatalog {
    /// The text of a key in the terminal's language; the key itself if the catalog lacks it (a test
    /// fails then).
    static func text(_ key: HelpKey, _ language: Language = Terminal.current.language) -> String {
        entries[key]?.text(language) ?? key.rawValue
    }

    static let entries: [HelpKey: HelpEntry] = [
        .adminAbstract: HelpEntry(
            en: "Tenants, users, tokens and demo data (works on the database directly).",
            ja: "テナント・ユーザー・トークン・デモデータの管理（データベースを直接操作します）。"),
        .adminTenantAbstract: HelpEntry(
            en: "Manage tenants.",
            ja: "テナントを管理します。"),
        .adminTenantSetAbstract: HelpEntry(
            en: "Change a tenant's settings.",
            ja: "テナントの設定を変更します。"),
        .adminTenantSetDiscussion: HelpEntry(
            en: "Example: count 会計年度任用 in headcount with --counted-employment-types regular,fixed_term,fiscal_year",
            ja: "例: 会計年度任用職員を職員数に含めるには --counted-employment-types regular,fixed_term,fiscal_year"),
        .tenantCode: HelpEntry(
            en: "Tenant code.",
            ja: "テナントコード。"),
        .adminTenantSetCountedEmploymentTypes: HelpEntry(
            en: "Comma-separated employment types headcount counts (default regular,fixed_term).",
            ja: "職員数に数える任用形態（カンマ区切り。既定は regular,fixed_term）。"),
        .adminTenantSetGrades: HelpEntry(
            en: "Comma-separated grades, lowest first (default 主事,主任,係長,課長補佐,課長,部長,局長).",
            ja: "職位（カンマ区切り、低い順。既定は 主事,主任,係長,課長補佐,課長,部長,局長）。"),
        .adminTenantCreateAbstract: HelpEntry(
            en: "Create a tenant (one municipality).",
            ja: "テナント（1つの自治体）を作成します。"),
        .adminTenantCreateCode: HelpEntry(
            en: "6-digit local government code (団体コード).",
            ja: "6桁の団体コード。"),
        .adminTenantCreateName: HelpEntry(
            en: "Name, e.g. みなと市.",
            ja: "名称（例: みなと市）。"),
        .adminUserAbstract: HelpEntry(
            en: "Manage users.",
            ja: "ユーザーを管理します。"),
        .adminUserAddAbstract: HelpEntry(
            en: "Add a user, or change it; a role is a grant from today, open-ended.",
            ja: "ユーザーを追加または変更します。権限は本日から期限なしで付与されます。"),
        .adminUserAddDiscussion: HelpEntry(
            en: """
                Every staff member in service already has a user named by the employee number (the staff import makes
                it). Add users that have no staff record (administrators, HR staff from outside) here. Without --role,
                a user linked to a staff member (--employee-no) is staff: its own record only. Role grants for many
                users at once, effective-dated, come from `dxskills import roles`.
                """,
            ja: """
                在職中の職員には、職員番号を名前とするユーザーがすでにあります（職員の取込で作成されます）。
                職員台帳にないユーザー（システム管理者、外部の人事担当者など）はここで追加します。
                --role を指定しない場合、職員に紐付いたユーザー（--employee-no）は staff となり、本人の記録のみを扱えます。
                多数のユーザーへの期間付きの権限付与は `dxskills import roles` で取り込みます。
                """),
        .userName: HelpEntry(
            en: "User name.",
            ja: "ユーザー名。"),
        .adminUserAddRole: HelpEntry(
            en: "admin, hr, manager, evaluator or staff (a grant from today).",
            ja: "admin、hr、manager、evaluator または staff（本日からの付与）。"),
        .adminUserAddUnit: HelpEntry(
            en: "Scope unit of a manager or evaluator.",
            ja: "manager または evaluator の担当所属。"),
        .adminUserAddEmployeeNo: HelpEntry(
            en: "The staff record this user is (required for staff).",
            ja: "このユーザーに対応する職員の職員番号（staff では必須）。"),
        .mailAddress: HelpEntry(
            en: "Mail address, for notifications.",
            ja: "通知用のメールアドレス。"),
        .adminUserAddPasswordStdin: HelpEntry(
            en: "Read a password for local sign-in from the first line of standard input (12 characters or more).",
            ja: "ローカル認証のパスワードを標準入力の1行目から読み込みます（12文字以上）。"),
        .adminUserSetAbstract: HelpEntry(
            en: "Disable or enable a user, or change its mail address or sign-in methods.",
            ja: "ユーザーの無効化・有効化、メールアドレスやサインイン方法の変更を行います。"),
        .adminUserSetDiscussion: HelpEntry(
            en: "Disabling a user ends its sessions at once; its tokens stop working.",
            ja: "ユーザーを無効にすると、そのセッションは直ちに終了し、トークンも使えなくなります。"),
        .adminUserSetStatus: HelpEntry(
            en: "active or disabled.",
            ja: "active（有効）または disabled（無効）。"),
        .adminUserSetMethods: HelpEntry(
            en: "The methods this user may sign in with: local, ldap, oidc (the tenant's --sign-in limits them further).",
            ja: "このユーザーが使えるサインイン方法: local、ldap、oidc（テナントの --sign-in でさらに制限されます）。"),
        .adminUserPasswordResetAbstract: HelpEntry(
            en: "Print a one-time password, valid 24 hours, that must be changed at the first sign-in.",
            ja: "24時間有効な一時パスワードを表示します。初回サインイン時に変更が必要です。"),
        .adminUserPasswordResetDiscussion: HelpEntry(
            en: "The user's sessions end. Hand the password over in person or by a channel you trust.",
            ja: "ユーザーのセッションは終了します。パスワードは対面または信頼できる経路で本人に渡してください。"),
        .adminUserSessionsAbstract: HelpEntry(
            en: "End a user's dashboard sessions.",
            ja: "ユーザーのダッシュボードのセッションを終了します。"),
        .adminUserSessionsEndAbstract: HelpEntry(
            en: "End every live session of a user now.",
            ja: "ユーザーの有効なセッションをすべて直ちに終了します。"),
        .adminTokenAbstract: HelpEntry(
            en: "Issue or revoke API tokens.",
            ja: "APIトークンの発行・失効を行います。"),
        .adminTokenIssueAbstract: HelpEntry(
            en: "Issue a token; prints only the token, which is shown this once.",
            ja: "トークンを発行し、トークンだけを表示します（表示はこの1回限りです）。"),
        .adminTokenIssueDiscussion: HelpEntry(
            en: "The token id, needed to revoke it, is the third part: dxs_TENANT_ID_SECRET.",
            ja: "失効に必要なトークンIDは、dxs_テナント_ID_秘密値 の3番目の部分です。"),
        .adminTokenIssueExpiresInDays: HelpEntry(
            en: "Days until the token expires (1 to 3650).",
            ja: "トークンの有効日数（1〜3650）。"),
        .adminTokenRevokeAbstract: HelpEntry(
            en: "Revoke a token by its id.",
            ja: "トークンIDを指定してトークンを失効させます。"),
        .adminTokenRevokeTokenID: HelpEntry(
            en: "The token id (third part of the token).",
            ja: "トークンID（トークンの3番目の部分）。"),
        .careerTemplateAbstract: HelpEntry(
            en: "Career path templates (キャリアパスモデル) for information-track staff.",
            ja: "情報職の職員のキャリアパスモデル。"),
        .careerTemplateSetAbstract: HelpEntry(
            en:
                "Store a template from a JSON document (docs/reference.md §3.2) under its code; the same document again changes nothing.",
            ja: "JSON文書（docs/reference.md §3.2）のキャリアパスモデルをそのコードで登録します。同じ文書を再度登録しても変わりません。"),
        .jsonDocument: HelpEntry(
            en: "The JSON document.",
            ja: "JSON文書。"),
        .careerTemplateListAbstract: HelpEntry(
            en: "Every template, one line per stage.",
            ja: "すべてのキャリアパスモデルを、段階ごとに1行で表示します。"),
        .claimsAbstract: HelpEntry(
            en: "Claims (申請) of training and certifications with evidence files (docs/reference.md §7).",
            ja: "証拠書類を添えた研修実績・資格の申請（docs/reference.md §7）。"),
        .claimsSubmitAbstract: HelpEntry(
            en: "Claim a training record or a certification for yourself.",
            ja: "自分の研修実績または資格を申請します。"),
        .claimsTrainingFieldsCourse: HelpEntry(
            en: "Course code (コース): a catalog course, or an external one with --title.",
            ja: "コースのコード: 研修カタログのコース、または --title を付けた外部研修。"),
        .claimsTrainingFieldsCompletedOn: HelpEntry(
            en: "The day the course was completed (YYYY-MM-DD).",
            ja: "修了日（YYYY-MM-DD）。"),
        .hours: HelpEntry(
            en: "Hours (more than 0, at most 1000).",
            ja: "時間数（0より大きく1000以下）。"),
        .courseTitle: HelpEntry(
            en: "An external course's title.",
            ja: "外部研修の名称。"),
        .courseProvider: HelpEntry(
            en: "An external course's provider.",
            ja: "外部研修の実施機関。"),
        .claimsEvidenceFilesEvidence: HelpEntry(
            en: "1 to 3 files: PDF, PNG or JPEG, at most 10 MB each.",
            ja: "証拠書類1〜3件: PDF、PNG または JPEG、各10MBまで。"),
        .claimsTrainingAbstract: HelpEntry(
            en: "Claim a completed course.",
            ja: "修了した研修を申請します。"),
        .claimsCertificationAbstract: HelpEntry(
            en: "Claim a certification acquired.",
            ja: "取得した資格を申請します。"),
        .claimsCertificationCert: HelpEntry(
            en: "Certification code (資格).",
            ja: "資格のコード。"),
        .claimsCertificationAcquiredOn: HelpEntry(
            en: "The day it was acquired (YYYY-MM-DD).",
            ja: "取得日（YYYY-MM-DD）。"),
        .claimsListAbstract: HelpEntry(
            en: "Your queue: your own claims (staff), 承認待ち (manager, evaluator), 確認待ち (hr); or every claim in a state.",
            ja: "自分の処理待ち一覧: 自分の申請（staff）、承認待ち（manager、evaluator）、確認待ち（hr）。または指定した状態のすべての申請。"),
        .claimsListState: HelpEntry(
            en: "Only claims in this state: submitted, approved, confirmed, returned, withdrawn.",
            ja: "この状態の申請のみ: submitted（申請中）、approved（承認済）、confirmed（確認済）、returned（差戻し）、withdrawn（取下げ）。"),
        .claimsShowAbstract: HelpEntry(
            en: "One claim with its evidence files and history.",
            ja: "1件の申請を、証拠書類と履歴とともに表示します。"),
        .claimID: HelpEntry(
            en: "Claim id.",
            ja: "申請ID。"),
        .claimsEditAbstract: HelpEntry(
            en: "Edit a returned claim of yours and submit it again (without --evidence the files stay).",
            ja: "差し戻された自分の申請を修正して再申請します（--evidence がなければ証拠書類はそのまま）。"),
        .claimsEditCourse: HelpEntry(
            en: "A training claim's course code.",
            ja: "研修の申請のコースのコード。"),
        .claimsEditCompletedOn: HelpEntry(
            en: "A training claim's day of completion (YYYY-MM-DD).",
            ja: "研修の申請の修了日（YYYY-MM-DD）。"),
        .claimsEditCert: HelpEntry(
            en: "A certification claim's certification code.",
            ja: "資格の申請の資格のコード。"),
        .claimsEditAcquiredOn: HelpEntry(
            en: "A certification claim's day of acquisition (YYYY-MM-DD).",
            ja: "資格の申請の取得日（YYYY-MM-DD）。"),
        .claimsApproveAbstract: HelpEntry(
            en: "Approve a submitted claim of your scope (manager, evaluator).",
            ja: "担当範囲の申請を承認します（manager、evaluator）。"),
        .claimsConfirmAbstract: HelpEntry(
            en: "Confirm an approved claim (hr): the training record or certification is written.",
            ja: "承認済みの申請を確認します（hr）。研修実績または資格が登録されます。"),
        .claimsReturnAbstract: HelpEntry(
            en: "Return a claim to its claimant with a reason.",
            ja: "理由を付けて申請を申請者に差し戻します。"),
        .claimsReturnReason: HelpEntry(
            en: "Why it goes back (the claimant sees it).",
            ja: "差戻しの理由（申請者に表示されます）。"),
        .claimsWithdrawAbstract: HelpEntry(
            en: "Withdraw a claim of yours before it is confirmed.",
            ja: "確認される前の自分の申請を取り下げます。"),
        .claimsEvidenceAbstract: HelpEntry(
            en: "Download evidence file N of a claim.",
            ja: "申請の N 番目の証拠書類をダウンロードします。"),
        .claimsEvidenceN: HelpEntry(
            en: "Which file: 1 to 3.",
            ja: "どの書類か: 1〜3。"),
        .claimsEvidenceFile: HelpEntry(
            en: "The file to write.",
            ja: "書き出すファイル。"),
        .headcountAbstract: HelpEntry(
            en: "Headcount (docs/reference.md §4.2) of every unit in a subtree on a day: its own staff and all below it.",
            ja: "基準日における、ある所属以下の各所属の職員数（docs/reference.md §4.2）: その所属自身と配下すべての職員。"),
        .rootUnit: HelpEntry(
            en: "Root unit (default: your scope).",
            ja: "起点の所属（既定: 自分の担当範囲）。"),
        .unitsAbstract: HelpEntry(
            en: "The organization.",
            ja: "組織。"),
        .unitsTreeAbstract: HelpEntry(
            en: "Units valid on a day, as a tree.",
            ja: "基準日に有効な所属をツリーで表示します。"),
        .staffAbstract: HelpEntry(
            en: "Staff records.",
            ja: "職員台帳。"),
        .staffListAbstract: HelpEntry(
            en: "Active staff assigned in a subtree on a day.",
            ja: "基準日にある所属以下に配属されている在職職員の一覧。"),
        .staffShowAbstract: HelpEntry(
            en: "One staff record with its assignment history.",
            ja: "1人の職員の記録を配属履歴とともに表示します。"),
        .employeeNo: HelpEntry(
            en: "Employee number (職員番号).",
            ja: "職員番号。"),
        .dBAbstract: HelpEntry(
            en: "Migrate the database or show its migration status.",
            ja: "データベースのマイグレーションを実行、またはその状況を表示します。"),
        .dBMigrateAbstract: HelpEntry(
            en: "Apply pending sql/NNN_*.sql migrations, each in one transaction.",
            ja: "未適用の sql/NNN_*.sql マイグレーションを、1件ずつ1つのトランザクションで適用します。"),
        .migrationsFolder: HelpEntry(
            en: "A folder of migration files instead of those built into dxskills.",
            ja: "dxskills に組み込まれたものの代わりに使うマイグレーションファイルのフォルダ。"),
        .dBStatusAbstract: HelpEntry(
            en: "List migrations: applied, pending, or changed since applied.",
            ja: "マイグレーションの一覧: 適用済、未適用、適用後に変更されたもの。"),
        .rootAbstract: HelpEntry(
            en: "Digital skills of a municipality's staff: training, certifications, coverage, leaders, rankings.",
            ja: "自治体職員のデジタルスキル: 研修実績、資格、充足状況、DX推進リーダー、順位。"),
        .rootDiscussion: HelpEntry(
            en: """
                serve, db and admin work on the database (DATABASE_URL); every other command is a client of the
                API (DXSKILLS_URL and DXSKILLS_TOKEN, or the file that `dxskills login` writes).
                Exit codes: 0 ok, 64 usage, 65 invalid input, 66 not found, 69 unreachable, 70 server error, 77 auth,
                78 configuration (doctor).
                """,
            ja: """
                serve、db、admin はデータベース（DATABASE_URL）を直接操作します。その他のコマンドはすべて
                API のクライアントです（DXSKILLS_URL と DXSKILLS_TOKEN、または `dxskills login` が書き出すファイル）。
                終了コード: 0 正常、64 使い方の誤り、65 入力の誤り、66 見つからない、69 接続できない、70 サーバーエラー、
                77 認証、78 設定（doctor）。
                """),
        .demoAbstract: HelpEntry(
            en: "Load a sample city (みなと市, 139999) with a few years of history; does nothing if it is loaded.",
            ja: "サンプルの市（みなと市、139999）を数年分の履歴とともに読み込みます。読み込み済みなら何もしません。"),
        .demoDiscussion: HelpEntry(
            en: "The data goes through the same importers as `dxskills import`, one snapshot per 1 April.",
            ja: "データは `dxskills import` と同じ取込処理を通り、4月1日ごとに1回分のスナップショットとなります。"),
        .demoStaff: HelpEntry(
            en: "About how many staff.",
            ja: "おおよその職員数。"),
        .demoSeed: HelpEntry(
            en: "Seed: the same seed gives the same city.",
            ja: "乱数の種: 同じ種からは同じ市ができます。"),
        .demoTenant: HelpEntry(
            en: "The tenant's 6-digit code (several demo cities can share a deployment).",
            ja: "テナントの6桁の団体コード（1つの環境に複数のデモ市を置けます）。"),
        .demoName: HelpEntry(
            en: "The tenant's name.",
            ja: "テナントの名称。"),
        .doctorAbstract: HelpEntry(
            en: "Check the installation and say what to fix (設定の点検).",
            ja: "設定の点検: インストール状態を確認し、直すべき点を示します。"),
        .doctorDiscussion: HelpEntry(
            en: """
                Connects as the schema owner (DATABASE_URL) and changes nothing. Checks: the database is \\
                reachable; every migration is applied; the service role dxskills_app owns nothing and is neither \\
                superuser nor BYPASSRLS; row-level security is enabled and forced on every tenant table; each \\
                tenant's directory (LDAP) is reachable and its service account binds; the mail server of \\
                DXSKILLS_SMTP_URL answers, its certificate is trusted and it takes the password (nothing is \\
                sent), and DXSKILLS_MAIL_FROM is set; each tenant's webhook answers a signed ping. Exit status 0 when all is \\
                well, 78 when something must be fixed, 69 when the database cannot be reached.
                """,
            ja: """
                スキーマ所有者（DATABASE_URL）として接続し、何も変更しません。点検項目: データベースに接続できること、
                すべてのマイグレーションが適用済みであること、サービス用ロール dxskills_app が何も所有せず、スーパーユーザーでも
                BYPASSRLS でもないこと、すべてのテナント表で行レベルセキュリティが有効かつ強制されていること、各テナントの
                ディレクトリ（LDAP）に接続でき、サービスアカウントでバインドできること、DXSKILLS_SMTP_URL のメールサーバーが
                応答し、その証明書が信頼でき、パスワードが通ること（送信はしません）、DXSKILLS_MAIL_FROM が設定されていること、
                各テナントの Webhook が署名付きの ping に応答すること。終了ステータスは、すべて正常なら 0、直すべき点があれば 78、
                データベースに接続できなければ 69 です。
                """),
        .criteriaAbstract: HelpEntry(
            en: "Evaluation criteria (評価基準) per fiscal year.",
            ja: "年度ごとの評価基準。"),
        .criteriaSetAbstract: HelpEntry(
            en:
                "Store a fiscal year's evaluation criteria from a JSON document (docs/reference.md §3.2); it replaces that year's.",
            ja: "JSON文書（docs/reference.md §3.2）から年度の評価基準を登録します。その年度の基準は置き換わります。"),
        .criteriaShowAbstract: HelpEntry(
            en: "Print a fiscal year's stored criteria as JSON.",
            ja: "登録済みの年度の評価基準を JSON で表示します。"),
        .fiscalYear: HelpEntry(
            en: "Fiscal year (年度), e.g. 2025.",
            ja: "年度（例: 2025）。"),
        .criteriaDiscloseAbstract: HelpEntry(
            en: "Disclose a fiscal year's evaluation results: from now on each rated staff member sees their own on マイページ.",
            ja: "年度の評価結果を開示します: 以後、評価された各職員はマイページで自分の結果を見られます。"),
        .criteriaDiscloseDiscussion: HelpEntry(
            en: "hr and admin. Audited; disclosing a year again changes nothing.",
            ja: "hr と admin が実行できます。監査ログに記録されます。同じ年度を再度開示しても変わりません。"),
        .rankingsAbstract: HelpEntry(
            en: "Evaluation totals, ranks and percentiles (docs/reference.md §4.8); CSV for Excel with -o.",
            ja: "評価の合計点・順位・パーセンタイル（docs/reference.md §4.8）。-o で Excel 用の CSV を出力します。"),
        .rankingsDiscussion: HelpEntry(
            en: """
                Every read is written to the audit log. CSV is UTF-8 with BOM by default (Excel in Japan opens it);
                --encoding sjis refuses names Shift_JIS cannot hold unless --replace-unmappable.
                """,
            ja: """
                閲覧はすべて監査ログに記録されます。CSV は既定で BOM 付き UTF-8 です（日本の Excel で開けます）。
                --encoding sjis では、Shift_JIS で表せない文字を含む氏名があると、--replace-unmappable がない限り出力しません。
                """),
        .rankingsGroup: HelpEntry(
            en: "none, grade, job_track, or a unit kind such as 局.",
            ja: "none、grade（職位）、job_track（職種）、または 局 などの所属の種類。"),
        .rankingsAsOf: HelpEntry(
            en: "The day (default: the fiscal year's last day, or today if earlier).",
            ja: "基準日（既定: 年度末日。今日の方が早ければ今日）。"),
        .rankingsEncoding: HelpEntry(
            en: "CSV encoding: utf8-bom, utf8 or sjis.",
            ja: "CSV の文字コード: utf8-bom、utf8 または sjis。"),
        .rankingsReplaceUnmappable: HelpEntry(
            en: "With sjis, write 〓 for characters Shift_JIS cannot hold.",
            ja: "sjis のとき、Shift_JIS で表せない文字を 〓 で出力します。"),
        .rankingsOutputFile: HelpEntry(
            en: "Write to this file instead of stdout.",
            ja: "標準出力の代わりにこのファイルに書き出します。"),
        .rankingsDateStyle: HelpEntry(
            en: "Dates in the Excel file: iso or wareki (和暦).",
            ja: "Excel ファイルの日付: iso または wareki（和暦）。"),
        .importAbstract: HelpEntry(
            en: "Import a CSV file: all rows or none; every problem is reported with its line.",
            ja: "CSV ファイルを取り込みます: 全行か、まったく取り込まないかのどちらかです。問題はすべて行番号付きで報告します。"),
        .importDiscussion: HelpEntry(
            en: """
                KIND: {kinds}.
                Encodings UTF-8 (with or without BOM) and Shift_JIS (CP932) are detected; headers in English or Japanese.
                Importing the same rows again changes nothing.
                """,
            ja: """
                KIND: {kinds}。
                文字コード UTF-8（BOM の有無を問わず）と Shift_JIS（CP932）は自動判定します。見出しは英語でも日本語でも構いません。
                同じ行を再度取り込んでも変わりません。
                """),
        .importKind: HelpEntry(
            en: "What the file holds.",
            ja: "ファイルの内容の種類。"),
        .importFile: HelpEntry(
            en: "The CSV file.",
            ja: "CSV ファイル。"),
        .importEncoding: HelpEntry(
            en: "utf8 or sjis (default: detect).",
            ja: "utf8 または sjis（既定: 自動判定）。"),
        .importDryRun: HelpEntry(
            en: "Validate and count only; write nothing.",
            ja: "検証と件数の集計のみを行い、何も書き込みません。"),
        .importIgnoreUnknownColumns: HelpEntry(
            en: "Skip columns the import does not know.",
            ja: "取込が知らない列を読み飛ばします。"),
        .importFiscalYear: HelpEntry(
            en: "Ratings: the fiscal year of rows without one (default: the latest year whose criteria rate the items).",
            ja: "評価: 年度のない行の年度（既定: 評価基準がその項目を評価する最新の年度）。"),
        .leadersAbstract: HelpEntry(
            en: "DX推進リーダー per section (課) on a day: present leaders, sections without one, and warnings.",
            ja: "基準日における課ごとのDX推進リーダー: 現在のリーダー、リーダーのいない課、警告。"),
        .loginAbstract: HelpEntry(
            en: "Sign in with a user name and password and save a personal token (90 days) for later commands.",
            ja: "ユーザー名とパスワードでサインインし、以後のコマンド用に個人トークン（90日）を保存します。"),
        .loginDiscussion: HelpEntry(
            en: """
                Asks for the tenant code (団体コード), the user name and the password; the password is typed without echo,
                or read as a line from standard input when that is not a terminal. It is checked by the service locally or
                through the municipality's directory, with the same lockout as the dashboard. The token is saved readable
                by you only (file mode 0600).
                `--token TOKEN` (or `--token -` to read it from standard input) saves a token an administrator issued instead.
                """,
            ja: """
                団体コード、ユーザー名、パスワードを尋ねます。パスワードは画面に表示されずに入力するか、標準入力が
                端末でなければその1行として読み込みます。パスワードはサービスがローカルで、または自治体のディレクトリで確認し、
                ダッシュボードと同じロックアウトが適用されます。トークンは本人だけが読めるように保存されます（ファイルモード 0600）。
                `--token TOKEN`（標準入力から読むには `--token -`）では、代わりに管理者が発行したトークンを保存します。
                """),
        .loginUrl: HelpEntry(
            en: "The service, e.g. http://127.0.0.1:8080.",
            ja: "サービスのアドレス（例: http://127.0.0.1:8080）。"),
        .loginTenant: HelpEntry(
            en: "Tenant code (団体コード; default: DXSKILLS_TENANT, else asked).",
            ja: "団体コード（既定: DXSKILLS_TENANT、なければ入力を求めます）。"),
        .loginUser: HelpEntry(
            en: "User name (default: asked).",
            ja: "ユーザー名（既定: 入力を求めます）。"),
        .loginExpiresInDays: HelpEntry(
            en: "Days until the personal token expires (1 to 90).",
            ja: "個人トークンの有効日数（1〜90）。"),
        .loginToken: HelpEntry(
            en: "Save this API token instead of signing in with a password; - reads it from standard input.",
            ja: "パスワードでサインインする代わりにこの API トークンを保存します。- なら標準入力から読み込みます。"),
        .meAbstract: HelpEntry(
            en: "Your own record (マイページ): assignments, Level with evidence, training, certifications, plans.",
            ja: "自分の記録（マイページ）: 配属、根拠付きのレベル、研修実績、資格、キャリアプラン。"),
        .meDiscussion: HelpEntry(
            en: "Evaluation results appear once hr has disclosed their fiscal year (criteria disclose).",
            ja: "評価結果は、hr がその年度を開示した後に表示されます（criteria disclose）。"),
        .meShowAbstract: HelpEntry(
            en: "Print マイページ (the default of `dxskills me`).",
            ja: "マイページを表示します（`dxskills me` の既定）。"),
        .meExportAbstract: HelpEntry(
            en: "Download everything dxskills holds about you (開示) as one zip.",
            ja: "dxskills が保有する自分の情報すべて（開示）を1つの zip でダウンロードします。"),
        .meExportDiscussion: HelpEntry(
            en: """
                The zip holds dxskills-me.json with every part, one CSV file (UTF-8 with BOM) per part and the \
                evidence files of your claims (docs/reference.md §7.4).
                """,
            ja: "zip には、すべての項目を含む dxskills-me.json、項目ごとの CSV ファイル（BOM 付き UTF-8）、自分の申請の証拠書類が入ります（docs/reference.md §7.4）。"),
        .meExportFile: HelpEntry(
            en: "The zip file to write.",
            ja: "書き出す zip ファイル。"),
        .notifyAbstract: HelpEntry(
            en: "Reminders and notices: run the rules, the outbox's state, your inbox.",
            ja: "リマインダーとお知らせ: 通知ルールの実行、送信待ちの状況、自分の受信箱。"),
        .notifyRunAbstract: HelpEntry(
            en: "Run the notification rules for a day (hr, admin); the service also runs them daily.",
            ja: "指定日の通知ルールを実行します（hr、admin）。サービスも毎日実行します。"),
        .notifyRunDiscussion: HelpEntry(
            en: """
                A repeated run of a day writes and sends nothing new. --dry-run --format json prints
                [{"recipient", "items": [{"rule", "employee_no", "subject", "day"}]}] sorted by recipient, rule,
                employee_no and subject, and writes nothing.
                """,
            ja: """
                同じ日を再度実行しても、新たに書き込み・送信するものはありません。--dry-run --format json では
                [{"recipient", "items": [{"rule", "employee_no", "subject", "day"}]}] を recipient、rule、
                employee_no、subject の順に並べて表示し、何も書き込みません。
                """),
        .notifyRunDryRun: HelpEntry(
            en: "Show the items without writing or sending anything.",
            ja: "何も書き込まず送信もせずに、項目を表示します。"),
        .notifyStatusAbstract: HelpEntry(
            en: "The outbox (hr, admin): the latest runs, digests by channel and state, failed deliveries.",
            ja: "送信待ちの状況（hr、admin）: 最近の実行、経路・状態ごとのまとめ通知、配信に失敗したもの。"),
        .notifyInboxAbstract: HelpEntry(
            en: "Your notification items, newest first.",
            ja: "自分あての通知項目を新しい順に表示します。"),
        .notifyInboxMarkRead: HelpEntry(
            en: "Mark them read after showing them.",
            ja: "表示した後に既読にします。"),
        .notifyOptionsCertDays: HelpEntry(
            en: "Days before a certification's last valid day to remind its holder and managers (default 90,30,7).",
            ja: "資格の有効期限の何日前に保有者と管理職に知らせるか（既定 90,30,7）。"),
        .notifyOptionsPlanDays: HelpEntry(
            en: "Days before a career-plan stage falls due to remind (default 90,30,7; the largest opens the window).",
            ja: "キャリアプランの段階の期限の何日前に知らせるか（既定 90,30,7。最大の日数で通知期間が始まります）。"),
        .notifyOptionsClaimDays: HelpEntry(
            en: "A claim waiting this many days for a decision is named, and again every as many days (default 3).",
            ja: "判断を待つ日数がこの日数に達した申請を通知し、以後も同じ日数ごとに通知します（既定 3）。"),
        .notifyOptionsRunAt: HelpEntry(
            en: "Time of the daily run, Asia/Tokyo (default 08:00).",
            ja: "毎日の実行時刻、日本時間（既定 08:00）。"),
        .notifyOptionsWebhookURL: HelpEntry(
            en: "URL the digests are posted to as JSON; empty removes it.",
            ja: "まとめ通知を JSON で送る URL。空にすると削除します。"),
        .notifyOptionsWebhookSecretFile: HelpEntry(
            en: "File holding the webhook's HMAC-SHA256 key (read by the service; never stored in the database).",
            ja: "Webhook の HMAC-SHA256 鍵を収めたファイル（サービスが読み込みます。データベースには保存しません）。"),
        .sheetOptionsFile: HelpEntry(
            en: "With --format xlsx: the Excel file to write.",
            ja: "--format xlsx のとき: 書き出す Excel ファイル。"),
        .sheetOptionsDateStyle: HelpEntry(
            en: "Dates in the Excel file: iso (2026-04-01) or wareki (令和8年4月1日).",
            ja: "Excel ファイルの日付: iso（2026-04-01）または wareki（令和8年4月1日）。"),
        .outputOptionsFormat: HelpEntry(
            en: "Output format: table, csv or json; xlsx -o FILE for the reports.",
            ja: "出力形式: table、csv または json。帳票は xlsx -o FILE も可。"),
        .outputOptionsLang: HelpEntry(
            en: "Language of headers and messages: ja or en (default from LANG).",
            ja: "見出しとメッセージの言語: ja または en（既定は LANG から）。"),
        .asOfOptionAsOf: HelpEntry(
            en: "The day to report on (default today, Asia/Tokyo).",
            ja: "基準日（既定: 今日、日本時間）。"),
        .databaseOptionsDatabaseURL: HelpEntry(
            en: "PostgreSQL URL of the schema owner (default $DATABASE_URL).",
            ja: "スキーマ所有者の PostgreSQL URL（既定: $DATABASE_URL）。"),
        .plansAbstract: HelpEntry(
            en: "Career plans (キャリアプラン) of information-track staff (docs/reference.md §4.9).",
            ja: "情報職の職員のキャリアプラン（docs/reference.md §4.9）。"),
        .plansListAbstract: HelpEntry(
            en: "Every plan in your scope with its status; information-track staff without a plan as no_plan.",
            ja: "担当範囲のすべてのキャリアプランと状況。プランのない情報職の職員は no_plan と表示します。"),
        .plansListStatus: HelpEntry(
            en: "Only plans of this status: behind, on_track, completed (or no_plan).",
            ja: "この状況のプランのみ: behind（遅れ）、on_track（順調）、completed（達成）、または no_plan。"),
        .plansListUnit: HelpEntry(
            en: "Only staff whose unit on the day is in this subtree (default: your scope).",
            ja: "基準日の所属がこの所属以下の職員のみ（既定: 自分の担当範囲）。"),
        .plansShowAbstract: HelpEntry(
            en: "One staff member's plan: each stage with its due date, status and the requirements still unmet.",
            ja: "1人の職員のキャリアプラン: 各段階の期限、状況、未達成の要件。"),
        .coverageAbstract: HelpEntry(
            en: "Coverage (docs/reference.md §4.4): per unit and skill, the staff at or above a level.",
            ja: "充足状況（docs/reference.md §4.4）: 所属・スキルごとの、レベル以上の職員。"),
        .coverageKind: HelpEntry(
            en: "Only units of this kind as rows (局, 部, 課 …).",
            ja: "行にするのはこの種類の所属のみ（局、部、課 …）。"),
        .coverageSkill: HelpEntry(
            en: "One skill (default: every skill).",
            ja: "1つのスキル（既定: すべてのスキル）。"),
        .coverageLevel: HelpEntry(
            en: "Level counted, at least (1–4).",
            ja: "数えるレベルの下限（1〜4）。"),
        .completionAbstract: HelpEntry(
            en: "Completion (docs/reference.md §4.4) of a course per unit.",
            ja: "所属ごとのコースの修了状況（docs/reference.md §4.4）。"),
        .completionCourse: HelpEntry(
            en: "Course code.",
            ja: "コースのコード。"),
        .completionKind: HelpEntry(
            en: "Only units of this kind.",
            ja: "この種類の所属のみ。"),
        .completionFiscalYear: HelpEntry(
            en: "Only records completed within this fiscal year (年度).",
            ja: "この年度内に修了した研修実績のみ。"),
        .certsAbstract: HelpEntry(
            en: "Certifications.",
            ja: "資格。"),
        .certsExpiringAbstract: HelpEntry(
            en: "Holdings of active staff that expire within some days (docs/reference.md §4.10).",
            ja: "在職職員の保有資格のうち、指定日数以内に有効期限が切れるもの（docs/reference.md §4.10）。"),
        .certsExpiringWithin: HelpEntry(
            en: "Days from the as-of date (0 to 3650).",
            ja: "基準日からの日数（0〜3650）。"),
        .rolesAbstract: HelpEntry(
            en: "Role grants (権限) valid on a day: who is admin, hr, manager or evaluator of which unit (hr and admin).",
            ja: "基準日に有効な権限: 誰がどの所属の admin、hr、manager、evaluator か（hr と admin）。"),
        .rolesDiscussion: HelpEntry(
            en: "Grants are imported with `dxskills import roles FILE`.",
            ja: "権限は `dxskills import roles FILE` で取り込みます。"),
        .rolesUnit: HelpEntry(
            en: "Only the manager and evaluator grants whose unit lies in this unit's subtree.",
            ja: "所属がこの所属以下にある manager と evaluator の権限のみ。"),
        .selfAssessmentAbstract: HelpEntry(
            en: "Your own rating (自己診断) of a DSS skill, 0 to 4.",
            ja: "DSS スキルの自己診断（0〜4）。"),
        .selfAssessmentSetAbstract: HelpEntry(
            en: "Rate yourself in a DSS skill on a day (again on the same day replaces it).",
            ja: "基準日の DSS スキルを自己診断します（同じ日にもう一度行うと置き換わります）。"),
        .skillCode: HelpEntry(
            en: "Skill code, e.g. L-DATA.",
            ja: "スキルのコード（例: L-DATA）。"),
        .selfAssessmentSetLevel: HelpEntry(
            en: "Level 0 to 4.",
            ja: "レベル 0〜4。"),
        .selfAssessmentSetOn: HelpEntry(
            en: "The day (default today, Asia/Tokyo).",
            ja: "日付（既定: 今日、日本時間）。"),
        .selfAssessmentEndorseAbstract: HelpEntry(
            en: "As a manager in scope, endorse a staff member's latest self-assessment: an assessment with you as assessor.",
            ja: "担当範囲の管理職として、職員の最新の自己診断を承認します: あなたを評価者とする評価になります。"),
        .serveAbstract: HelpEntry(
            en: "Run the HTTP service (stops gracefully on SIGINT or SIGTERM).",
            ja: "HTTP サービスを起動します（SIGINT または SIGTERM で正常に停止します）。"),
        .serveDiscussion: HelpEntry(
            en: """
                The service connects as dxskills_app, a role that owns no table and cannot bypass row-level
                security: $DXSKILLS_APP_DATABASE_URL, or DATABASE_URL with that user (password from
                $DXSKILLS_APP_PASSWORD). Logs go to standard error as text, or with LOG_FORMAT=json as one JSON
                object per line; LOG_LEVEL sets the level (default info). /metrics is closed unless
                DXSKILLS_METRICS_ADDRESS=host:port gives it a listener of its own (then the main one has none),
                or DXSKILLS_METRICS_TOKEN (16 or more characters) lets a scraper that sends it as a bearer token
                read it on the main listener. Behind PgBouncer in transaction mode, set
                DXSKILLS_PREPARED_STATEMENTS=off (default on).
                """,
            ja: """
                サービスは dxskills_app として接続します。このロールは表を所有せず、行レベルセキュリティを回避できません:
                $DXSKILLS_APP_DATABASE_URL、または DATABASE_URL をこのユーザーにしたもの（パスワードは $DXSKILLS_APP_PASSWORD）。
                ログは標準エラーにテキストで、LOG_FORMAT=json なら1行1つの JSON オブジェクトで出力します。LOG_LEVEL でレベルを
                設定します（既定 info）。/metrics は閉じています。DXSKILLS_METRICS_ADDRESS=host:port で専用の待受を設ける
                （このときメインの待受には置きません）か、DXSKILLS_METRICS_TOKEN（16文字以上）をベアラートークンとして送る
                収集側にメインの待受で読ませます。トランザクションモードの PgBouncer の背後では
                DXSKILLS_PREPARED_STATEMENTS=off にしてください（既定 on）。
                """),
        .serveHost: HelpEntry(
            en: "Address to listen on (default: DXSKILLS_HOST, else 127.0.0.1).",
            ja: "待ち受けるアドレス（既定: DXSKILLS_HOST、なければ 127.0.0.1）。"),
        .servePort: HelpEntry(
            en: "Port to listen on (default: DXSKILLS_PORT, else 8080).",
            ja: "待ち受けるポート（既定: DXSKILLS_PORT、なければ 8080）。"),
        .servePublicURL: HelpEntry(
            en:
                "The address users reach the service at, e.g. https://dxskills.city.lg.jp (the OpenID callback is under it; default: DXSKILLS_PUBLIC_URL, else the address of each request).",
            ja:
                "利用者がサービスにアクセスするアドレス（例: https://dxskills.city.lg.jp。OpenID のコールバックはこの下です。既定: DXSKILLS_PUBLIC_URL、なければ各リクエストのアドレス）。"
        ),
        .signInOptionsMethods: HelpEntry(
            en: "Comma-separated sign-in methods: local, ldap, oidc.",
            ja: "サインイン方法（カンマ区切り）: local、ldap、oidc。"),
        .signInOptionsLdapURL: HelpEntry(
            en: "ldaps://host[:port], or ldap://host[:port] (always with StartTLS).",
            ja: "ldaps://host[:port]、または ldap://host[:port]（常に StartTLS を使います）。"),
        .signInOptionsLdapCAFile: HelpEntry(
            en: "PEM file of the CA that signed the directory's certificate.",
            ja: "ディレクトリの証明書に署名した CA の PEM ファイル。"),
        .signInOptionsLdapBaseDN: HelpEntry(
            en: "Where to search for accounts, e.g. DC=city,DC=lg,DC=jp.",
            ja: "アカウントを検索する場所（例: DC=city,DC=lg,DC=jp）。"),
        .signInOptionsLdapBindDN: HelpEntry(
            en: "The service account that searches.",
            ja: "検索に使うサービスアカウント。"),
        .signInOptionsLdapBindPasswordFile: HelpEntry(
            en: "File holding the service account's password (read by the service; never stored in the database).",
            ja: "サービスアカウントのパスワードを収めたファイル（サービスが読み込みます。データベースには保存しません）。"),
        .signInOptionsLdapUserFilter: HelpEntry(
            en: "Search filter with {user}, e.g. (sAMAccountName={user}).",
            ja: "{user} を含む検索フィルター（例: (sAMAccountName={user})）。"),
        .signInOptionsLdapEmployeeAttribute: HelpEntry(
            en: "Attribute with the employee number (employeeNumber, employeeID).",
            ja: "職員番号を持つ属性（employeeNumber、employeeID）。"),
        .signInOptionsLdapMailAttribute: HelpEntry(
            en: "Attribute with the mail address (default mail).",
            ja: "メールアドレスを持つ属性（既定 mail）。"),
        .signInOptionsOidcIssuer: HelpEntry(
            en: "The OpenID provider, e.g. https://login.microsoftonline.com/TENANT-ID/v2.0.",
            ja: "OpenID プロバイダー（例: https://login.microsoftonline.com/TENANT-ID/v2.0）。"),
        .signInOptionsOidcClientID: HelpEntry(
            en: "The client (application) id registered at the provider.",
            ja: "プロバイダーに登録したクライアント（アプリケーション）ID。"),
        .signInOptionsOidcClientSecretFile: HelpEntry(
            en: "File holding the client secret (read by the service; never stored in the database).",
            ja: "クライアントシークレットを収めたファイル（サービスが読み込みます。データベースには保存しません）。"),
        .signInOptionsOidcEmployeeClaim: HelpEntry(
            en: "ID token claim with the employee number (default employee_no).",
            ja: "職員番号を持つ ID トークンのクレーム（既定 employee_no）。"),
        .signInOptionsSessionIdleMinutes: HelpEntry(
            en: "Dashboard sessions end after this much inactivity (default 30).",
            ja: "ダッシュボードのセッションは、この分数操作がないと終了します（既定 30）。"),
        .signInOptionsSessionAbsoluteMinutes: HelpEntry(
            en: "…and after this long in any case (default 720).",
            ja: "…また、いずれにせよこの分数で終了します（既定 720）。"),
        .targetsAbstract: HelpEntry(
            en: "Fiscal-year targets (目標).",
            ja: "年度の目標。"),
        .targetsSetAbstract: HelpEntry(
            en: "Store a fiscal year's targets from a JSON document (docs/reference.md §3.2); it replaces that year's document.",
            ja: "JSON文書（docs/reference.md §3.2）から年度の目標を登録します。その年度の文書は置き換わります。"),
        .targetsReportAbstract: HelpEntry(
            en: "Each target per unit: actual, goal, met; and how many are met (docs/reference.md §4.6).",
            ja: "所属ごとの各目標: 実績、目標値、達成の有無、および達成した数（docs/reference.md §4.6）。"),
        .transfersAbstract: HelpEntry(
            en: "Planned transfers (異動内示): preview their impact, then carry them out.",
            ja: "異動内示: 影響を確認してから実施します。"),
        .transfersImpactAbstract: HelpEntry(
            en: "Which targets change status and which leaders leave their unit on the effective day; writes nothing.",
            ja: "発令日にどの目標の達成状況が変わり、どのリーダーが所属を離れるかを示します。何も書き込みません。"),
        .transfersImpactFile: HelpEntry(
            en: "Transfers CSV: employee_no, unit_code (RETIRE/退職 to retire), effective_on.",
            ja: "異動の CSV: employee_no、unit_code（退職は RETIRE/退職）、effective_on。"),
        .transfersImpactFiscalYear: HelpEntry(
            en: "Targets of this fiscal year (default: the one of the effective day).",
            ja: "この年度の目標（既定: 発令日の年度）。"),
        .transfersApplyAbstract: HelpEntry(
            en: "Carry the transfers of a file out (audited).",
            ja: "ファイルの異動を実施します（監査ログに記録）。"),
        .transfersApplyFile: HelpEntry(
            en: "The same transfers CSV as for impact.",
            ja: "impact と同じ異動の CSV。"),
    ]
}

extension String {
    /// A help text of the catalog (`abstract: .catalog(.serveAbstract)`), with each `{name}` replaced.
    static func catalog(_ key: HelpKey, _ values: [String: String] = [:]) -> String {
        values.reduce(HelpCatalog.text(key)) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }
}

extension ArgumentHelp {
    /// The help of an option, flag or argument from the catalog (`help: .catalog(.tenantCode)`).
    static func catalog(_ key: HelpKey) -> ArgumentHelp { ArgumentHelp(.catalog(key)) }
}
