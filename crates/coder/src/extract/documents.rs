//! Reading documents for `extract`: plain text, Markdown (pulldown-cmark), HTML (scraper; script,
//! style, nav and other page furniture dropped) and the text layer of PDF (pdf-extract), chosen
//! by content first (a PDF header, an HTML opening) and extension second. Every format ends in
//! one *normalised text* ([`normalise`]): the byte offsets `extract` writes point into it.
//! A file that cannot be read is refused with its name and the reason, never half-read.

use super::dates::{self, PartialDate};
use std::path::Path;

/// How a document was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }
}

/// Where a document's own date came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateOrigin {
    /// An HTML `<meta>` or `<time>` element (named), or Markdown front matter (`date:`).
    Metadata(String),
    /// A dateline: the first dated words near the top of the text, at these byte offsets.
    Dateline { start: usize, end: usize },
}

/// A document's publication date and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDate {
    pub date: PartialDate,
    pub origin: DateOrigin,
}

/// A document read into normalised text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// The name the caller gave (a path as typed).
    pub name: String,
    pub format: Format,
    /// The normalised text; every offset of `extract` is a byte offset into it.
    pub text: String,
    pub title: Option<String>,
    pub date: Option<DocumentDate>,
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// It could not be opened or read.
    Unreadable,
    /// Text that is not UTF-8 (and declares no charset this reader knows).
    NotUtf8,
    /// Not one of the formats read here, or a format whose content is broken.
    Format,
    /// Read, but holds no text (an empty file, a PDF without a text layer).
    NoText,
}

/// A refused file: its name, the kind of problem and a message saying how to fix it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub name: String,
    pub kind: RefusalKind,
    pub message: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl std::error::Error for Refusal {}

impl Refusal {
    fn new(name: &str, kind: RefusalKind, message: impl Into<String>) -> Refusal {
        Refusal { name: name.to_string(), kind, message: message.into() }
    }

    /// The exit code of docs/coder.md: 3 unreadable, 4 not UTF-8, 5 unknown or broken format
    /// or no text.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            RefusalKind::Unreadable => 3,
            RefusalKind::NotUtf8 => 4,
            RefusalKind::Format | RefusalKind::NoText => 5,
        }
    }
}

/// Read the file at `path` (its name in messages is the path as given).
pub fn read_path(path: &Path) -> Result<Document, Refusal> {
    let name = path.display().to_string();
    if path.is_dir() {
        return Err(Refusal::new(&name, RefusalKind::Unreadable, "is a folder; give the documents inside it (e.g. DIR/*.html)"));
    }
    match std::fs::read(path) {
        Ok(bytes) => read_bytes(&name, &bytes),
        Err(e) => Err(Refusal::new(&name, RefusalKind::Unreadable, format!("cannot read: {e}"))),
    }
}

/// Read a document from its bytes; `name` gives the extension and names it in messages.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Result<Document, Refusal> {
    let format = sniff(name, bytes)?;
    let (text, title, meta_date) = match format {
        Format::Pdf => read_pdf(name, bytes)?,
        Format::Html => read_html(name, bytes)?,
        Format::Markdown => read_markdown(&utf8(name, bytes)?),
        Format::Text => {
            let raw = utf8(name, bytes)?;
            let text = normalise(&raw);
            let title = first_line(&text);
            (text, title, None)
        }
    };
    if text.trim().is_empty() {
        let why = match format {
            Format::Pdf => "the PDF has no text layer (a scanned image?); run OCR on it first, or give the text as .txt",
            _ => "holds no text",
        };
        return Err(Refusal::new(name, RefusalKind::NoText, why));
    }
    let date = meta_date.or_else(|| dateline(&text));
    // A plain text's or a PDF's title is its first line, unless that line is the dateline.
    let title = match (&date, format) {
        (Some(DocumentDate { origin: DateOrigin::Dateline { start, end }, .. }), Format::Text | Format::Pdf) => {
            let mut at = 0;
            text.split('\n')
                .map(|l| {
                    let r = (at, at + l.len(), l.trim());
                    at += l.len() + 1;
                    r
                })
                .find(|(s, e, l)| !l.is_empty() && !(*s < *end && *start < *e))
                .map(|(_, _, l)| clip(l, 200))
                .or(title)
        }
        _ => title,
    };
    Ok(Document { name: name.to_string(), format, text, title, date })
}

