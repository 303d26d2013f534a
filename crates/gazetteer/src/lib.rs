//! softbalance-gazetteer: the international actors that soft-balancing texts and event data
//! talk about — states, territories, groups and IGOs, their aliases in English and both
//! Chinese scripts, and their CAMEO / ISO / COW / Gleditsch–Ward codes.
//!
//! The text coder calls [`Gazetteer::mentions`]; the event reader calls
//! [`Gazetteer::from_cameo`], [`Gazetteer::from_name`], [`Gazetteer::cow_code`] and
//! [`Gazetteer::gw_code`]. The tables are embedded CSV files, parsed once on first use; their
//! sources and every special case are documented in `data/README.md`.

mod codes;
mod data;
mod matcher;
mod script;

pub use script::{detect_script, normalize_script, Script};

use matcher::Target;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What kind of actor an [`Entity`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A sovereign state, current or historical (USA, Soviet Union, GDR …).
    State,
    /// A non-state or contested territory: Taiwan, Kosovo, Palestine, Hong Kong, Macau,
    /// Western Sahara. Taiwan and Kosovo still carry COW/GW codes.
    Territory,
    /// An informal grouping of states without a secretariat (G7, G20, Quad, BRICS, AUKUS).
    Group,
    /// An intergovernmental organization (EU, NATO, UN, ASEAN, WTO …).
    Igo,
}

/// What kind of expression an alias is; the coder may weigh them differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// The name or a variant of it ("United States", "美國", "Russian Federation").
    Name,
    /// A demonym or adjective ("American", "Chinese").
    Demonym,
    /// The capital city used for the government ("Washington", "北京", "Brussels" for the EU).
    Capital,
    /// Another metonym: a seat of government or institution ("White House", "Kremlin", "中南海").
    Metonym,
    /// An abbreviation, matched case-sensitively ("US", "U.S.", "PRC", "NATO", "中方").
    Abbrev,
}

impl AliasKind {
    fn parse(s: &str) -> Option<AliasKind> {
        Some(match s {
            "name" => AliasKind::Name,
            "demonym" => AliasKind::Demonym,
            "capital" => AliasKind::Capital,
            "metonym" => AliasKind::Metonym,
            "abbrev" => AliasKind::Abbrev,
            _ => return None,
        })
    }
}

/// An actor: a state, territory, group or IGO.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// ISO 3166-1 alpha-3 for states and territories (ISO 3166-3 for dissolved states: SUN, DDR,
    /// YUG, CSK, YMD; "XKX" for Kosovo; "RVN" for South Vietnam, which had none); the group code
    /// for groups and IGOs ("EU", "G7", "NATO", "QUAD").
    pub code: String,
    pub kind: EntityKind,
    pub name_en: String,
    pub name_zh_hant: String,
    pub name_zh_hans: String,
    /// ISO3 codes of the current members (groups and IGOs only; empty where membership is not
    /// well defined or not recorded). See [`Gazetteer::members_in`] for a given year.
    pub members: Vec<String>,
}

/// An actor mentioned in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the first byte of the mention in the original text.
    pub start: usize,
    /// Byte offset one past the last byte of the mention in the original text.
    pub end: usize,
    /// The entity code (see [`Entity::code`]).
    pub code: String,
    /// The alias exactly as written in the text (`&text[start..end]`).
    pub alias: String,
    pub alias_kind: AliasKind,
}

/// Per-entity data that is not part of the public [`Entity`].
#[derive(Debug, Clone, Default)]
struct Extra {
    iso2: String,
    cow: Vec<data::Period>,
    gw: Vec<data::Period>,
    /// (member, first year, last year) for groups.
    member_years: Vec<(String, Option<i32>, Option<i32>)>,
    /// (first year, last year, entity index): years in which another entity acted for this one.
    acting: Vec<(i32, i32, usize)>,
}

/// The gazetteer: entities, aliases, codes and the alias automaton. Get it with [`gazetteer`].
pub struct Gazetteer {
    entities: Vec<Entity>,
    extra: Vec<Extra>,
    by_code: HashMap<String, usize>,
    /// Normalized, lowercased alias → entity index (None for blockers).
    by_name: HashMap<String, Option<usize>>,
    /// CAMEO country code (3 letters) → entity index.
    cameo_country: HashMap<String, usize>,
    /// CAMEO IGO code (IGO…) → entity index, searched by longest prefix.
    cameo_igo: Vec<(String, usize)>,
    /// FIPS 10-4 code → (first year, last year, entity index) periods (`data/fips.csv`).
    fips: HashMap<String, Vec<(Option<i32>, Option<i32>, usize)>>,
    /// The alias rows the matcher is built from.
    alias_rows: Vec<(String, Target, AliasKind)>,
    /// The alias automaton, built on the first `mentions` call: code lookups (what `analyze`
    /// and `check` need) do not pay for it.
    matcher: OnceLock<matcher::Matcher>,
}

