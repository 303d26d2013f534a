//! Small SVG charts for the HTML report, drawn as plain strings: horizontal bars, a line chart,
//! stacked bars and the escalation timeline. Every label is escaped; every coordinate is
//! finite. Each chart's `<svg>` carries `data-rows="N"` (its data rows) and each data mark
//! (bar, point, column) `data-mark`, so a test can check that every row was drawn.

use std::fmt::Write;

/// Escape text for XML/HTML content and attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}

/// One bar: label, value, text shown after the bar, highlighted or not.
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub note: String,
    pub strong: bool,
}

/// Horizontal bars scaled to `max` (values above are clipped), one row each.
pub fn hbars(title: &str, bars: &[Bar], max: f64) -> String {
    let row = 22.0;
    let (lw, bw) = (190.0, 300.0);
    let h = 28.0 + row * bars.len() as f64;
    let mut o = String::new();
    let _ = write!(o, r#"<svg class="chart" viewBox="0 0 640 {h}" role="img" aria-label="{}" data-rows="{}" xmlns="http://www.w3.org/2000/svg">"#, esc(title), bars.len());
    let _ = write!(o, r#"<text x="0" y="14" class="t">{}</text>"#, esc(title));
    let max = if finite(max) > 0.0 { max } else { 1.0 };
    for (i, b) in bars.iter().enumerate() {
        let y = 24.0 + row * i as f64;
        let w = (finite(b.value) / max).clamp(0.0, 1.0) * bw;
        let _ = write!(o, r#"<text x="{}" y="{}" class="l" text-anchor="end">{}</text>"#, lw - 6.0, y + 14.0, esc(&b.label));
        let _ = write!(o, r#"<rect x="{lw}" y="{}" width="{bw}" height="16" class="track"/>"#, y + 2.0);
        let _ = write!(o, r#"<rect x="{lw}" y="{}" width="{w:.1}" height="16" class="{}" data-mark=""/>"#, y + 2.0, if b.strong { "bar hi" } else { "bar" });
        let _ = write!(o, r#"<text x="{}" y="{}" class="n">{}</text>"#, lw + bw + 6.0, y + 14.0, esc(&b.note));
    }
    o.push_str("</svg>");
    o
}

/// A line chart of one or more series over years, with axis labels.
pub fn lines(title: &str, unit: &str, series: &[(String, Vec<(i32, f64)>)]) -> String {
    let (w, h, l, r, t, b) = (640.0, 270.0, 70.0, 150.0, 40.0, 30.0);
    let pts: Vec<(i32, f64)> = series.iter().flat_map(|s| s.1.iter().copied()).collect();
    let mut o = String::new();
    let _ = write!(o, r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}" data-rows="{}" xmlns="http://www.w3.org/2000/svg">"#, esc(title), pts.len());
    let _ = write!(o, r#"<text x="0" y="14" class="t">{}</text>"#, esc(title));
    if pts.is_empty() {
        o.push_str(r#"<text x="70" y="60" class="l">no data</text></svg>"#);
        return o;
    }
    let (x0, x1) = (pts.iter().map(|p| p.0).min().unwrap(), pts.iter().map(|p| p.0).max().unwrap());
    let ymax = pts.iter().map(|p| finite(p.1)).fold(0.0, f64::max).max(1e-9) * 1.1;
    let sx = |x: i32| l + if x1 > x0 { (x - x0) as f64 / (x1 - x0) as f64 } else { 0.5 } * (w - l - r);
    let sy = |y: f64| t + (1.0 - finite(y) / ymax) * (h - t - b);
    let _ = write!(o, r#"<line x1="{l}" y1="{}" x2="{}" y2="{}" class="axis"/>"#, h - b, w - r, h - b);
    let _ = write!(o, r#"<line x1="{l}" y1="{t}" x2="{l}" y2="{}" class="axis"/>"#, h - b);
    for k in 0..=4 {
        let v = ymax * k as f64 / 4.0;
        let _ = write!(o, r#"<text x="{}" y="{:.1}" class="n" text-anchor="end">{}</text>"#, l - 4.0, sy(v) + 4.0, esc(&crate::fmt::thousands(v, 0)));
    }
    for x in x0..=x1 {
        let _ = write!(o, r#"<text x="{:.1}" y="{}" class="n" text-anchor="middle">{x}</text>"#, sx(x), h - b + 16.0);
    }
    let _ = write!(o, r#"<text x="{l}" y="{}" class="n">{}</text>"#, t - 6.0, esc(unit));
    for (k, (name, s)) in series.iter().enumerate() {
        let path: Vec<String> = s.iter().map(|(x, y)| format!("{:.1},{:.1}", sx(*x), sy(*y))).collect();
        let _ = write!(o, r#"<polyline points="{}" class="line s{}"/>"#, path.join(" "), k % 4);
        for (x, y) in s {
            let _ = write!(o, r#"<circle cx="{:.1}" cy="{:.1}" r="3" class="dot s{}" data-mark=""/>"#, sx(*x), sy(*y), k % 4);
        }
        let _ = write!(o, r#"<text x="{}" y="{}" class="l s{}">{}</text>"#, w - r + 8.0, t + 16.0 + 18.0 * k as f64, k % 4, esc(name));
    }
    o.push_str("</svg>");
    o
}

/// Stacked vertical bars: one per x label, one segment per part (with a legend).
pub fn stacked(title: &str, parts: &[String], columns: &[(String, Vec<f64>)]) -> String {
    let (w, h, l, b, t) = (640.0, 240.0, 40.0, 30.0, 24.0);
    let mut o = String::new();
    let _ = write!(o, r#"<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-label="{}" data-rows="{}" xmlns="http://www.w3.org/2000/svg">"#, esc(title), columns.len());
    let _ = write!(o, r#"<text x="0" y="14" class="t">{}</text>"#, esc(title));
    let max = columns.iter().map(|c| c.1.iter().map(|v| finite(*v)).sum::<f64>()).fold(0.0, f64::max).max(1.0);
    let n = columns.len().max(1) as f64;
    let cw = (w - l - 160.0) / n;
    for (i, (label, vals)) in columns.iter().enumerate() {
        let x = l + cw * i as f64 + cw * 0.15;
        let mut y = h - b;
        let _ = write!(o, r#"<g data-mark="" data-label="{}">"#, esc(label));
        for (k, v) in vals.iter().enumerate() {
            let hh = finite(*v) / max * (h - t - b);
            if hh > 0.0 {
                y -= hh;
                let _ = write!(o, r#"<rect x="{x:.1}" y="{y:.1}" width="{:.1}" height="{hh:.1}" class="seg f{k}"><title>{} {}: {}</title></rect>"#, cw * 0.7, esc(label), esc(&parts[k.min(parts.len().saturating_sub(1))]), v);
            }
        }
        o.push_str("</g>");
        let total: f64 = vals.iter().sum();
        let _ = write!(o, r#"<text x="{:.1}" y="{:.1}" class="n" text-anchor="middle">{}</text>"#, x + cw * 0.35, y - 3.0, total);
        let _ = write!(o, r#"<text x="{:.1}" y="{}" class="n" text-anchor="middle">{}</text>"#, x + cw * 0.35, h - b + 16.0, esc(label));
    }
    for (k, p) in parts.iter().enumerate() {
        let y = t + 18.0 * k as f64;
        let _ = write!(o, r#"<rect x="{}" y="{y}" width="12" height="12" class="seg f{k}"/><text x="{}" y="{}" class="l">{}</text>"#, w - 150.0, w - 132.0, y + 10.0, esc(p));
    }
    o.push_str("</svg>");
    o
}

/// One year of the escalation timeline as the chart draws it.
pub struct TimelinePoint {
    pub year: i32,
    pub score: f64,
    /// False when the threat could not be assessed that year (too little evidence): the point
    /// is drawn hollow and the line does not pass through it, so a score resting on one
    /// component does not read as a measured threat.
    pub assessed: bool,
    /// The prediction on the evidence up to the year, as shown under the point.
    pub prediction: String,
    /// `Some(true)` toward hard, `Some(false)` back, with the flag's text.
    pub shift: Option<(bool, String)>,
}

/// The per-year threat score as a line with one point per year, the thresholds drawn as
/// dashed lines with their names, the prediction under each year and a flag (▲ toward hard,
/// ▼ back) above the years that move.
pub fn timeline(title: &str, points: &[TimelinePoint], thresholds: &[(String, f64)]) -> String {
    let (w, h, l, r, t, b) = (640.0, 300.0, 50.0, 120.0, 44.0, 56.0);
    let mut o = String::new();
    let _ = write!(o, r#"<svg class="chart timeline" viewBox="0 0 {w} {h}" role="img" aria-label="{}" data-rows="{}" xmlns="http://www.w3.org/2000/svg">"#, esc(title), points.len());
    let _ = write!(o, r#"<text x="0" y="14" class="t">{}</text>"#, esc(title));
    if points.is_empty() {
        o.push_str(r#"<text x="70" y="60" class="l">no data</text></svg>"#);
        return o;
    }
    let (x0, x1) = (points.iter().map(|p| p.year).min().unwrap(), points.iter().map(|p| p.year).max().unwrap());
    let sx = |x: i32| l + if x1 > x0 { (x - x0) as f64 / (x1 - x0) as f64 } else { 0.5 } * (w - l - r);
    let sy = |y: f64| t + (1.0 - finite(y).clamp(0.0, 1.0)) * (h - t - b);
    let _ = write!(o, r#"<line x1="{l}" y1="{}" x2="{}" y2="{}" class="axis"/>"#, h - b, w - r, h - b);
    let _ = write!(o, r#"<line x1="{l}" y1="{t}" x2="{l}" y2="{}" class="axis"/>"#, h - b);
    for k in 0..=4 {
        let v = k as f64 / 4.0;
        let _ = write!(o, r#"<text x="{}" y="{:.1}" class="n" text-anchor="end">{v:.2}</text>"#, l - 4.0, sy(v) + 4.0);
    }
    for (name, v) in thresholds {
        let y = sy(*v);
        let _ = write!(o, r#"<line x1="{l}" y1="{y:.1}" x2="{}" y2="{y:.1}" class="threshold"/><text x="{}" y="{:.1}" class="n">{} {:.2}</text>"#, w - r, w - r + 4.0, y + 4.0, esc(name), v);
    }
    let path: Vec<String> = points.iter().filter(|p| p.assessed).map(|p| format!("{:.1},{:.1}", sx(p.year), sy(p.score))).collect();
    if path.len() >= 2 {
        let _ = write!(o, r#"<polyline points="{}" class="line s0"/>"#, path.join(" "));
    }
    for p in points {
        let (x, y) = (sx(p.year), sy(p.score));
        let (class, fill) = if p.assessed { ("dot s0", "") } else { ("dot s0 open", r#" fill="none" stroke-dasharray="2 2""#) };
        let _ = write!(o, r#"<circle cx="{x:.1}" cy="{y:.1}" r="4" class="{class}"{fill} data-mark="" data-year="{}" data-assessed="{}"><title>{} {:.3} · {}</title></circle>"#, p.year, p.assessed, p.year, finite(p.score), esc(&p.prediction));
        let _ = write!(o, r#"<text x="{x:.1}" y="{}" class="n" text-anchor="middle">{}</text>"#, h - b + 16.0, p.year);
        let _ = write!(o, r#"<text x="{x:.1}" y="{}" class="n pred" text-anchor="middle">{}</text>"#, h - b + 32.0, esc(&p.prediction));
        if let Some((hard, text)) = &p.shift {
            let _ = write!(
                o,
                r#"<text x="{x:.1}" y="{:.1}" class="flag {}" text-anchor="middle" data-flag="{}">{}<title>{}</title></text>"#,
                y - 9.0,
                if *hard { "up" } else { "down" },
                if *hard { "toward_hard" } else { "toward_soft" },
                if *hard { "▲" } else { "▼" },
                esc(text)
            );
        }
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_bars_clipped() {
        let s = hbars("a<b", &[Bar { label: "x&y".into(), value: 2.0, note: "\"".into(), strong: true }], 1.0);
        assert!(s.contains("a&lt;b") && s.contains("x&amp;y") && s.contains("&quot;"));
        assert!(s.contains(r#"width="300.0""#), "clipped to the full width: {s}");
        assert!(!s.contains("NaN"));
    }

    #[test]
    fn line_and_stacked_charts_place_every_point() {
        let s = lines("t", "u", &[("a".into(), vec![(2018, 1.0), (2019, f64::NAN), (2020, 3.0)])]);
        assert_eq!(s.matches("<circle").count(), 3);
        assert!(!s.contains("NaN"));
        let st = stacked("t", &["p".into(), "q".into()], &[("2019".into(), vec![1.0, 2.0]), ("2020".into(), vec![0.0, 1.0])]);
        assert_eq!(st.matches(r#"class="seg f"#).count(), 3 + 2, "three segments and two legend keys");
        assert!(lines("t", "u", &[]).contains("no data"));
    }

    #[test]
    fn unassessed_years_are_hollow_and_off_the_line() {
        let p = |year, score, assessed| TimelinePoint { year, score, assessed, prediction: "p".into(), shift: None };
        let s = timeline("t", &[p(2014, 1.0, false), p(2015, 0.4, true), p(2016, 0.5, true)], &[]);
        assert_eq!(s.matches("data-mark").count(), 3, "one mark per year");
        assert_eq!(s.matches(r#"data-assessed="false""#).count(), 1);
        let line = s.split("<polyline points=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(line.split(' ').count(), 2, "the line joins the two assessed years only: {line}");
        let lone = timeline("t", &[p(2014, 1.0, false), p(2015, 0.4, true)], &[]);
        assert!(!lone.contains("<polyline"), "no line through a single assessed year");
    }
}