fn extension(name: &str) -> String {
    Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// Decide the format: content that is unmistakable (a PDF header, a binary container, an HTML
/// opening) wins; otherwise the extension decides, and an unknown extension is refused.
fn sniff(name: &str, bytes: &[u8]) -> Result<Format, Refusal> {
    let ext = extension(name);
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &head[head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len())..];
    if head.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    let binary: [(&[u8], &str); 6] = [
        (b"PK\x03\x04", "a ZIP container (a .docx, .odt or .epub?): save it as PDF, HTML or plain text"),
        (b"\x89PNG", "a PNG image: extract reads text, not images; run OCR first"),
        (b"\xFF\xD8\xFF", "a JPEG image: extract reads text, not images; run OCR first"),
        (b"GIF8", "a GIF image: extract reads text, not images"),
        (b"\xD0\xCF\x11\xE0", "an old Office file (.doc, .xls): save it as PDF, HTML or plain text"),
        (b"{\\rtf", "RTF: save it as plain text, HTML or PDF"),
    ];
    for (magic, what) in binary {
        if head.starts_with(magic) {
            return Err(Refusal::new(name, RefusalKind::Format, format!("is {what}")));
        }
    }
    if ext == "pdf" {
        return Err(Refusal::new(name, RefusalKind::Format, "has the extension .pdf but does not start with %PDF-; it is not a PDF (a download error page?)"));
    }
    let lower: Vec<u8> = head.iter().take(512).map(|b| b.to_ascii_lowercase()).collect();
    let looks_html = lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || (lower.starts_with(b"<?xml") && lower.windows(5).any(|w| w == b"<html"));
    if looks_html || matches!(ext.as_str(), "html" | "htm" | "xhtml") {
        return Ok(Format::Html);
    }
    if bytes.contains(&0) {
        return Err(Refusal::new(name, RefusalKind::Format, "is a binary file (it contains NUL bytes); extract reads .txt, .md, .html and .pdf"));
    }
    match ext.as_str() {
        "md" | "markdown" | "mdown" => Ok(Format::Markdown),
        "txt" | "text" | "" => Ok(Format::Text),
        other => Err(Refusal::new(
            name,
            RefusalKind::Format,
            format!("unknown document type .{other}; extract reads plain text (.txt), Markdown (.md), HTML (.html, .htm) and PDF (.pdf); rename a plain-text file to .txt"),
        )),
    }
}

/// The bytes as UTF-8 (a BOM dropped), or a refusal naming the line of the first bad byte.
fn utf8(name: &str, bytes: &[u8]) -> Result<String, Refusal> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(Refusal::new(
                name,
                RefusalKind::NotUtf8,
                format!("line {line}: not UTF-8 (byte {at}); convert it, e.g. iconv -f GBK -t UTF-8 (or -f BIG5) FILE > FILE.utf8.txt"),
            ))
        }
    }
}

/// The normalised text: line breaks as `\n`, spaces and tabs (and no-break spaces) inside a
/// line collapsed to one space, lines trimmed, at most one blank line between blocks, no
/// blank lines at either end.
pub fn normalise(raw: &str) -> String {
    let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0usize;
    for line in raw.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let mut cleaned = String::with_capacity(line.len());
        let mut space = false;
        for c in line.chars() {
            if c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{3000}' || c == '\r' || c == '\u{200b}' || c == '\u{feff}' || c == '\u{c}' {
                space = true;
            } else if c.is_control() {
                space = true;
            } else {
                if space && !cleaned.is_empty() {
                    cleaned.push(' ');
                }
                space = false;
                cleaned.push(c);
            }
        }
        if cleaned.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&cleaned);
    }
    out
}

fn first_line(text: &str) -> Option<String> {
    text.lines().map(str::trim).find(|l| !l.is_empty()).map(|l| clip(l, 200))
}

fn clip(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max_chars).collect();
    out.push('…');
    out
}

