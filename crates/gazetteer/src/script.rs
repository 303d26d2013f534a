//! Script handling for Chinese and Latin text: folding Traditional to Simplified characters
//! and full-width ASCII to half-width (one character to one character, so character offsets
//! survive), and a cheap guess at whether a text is written in zh-Hant, zh-Hans or Latin.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The writing system a text is mostly written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    /// No Han characters at all (English and other Latin-script text, digits, empty input).
    Latin,
    /// Chinese with more Traditional-only than Simplified-only characters.
    Hant,
    /// Chinese with more Simplified-only characters, or Chinese that uses only characters
    /// common to both scripts (e.g. "日本"), which cannot be told apart.
    Hans,
    /// Chinese with both kinds of script-specific characters and neither twice as frequent as
    /// the other (a quotation in the other script, a copy-paste mix).
    Mixed,
}

impl Script {
    /// BCP 47 style tag: `en` for Latin text, `zh-Hant`, `zh-Hans`, `zh` for Mixed.
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "en",
            Script::Hant => "zh-Hant",
            Script::Hans => "zh-Hans",
            Script::Mixed => "zh",
        }
    }
}

/// Fold Traditional Chinese characters to Simplified, full-width ASCII (U+FF01..U+FF5E) and
/// the ideographic space (U+3000) to their ASCII counterparts; nothing else changes.
///
/// The mapping is one character to one character (the `fast2s` table maps single characters,
/// with a little context for a few ambiguous ones such as 乾 in 乾隆), so the n-th character of
/// the output corresponds to the n-th character of the input. Byte offsets do not survive
/// full-width folding (3 bytes become 1); use [`crate::Gazetteer::mentions`] for offsets into
/// the original text.
pub fn normalize_script(text: &str) -> String {
    let has_wide = text.chars().any(|c| is_fullwidth(c) || is_typographic_apostrophe(c));
    let has_han = text.chars().any(|c| c.len_utf8() == 3 && !is_fullwidth(c) && !is_typographic_apostrophe(c));
    let folded = if has_han { fast2s::convert(text) } else { text.to_owned() };
    if !has_wide {
        return folded;
    }
    folded.chars().map(fold_width).collect()
}

/// Curly and modifier apostrophes, folded to `'` so "People’s Republic of China" matches the
/// alias "People's Republic of China" (and not the shorter "Republic of China").
fn is_typographic_apostrophe(c: char) -> bool {
    matches!(c, '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}')
}

fn is_fullwidth(c: char) -> bool {
    ('\u{FF01}'..='\u{FF5E}').contains(&c) || c == '\u{3000}'
}

fn fold_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        c if is_typographic_apostrophe(c) => '\'',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
        _ => c,
    }
}

/// Text normalized for matching, with a map back to byte offsets in the original.
pub(crate) struct Normalized {
    /// Script-folded text, case preserved.
    pub cased: String,
    /// The same text with ASCII letters lowercased (same byte layout as `cased`).
    pub lower: String,
    /// For every byte offset in `cased` that starts a character, and for its length, the
    /// corresponding byte offset in the original text. Other entries are unused.
    pub to_orig: Vec<usize>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let folded = normalize_script(original);
        let mut cased = String::with_capacity(folded.len());
        let mut to_orig = Vec::with_capacity(folded.len() + 1);
        let mut orig_iter = original.char_indices();
        for n in folded.chars() {
            // normalize_script maps one char to one char, so the iterators stay in step.
            let (pos, _) = orig_iter.next().expect("one-to-one normalization");
            for _ in 0..n.len_utf8() {
                to_orig.push(pos);
            }
            cased.push(n);
        }
        debug_assert!(orig_iter.next().is_none(), "one-to-one normalization");
        to_orig.push(original.len());
        let lower = cased.to_ascii_lowercase();
        Normalized { cased, lower, to_orig }
    }
}

/// Is `c` a Han ideograph (CJK Unified Ideographs, Extension A, Compatibility Ideographs)?
pub(crate) fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// A character that continues a Latin-script word: letters and digits, but not Han
/// characters, kana or hangul (Chinese text has no spaces, so a Han neighbour is a boundary).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && (c as u32) < 0x2E80
}

