//! Splitting a line into tab-separated fields, 16 bytes at a time (SSE2 where the target
//! has it), with the bytes' high bits collected on the way for the UTF-8 check.

/// Push `(start, end)` of each tab-terminated field of `raw` onto `fields`, stopping after
/// `wanted` of them; returns where the next field starts. Fields are short (GDELT's first
/// columns average a few bytes), so rather than one search per tab, 16 bytes at a time are
/// compared at once and the tabs taken from the bit mask (SSE2, part of every x86-64).
///
/// `high` gets a non-zero bit when a byte of the part of `raw` scanned has its high bit set
/// (not ASCII: the caller then checks that the line is valid UTF-8), at no extra pass.
pub(crate) fn split_tabs(raw: &[u8], wanted: usize, fields: &mut Vec<(usize, usize)>, high: &mut u32) -> usize {
    let mut start = 0;
    #[allow(unused_mut)]
    let mut off = 0;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: SSE2 is enabled for this build (cfg above); every load reads 16 bytes at
    // `off` with `off + 16 <= raw.len()`, unaligned.
    unsafe {
        use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
        let tab = _mm_set1_epi8(b'\t' as i8);
        while off + 16 <= raw.len() {
            let v = _mm_loadu_si128(raw.as_ptr().add(off) as *const __m128i);
            *high |= _mm_movemask_epi8(v) as u32;
            let mut m = _mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) as u32;
            while m != 0 {
                let i = off + m.trailing_zeros() as usize;
                fields.push((start, i));
                start = i + 1;
                if fields.len() == wanted {
                    return start;
                }
                m &= m - 1;
            }
            off += 16;
        }
    }
    let mut stop = raw.len();
    for i in memchr::memchr_iter(b'\t', &raw[off..]) {
        fields.push((start, off + i));
        start = off + i + 1;
        if fields.len() == wanted {
            stop = start;
            break;
        }
    }
    if !raw[off..stop].is_ascii() {
        *high |= 1;
    }
    start
}

/// The number of tabs in `b`, 16 bytes at a time where SSE2 is there.
pub(crate) fn count_tabs(b: &[u8], high: &mut u32) -> usize {
    #[allow(unused_mut)]
    let mut off = 0;
    #[allow(unused_mut)]
    let mut n = 0usize;
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: SSE2 is enabled for this build; every load reads 16 bytes at `off` with
    // `off + 16 <= b.len()`, unaligned.
    unsafe {
        use std::arch::x86_64::{__m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8};
        let tab = _mm_set1_epi8(b'\t' as i8);
        while off + 16 <= b.len() {
            let v = _mm_loadu_si128(b.as_ptr().add(off) as *const __m128i);
            *high |= _mm_movemask_epi8(v) as u32;
            n += (_mm_movemask_epi8(_mm_cmpeq_epi8(v, tab)) as u32).count_ones() as usize;
            off += 16;
        }
    }
    if !b[off..].is_ascii() {
        *high |= 1;
    }
    n + b[off..].iter().filter(|&&c| c == b'\t').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_split_like_a_plain_search() {
        let line: Vec<u8> = (0..300u32).map(|i| if i % 7 == 3 || i % 11 == 0 { b'\t' } else { b'a' + (i % 26) as u8 }).collect();
        for len in [0, 1, 15, 16, 17, 31, 32, 33, 100, 300] {
            let raw = &line[..len];
            for wanted in [1, 2, 5, 31, usize::MAX] {
                let mut expect = Vec::new();
                let mut start = 0;
                for (i, _) in raw.iter().enumerate().filter(|(_, &b)| b == b'\t') {
                    expect.push((start, i));
                    start = i + 1;
                    if expect.len() == wanted {
                        break;
                    }
                }
                let mut got = Vec::new();
                let mut high = 0;
                assert_eq!(count_tabs(raw, &mut high), raw.iter().filter(|&&b| b == b'\t').count());
                assert_eq!(split_tabs(raw, wanted, &mut got, &mut high), start, "len {len} wanted {wanted}");
                assert_eq!(high, 0, "ASCII");
                assert_eq!(got, expect, "len {len} wanted {wanted}");
            }
        }
    }

    #[test]
    fn high_bytes_are_seen_anywhere_in_the_line() {
        let line: Vec<u8> = (0..200u32).map(|i| if i % 5 == 4 { b'\t' } else { b'a' }).collect();
        for pos in 0..line.len() {
            if line[pos] == b'\t' {
                continue;
            }
            let mut l = line.clone();
            l[pos] = 0xe9;
            let mut fields = Vec::new();
            let mut high = 0;
            let start = split_tabs(&l, 31, &mut fields, &mut high);
            if fields.len() == 31 {
                count_tabs(&l[start..], &mut high);
            }
            assert_ne!(high, 0, "byte at {pos}");
        }
    }
}