/// A dateline: the first date with its year in the first lines of the text (the first 600
/// bytes), as a press release or a news story prints it.
fn dateline(text: &str) -> Option<DocumentDate> {
    let mut cut = text.len().min(600);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let (m, date) = dates::first_full(&text[..cut])?;
    Some(DocumentDate { date, origin: DateOrigin::Dateline { start: m.start, end: m.end } })
}

type Read = (String, Option<String>, Option<DocumentDate>);

// ---- Markdown ------------------------------------------------------------------------------

fn read_markdown(raw: &str) -> Read {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    // Front matter: `---` lines around `key: value` pairs (title, date).
    let mut body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut title = None;
    let mut date = None;
    if let Some(rest) = body.strip_prefix("---\n").or_else(|| body.strip_prefix("---\r\n")) {
        if let Some(end) = rest.find("\n---") {
            for line in rest[..end].lines() {
                if let Some((k, v)) = line.split_once(':') {
                    let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
                    match k.trim().to_ascii_lowercase().as_str() {
                        "title" if !v.is_empty() => title = Some(v.to_string()),
                        "date" => {
                            date = dates::first_full(v).map(|(_, d)| DocumentDate { date: d, origin: DateOrigin::Metadata("front matter date".into()) })
                        }
                        _ => {}
                    }
                }
            }
            let after = &rest[end + 4..];
            body = after.split_once('\n').map_or("", |(_, b)| b);
        }
    }
    let mut out = String::new();
    let mut heading: Option<String> = None;
    let mut first_heading = None;
    for ev in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if first_heading.is_none() {
                    first_heading = heading.take().filter(|h| !h.trim().is_empty());
                }
                heading = None;
                out.push_str("\n\n");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock | TagEnd::BlockQuote(_) | TagEnd::TableRow | TagEnd::TableHead) => {
                out.push_str("\n\n")
            }
            Event::End(TagEnd::TableCell) => out.push(' '),
            Event::Rule => out.push_str("\n\n"),
            _ => {}
        }
    }
    let text = normalise(&out);
    let title = title.or(first_heading.map(|h| clip(h.trim(), 200))).or_else(|| first_line(&text));
    (text, title, date)
}

// ---- HTML ----------------------------------------------------------------------------------

/// Elements whose content is not the document's text.
const SKIPPED: [&str; 12] = ["script", "style", "nav", "noscript", "template", "svg", "iframe", "button", "select", "head", "object", "canvas"];

/// Elements that end a line or a block of text.
const BLOCKS: [&str; 36] = [
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "table", "section", "article", "header", "footer",
    "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "main", "aside", "hr", "address", "caption", "form",
    "fieldset", "details", "summary", "body", "center",
];

/// `<meta>` names and properties that carry a publication date, strongest first.
const META_DATES: [&str; 9] = [
    "article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "pubdate",
    "publishdate",
    "og:published_time",
];

/// Decode HTML: UTF-8, or the charset its `<meta>` declares (GBK, GB2312, Big5 and the other
/// WHATWG labels) when the bytes are not UTF-8.
fn html_text(name: &str, bytes: &[u8]) -> Result<String, Refusal> {
    if let Ok(s) = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        return Ok(s.to_string());
    }
    let head: String = bytes.iter().take(2048).map(|&b| if b.is_ascii() { (b as char).to_ascii_lowercase() } else { ' ' }).collect();
    let label = head.find("charset=").map(|i| {
        head[i + 8..].trim_start_matches(['"', '\'']).chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect::<String>()
    });
    match label.as_deref().and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())) {
        Some(enc) if enc != encoding_rs::UTF_8 => {
            let (text, _, had_errors) = enc.decode(bytes);
            if had_errors {
                return Err(Refusal::new(name, RefusalKind::NotUtf8, format!("is not valid {} as its <meta charset> declares; re-save it as UTF-8", enc.name())));
            }
            Ok(text.into_owned())
        }
        _ => utf8(name, bytes),
    }
}

