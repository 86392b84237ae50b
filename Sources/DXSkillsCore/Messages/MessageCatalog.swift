/// Every message a user can see has a key here and a text in each language (reference §10.3). The
/// texts name their values `{like_this}`; both languages name the same ones (a test checks it).
public enum MessageKey: String, Sendable, CaseIterable, Codable {
    // Reading a file: encodings, CSV syntax, the header, cells.
    case fileNUL, fileInnerBOM, fileNotUTF8, fileNotUTF8Lines, fileNotSJISButUTF8, fileNotSJIS
    case adviceSaveAsUTF8, adviceBOMButNotUTF8
    case csvUnclosedQuote, csvTextAfterQuote, csvNoRows, csvEmptyFileColumn, csvUnknownColumn, csvColumnTwice
    case csvRequiredColumn, csvFieldCount, cellTooLong, cellControlCharacter
    case codeFormulaPrefix, codeRule, codeRuleCharacter
    case valueRequired, notADate, notAFlag, unknownValue, wholeNumberRange, hoursFormat, ownEvidence
    case skillLevelsFormat, unknownSkill, skillTwice, givenAgain
    // What rows refer to.
    case unknownEmployee, unknownUnit, unknownCourse, unknownCertification, unknownUser, unknownTemplate
    case beforeColumn, afterColumn, endsBeforeColumn, openEnd, noParent, noUnit
    // Ratings.
    case unknownStage, unknownRating, notAFiscalYear, selfRating, ownRatingsOnly, ratingItemWithoutYear
    case noCriteriaForYear, notRatingItem, noRatingItems, stageOwned, stageSameEvaluator
    // Career plans.
    case planNotInformationTrack, unknownTemplateHint
    // Units.
    case ownParent, parentNeverChanges, parentLoop
    // Designations.
    case unitNotValidOverTerm, notInServiceOnDay, designationOutsideUnit
    // Assessments.
    case selfAssessment, assessmentBeforeYear, assessmentAfterToday, ownAssessmentsOnly, assessorRequired
    case assessorUnknown, assessorNotInService, retiredOn
    // Training.
    case beforeHireDate
    // Roles.
    case grantWho, grantBoth, grantNeedsUnit, grantHasNoUnit, grantAdminOnly, grantStaffUnlinked, unitNotValidOnFrom
    case retiredBeforeGrant, userNotLinked, employeeHasNoUser, ownGrant, ownGrantUser, ownGrantEmployee
    case grantOverlapsLine, grantAdminChange, grantAdminEnd, grantOverlapsStored, grantDescription
    case roleAdmin, roleHR, roleManager, roleEvaluator, roleStaff
    // Staff.
    case notMailAddress, unknownGrade, unitNotValidOnDay, beforeCurrentAssignment
    // Transfers.
    case listedTwice, unitNotValidOn, unknownUnitOrRetire, transfersOneDay
    // How a problem is reported as a whole.
    case problemsNothingWritten, problemsFirstListed, problemsAndMore
    // Documents (criteria, targets, career templates, claims), accounts, settings and the errors of requests.
    case fieldProblem, docFieldRequired, docNotAFiscalYear, docItemsRequired, docStagesRequired
    case docCodeUsedEarlier, docPositiveNumber, docUnknownType, docCapRequired, docCapNotTaken, docSkillsRequired
    case docUnknownSkill, docUnknownCourse, docUnknownCertification, docListedTwice, docSkillsOnlyAverage
    case docLevelRange, docRatioRange, docWholeNumberRequired, docTemplateCodeRequired, docTemplateNameRequired
    case docYearsRange, docPlacement, docMissing, docRequirementOneOf, docNotSkillLevel, docLevelOnlySkill
    case objCriteria, objTargets, errorUnavailable, errorMigration, forbidClaimNoStaff, claimActionResubmit
    case claimActionWithdraw, claimActionApprove, claimActionReturnApprover, claimActionReturnHR
    case claimActionConfirm, claimKindStays, claimExternalTitle, claimHoursRange, dayInFuture, dayBeforeHire
    case claimStateRefuses, stateSubmitted, stateApproved, stateConfirmed, stateReturned, stateWithdrawn
    case forbidClaimApprove, claimReasonRequired, forbidClaimReturn, forbidClaimConfirm, forbidOwnClaim
    case claimAwaitsApprover, objTrainingRecord, objCertHolding, claimFromClaim, claimImported, claimCollides
    case objClaimEvidence, objClaim, forbidClaimOwnOnly, evidenceRequired, evidenceTooMany, evidenceNotBase64
    case evidenceEmpty, evidenceTooLarge, evidenceType, objUnlinkedUser, selfLevelRange, dayInFutureToday
    case forbidOwnEndorse, objSelfAssessment, selfAssessmentZero, assessmentExists, objDSSSkill, objDisclosure
    case exportNotWritten, adminTenantCode, adminTenantName, adminGrades, objTenant, adminUserNeedsUnit
    case adminUserNeedsEmployee, adminMailAddress, objUnit, objStaff, adminSignInMethods, objUser
    case passwordTooShort, passwordIsName, passwordCurrentWrong, passwordSame, passwordOneTime, tokenDaysRange
    case objToken, settingSignInMethods, settingLDAPURLRequired, settingLDAPBaseRequired, settingLDAPURLScheme
    case settingLDAPFilter, settingOIDCIssuerRequired, settingOIDCClientRequired, settingOIDCIssuerScheme
    case settingFileUnreadable, settingIdleMinutes, settingAbsoluteMinutes, urlShape, urlUnknownParameter
    case urlParameterTwice, urlParameterEmpty, urlSSLMode, urlNeedsTLS, urlCertAndKey, urlSystemRoot, urlKeyNotPEM
    case urlTLSMismatch, urlFileUnreadable, urlFileMissing, urlNotCertificate, forbidRole, actApplyTransfers
    case actPreviewTransfers, actChangeTransfers, actReadRankings, actListGrants, actReadTargets, actReadOutbox
    case actEndorse, actDisclose, actSetTemplates, actSetCriteria, actReadCriteria, actRunNotifications
    case actSetTargets, actSignIn, actSubmitClaim, actEditClaim, actReturnClaim, actImport, actSendBody
    case forbidAssessorUnlinked, forbidStaffOwnRecord, objSkill, objCourse, objCareerPlan, objUnitKind
    case transfersNoRows, previewUnfinished, settingOnOff, sjisRow, sjisCannotHold, signInNoEmployeeLDAP
    case signInNoEmployeeOIDC, signInNotInService
    case sheetNotWritable, sheetWriteFailed, sheetUnreadable
    case forbidClaimEditNoStaff, forbidClaimEdit, fieldDate, fieldNumber, actImportTrainingRoles, actWithdrawClaims,
        actApproveClaims, actConfirmClaims, actReturnClaims, objSSO
    case cliCannotRead, cliNotTemplate, cliNotCriteria, cliNotTargets, cliCannotWriteBecause, cliCannotWrite, cliNotADate,
        cliTenantSetNothing, cliEmploymentType, cliRoleNeedsUnit, cliRoleOrEmployee, cliNoPasswordStdin, cliStatus,
        cliSignInMethods, cliUserSetNothing, cliRange, cliTenantCode, cliNoDatabaseURL, cliUnreadableItem, cliMigrationChanged,
        cliNotMigrations, cliDatabaseUnavailable, cliDoctorProblems, cliDaysList, cliNoToken, cliNoAnswer, cliMeFormat,
        cliImportNoResult, cliClaimFields, cliUnknownMethod, cliNoExcel, cliXlsxNeedsFile, cliNotLoggedIn, cliURLFormat
    case cliWarning, cliWrote, cliWroteBytes, cliSavedTo, cliPersonalToken, cliSignInSetting, cliNotifySetting,
        cliOneTimePassword, cliTokenIssued, cliNotifyDryRun, cliNotifyRun, cliNotifyLastRun, cliDigestFailure, cliMarkedRead,
        cliDemoUser, cliDemoUserOfUnit
    // An import's progress (the CLI's line on stderr).
    case progressStarting, progressChecking, progressWriting
    // The errors of a request as a whole.
    case errorNotFound, errorUnauthorized, errorForbidden
    // Parameters and bodies of requests, and settings.
    case bodyMustBeJSON, bodyMustBeCSV, parameterNumber, parameterRange, parameterYear, parameterDate, parameterRequired
    case unknownImportKind, tooManyIDs, notAnItemNumber, skillAndLevelRequired, tenantCodeFormat, uploadKind
    case metricsSameAddress, metricsAddressFormat, metricsTokenFormat
    case settingDaysCount, settingDaysRange, settingTime, settingWebhookURL, settingWebhookSecret, problemList
    // Export progress.
    case exportRowsReceived, exportRowsWritten, exportRowsSoFar, exportBytes, exportBytesSoFar, exportTimeLeft, exportTooLarge
    /// A text read back from a document another face wrote, already in its reader's language.
    case receivedText
}

