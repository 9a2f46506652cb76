//! A small HTML scanner for the pseudo-locale check: the text a person reads on a page (text
//! outside `<script>` and `<style>`, and the attributes that are read out or shown), and the
//! words in it that are plain ASCII English rather than translated text.

/// Attributes a person reads or hears.
const READ_ATTRIBUTES: &[&str] = &[
    "placeholder",
    "aria-label",
    "aria-description",
    "aria-roledescription",
    "aria-valuetext",
    "title",
    "alt",
    "label",
    "data-confirm",
    "data-confirm-yes",
    "data-confirm-no",
];

/// Elements whose content is not shown as text.
const RAW_TEXT: &[&str] = &["script", "style"];

/// One piece of text a person reads, and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// `text in <button>`, `placeholder of <input>`, `value of <input type=submit>`.
    pub place: String,
    pub text: String,
}

/// The `lang` of the page's `<html>` element.
pub fn html_lang(html: &str) -> Option<String> {
    let start = html.to_ascii_lowercase().find("<html")?;
    let (tag, _) = parse_tag(&html[start + 1..])?;
    tag.attrs
        .into_iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v)
}

/// Every piece of text a person reads on the page, in page order.
pub fn shown_text(html: &str) -> Vec<Shown> {
    let mut out = Vec::new();
    let mut rest = html;
    let mut open: Vec<String> = Vec::new();
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            push_text(&mut out, &open, rest);
            break;
        };
        push_text(&mut out, &open, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').unwrap_or(after.len());
            let name = after[..end].trim().to_ascii_lowercase();
            if let Some(pos) = open.iter().rposition(|n| *n == name) {
                open.truncate(pos);
            }
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let Some((tag, used)) = parse_tag(&rest[1..]) else {
            // A lone `<` in text.
            push_text(&mut out, &open, "<");
            rest = &rest[1..];
            continue;
        };
        rest = &rest[1 + used..];
        let attr = |name: &str| {
            tag.attrs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        for name in READ_ATTRIBUTES {
            if let Some(v) = attr(name) {
                push(&mut out, format!("{name} of <{}>", tag.name), v);
            }
        }
        // A confirmation an inline handler asks: `onsubmit="return confirm('…')"`.
        for (name, value) in &tag.attrs {
            if name.starts_with("on") {
                for question in confirmations(value) {
                    push(
                        &mut out,
                        format!("confirm() in {name} of <{}>", tag.name),
                        question,
                    );
                }
            }
        }
        if tag.name == "input"
            && let Some(kind) = attr("type").map(str::to_ascii_lowercase)
            && matches!(kind.as_str(), "submit" | "button" | "reset")
            && let Some(v) = attr("value")
        {
            push(&mut out, format!("value of <input type={kind}>"), v);
        }
        if RAW_TEXT.contains(&tag.name.as_str()) {
            let close = format!("</{}", tag.name);
            let end = rest.to_ascii_lowercase().find(&close).unwrap_or(rest.len());
            rest = &rest[end..];
            continue;
        }
        if !tag.self_closing && !is_void(&tag.name) {
            open.push(tag.name);
        }
    }
    out
}

/// The string literals passed to `confirm(` or `alert(` in a handler.
fn confirmations(script: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for call in ["confirm(", "alert("] {
        let mut rest = script;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            let Some(quote) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '\'' | '"' | '`'))
            else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                out.push(&rest[1..=end]);
                rest = &rest[end + 2..];
            }
        }
    }
    out
}

fn push_text(out: &mut Vec<Shown>, open: &[String], raw: &str) {
    let inside = open.last().map_or("page", String::as_str);
    push(out, format!("text in <{inside}>"), raw);
}

fn push(out: &mut Vec<Shown>, place: String, raw: &str) {
    let text = decode(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    if !text.is_empty() {
        out.push(Shown { place, text });
    }
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
    )
}

struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    self_closing: bool,
}

