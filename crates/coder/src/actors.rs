//! Actors: gazetteer mentions in a text, their roles relative to a dyad, and detection of the
//! dyad (balancer, target) when the input does not give it.
//!
//! Detection reads the clause structure the theory cares about, not only mention order:
//! the grammatical subject (the first mention not inside a prepositional phrase, or the agent
//! of a passive "by X") is the balancer; "X and Y" / "X與Y" at the subject makes Y a partner;
//! a mention after a targeting marker ("against", "toward", "on", "targeting", a hostile
//! verb such as "sanctioned", or 對/对, 針對/针对, 向, 制裁) is the target; failing that, the
//! first later state that is not a partner or a forum. A multilateral body is a forum or a
//! group, never the target of its own meeting.

use crate::gaz;

pub use crate::gaz::Kind;

/// A mention in *normalized* byte offsets.
#[derive(Clone, Debug)]
pub struct ActorMention {
    pub start: usize,
    pub end: usize,
    pub code: String,
    pub kind: Kind,
}

pub use gaz::normalize_script;

/// Mentions of the original text, converted to normalized offsets, sorted, with overlaps
/// resolved in favour of the longer mention.
pub fn mentions(original: &str, norm: &crate::text::Normalized) -> Vec<ActorMention> {
    let mut raw: Vec<(usize, usize, String, Kind)> = gaz::mentions(original)
        .into_iter()
        .map(|(s, e, c, k)| (norm.to_norm(s), norm.to_norm(e), c, k))
        .collect();
    if norm.cjk_chars > 0 {
        compounds(&norm.text, &mut raw);
    }
    raw.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<ActorMention> = Vec::with_capacity(raw.len());
    for (start, end, code, kind) in raw {
        if out.last().is_some_and(|last| start < last.end) {
            continue;
        }
        out.push(ActorMention { start, end, code, kind });
    }
    out
}

/// One-character state abbreviations of Chinese news style, as used in compounds: 中美,
/// 美蘇, 日美, 中日韓, 美軍, 俄方, 對華, 訪美. Alone they are too ambiguous for the gazetteer
/// (日 is "day", 中 is "middle"), so they count only in a run of two or more (中美兩國),
/// before a word that makes them an actor (美軍, 中企), or right after a preposition or verb
/// that takes a state (對蘇禁運, 訪美, 對華出口). 華 (China) counts only in that last position.
const ABBREV: [(char, &str); 14] = [
    ('中', "CHN"), ('美', "USA"), ('日', "JPN"), ('俄', "RUS"), ('苏', "SUN"), ('英', "GBR"),
    ('法', "FRA"), ('德', "DEU"), ('韩', "KOR"), ('朝', "PRK"), ('印', "IND"), ('澳', "AUS"),
    ('越', "VNM"), ('菲', "PHL"),
];
const ABBREV_PREV: [char; 8] = ['对', '访', '赴', '驻', '向', '与', '同', '跟'];
/// After 華: words where it is not China (華為 Huawei, 華府 Washington, 華人 ethnic Chinese…).
const HUA_NOT: [char; 10] = ['为', '盛', '府', '人', '侨', '裔', '语', '文', '丽', '尔'];
const ABBREV_NEXT: [char; 9] = ['军', '方', '企', '商', '媒', '舰', '机', '籍', '资'];
/// Characters after a run that make it something else: 中美洲 (Central America), 中英文
/// (Chinese and English text), 美德 (virtue) is excluded as a whole below.
const ABBREV_STOP: [char; 4] = ['洲', '文', '语', '元'];

fn abbrev(c: char) -> Option<&'static str> {
    ABBREV.iter().find(|(a, _)| *a == c).map(|(_, code)| *code)
}

/// Add compound mentions in normalized text where no gazetteer mention covers them.
fn compounds(norm: &str, raw: &mut Vec<(usize, usize, String, Kind)>) {
    let covered = |i: usize, raw: &[(usize, usize, String, Kind)]| {
        raw.iter().any(|m| m.0 <= i && i < m.1)
    };
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let mut i = 0;
    let mut found = Vec::new();
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && abbrev(chars[j].1).is_some() && !covered(chars[j].0, raw) {
            j += 1;
        }
        if j == i {
            // 華 alone, right after 對/訪/駐…: 對華出口, 訪華.
            let (pos, c) = chars[i];
            let prev = i.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(i + 1).map(|c| c.1);
            if c == '华'
                && prev.is_some_and(|p| ABBREV_PREV.contains(&p))
                && !next.is_some_and(|n| HUA_NOT.contains(&n))
                && !covered(pos, raw)
            {
                found.push((pos, pos + c.len_utf8(), "CHN".to_string(), Kind::State));
            }
            i += 1;
            continue;
        }
        let next = chars.get(j).map(|c| c.1);
        let run: String = chars[i..j].iter().map(|c| c.1).collect();
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let ok = (j - i >= 2
            || next.is_some_and(|n| ABBREV_NEXT.contains(&n))
            || prev.is_some_and(|p| ABBREV_PREV.contains(&p)))
            && !next.is_some_and(|n| ABBREV_STOP.contains(&n))
            && run != "美德";
        if ok {
            for &(pos, c) in &chars[i..j] {
                let code = abbrev(c).expect("in the table");
                found.push((pos, pos + c.len_utf8(), code.to_string(), Kind::State));
            }
        }
        i = j;
    }
    raw.extend(found);
}

