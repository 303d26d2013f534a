//! Dates written in running text, English and Chinese (both scripts): "On 7 October 2022",
//! "October 7, 2022", "October 2022", "2022-10-07", "2022年10月7日", "二〇二二年", and the
//! yearless forms news prose uses ("October 7", "7月20日", "24日", "today", "昨天"), which
//! [`resolve`] completes from a reference date. Finding never panics and never guesses a
//! date it cannot check: a day is valid for its month, a year lies in 1500–2100.

use std::fmt;

/// A calendar date at year, month or day precision, printed `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD` (the case format's date forms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> PartialDate {
        PartialDate { year, month: None, day: None }
    }
    pub fn month(year: i32, month: u8) -> PartialDate {
        PartialDate { year, month: Some(month), day: None }
    }
    pub fn day(year: i32, month: u8, day: u8) -> PartialDate {
        PartialDate { year, month: Some(month), day: Some(day) }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// What a mention says, before any reference date is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSpec {
    /// A date with its year: complete as written.
    Full(PartialDate),
    /// Month and day without a year ("October 7", "7月20日").
    MonthDay { month: u8, day: u8 },
    /// A day of the month alone, as Chinese news writes it ("美國商務部24日宣布").
    Day(u8),
    /// Days from the reference date: "today" 0, "yesterday" -1.
    Relative(i8),
}

/// One date found in a text, with its byte range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub spec: DateSpec,
}

const YEARS: std::ops::RangeInclusive<i32> = 1500..=2100;

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: Option<i32>, m: u8) -> u8 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

fn valid(y: Option<i32>, m: u32, d: Option<u32>) -> bool {
    if !(1..=12).contains(&m) || y.is_some_and(|y| !YEARS.contains(&y)) {
        return false;
    }
    d.is_none_or(|d| d >= 1 && d <= days_in_month(y, m as u8) as u32)
}

/// Complete a mention with `reference` (the date of the surrounding context or of the
/// document). A yearless month-day later in the year than the reference's month belongs to
/// the year before; a day alone takes the reference's month (the month before when it is
/// later than the reference's day). `None` when the reference is missing or too coarse.
pub fn resolve(spec: DateSpec, reference: Option<PartialDate>) -> Option<PartialDate> {
    match spec {
        DateSpec::Full(d) => Some(d),
        DateSpec::MonthDay { month, day } => {
            let r = reference?;
            let year = match r.month {
                Some(rm) if month > rm => r.year - 1,
                _ => r.year,
            };
            valid(Some(year), month as u32, Some(day as u32)).then(|| PartialDate::day(year, month, day))
        }
        DateSpec::Day(day) => {
            let r = reference?;
            let (mut year, mut month) = (r.year, r.month?);
            if r.day.is_some_and(|rd| day > rd) {
                (year, month) = if month == 1 { (year - 1, 12) } else { (year, month - 1) };
            }
            valid(Some(year), month as u32, Some(day as u32)).then(|| PartialDate::day(year, month, day))
        }
        DateSpec::Relative(offset) => {
            let r = reference?;
            let (m, d) = (r.month?, r.day?);
            let (y, m, d) = civil_from_days(days_from_civil(r.year, m, d) + offset as i64);
            YEARS.contains(&y).then(|| PartialDate::day(y, m, d))
        }
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: u8, d: u8) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719468;
    let era = z.div_euclid(146097);
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m, d)
}

