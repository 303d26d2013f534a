//! From documents to a draft case: read documents ([`documents`]), split them into sentences,
//! keep the sentences that report an act of the balancer toward the target (or of the target
//! toward the balancer), code them, date them ([`dates`]) and write reviewable tables in the
//! case format ([`table`]). Everything skipped is counted, never silently dropped.
//!
//! ```
//! use softbalance_coder::{Coder, extract};
//! let doc = extract::documents::read_bytes("note.txt",
//!     "2021-04-10\nThe United States added seven Chinese entities to the Entity List on 8 April 2021.".as_bytes()).unwrap();
//! let out = extract::extract(Coder::shared(), vec![doc], &extract::Options::new("USA", "CHN"));
//! let row = &out.rows[0];
//! assert_eq!((row.date.unwrap().to_string(), row.date_basis.as_str()), ("2021-04-08".into(), "event"));
//! ```

pub mod dates;
pub mod documents;
pub mod table;

use crate::{Coded, Coder, Lang};
use dates::{DateSpec, PartialDate};
use documents::{DateOrigin, Document};
use softbalance_core::strategy::StrategyCode;

/// What dates a row: its own sentence, the nearest dated sentence before it, the document's
/// publication date, or nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBasis {
    Event,
    Context,
    Publication,
    Unknown,
}

impl DateBasis {
    /// The case format's `date_basis` value (docs/case-format.md, "Dates and status"): a date
    /// taken from a neighbouring sentence is `inferred`; an undated row says nothing.
    pub fn case_value(self) -> &'static str {
        match self {
            DateBasis::Event => "event",
            DateBasis::Context => "inferred",
            DateBasis::Publication => "publication",
            DateBasis::Unknown => "",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Event => "event",
            DateBasis::Context => "context",
            DateBasis::Publication => "publication",
            DateBasis::Unknown => "unknown",
        }
    }
}

/// The dyad to look for and the id prefixes of the rows written.
#[derive(Clone, Debug)]
pub struct Options {
    pub balancer: String,
    pub target: String,
    /// Action ids are this prefix and a number: `A-X001`, `A-X002`, …
    pub action_prefix: String,
    /// Source ids likewise: `S-X001`, …
    pub source_prefix: String,
}

impl Options {
    pub fn new(balancer: &str, target: &str) -> Options {
        Options {
            balancer: balancer.trim().to_ascii_uppercase(),
            target: target.trim().to_ascii_uppercase(),
            action_prefix: "A-X".into(),
            source_prefix: "S-X".into(),
        }
    }
}

/// One drafted action: a sentence of a document, coded and dated.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: String,
    pub source: String,
    /// The document's name as given.
    pub file: String,
    /// Byte offsets of the sentence in the document's normalised text.
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    pub lang: Lang,
    /// Who acts: the balancer, or the target when the sentence reports the target's act.
    pub actor: String,
    pub target: String,
    pub code: StrategyCode,
    pub confidence: f32,
    pub runner_up: StrategyCode,
    /// The cues that decided the code, strongest first, joined by ` | `.
    pub cue: String,
    pub date: Option<PartialDate>,
    pub date_basis: DateBasis,
    /// The words that dated the row (in the sentence, the context sentence or the dateline),
    /// or the metadata field.
    pub date_evidence: String,
}

/// What became of a document's sentences.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub sentences: usize,
    pub rows: usize,
    /// Coded `none` by the coder: no act (negated, hypothetical, commentary).
    pub no_action: usize,
    /// Names neither the balancer nor the target.
    pub neither_state: usize,
    /// The act of a third state, though one of the two is named.
    pub third_party: usize,
}

impl Counts {
    pub fn add(&mut self, o: &Counts) {
        self.sentences += o.sentences;
        self.rows += o.rows;
        self.no_action += o.no_action;
        self.neither_state += o.neither_state;
        self.third_party += o.third_party;
    }
}

/// A document with the source id its rows cite and what became of its sentences.
#[derive(Clone, Debug)]
pub struct Extracted {
    pub document: Document,
    pub source: String,
    pub counts: Counts,
}

/// The drafted rows and the documents they came from.
#[derive(Clone, Debug)]
pub struct Extraction {
    pub rows: Vec<Row>,
    pub documents: Vec<Extracted>,
}

impl Extraction {
    pub fn totals(&self) -> Counts {
        let mut c = Counts::default();
        for d in &self.documents {
            c.add(&d.counts);
        }
        c
    }
}

/// Does the coder say the sentence reports no act? (The coder's `none` answer, issue 10 §3:
/// `Coded::is_action`.)
fn is_no_action(coded: &Coded) -> bool {
    !coded.is_action()
}

