//! `normalize_script` and `detect_script` on whole sentences.

use softbalance_gazetteer::{detect_script, normalize_script, Script};

#[track_caller]
fn check_norm(input: &str, expected: &str) {
    assert_eq!(normalize_script(input), expected, "normalize_script({input:?})");
}

#[track_caller]
fn check_script(input: &str, expected: Script) {
    assert_eq!(detect_script(input), expected, "detect_script({input:?})");
}

#[test]
fn normalize_sentences() {
    check_norm("美國商務部將華為列入實體清單。", "美国商务部将华为列入实体清单。");
    check_norm("歐盟與日本簽署數位夥伴關係協定", "欧盟与日本签署数位伙伴关系协定");
    check_norm("美国商务部", "美国商务部");
    check_norm("ＧＰＡＩ（全球人工智慧夥伴）", "GPAI(全球人工智慧伙伴)");
    check_norm("U.S. export controls", "U.S. export controls");
}

#[test]
fn detect_sentences() {
    check_script("美國商務部將華為列入實體清單。", Script::Hant);
    check_script("美国商务部将华为列入实体清单。", Script::Hans);
    check_script("The Commerce Department added Huawei to the Entity List.", Script::Latin);
    check_script("蔡英文總統宣布義務役恢復為一年", Script::Hant);
    check_script("普京在国情咨文中展示新型导弹", Script::Hans);
    check_script("G7 與 G20", Script::Hant);
    check_script("2024", Script::Latin);
}

#[test]
fn script_tags() {
    assert_eq!(Script::Hant.as_str(), "zh-Hant");
    assert_eq!(Script::Hans.as_str(), "zh-Hans");
    assert_eq!(Script::Latin.as_str(), "en");
    assert_eq!(Script::Mixed.as_str(), "zh");
}
