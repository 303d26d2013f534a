//! The seam to the gazetteer crate: script normalization, script detection, actor mentions
//! and group membership. Kept in one file so the rest of the coder does not depend on the
//! gazetteer's types. It depends on no other module of the coder (text and actors use it,
//! never the other way round).

/// What kind of actor a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    State,
    Group,
}
use softbalance_gazetteer::{self as g, EntityKind, Script};

/// Traditional → Simplified, full-width → half-width, one character to one character.
pub fn normalize_script(text: &str) -> String {
    g::normalize_script(text)
}

/// Is the Chinese text written in Traditional characters? `None` when it cannot be told.
pub fn is_traditional(text: &str) -> Option<bool> {
    match g::detect_script(text) {
        Script::Hant => Some(true),
        Script::Hans => Some(false),
        _ => None,
    }
}

/// Mentions as (start, end, code, kind) in byte offsets of `text`.
pub fn mentions(text: &str) -> Vec<(usize, usize, String, Kind)> {
    let gz = g::gazetteer();
    gz.mentions(text)
        .into_iter()
        .map(|m| {
            let kind = match gz.by_code(&m.code).map(|e| e.kind) {
                Some(EntityKind::Group | EntityKind::Igo) => Kind::Group,
                _ => Kind::State,
            };
            (m.start, m.end, m.code, kind)
        })
        .collect()
}

/// Is `code` a member of the group `group`?
pub fn is_member(group: &str, code: &str) -> bool {
    g::gazetteer().by_code(group).is_some_and(|e| e.members.iter().any(|m| m == code))
}