/// Why a sentence gives no row, before coding its act.
enum Skip {
    Neither,
    ThirdParty,
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Draft the actions of `documents` for the dyad of `opts`.
pub fn extract(coder: &Coder, documents: Vec<Document>, opts: &Options) -> Extraction {
    let mut rows = Vec::new();
    let mut out = Vec::new();
    for (n, document) in documents.into_iter().enumerate() {
        let source = format!("{}{:03}", opts.source_prefix, n + 1);
        let counts = extract_document(coder, &document, &source, opts, &mut rows);
        out.push(Extracted { document, source, counts });
    }
    Extraction { rows, documents: out }
}

fn extract_document(coder: &Coder, doc: &Document, source: &str, opts: &Options, rows: &mut Vec<Row>) -> Counts {
    let (b, t) = (opts.balancer.as_str(), opts.target.as_str());
    let mut counts = Counts::default();
    let publication = doc.date.as_ref().map(|d| d.date);
    let dateline = match doc.date.as_ref().map(|d| &d.origin) {
        Some(DateOrigin::Dateline { start, end }) => Some((*start, *end)),
        _ => None,
    };
    let publication_evidence = match doc.date.as_ref() {
        Some(d) => match &d.origin {
            DateOrigin::Dateline { start, end } => doc.text[*start..*end].to_string(),
            DateOrigin::Metadata(m) => m.clone(),
        },
        None => String::new(),
    };
    // The nearest preceding dated sentence: its date and the words that gave it.
    let mut context: Option<(PartialDate, String)> = None;
    for (s, e) in crate::sentences::split(&doc.text) {
        counts.sentences += 1;
        let sentence = &doc.text[s..e];
        let in_dateline = dateline.is_some_and(|(ds, de)| ds < e && s < de);
        // Curly apostrophes as the coder's gazetteer spells them: "People’s Republic of China"
        // must not read as "Republic of China". Dates and cues are found in this same text.
        let input = sentence.replace(['\u{2019}', '\u{2018}'], "'");

        // Which of the two states the sentence names, and who acts.
        let detected = coder.code_text(&input, None, None);
        let named: Vec<&str> = detected
            .balancer
            .iter()
            .chain(detected.target.iter())
            .chain(detected.partners.iter())
            .map(String::as_str)
            .collect();
        let names_balancer = named.iter().any(|c| same(c, b));
        let names_target = named.iter().any(|c| same(c, t));
        // The target acts when it is the subject and the balancer is named too ("中方敦促美方…");
        // a sentence naming only the target reports what is done to it.
        let dyad = match detected.balancer.as_deref() {
            _ if !names_balancer && !names_target => Err(Skip::Neither),
            Some(x) if same(x, t) && names_balancer => Ok((t, b)),
            Some(x) if same(x, t) => Ok((b, t)),
            Some(x) if !same(x, b) => Err(Skip::ThirdParty),
            _ => Ok((b, t)),
        };
        let coded = dyad.map(|(actor, toward)| (actor, toward, coder.code_text(&input, Some(actor), Some(toward))));

        // The sentence's own date: of the mentions that resolve (yearless forms completed from
        // the context or the publication date; "today" counts from the publication), the last
        // one before the strongest cue of the act, else the first ("在商务部25日举行的新闻发布会上,
        // …美国商务部24日宣布…列入" is dated the 24th).
        let resolved: Vec<(usize, PartialDate, String)> = dates::find(&input)
            .into_iter()
            .filter_map(|m| {
                let reference = match m.spec {
                    DateSpec::Relative(_) => publication,
                    _ => context.as_ref().map(|c| c.0).or(publication),
                };
                dates::resolve(m.spec, reference).map(|d| (m.start, d, input[m.start..m.end].to_string()))
            })
            .collect();
        let act_at = coded.as_ref().ok().and_then(|(_, _, c)| c.cues.first()).map(|c| c.start);
        let own = act_at
            .and_then(|at| resolved.iter().rev().find(|(start, _, _)| *start < at))
            .or(resolved.first())
            .map(|(_, d, w)| (*d, w.clone()));
        let (date, basis, evidence) = match (&own, in_dateline) {
            (Some((d, _)), true) => (Some(*d), DateBasis::Publication, publication_evidence.clone()),
            (Some((d, w)), false) => (Some(*d), DateBasis::Event, w.clone()),
            (None, _) => match (&context, publication) {
                (Some((d, w)), _) => (Some(*d), DateBasis::Context, w.clone()),
                (None, Some(p)) => (Some(p), DateBasis::Publication, publication_evidence.clone()),
                (None, None) => (None, DateBasis::Unknown, String::new()),
            },
        };
        if let (Some(d), false) = (&own, in_dateline) {
            context = Some(d.clone());
        }

        let (actor, toward, coded) = match coded {
            Err(Skip::Neither) => {
                counts.neither_state += 1;
                continue;
            }
            Err(Skip::ThirdParty) => {
                counts.third_party += 1;
                continue;
            }
            Ok(x) => x,
        };
        if is_no_action(&coded) {
            counts.no_action += 1;
            continue;
        }
        counts.rows += 1;
        rows.push(Row {
            id: format!("{}{:03}", opts.action_prefix, rows.len() + 1),
            source: source.to_string(),
            file: doc.name.clone(),
            start: s,
            end: e,
            sentence: sentence.to_string(),
            lang: coded.lang,
            actor: actor.to_string(),
            target: toward.to_string(),
            code: coded.label,
            confidence: coded.confidence,
            runner_up: coded.runner_up,
            cue: coded.cues.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" | "),
            date,
            date_basis: basis,
            date_evidence: evidence,
        });
    }
    counts
}
