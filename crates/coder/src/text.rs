//! Text normalization with an offset map, language detection and tokenization.
//!
//! Everything the coder matches or counts is computed on a *normalized* copy of the input:
//! Traditional characters mapped to Simplified and full-width forms to half-width (the
//! gazetteer's `normalize_script`, one character to one character), ASCII lowercased. The
//! copy keeps a byte-offset map back to the original so every cue the coder reports is a
//! substring of what the user wrote, in the user's own script (issue #3, item 2).

use serde::Serialize;

/// The three language tags the coder reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "zh-Hans")]
    ZhHans,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh-Hant" => Some(Lang::ZhHant),
            "zh-Hans" => Some(Lang::ZhHans),
            _ => None,
        }
    }

    pub fn is_zh(self) -> bool {
        self != Lang::En
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// True for the CJK ideographs the coder treats as Chinese text.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// A normalized copy of a text and the map from its byte offsets to the original's.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `map[i]` is the original byte offset of normalized byte `i`; one extra entry for the
    /// end, so `map[text.len()] == original.len()`.
    map: Vec<u32>,
    /// How many characters changed under script normalization: evidence for zh-Hant.
    pub traditional_chars: usize,
    pub cjk_chars: usize,
    pub latin_letters: usize,
    /// The gazetteer's script guess for Chinese text (Traditional-only vs Simplified-only
    /// characters); `None` for Latin text or a mix it cannot call.
    hant: Option<bool>,
}

impl Normalized {
    pub fn new(original: &str) -> Normalized {
        let simplified = crate::gaz::normalize_script(original);
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut traditional_chars = 0;
        let mut cjk_chars = 0;
        let mut latin_letters = 0;
        // The gazetteer maps one character to one character; if a future table breaks that,
        // fall back to the original characters rather than misplace every offset.
        let same_len = simplified.chars().count() == original.chars().count();
        let mut norm_chars = simplified.chars();
        for (pos, orig) in original.char_indices() {
            let n = if same_len { norm_chars.next().unwrap_or(orig) } else { orig };
            if is_cjk(orig) {
                cjk_chars += 1;
                if n != orig {
                    traditional_chars += 1;
                }
            }
            let n = n.to_ascii_lowercase();
            if n.is_ascii_alphabetic() {
                latin_letters += 1;
            }
            let before = text.len();
            text.push(n);
            for _ in before..text.len() {
                map.push(pos as u32);
            }
        }
        map.push(original.len() as u32);
        let hant = if cjk_chars > 0 { crate::gaz::is_traditional(original) } else { None };
        Normalized { text, map, traditional_chars, cjk_chars, latin_letters, hant }
    }

    /// The original byte range of a normalized byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        // Normalized character boundaries are original character boundaries (one character
        // to one character), so the exclusive end maps like the start.
        let last = self.map.len() - 1;
        let s = self.map[start.min(last)] as usize;
        let e = self.map[end.min(last)] as usize;
        (s, e.max(s))
    }

    /// The normalized byte offset of an original byte offset (the first normalized byte
    /// whose original offset is not before it).
    pub fn to_norm(&self, original: usize) -> usize {
        self.map.partition_point(|&x| (x as usize) < original).min(self.text.len())
    }

    /// The language tag: Chinese when there are at least one CJK ideograph per eight Latin
    /// letters (so an English sentence quoting a Chinese name stays English, and a Chinese
    /// one with "AI" or "OECD" in it stays Chinese), Traditional when any character is
    /// changed by script normalization.
    pub fn lang(&self) -> Lang {
        if self.cjk_chars == 0 || self.cjk_chars * 8 < self.latin_letters {
            Lang::En
        } else if self.hant.unwrap_or(self.traditional_chars * 10 > self.cjk_chars) {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        }
    }
}