/// Every date mention in `text`, in order of position, none overlapping.
pub fn find(text: &str) -> Vec<DateMention> {
    let mut out = english(text);
    out.extend(chinese(text));
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut kept: Vec<DateMention> = Vec::new();
    for m in out {
        if kept.last().is_none_or(|k| m.start >= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// The first mention of a date with its year (a dateline, a meta value), if any.
pub fn first_full(text: &str) -> Option<(DateMention, PartialDate)> {
    find(text).into_iter().find_map(|m| match m.spec {
        DateSpec::Full(d) => Some((m, d)),
        _ => None,
    })
}

// ---- English -------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tk<'a> {
    Num(u32, usize),
    Word(&'a str),
    Punct(char),
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    tk: Tk<'a>,
    start: usize,
    end: usize,
    /// Whitespace (or nothing at all) separates it from the previous token.
    spaced: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut spaced = true;
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let mut end = i + c.len_utf8();
        let tk = if c.is_ascii_digit() {
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_digit() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            let digits = &text[i..end];
            // More than 9 digits is no date part; keep it as a number that matches nothing.
            let v = if digits.len() > 9 { u32::MAX } else { digits.parse().unwrap_or(u32::MAX) };
            Tk::Num(v, digits.len())
        } else if c.is_ascii_alphabetic() {
            while let Some(&(j, d)) = it.peek() {
                if !d.is_ascii_alphabetic() {
                    break;
                }
                end = j + 1;
                it.next();
            }
            Tk::Word(&text[i..end])
        } else {
            Tk::Punct(c)
        };
        out.push(Token { tk, start: i, end, spaced });
        spaced = false;
    }
    out
}

const MONTHS: [&str; 12] =
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// A capitalised month name or its abbreviation ("Oct", "Sept"); `May` only in full.
fn month_of(w: &str) -> Option<u8> {
    if !w.starts_with(|c: char| c.is_ascii_uppercase()) || w.len() < 3 {
        return None;
    }
    let lower = w.to_ascii_lowercase();
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower.as_str())))
        .map(|i| i as u8 + 1)
}

