//! The alias automaton behind `Gazetteer::mentions`: one Aho–Corasick automaton over every
//! alias, normalized the way the text is (script-folded, ASCII-lowercased), with the checks a
//! plain automaton cannot make — word boundaries and letter case for Latin aliases — applied
//! to each candidate before the leftmost-longest selection.

use crate::script::{is_word_char, normalize_script, Normalized};
use crate::AliasKind;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::collections::{HashMap, HashSet};

/// How the letter case of a Latin alias must match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CaseRule {
    /// Han aliases, or Latin aliases written in lowercase in the table ("the Kremlin").
    Any,
    /// The first letter must be uppercase, the rest may be any case ("China", "CHINA").
    Capitalized,
    /// Exactly as in the table ("US", "U.S.", "NATO", "Quad").
    Exact,
}

/// What a pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// One entity; None for a blocker.
    Entity(Option<usize>),
    /// A Chinese compound abbreviation, one entry per character: 中美 → [CHN, USA],
    /// 訪華 → [none, CHN] (the first character is context and yields no mention).
    PerChar(Vec<Option<usize>>),
}

#[derive(Debug, Clone)]
struct Pattern {
    /// Normalized alias with its case (for `CaseRule::Exact`).
    cased: String,
    target: Target,
    kind: AliasKind,
    case: CaseRule,
    /// Require a word boundary before / after (the alias starts / ends with a Latin letter or digit).
    bound_start: bool,
    bound_end: bool,
}

/// A match in original-text byte offsets; `entity` None marks a blocker ("Korea", "Latin America").
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub entity: Option<usize>,
    pub kind: AliasKind,
}

pub(crate) struct Matcher {
    ac: AhoCorasick,
    patterns: Vec<Pattern>,
    /// Single Han characters that abbreviate an entity (美, 中, 俄 …). Too ambiguous to match
    /// alone; they are only read in enumerations of two or more such characters: 美、英、蘇.
    list_chars: HashMap<char, usize>,
}