/// Parses a start tag after its `<`; returns it and the bytes it used, up to and with `>`.
fn parse_tag(s: &str) -> Option<(Tag, usize)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'-') {
        i += 1;
    }
    if i == 0 {
        return None;
    }
    let name = s[..i].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        match bytes.get(i)? {
            b'>' => {
                return Some((
                    Tag {
                        name,
                        attrs,
                        self_closing,
                    },
                    i + 1,
                ));
            }
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let start = i;
        while i < bytes.len()
            && !bytes[i].is_ascii_whitespace()
            && !matches!(bytes[i], b'=' | b'>' | b'/')
        {
            i += 1;
        }
        let key = s[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i)? {
                q @ (b'"' | b'\'') => {
                    let end = s[i + 1..].find(*q as char)? + i + 1;
                    value = decode(&s[i + 1..end]);
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = decode(&s[start..i]);
                }
            }
        }
        if !key.is_empty() {
            attrs.push((key, value));
        }
    }
}

/// Decodes character references; an unknown named one becomes a space.
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.bytes().take(12).position(|b| b == b';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse().ok(),
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            Some(
                match name {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    "nbsp" => "\u{a0}",
                    "middot" => "·",
                    "hellip" => "…",
                    "mdash" => "—",
                    "ndash" => "–",
                    "rarr" => "→",
                    "larr" => "←",
                    "times" => "×",
                    "copy" => "©",
                    _ => " ",
                }
                .to_string(),
            )
        };
        match decoded {
            Some(d) => {
                out.push_str(&d);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The words of `text` that hold ASCII letters and are not technical: what the pseudo-locale
/// would have transformed had the text been translated.
pub fn untranslated_words<'a>(text: &'a str, codes: &[&str]) -> Vec<&'a str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| !is_technical(w, codes))
        .collect()
}

/// An email, a link or a path, a time-zone name, a file name or extension, or a code: text that
/// is the same in every language. (The product's name is not among them: the layout takes it
/// from the translations, `layout-brand`.)
fn is_technical(word: &str, codes: &[&str]) -> bool {
    if word.contains('@') || word.contains('/') {
        return true;
    }
    let bare =
        word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '-' && c != '_');
    let bare = bare.trim_end_matches('.');
    if bare.is_empty() {
        return true;
    }
    if codes.iter().any(|c| bare.contains(c)) {
        return true;
    }
    if bare.parse::<chrono_tz::Tz>().is_ok() {
        return true;
    }
    // A file extension (`.ics`, `.csv`) or a file name (`meeting.ics`).
    if let Some((_, ext)) = bare.rsplit_once('.')
        && matches!(ext, "ics" | "csv" | "png" | "svg" | "pdf" | "json")
    {
        return true;
    }
    // A generated code: letters and digits mixed, six or more.
    bare.len() >= 6
        && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && bare.chars().any(|c| c.is_ascii_digit())
        && bare.chars().any(|c| c.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_and_read_attributes_but_not_scripts() {
        let html = r#"<!doctype html><html lang="en-XA"><head><title>Ĥóɱé · ƥééŕĺéáŕñ</title>
            <style>body { color: red }</style><script>let x = "Hello";</script></head>
            <body><!-- a comment --><p>Plain &amp; simple</p>
            <input type="submit" value="Save"><input type="hidden" value="secret">
            <button aria-label="Close menu" data-confirm="Really?">×</button>
            <img src="/a.png" alt='A cat'><input placeholder=Search>
            <form onsubmit="return confirm('Give up your seat?')"></form></body></html>"#;
        let shown = shown_text(html);
        let texts: Vec<&str> = shown.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ĥóɱé · ƥééŕĺéáŕñ",
                "Plain & simple",
                "Save",
                "Close menu",
                "Really?",
                "×",
                "A cat",
                "Search",
                "Give up your seat?"
            ]
        );
        assert_eq!(shown[1].place, "text in <p>");
        assert_eq!(shown[2].place, "value of <input type=submit>");
        assert_eq!(html_lang(html).as_deref(), Some("en-XA"));
    }

    #[test]
    fn technical_words_pass_and_english_does_not() {
        let words = untranslated_words(
            "Write ana@example.org at https://x.org/a in Europe/Lisbon (UTC), file meeting.ics, \
             code 7f3k9q2m, óñé Ελληνικά 10:30 ABCDEF peerlearn",
            &["ABCDEF"],
        );
        assert_eq!(words, ["Write", "at", "in", "file", "code", "peerlearn"]);
    }
}