public enum MessageCatalog {
    /// The text of `key` in `language`.
    public static func template(_ key: MessageKey, _ language: Language) -> String {
        guard let entry = texts[key] else { return key.rawValue }
        return language == .ja ? entry.ja : entry.en
    }

    /// English first, then Japanese.
    public static let texts: [MessageKey: (en: String, ja: String)] = [
        .fileNUL: ("the file contains a NUL byte", "ファイルに NUL バイトが含まれています"),
        .fileInnerBOM: ("a byte order mark (BOM) inside the file", "ファイルの途中にバイト順マーク(BOM)があります"),
        .fileNotUTF8: (
            "not valid UTF-8 at byte {position} of the line ({byte}){advice}",
            "この行の {position} バイト目({byte})が UTF-8 として正しくありません{advice}"
        ),
        .adviceSaveAsUTF8: (
            "; save the file as UTF-8, or read it as Shift_JIS", "。UTF-8 で保存し直すか、Shift_JIS として読み込んでください"
        ),
        .adviceBOMButNotUTF8: (
            ", though the file begins with a UTF-8 BOM: save it again as UTF-8",
            "(ファイルは UTF-8 の BOM で始まっています)。UTF-8 で保存し直してください"
        ),
        .fileNotUTF8Lines: (
            "not valid UTF-8, though the lines before it are: a damaged file, or lines in another encoding",
            "UTF-8 として正しくありません(前の行は正しい UTF-8 です)。ファイルが壊れているか、別の文字コードの行が混じっています"
        ),
        .fileNotSJISButUTF8: (
            "not valid Shift_JIS (CP932), the encoding given, but the file is valid UTF-8: leave the encoding out (or give utf8)",
            "指定された文字コード Shift_JIS(CP932)として正しくありませんが、UTF-8 としては正しいファイルです。文字コードの指定を外してください(または utf8 を指定)"
        ),
        .fileNotSJIS: (
            "not valid Shift_JIS (CP932) or UTF-8: check the file's encoding",
            "Shift_JIS(CP932)としても UTF-8 としても正しくありません。ファイルの文字コードを確かめてください"
        ),
        .csvUnclosedQuote: ("a quoted field is never closed", "引用符(\")で始まった項目が閉じられていません"),
        .csvTextAfterQuote: ("text after a closing quote", "閉じ引用符の後に文字があります"),
        .csvNoRows: ("no rows after the header: nothing to import", "見出し行の後にデータ行がありません。取り込む行がありません"),
        .csvEmptyFileColumn: ("required column missing (the file is empty)", "必須の列がありません(ファイルが空です)"),
        .csvUnknownColumn: (
            "unknown column: use {columns} or their Japanese names", "不明な列です。{columns} またはその日本語名を使ってください"
        ),
        .csvColumnTwice: ("column given twice (also as {first})", "同じ列が二度あります({first} としても指定されています)"),
        .csvRequiredColumn: ("required column missing ({names})", "必須の列がありません({names})"),
        .csvFieldCount: (
            "row has {fields} fields, header has {width}", "この行の項目数は {fields} ですが、見出し行の項目数は {width} です"
        ),
        .cellTooLong: ("longer than {maximum} characters", "{maximum} 文字を超えています"),
        .cellControlCharacter: ("contains a control character", "制御文字が含まれています"),
        .codeFormulaPrefix: (
            "a code may not begin with {first} (it would run as a spreadsheet formula)",
            "コードは {first} で始められません(表計算ソフトで数式として実行されるため)"
        ),
        .codeRule: (
            "a code may contain only letters A–Z a–z, digits 0–9, _ and -",
            "コードに使えるのは半角英字 A–Z a–z、数字 0–9、_ と - だけです"
        ),
        .codeRuleCharacter: (
            "a code may contain only letters A–Z a–z, digits 0–9, _ and -; {character} is not one",
            "コードに使えるのは半角英字 A–Z a–z、数字 0–9、_ と - だけです。{character} は使えない文字です"
        ),
        .valueRequired: ("a value is required", "値を入れてください(必須)"),
        .notADate: (
            "not a date: write 2025-04-01, 2025/4/1, R7.4.1 or 令和7年4月1日",
            "日付として読めません。2025-04-01、2025/4/1、R7.4.1、令和7年4月1日 のように書いてください"
        ),
        .notAFlag: (
            "not a yes/no value: write true or false (or 1/0, ○/×)",
            "はい・いいえの値として読めません。true か false(または 1/0、○/×)と書いてください"
        ),
        .unknownValue: ("unknown value: use one of {accepted}", "使えない値です。次のいずれかを使ってください: {accepted}"),
        .wholeNumberRange: ("must be a whole number from {min} to {max}", "{min} から {max} までの整数で書いてください"),
        .hoursFormat: (
            "must be a number of hours ≥ 0 with at most 2 decimals", "0 以上で小数点以下 2 桁までの時間数で書いてください"
        ),
        .ownEvidence: (
            "nobody may record evidence about themselves: {own} is your own employee number; another user must import this row",
            "自分自身の実績は記録できません。{own} はあなたの職員番号です。この行は別の利用者が取り込んでください"
        ),
        .skillLevelsFormat: (
            "write SKILL:LEVEL with a level from 1 to 4, several separated by ;",
            "スキル:レベル(レベルは 1〜4)の形で書き、複数あるときは ; で区切ってください"
        ),
        .unknownSkill: ("unknown skill", "登録されていないスキルです"),
        .skillTwice: ("skill given twice", "同じスキルが二度あります"),
        .givenAgain: (
            "given again with different values (first at line {first})", "別の値でもう一度書かれています(最初は {first} 行目)"
        ),
        .unknownEmployee: ("unknown employee", "登録されていない職員番号です"),
        .unknownUnit: ("unknown unit", "登録されていない所属コードです"),
        .unknownCourse: ("unknown course", "登録されていない研修コードです"),
        .unknownCertification: ("unknown certification", "登録されていない資格コードです"),
        .unknownUser: ("unknown user", "登録されていない利用者です"),
        .unknownTemplate: ("unknown career path template", "登録されていないキャリアパスのテンプレートです"),
        .beforeColumn: ("is before {column} {day}", "{column}({day})より前です"),
        .afterColumn: ("is after {column} {day}", "{column}({day})より後です"),
        .endsBeforeColumn: ("ends before {column} {day}", "{column}({day})より前に終わっています"),
        .openEnd: ("(open)", "(終了日なし)"),
        .noParent: ("(none)", "(なし)"),
        .noUnit: ("no unit", "所属なし"),
        .unknownStage: ("unknown stage: write 1 (一次) or 2 (二次)", "評価段階として読めません。1(一次)か 2(二次)と書いてください"),
        .unknownRating: ("unknown rating: write S, A, B, C or D", "評価として読めません。S、A、B、C、D のいずれかを書いてください"),
        .notAFiscalYear: ("not a fiscal year: write 2025 or 2025年度", "年度として読めません。2025 か 2025年度 と書いてください"),
        .selfRating: (
            "nobody rates themselves: the evaluator is the rated employee", "自分自身は評価できません。評価者と被評価者が同じです"
        ),
        .ownRatingsOnly: (
            "you enter your own ratings: the evaluator must be {own}", "入力できるのは自分が付けた評価だけです。評価者は {own} にしてください"
        ),
        .ratingItemWithoutYear: (
            "no fiscal year's evaluation criteria have rating item {item} together with the file's other items: set the criteria first, or name the fiscal year of the file",
            "評価項目 {item} をファイルの他の項目とともに含む年度の評価基準がありません。先に評価基準を設定するか、ファイルの年度を指定してください"
        ),
        .noCriteriaForYear: (
            "no evaluation criteria for fiscal year {year}: set them first (criteria set)",
            "{year} 年度の評価基準がありません。先に設定してください(criteria set)"
        ),
        .notRatingItem: (
            "not a rating item of the fiscal year {year} criteria (rating items: {items})",
            "{year} 年度の評価基準の評価項目ではありません(評価項目: {items})"
        ),
        .noRatingItems: ("none", "なし"),
        .stageOwned: (
            "stage {stage} of {employee} {item} is {previous}'s rating: only {previous} or HR may change it",
            "{employee} の {item} の第 {stage} 段階は {previous} が付けた評価です。変更できるのは {previous} か人事だけです"
        ),
        .stageSameEvaluator: (
            "stage 2 must come from a different evaluator than stage 1 ({first} rated {employee} {item} in both)",
            "二次評価は一次評価と別の評価者が付けてください({first} が {employee} の {item} を両方で評価しています)"
        ),
        .planNotInformationTrack: (
            "job track is {track}: only information-track staff (information/情報職) may have a career plan",
            "職種が {track} です。キャリアプランを持てるのは情報職(information/情報職)だけです"
        ),
        .unknownTemplateHint: (
            "unknown career path template (store it with `career-template set` first)",
            "登録されていないキャリアパスのテンプレートです(先に `career-template set` で登録してください)"
        ),
        .ownParent: ("a unit cannot be its own parent", "所属を自分自身の親にはできません"),
        .parentNeverChanges: (
            "unit {unit} already has parent {parent}; a unit's parent never changes — end it and start a new code",
            "所属 {unit} の親はすでに {parent} です。所属の親は変えられません。この所属を終了し、新しいコードで始めてください"
        ),
        .parentLoop: ("the parent chain loops back to this unit", "親をたどるとこの所属に戻ってしまいます(循環しています)"),
        .unitNotValidOverTerm: (
            "unit {unit} is valid {from} to {to}, not over the whole term",
            "所属 {unit} の有効期間は {from}〜{to} で、任期の全体を含みません"
        ),
        .notInServiceOnDay: ("the staff is not in service on this day", "この日、この職員は在職していません"),
        .designationOutsideUnit: (
            "the staff is assigned to {unit} on {day}, outside this unit; give override_reason to designate anyway",
            "この職員は {day} に {unit} に所属しており、この所属の外です。それでも指定するときは override_reason を書いてください"
        ),
        .selfAssessment: (
            "nobody assesses themselves: the assessor is the assessed employee", "自分自身は判定できません。判定者と対象者が同じです"
        ),
        .assessmentBeforeYear: (
            "is before {start}, the start of fiscal year {year}: you may date assessments from then to today ({today}); HR records earlier ones",
            "{year} 年度の初日 {start} より前です。判定日はその日から今日({today})までにしてください。それより前の判定は人事が記録します"
        ),
        .assessmentAfterToday: (
            "is after today ({today}): record an assessment once it is made", "今日({today})より後です。判定は行ってから記録してください"
        ),
        .ownAssessmentsOnly: (
            "you can only record your own assessments; leave assessor empty", "記録できるのは自分の判定だけです。assessor は空にしてください"
        ),
        .assessorRequired: (
            "a value is required: give the employee number of the staff member who assessed",
            "値を入れてください(必須)。判定した職員の職員番号を書いてください"
        ),
        .assessorUnknown: (
            "unknown employee: the assessor is a staff member's employee number",
            "登録されていない職員番号です。判定者には職員の職員番号を書いてください"
        ),
        .assessorNotInService: (
            "the assessor is not in service on {day} (hired {hired}{retired})",
            "判定者は {day} に在職していません(採用 {hired}{retired})"
        ),
        .retiredOn: (", retired {day}", "、退職 {day}"),
        .beforeHireDate: ("is before {employee}'s hire date {hired} (採用日)", "{employee} の採用日 {hired} より前です"),
        .grantWho: (
            "a value is required: the employee_no of a staff member, or the user of an account without one",
            "値を入れてください(必須)。職員の employee_no か、職員番号のない利用者の user を書いてください"
        ),
        .grantBoth: (
            "give employee_no or user, not both (employee_no {employee} names the user {employee})",
            "employee_no と user のどちらか一方だけを書いてください(employee_no {employee} は利用者 {employee} を指します)"
        ),
        .grantNeedsUnit: (
            "{role} grant needs a unit: its scope is that unit and its descendants",
            "{role}の権限には所属が必要です。範囲はその所属と配下の所属です"
        ),
        .grantHasNoUnit: (
            "{role} grant has no unit: leave unit_code empty (only manager and evaluator grants have one)",
            "{role}の権限に所属はありません。unit_code は空にしてください(所属を持つのは所属長と評価者の権限だけです)"
        ),
        .grantAdminOnly: (
            "only an admin may grant the role admin; ask an admin to import this row",
            "admin(管理者)の権限を与えられるのは管理者だけです。この行は管理者に取り込んでもらってください"
        ),
        .grantStaffUnlinked: (
            "a staff grant gives the rights of a staff member, and the user {user} is linked to none",
            "staff の権限は職員としての権限ですが、利用者 {user} はどの職員にも結び付いていません"
        ),
        .unitNotValidOnFrom: (
            "unit {unit} is valid from {from} to {to}, not on valid_from {day}",
            "所属 {unit} の有効期間は {from}〜{to} で、valid_from の {day} を含みません"
        ),
        .retiredBeforeGrant: ("{employee} retired on {day}, before this grant begins", "{employee} はこの権限の開始前の {day} に退職しています"),
        .userNotLinked: (
            "the user {user} is not linked to employee {user}: name the account in the user column",
            "利用者 {user} は職員 {user} に結び付いていません。user 列に利用者名を書いてください"
        ),
        .employeeHasNoUser: (
            "has no user: staff members get one while in service (today or later)",
            "利用者がありません。利用者は在職中(今日以降)の職員に作られます"
        ),
        .ownGrant: (
            "nobody may change their own grant: {whose}; another hr or admin user must import this row",
            "自分自身の権限は変えられません({whose})。この行は別の人事または管理者の利用者が取り込んでください"
        ),
        .ownGrantUser: ("this is your own user", "これはあなた自身の利用者です"),
        .ownGrantEmployee: (
            "this user is linked to your own employee number", "この利用者はあなたの職員番号に結び付いています"
        ),
        .grantOverlapsLine: (
            "overlaps line {line} ({user} {grant}): a user holds one grant on any day",
            "{line} 行目({user} {grant})と期間が重なっています。一人の利用者が同じ日に持てる権限は一つです"
        ),
        .grantAdminChange: (
            "would change the admin grant of {user} from {day}: only an admin may change it",
            "{user} の {day} からの admin 権限を変えることになります。変えられるのは管理者だけです"
        ),
        .grantAdminEnd: (
            "would end the admin grant of {user} ({grant}): only an admin may change it",
            "{user} の admin 権限({grant})を終了させることになります。変えられるのは管理者だけです"
        ),
        .grantOverlapsStored: (
            "overlaps the stored grant {user} {grant}, which begins later and is not in the file: end this grant by {day} or add that grant to the file",
            "登録済みの権限 {user} {grant} と重なっています。その権限は後から始まり、ファイルにありません。この権限を {day} までに終えるか、その権限もファイルに書いてください"
        ),
        .grantDescription: ("{role}{unit} from {from} to {to}", "{role}{unit} {from}〜{to}"),
        .roleAdmin: ("an admin", "admin(管理者)"),
        .roleHR: ("an hr", "hr(人事)"),
        .roleManager: ("a manager", "manager(所属長)"),
        .roleEvaluator: ("an evaluator", "evaluator(評価者)"),
        .roleStaff: ("a staff", "staff(職員)"),
        .notMailAddress: ("is not a mail address like name@city.lg.jp", "メールアドレス(name@city.lg.jp のような形)ではありません"),
        .unknownGrade: ("unknown grade: use one of {grades}", "登録されていない職級です。次のいずれかを使ってください: {grades}"),
        .unitNotValidOnDay: (
            "unit {unit} is valid from {from} to {to}, not on this day", "所属 {unit} の有効期間は {from}〜{to} で、この日を含みません"
        ),
        .beforeCurrentAssignment: (
            "is before the current assignment ({unit} from {day}); a snapshot cannot rewrite history",
            "今の配属({day} から {unit})より前です。現況ファイルで過去の履歴は書き換えられません"
        ),
        .listedTwice: ("listed twice", "二度書かれています"),
        .unitNotValidOn: ("the unit is not valid on {day}", "この所属は {day} に有効ではありません"),
        .unknownUnitOrRetire: ("unknown unit (or RETIRE/退職)", "登録されていない所属コードです(退職なら RETIRE/退職)"),
        .transfersOneDay: (
            "all transfers of a file take effect on one day ({day})", "一つのファイルの異動はすべて同じ日({day})に発令してください"
        ),
        .problemsNothingWritten: (
            "{count} problem(s) in the input; nothing was written", "入力に {count} 件の問題があります。何も書き込んでいません"
        ),
        .problemsFirstListed: (
            "{count} problem(s) in the input, the first {listed} listed; nothing was written",
            "入力に {count} 件の問題があります(最初の {listed} 件を表示)。何も書き込んでいません"
        ),
        .problemsAndMore: ("… and {count} more", "…ほか {count} 件"),
        .receivedText: ("{text}", "{text}"),
        .bodyMustBeJSON: ("the body must be JSON", "本文(ボディ)は JSON で送ってください"),
        .bodyMustBeCSV: ("the body must be text/csv", "本文(ボディ)は text/csv で送ってください"),
        .parameterNumber: ("{name} must be a number, got {value}", "{name} は数値で指定してください({value} が指定されました)"),
        .parameterRange: (
            "{name} must be {min} to {max}, got {value}", "{name} は {min}〜{max} で指定してください({value} が指定されました)"
        ),
        .parameterYear: (
            "{name} must be a year such as 2025, got {value}", "{name} は 2025 のような年で指定してください({value} が指定されました)"
        ),
        .parameterDate: (
            "{name} must be a date like 2025-04-01, got {value}",
            "{name} は 2025-04-01 のような日付で指定してください({value} が指定されました)"
        ),
        .parameterRequired: ("{name} is required", "{name} を指定してください(必須)"),
        .unknownImportKind: ("unknown import kind {kind}", "取込の種類 {kind} はありません"),
        .tooManyIDs: ("ids: at most {maximum} at once", "ids は一度に {maximum} 件までです"),
        .notAnItemNumber: ("ids: {value} is not an item number", "ids: {value} は通知の番号ではありません"),
        .skillAndLevelRequired: ("skill and level are required", "スキルとレベルを指定してください(必須)"),
        .tenantCodeFormat: ("tenant must be the 6-digit tenant code", "テナントは 6 桁のテナントコードで指定してください"),
        .uploadKind: ("kind must be training or roles, got {value}", "種類は training か roles です({value} が指定されました)"),
        .metricsSameAddress: (
            "DXSKILLS_METRICS_ADDRESS {address} is the service's own address: give the metrics another port",
            "DXSKILLS_METRICS_ADDRESS {address} がサービス本体と同じアドレスです。別のポートを指定してください"
        ),
        .metricsAddressFormat: (
            "DXSKILLS_METRICS_ADDRESS must be host:port (e.g. 127.0.0.1:9464, [::1]:9464) with a port of 1 to 65535, not \"{value}\"",
            "DXSKILLS_METRICS_ADDRESS は host:port(例 127.0.0.1:9464、[::1]:9464、ポートは 1〜65535)で指定してください(\"{value}\" が指定されました)"
        ),
        .metricsTokenFormat: (
            "DXSKILLS_METRICS_TOKEN must be at least {minimum} visible ASCII characters, without spaces (e.g. from `openssl rand -hex 32`)",
            "DXSKILLS_METRICS_TOKEN は空白を含まない {minimum} 文字以上の ASCII 文字で指定してください(例: openssl rand -hex 32 の出力)"
        ),
        .settingDaysCount: ("{name}: give 1 to 10 numbers of days", "{name}: 日数を 1〜10 個指定してください"),
        .settingDaysRange: (
            "{name}: {value} is not a number of days from {min} to 3650", "{name}: {value} は {min}〜3650 の日数ではありません"
        ),
        .settingTime: ("--notify-at: {value} is not a time such as 08:00", "--notify-at: {value} は 08:00 のような時刻ではありません"),
        .settingWebhookURL: (
            "--notify-webhook-url: {value} is not an http:// or https:// URL",
            "--notify-webhook-url: {value} は http:// か https:// の URL ではありません"
        ),
        .settingWebhookSecret: (
            "--notify-webhook-secret-file: a webhook needs the file holding its signing key",
            "--notify-webhook-secret-file: Webhook には署名鍵のファイルが必要です"
        ),
        .fieldProblem: ("{field}: {problem}", "{field}: {problem}"),
        .docFieldRequired: ("required", "必須です"),
        .docNotAFiscalYear: ("{value} is not a fiscal year", "{value} は年度ではありません"),
        .docItemsRequired: ("at least one item is required", "項目を 1 つ以上指定してください"),
        .docStagesRequired: ("at least one stage is required", "段階を 1 つ以上指定してください"),
        .docCodeUsedEarlier: ("{code} is used by an earlier item (codes must be unique)", "{code} は前の項目で使われています(コードは重複できません)"),
        .docPositiveNumber: ("must be a number > 0, got {value}", "0 より大きい数を指定してください({value} が指定されました)"),
        .docUnknownType: ("unknown type {type} (use {types})", "種類 {type} はありません({types} のいずれかを使ってください)"),
        .docCapRequired: ("required for {type} (the amount that scores 100)", "{type} には必須です(100 点となる量)"),
        .docCapNotTaken: ("only training_hours and cert_points take a cap", "cap を指定できるのは training_hours と cert_points だけです"),
        .docSkillsRequired: ("a list of at least one skill code is required", "スキルコードを 1 つ以上並べたリストが必要です"),
        .docUnknownSkill: ("unknown skill {code}", "スキル {code} は登録されていません"),
        .docUnknownCourse: ("unknown course {code}", "研修 {code} は登録されていません"),
        .docUnknownCertification: ("unknown certification {code}", "資格 {code} は登録されていません"),
        .docListedTwice: ("{value} is listed twice", "{value} が二度指定されています"),
        .docSkillsOnlyAverage: ("only skill_average takes a list of skills", "スキルのリストを指定できるのは skill_average だけです"),
        .docLevelRange: ("must be 1 to 4", "1〜4 で指定してください"),
        .docRatioRange: ("must be between 0 and 1", "0 から 1 の間で指定してください"),
        .docWholeNumberRequired: ("a whole number ≥ 0 is required", "0 以上の整数が必要です"),
        .docTemplateCodeRequired: ("required (the template's code, e.g. ICT-STD)", "必須です(テンプレートのコード。例 ICT-STD)"),
        .docTemplateNameRequired: ("required (e.g. 情報職標準キャリアパス)", "必須です(例 情報職標準キャリアパス)"),
        .docYearsRange: ("{value} is not a whole number of years from 1 to 50", "{value} は 1〜50 の整数の年数ではありません"),
        .docPlacement: ("{value} is not one of it, business, external", "{value} は it、business、external のいずれでもありません"),
        .docMissing: ("missing", "指定なし"),
        .docRequirementOneOf: (
            "give exactly one of skill (with level), cert or course", "skill(level 付き)、cert、course のどれか 1 つだけを指定してください"
        ),
        .docNotSkillLevel: ("{value} is not a skill level 1 to 4", "{value} は 1〜4 のスキルレベルではありません"),
        .docLevelOnlySkill: ("a level belongs to a skill requirement only", "level は skill の要件にだけ指定できます"),
        .objCriteria: (
            "evaluation criteria for fiscal year {year} (set them with criteria set)", "{year} 年度の評価基準(criteria set で設定してください)"
        ),
        .objTargets: ("targets for fiscal year {year}", "{year} 年度の目標"),
        .errorUnavailable: ("{detail}", "利用できません: {detail}"),
        .errorMigration: ("{detail}", "データベースのスキーマが使えない状態です: {detail}"),
        .forbidClaimNoStaff: (
            "only a staff member claims, and only for themselves: user {user} is no staff member",
            "申請できるのは職員本人だけです。ユーザー {user} は職員に結び付いていません"
        ),
        .claimActionResubmit: ("edited and submitted again", "編集して再申請すること"),
        .claimActionWithdraw: ("withdrawn", "取り下げること"),
        .claimActionApprove: ("approved", "承認すること"),
        .claimActionReturnApprover: ("returned by its approver", "承認者が差し戻すこと"),
        .claimActionReturnHR: ("returned by hr", "人事が差し戻すこと"),
        .claimActionConfirm: ("confirmed", "確定すること"),
        .claimKindStays: ("claim {id} is a {kind} claim and stays one", "申請 {id} は {kind} の申請で、種類は変えられません"),
        .claimExternalTitle: (
            "course {course} is not in the catalog: an external course needs its title (and provider, hours)",
            "研修 {course} は研修一覧にありません。外部研修には研修名(と実施機関、時間数)が必要です"
        ),
        .claimHoursRange: ("must be more than 0 and at most 1000, got {value}", "0 より大きく 1000 以下で指定してください({value} が指定されました)"),
        .dayInFuture: ("{day} is in the future", "{day} は未来の日付です"),
        .dayBeforeHire: ("{day} is before the hire date {hired}", "{day} は採用日 {hired} より前です"),
        .claimStateRefuses: ("claim {id} is {state}: it cannot be {action}", "申請 {id} は{state}のため、{action}はできません"),
        .stateSubmitted: ("submitted", "申請中"),
        .stateApproved: ("approved", "承認済み"),
        .stateConfirmed: ("confirmed", "確定済み"),
        .stateReturned: ("returned", "差戻し"),
        .stateWithdrawn: ("withdrawn", "取下げ済み"),
        .forbidClaimApprove: (
            "only a manager or evaluator of the claimant's unit approves claim {id}", "申請 {id} を承認できるのは申請者の所属の所属長か評価者だけです"
        ),
        .claimReasonRequired: ("a returned claim needs a reason", "差し戻すには理由が必要です"),
        .forbidClaimReturn: ("only the claim's approver or hr returns claim {id}", "申請 {id} を差し戻せるのは承認者か人事だけです"),
        .forbidClaimConfirm: ("only hr confirms claims", "申請を確定できるのは人事だけです"),
        .forbidOwnClaim: ("nobody decides their own claim (claim {id})", "自分の申請は判断できません(申請 {id})"),
        .claimAwaitsApprover: (
            "claim {id} is submitted and awaits its approver: it cannot be {action} before it is approved",
            "申請 {id} は承認者の承認待ちです。承認される前に{action}はできません"
        ),
        .objTrainingRecord: ("the training record {employee} {course} {day}", "研修記録 {employee} {course} {day}"),
        .objCertHolding: ("the certification holding {employee} {cert} {day}", "資格の取得記録 {employee} {cert} {day}"),
        .claimFromClaim: ("from claim {id}", "申請 {id} から"),
        .claimImported: ("imported", "取込による"),
        .claimCollides: (
            "claim {id} collides with {record} ({origin}): it cannot be confirmed", "申請 {id} は{record}({origin})と重なるため、確定できません"
        ),
        .objClaimEvidence: ("evidence {n} of claim {id}", "申請 {id} の証拠 {n}"),
        .objClaim: ("claim {id}", "申請 {id}"),
        .forbidClaimOwnOnly: ("only the claimant edits or withdraws claim {id}", "申請 {id} を編集・取下げできるのは申請者だけです"),
        .evidenceRequired: ("at least one file (PDF, PNG or JPEG) is required", "証拠のファイル(PDF、PNG、JPEG)が 1 つ以上必要です"),
        .evidenceTooMany: ("at most {maximum} files per claim, got {count}", "1 件の申請につきファイルは {maximum} 個までです({count} 個あります)"),
        .evidenceNotBase64: ("the content is not base64 (RFC 4648)", "内容が base64(RFC 4648)ではありません"),
        .evidenceEmpty: ("the file is empty", "ファイルが空です"),
        .evidenceTooLarge: ("{bytes} bytes is more than 10 MB", "{bytes} バイトで、10 MB を超えています"),
        .evidenceType: (
            "not a PDF, PNG or JPEG file (the content decides, not the name)", "PDF、PNG、JPEG のファイルではありません(名前ではなく内容で判断します)"
        ),
        .objUnlinkedUser: ("staff member of user {user} (the user is not linked to one)", "ユーザー {user} の職員(職員に結び付いていません)"),
        .selfLevelRange: ("level must be 0 to 4, got {value}", "レベルは 0〜4 で指定してください({value} が指定されました)"),
        .dayInFutureToday: ("{day} is in the future (today is {today})", "{day} は未来の日付です(今日は {today})"),
        .forbidOwnEndorse: ("nobody endorses their own self-assessment", "自分の自己評価は確認できません"),
        .objSelfAssessment: ("self-assessment of {skill} by staff {id}", "職員 {id} の {skill} の自己評価"),
        .selfAssessmentZero: (
            "the self-assessment of {skill} is 0: an assessment shows a level of 1 to 4", "{skill} の自己評価は 0 です。評価で示せるのはレベル 1〜4 です"
        ),
        .assessmentExists: (
            "staff {id} already has an assessment of {skill} on {day} (assessor {assessor})",
            "職員 {id} には {day} の {skill} の評価がすでにあります(評価者 {assessor})"
        ),
        .objDSSSkill: ("DSS skill {code}", "DSS スキル {code}"),
        .objDisclosure: ("disclosure of fiscal year {year}", "{year} 年度の開示"),
        .exportNotWritten: ("the export could not be written", "書き出しのファイルを作れませんでした"),
        .adminTenantCode: (
            "tenant code must be the 6-digit local government code (団体コード), got \"{value}\"",
            "テナントコードは 6 桁の団体コードで指定してください(\"{value}\" が指定されました)"
        ),
        .adminTenantName: ("tenant name is empty", "テナント名が空です"),
        .adminGrades: ("grades must be a non-empty list without repeats, lowest first", "職級は重複のないリストで、低い順に 1 つ以上指定してください"),
        .objTenant: ("tenant {code}", "テナント {code}"),
        .adminUserNeedsUnit: (
            "a {role} user needs a unit: its scope is that unit and its descendants", "{role} のユーザーには所属が必要です(見える範囲はその所属と配下です)"
        ),
        .adminUserNeedsEmployee: (
            "a user without a role needs an employee number: it is then staff, and may read that record only",
            "役割のないユーザーには職員番号が必要です(職員として、その記録だけを見られます)"
        ),
        .adminMailAddress: ("{value} is not a mail address like name@city.lg.jp", "{value} は name@city.lg.jp のようなメールアドレスではありません"),
        .objUnit: ("unit {code}", "所属 {code}"),
        .objStaff: ("staff {id}", "職員 {id}"),
        .adminSignInMethods: (
            "a user signs in with one or more of local, ldap, oidc", "ユーザーのサインイン方法は local、ldap、oidc から 1 つ以上指定してください"
        ),
        .objUser: ("user {name} in tenant {tenant}", "テナント {tenant} のユーザー {name}"),
        .passwordTooShort: ("a password has at least {minimum} characters", "パスワードは {minimum} 文字以上にしてください"),
        .passwordIsName: ("a password may not be the user name or the employee number", "ユーザー名や職員番号はパスワードにできません"),
        .passwordCurrentWrong: ("the current password is wrong", "現在のパスワードが違います"),
        .passwordSame: ("the new password must differ from the current one", "現在と同じパスワードは使えません"),
        .passwordOneTime: (
            "this one-time password must be changed first: sign in to the dashboard and choose a new one",
            "仮パスワードです。先にダッシュボードにサインインして、新しいパスワードに変更してください"
        ),
        .tokenDaysRange: ("a token expires in 1 to 3650 days", "トークンの有効期間は 1〜3650 日です"),
        .objToken: ("token {id}", "トークン {id}"),
        .settingSignInMethods: (
            "--sign-in needs at least one of local, ldap, oidc", "--sign-in には local、ldap、oidc の少なくとも 1 つが必要です"
        ),
        .settingLDAPURLRequired: (
            "sign-in ldap needs --ldap-url (ldaps://… or ldap://…, which uses StartTLS)",
            "ldap のサインインには --ldap-url(ldaps://… か、StartTLS を使う ldap://…)が必要です"
        ),
        .settingLDAPBaseRequired: ("sign-in ldap needs --ldap-base-dn", "ldap のサインインには --ldap-base-dn が必要です"),
        .settingLDAPURLScheme: (
            "--ldap-url must start with ldaps:// or ldap:// (StartTLS), got {value}",
            "--ldap-url は ldaps:// か ldap://(StartTLS)で始めてください({value} が指定されました)"
        ),
        .settingLDAPFilter: (
            "--ldap-user-filter must contain {user}, e.g. (sAMAccountName={user})",
            "--ldap-user-filter には {user} を含めてください(例 (sAMAccountName={user}))"
        ),
        .settingOIDCIssuerRequired: ("sign-in oidc needs --oidc-issuer", "oidc のサインインには --oidc-issuer が必要です"),
        .settingOIDCClientRequired: ("sign-in oidc needs --oidc-client-id", "oidc のサインインには --oidc-client-id が必要です"),
        .settingOIDCIssuerScheme: (
            "--oidc-issuer must be an https:// URL, got {value}", "--oidc-issuer は https:// の URL で指定してください({value} が指定されました)"
        ),
        .settingFileUnreadable: ("cannot read {file}: give a file the service can read", "{file} を読めません。サービスが読めるファイルを指定してください"),
        .settingIdleMinutes: ("--session-idle-minutes is 1 to 1440", "--session-idle-minutes は 1〜1440 です"),
        .settingAbsoluteMinutes: ("--session-absolute-minutes is 5 to 10080", "--session-absolute-minutes は 5〜10080 です"),
        .urlShape: (
            "DATABASE_URL must look like postgres://user@host:port/database, got {value}",
            "DATABASE_URL は postgres://user@host:port/database の形で指定してください({value} が指定されました)"
        ),
        .urlUnknownParameter: (
            "DATABASE_URL: unknown parameter {name}; known are {known}", "DATABASE_URL のパラメータ {name} は使えません(使えるのは {known})"
        ),
        .urlParameterTwice: ("DATABASE_URL: {name} is given twice", "DATABASE_URL に {name} が2回指定されています"),
        .urlParameterEmpty: ("DATABASE_URL: {name} has no value", "DATABASE_URL の {name} に値がありません"),
        .urlSSLMode: ("DATABASE_URL: sslmode={value} is not one of {words}", "sslmode={value} は使えません。{words} のいずれかを指定してください"),
        .urlNeedsTLS: (
            "DATABASE_URL: {name} needs TLS; add sslmode=verify-full (or require, verify-ca)",
            "{name} は TLS 接続で使います。sslmode=verify-full(または require, verify-ca)を指定してください"
        ),
        .urlCertAndKey: (
            "DATABASE_URL: sslcert and sslkey go together; give both or neither", "sslcert と sslkey は両方指定するか、どちらも指定しないでください"
        ),
        .urlSystemRoot: (
            "DATABASE_URL: sslrootcert=system needs sslmode=verify-full", "sslrootcert=system は sslmode=verify-full と組み合わせてください"
        ),
        .urlKeyNotPEM: (
            "DATABASE_URL: sslkey {file} holds no unencrypted PEM private key ({error})",
            "sslkey {file} に暗号化されていない PEM 形式の秘密鍵がありません({error})"
        ),
        .urlTLSMismatch: (
            "DATABASE_URL: the TLS settings do not work together (is sslkey the key of sslcert?): {error}",
            "TLS の設定が使えません(sslkey は sslcert の秘密鍵ですか): {error}"
        ),
        .urlFileUnreadable: ("DATABASE_URL: {name} {file} cannot be read", "{name} のファイル {file} を読めません"),
        .urlFileMissing: ("DATABASE_URL: {name} {file} does not exist", "{name} のファイル {file} がありません"),
        .urlNotCertificate: ("DATABASE_URL: {name} {file} holds no PEM certificate", "{name} のファイル {file} に PEM 形式の証明書がありません"),
        .forbidRole: ("role {role} may not {action}", "役割 {role} では{action}ことはできません"),
        .actApplyTransfers: ("apply transfers", "異動を適用する"),
        .actPreviewTransfers: ("preview transfers", "異動の影響を確かめる"),
        .actChangeTransfers: ("change transfers", "異動を変更する"),
        .actReadRankings: ("read rankings", "順位表を見る"),
        .actListGrants: ("list role grants", "役割の付与を一覧する"),
        .actReadTargets: ("read targets", "目標を見る"),
        .actReadOutbox: ("read the notification outbox", "通知の送信箱を見る"),
        .actEndorse: ("endorse self-assessments", "自己評価を確認する"),
        .actDisclose: ("disclose evaluation results", "評価結果を開示する"),
        .actSetTemplates: ("set career path templates", "キャリアパスのテンプレートを設定する"),
        .actSetCriteria: ("set evaluation criteria", "評価基準を設定する"),
        .actReadCriteria: ("read evaluation criteria", "評価基準を見る"),
        .actRunNotifications: ("run the notification rules", "通知の規則を実行する"),
        .actSetTargets: ("set targets", "目標を設定する"),
        .actSignIn: ("sign in", "サインインする"),
        .actSubmitClaim: ("submit a claim", "申請する"),
        .actEditClaim: ("edit a claim", "申請を編集する"),
        .actReturnClaim: ("return a claim", "申請を差し戻す"),
        .actImport: ("import {kind}", "{kind} を取り込む"),
        .actSendBody: ("send a body here", "ここに本文を送る"),
        .forbidAssessorUnlinked: (
            "a {role} without an employee number cannot import assessments: the assessor is your employee number, so an administrator must give user {user} one",
            "職員番号のない {role} は評価を取り込めません。評価者はあなたの職員番号になるため、管理者がユーザー {user} に職員番号を設定してください"
        ),
        .forbidStaffOwnRecord: ("a staff user may read only its own record", "職員のユーザーが見られるのは自分の記録だけです"),
        .objSkill: ("skill {code}", "スキル {code}"),
        .objCourse: ("course {code}", "研修 {code}"),
        .objCareerPlan: ("career plan of staff {id}", "職員 {id} のキャリアプラン"),
        .objUnitKind: (
            "units of kind {kind} to group by (use none, grade, job_track or a unit kind such as 局, 部 or 課)",
            "集計に使う種類 {kind} の所属(none、grade、job_track か、局・部・課のような所属の種類を指定してください)"
        ),
        .transfersNoRows: ("the transfers file has no rows", "異動のファイルに行がありません"),
        .previewUnfinished: ("the preview did not finish", "影響の確認が終わりませんでした"),
        .settingOnOff: ("{name} must be on or off, not {value}", "{name} は on か off を指定してください({value} が指定されました)"),
        .sjisRow: ("row {row} ({employee}): {characters}", "{row} 行目({employee}): {characters}"),
        .sjisCannotHold: (
            "Shift_JIS cannot hold {rows}; export in UTF-8 with BOM, or replace those characters with 〓",
            "Shift_JIS では表せない文字があります: {rows}。BOM 付き UTF-8 で書き出すか、その文字を 〓 に置き換えてください"
        ),
        .signInNoEmployeeLDAP: ("the directory gives no employee number for this account", "ディレクトリにはこのアカウントの職員番号がありません"),
        .signInNoEmployeeOIDC: (
            "the identity provider gives no employee number for this account", "ID プロバイダーはこのアカウントの職員番号を返しません"
        ),
        .signInNotInService: ("employee number {id} is not a staff member in service here", "職員番号 {id} の在職中の職員はいません"),
        .sheetNotWritable: ("{file}: cannot be written (does its folder exist?)", "{file}: 書き込めません(フォルダーはありますか)"),
        .sheetWriteFailed: ("{file}: {error}", "{file}: 書き込めません({error})"),
        .sheetUnreadable: ("{file}: cannot be read back", "{file}: 読み込めません"),
        .forbidClaimEditNoStaff: (
            "only the claimant edits claim {id}, and user {user} is no staff member",
            "申請 {id} を編集できるのは申請者だけです。ユーザー {user} は職員に結び付いていません"
        ),
        .forbidClaimEdit: ("only the claimant edits claim {id}", "申請 {id} を編集できるのは申請者だけです"),
        .fieldDate: ("must be a date like 2025-04-01, got {value}", "2025-04-01 のような日付で指定してください({value} が指定されました)"),
        .fieldNumber: ("must be a number, got {value}", "数値で指定してください({value} が指定されました)"),
        .actImportTrainingRoles: ("import training or roles", "研修や役割を取り込む"),
        .actWithdrawClaims: ("withdraw claims", "申請を取り下げる"),
        .actApproveClaims: ("approve claims", "申請を承認する"),
        .actConfirmClaims: ("confirm claims", "申請を確定する"),
        .actReturnClaims: ("return claims", "申請を差し戻す"),
        .objSSO: ("single sign-on for tenant {tenant}", "テナント {tenant} のシングルサインオン"),
        .cliCannotRead: ("cannot read {file}", "{file} を読めません"),
        .cliNotTemplate: ("{file} is not a career path template document: {error}", "{file} はキャリアパスのテンプレートの文書ではありません: {error}"),
        .cliNotCriteria: ("{file} is not a criteria document: {error}", "{file} は評価基準の文書ではありません: {error}"),
        .cliNotTargets: ("{file} is not a targets document: {error}", "{file} は目標の文書ではありません: {error}"),
        .cliCannotWriteBecause: ("cannot write {file}: {error}", "{file} に書き込めません: {error}"),
        .cliCannotWrite: ("cannot write {file}", "{file} に書き込めません"),
        .cliNotADate: (
            "{option} {value} is not a date: write 2025-04-01, 2025/4/1 or R7.4.1",
            "{option} {value} は日付として読めません。2025-04-01、2025/4/1、R7.4.1 のように書いてください"
        ),
        .cliTenantSetNothing: (
            "give --counted-employment-types, --grades, a sign-in setting (--sign-in, --ldap-…, --oidc-…) or a notification setting (--notify-…)",
            "--counted-employment-types、--grades、サインインの設定(--sign-in、--ldap-…、--oidc-…)か通知の設定(--notify-…)を指定してください"
        ),
        .cliEmploymentType: ("unknown employment type {value}: use {accepted}", "雇用形態 {value} はありません。{accepted} を使ってください"),
        .cliRoleNeedsUnit: (
            "a {role} needs --unit: its scope is that unit and its descendants", "{role} には --unit が必要です(見える範囲はその所属と配下です)"
        ),
        .cliRoleOrEmployee: (
            "give --role, or --employee-no for a staff user (its own record only)",
            "--role を指定するか、職員のユーザーなら --employee-no を指定してください(自分の記録だけを見られます)"
        ),
        .cliNoPasswordStdin: ("--password-stdin: no password on standard input", "--password-stdin: 標準入力にパスワードがありません"),
        .cliStatus: ("--status is active or disabled, got {value}", "--status は active か disabled です({value} が指定されました)"),
        .cliSignInMethods: (
            "--sign-in takes local, ldap and oidc, got {value}", "--sign-in に指定できるのは local、ldap、oidc です({value} が指定されました)"
        ),
        .cliUserSetNothing: ("give --status, --email or --sign-in", "--status、--email か --sign-in を指定してください"),
        .cliRange: ("{option} must be {min} to {max}", "{option} は {min}〜{max} で指定してください"),
        .cliTenantCode: (
            "--tenant must be a 6-digit local government code such as 139999", "--tenant は 139999 のような 6 桁の団体コードで指定してください"
        ),
        .cliNoDatabaseURL: (
            "set DATABASE_URL (postgres://user@host:port/database) or pass --database-url",
            "DATABASE_URL(postgres://user@host:port/database)を設定するか、--database-url を指定してください"
        ),
        .cliUnreadableItem: (
            "the service sent an item this dxskills cannot read: {item}", "サービスから、この dxskills では読めない項目が届きました: {item}"
        ),
        .cliMigrationChanged: (
            "an applied migration file was changed: restore it and add a new migration",
            "適用済みのマイグレーションのファイルが変更されています。元に戻し、新しいマイグレーションを追加してください"
        ),
        .cliNotMigrations: ("{path} is not a folder of migration files", "{path} はマイグレーションのファイルのフォルダーではありません"),
        .cliDatabaseUnavailable: ("database {url}: {error}", "データベース {url} を使えません: {error}"),
        .cliDoctorProblems: ("{count} problem(s) to fix", "要修正 {count} 件"),
        .cliDaysList: ("{option} {value} is not a list of days such as 90,30,7", "{option} {value} は 90,30,7 のような日数のリストではありません"),
        .cliNoToken: (
            "no token given: pass --token TOKEN, or --token - and type it on standard input",
            "トークンがありません。--token TOKEN を指定するか、--token - として標準入力から入力してください"
        ),
        .cliNoAnswer: (
            "no {what} given: pass it as an option or type it on standard input", "{what} がありません。オプションで指定するか、標準入力から入力してください"
        ),
        .cliMeFormat: (
            "--format csv is not available for me: use table or json", "me には --format csv を使えません。table か json を使ってください"
        ),
        .cliImportNoResult: ("the service ended the import's answer without a result", "取込の応答が結果なしで終わりました"),
        .cliClaimFields: (
            "give a training claim's --course and --completed-on, or a certification's --cert and --acquired-on",
            "研修の申請には --course と --completed-on を、資格の申請には --cert と --acquired-on を指定してください"
        ),
        .cliUnknownMethod: (
            "unknown sign-in method {value}: use local, ldap or oidc", "サインイン方法 {value} はありません。local、ldap、oidc を使ってください"
        ),
        .cliNoExcel: ("this command writes no Excel file: use --format csv", "このコマンドは Excel に出力できません。--format csv を使ってください"),
        .cliXlsxNeedsFile: ("--format xlsx needs -o FILE", "--format xlsx には -o ファイル名 が必要です"),
        .cliNotLoggedIn: (
            "no token: run `dxskills login --url URL` or set DXSKILLS_TOKEN",
            "トークンがありません。`dxskills login --url URL` を実行するか、DXSKILLS_TOKEN を設定してください"
        ),
        .cliURLFormat: (
            "DXSKILLS_URL must be like http://127.0.0.1:8080, got {value}",
            "DXSKILLS_URL は http://127.0.0.1:8080 のように指定してください({value} が指定されました)"
        ),
        .cliWarning: ("warning: {text}", "警告: {text}"),
        .cliWrote: ("wrote {file}", "{file} に書き出しました"),
        .cliWroteBytes: ("wrote {file} ({bytes} bytes)", "{file} に書き出しました({bytes} バイト)"),
        .cliSavedTo: ("saved to {file}", "{file} に保存しました"),
        .cliPersonalToken: ("personal token {id}, expires {expires} (Asia/Tokyo)", "個人用トークン {id}、有効期限 {expires}(日本時間)"),
        .cliSignInSetting: ("sign-in: {methods}", "サインイン方法: {methods}"),
        .cliNotifySetting: (
            "notifications: certificates {cert} days, plans {plan} days, claims every {claim} days, daily at {at}",
            "通知: 資格は {cert} 日前、プランは {plan} 日前、申請は {claim} 日ごと、毎日 {at} に実行"
        ),
        .cliOneTimePassword: (
            "one-time password of {user}, valid 24 hours; it must be changed at the first sign-in",
            "{user} の仮パスワードです(24 時間有効)。最初のサインインで変更が必要です"
        ),
        .cliTokenIssued: ("token id {id}, expires {expires} (Asia/Tokyo)", "トークン ID {id}、有効期限 {expires}(日本時間)"),
        .cliNotifyDryRun: (
            "dry run of {day}: {items} items for {recipients} recipients, nothing written",
            "{day} の試行: {recipients} 人に {items} 件。何も書き込んでいません"
        ),
        .cliNotifyRun: ("{day}: {items} new items, {digests} new digests to send", "{day}: 新しい項目 {items} 件、送信する通知 {digests} 通"),
        .cliNotifyLastRun: (
            "run {day} by {by}: {items} new items, {digests} new digests", "{day} に {by} が実行: 新しい項目 {items} 件、新しい通知 {digests} 通"
        ),
        .cliDigestFailure: (
            "digest {id} to {recipient} by {channel} ({state}, {attempts} attempts): {error}",
            "通知 {id}({recipient} 宛、{channel}、{state}、{attempts} 回試行): {error}"
        ),
        .cliMarkedRead: ("marked {count} read", "{count} 件を既読にしました"),
        .cliDemoUser: ("demo user {user} ({role}): password {password}", "デモ利用者 {user}({role}): パスワード {password}"),
        .cliDemoUserOfUnit: (
            "demo user {user} ({role} of {unit}): password {password}", "デモ利用者 {user}({unit} の {role}): パスワード {password}"
        ),
        .problemList: ("{items}", "{items}"),
        .errorNotFound: ("not found: {what}", "見つかりません: {what}"),
        .errorUnauthorized: (
            "not signed in: the token is missing, malformed, expired or revoked",
            "サインインしていません。トークンがないか、形式が違うか、期限切れか、失効しています"
        ),
        .errorForbidden: ("not allowed: {reason}", "許可されていません: {reason}"),
        .progressStarting: (
            "checking {rows} of {total} rows ({percent}%)", "{total} 行中 {rows} 行を確認済み({percent}%)"
        ),
        .progressChecking: (
            "checking {rows} of {total} rows ({percent}%), about {eta} s left",
            "{total} 行中 {rows} 行を確認済み({percent}%)、残り約 {eta} 秒"
        ),
        .progressWriting: (
            "all {rows} rows checked, writing… ({elapsed} s so far)", "{rows} 行すべて確認済み、書き込み中…({elapsed} 秒経過)"
        ),
        .exportRowsReceived: (
            "received {rows} of {total} rows ({percent}%)", "{total} 行中 {rows} 行を受信済み({percent}%)"
        ),
        .exportRowsWritten: ("wrote {rows} of {total} rows ({percent}%)", "{total} 行中 {rows} 行を書き込み済み({percent}%)"),
        .exportRowsSoFar: ("received {rows} rows", "{rows} 行を受信済み"),
        .exportBytes: ("received {done} of {total} ({percent}%)", "{total} 中 {done} を受信済み({percent}%)"),
        .exportBytesSoFar: ("received {done}", "{done} を受信済み"),
        .exportTimeLeft: (", about {eta} s left", "、残り約 {eta} 秒"),
        .exportTooLarge: ("the service's answer is larger than {limit} bytes", "サービスの応答が {limit} バイトを超えています"),
    ]
}