impl Matcher {
    pub fn new(aliases: &[(String, Target, AliasKind)]) -> Matcher {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut list_chars = HashMap::new();
        let mut keys: Vec<String> = Vec::new();
        let mut seen: HashSet<(String, CaseRule)> = HashSet::new();
        for (alias, target, kind) in aliases {
            let cased = normalize_script(alias.trim());
            // "the United States", "The Gambia": the article is for `from_name`; in running
            // text the mention is the name itself, which has its own row.
            let cased = match cased.get(..4) {
                Some(a) if a.eq_ignore_ascii_case("the ") => cased[4..].to_owned(),
                _ => cased,
            };
            if cased.is_empty() {
                continue;
            }
            let mut chars = cased.chars();
            if let (Some(c), None, Target::Entity(Some(e))) = (chars.next(), chars.next(), target) {
                if crate::script::is_han(c) {
                    list_chars.entry(c).or_insert(*e);
                    continue;
                }
            }
            let latin = cased.chars().any(|c| c.is_ascii_alphabetic());
            let case = if !latin {
                CaseRule::Any
            } else if *kind == AliasKind::Abbrev {
                CaseRule::Exact
            } else if cased.chars().next().is_some_and(char::is_uppercase) {
                CaseRule::Capitalized
            } else {
                CaseRule::Any
            };
            let key = cased.to_ascii_lowercase();
            // The first alias wins for a given spelling (names come before aliases.csv rows).
            let exact_key = if case == CaseRule::Exact { cased.clone() } else { key.clone() };
            if !seen.insert((exact_key, case)) {
                continue;
            }
            let first = cased.chars().next().unwrap();
            let last = cased.chars().next_back().unwrap();
            patterns.push(Pattern {
                bound_start: is_word_char(first),
                bound_end: is_word_char(last),
                cased,
                target: target.clone(),
                kind: *kind,
                case,
            });
            keys.push(key);
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .expect("alias automaton builds");
        Matcher { ac, patterns, list_chars }
    }

    /// All valid matches, then leftmost-longest selection among them: a longer alias that fails
    /// its boundary or case check does not hide a shorter one that passes.
    pub fn find(&self, text: &str) -> Vec<Found> {
        if text.is_empty() {
            return Vec::new();
        }
        let norm = Normalized::new(text);
        let mut cands: Vec<(usize, usize, usize)> = Vec::new();
        for m in self.ac.find_overlapping_iter(norm.lower.as_str()) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if !norm.lower.is_char_boundary(s) || !norm.lower.is_char_boundary(e) {
                continue;
            }
            if p.bound_start && norm.cased[..s].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            if p.bound_end && norm.cased[e..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            let ok = match p.case {
                CaseRule::Any => true,
                CaseRule::Exact => norm.cased[s..e] == p.cased,
                CaseRule::Capitalized => norm.cased[s..e].chars().next().is_some_and(char::is_uppercase),
            };
            if ok {
                cands.push((s, e, m.pattern().as_usize()));
            }
        }
        // Compound abbreviations (中美, 訪華) are weak: any overlapping ordinary alias or blocker
        // wins, so 其中美國 is 美國 and 中美洲 is Central America, not China and the US.
        let is_weak = |pi: usize| matches!(self.patterns[pi].target, Target::PerChar(_));
        let strong: Vec<(usize, usize)> = cands.iter().filter(|c| !is_weak(c.2)).map(|c| (c.0, c.1)).collect();
        cands.retain(|c| !is_weak(c.2) || !strong.iter().any(|&(s, e)| s < c.1 && c.0 < e));
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        let mut pos = 0;
        for (s, e, pi) in cands {
            if s < pos {
                continue;
            }
            pos = e;
            taken.push((s, e));
            let p = &self.patterns[pi];
            match &p.target {
                Target::Entity(entity) => out.push(Found {
                    start: norm.to_orig[s],
                    end: norm.to_orig[e],
                    entity: *entity,
                    kind: p.kind,
                }),
                Target::PerChar(entities) => {
                    for ((off, c), entity) in norm.cased[s..e].char_indices().zip(entities) {
                        if entity.is_some() {
                            let (cs, ce) = (s + off, s + off + c.len_utf8());
                            out.push(Found { start: norm.to_orig[cs], end: norm.to_orig[ce], entity: *entity, kind: p.kind });
                        }
                    }
                }
            }
        }
        self.enumerations(&norm, &taken, &mut out);
        out.sort_by_key(|f| f.start);
        out
    }

    /// Enumerations of single-character abbreviations: in 美、英、蘇 or 中、韓 every character
    /// separated by 、 from another listed character is a mention. Characters already inside
    /// a selected match are left alone.
    fn enumerations(&self, norm: &Normalized, taken: &[(usize, usize)], out: &mut Vec<Found>) {
        if self.list_chars.is_empty() || !norm.cased.contains('、') {
            return;
        }
        let chars: Vec<(usize, char)> = norm.cased.char_indices().collect();
        let free = |i: usize| {
            let s = chars[i].0;
            !taken.iter().any(|&(ts, te)| ts <= s && s < te)
        };
        let listed = |i: usize| self.list_chars.contains_key(&chars[i].1) && free(i);
        let mut marked = vec![false; chars.len()];
        for i in 0..chars.len().saturating_sub(2) {
            if chars[i + 1].1 == '、' && listed(i) && listed(i + 2) {
                marked[i] = true;
                marked[i + 2] = true;
            }
        }
        for (i, &(s, c)) in chars.iter().enumerate() {
            if marked[i] {
                let e = s + c.len_utf8();
                out.push(Found {
                    start: norm.to_orig[s],
                    end: norm.to_orig[e],
                    entity: Some(self.list_chars[&c]),
                    kind: AliasKind::Abbrev,
                });
            }
        }
    }
}
