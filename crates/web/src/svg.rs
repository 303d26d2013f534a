//! Inline SVG charts, drawn here rather than by a library: horizontal bars (scores, shares,
//! counts by code), stacked columns (actions per year by family), lines over years (the
//! escalation timeline) and a grid of cells (the events page's dyad-year view). Each data row
//! draws exactly one mark carrying `data-row` (`<rect class="bar …">`; stacked: one per
//! non-zero part; lines: one `<circle class="dot …">` per known point; grid: one
//! `<rect class="cell …">` per cell), so tests and the browser can count marks against rows.
//! Labels are escaped; sizes are fixed, so the page lays out before any script runs.

use crate::html::esc;

/// One horizontal bar: its label, its value, the text shown beside it, and a CSS class that
/// colours it (`""` for the default colour).
#[derive(Clone, Debug)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
    pub class: &'static str,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64, text: impl Into<String>) -> Bar {
        Bar { label: label.into(), value, text: text.into(), class: "" }
    }
    pub fn class(mut self, class: &'static str) -> Bar {
        self.class = class;
        self
    }
}

const ROW: f64 = 22.0;
const LABEL_W: f64 = 230.0;
const BAR_W: f64 = 300.0;
const TEXT_W: f64 = 90.0;

fn num(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Horizontal bars scaled to `max` (values above it are drawn full, below 0 empty).
pub fn hbars(title: &str, bars: &[Bar], max: f64) -> String {
    let h = ROW * bars.len() as f64 + 4.0;
    let w = LABEL_W + BAR_W + TEXT_W;
    let mut s = format!(
        "<svg class=\"chart hbars\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\"><title>{t}</title>",
        t = esc(title),
        w = num(w),
        h = num(h)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 2.0 + ROW * i as f64;
        let frac = if max > 0.0 && b.value.is_finite() { (b.value / max).clamp(0.0, 1.0) } else { 0.0 };
        let bw = BAR_W * frac;
        s.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            num(LABEL_W - 6.0),
            num(y + 15.0),
            esc(&b.label)
        ));
        s.push_str(&format!(
            "<rect class=\"track\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\"/>",
            num(LABEL_W),
            num(y + 2.0),
            num(BAR_W)
        ));
        s.push_str(&format!(
            "<rect class=\"bar {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" data-row=\"{i}\"><title>{}: {}</title></rect>",
            b.class,
            num(LABEL_W),
            num(y + 2.0),
            num(bw),
            esc(&b.label),
            esc(&b.text)
        ));
        s.push_str(&format!("<text class=\"value\" x=\"{}\" y=\"{}\">{}</text>", num(LABEL_W + BAR_W + 6.0), num(y + 15.0), esc(&b.text)));
    }
    s.push_str("</svg>");
    s
}

/// Stacked columns: one column per `(label, values)`, `values[k]` the height of part `k`
/// (`parts[k]` is its name and CSS class), scaled to the tallest column; a legend below.
pub fn stacked(title: &str, parts: &[(&str, &'static str)], columns: &[(String, Vec<f64>)]) -> String {
    const COL: f64 = 44.0;
    const PLOT_H: f64 = 160.0;
    let tallest = columns.iter().map(|(_, v)| v.iter().sum::<f64>()).fold(0.0, f64::max);
    let w = (COL * columns.len() as f64 + 40.0).max(320.0);
    let legend_h = 18.0 * parts.len().div_ceil(3) as f64;
    let h = PLOT_H + 40.0 + legend_h;
    let mut s = format!(
        "<svg class=\"chart stacked\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\"><title>{t}</title>",
        t = esc(title),
        w = num(w),
        h = num(h)
    );
    for (i, (label, values)) in columns.iter().enumerate() {
        let x = 30.0 + COL * i as f64;
        let mut y = PLOT_H + 10.0;
        let total: f64 = values.iter().sum();
        for (k, v) in values.iter().enumerate() {
            if *v <= 0.0 || tallest <= 0.0 {
                continue;
            }
            let bh = PLOT_H * v / tallest;
            y -= bh;
            let (name, class) = parts.get(k).copied().unwrap_or(("", ""));
            s.push_str(&format!(
                "<rect class=\"bar {class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-row=\"{i}.{k}\"><title>{}: {} {}</title></rect>",
                num(x),
                num(y),
                num(COL - 8.0),
                num(bh),
                esc(label),
                num(*v),
                esc(name)
            ));
        }
        s.push_str(&format!(
            "<text class=\"value\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(x + (COL - 8.0) / 2.0),
            num(y - 4.0),
            num(total)
        ));
        s.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(x + (COL - 8.0) / 2.0),
            num(PLOT_H + 26.0),
            esc(label)
        ));
    }
    for (k, (name, class)) in parts.iter().enumerate() {
        let (lx, ly) = (30.0 + 130.0 * (k % 3) as f64, PLOT_H + 40.0 + 18.0 * (k / 3) as f64);
        s.push_str(&format!(
            "<rect class=\"key {class}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/><text class=\"label\" x=\"{}\" y=\"{}\">{}</text>",
            num(lx),
            num(ly),
            num(lx + 14.0),
            num(ly + 9.0),
            esc(name)
        ));
    }
    s.push_str("</svg>");
    s
}

