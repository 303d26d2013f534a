//! A case's sources.csv as a bibliography: BibTeX entries (`@misc`, fields escaped for LaTeX)
//! and a CSL-JSON array (the data format of citeproc, Zotero and Pandoc; every item has the
//! schema's required `id`, `type` and `title`). Authors are split into family and given names
//! only when the field reads as a list of personal names; institutions stay literal.

use serde_json::{json, Map, Value};
use softbalance_core::case::Source;
use std::collections::BTreeSet;

/// One author of a source: a person, or an institution (or anything else) kept as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    Person { family: String, given: String },
    Literal(String),
}

/// Words that mark an author as an institution, not a person.
const INSTITUTION_WORDS: &[&str] = &[
    "Administration",
    "Agency",
    "Alert",
    "Assembly",
    "Association",
    "Board",
    "Bureau",
    "Business",
    "Center",
    "Centre",
    "Chamber",
    "Commission",
    "Committee",
    "Congress",
    "Council",
    "Daily",
    "Department",
    "Embassy",
    "Forum",
    "Foundation",
    "Government",
    "Group",
    "House",
    "Hub",
    "Institute",
    "International",
    "Law",
    "Ministry",
    "Network",
    "News",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Press",
    "Project",
    "Register",
    "Republic",
    "Research",
    "Review",
    "Secretariat",
    "Service",
    "Society",
    "States",
    "Times",
    "Tracker",
    "Trade",
    "Tribune",
    "Union",
    "United",
    "University",
    "Wiki",
    "World",
];