fn read_html(name: &str, bytes: &[u8]) -> Result<Read, Refusal> {
    use ego_tree::iter::Edge;
    use scraper::{Html, Node, Selector};
    let source = html_text(name, bytes)?;
    let html = Html::parse_document(&source);
    let mut out = String::new();
    let mut skipping = 0usize;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => skipping += 1,
                Node::Element(e) if skipping == 0 && BLOCKS.contains(&e.name()) => {
                    out.push_str(if e.name() == "br" { "\n" } else { "\n\n" })
                }
                Node::Element(e) if skipping == 0 && matches!(e.name(), "td" | "th") => out.push(' '),
                Node::Text(t) if skipping == 0 => out.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if SKIPPED.contains(&e.name()) => skipping = skipping.saturating_sub(1),
                Node::Element(e) if skipping == 0 && BLOCKS.contains(&e.name()) && e.name() != "br" => out.push_str("\n\n"),
                _ => {}
            },
        }
    }
    let text = normalise(&out);
    let sel = |s: &str| Selector::parse(s).expect("a valid built-in selector");
    let flat = |s: String| normalise(&s).replace('\n', " ");
    let title = html
        .select(&sel("title"))
        .map(|t| flat(t.text().collect()))
        .find(|t| !t.is_empty())
        .or_else(|| html.select(&sel("h1")).map(|t| flat(t.text().collect())).find(|t| !t.is_empty()))
        .map(|t| clip(&t, 200))
        .or_else(|| first_line(&text));
    let mut date = None;
    let metas: Vec<_> = html.select(&sel("meta")).collect();
    'outer: for want in META_DATES {
        for m in &metas {
            let key = m.attr("property").or(m.attr("name")).or(m.attr("itemprop")).unwrap_or("").to_ascii_lowercase();
            if key == want {
                if let Some((_, d)) = m.attr("content").and_then(dates::first_full) {
                    date = Some(DocumentDate { date: d, origin: DateOrigin::Metadata(format!("<meta {want}>")) });
                    break 'outer;
                }
            }
        }
    }
    if date.is_none() {
        date = html
            .select(&sel("time[datetime]"))
            .find_map(|t| t.attr("datetime").and_then(dates::first_full))
            .map(|(_, d)| DocumentDate { date: d, origin: DateOrigin::Metadata("<time datetime>".into()) });
    }
    Ok((text, title, date))
}

// ---- PDF -----------------------------------------------------------------------------------

fn read_pdf(name: &str, bytes: &[u8]) -> Result<Read, Refusal> {
    // The PDF reader can panic on malformed files; a broken file is refused, never a crash.
    let result = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let raw = match result {
        Ok(Ok(t)) => t,
        Ok(Err(e)) => return Err(Refusal::new(name, RefusalKind::Format, format!("the PDF cannot be read ({e}); if it opens in a viewer, save its text as .txt"))),
        Err(_) => return Err(Refusal::new(name, RefusalKind::Format, "the PDF is malformed (the PDF reader failed on it); if it opens in a viewer, save its text as .txt")),
    };
    let text = unwrap_lines(&normalise(&raw));
    let title = first_line(&text);
    Ok((text, title, None))
}

