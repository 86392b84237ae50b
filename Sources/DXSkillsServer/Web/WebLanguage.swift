import DXSkillsCore

/// The dashboard's language: Japanese unless the browser chose English (`?lang=en`, then a cookie).
enum WebLanguage: String, Sendable {
    case ja, en

    /// Every text of the pages in this language, for the templates (`{{t.key}}`).
    var texts: [String: String] { WebText.all.mapValues { self == .ja ? $0.ja : $0.en } }

    func text(_ key: String) -> String {
        guard let entry = WebText.all[key] else { return key }
        return self == .ja ? entry.ja : entry.en
    }

    var other: WebLanguage { self == .ja ? .en : .ja }

    /// The language of the core's messages (import problems) on this page.
    var messages: Language { self == .ja ? .ja : .en }
}

/// The dashboard's words, Japanese first.
enum WebText {
    static let all = common.merging(notifications) { first, _ in first }

    static let common: [String: (ja: String, en: String)] = [
        "app": ("dxskills ダッシュボード", "dxskills dashboard"),
        "home": ("ホーム", "Home"),
        "coverage": ("組織別スキル充足", "Skill coverage by unit"),
        "leaders": ("DX推進リーダー配置", "DX leader placement"),
        "targets": ("目標達成状況", "Targets"),
        "transfers": ("異動影響プレビュー", "Transfer impact preview"),
        "training": ("研修実績の取込", "Import training records"),
        "rankings": ("ランキング", "Ranking"),
        "plans": ("キャリアプラン", "Career plans"),
        "me": ("マイページ", "My page"),
        "me_skills": ("スキル", "Skills"),
        "me_evidence": ("根拠(有効期限)", "Evidence (valid until)"),
        "me_self_assessment": ("自己診断", "Self-assessment"),
        "me_self_assessment_help": (
            "自己診断(0〜4)を記録します。レベルにも充足率・目標・ランキングにも数えられません。",
            "Record a self-assessment (0–4). It counts in no Level, coverage, target or ranking."
        ),
        "me_on": ("診断日", "Day"),
        "me_save": ("記録する", "Save"),
        "me_certifications": ("資格", "Certifications"),
        "me_certification": ("資格", "Certification"),
        "me_acquired_on": ("取得日", "Acquired"),
        "me_expires_on": ("有効期限", "Expires"),
        "me_expiring_soon": ("90日以内に期限切れ", "Expires within 90 days"),
        "me_expired": ("失効", "Expired"),
        "me_training": ("研修", "Training"),
        "me_completed_on": ("修了日", "Completed"),
        "me_course": ("研修名", "Course"),
        "me_hours": ("時間", "Hours"),
        "me_assignments": ("配属履歴", "Assignments"),
        "me_from": ("開始", "From"),
        "me_to": ("終了", "To"),
        "me_designations": ("指定", "Designations"),
        "me_term": ("任期", "Term"),
        "me_evaluations": ("評価結果", "Evaluation results"),
        "me_no_evaluations": ("開示された評価結果はありません。", "No evaluation results have been disclosed."),
        "me_item": ("評価項目", "Item"),
        "me_rating": ("評価", "Rating"),
        "claims": ("申請", "Claims"),
        "claims_awaiting_approval": ("承認待ち", "Awaiting approval"),
        "claims_awaiting_approval_help": (
            "所属の職員から提出され、承認を待っている申請です。",
            "Claims submitted by staff in your scope, waiting for your approval."
        ),
        "claims_awaiting_confirmation": ("確認待ち", "Awaiting confirmation"),
        "claims_awaiting_confirmation_help": (
            "承認済みの申請と、承認者のいない職員の申請です。確認すると研修実績・資格として記録されます。",
            "Approved claims, and submitted claims of staff without an approver. Confirming records them as training or certifications."
        ),
        "claims_all": ("すべての申請", "All claims"),
        "claims_all_help": ("テナントのすべての申請です。", "Every claim of the tenant."),
        "claims_own": ("自分の申請", "My claims"),
        "claims_own_help": ("あなたが提出した申請です。", "The claims you submitted."),
        "claims_empty": ("申請はありません。", "There are no claims."),
        "claim": ("申請", "Claim"),
        "claim_new": ("新しい申請", "New claim"),
        "claim_edit": ("申請の修正・再提出", "Edit and resubmit the claim"),
        "claim_no": ("申請番号", "Claim"),
        "claim_kind": ("種類", "Kind"),
        "claim_kind_training": ("研修の修了", "Training completed"),
        "claim_kind_certification": ("資格の取得", "Certification acquired"),
        "claim_what": ("申請内容", "What"),
        "claim_day": ("日付", "Day"),
        "claim_claimant": ("申請者", "Claimant"),
        "claim_submitted_on": ("提出日", "Submitted"),
        "claim_state": ("状態", "State"),
        "claim_return_reason": ("差戻し理由", "Reason returned"),
        "claim_provider": ("実施機関", "Provider"),
        "claim_external": ("外部研修", "external course"),
        "claim_state_submitted": ("承認待ち", "submitted"),
        "claim_state_approved": ("承認済み（確認待ち）", "approved"),
        "claim_state_confirmed": ("確認済み", "confirmed"),
        "claim_state_returned": ("差戻し", "returned"),
        "claim_state_withdrawn": ("取下げ", "withdrawn"),
        "claim_evidence": ("証拠書類", "Evidence"),
        "claim_file": ("ファイル", "File"),
        "claim_media_type": ("形式", "Type"),
        "claim_size": ("サイズ（バイト）", "Size (bytes)"),
        "claim_history": ("履歴", "History"),
        "claim_at": ("日時", "When"),
        "claim_actor": ("実施者", "By"),
        "claim_from": ("変更前", "From"),
        "claim_to": ("変更後", "To"),
        "claim_reason": ("理由", "Reason"),
        "claim_withdraw": ("取り下げる", "Withdraw"),
        "claim_edit_link": ("修正して再提出する", "Edit and resubmit"),
        "claim_approve": ("承認する", "Approve"),
        "claim_confirm": ("確認する（記録する）", "Confirm (record it)"),
        "claim_return": ("差し戻す", "Return"),
        "claim_return_help": ("差し戻す理由（申請者に表示されます）", "Why it is returned (shown to the claimant)"),
        "claim_conflict": (
            "この申請は現在「%@」のため、この操作はできません。ページを確認してください。",
            "This claim is now %@: this action is not possible. Check the page."
        ),
        "claim_done_submitted": ("申請を提出しました。", "The claim was submitted."),
        "claim_done_resubmitted": ("申請を再提出しました。", "The claim was submitted again."),
        "claim_done_withdrawn": ("申請を取り下げました。", "The claim was withdrawn."),
        "claim_done_approved": ("申請を承認しました。", "The claim was approved."),
        "claim_done_confirmed": ("申請を確認し、記録しました。", "The claim was confirmed and recorded."),
        "claim_done_returned": ("申請を差し戻しました。", "The claim was returned."),
        "claim_form_help": (
            "研修の修了または資格の取得を申請します。証拠書類（修了証・合格証など、PDF・PNG・JPEG、各10 MBまで）を1〜3個添付してください。所属長などが承認し、人事課が確認すると記録されます。",
            "Claim a completed training course or an acquired certification, with 1 to 3 evidence files (certificates; PDF, PNG or JPEG, at most 10 MB each). Once your manager approves it and HR confirms it, it is recorded."
        ),
        "claim_edit_help": (
            "新しいファイルを選ばなければ、証拠書類はそのまま残ります。",
            "Without new files the evidence stays as it is."
        ),
        "claim_training_fields": ("研修の場合", "For a training course"),
        "claim_certification_fields": ("資格の場合", "For a certification"),
        "claim_course_help": (
            "カタログの研修コードを選ぶか入力してください。カタログにない外部研修は、コードと研修名（と実施機関・時間）を入力してください。",
            "Choose or type a catalog course code. For an external course not in the catalog, type a code and its title (and provider, hours)."
        ),
        "claim_files_again": ("ファイルはもう一度選んでください。", "Choose the files again."),
        "claim_submit": ("提出する", "Submit"),
        "claim_problems": ("件の問題があります。何も書き込まれていません。", "problem(s); nothing was written."),
        "claim_field_course": ("研修コード", "Course code"),
        "claim_field_title": ("研修名", "Title"),
        "claim_field_provider": ("実施機関", "Provider"),
        "claim_field_hours": ("時間", "Hours"),
        "claim_field_completed_on": ("修了日", "Completed on"),
        "claim_field_cert": ("資格", "Certification"),
        "claim_field_acquired_on": ("取得日", "Acquired on"),
        "claim_field_evidence": ("証拠書類", "Evidence"),
        "claim_field_kind": ("種類", "Kind"),
        "claim_field_reason": ("差戻し理由", "Reason"),
        "me_claims": ("申請", "Claims"),
        "me_no_claims": ("申請はありません。", "You have no claims."),
        "me_export": ("自分のデータをダウンロード", "Download my data"),
        "plan_all": ("すべて", "All"),
        "plan_completed": ("完了", "Completed"),
        "plan_behind": ("遅れ", "Behind"),
        "plan_on_track": ("順調", "On track"),
        "plan_no_plan": ("プラン未作成", "No plan"),
        "stage_met": ("達成", "met"),
        "stage_behind": ("未達", "behind"),
        "stage_open": ("取組中", "open"),
        "plan_template": ("キャリアパス", "Career path"),
        "plan_stages": ("段階（期限・状況）", "Stages (due, status)"),
        "plan_unmet": ("未充足", "unmet"),
        "plan_reached": ("現在", "now"),
        "plan_lapsed": ("失効", "lapsed"),
        "plan_warning_placement_mismatch": ("配属が段階の配置と異なる", "unit does not match the stage's placement"),
        "plan_warning_not_assigned": ("配属なし", "no unit on the day"),
        "signin": ("サインイン", "Sign in"),
        "signout": ("サインアウト", "Sign out"),
        "token": ("トークン", "Token"),
        "signin_help": (
            "ユーザー名とパスワードを入力してください。職員は職員番号または庁内ネットワークのアカウントでサインインできます。",
            "Enter your user name and password. Staff sign in with their employee number or their office network account."
        ),
        "signin_token_help": (
            "管理者から受け取ったトークン（dxs_ で始まる文字列）を貼り付けてください。",
            "Paste the token your administrator gave you (it starts with dxs_)."
        ),
        "signin_failed": (
            "サインインできませんでした。ユーザー名またはパスワードが違うか、アカウントがロックされています（5回失敗すると15分間ロックされます）。",
            "Could not sign in: the user name or the password is wrong, or the account is locked (5 failures lock it for 15 minutes)."
        ),
        "signin_token_failed": (
            "サインインできませんでした。トークンが正しくないか、有効期限切れまたは失効しています。",
            "Could not sign in: the token is wrong, expired or revoked."
        ),
        "signin_not_in_service": ("サインインできません。", "Cannot sign in."),
        "signin_unavailable": (
            "認証サービスに接続できないため、サインインできません。しばらくしてからやり直すか、管理者に連絡してください。",
            "The sign-in service cannot be reached; try again later or tell your administrator."
        ),
        "sso": ("シングルサインオン", "Single sign-on"),
        "sso_failed": (
            "シングルサインオンに失敗しました。もう一度やり直してください。",
            "Single sign-on failed; please try again."
        ),
        "signin_token": ("APIトークンでサインイン", "Sign in with an API token"),
        "signin_token_link": ("管理者向け: APIトークンでサインイン", "For administrators: sign in with an API token"),
        "signin_password_link": ("ユーザー名とパスワードでサインイン", "Sign in with a user name and password"),
        "tenant": ("団体", "Municipality"),
        "user_name": ("ユーザー名", "User name"),
        "password_field": ("パスワード", "Password"),
        "password": ("パスワードの変更", "Change password"),
        "password_current": ("現在のパスワード", "Current password"),
        "password_new": ("新しいパスワード", "New password"),
        "password_confirm": ("新しいパスワード（確認）", "New password again"),
        "password_rules": (
            "12文字以上。ユーザー名や職員番号は使えません。記号などの組み合わせは必要ありません。",
            "At least 12 characters, not the user name or the employee number; no composition rules."
        ),
        "password_must_change": (
            "仮パスワードでサインインしました。続けるには新しいパスワードを設定してください。",
            "You signed in with a one-time password: choose a new one to go on."
        ),
        "password_not_local": (
            "このアカウントはディレクトリまたはシングルサインオンでサインインしています。パスワードはそちらで変更してください。",
            "This account signs in through the directory or single sign-on: change the password there."
        ),
        "password_mismatch": ("確認用のパスワードが一致しません。", "The two new passwords differ."),
        "password_changed": ("パスワードを変更しました。", "Your password has been changed."),
        "signout_everywhere": ("すべての端末からサインアウト", "Sign out everywhere"),
        "signed_in_as": ("サインイン中", "Signed in as"),
        "switch_language": ("English", "日本語"),
        "skip": ("本文へ移動", "Skip to content"),
        "as_of": ("基準日", "As of"),
        "level": ("レベル", "Level"),
        "show": ("表示", "Show"),
        "unit": ("所属", "Unit"),
        "unit_code": ("所属コード", "Unit code"),
        "skill": ("スキル", "Skill"),
        "headcount": ("職員数", "Headcount"),
        "count": ("該当者数", "Count"),
        "ratio": ("充足率", "Ratio"),
        "legend": ("凡例", "Legend"),
        "not_applicable": ("該当なし（職員数 0）", "n/a (headcount 0)"),
        "table_view": ("表形式で見る（すべての数値）", "As a table (every number)"),
        "drill_down": ("配下を表示", "Show units below"),
        "coverage_help": (
            "各セルは、その所属（配下を含む）の職員のうち、スキルが指定レベル以上の人数の割合です。セルにカーソルを合わせると人数が表示されます。",
            "Each cell is the share of the unit's staff (units below included) at or above the level. Hover a cell for the numbers."
        ),
        "whole_scope": ("全体", "All"),
        "leader": ("リーダー", "Leaders"),
        "sub_leader": ("サブリーダー", "Sub-leaders"),
        "status": ("状態", "Status"),
        "no_leader": ("★ リーダー不在", "★ no leader"),
        "placed": ("配置済", "placed"),
        "sections_without_leader": ("リーダー不在の課", "Sections without a leader"),
        "warnings": ("注意", "Warnings"),
        "no_warnings": ("注意事項はありません。", "No warnings."),
        "employee_no": ("職員番号", "Employee no."),
        "reason": ("理由", "Reason"),
        "moved_away": ("異動により不在", "moved away"),
        "retired": ("退職", "retired"),
        "not_counted": ("算定対象外（任用区分など）", "not counted (employment type)"),
        "fiscal_year": ("年度", "Fiscal year"),
        "target": ("目標", "Target"),
        "actual": ("実績", "Actual"),
        "goal": ("目標値", "Goal"),
        "met": ("達成", "met"),
        "unmet": ("未達", "not met"),
        "attainment": ("達成状況", "Attainment"),
        "tenant_wide": ("全庁", "Tenant-wide"),
        "no_targets": ("この年度の目標は設定されていません。", "No targets are set for this fiscal year."),
        "file": ("CSVファイル", "CSV file"),
        "preview": ("影響を確認", "Preview the impact"),
        "transfers_help": (
            "異動内示のCSV（職員番号, 異動先所属コード, 発令日）を選んでください。データは一切書き込まれません。",
            "Choose a planned-transfers CSV (employee_no, unit_code, effective_on). Nothing is written."
        ),
        "effective_on": ("発令日", "Effective on"),
        "before": ("異動前", "Before"),
        "after": ("異動後", "After"),
        "changes": ("達成状況が変わる目標", "Targets whose status changes"),
        "no_changes": ("達成状況の変わる目標はありません。", "No target changes its status."),
        "leaders_leaving": ("指名された所属を離れるリーダー", "Leaders leaving the unit they are designated for"),
        "none": ("ありません。", "None."),
        "role": ("役割", "Role"),
        "upload": ("取り込む", "Import"),
        "dry_run": ("検証のみ（書き込まない）", "Validate only (write nothing)"),
        "encoding": ("文字コード", "Encoding"),
        "auto": ("自動判定", "detect"),
        "training_help": (
            "受講記録のCSV（職員番号, 研修コード, 修了日, 状態, 得点, 時間）を選んでください。1行でも誤りがあれば何も書き込みません。",
            "Choose a training CSV (employee_no, course_code, completed_on, status, score, hours). One bad row and nothing is written."
        ),
        "roles_help": (
            "権限のCSV（職員番号またはユーザー, 権限, 所属コード, 開始日, 終了日）も取り込めます。新しい権限の開始日の前日で、それまでの権限が終了します。",
            "Or a roles CSV (employee_no or user, role, unit_code, valid_from, valid_to): an earlier grant ends the day before the new one begins."
        ),
        "import_kind": ("取り込むデータ", "File"),
        "kind_training": ("受講記録", "Training records"),
        "kind_roles": ("権限", "Role grants"),
        "ended": ("終了した既存の権限", "Earlier grants ended"),
        "errors": ("エラー", "Errors"),
        "errors_nothing_written": ("件のエラーがあります。何も書き込まれていません。", "problem(s); nothing was written."),
        "line": ("行", "Line"),
        "column": ("列", "Column"),
        "value": ("値", "Value"),
        "rows": ("行数", "Rows"),
        "inserted": ("追加", "Inserted"),
        "updated": ("更新", "Updated"),
        "unchanged": ("変更なし", "Unchanged"),
        "written": ("取り込みました。", "Imported."),
        "validated": ("検証しました（書き込みなし）。", "Validated (nothing written)."),
        "group": ("グループ", "Group"),
        "group_none": ("なし", "none"),
        "group_grade": ("職級", "grade"),
        "group_job_track": ("職種区分", "job track"),
        "rank": ("順位", "Rank"),
        "name": ("氏名", "Name"),
        "total": ("合計", "Total"),
        "percentile": ("パーセンタイル", "Percentile"),
        "incomplete": ("未完了", "incomplete"),
        "download_xlsx": ("Excelで保存", "Download Excel"),
        "download_csv": ("CSVをダウンロード（Excel向け UTF-8 BOM付き）", "Download CSV (UTF-8 with BOM, for Excel)"),
        "no_criteria": ("この年度の評価基準はありません。", "No evaluation criteria for this fiscal year."),
        "all_units": ("すべて", "all"),
        "nothing_for_role": (
            "この役割で表示できる画面はありません。",
            "There is no page for this role."
        ),
        "error": ("エラー", "Error"),
        "not_found": ("見つかりません。", "Not found."),
        "forbidden": ("この操作は許可されていません。", "You are not allowed to do this."),
        "bad_request": ("入力に誤りがあります。", "The request is not valid."),
        "server_error": ("エラーが発生しました。", "Something went wrong."),
        "request_id": ("リクエストID", "Request id"),
        "back_home": ("ホームへ戻る", "Back to the home page"),
        "role_admin": ("システム管理者", "administrator"),
        "role_hr": ("人事課", "HR"),
        "role_manager": ("所属長", "manager"),
        "role_evaluator": ("評価者", "evaluator"),
        "role_staff": ("職員", "staff"),
    ]
}