/// Read the `author` column: `Jane Doe`, `Jane Doe, John Roe and Ann Poe` or `Doe, Jane` are
/// people; anything with parentheses, digits, non-Latin script, an institution word or more
/// than four words to a name is one literal author (`U.S. Bureau of Industry and Security`,
/// `張凱銘 (Chang Kai-ming)`, `Reuters (via Bangkok Post)`).
pub fn parse_authors(field: &str) -> Vec<Name> {
    let field = field.trim();
    if field.is_empty() {
        return Vec::new();
    }
    let literal = || vec![Name::Literal(field.to_string())];
    if field.contains(['(', ')', '[', ']', '/', '@'])
        || field.chars().any(|c| c.is_ascii_digit() || (c.is_alphabetic() && !is_latin(c)))
    {
        return literal();
    }
    // "Doe, Jane": one person written family first.
    if let Some((family, given)) = field.split_once(", ") {
        if !given.contains(',') && !given.contains(" and ") && words(family) == 1 && (1..=3).contains(&words(given)) {
            if let (Some(f), Some(g)) = (person_part(family), person_part(given)) {
                return vec![Name::Person { family: f, given: g }];
            }
        }
    }
    let parts: Vec<&str> =
        field.split([',', ';']).flat_map(|p| p.split(" and ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    let mut people = Vec::new();
    for part in &parts {
        let n = words(part);
        if !(2..=4).contains(&n) {
            return literal();
        }
        let Some(clean) = person_part(part) else { return literal() };
        let (given, family) = clean.rsplit_once(' ').expect("two or more words");
        people.push(Name::Person { family: family.to_string(), given: given.to_string() });
    }
    if people.is_empty() {
        literal()
    } else {
        people
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c)
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A run of capitalised name words (`Molly B. O'Casey`, `Jean-Luc`), or None.
fn person_part(s: &str) -> Option<String> {
    let ws: Vec<&str> = s.split_whitespace().collect();
    if ws.first().is_some_and(|w| *w == "The") {
        return None;
    }
    // A capital inside a word only after Mc/Mac/De/Di/La/Le/Van, an apostrophe or a hyphen
    // (McCabe, O'Casey, Jean-Luc), never as in SmartTrade; no possessive (Tom's Hardware).
    let inner_capital_ok = |w: &str| {
        let cs: Vec<char> = w.chars().collect();
        (1..cs.len()).all(|i| {
            let prefix: String = cs[..i].iter().collect();
            !cs[i].is_uppercase()
                || matches!(cs[i - 1], '\'' | '’' | '-' | '.')
                || ["Mc", "Mac", "De", "Di", "La", "Le", "Van"].contains(&prefix.as_str())
        })
    };
    let ok = ws.iter().all(|w| {
        let first = w.chars().next().unwrap_or(' ');
        (first.is_uppercase()
            || (w.len() <= 3
                && ["de", "van", "von", "da", "di", "le", "la", "bin"].contains(&w.to_lowercase().as_str())
                && ws.len() > 2))
            && w.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
            && !INSTITUTION_WORDS.contains(w)
            && inner_capital_ok(w)
            && !w.ends_with("'s")
            && !w.ends_with("’s")
            && !(w.len() > 1 && w.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) && !w.ends_with('.'))
    });
    ok.then(|| ws.join(" "))
}

/// The date parts of a source, as `[year]`, `[year, month]` or `[year, month, day]`.
fn date_parts(s: &Source) -> Option<Vec<i64>> {
    let d = s.date.as_ref()?;
    let mut v = vec![i64::from(d.year)];
    if let Some(m) = d.month {
        v.push(i64::from(m));
        if let Some(day) = d.day {
            v.push(i64::from(day));
        }
    }
    Some(v)
}

/// The CSL item type: a web page when the source has a web address, otherwise a document.
fn csl_type(s: &Source) -> &'static str {
    if s.url.starts_with("http://") || s.url.starts_with("https://") {
        "webpage"
    } else {
        "document"
    }
}

/// What the note of an exported entry says: the Chinese title, the other addresses and the
/// case's own note (where the source is cited, what was read, `unverified: ...`).
fn note(s: &Source) -> String {
    let mut parts = Vec::new();
    if !s.title_zh.is_empty() {
        parts.push(format!("title_zh: {}", s.title_zh));
    }
    if !s.url_alt.is_empty() {
        parts.push(format!("also at: {}", s.url_alt.join(" ")));
    }
    if !s.note.is_empty() {
        parts.push(s.note.clone());
    }
    parts.join("; ")
}

/// The sources as a CSL-JSON array, in file order.
pub fn csl_json(sources: &[Source]) -> String {
    let items: Vec<Value> = sources
        .iter()
        .map(|s| {
            let mut item = Map::new();
            item.insert("id".into(), json!(s.id));
            item.insert("type".into(), json!(csl_type(s)));
            item.insert("title".into(), json!(s.title));
            let authors: Vec<Value> = parse_authors(&s.author)
                .into_iter()
                .map(|n| match n {
                    Name::Person { family, given } => json!({ "family": family, "given": given }),
                    Name::Literal(l) => json!({ "literal": l }),
                })
                .collect();
            if !authors.is_empty() {
                item.insert("author".into(), Value::Array(authors));
            }
            if let Some(parts) = date_parts(s) {
                item.insert("issued".into(), json!({ "date-parts": [parts] }));
            }
            if !s.publisher.is_empty() {
                item.insert(if csl_type(s) == "webpage" { "container-title" } else { "publisher" }.into(), json!(s.publisher));
            }
            if !s.url.is_empty() {
                item.insert("URL".into(), json!(s.url));
            }
            let n = note(s);
            if !n.is_empty() {
                item.insert("note".into(), json!(n));
            }
            Value::Object(item)
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&Value::Array(items)).expect("JSON values serialise");
    out.push('\n');
    out
}

/// Escape text for a braced BibTeX field: LaTeX's special characters are written as
/// commands, so the field always has balanced braces and compiles.
pub fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a BibTeX `url` field: written as is (the url and biblatex packages read it
/// verbatim) except backslashes, braces and spaces, which are percent-encoded.
fn bibtex_url(s: &str) -> String {
    s.replace('\\', "%5C").replace('{', "%7B").replace('}', "%7D").replace(' ', "%20")
}

/// A citation key from a source id: letters, digits and `-_:.` kept, anything else `-`.
fn bibtex_key(id: &str) -> String {
    let k: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || "-_:.".contains(c) { c } else { '-' }).collect();
    if k.is_empty() {
        "source".into()
    } else {
        k
    }
}

/// The sources as BibTeX `@misc` entries, in file order. The key is the source id (made
/// safe, with `x-source-id` keeping the original when it had to change); authors are joined
/// with `and`, an institution in an extra pair of braces so it is not split.
pub fn bibtex(sources: &[Source]) -> String {
    let mut out = String::new();
    let mut used = BTreeSet::new();
    for s in sources {
        let base = bibtex_key(&s.id);
        let mut key = base.clone();
        let mut n = 2;
        while !used.insert(key.clone()) {
            key = format!("{base}-{n}");
            n += 1;
        }
        let mut fields: Vec<(&str, String)> = Vec::new();
        let authors = parse_authors(&s.author);
        if !authors.is_empty() {
            let names: Vec<String> = authors
                .iter()
                .map(|a| match a {
                    Name::Person { family, given } => format!("{}, {}", bibtex_escape(family), bibtex_escape(given)),
                    Name::Literal(l) => format!("{{{}}}", bibtex_escape(l)),
                })
                .collect();
            fields.push(("author", names.join(" and ")));
        }
        fields.push(("title", format!("{{{}}}", bibtex_escape(&s.title))));
        if !s.publisher.is_empty() {
            fields.push(("howpublished", bibtex_escape(&s.publisher)));
            fields.push(("publisher", bibtex_escape(&s.publisher)));
        }
        if let Some(d) = &s.date {
            fields.push(("year", d.year.to_string()));
            if let Some(m) = d.month {
                fields.push(("month", m.to_string()));
            }
            fields.push(("date", d.to_string()));
        }
        if !s.url.is_empty() {
            fields.push(("url", bibtex_url(&s.url)));
        }
        let n = note(s);
        if !n.is_empty() {
            fields.push(("note", bibtex_escape(&n)));
        }
        if key != s.id {
            fields.push(("x-source-id", bibtex_escape(&s.id)));
        }
        out.push_str(&format!("@misc{{{key},\n"));
        for (name, value) in &fields {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        out.push_str("}\n\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(f: &str, g: &str) -> Name {
        Name::Person { family: f.into(), given: g.into() }
    }

    #[test]
    fn people_and_institutions() {
        assert_eq!(parse_authors("Joseph Sopcisak"), vec![person("Sopcisak", "Joseph")]);
        assert_eq!(
            parse_authors("Robert A. Friedman, Molly B. O'Casey, Jingwen Xing"),
            vec![person("Friedman", "Robert A."), person("O'Casey", "Molly B."), person("Xing", "Jingwen")]
        );
        assert_eq!(parse_authors("Luger, George F."), vec![person("Luger", "George F.")]);
        assert_eq!(parse_authors("James McCabe"), vec![person("McCabe", "James")]);
        for lit in [
            "U.S. Bureau of Industry and Security",
            "張凱銘 (Chang Kai-ming)",
            "Reuters (via Bangkok Post)",
            "CNBC",
            "The White House",
            "softbalance project",
            "Thompson Hine SmartTrade",
            "Tom's Hardware",
            "Nixon Peabody LLP",
        ] {
            assert_eq!(parse_authors(lit), vec![Name::Literal(lit.into())], "{lit}");
        }
        assert!(parse_authors("  ").is_empty());
    }

    #[test]
    fn escapes_keep_braces_balanced() {
        let e = bibtex_escape(r"50% of {x} & y_z #1 $2 ~ ^ \");
        assert_eq!(e, r"50\% of \{x\} \& y\_z \#1 \$2 \textasciitilde{} \textasciicircum{} \textbackslash{}");
        assert_eq!(bibtex_key("a b/c"), "a-b-c");
    }
}