fn english(text: &str) -> Vec<DateMention> {
    let t = tokens(text);
    let mut out = Vec::new();
    let num = |k: usize, max_digits: usize| match t.get(k).map(|x| x.tk) {
        Some(Tk::Num(v, n)) if n <= max_digits => Some(v),
        _ => None,
    };
    let year_at = |k: usize| match t.get(k).map(|x| x.tk) {
        Some(Tk::Num(v, 4)) if YEARS.contains(&(v as i32)) => Some(v as i32),
        _ => None,
    };
    let punct = |k: usize, c: char| t.get(k).is_some_and(|x| x.tk == Tk::Punct(c));
    let tight = |k: usize| t.get(k).is_some_and(|x| !x.spaced);
    // A number ends where the next token is not a digit group glued to it ("2022-23", "7.2").
    let ends_clean = |k: usize| {
        !(tight(k + 1) && (punct(k + 1, '-') || punct(k + 1, '.') || punct(k + 1, '/')) && num(k + 2, 9).is_some() && tight(k + 2))
    };
    let mut k = 0;
    while k < t.len() {
        let push = |out: &mut Vec<DateMention>, a: usize, b: usize, spec| {
            out.push(DateMention { start: t[a].start, end: t[b].end, spec });
        };
        // 2022-10-07, 2022/10/07 (and the date of 2021-04-10 08:36:00).
        if let Some(y) = year_at(k) {
            let sep = t.get(k + 1).map(|x| x.tk);
            if let Some(Tk::Punct(s @ ('-' | '/'))) = sep {
                if tight(k + 1) && tight(k + 2) && punct(k + 3, s) && tight(k + 3) && tight(k + 4) {
                    if let (Some(m), Some(d)) = (num(k + 2, 2), num(k + 4, 2)) {
                        if valid(Some(y), m, Some(d)) && !(tight(k + 5) && num(k + 5, 9).is_some()) {
                            push(&mut out, k, k + 4, DateSpec::Full(PartialDate::day(y, m as u8, d as u8)));
                            k += 5;
                            continue;
                        }
                    }
                }
            }
        }
        match t[k].tk {
            // 7 October 2022, 7 Oct. 2022, 7 October
            Tk::Num(d, n) if n <= 2 && !(k > 0 && tight(k) && matches!(t[k - 1].tk, Tk::Num(..) | Tk::Punct('.'))) => {
                if let Some(Tk::Word(w)) = t.get(k + 1).map(|x| x.tk) {
                    if let Some(m) = month_of(w) {
                        let mut j = k + 2;
                        if punct(j, '.') && tight(j) {
                            j += 1;
                        }
                        if let Some(y) = year_at(j).filter(|_| ends_clean(j)) {
                            if valid(Some(y), m as u32, Some(d)) {
                                push(&mut out, k, j, DateSpec::Full(PartialDate::day(y, m, d as u8)));
                                k = j + 1;
                                continue;
                            }
                        } else if valid(None, m as u32, Some(d)) {
                            push(&mut out, k, k + 1, DateSpec::MonthDay { month: m, day: d as u8 });
                            k += 2;
                            continue;
                        }
                    }
                }
            }
            Tk::Word(w) => {
                if let Some(m) = month_of(w) {
                    let mut j = k + 1;
                    if punct(j, '.') && tight(j) {
                        j += 1;
                    }
                    // October 7, 2022 / October 7 2022 / October 7
                    if let Some(d) = num(j, 2).filter(|_| !(tight(j + 1) && num(j + 1, 9).is_some())) {
                        let mut y_at = j + 1;
                        if punct(y_at, ',') {
                            y_at += 1;
                        }
                        if let Some(y) = year_at(y_at).filter(|_| ends_clean(y_at)) {
                            if valid(Some(y), m as u32, Some(d)) {
                                push(&mut out, k, y_at, DateSpec::Full(PartialDate::day(y, m, d as u8)));
                            }
                            // An impossible day with its year (February 29, 2023) is no date.
                            k = y_at + 1;
                            continue;
                        }
                        if valid(None, m as u32, Some(d)) && !(tight(j + 1) && punct(j + 1, ':')) {
                            push(&mut out, k, j, DateSpec::MonthDay { month: m, day: d as u8 });
                            k = j + 1;
                            continue;
                        }
                    } else if let Some(y) = year_at(j).filter(|_| ends_clean(j)) {
                        // October 2022
                        push(&mut out, k, j, DateSpec::Full(PartialDate::month(y, m)));
                        k = j + 1;
                        continue;
                    }
                }
                let lower = w.to_ascii_lowercase();
                match lower.as_str() {
                    // in 2022 (not "in 2022-23", not "in 20220")
                    "in" => {
                        if let Some(y) = year_at(k + 1).filter(|_| ends_clean(k + 1)) {
                            push(&mut out, k + 1, k + 1, DateSpec::Full(PartialDate::year(y)));
                            k += 2;
                            continue;
                        }
                    }
                    "today" => push(&mut out, k, k, DateSpec::Relative(0)),
                    "yesterday" => push(&mut out, k, k, DateSpec::Relative(-1)),
                    _ => {}
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

// ---- Chinese -------------------------------------------------------------------------

fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | '○' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    digit_value(c).is_some() || cn_digit(c).is_some() || c == '十'
}

/// A number at char index `i`: Arabic (ASCII or full-width) digits, digit-by-digit Chinese
/// numerals (二〇二二), or a Chinese count up to 31 (七, 十, 十一, 二十三, 三十一). Returns the
/// value, how many digits were written (0 for a count with 十) and the index after it.
fn number(cs: &[(usize, char)], i: usize) -> Option<(u32, usize, usize, bool)> {
    let first = cs.get(i)?.1;
    if digit_value(first).is_some() {
        let mut v: u32 = 0;
        let mut j = i;
        while let Some(d) = cs.get(j).and_then(|x| digit_value(x.1)) {
            v = v.saturating_mul(10).saturating_add(d);
            j += 1;
        }
        return Some((v, j - i, j, true));
    }
    let mut j = i;
    let mut digits = Vec::new();
    let mut ten = None;
    while let Some(&(_, c)) = cs.get(j) {
        if c == '十' {
            if ten.is_some() {
                break;
            }
            ten = Some(digits.len());
        } else if let Some(d) = cn_digit(c) {
            digits.push(d);
        } else {
            break;
        }
        j += 1;
    }
    if j == i {
        return None;
    }
    match ten {
        None => Some((digits.iter().fold(0u32, |a, d| a.saturating_mul(10).saturating_add(*d)), digits.len(), j, false)),
        Some(pos) => {
            // 十 = 10, 十一 = 11, 二十 = 20, 二十三 = 23; anything else is not a count.
            let (before, after) = digits.split_at(pos);
            if before.len() > 1 || after.len() > 1 || before.first() == Some(&0) {
                return None;
            }
            Some((before.first().copied().unwrap_or(1) * 10 + after.first().copied().unwrap_or(0), 0, j, false))
        }
    }
}

fn chinese(text: &str) -> Vec<DateMention> {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let byte_end = |j: usize| cs.get(j).map_or(text.len(), |x| x.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i].1;
        // Relative days.
        let two: String = cs[i..].iter().take(2).map(|x| x.1).collect();
        let rel = match two.as_str() {
            "今天" | "今日" => Some(0),
            "昨天" | "昨日" => Some(-1),
            _ => None,
        };
        if let Some(r) = rel {
            out.push(DateMention { start: cs[i].0, end: byte_end(i + 2), spec: DateSpec::Relative(r) });
            i += 2;
            continue;
        }
        if !is_numeral(c) || (i > 0 && is_numeral(cs[i - 1].1)) {
            i += 1;
            continue;
        }
        let Some((n, digits, j, arabic)) = number(&cs, i) else {
            i += 1;
            continue;
        };
        let unit = cs.get(j).map(|x| x.1);
        let mut found = None;
        match unit {
            Some('年') if digits == 4 && YEARS.contains(&(n as i32)) => {
                let y = n as i32;
                let mut date = PartialDate::year(y);
                let mut end = j + 1;
                if let Some((m, _, j2, _)) = number(&cs, j + 1) {
                    if cs.get(j2).map(|x| x.1) == Some('月') && valid(Some(y), m, None) {
                        date = PartialDate::month(y, m as u8);
                        end = j2 + 1;
                        if let Some((d, _, j3, _)) = number(&cs, j2 + 1) {
                            if matches!(cs.get(j3).map(|x| x.1), Some('日' | '号' | '號')) && valid(Some(y), m, Some(d)) {
                                date = PartialDate::day(y, m as u8, d as u8);
                                end = j3 + 1;
                            }
                        }
                    }
                }
                found = Some((end, DateSpec::Full(date)));
            }
            Some('月') if valid(None, n, None) && (digits <= 2) => {
                if let Some((d, _, j3, _)) = number(&cs, j + 1) {
                    if matches!(cs.get(j3).map(|x| x.1), Some('日' | '号' | '號')) && valid(None, n, Some(d)) {
                        found = Some((j3 + 1, DateSpec::MonthDay { month: n as u8, day: d as u8 }));
                    }
                }
            }
            // 24日 (Arabic digits only: 十日 is "ten days" as often as "the tenth").
            Some('日' | '号' | '號') if arabic && digits <= 2 && (1..=31).contains(&n) && !(i > 0 && cs[i - 1].1 == '月') => {
                let after = cs.get(j + 1).map(|x| x.1);
                // 3日内, 5日起 speak of durations and deadlines.
                if !matches!(after, Some('内' | '內' | '起' | '以' | '后' | '後' | '前')) {
                    found = Some((j + 1, DateSpec::Day(n as u8)));
                }
            }
            _ => {}
        }
        match found {
            Some((end, spec)) => {
                out.push(DateMention { start: cs[i].0, end: byte_end(end), spec });
                i = end;
            }
            None => i = j.max(i + 1),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(text: &str) -> (String, DateSpec) {
        let f = find(text);
        assert_eq!(f.len(), 1, "{text:?} gave {f:?}");
        (text[f[0].start..f[0].end].to_string(), f[0].spec)
    }

    fn full(text: &str) -> String {
        match one(text) {
            (_, DateSpec::Full(d)) => d.to_string(),
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn english_forms() {
        assert_eq!(full("On 7 October 2022, BIS acted."), "2022-10-07");
        assert_eq!(full("On October 7, 2022, BIS acted."), "2022-10-07");
        assert_eq!(full("FOR IMMEDIATE RELEASE | Friday, October 7, 2022 | Media"), "2022-10-07");
        assert_eq!(full("On Oct. 7, 2022 it did."), "2022-10-07");
        assert_eq!(full("Sept 30 2019 was the day."), "2019-09-30");
        assert_eq!(full("In October 2022 the rules came."), "2022-10");
        assert_eq!(full("published 2022-10-07 by BIS"), "2022-10-07");
        assert_eq!(full("2021-04-10 08:36:00來源"), "2021-04-10");
        assert_eq!(full("in 2018 Congress passed it"), "2018");
        assert_eq!(one("released on October 17 to the press").1, DateSpec::MonthDay { month: 10, day: 17 });
        assert_eq!(one("announced today").1, DateSpec::Relative(0));
    }

    #[test]
    fn english_non_dates() {
        for t in [
            "the Act of 2018",
            "a 7.2 percent rise",
            "may 5 companies",
            "Executive Order 13859",
            "87 FR 62186",
            "in 2022-23",
            "February 30, 2022",
            "October 2023-24 season",
            "at 10:30",
        ] {
            let f: Vec<_> = find(t).into_iter().filter(|m| matches!(m.spec, DateSpec::Full(_))).collect();
            assert!(f.is_empty(), "{t:?} gave {f:?}");
        }
        assert_eq!(full("February 29, 2024"), "2024-02-29");
        assert!(find("February 29, 2023").is_empty());
    }

    #[test]
    fn chinese_forms() {
        assert_eq!(full("2022年10月7日，美國商務部"), "2022-10-07");
        assert_eq!(full("二〇二二年十月七日公布"), "2022-10-07");
        assert_eq!(full("二〇二二年"), "2022");
        assert_eq!(full("２０２２年１０月"), "2022-10");
        assert_eq!(full("2019年5月16日"), "2019-05-16");
        assert_eq!(one("当地时间4月8日宣布").1, DateSpec::MonthDay { month: 4, day: 8 });
        assert_eq!(one("十二月三十一日").1, DateSpec::MonthDay { month: 12, day: 31 });
        assert_eq!(one("美国商务部24日宣布").1, DateSpec::Day(24));
        assert_eq!(one("商務部今天舉行").1, DateSpec::Relative(0));
        assert!(find("3日内答复，20年来").is_empty());
        assert!(find("13月5日").is_empty());
        assert!(find("2月30日").is_empty());
    }

    #[test]
    fn resolving_against_a_reference() {
        let r = Some(PartialDate::day(2021, 4, 10));
        assert_eq!(resolve(DateSpec::MonthDay { month: 4, day: 8 }, r), Some(PartialDate::day(2021, 4, 8)));
        assert_eq!(resolve(DateSpec::MonthDay { month: 12, day: 5 }, r), Some(PartialDate::day(2020, 12, 5)));
        assert_eq!(resolve(DateSpec::Day(9), r), Some(PartialDate::day(2021, 4, 9)));
        assert_eq!(resolve(DateSpec::Day(28), r), Some(PartialDate::day(2021, 3, 28)));
        assert_eq!(resolve(DateSpec::Day(31), r), Some(PartialDate::day(2021, 3, 31)));
        assert_eq!(resolve(DateSpec::Relative(-1), Some(PartialDate::day(2021, 3, 1))), Some(PartialDate::day(2021, 2, 28)));
        assert_eq!(resolve(DateSpec::Relative(-1), Some(PartialDate::day(2020, 1, 1))), Some(PartialDate::day(2019, 12, 31)));
        assert_eq!(resolve(DateSpec::Day(9), Some(PartialDate::year(2021))), None);
        assert_eq!(resolve(DateSpec::MonthDay { month: 4, day: 8 }, None), None);
        assert_eq!(resolve(DateSpec::MonthDay { month: 2, day: 29 }, Some(PartialDate::year(2021))), None);
    }

    #[test]
    fn calendar_round_trip() {
        for z in [-1_000_000i64, -1, 0, 1, 19_000, 50_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
    }

    proptest! {
        #[test]
        fn never_panics_and_spans_are_valid(s in "\\PC{0,80}") {
            for m in find(&s) {
                prop_assert!(m.start < m.end && m.end <= s.len());
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                if let DateSpec::Full(d) = m.spec {
                    prop_assert!(YEARS.contains(&d.year));
                }
                let _ = resolve(m.spec, Some(PartialDate::day(2000, 2, 29)));
            }
        }

        #[test]
        fn date_like_noise_never_panics(s in "[0-9年月日号〇一二三四五六七八九十 ,./:-]{0,40}|[A-Za-z0-9 ,.]{0,40}") {
            for m in find(&s) {
                prop_assert!(m.end <= s.len());
                let _ = resolve(m.spec, Some(PartialDate::day(2100, 12, 31)));
                let _ = resolve(m.spec, Some(PartialDate::month(1500, 1)));
            }
        }

        #[test]
        fn written_dates_are_found(y in 1500i32..=2100, m in 1u8..=12, d in 1u8..=28) {
            let name = ["January","February","March","April","May","June","July","August","September","October","November","December"][m as usize - 1];
            let want = PartialDate::day(y, m, d);
            for text in [format!("On {d} {name} {y}, it"), format!("On {name} {d}, {y}, it"), format!("{y}-{m:02}-{d:02}"), format!("{y}年{m}月{d}日")] {
                let f = find(&text);
                prop_assert_eq!(f.len(), 1);
                prop_assert_eq!(f[0].spec, DateSpec::Full(want));
            }
        }
    }
}
