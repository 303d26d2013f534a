//! Partial calendar dates as analysts write them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
//! Sources and actions are often dated only to the month or year; the precision is kept
//! rather than invented.

use std::fmt;
use std::str::FromStr;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate { year, month: None, day: None }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// Why a date string was refused; the message says what form is expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDate(pub String);

impl fmt::Display for BadDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019-05-15)", self.0)
    }
}

impl std::error::Error for BadDate {}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            if leap {
                29
            } else {
                28
            }
        }
    }
}

impl FromStr for PartialDate {
    type Err = BadDate;
    fn from_str(s: &str) -> Result<Self, BadDate> {
        let t = s.trim();
        let parts: Vec<&str> = t.split('-').collect();
        let num = |p: &str, len: usize, what: &str| -> Result<u32, BadDate> {
            if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BadDate(format!("{what} of {t:?} is not {len} digits")));
            }
            Ok(p.parse().expect("digits checked"))
        };
        if t.is_empty() || parts.len() > 3 {
            return Err(BadDate(format!("{t:?} is not a date")));
        }
        let year = num(parts[0], 4, "the year")? as i32;
        if !(1000..=2999).contains(&year) {
            return Err(BadDate(format!("year {year} is out of range")));
        }
        let month = match parts.get(1) {
            Some(p) => {
                let m = num(p, 2, "the month")? as u8;
                if !(1..=12).contains(&m) {
                    return Err(BadDate(format!("month {m} in {t:?} is not 01-12")));
                }
                Some(m)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(p) => {
                let d = num(p, 2, "the day")? as u8;
                let m = month.expect("day implies month");
                if d == 0 || d > days_in_month(year, m) {
                    return Err(BadDate(format!("day {d} does not exist in {year}-{m:02}")));
                }
                Some(d)
            }
            None => None,
        };
        Ok(PartialDate { year, month, day })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_precisions_and_prints_them_back() {
        for s in ["2019", "2019-05", "2019-05-15", "2020-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn refuses_impossible_or_malformed_dates() {
        for s in ["", "19", "2019/05/15", "2019-13", "2019-02-29", "2019-5-1", "abcd", "2019-05-15-01"] {
            let err = s.parse::<PartialDate>().unwrap_err();
            assert!(err.to_string().contains("expected YYYY"), "{s}: {err}");
        }
    }

    #[test]
    fn orders_by_year_then_month() {
        let a: PartialDate = "2019".parse().unwrap();
        let b: PartialDate = "2019-01".parse().unwrap();
        let c: PartialDate = "2020".parse().unwrap();
        assert!(a < b && b < c);
    }
}