/// The shared gazetteer, built on first use (parsing the tables takes a few milliseconds; the
/// alias automaton waits for the first `mentions` call) and then borrowed for the life of the
/// program.
pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::build)
}

impl Gazetteer {
    fn build() -> Gazetteer {
        let mut entities: Vec<Entity> = Vec::new();
        let mut extra: Vec<Extra> = Vec::new();
        let mut by_code: HashMap<String, usize> = HashMap::new();
        let mut cameo_country = HashMap::new();
        let mut cameo_igo = Vec::new();

        for row in data::countries() {
            let idx = *by_code.entry(row.iso3.clone()).or_insert_with(|| {
                entities.push(Entity {
                    code: row.iso3.clone(),
                    kind: match row.kind.as_str() {
                        "state" => EntityKind::State,
                        "territory" => EntityKind::Territory,
                        k => panic!("countries.csv: {}: unknown kind {k:?}", row.iso3),
                    },
                    name_en: row.name_en.clone(),
                    name_zh_hant: row.name_zh_hant.clone(),
                    name_zh_hans: row.name_zh_hans.clone(),
                    members: Vec::new(),
                });
                extra.push(Extra { iso2: row.iso2.clone(), ..Extra::default() });
                entities.len() - 1
            });
            for c in &row.cameo {
                cameo_country.entry(c.clone()).or_insert(idx);
            }
            extra[idx].cow.extend(row.cow);
            extra[idx].gw.extend(row.gw);
        }
        for g in data::groups() {
            assert!(!by_code.contains_key(&g.code), "groups.csv: code {} already used", g.code);
            let kind = match g.kind.as_str() {
                "igo" => EntityKind::Igo,
                "group" => EntityKind::Group,
                k => panic!("groups.csv: {}: unknown kind {k:?}", g.code),
            };
            let members = g.members.iter().filter(|m| m.2.is_none()).map(|m| m.0.clone()).collect();
            entities.push(Entity {
                code: g.code.clone(),
                kind,
                name_en: g.name_en.clone(),
                name_zh_hant: g.name_zh_hant.clone(),
                name_zh_hans: g.name_zh_hans.clone(),
                members,
            });
            extra.push(Extra { member_years: g.members.clone(), ..Extra::default() });
            let idx = entities.len() - 1;
            by_code.insert(g.code.clone(), idx);
            for c in g.cameo {
                cameo_igo.push((c, idx));
            }
        }
        // Longest IGO prefix first, so that IGOUNOHLHWHO (WHO) wins over IGOUNO (UN).
        cameo_igo.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

        // Aliases: the entities' own names first, then aliases.csv (which repeats most names).
        let mut alias_rows: Vec<(String, Target, AliasKind)> = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for n in [&e.name_en, &e.name_zh_hant, &e.name_zh_hans] {
                alias_rows.push((n.clone(), Target::Entity(Some(i)), AliasKind::Name));
            }
        }
        let lookup = |code: &str, alias: &str| {
            *by_code
                .get(code)
                .unwrap_or_else(|| panic!("aliases.csv: {alias:?} points to unknown entity {code}"))
        };
        for a in data::aliases() {
            let codes: Vec<&str> = a.entity_code.split_whitespace().collect();
            let target = match codes.as_slice() {
                ["-"] => Target::Entity(None),
                [one] => Target::Entity(Some(lookup(one, &a.alias))),
                many => {
                    assert_eq!(many.len(), a.alias.chars().count(), "aliases.csv: {:?}: one code per character", a.alias);
                    Target::PerChar(many.iter().map(|c| (*c != "-").then(|| lookup(c, &a.alias))).collect())
                }
            };
            let kind = AliasKind::parse(&a.kind)
                .unwrap_or_else(|| panic!("aliases.csv: {:?}: unknown kind {:?}", a.alias, a.kind));
            debug_assert!(matches!(a.lang.as_str(), "en" | "zh" | "zh-Hant" | "zh-Hans"), "{a:?}");
            alias_rows.push((a.alias, target, kind));
        }
        for p in data::predecessors() {
            let (i, a) = (lookup(&p.code, "predecessors.csv"), lookup(&p.acting, "predecessors.csv"));
            extra[i].acting.push((p.from, p.to, a));
        }
        let mut fips: HashMap<String, Vec<(Option<i32>, Option<i32>, usize)>> = HashMap::new();
        for f in data::fips() {
            let i = lookup(&f.entity, "fips.csv");
            fips.entry(f.fips).or_default().push((f.from, f.to, i));
        }
        let mut by_name = HashMap::new();
        for (alias, target, _) in &alias_rows {
            let entity = match target {
                Target::Entity(e) => *e,
                // Compounds and single characters are abbreviations in running text, not names.
                Target::PerChar(_) => continue,
            };
            if alias.chars().count() == 1 && alias.chars().all(script::is_han) {
                continue;
            }
            by_name.entry(name_key(alias)).or_insert(entity);
        }
        Gazetteer { entities, extra, by_code, by_name, cameo_country, cameo_igo, fips, alias_rows, matcher: OnceLock::new() }
    }

    /// All entities: states and territories in table order, then groups and IGOs.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Actors mentioned in `text`, in order: leftmost-longest, non-overlapping matches of the
    /// aliases over the script-normalized text (so 美國, 美国 and ＵＳ are all found), with
    /// word boundaries required around Latin aliases, abbreviations matched case-sensitively
    /// ("US" but not "us") and other Latin aliases only when capitalized as written in the
    /// table ("China", "CHINA", but not "china"). Offsets point into the original `text`.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        self.matcher
            .get_or_init(|| matcher::Matcher::new(&self.alias_rows))
            .find(text)
            .into_iter()
            .filter_map(|m| {
                let idx = m.entity?;
                Some(Mention {
                    start: m.start,
                    end: m.end,
                    code: self.entities[idx].code.clone(),
                    alias: text[m.start..m.end].to_owned(),
                    alias_kind: m.kind,
                })
            })
            .collect()
    }

    /// The entity with this ISO3 or group code, case-insensitive ("usa", "EU", "Quad").
    pub fn by_code(&self, code: &str) -> Option<&Entity> {
        self.index(code).map(|i| &self.entities[i])
    }

    fn index(&self, code: &str) -> Option<usize> {
        self.by_code.get(code.trim().to_ascii_uppercase().as_str()).copied()
    }

    /// The entity for a CAMEO actor code: a country code ("USA", "CHN", also old codes such as
    /// "ROM", "ZAR", "TMP", "SCG", "USR"), an IGO code ("IGOUNO" → UN, "IGOWSTNAT" → NATO), or
    /// a concatenated actor code read by its prefix ("USAGOV" → USA, "IGOEUREEC" → EU,
    /// "IGOUNOKID" → UN). Sector-only codes ("GOV", "MIL", "BUS"), bare "IGO", regions and
    /// multinational codes ("MNCUSA") give None.
    pub fn from_cameo(&self, code: &str) -> Option<&Entity> {
        let code = code.trim().to_ascii_uppercase();
        if code.starts_with("IGO") {
            return self
                .cameo_igo
                .iter()
                .find(|(c, _)| code.starts_with(c.as_str()))
                .map(|(_, i)| &self.entities[*i]);
        }
        let head = code.get(..3)?;
        self.cameo_country.get(head).map(|&i| &self.entities[i])
    }

    /// The entity named `name`: any alias or entity name, case-insensitive and script-folded,
    /// including ICEWS and POLECAT country names ("Russian Federation", "Occupied Palestinian
    /// Territory", "Moldova, Republic of", "the former Yugoslav Republic of Macedonia").
    /// Also accepts an entity code ("USA", "EU").
    pub fn from_name(&self, name: &str) -> Option<&Entity> {
        match self.by_name.get(&name_key(name)) {
            Some(Some(i)) => Some(&self.entities[*i]),
            Some(None) => None,
            None => self.by_code(name),
        }
    }

    /// The Correlates of War state number of `iso3` in `year`, None when the entity was not a
    /// COW system member that year (e.g. Germany 1946–1954). See `data/README.md` for the
    /// conventions (Germany 255/260, Yemen 678/679, Serbia = 345 …).
    pub fn cow_code(&self, iso3: &str, year: i32) -> Option<u16> {
        codes::period_at(&self.extra[self.index(iso3)?].cow, year).map(|p| p.code)
    }

    /// The Gleditsch–Ward state number of `iso3` in `year` (GW uses 260 for Germany from 1949,
    /// 678 for Yemen throughout, 340 for Serbia from 2006 and 345 for Yugoslavia before it).
    pub fn gw_code(&self, iso3: &str, year: i32) -> Option<u16> {
        codes::period_at(&self.extra[self.index(iso3)?].gw, year).map(|p| p.code)
    }

    /// The COW state abbreviation of `iso3` in `year` ("GFR" for Germany in 1980, "GMY" in 2000).
    pub fn cow_abb(&self, iso3: &str, year: i32) -> Option<&str> {
        codes::period_at(&self.extra[self.index(iso3)?].cow, year).map(|p| p.abb.as_str())
    }

    /// The entity that held COW number `code` in `year`; where two entities share it (365: the
    /// Soviet Union and Russia; 345: Yugoslavia and Serbia) the historical one is returned.
    pub fn from_cow(&self, code: u16, year: i32) -> Option<&Entity> {
        codes::reverse(&self.extra, |x| &x.cow, code, year).map(|i| &self.entities[i])
    }

    /// The entity that held Gleditsch–Ward number `code` in `year` (see [`Gazetteer::from_cow`]).
    pub fn from_gw(&self, code: u16, year: i32) -> Option<&Entity> {
        codes::reverse(&self.extra, |x| &x.gw, code, year).map(|i| &self.entities[i])
    }

    /// The entity that acted for `code` in `year`: the Soviet Union for Russia, Ukraine or the
    /// Baltic states in 1922–1991, Yugoslavia for Serbia, Croatia … before their independence,
    /// Czechoslovakia for the Czech Republic and Slovakia before 1993; otherwise the entity
    /// itself. Mentions carry timeless codes ("Moscow" is RUS); a reader that knows the year
    /// of a text maps them with this (`data/predecessors.csv`).
    pub fn as_of(&self, code: &str, year: i32) -> Option<&Entity> {
        let i = self.index(code)?;
        let acting = self.extra[i].acting.iter().find(|(f, t, _)| *f <= year && year <= *t);
        Some(&self.entities[acting.map_or(i, |a| a.2)])
    }

    /// The entity a FIPS 10-4 country code named in `year` — the codes of GDELT's location
    /// columns (`ActionGeo_CountryCode` …), which are not ISO 3166: "CH" is China, "SZ"
    /// Switzerland, "RS" Russia. Codes of states that ended resolve only in their years ("UR"
    /// is the Soviet Union to 1991, "GE" West Germany to 1990); codes the table lacks
    /// (dependencies such as Guam) give None. Case-insensitive.
    pub fn from_fips(&self, code: &str, year: i32) -> Option<&Entity> {
        let periods = self.fips.get(code.trim().to_ascii_uppercase().as_str())?;
        periods
            .iter()
            .find(|(from, to, _)| from.is_none_or(|f| f <= year) && to.is_none_or(|t| year <= t))
            .map(|(_, _, i)| &self.entities[*i])
    }

    /// The ISO 3166-1 alpha-2 code of a state or territory.
    pub fn iso2(&self, code: &str) -> Option<&str> {
        let x = &self.extra[self.index(code)?];
        (!x.iso2.is_empty()).then_some(x.iso2.as_str())
    }

    /// Members of group `code` in `year`, where accession years are recorded (EU, NATO, ASEAN,
    /// SCO, BRICS, G8); members without years count for every year.
    pub fn members_in(&self, code: &str, year: i32) -> Vec<&str> {
        let Some(i) = self.index(code) else { return Vec::new() };
        self.extra[i]
            .member_years
            .iter()
            .filter(|(_, from, to)| from.is_none_or(|f| f <= year) && to.is_none_or(|t| year <= t))
            .map(|(m, _, _)| m.as_str())
            .collect()
    }
}

/// Lookup key for names: script-folded, lowercased, Latin accents dropped, trimmed, inner
/// whitespace collapsed, "&" read as "and" and "St." as "Saint", so that the many spellings
/// of event-data country lists ("Sao Tome & Principe", "São Tomé and Príncipe",
/// "St. Lucia") meet the table's.
fn name_key(s: &str) -> String {
    let folded: String = normalize_script(s.trim())
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Î' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ô' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            '’' | '‘' => '\'',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let mut words: Vec<&str> = Vec::new();
    for w in folded.split_whitespace() {
        words.push(match w {
            "&" => "and",
            "st." | "st" if words.is_empty() => "saint",
            w => w,
        });
    }
    words.join(" ")
}