/// Two codes that name the same actor for the coder: equal, or a state and its predecessor
/// whose capital and demonyms the gazetteer files under the successor (Moscow is RUS, but
/// in 1963 it speaks for SUN).
pub fn same_actor(a: &str, b: &str) -> bool {
    a == b || matches!((a, b), ("SUN", "RUS") | ("RUS", "SUN") | ("YUG", "SRB") | ("SRB", "YUG")
        | ("CSK", "CZE") | ("CZE", "CSK"))
}

/// The role of a mention relative to the dyad.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// The balancer itself (or one of its members, for a group balancer).
    Bal,
    /// The target itself (or a member of a group target).
    Tgt,
    /// A multilateral body or group that includes the target: a shared institution.
    IgoTgt,
    /// A group or body that includes the balancer but not the target (G7, NATO, Quad for the
    /// United States against China): coordination with third parties.
    GroupBal,
    /// Any other group or body.
    Igo,
    /// A third state.
    Third,
}

impl Role {
    pub fn token(self) -> &'static str {
        match self {
            Role::Bal => "<bal>",
            Role::Tgt => "<tgt>",
            Role::IgoTgt => "<igo_t>",
            Role::GroupBal => "<grp_b>",
            Role::Igo => "<igo>",
            Role::Third => "<third>",
        }
    }
}

fn is_member(group: &str, code: &str) -> bool {
    gaz::is_member(group, code)
}

/// The role of mention `m` given the dyad (either may be unknown).
pub fn role(m: &ActorMention, balancer: Option<&str>, target: Option<&str>) -> Role {
    let c = m.code.as_str();
    if balancer.is_some_and(|b| same_actor(b, c) || is_member(b, c)) {
        return Role::Bal;
    }
    if target.is_some_and(|t| same_actor(t, c) || is_member(t, c)) {
        return Role::Tgt;
    }
    if m.kind == Kind::Group {
        if target.is_some_and(|t| is_member(c, t)) {
            return Role::IgoTgt;
        }
        if balancer.is_some_and(|b| is_member(c, b)) {
            return Role::GroupBal;
        }
        return Role::Igo;
    }
    Role::Third
}

/// How the words right before a mention relate it to the act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marker {
    /// Nothing special: a subject or a plain object.
    None,
    /// "with", "and", "together with", 與/与, 和, 同, 跟, 聯合/联合: a partner.
    Coord,
    /// "against", "toward", "on", "targeting", a hostile verb; 對/对, 針對/针对, 向, 制裁: a target.
    Target,
    /// "to", "from", "over": a target as often as a destination or a topic.
    Weak,
    /// "by": the agent of a passive clause.
    Agent,
    /// Any other preposition ("in", "at", "of", "from", 在, 從/从): a place or a forum.
    Other,
}

const EN_COORD: [&str; 7] = ["with", "and", "alongside", "joined", "join", "partner", "&"];
const EN_TARGET: [&str; 32] = [
    "against", "toward", "towards", "on", "targeting", "targets", "targeted", "target",
    "sanctioned", "sanction", "sanctions", "blacklisted", "condemned", "criticized", "criticised",
    "accused", "denounced", "rebuffed", "refused", "denied", "restricted", "banned", "pressed",
    "urged", "warned", "deter", "contain", "counter", "confront", "excluded", "punish", "isolate",
];
const EN_WEAK: [&str; 3] = ["to", "from", "over"];
const EN_OTHER: [&str; 12] =
    ["in", "at", "of", "for", "into", "within", "between", "among", "about", "like", "including", "via"];