/// One series of [`lines`]: its name, CSS class and one value per column (`None`: no point).
pub struct Series<'a> {
    pub name: &'a str,
    pub class: &'static str,
    pub values: Vec<Option<f64>>,
}

/// Lines over labelled columns (years), values in `[0, max]`; one dot per known value, and a
/// dashed rule at each column listed in `marked` (the years a case shifts).
pub fn lines(title: &str, labels: &[String], series: &[Series], max: f64, marked: &[usize]) -> String {
    const COL: f64 = 56.0;
    const PLOT_H: f64 = 170.0;
    const LEFT: f64 = 40.0;
    let w = (LEFT + COL * labels.len() as f64 + 20.0).max(360.0);
    let h = PLOT_H + 44.0 + 18.0 * series.len() as f64;
    let x = |i: usize| LEFT + COL * i as f64 + COL / 2.0;
    let y = |v: f64| 10.0 + PLOT_H * (1.0 - if max > 0.0 && v.is_finite() { (v / max).clamp(0.0, 1.0) } else { 0.0 });
    let mut s = format!(
        "<svg class=\"chart lines\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\"><title>{t}</title>",
        t = esc(title),
        w = num(w),
        h = num(h)
    );
    for k in 0..=4 {
        let v = max * k as f64 / 4.0;
        s.push_str(&format!(
            "<line class=\"grid\" x1=\"{l}\" x2=\"{r}\" y1=\"{yy}\" y2=\"{yy}\"/><text class=\"value\" x=\"{tx}\" y=\"{ty}\" text-anchor=\"end\">{v:.2}</text>",
            l = num(LEFT),
            r = num(w - 10.0),
            yy = num(y(v)),
            tx = num(LEFT - 4.0),
            ty = num(y(v) + 4.0)
        ));
    }
    for &i in marked.iter().filter(|&&i| i < labels.len()) {
        s.push_str(&format!("<line class=\"shift\" x1=\"{xx}\" x2=\"{xx}\" y1=\"10\" y2=\"{b}\"/>", xx = num(x(i)), b = num(10.0 + PLOT_H)));
    }
    for (i, label) in labels.iter().enumerate() {
        s.push_str(&format!("<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", num(x(i)), num(PLOT_H + 28.0), esc(label)));
    }
    for (k, sr) in series.iter().enumerate() {
        let pts: Vec<String> =
            sr.values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{},{}", num(x(i)), num(y(v))))).collect();
        if pts.len() > 1 {
            s.push_str(&format!("<polyline class=\"line {}\" points=\"{}\"/>", sr.class, pts.join(" ")));
        }
        for (i, v) in sr.values.iter().enumerate() {
            if let Some(v) = v {
                s.push_str(&format!(
                    "<circle class=\"dot {}\" cx=\"{}\" cy=\"{}\" r=\"4\" data-row=\"{i}\"><title>{} {}: {:.3}</title></circle>",
                    sr.class,
                    num(x(i)),
                    num(y(*v)),
                    esc(sr.name),
                    esc(&labels[i]),
                    v
                ));
            }
        }
        let ly = PLOT_H + 44.0 + 18.0 * k as f64;
        s.push_str(&format!(
            "<rect class=\"key {}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/><text class=\"label\" x=\"{}\" y=\"{}\">{}</text>",
            sr.class,
            num(LEFT),
            num(ly - 9.0),
            num(LEFT + 14.0),
            num(ly),
            esc(sr.name)
        ));
    }
    s.push_str("</svg>");
    s
}

/// One cell of [`grid`]: its row and column, a CSS class, a fill opacity in `[0, 1]`, the
/// tooltip and the data attributes the page's tests read.
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub class: &'static str,
    pub opacity: f64,
    pub title: String,
    pub data: Vec<(&'static str, String)>,
}

