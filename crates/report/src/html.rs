//! The HTML report: one self-contained file (inline CSS and SVG, no script, no network
//! request) that works offline and prints on A4, in English, Traditional or Simplified
//! Chinese. Charts: the decision path (圖 1) with this case's path highlighted, the threat
//! components, the trade series (表 1), robustness shares, actions per year by family, the
//! escalation timeline (threat score per year against the thresholds, the prediction and the
//! observed mix, with the years that move flagged), and the evidence tables with every source
//! linked. Every sentence comes from `words` in the chosen language.

use crate::fmt::{pct, thousands, value};
use crate::json::Agreement;
use crate::svg::{esc, hbars, lines, stacked, timeline, Bar, TimelinePoint};
use crate::words;
use softbalance_core::case::Component;
use softbalance_core::decision::Rule;
use softbalance_core::strategy::Family;
use softbalance_core::{Analysis, Case, Response, StrategyCode};
use std::fmt::Write;

pub use crate::words::Lang;

/// The chosen language: labels and sentences from `words`, evidence text as recorded.
struct T {
    lang: Lang,
}

impl T {
    fn get(&self, key: &str) -> String {
        words::label(key, self.lang)
    }
    /// Evidence or wording given in both languages: the Chinese falls back to the English
    /// where a row has no Chinese.
    fn pick(&self, en: &str, zh_hant: &str) -> String {
        match self.lang {
            Lang::En => en.to_string(),
            _ if zh_hant.is_empty() => en.to_string(),
            l => l.pick(en, zh_hant),
        }
    }
    /// Both languages when they differ ("soft balancing (柔性平衡)").
    fn both(&self, en: &str, zh_hant: &str) -> String {
        match self.lang {
            Lang::En if !zh_hant.is_empty() => format!("{en} ({})", zh_hant),
            Lang::En => en.to_string(),
            _ => format!("{} ({en})", self.pick(en, zh_hant)),
        }
    }
}