const ZH_COORD: [&str; 8] = ["与", "和", "同", "跟", "联合", "携手", "及", "偕同"];
const ZH_TARGET: [&str; 24] = [
    "对", "针对", "向", "制裁", "打压", "遏制", "限制", "反对", "指责", "批评", "谴责", "拒绝",
    "抵制", "封锁", "围堵", "施压", "对抗", "抗议", "防范", "牵制", "威慑", "抗衡", "制衡", "回绝",
];
const ZH_OTHER: [&str; 5] = ["在", "从", "于", "自", "经"];

/// Classify the marker right before byte `start` of normalized text.
pub fn marker(norm: &str, start: usize) -> Marker {
    let before = &norm[..start];
    let trimmed = before.trim_end_matches([' ', '\t', '(', '"', '\'', '“', '「', '《']);
    // Skip an article: "the United States".
    let trimmed = trimmed.strip_suffix(" the").or_else(|| trimmed.strip_suffix("the")
        .filter(|t| t.is_empty())).unwrap_or(trimmed).trim_end();
    // Chinese: look at the characters immediately before.
    if let Some(c) = trimmed.chars().last() {
        if crate::text::is_cjk(c) {
            for m in ZH_TARGET {
                if trimmed.ends_with(m) {
                    return Marker::Target;
                }
            }
            for m in ZH_COORD {
                if trimmed.ends_with(m) {
                    return Marker::Coord;
                }
            }
            if trimmed.ends_with('被') || trimmed.ends_with("由") {
                return Marker::Agent;
            }
            for m in ZH_OTHER {
                if trimmed.ends_with(m) {
                    return Marker::Other;
                }
            }
            return Marker::None;
        }
    }
    let word = trimmed
        .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '&'))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return Marker::None;
    }
    if word == "by" {
        Marker::Agent
    } else if EN_COORD.contains(&word) {
        Marker::Coord
    } else if EN_TARGET.contains(&word) {
        Marker::Target
    } else if EN_WEAK.contains(&word) {
        Marker::Weak
    } else if EN_OTHER.contains(&word) {
        Marker::Other
    } else {
        Marker::None
    }
}

/// A detected dyad: balancer, target and partners (codes), with the spans they came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Detected {
    pub balancer: Option<String>,
    pub target: Option<String>,
    pub partners: Vec<String>,
    /// No marker tells which of two or more named states is the target: the target is left
    /// unknown rather than guessed from word order.
    pub unclear: bool,
}

/// Words that open a leading subordinate or adverbial clause in English.
const EN_SUBORDINATE: [&str; 34] = [
    "after", "following", "when", "while", "as", "although", "though", "once", "since", "amid",
    "amidst", "despite", "before", "until", "with", "in", "on", "during", "under", "at", "by",
    "days", "weeks", "months", "years", "two", "three", "stung", "alarmed", "faced", "facing",
    "angered", "citing", "to",
];

/// Where the main clause starts: after the first comma when the sentence opens with a
/// subordinate clause (English: a subordinator or preposition first; Chinese: a first
/// clause ending in 後/后, 時/时, 之際/之际, 期間/期间 or opening with 在, 為/为, 因, 由於/由于,
/// 隨著/随着), else 0.
fn main_clause_start(norm: &str) -> usize {
    let Some(comma) = norm.find([',', '，']) else { return 0 };
    let first = norm[..comma].trim();
    let word = first.split(|c: char| !c.is_ascii_alphanumeric()).next().unwrap_or("");
    let en = !word.is_empty() && EN_SUBORDINATE.contains(&word);
    let zh = ["后", "时", "之际", "期间", "以来"].iter().any(|e| first.ends_with(e))
        || ["在", "为", "因", "由于", "随着", "面对"].iter().any(|b| first.starts_with(b));
    if en || zh {
        comma + norm[comma..].chars().next().map_or(1, char::len_utf8)
    } else {
        0
    }
}

/// Does the text right after a mention make it a requester ("'s request", "had asked",
/// 的要求, 提出的請求)?
fn requester(norm: &str, end: usize) -> bool {
    let rest = &norm[end..];
    let mut cut = rest.len().min(24);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let rest = rest[..cut].trim_start_matches(['\'', '’', ' ']);
    let rest = rest.strip_prefix("s ").unwrap_or(rest);
    ["request", "had asked", "asked", "sought", "demand", "的要求", "的请求", "要求", "请求", "提出的"]
        .iter()
        .any(|w| rest.trim_start().starts_with(w) || rest.starts_with(&format!("repeated {w}")))
}