/// A grid of cells: `rows` labelled on the left, `cols` along the top.
pub fn grid(title: &str, rows: &[String], cols: &[String], cells: &[Cell]) -> String {
    const CW: f64 = 30.0;
    const RH: f64 = 20.0;
    const LEFT: f64 = 110.0;
    const TOP: f64 = 30.0;
    let w = (LEFT + CW * cols.len() as f64 + 10.0).max(320.0);
    let h = TOP + RH * rows.len() as f64 + 10.0;
    let mut s = format!(
        "<svg class=\"chart grid\" role=\"img\" aria-label=\"{t}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\"><title>{t}</title>",
        t = esc(title),
        w = num(w),
        h = num(h)
    );
    for (j, c) in cols.iter().enumerate() {
        s.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            num(LEFT + CW * j as f64 + CW / 2.0),
            num(TOP - 8.0),
            esc(c.get(c.len().saturating_sub(2)..).unwrap_or(c))
        ));
    }
    for (i, r) in rows.iter().enumerate() {
        s.push_str(&format!(
            "<text class=\"label\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            num(LEFT - 6.0),
            num(TOP + RH * i as f64 + 14.0),
            esc(r)
        ));
    }
    for (n, c) in cells.iter().enumerate() {
        let data: String = c.data.iter().map(|(k, v)| format!(" data-{k}=\"{}\"", esc(v))).collect();
        s.push_str(&format!(
            "<rect class=\"cell {}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill-opacity=\"{:.2}\" data-row=\"{n}\"{data}><title>{}</title></rect>",
            c.class,
            num(LEFT + CW * c.col as f64 + 1.0),
            num(TOP + RH * c.row as f64 + 1.0),
            num(CW - 2.0),
            num(RH - 2.0),
            if c.opacity.is_finite() { c.opacity.clamp(0.0, 1.0) } else { 0.0 },
            esc(&c.title)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(svg: &str) -> usize {
        svg.matches("<rect class=\"bar").count()
    }

    #[test]
    fn one_bar_per_row_scaled_to_the_maximum() {
        let bars = [Bar::new("a", 1.0, "1"), Bar::new("b <x>", 0.5, "0.5"), Bar::new("c", 3.0, "3").class("hard")];
        let s = hbars("T & t", &bars, 2.0);
        assert_eq!(marks(&s), 3);
        assert!(s.contains("width=\"150\""), "1 of 2 is half of 300: {s}");
        assert!(s.contains("width=\"75\""), "0.5 of 2");
        assert!(s.contains("class=\"bar hard\" x=\"230\" y=\"48\" width=\"300\""), "clamped to full width");
        assert!(s.contains("b &lt;x&gt;") && s.contains("T &amp; t"));
        assert!(s.starts_with("<svg") && s.ends_with("</svg>"));
    }

    #[test]
    fn empty_and_degenerate_inputs_draw_nothing_wrong() {
        assert_eq!(marks(&hbars("t", &[], 1.0)), 0);
        let s = hbars("t", &[Bar::new("a", f64::NAN, "–"), Bar::new("b", 1.0, "1")], 0.0);
        assert_eq!(marks(&s), 2);
        assert!(!s.contains("NaN"));
    }

    #[test]
    fn stacked_columns_draw_one_mark_per_nonzero_part() {
        let parts = [("soft", "soft"), ("hard", "hard")];
        let cols = vec![("2019".to_string(), vec![2.0, 0.0]), ("2020".to_string(), vec![1.0, 1.0])];
        let s = stacked("per year", &parts, &cols);
        assert_eq!(marks(&s), 3);
        // both columns total 2: each is the full plot height, the 2020 parts half each
        assert!(s.contains("height=\"160\""));
        assert_eq!(s.matches("height=\"80\"").count(), 2);
        assert_eq!(s.matches("class=\"key").count(), 2);
        assert_eq!(marks(&stacked("none", &parts, &[])), 0);
    }

    #[test]
    fn lines_draw_one_dot_per_known_value_and_grids_one_cell_each() {
        let labels: Vec<String> = ["2019", "2020", "2021"].iter().map(|s| s.to_string()).collect();
        let series = [
            Series { name: "threat", class: "hard", values: vec![Some(0.5), None, Some(1.0)] },
            Series { name: "interests <x>", class: "soft", values: vec![Some(0.0), Some(0.25), Some(2.0)] },
        ];
        let s = lines("t", &labels, &series, 1.0, &[1, 9]);
        assert_eq!(s.matches("<circle class=\"dot").count(), 5);
        assert_eq!(s.matches("class=\"shift\"").count(), 1, "a marked column out of range is ignored");
        assert!(s.contains("cy=\"10\""), "1.0 and the clamped 2.0 sit on the top line");
        assert!(s.contains("interests &lt;x&gt;"));
        let cells = [Cell { row: 0, col: 1, class: "hard", opacity: 2.0, title: "a".into(), data: vec![("year", "2020".into())] }];
        let g = grid("g", &["USA→CHN".to_string()], &labels, &cells);
        assert_eq!(g.matches("<rect class=\"cell").count(), 1);
        assert!(g.contains("fill-opacity=\"1.00\"") && g.contains("data-year=\"2020\""));
    }
}
