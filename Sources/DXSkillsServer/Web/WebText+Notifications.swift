/// The words of the お知らせ page (reference §8.3).
extension WebText {
    static let notifications: [String: (ja: String, en: String)] = [
        "notifications": ("お知らせ", "Notices"),
        "notifications_help": (
            "期限が近い資格、キャリアプランの期限、DX推進リーダーの不在や任期満了、判断待ちの申請をお知らせします。新しいものが上です。",
            "Certifications about to expire, career-plan stages falling due, DX leaders lost or ending their term, and claims awaiting a decision. Newest first."
        ),
        "notifications_empty": ("お知らせはありません。", "There are no notices."),
        "notifications_summary": ("{n} 件 (未読 {u} 件)", "{n} notices ({u} unread)"),
        "notifications_mark_all": ("すべて既読にする", "Mark all as read"),
        "notifications_mark_one": ("既読にする", "Mark as read"),
        "notifications_marked": ("{n} 件を既読にしました。", "{n} marked as read."),
        "notification_day": ("日付", "Day"),
        "notification_rule": ("種類", "Kind"),
        "notification_text": ("内容", "Notice"),
        "notification_state": ("状態", "State"),
        "notification_read": ("既読", "Read"),
        "notification_unread": ("未読", "Unread"),
        "rule_cert_expiring": ("資格の期限", "Certification expiring"),
        "rule_plan_stage_due": ("プランの期限", "Plan stage due"),
        "rule_plan_stage_behind": ("プランの遅れ", "Plan stage behind"),
        "rule_leader_missing": ("リーダー不在", "Leader missing"),
        "rule_term_ending": ("任期満了", "Term ending"),
        "rule_claim_waiting": ("判断待ちの申請", "Claim waiting"),
    ]
}
