//! Number and text formatting shared by the renderers.

/// `151442.2` → `151,442.2` with `decimals` digits after the point.
pub fn thousands(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// A value as the source prints it: integers without decimals, others with up to 3.
pub fn value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        thousands(v, 0)
    } else {
        let s = thousands(v, 3);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A share as a whole percentage, never rounded to 0% or 100% when it is not exactly that:
/// 0.996 is `99.6%`, 0.9999 is `>99.9%`, 0.0004 is `<0.1%`.
pub fn pct(v: f64) -> String {
    let p = v * 100.0;
    if p > 0.0 && p < 0.05 {
        "<0.1%".into()
    } else if p < 100.0 && p > 99.95 {
        ">99.9%".into()
    } else if (p > 0.0 && p < 0.5) || (p < 100.0 && p >= 99.5) {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

/// An optional score: `0.642` or `missing`.
pub fn score(v: Option<f64>) -> String {
    v.map(|x| format!("{x:.3}")).unwrap_or_else(|| "missing".into())
}


/// Pad `s` with spaces to `width` terminal columns (CJK characters take two).
pub fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

/// Escape a Markdown table cell.
pub fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `en` and `zh` side by side, whichever exist.
pub fn both(en: &str, zh: &str) -> String {
    match (en.is_empty(), zh.is_empty()) {
        (false, false) => format!("{en} / {zh}"),
        (false, true) => en.to_string(),
        (true, false) => zh.to_string(),
        (true, true) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shares_are_never_rounded_to_certainty() {
        assert_eq!(super::pct(0.996), "99.6%");
        assert_eq!(super::pct(1.0), "100%");
        assert_eq!(super::pct(0.9999), ">99.9%");
        assert_eq!(super::pct(0.0), "0%");
        assert_eq!(super::pct(0.004), "0.4%");
        assert_eq!(super::pct(0.0002), "<0.1%");
        assert_eq!(super::pct(0.5), "50%");
    }

    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(151442.2, 1), "151,442.2");
        assert_eq!(thousands(504935.4, 1), "504,935.4");
        assert_eq!(thousands(999.0, 0), "999");
        assert_eq!(thousands(-16.6021, 3), "-16.602");
        assert_eq!(value(2257.0), "2,257");
        assert_eq!(value(14.03), "14.03");
    }
}