/// Simplified characters that are also ordinary Traditional characters (the Simplified form
/// merged a Traditional character into an existing one: 後→后, 乾/幹→干, 臺→台 …). They are
/// targets of the Traditional→Simplified table, but seeing them says nothing about the script.
const SHARED: &str = "才后干台里面只几丑卜谷系斗冲云范松征余制志咸表折采朴沈舍夸凶并困向合家姜致胡借欲\
游御准占了出克党回布千叶卷蒙托扣据杰岳周注奸尸局巨辟雕踊升划历帘弦术仆夫丰吊咨梁秋症筑念痴背佣\
价伙刮于蜡腊朱郁喂岩愿厘吃霉冬曲须只向汇";

struct ScriptSets {
    hant_only: HashSet<char>,
    hans_only: HashSet<char>,
}

fn script_sets() -> &'static ScriptSets {
    static SETS: OnceLock<ScriptSets> = OnceLock::new();
    SETS.get_or_init(|| {
        let shared: HashSet<char> = SHARED.chars().collect();
        let mut hant_only = HashSet::new();
        let mut targets = HashSet::new();
        let mut buf = [0u8; 4];
        for cp in (0x3400u32..=0x4DBF).chain(0x4E00..=0x9FFF) {
            let Some(c) = char::from_u32(cp) else { continue };
            let s = fast2s::convert(c.encode_utf8(&mut buf));
            let mut it = s.chars();
            if let (Some(t), None) = (it.next(), it.next()) {
                if t != c {
                    hant_only.insert(c);
                    targets.insert(t);
                }
            }
        }
        let hans_only = targets
            .into_iter()
            .filter(|t| !hant_only.contains(t) && !shared.contains(t))
            .collect();
        ScriptSets { hant_only, hans_only }
    })
}

/// Guess the script of `text` by counting characters that exist in only one of the two Chinese
/// scripts: Traditional-only characters are those the Traditional→Simplified table changes;
/// Simplified-only characters are the table's targets minus a list of characters that are
/// ordinary in both scripts (后, 干, 台 …). Text without Han characters is [`Script::Latin`].
pub fn detect_script(text: &str) -> Script {
    let sets = script_sets();
    let (mut han, mut t, mut s) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        if !is_han(c) {
            continue;
        }
        han += 1;
        if sets.hant_only.contains(&c) {
            t += 1;
        } else if sets.hans_only.contains(&c) {
            s += 1;
        }
    }
    if han == 0 {
        Script::Latin
    } else if t > 0 && s > 0 && t < 2 * s && s < 2 * t {
        Script::Mixed
    } else if t > s {
        Script::Hant
    } else {
        Script::Hans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_norm(input: &str, expected: &str) {
        assert_eq!(normalize_script(input), expected, "normalize_script({input:?})");
        assert_eq!(input.chars().count(), expected.chars().count());
    }

    #[test]
    fn folds_traditional_to_simplified() {
        check_norm("美國與歐盟", "美国与欧盟");
        check_norm("華盛頓", "华盛顿");
        check_norm("布魯塞爾", "布鲁塞尔");
        check_norm("臺灣", "台湾");
        check_norm("克里姆林宮", "克里姆林宫");
    }

    #[test]
    fn leaves_simplified_and_latin_alone() {
        check_norm("美国 and the U.S.", "美国 and the U.S.");
        check_norm("", "");
        check_norm("日本", "日本");
    }

    #[test]
    fn folds_full_width_ascii() {
        check_norm("ＵＳ　ＡＩ", "US AI");
        check_norm("（美國）", "(美国)");
    }

    #[test]
    fn normalized_offsets_map_back() {
        let n = Normalized::new("ＵＳ與中國");
        assert_eq!(n.cased, "US与中国");
        assert_eq!(n.lower, "us与中国");
        assert_eq!(n.to_orig[0], 0);
        assert_eq!(n.to_orig[1], 3);
        assert_eq!(n.to_orig[2], 6);
        assert_eq!(*n.to_orig.last().unwrap(), "ＵＳ與中國".len());
    }

    fn check_script(input: &str, expected: Script) {
        assert_eq!(detect_script(input), expected, "detect_script({input:?})");
    }

    #[test]
    fn detects_scripts() {
        check_script("The United States and China", Script::Latin);
        check_script("", Script::Latin);
        check_script("美國對中國實施出口管制", Script::Hant);
        check_script("美国对中国实施出口管制", Script::Hans);
        check_script("日本", Script::Hans);
        check_script("美國对中國实施出口管制", Script::Mixed);
        check_script("皇后與台灣", Script::Hant);
    }
}