/// One token of the normalized text: a Latin word, one CJK character, or an actor role
/// placeholder that replaces a gazetteer mention (see `features`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok<'a> {
    Word(&'a str),
    Cjk(char),
    Role(&'static str),
}

/// A token with its byte span in the normalized text.
#[derive(Clone, Copy, Debug)]
pub struct Token<'a> {
    pub tok: Tok<'a>,
    pub start: usize,
    pub end: usize,
}

/// Split normalized text into tokens. `roles` are non-overlapping, sorted spans that become
/// one role token each. Punctuation and spaces separate tokens and are dropped.
pub fn tokenize<'a>(text: &'a str, roles: &[(usize, usize, &'static str)]) -> Vec<Token<'a>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 3);
    let mut i = 0;
    let mut r = 0;
    while i < text.len() {
        while r < roles.len() && roles[r].1 <= i {
            r += 1;
        }
        if r < roles.len() && roles[r].0 <= i {
            let (s, e, name) = roles[r];
            out.push(Token { tok: Tok::Role(name), start: s, end: e });
            i = e;
            r += 1;
            continue;
        }
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            let start = i;
            let stop = roles.get(r).map_or(text.len(), |x| x.0);
            while i < stop
                && (bytes[i].is_ascii_alphanumeric()
                    || (bytes[i] == b'\'' || bytes[i] == b'-')
                        && i + 1 < stop
                        && bytes[i + 1].is_ascii_alphanumeric())
            {
                i += 1;
            }
            out.push(Token { tok: Tok::Word(&text[start..i]), start, end: i });
            continue;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("char boundary");
        let len = c.len_utf8();
        if is_cjk(c) {
            out.push(Token { tok: Tok::Cjk(c), start: i, end: i + len });
        }
        i += len;
    }
    out
}

/// Is the byte at `i` (or the text edge) the start of a whole Latin word? Not after a letter
/// or digit, and a number does not start after a decimal point or a thousands separator
/// ("2 percent" is not in "7.2 percent" or "1,2 percent").
pub fn boundary_before(text: &str, i: usize) -> bool {
    let b = text.as_bytes();
    if i == 0 {
        return true;
    }
    if b[i - 1].is_ascii_alphanumeric() {
        return false;
    }
    let starts_with_digit = b.get(i).is_some_and(u8::is_ascii_digit);
    !(starts_with_digit && matches!(b[i - 1], b'.' | b',') && i >= 2 && b[i - 2].is_ascii_digit())
}

/// Inflectional endings any Latin cue may take without listing them: `sanction` matches
/// `sanctions`, `sanctioned`, `sanctioning`; a doubled final consonant: ban → banned.
const INFLECTIONS: [&str; 16] = [
    "s", "es", "ed", "d", "ing", "ies", "ied", "ned", "ning", "ted", "ting", "ped", "ping", "bed",
    "red", "ring",
];

/// Further endings a cue whose last word is longer than four letters may take: a stem like
/// `criticiz` matches `criticized`, `criticism`-like forms are listed in the codebook.
const DERIVATIONS: [&str; 17] = [
    "er", "ers", "ment", "ments", "ion", "ions", "ly", "e", "y", "al", "ation", "ations", "ize",
    "ized", "izes", "ise", "ised",
];

/// Where a Latin cue ending at `i` really ends, allowing an ending (inflectional only when
/// `short_tail`); `None` when the match stops inside a longer word, or inside a number
/// ("2" in "2.5").
pub fn word_end(text: &str, i: usize, short_tail: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    if i >= bytes.len() {
        return Some(i);
    }
    if !bytes[i].is_ascii_alphanumeric() {
        let number_goes_on = i > 0
            && bytes[i - 1].is_ascii_digit()
            && matches!(bytes[i], b'.' | b',')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        return (!number_goes_on).then_some(i);
    }
    let mut j = i;
    while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let rest = &text[i..j];
    if INFLECTIONS.contains(&rest) || (!short_tail && DERIVATIONS.contains(&rest)) {
        Some(j)
    } else {
        None
    }
}
