//! Sentence splitting in both languages, abbreviations kept whole.

use softbalance_coder::sentences::split;

fn check(text: &str, expected: &[&str]) {
    let got: Vec<&str> = split(text).into_iter().map(|(s, e)| &text[s..e]).collect();
    assert_eq!(got, expected, "splitting {text:?}");
}

#[test]
fn english_periods_and_abbreviations() {
    check("The U.S. imposed sanctions. China protested.", &["The U.S. imposed sanctions.", "China protested."]);
    check("Mr. Biden met Gen. Milley. They spoke.", &["Mr. Biden met Gen. Milley.", "They spoke."]);
    check("Talks resumed in Jan. 2019 with the U.K. present.", &["Talks resumed in Jan. 2019 with the U.K. present."]);
    check("Growth was 3.5 percent! Really? Yes.", &["Growth was 3.5 percent!", "Really?", "Yes."]);
    check("e.g. this stays whole.", &["e.g. this stays whole."]);
}

#[test]
fn chinese_marks() {
    check("美國宣布制裁。中國表示抗議！雙方會談？", &["美國宣布制裁。", "中國表示抗議！", "雙方會談？"]);
    check("美国说：“我们反对。”中方回应。", &["美国说：“我们反对。”", "中方回应。"]);
}

#[test]
fn mixed_lines_and_edges() {
    check("", &[]);
    check("   \n  ", &[]);
    check("One line\nsecond line", &["One line", "second line"]);
    check("No final period", &["No final period"]);
    check("美國宣布制裁. China protested.", &["美國宣布制裁.", "China protested."]);
}
