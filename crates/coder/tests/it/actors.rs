//! Actor detection without a given dyad: subject, coordination, targeting markers, both
//! scripts, Chinese compound abbreviations.

use softbalance_coder::Coder;

fn check(text: &str, balancer: Option<&str>, target: Option<&str>) {
    let c = Coder::shared().code_text(text, None, None);
    assert_eq!(
        (c.balancer.as_deref(), c.target.as_deref()),
        (balancer, target),
        "dyad of {text:?} (partners {:?})",
        c.partners
    );
}

#[test]
fn subject_and_marked_target() {
    check("The United States imposed export controls on China.", Some("USA"), Some("CHN"));
    check("Japan restricted exports of chipmaking tools against China.", Some("JPN"), Some("CHN"));
    check("Sanctions on Russia were announced by the European Union.", Some("EU"), Some("RUS"));
    check("In response to China's buildup, India raised its defence budget.", Some("IND"), Some("CHN"));
}

#[test]
fn coordination_partner_is_not_the_target() {
    check(
        "The United States and Japan agreed to coordinate export controls against China.",
        Some("USA"),
        Some("CHN"),
    );
    let c = Coder::shared().code_text(
        "The United States and Japan agreed to coordinate export controls against China.",
        None,
        None,
    );
    assert_eq!(c.partners, vec!["JPN".to_string()]);
}

#[test]
fn chinese_in_both_scripts() {
    check("美國對中國實施出口管制。", Some("USA"), Some("CHN"));
    check("美国对中国实施出口管制。", Some("USA"), Some("CHN"));
    check("日本針對中國限制半導體設備出口。", Some("JPN"), Some("CHN"));
    check("美蘇簽署備忘錄，架設直通熱線。", Some("USA"), Some("SUN"));
    check("美國擴大對華出口管制。", Some("USA"), Some("CHN"));
    // 華 alone is China only after 對/訪/駐…: not in 華為 (Huawei).
    check("華為發布新手機。", None, None);
}

#[test]
fn nothing_to_find() {
    check("Tariffs were raised on steel.", None, None);
    check("", None, None);
}
