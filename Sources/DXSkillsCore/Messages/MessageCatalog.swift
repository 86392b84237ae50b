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
    // An import's progress (the CLI's line on stderr).
    case progressStarting, progressChecking, progressWriting
    // The errors of a request as a whole (their reasons are still English).
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
