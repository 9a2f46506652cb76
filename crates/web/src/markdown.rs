//! Markdown written by members, rendered to HTML that is safe to show: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no scripts, no event handlers, links get
//! `rel="noopener noreferrer nofollow"`). An image its writer gave no description is marked
//! decorative (`alt=""` and `role="presentation"`), so screen readers skip it rather than read
//! its address.

use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    decorative_images(&ammonia::clean(&raw))
}

/// The topic's stored HTML, or (for topics written before it was stored) a fresh rendering.
pub fn stored_or_rendered(t: &peerlearn_store::Topic) -> String {
    if t.description_html.is_empty() && !t.description.is_empty() {
        to_safe_html(&t.description)
    } else {
        decorative_images(&t.description_html)
    }
}

/// `html` (as [`to_safe_html`] makes it: tags lower-case, attribute values in double quotes)
/// with every image without a description marked decorative. Running it twice changes
/// nothing, so stored HTML written before images were marked can go through it when shown.
pub fn decorative_images(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag = &rest[start..];
        let end = tag_end(tag).unwrap_or(tag.len());
        let (tag, after) = tag.split_at(end);
        out.push_str(&described(tag));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The length of the tag `s` starts with, up to and with its `>` (a `>` inside a quoted
/// attribute value does not end it).
fn tag_end(s: &str) -> Option<usize> {
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => quoted = !quoted,
            '>' if !quoted => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// One tag, with `alt=""` and `role="presentation"` when it is an image without a
/// description.
fn described(tag: &str) -> String {
    let is_img = tag
        .strip_prefix("<img")
        .is_some_and(|r| r.starts_with([' ', '>', '/']));
    if !is_img || tag.contains(" role=\"presentation\"") {
        return tag.to_string();
    }
    let alt = tag
        .find(" alt=\"")
        .map(|at| &tag[at + 6..])
        .and_then(|v| v.split('"').next());
    let addition = match alt {
        Some(text) if !text.trim().is_empty() => return tag.to_string(),
        Some(_) => " role=\"presentation\"",
        None => " alt=\"\" role=\"presentation\"",
    };
    let body = tag.trim_end_matches('>');
    let (body, close) = match body.strip_suffix('/') {
        Some(b) => (b.trim_end(), " />"),
        None => (body, ">"),
    };
    format!("{body}{addition}{close}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_renders_and_scripts_do_not() {
        let html = to_safe_html(
            "**bold** [link](https://example.org)\n\n<script>alert(1)</script><img src=x onerror=alert(1)>",
        );
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        let js = to_safe_html("[x](javascript:alert(1))");
        assert!(!js.contains("javascript:"), "{js}");
    }

    #[test]
    fn images_without_a_description_are_decorative() {
        let html = to_safe_html("![](https://example.org/cat.png)");
        assert!(
            html.contains(r#"<img src="https://example.org/cat.png" alt="" role="presentation">"#),
            "{html}"
        );
        let blank = to_safe_html("![  ](https://example.org/cat.png)");
        assert!(blank.contains(r#"role="presentation""#), "{blank}");
        // Raw HTML images without any alt attribute too.
        let raw = to_safe_html("<img src=\"https://example.org/dog.png\">");
        assert!(
            raw.contains(r#"<img src="https://example.org/dog.png" alt="" role="presentation">"#),
            "{raw}"
        );
    }

    #[test]
    fn described_images_keep_their_description_and_role() {
        let html = to_safe_html("![A cat asleep](https://example.org/cat.png)");
        assert!(html.contains(r#"alt="A cat asleep""#), "{html}");
        assert!(!html.contains("role="), "{html}");
        // Writers cannot set a role of their own.
        let raw = to_safe_html(r#"<img src="https://example.org/x.png" alt="x" role="button">"#);
        assert!(!raw.contains("role="), "{raw}");
    }

    #[test]
    fn marking_is_idempotent_and_leaves_other_tags_alone() {
        let once = to_safe_html("![](https://example.org/a.png) and <abbr title=\"<img\">x</abbr>");
        assert_eq!(decorative_images(&once), once);
        assert_eq!(once.matches("role=").count(), 1, "{once}");
        let stored = r#"<p><img src="a.png" alt=""><img src="b.png"/></p>"#;
        assert_eq!(
            decorative_images(stored),
            r#"<p><img src="a.png" alt="" role="presentation"><img src="b.png" alt="" role="presentation" /></p>"#
        );
    }
}
