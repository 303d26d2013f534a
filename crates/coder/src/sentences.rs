//! Sentence splitting for long inputs, in both languages, without a model: Chinese ends a
//! sentence at 。！？ (and their half-width forms ! ?), English at `.`, `!` or `?` followed by
//! a space and a capital, a digit, a quote or CJK text. Periods of abbreviations do not end a
//! sentence: single letters and dotted initialisms ("U.S.", "U.K.", "e.g."), titles ("Mr.",
//! "Dr.", "Gen."), months and a list of common ones. Line breaks end a sentence too.

const ABBREV: [&str; 40] = [
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sen", "rep", "gov", "pres", "st", "sr",
    "jr", "inc", "corp", "ltd", "co", "no", "vs", "etc", "al", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art", "sec", "fig", "approx", "dept",
];

/// Byte ranges `(start, end)` of the sentences of `text`, whitespace trimmed, empty ones
/// dropped. Concatenating the ranges' gaps gives back only whitespace and separators.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let end = i + c.len_utf8();
        let cut = match c {
            '。' | '！' | '？' | '\n' => true,
            '!' | '?' => next_starts_sentence(text, end) || has_cjk_before(text, i),
            '.' => {
                let decimal = i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit();
                !(decimal || is_abbreviation(text, start, i)) && next_starts_sentence(text, end)
            }
            _ => false,
        };
        if cut {
            // Keep closing quotes and brackets with the sentence they close.
            let mut stop = end;
            while let Some(&(j, d)) = iter.peek() {
                if matches!(d, '"' | '\'' | '”' | '’' | '」' | '』' | ')' | '）') {
                    stop = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            push(text, start, stop, &mut out);
            start = stop;
        }
    }
    push(text, start, text.len(), &mut out);
    out
}

fn push(text: &str, s: usize, e: usize, out: &mut Vec<(usize, usize)>) {
    let slice = &text[s..e];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push((s + lead, e - trail));
    }
}

fn has_cjk_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(crate::text::is_cjk)
}

/// After a period: whitespace then an uppercase letter, digit, quote or CJK character, or the
/// end of the text.
fn next_starts_sentence(text: &str, from: usize) -> bool {
    let rest = &text[from..];
    let trimmed = rest.trim_start();
    if trimmed.is_empty() {
        return true;
    }
    if trimmed.len() == rest.len() {
        // No space after the mark: "U.S.-China", "3.5", "example.com".
        return rest.chars().next().is_some_and(crate::text::is_cjk);
    }
    let c = trimmed.chars().next().expect("non-empty");
    c.is_uppercase() || c.is_ascii_digit() || crate::text::is_cjk(c) || "\"'“‘(「".contains(c)
}

fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = &text[sentence_start..dot];
    let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // Dotted initialisms: "U.S", "e.g", "U.K", "P.R.C".
    if word.contains('.') && word.split('.').all(|p| p.len() <= 2) {
        return true;
    }
    // A single letter: an initial.
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    let lower = word.to_ascii_lowercase();
    ABBREV.contains(&lower.as_str())
}