/// Join the lines of each paragraph: in a PDF a line break is layout, not the end of a
/// sentence. Chinese lines join without a space, others with one; blank lines stay.
fn unwrap_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, para) in text.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let mut prev: Option<char> = None;
        for line in para.split('\n') {
            if let Some(p) = prev {
                let cjk = crate::text::is_cjk(p) && line.chars().next().is_some_and(crate::text::is_cjk);
                if !cjk {
                    out.push(' ');
                }
            }
            out.push_str(line);
            prev = line.chars().last();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_collapses_space_and_blank_lines() {
        assert_eq!(normalise("\u{feff}  a \t b  \r\n\r\n\r\n\n c\u{a0}d\n"), "a b\n\nc d");
        assert_eq!(normalise("\n\n"), "");
    }

    #[test]
    fn html_drops_furniture_and_reads_meta() {
        let html = r#"<!DOCTYPE html><html><head><title>A &amp; B</title>
            <meta name="date" content="2021-04-10"><style>p{}</style></head>
            <body><nav>Home | News</nav><script>var x = "China";</script>
            <h1>Heading</h1><p>First  para.</p><p>Second<br>line.</p></body></html>"#;
        let d = read_bytes("x.html", html.as_bytes()).unwrap();
        assert_eq!(d.format, Format::Html);
        assert_eq!(d.text, "Heading\n\nFirst para.\n\nSecond\nline.");
        assert_eq!(d.title.as_deref(), Some("A & B"));
        assert_eq!(d.date.unwrap().date, PartialDate::day(2021, 4, 10));
    }

    #[test]
    fn html_in_a_declared_chinese_charset_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<html><head><meta charset=\"gbk\"></head><body><p>中方坚决反对。</p></body></html>");
        let d = read_bytes("x.htm", &bytes).unwrap();
        assert_eq!(d.text, "中方坚决反对。");
    }

    #[test]
    fn markdown_front_matter_and_blocks() {
        let md = "---\ntitle: Statement\ndate: 2020-07-29\n---\n# Heading\n\nOne *two*\nthree.\n\n- item\n";
        let d = read_bytes("x.md", md.as_bytes()).unwrap();
        assert_eq!(d.text, "Heading\n\nOne two three.\n\nitem");
        assert_eq!(d.title.as_deref(), Some("Statement"));
        assert_eq!(d.date.unwrap().origin, DateOrigin::Metadata("front matter date".into()));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Any bytes under any name are read or refused, never a panic; a dateline's offsets
        /// lie inside the text.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400), which in 0usize..5, html in "[<>/a-z =\"'!-]{0,200}") {
            let (name, body): (&str, Vec<u8>) = match which {
                0 => ("x.txt", bytes),
                1 => ("x.md", bytes),
                2 => ("x.html", [html.as_bytes(), &bytes[..]].concat()),
                3 => ("x.pdf", [b"%PDF-1.4\n".as_slice(), &bytes[..]].concat()),
                _ => ("x.htm", html.into_bytes()),
            };
            if let Ok(d) = read_bytes(name, &body) {
                if let Some(DocumentDate { origin: DateOrigin::Dateline { start, end }, .. }) = d.date {
                    proptest::prop_assert!(start < end && end <= d.text.len());
                }
                proptest::prop_assert_eq!(normalise(&d.text), d.text.clone());
            }
        }
    }

    #[test]
    fn pdf_lines_join_into_sentences() {
        assert_eq!(unwrap_lines("The rule\nrestricts exports.\n\n美國商務部\n宣佈。\nNext"), "The rule restricts exports.\n\n美國商務部宣佈。 Next");
    }

    #[test]
    fn text_dateline() {
        let d = read_bytes("x.txt", "Title\n2021-11-25 15:34\nBody.".as_bytes()).unwrap();
        assert_eq!(d.date.as_ref().unwrap().date, PartialDate::day(2021, 11, 25));
        assert_eq!(d.date.unwrap().origin, DateOrigin::Dateline { start: 6, end: 16 });
    }

    #[test]
    fn refusals_name_the_reason() {
        let e = read_bytes("a.docx", b"PK\x03\x04rest").unwrap_err();
        assert!(e.message.contains("ZIP"), "{e}");
        let e = read_bytes("a.pdf", b"<html>not a pdf</html>").unwrap_err();
        assert!(e.message.contains("%PDF-"), "{e}");
        let e = read_bytes("a.txt", b"ok\n\xff\xfe bad").unwrap_err();
        assert_eq!((e.kind.clone(), e.exit_code()), (RefusalKind::NotUtf8, 4));
        assert!(e.message.starts_with("line 2"), "{e}");
        let e = read_bytes("a.csv", b"a,b\n").unwrap_err();
        assert!(e.message.contains("unknown document type .csv"), "{e}");
        let e = read_bytes("a.txt", b"  \n ").unwrap_err();
        assert_eq!(e.kind, RefusalKind::NoText);
        let e = read_bytes("a.pdf", b"%PDF-1.4\n garbage").unwrap_err();
        assert_eq!(e.kind, RefusalKind::Format, "{e}");
        assert_eq!(e.to_string().split(':').next(), Some("a.pdf"));
    }
}
