import DXSkillsCore

/// One 課 (or 室) in the organization plan.
struct DemoSectionPlan: Sendable {
    var name: String
    var kind = "課"
    var it = false
    var validFrom = Day.april1(2019)
    /// The 課 that replaces this one in the 2024 reorganization (組織改正).
    var successor: String? = nil
    /// Always part of the city, however small: the demo's users and the IT department rely on it.
    var essential = false
}

/// One 部 (or a 室 directly under a 局, which then has no sections of its own).
struct DemoDivisionPlan: Sendable {
    var name: String
    var kind = "部"
    var it = false
    var sections: [DemoSectionPlan]
}

/// One 局 and its divisions; `technical` 局 are where technical-track staff mostly work.
struct DemoBureauPlan: Sendable {
    var name: String
    var technical = false
    var divisions: [DemoDivisionPlan]
}

enum DemoOrganization {
    static let reorganizedOn = Day.april1(2024)

    private static func division(_ name: String, it: Bool = false, _ sections: [String]) -> DemoDivisionPlan {
        DemoDivisionPlan(name: name, it: it, sections: sections.map { DemoSectionPlan(name: $0, it: it) })
    }

    private static func office(_ name: String) -> DemoDivisionPlan {
        DemoDivisionPlan(name: name, kind: "室", sections: [])
    }

    /// The central offices, most important first: a small city keeps only the first few.
    static let bureaus: [DemoBureauPlan] = [
        DemoBureauPlan(
            name: "総務局",
            divisions: [
                DemoDivisionPlan(
                    name: "総務部",
                    sections: [
                        DemoSectionPlan(name: "人事課", essential: true), DemoSectionPlan(name: "総務課"),
                        DemoSectionPlan(name: "職員課"), DemoSectionPlan(name: "法制課"), DemoSectionPlan(name: "行政改革推進課"),
                    ]),
                DemoDivisionPlan(
                    name: "デジタル推進部", it: true,
                    sections: [
                        DemoSectionPlan(name: "情報政策課", it: true, essential: true),
                        DemoSectionPlan(name: "情報システム課", it: true, essential: true),
                        DemoSectionPlan(name: "DX推進室", kind: "室", it: true, validFrom: Day.april1(2021), essential: true),
                        DemoSectionPlan(name: "デジタル行政推進課", it: true),
                        DemoSectionPlan(name: "データ活用推進課", it: true),
                        DemoSectionPlan(name: "情報セキュリティ課", it: true),
                    ]),
                office("危機管理室"),
            ]),
        DemoBureauPlan(
            name: "財政局",
            divisions: [
                division("財政部", ["財政課", "資産経営課", "契約課"]),
                division("税務部", ["税制課", "市民税課", "資産税課", "納税課"]),
            ]),
        DemoBureauPlan(
            name: "市民局",
            divisions: [
                DemoDivisionPlan(
                    name: "区政推進部",
                    sections: [
                        DemoSectionPlan(name: "窓口サービス課", successor: "窓口改革課", essential: true),
                        DemoSectionPlan(name: "区政推進課"), DemoSectionPlan(name: "市民課"), DemoSectionPlan(name: "戸籍住民課"),
                    ]),
                division("市民生活部", ["市民協働課", "男女共同参画課", "消費生活課"]),
                division("文化スポーツ部", ["文化振興課", "スポーツ振興課"]),
            ]),
        DemoBureauPlan(
            name: "健康福祉局",
            divisions: [
                division("健康福祉部", ["健康福祉総務課", "地域福祉課", "生活福祉課", "障害福祉課", "高齢福祉課", "介護保険課"]),
                division("保健所", ["健康推進課", "保健予防課", "生活衛生課"]),
                division("保険年金部", ["国民健康保険課", "年金課"]),
            ]),
        DemoBureauPlan(
            name: "こども未来局",
            divisions: [
                division("こども未来部", ["こども企画課", "子育て支援課", "保育運営課", "幼児教育課"]),
                division("こども家庭部", ["こども家庭支援課", "児童相談課"]),
            ]),
        DemoBureauPlan(
            name: "環境局", technical: true,
            divisions: [
                division("環境保全部", ["環境政策課", "環境保全課", "自然保護課"]),
                division("資源循環部", ["廃棄物対策課", "収集業務課", "清掃工場管理課"]),
            ]),
        DemoBureauPlan(
            name: "都市局", technical: true,
            divisions: [
                division("都市計画部", ["都市計画課", "都市交通課", "市街地整備課"]),
                division("建築部", ["建築指導課", "住宅政策課", "公共建築課"]),
            ]),
        DemoBureauPlan(
            name: "建設局", technical: true,
            divisions: [
                division("土木部", ["土木管理課", "道路計画課", "道路建設課", "河川整備課"]),
                division("公園緑地部", ["公園管理課", "緑政課"]),
            ]),
        DemoBureauPlan(
            name: "港湾局", technical: true,
            divisions: [
                division("港湾振興部", ["港湾振興課", "港営課"]),
                division("港湾整備部", ["港湾計画課", "港湾建設課"]),
            ]),
        DemoBureauPlan(
            name: "経済局",
            divisions: [
                division("経済部", ["経済政策課", "産業振興課", "雇用推進課"]),
                division("農政部", ["農政課", "農地活用課"]),
                office("観光推進室"),
            ]),
        DemoBureauPlan(
            name: "消防局",
            divisions: [
                division("警防部", ["警防課", "救急課", "指令課"]),
                division("予防部", ["予防課", "査察課"]),
                division("総務部", ["消防総務課"]),
            ]),
        DemoBureauPlan(
            name: "教育委員会事務局",
            divisions: [
                division("教育総務部", ["教育総務課", "教職員課", "学校施設課"]),
                division("学校教育部", ["学校教育課", "指導課", "特別支援教育課"]),
                division("生涯学習部", ["生涯学習振興課", "図書館管理課"]),
            ]),
        DemoBureauPlan(
            name: "政策企画局",
            divisions: [
                division("政策企画部", ["政策企画課", "広報課", "広聴課"]),
                office("国際交流室"),
            ]),
        DemoBureauPlan(
            name: "水道局", technical: true,
            divisions: [
                division("総務部", ["水道総務課", "料金課"]),
                division("工務部", ["配水課", "浄水課"]),
            ]),
        DemoBureauPlan(
            name: "議会事務局",
            divisions: [division("議事調査部", ["議事課", "調査課"])]),
    ]

    /// A ward office (区役所), repeated for large cities.
    static func ward(_ index: Int) -> DemoBureauPlan {
        let names = DemoNames.wards
        let base = names[index % names.count]
        let name = index < names.count ? "\(base)区役所" : "\(base)第\(index / names.count + 1)区役所"
        return DemoBureauPlan(
            name: name,
            divisions: [
                division("区民部", ["総務課", "地域振興課", "戸籍住民課", "保険年金課", "税務課"]),
                division("保健福祉センター", ["福祉課", "こども家庭課", "健康づくり課", "高齢障害支援課"]),
            ])
    }
}
