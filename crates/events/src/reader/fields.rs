//! Field parsing: dates, event codes, Goldstein values, text (UTF-8 or Latin-1). Each
//! parser takes the raw bytes of one field and allocates nothing on the usual path.

use std::borrow::Cow;

/// UTF-8, or Latin-1 when the bytes are not valid UTF-8 (some POLECAT releases).
pub(crate) fn decode(b: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(b.iter().map(|&c| c as char).collect()),
    }
}

pub(crate) fn digits(b: &[u8]) -> Option<i32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i32, |a, &d| a * 10 + (d - b'0') as i32))
}

/// YYYYMMDD (GDELT) or YYYY-MM-DD (ICEWS, POLECAT; anything after the day is ignored): year,
/// month and day of a real calendar date (2016-02-29 is one, 2017-02-29 and 2016-02-31 are
/// not).
pub(crate) fn parse_date(b: &[u8]) -> Option<(i32, i32, i32)> {
    let (y, m, d) = if b.len() == 8 && b.iter().all(u8::is_ascii_digit) {
        (digits(&b[..4])?, digits(&b[4..6])?, digits(&b[6..8])?)
    } else if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        (digits(&b[..4])?, digits(&b[5..7])?, digits(&b[8..10])?)
    } else {
        return None;
    };
    ((1800..=2200).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
}

pub(crate) fn days_in_month(y: i32, m: i32) -> i32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

pub(crate) fn is_missing(b: &[u8]) -> bool {
    b.is_empty() || b == b"NA"
}

pub(crate) fn valid_cameo(b: &[u8]) -> bool {
    (2..=4).contains(&b.len()) && b.iter().all(u8::is_ascii_digit)
}

pub(crate) fn parse_goldstein(b: &[u8]) -> Result<Option<f64>, ()> {
    if is_missing(b) {
        return Ok(None);
    }
    // Fast path for the usual `-5.0` / `3.4` / `10`: sign, digits, at most two decimals.
    if let Some(c) = parse_centi(b) {
        return if (-1000..=1000).contains(&c) { Ok(Some(c as f64 / 100.0)) } else { Err(()) };
    }
    let s = std::str::from_utf8(b).map_err(|_| ())?;
    let v: f64 = s.trim().parse().map_err(|_| ())?;
    if v.is_finite() && (-10.0..=10.0).contains(&v) {
        Ok(Some(v))
    } else {
        Err(())
    }
}

/// `[-]digits[.d[d]]` as hundredths; None for anything else (the slow path decides).
pub(crate) fn parse_centi(b: &[u8]) -> Option<i64> {
    let (neg, digits) = match b.split_first()? {
        (b'-', rest) => (true, rest),
        _ => (false, b),
    };
    let (int, frac) = match memchr::memchr(b'.', digits) {
        Some(i) => (&digits[..i], &digits[i + 1..]),
        None => (digits, &digits[..0]),
    };
    if int.is_empty() || int.len() > 6 || frac.len() > 2 || !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    let mut v = int.iter().fold(0i64, |a, &d| a * 10 + (d - b'0') as i64) * 100;
    let scale = [10, 1];
    for (i, &d) in frac.iter().enumerate() {
        v += (d - b'0') as i64 * scale[i];
    }
    Some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_strict() {
        assert_eq!(parse_date(b"20160728"), Some((2016, 7, 28)));
        assert_eq!(parse_date(b"2018-06-01"), Some((2018, 6, 1)));
        assert_eq!(parse_date(b"2018-06-01 12:00:00"), Some((2018, 6, 1)));
        assert_eq!(parse_date(b"2016-02-29"), Some((2016, 2, 29)));
        assert_eq!(parse_date(b"2016-02-31"), None);
        assert_eq!(parse_date(b"20170229"), None);
        assert_eq!(parse_date(b"19000229"), None);
        assert_eq!(parse_date(b"2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date(b"2018-04-31"), None);
        assert_eq!(parse_date(b"2018-00-10"), None);
        assert_eq!(parse_date(b"20161328"), None);
        assert_eq!(parse_date(b"2016072"), None);
        assert_eq!(parse_date(b""), None);
        assert_eq!(parse_date("2018-0é-01".as_bytes()), None);
    }

    #[test]
    fn goldstein_range_and_missing() {
        assert_eq!(parse_goldstein(b"-5.0"), Ok(Some(-5.0)));
        assert_eq!(parse_goldstein(b"NA"), Ok(None));
        assert_eq!(parse_goldstein(b""), Ok(None));
        assert!(parse_goldstein(b"11").is_err());
        assert!(parse_goldstein(b"x").is_err());
        assert!(parse_goldstein(b"NaN").is_err());
        assert_eq!(parse_goldstein(b"-10"), Ok(Some(-10.0)));
        assert_eq!(parse_goldstein(b"3.45"), Ok(Some(3.45)));
        assert_eq!(parse_goldstein(b"-0.34188034188034"), Ok(Some(-0.34188034188034)));
        assert!(parse_goldstein(b"-10.01").is_err());
        assert!(parse_goldstein(b"-").is_err());
        assert!(parse_goldstein(b".5").is_ok());
    }

    #[test]
    fn latin1_falls_back() {
        assert_eq!(decode(b"S\xe3o Tom\xe9"), "São Tomé");
    }
}