/// The marker of every mention; a mention listed right after another with the enumeration
/// comma ("美國與荷蘭、日本") shares the marker of the one before it. (The English comma is too
/// ambiguous for this: "sanctions on China, Japan said" would make Japan a target.)
pub fn markers(norm: &str, ms: &[ActorMention]) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::with_capacity(ms.len());
    for (i, m) in ms.iter().enumerate() {
        let own = marker(norm, m.start);
        let listed = i > 0 && {
            let gap = norm[ms[i - 1].end..m.start].trim();
            gap == "、"
        };
        out.push(if listed && own == Marker::None { out[i - 1] } else { own });
    }
    // An English list "X, Y and Z": Y is coordinated like Z (all three act together), so it
    // is neither the subject nor an unmarked object.
    for i in (1..ms.len().saturating_sub(1)).rev() {
        let gap = norm[ms[i - 1].end..ms[i].start].trim();
        if out[i] == Marker::None && gap == "," && out[i + 1] == Marker::Coord {
            let next = norm[ms[i].end..ms[i + 1].start].trim();
            if next == "and" || next == ", and" || next == ",and" {
                out[i] = Marker::Coord;
            }
        }
    }
    out
}

/// Detect the dyad from the mentions of one sentence.
pub fn detect(norm: &str, ms: &[ActorMention]) -> Detected {
    let markers = markers(norm, ms);
    let mut d = Detected::default();
    // Balancer: the passive agent if any, else the first mention with no marker (the
    // subject) of the main clause; a group may balance too (the EU, the G7), but a state is
    // preferred. A leading subordinate clause ("After Japan detained…, Beijing…", 蘇聯入侵
    // 阿富汗後，美國…) is skipped when the main clause has a candidate.
    let main = main_clause_start(norm);
    let subject = |from: usize| {
        (0..ms.len())
            .find(|&i| ms[i].start >= from && markers[i] == Marker::None && ms[i].kind == Kind::State)
            .or_else(|| (0..ms.len()).find(|&i| ms[i].start >= from && markers[i] == Marker::None))
    };
    let bal_idx = markers
        .iter()
        .position(|&k| k == Marker::Agent)
        .or_else(|| subject(main))
        .or_else(|| subject(0));
    if let Some(i) = bal_idx {
        d.balancer = Some(ms[i].code.clone());
    }
    let bal = d.balancer.clone();
    let is_bal = |c: &str| bal.as_deref() == Some(c);
    // Partners: coordinated with the subject ("X and Y", "with Y").
    for (i, m) in ms.iter().enumerate() {
        if markers[i] == Marker::Coord && !is_bal(&m.code) && !d.partners.contains(&m.code) {
            d.partners.push(m.code.clone());
        }
    }
    // Target, by strength of evidence: an explicitly marked state or group (not a forum);
    // the one whose request is refused or answered ("Washington's request", 美方的要求); the
    // first later state with no marker that is not a partner; one after "to"/"from"/"over";
    // last, a state named as a place ("in Iraq", 在伊拉克).
    let ok = |i: usize| !is_bal(&ms[i].code) && !d.partners.contains(&ms[i].code);
    let first = |pred: &dyn Fn(usize) -> bool| (0..ms.len()).find(|&i| pred(i));
    let after = bal_idx.unwrap_or(0);
    let unclear = std::cell::Cell::new(false);
    let chosen = first(&|i| markers[i] == Marker::Target && ok(i) && ms[i].kind == Kind::State)
        .or_else(|| first(&|i| markers[i] == Marker::Target && ok(i)))
        .or_else(|| first(&|i| ok(i) && ms[i].kind == Kind::State && requester(norm, ms[i].end)))
        .or_else(|| {
            // An unmarked later state is the object only when it is the only candidate: with
            // two or more ("Japan, South Korea and Australia…") word order does not say
            // which one the act is aimed at.
            let cands: Vec<usize> = (0..ms.len())
                .filter(|&i| i >= after && ok(i) && ms[i].kind == Kind::State && markers[i] == Marker::None)
                .collect();
            let mut codes: Vec<&str> = cands.iter().map(|&i| ms[i].code.as_str()).collect();
            codes.dedup();
            if codes.len() > 1 {
                unclear.set(true);
                return None;
            }
            cands.first().copied()
        })
        .or_else(|| first(&|i| ok(i) && ms[i].kind == Kind::State && markers[i] == Marker::Weak))
        .or_else(|| {
            if unclear.get() {
                return None;
            }
            first(&|i| ok(i) && ms[i].kind == Kind::State && markers[i] == Marker::None)
        })
        .or_else(|| {
            if unclear.get() {
                return None;
            }
            first(&|i| ok(i) && ms[i].kind == Kind::State && markers[i] == Marker::Other)
        });
    d.unclear = chosen.is_none() && unclear.get();
    if let Some(i) = chosen {
        d.target = Some(ms[i].code.clone());
        d.partners.retain(|p| p != &ms[i].code);
    }
    d
}