const CSS: &str = r#"
:root{--ink:#1d2430;--mute:#5b6675;--line:#d5dbe3;--hi:#b3261e;--soft:#2f6f9f;--hard:#b3261e;--fric:#8c8c8c;--coop:#3c8c5a}
*{box-sizing:border-box}
body{font-family:"Noto Sans","Helvetica Neue",Arial,"Noto Sans CJK TC","Noto Sans TC","PingFang TC","Microsoft JhengHei","Noto Sans CJK SC","PingFang SC","Microsoft YaHei","Source Han Sans",sans-serif;color:var(--ink);max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.05rem}
.meta{color:var(--mute)}.answer{border:2px solid var(--ink);padding:.8rem 1rem;border-radius:6px}
.answer b{display:inline-block;min-width:7rem}.whatif{background:#fff4d6;padding:.4rem .8rem;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.6rem 0}th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
svg.chart{width:100%;height:auto;margin:.4rem 0}svg text{font-size:11px;fill:var(--ink)}svg .t{font-weight:600;font-size:12px}svg .n{fill:var(--mute)}
.track{fill:#eef1f5}.bar{fill:var(--soft)}.bar.hi{fill:var(--hi)}.axis{stroke:var(--mute)}
.line{fill:none;stroke-width:2}.s0{stroke:var(--soft);fill:var(--soft)}.s1{stroke:var(--hard);fill:var(--hard)}.s2{stroke:var(--coop);fill:var(--coop)}.s3{stroke:var(--fric);fill:var(--fric)}
polyline.s0,polyline.s1,polyline.s2,polyline.s3{fill:none}
.f0{fill:#2f6f9f}.f1{fill:#6aa5cf}.f2{fill:#9fc6e4}.f3{fill:#b3261e}.f4{fill:#8c8c8c}.f5{fill:#3c8c5a}
.threshold{stroke:var(--mute);stroke-dasharray:4 3}.flag{font-size:13px;font-weight:700}.flag.up{fill:var(--hard)}.flag.down{fill:var(--soft)}
.box{fill:#fff;stroke:var(--line);stroke-width:1.5}.box.on{stroke:var(--hi);stroke-width:3}.edge{stroke:var(--line);stroke-width:1.5;fill:none}.edge.on{stroke:var(--hi);stroke-width:3}
a{color:var(--soft)}.src{font-size:.82rem}
@media print{@page{size:A4;margin:15mm}body{max-width:none;margin:0}h2{break-after:avoid}svg,table{break-inside:avoid}a{color:inherit;text-decoration:none}}
"#;

/// Figure 1 redrawn: threat level, then interests or a much stronger target, then the response;
/// the path this case took is highlighted.
fn decision_path(a: &Analysis, t: &T) -> String {
    let rule = a.prediction.rule;
    let on = |cond: bool| if cond { " on" } else { "" };
    let threat_none = matches!(rule, Rule::NoThreat);
    let severe = matches!(rule, Rule::SevereThreat);
    let limited = matches!(rule, Rule::LimitedWithInterests | Rule::LimitedWithStrongerTarget | Rule::LimitedWithoutInterests | Rule::InsufficientInterestEvidence);
    let soft = matches!(rule, Rule::LimitedWithInterests | Rule::LimitedWithStrongerTarget);
    let hard_limited = matches!(rule, Rule::LimitedWithoutInterests);
    let insufficient = matches!(rule, Rule::InsufficientThreatEvidence | Rule::InsufficientInterestEvidence);
    let bx = |x: f64, y: f64, w: f64, label: &str, hi: bool| {
        format!(
            r#"<rect x="{x}" y="{y}" width="{w}" height="34" rx="5" class="box{}" data-mark=""/><text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            on(hi), x + w / 2.0, y + 21.0, esc(label)
        )
    };
    let edge = |x1: f64, y1: f64, x2: f64, y2: f64, label: &str, hi: bool| {
        format!(
            r#"<path d="M{x1},{y1} L{x2},{y2}" class="edge{}"/><text x="{}" y="{}" class="n">{}</text>"#,
            on(hi), (x1 + x2) / 2.0 + 4.0, (y1 + y2) / 2.0, esc(label)
        )
    };
    let mut o = String::new();
    // Six boxes: the question, the three first outcomes or questions, the two final outcomes.
    let _ = write!(o, r#"<svg class="chart" viewBox="0 0 640 250" role="img" aria-label="{}" data-rows="6" xmlns="http://www.w3.org/2000/svg">"#, esc(&t.get("path")));
    o.push_str(&bx(230.0, 5.0, 180.0, &t.get("dp_threat_perceived"), true));
    o.push_str(&edge(260.0, 39.0, 90.0, 110.0, &t.get("dp_none"), threat_none));
    o.push_str(&edge(320.0, 39.0, 320.0, 110.0, &t.get("dp_latent_or_limited"), limited));
    o.push_str(&edge(380.0, 39.0, 550.0, 110.0, &t.get("dp_severe"), severe));
    o.push_str(&bx(10.0, 110.0, 160.0, &t.get("dp_no_balancing"), threat_none));
    o.push_str(&bx(200.0, 110.0, 240.0, &t.get("dp_common_interests_or_much_stron"), limited));
    o.push_str(&bx(470.0, 110.0, 160.0, &t.get("dp_hard_balancing"), severe));
    o.push_str(&edge(280.0, 144.0, 200.0, 200.0, &t.get("dp_yes"), soft));
    o.push_str(&edge(360.0, 144.0, 440.0, 200.0, &t.get("dp_no"), hard_limited));
    o.push_str(&bx(110.0, 200.0, 160.0, &t.get("dp_soft_balancing"), soft));
    o.push_str(&bx(370.0, 200.0, 160.0, &t.get("dp_hard_balancing_more_likely"), hard_limited));
    if insufficient {
        let _ = write!(o, r#"<text x="320" y="245" text-anchor="middle" class="t" style="fill:var(--hi)">{}</text>"#, esc(&t.get("dp_insufficient_evidence_the_path")));
    }
    o.push_str("</svg>");
    o
}

fn family_index(f: Family) -> usize {
    match f {
        Family::Offsetting => 0,
        Family::Obstruction => 1,
        Family::Institutional => 2,
        Family::Hard => 3,
        Family::NonBalancing => 4,
    }
}

pub fn render(case: &Case, a: &Analysis, agreement: Option<&Agreement>, adjustments: &[String], lang: Lang) -> String {
    let t = T { lang };
    let m = &case.meta;
    let mut o = String::new();
    let title = t.pick(&m.title_en, &m.title_zh);
    let _ = write!(o, "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body>\n", lang.code(), esc(&title));
    let _ = writeln!(o, "<h1>{}</h1>", esc(&title));
    let _ = writeln!(
        o,
        "<p class=\"meta\">{} → {} · {} · {}–{} · {} {} / {} {} / {} {} · {} softbalance {}</p>",
        esc(&m.balancer), esc(&m.target), esc(&t.pick(&m.domain, &m.domain_zh)), m.period.0, m.period.1,
        case.indicators.len(), esc(&t.get("indicators")), case.actions.len(), esc(&t.get("actions")), case.sources.len(), esc(&t.get("sources")),
        esc(&t.get("generated")), env!("CARGO_PKG_VERSION")
    );
    if !adjustments.is_empty() {
        let _ = writeln!(o, "<p class=\"whatif\"><b>{}:</b> {}</p>", esc(&t.get("whatif")), esc(&adjustments.join("; ")));
    }
    let p = &a.prediction;
    let r = &p.robustness;
    let _ = writeln!(o, "<section class=\"answer\"><h2 style=\"margin-top:0;border:0\">{}</h2>", esc(&t.get("answer")));
    let _ = writeln!(o, "<p><b>{}</b> {} — {}</p>", esc(&t.get("predicted")), esc(&t.both(p.response.label_en(), p.response.label_zh())), esc(&words::predicted_share(r, lang)));
    let _ = writeln!(o, "<p><b>{}</b> {} — {}</p>", esc(&t.get("observed")), esc(&t.both(a.observed.response.label_en(), a.observed.response.label_zh())), esc(&words::observed_share(r, lang)));
    let _ = writeln!(o, "<p><b>{}</b> {}</p><p>{}</p><p>{}</p></section>", esc(&t.get("verdict")), esc(&words::agreement(a.verdict.agreement, lang)), esc(&words::verdict(&a.verdict, &a.observed, lang)), esc(&words::rule(p.rule, a.threat.level, a.interests.level, lang)));

    if let Some((head, diffs)) = words::reference(case, a, lang) {
        let _ = writeln!(o, "<section class=\"study\"><p><b>{}:</b> {}</p>", esc(&t.get("study")), esc(&head));
        for d in diffs {
            let _ = writeln!(o, "<p class=\"meta divergence\">{}</p>", esc(&d));
        }
        o.push_str("</section>\n");
    }
    let _ = writeln!(o, "<h2>{}</h2>{}", esc(&t.get("path")), decision_path(a, &t));

    let th = &a.threat;
    let _ = writeln!(o, "<h2>{}: {} ({:.3})</h2><p>{}</p>", esc(&t.get("threat")), esc(&t.both(th.level.as_str(), th.level.label_zh())), th.score, esc(&words::threat_reason(th, &case.params, lang)));
    let comps = [Component::AggregatePower, Component::OffensiveCapability, Component::Proximity, Component::Intentions];
    let bars: Vec<Bar> = comps
        .iter()
        .filter_map(|c| th.components.get(c.as_str()).map(|s| (c, s)))
        .map(|(c, s)| Bar {
            label: t.both(c.as_str(), c.label_zh()),
            value: s.score.unwrap_or(0.0),
            note: format!("{} × {:.2}", words::score(s.score, lang), s.weight),
            strong: false,
        })
        .collect();
    o.push_str(&hbars(&t.get("components"), &bars, 1.0));
    let _ = writeln!(o, "<table><tr><th>{}</th><th class=n>{}</th><th class=n>{}</th><th></th></tr>", esc(&t.get("threat")), esc(&t.get("score")), esc(&t.get("weight")));
    for c in comps {
        if let Some(s) = th.components.get(c.as_str()) {
            let _ = writeln!(o, "<tr><td>{}</td><td class=n>{}</td><td class=n>{:.2}</td><td>{}</td></tr>", esc(&t.both(c.as_str(), c.label_zh())), words::score(s.score, lang), s.weight, esc(&words::component(s, lang)));
        }
    }
    o.push_str("</table>\n");

    let i = &a.interests;
    let _ = writeln!(o, "<h2>{}: {} ({:.3})</h2><p>{}</p>", esc(&t.get("interests")), esc(&t.both(i.level.as_str(), i.level.label_zh())), i.score, esc(&words::interests(i, lang)));
    if !i.series.is_empty() {
        let series: Vec<(String, Vec<(i32, f64)>)> =
            i.series.iter().map(|s| (s.metric.clone(), s.points.iter().map(|p| (p.year, p.value)).collect())).collect();
        o.push_str(&lines(&t.get("series"), &i.series[0].unit, &series));
        let _ = write!(o, "<table><tr><th>{}</th>", esc(&t.get("year")));
        for s in &i.series {
            let _ = write!(o, "<th class=n>{}</th><th class=n>%</th>", esc(&s.metric));
        }
        o.push_str("</tr>");
        let mut years: Vec<i32> = i.series.iter().flat_map(|s| s.points.iter().map(|p| p.year)).collect();
        years.sort_unstable();
        years.dedup();
        for y in years {
            let _ = write!(o, "<tr><td>{y}</td>");
            for s in &i.series {
                match s.points.iter().find(|p| p.year == y) {
                    Some(p) => {
                        let _ = write!(o, "<td class=n>{}</td><td class=n>{}</td>", thousands(p.value, 1), p.growth_pct.map(|g| format!("{g:.3}")).unwrap_or_else(|| "–".into()));
                    }
                    None => o.push_str("<td></td><td></td>"),
                }
            }
            o.push_str("</tr>");
        }
        o.push_str("</table>\n");
    }

    let _ = writeln!(o, "<h2>{}</h2>", esc(&t.get("robustness")));
    let rb: Vec<Bar> = Response::ALL
        .iter()
        .filter_map(|resp| r.response_shares.get(resp.as_str()).map(|v| (resp, v)))
        .map(|(resp, v)| Bar { label: t.both(resp.label_en(), resp.label_zh()), value: *v, note: pct(*v), strong: *resp == p.response })
        .collect();
    o.push_str(&hbars(&format!("{} — {}", t.get("predicted"), words::robustness_brief(r, lang)), &rb, 1.0));
    let ob: Vec<Bar> = Response::ALL
        .iter()
        .filter_map(|resp| r.observed_shares.get(resp.as_str()).map(|v| (resp, v)))
        .filter(|(_, v)| **v > 0.0)
        .map(|(resp, v)| Bar { label: t.both(resp.label_en(), resp.label_zh()), value: *v, note: pct(*v), strong: *resp == a.observed.response })
        .collect();
    o.push_str(&hbars(&t.get("observed"), &ob, 1.0));
    let _ = writeln!(
        o,
        "<h3>{}</h3><table><tr><th>{}</th><th class=n>{}</th><th>{}</th><th class=n>{}</th></tr>",
        esc(&t.get("margins")), esc(&t.get("score")), esc(&t.get("value")), esc(&t.get("threshold")), esc(&t.get("distance"))
    );
    for mg in &r.margins {
        let _ = writeln!(o, "<tr><td>{}</td><td class=n>{:.3}</td><td><code>{}</code> {:.3}</td><td class=n>{:.3}</td></tr>", esc(mg.score), mg.value, esc(mg.nearest), mg.threshold, mg.distance);
    }
    o.push_str("</table>\n");
    let (top, flips) = words::top(&a.sensitivity, 12);
    let _ = writeln!(
        o,
        "<h3>{}</h3><p>{}</p><table><tr><th>{}</th><th>{}</th><th class=n>{}</th></tr>",
        esc(&t.get("sensitivity")), esc(&words::sensitivity_intro(flips, a.sensitivity.len(), lang)), esc(&t.get("change")), esc(&t.get("effect")), esc(&t.get("influence"))
    );
    for e in top {
        let _ = writeln!(o, "<tr><td>{}</td><td>{}</td><td class=n>{:.3}</td></tr>", esc(&words::change(&e.change, lang)), esc(&words::effect(e, p.response, a.observed.response, lang)), e.influence);
    }
    o.push_str("</table>\n");

    let ob = &a.observed;
    let _ = writeln!(o, "<h2>{}</h2><p>{}</p>", esc(&t.get("strategies")), esc(&words::action_shares(ob, lang)));
    let max = ob.by_strategy.values().copied().max().unwrap_or(1).max(1) as f64;
    let sb: Vec<Bar> = StrategyCode::ALL
        .iter()
        .map(|c| {
            let n = ob.by_strategy.get(c.as_str()).copied().unwrap_or(0);
            Bar { label: t.both(c.as_str(), c.label_zh()), value: n as f64, note: n.to_string(), strong: c.is_hard() }
        })
        .collect();
    o.push_str(&hbars(&t.get("strategies"), &sb, max));
    let families = [Family::Offsetting, Family::Obstruction, Family::Institutional, Family::Hard, Family::NonBalancing];
    let cols: Vec<(String, Vec<f64>)> = ob
        .by_year
        .iter()
        .map(|(y, codes)| {
            let mut v = vec![0.0; families.len()];
            for (code, n) in codes {
                if let Ok(c) = code.parse::<StrategyCode>() {
                    v[family_index(c.family())] += *n as f64;
                }
            }
            (y.to_string(), v)
        })
        .collect();
    let fam_names: Vec<String> = families.iter().map(|f| words::family(*f, lang)).collect();
    o.push_str(&stacked(&t.get("per_year"), &fam_names, &cols));
    for s in [words::head_count_differs(ob, lang), words::foreign_actors(ob, lang)].into_iter().flatten() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", esc(&s));
    }

    timeline_section(&mut o, case, &t);

    let f = &ob.friction;
    let _ = writeln!(o, "<h2>{}</h2><p>{}</p>", esc(&t.get("friction")), esc(&words::friction_summary(f, lang)));
    if f.pass_share.is_some() {
        let _ = write!(o, "<table><tr><th>id</th><th>{}</th><th>{}</th><th>{}</th></tr>", esc(&t.get("code")), esc(&t.get("test")), esc(&t.get("rule")));
        for (id, res) in &f.per_action {
            let code = case.actions.iter().find(|x| &x.id == id).map(|x| x.code.as_str()).unwrap_or("");
            let _ = write!(o, "<tr><td><a href=\"#{0}\">{0}</a></td><td>{1}</td><td>{2}</td><td>{3}</td></tr>", esc(id), code, esc(&words::friction_outcome(res.outcome, lang)), esc(&words::friction_rule(res, lang)));
        }
        o.push_str("</table>\n");
    }
    if let Some(ag) = agreement {
        let _ = writeln!(o, "<h2>{}</h2><p>{}</p>", esc(&t.get("coder")), esc(&words::coder_agreement(ag, lang)));
    }

    // Evidence tables, every source linked to its entry below.
    let src_link = |ids: &[String]| ids.iter().map(|s| format!("<a href=\"#src-{0}\">{0}</a>", esc(s))).collect::<Vec<_>>().join("; ");
    let _ = writeln!(
        o,
        "<h2>{}</h2><h3>{}</h3><table><tr><th>id</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(&t.get("evidence")), esc(&t.get("actions")), esc(&t.get("date")), esc(&t.get("code")), esc(&t.get("action")), esc(&t.get("source"))
    );
    for x in &case.actions {
        let _ = writeln!(o, "<tr id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=src>{} {}</td></tr>", esc(&x.id), esc(&x.id), x.date, x.code.as_str(), esc(&t.pick(&x.title_en, &x.title_zh)), src_link(&x.sources), esc(&x.locator));
    }
    // The indicators, then the projections (`status = projected`: listed, never scored).
    let indicator_table = |o: &mut String, heading: &str, class: &str, rows: &[softbalance_core::case::Indicator]| {
        let _ = writeln!(
            o,
            "</table><h3>{}</h3><table{class}><tr><th>id</th><th>{}</th><th>{}</th><th>{}</th><th class=n>{}</th><th>{}</th><th>{}</th></tr>",
            esc(&t.get(heading)), esc(&t.get("component")), esc(&t.get("actor")), esc(&t.get("date")), esc(&t.get("value")), esc(&t.get("what_it_says")), esc(&t.get("source"))
        );
        for x in rows {
            let _ = writeln!(o, "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=n>{}</td><td>{}</td><td class=src>{} {}</td></tr>", esc(&x.id), x.component.as_str(), esc(&x.actor), x.date, value(x.value), esc(&t.pick(&x.label_en, &x.label_zh)), src_link(&x.sources), esc(&x.locator));
        }
    };
    indicator_table(&mut o, "indicators", "", &case.indicators);
    if !case.projections.is_empty() {
        indicator_table(&mut o, "projections", " class=projections", &case.projections);
    }
    let _ = writeln!(o, "</table><h3>{}</h3><ol class=src>", esc(&t.get("sources")));
    for s in &case.sources {
        let title = if s.url.is_empty() { esc(&s.title) } else { format!("<a href=\"{}\">{}</a>", esc(&s.url), esc(&s.title)) };
        let _ = writeln!(o, "<li id=\"src-{}\"><code>{}</code> {}, {}{}{}</li>", esc(&s.id), esc(&s.id), esc(&s.author), title,
            if s.title_zh.is_empty() { String::new() } else { format!(" ({})", esc(&s.title_zh)) },
            s.date.map(|d| format!(", {d}")).unwrap_or_default());
    }
    o.push_str("</ol>\n</body></html>\n");
    o
}

/// The escalation timeline (core's `timeline::by_year`, what `analyze --by-year` prints): the
/// threat score per year against the thresholds with the prediction and the flags, the
/// cumulative observed mix per year, and the table behind both.
fn timeline_section(o: &mut String, case: &Case, t: &T) {
    let lang = t.lang;
    let rows = softbalance_core::timeline::by_year(case);
    let _ = writeln!(o, "<h2>{}</h2><p>{}</p>", esc(&t.get("timeline")), esc(&words::timeline_intro(lang)));
    let th = &case.params.threat_thresholds;
    let thresholds = vec![
        (words::threat_level(softbalance_core::threat::ThreatLevel::Latent, lang), th.latent),
        (words::threat_level(softbalance_core::threat::ThreatLevel::Limited, lang), th.limited),
        (words::threat_level(softbalance_core::threat::ThreatLevel::Severe, lang), th.severe),
    ];
    let points: Vec<TimelinePoint> = rows
        .iter()
        .map(|r| TimelinePoint {
            year: r.year,
            score: r.threat_score,
            assessed: r.threat_level != softbalance_core::threat::ThreatLevel::Insufficient,
            prediction: words::response(r.prediction, lang),
            shift: r.shift.as_ref().map(|s| (s.toward_hard, words::shift(s, lang))),
        })
        .collect();
    o.push_str(&timeline(&t.get("timeline_scores"), &points, &thresholds));
    let parts: Vec<String> = ["soft", "hard", "friction", "cooperation"]
        .iter()
        .zip(["柔性", "硬性", "摩擦", "合作"])
        .map(|(en, zh)| lang.pick(*en, zh))
        .collect();
    let cols: Vec<(String, Vec<f64>)> = rows
        .iter()
        .map(|r| {
            let s = r.cumulative_mix.shares();
            let scale = if r.cumulative_mix.total() > 0.0 { 100.0 } else { 0.0 };
            (r.year.to_string(), vec![s.soft * scale, s.hard * scale, s.friction * scale, s.cooperation * scale].into_iter().map(|v| (v * 10.0).round() / 10.0).collect())
        })
        .collect();
    o.push_str(&stacked(&t.get("timeline_mix"), &parts, &cols));
    let _ = writeln!(
        o,
        "<table class=\"timeline\"><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th class=n>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        esc(&t.get("year")), esc(&t.get("threat")), esc(&t.get("interests")), esc(&t.get("prediction")), esc(&t.get("acts")),
        esc(&t.get("observed_cumulative")), esc(&t.get("missing_col")), esc(&t.get("shift"))
    );
    for r in &rows {
        let missing: Vec<String> = r.missing.iter().map(|m| words::component_name(m, lang)).collect();
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td>{} {:.2}</td><td>{} {:.2}</td><td>{}</td><td class=n>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            r.year, esc(&words::threat_level(r.threat_level, lang)), r.threat_score, esc(&words::interest_level(r.interest_level, lang)), r.interest_score,
            esc(&words::response(r.prediction, lang)), r.actions_in_year, esc(&words::response(r.observed_cumulative, lang)),
            esc(&missing.join(if lang.is_zh() { "、" } else { ", " })), esc(&r.shift.as_ref().map(|s| words::shift(s, lang)).unwrap_or_default())
        );
    }
    o.push_str("</table>\n");
}
