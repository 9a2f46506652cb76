//! Markdown written by members, rendered to HTML that is safe to show: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no scripts, no event handlers, links get
//! `rel="noopener noreferrer nofollow"`). An image from another site (`http:`, `https:`,
//! `//host`, anything but a plain path on this site) becomes a link to it, labelled with its
//! description or "image": a reader's browser never fetches a third-party address because of
//! what a member wrote (no tracking pixels). An image on this site its writer gave no
//! description is marked decorative (`alt=""` and `role="presentation"`), so screen readers
//! skip it rather than read its address.

use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    shown_images(&ammonia::clean(&raw))
}

/// The topic's stored HTML, or (for topics written before it was stored) a fresh rendering.
pub fn stored_or_rendered(t: &peerlearn_store::Topic) -> String {
    if t.description_html.is_empty() && !t.description.is_empty() {
        to_safe_html(&t.description)
    } else {
        shown_images(&t.description_html)
    }
}

/// `html` (as [`to_safe_html`] makes it: tags lower-case, attribute values in double quotes)
/// with every image from another site turned into a link and every image without a
/// description marked decorative. Running it twice changes nothing, so stored HTML written
/// before images were handled this way goes through it when shown.
pub fn shown_images(html: &str) -> String {
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

/// One tag: an image from another site as a link to it; an image without a description
/// with `alt=""` and `role="presentation"`; any other tag as it is.
fn described(tag: &str) -> String {
    let is_img = tag
        .strip_prefix("<img")
        .is_some_and(|r| r.starts_with([' ', '>', '/']));
    if !is_img {
        return tag.to_string();
    }
    let alt = attribute(tag, "alt");
    let src = attribute(tag, "src").unwrap_or_default();
    if !on_this_site(src) {
        let label = match alt.map(str::trim).filter(|a| !a.is_empty()) {
            // Attribute text keeps `<` and `>` as they are; text must not.
            Some(text) => text.replace('<', "&lt;").replace('>', "&gt;"),
            None => crate::i18n::current().lang().t("markdown-image"),
        };
        return format!("<a href=\"{src}\" rel=\"noopener noreferrer nofollow\">{label}</a>");
    }
    if tag.contains(" role=\"presentation\"") {
        return tag.to_string();
    }
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

/// The value of the attribute `name` of `tag` (as ammonia writes it: `name="value"`).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let marker = format!(" {name}=\"");
    tag.find(&marker)
        .map(|at| &tag[at + marker.len()..])
        .and_then(|v| v.split('"').next())
}

/// Whether `src` (attribute text) can only be an address on this site: a path made of
/// plain characters, absolute (`/static/x.png`) or relative (`x.png`), with no scheme, no
/// host (`//host`, `/\\host`) and nothing a browser would strip or reinterpret.
fn on_this_site(src: &str) -> bool {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-._~/%?=;,+#".contains(c);
    !src.is_empty() && src.chars().all(|c| plain(c) || c == '&') && !src.starts_with("//")
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
    fn images_on_this_site_without_a_description_are_decorative() {
        let html = to_safe_html("![](/static/cat.png)");
        assert!(
            html.contains(r#"<img src="/static/cat.png" alt="" role="presentation">"#),
            "{html}"
        );
        let blank = to_safe_html("![  ](cat.png)");
        assert!(blank.contains(r#"role="presentation""#), "{blank}");
        // Raw HTML images without any alt attribute too.
        let raw = to_safe_html("<img src=\"dog.png\">");
        assert!(
            raw.contains(r#"<img src="dog.png" alt="" role="presentation">"#),
            "{raw}"
        );
    }

    #[test]
    fn described_images_keep_their_description_and_role() {
        let html = to_safe_html("![A cat asleep](/static/cat.png)");
        assert!(html.contains(r#"alt="A cat asleep""#), "{html}");
        assert!(!html.contains("role="), "{html}");
        // Writers cannot set a role of their own.
        let raw = to_safe_html(r#"<img src="x.png" alt="x" role="button">"#);
        assert!(!raw.contains("role="), "{raw}");
    }

    #[test]
    fn images_from_other_sites_become_links() {
        let html = to_safe_html("![Tracking](https://evil.example/t.png?u=1&r=2)");
        assert_eq!(
            html,
            "<p><a href=\"https://evil.example/t.png?u=1&amp;r=2\" rel=\"noopener noreferrer nofollow\">Tracking</a></p>\n"
        );
        for src in [
            "http://evil.example/t.png",
            "//evil.example/t.png",
            "HTTPS://evil.example/t.png",
            "/\\evil.example/t.png",
            "https:evil.example/t.png",
        ] {
            let html = to_safe_html(&format!("<img src=\"{src}\" alt=\"x\">"));
            assert!(!html.contains("<img"), "{src}: {html}");
        }
        let unnamed = to_safe_html("![](https://evil.example/t.png)");
        assert!(unnamed.contains(">Image</a>"), "{unnamed}");
        // A description is text, never markup.
        let sneaky = to_safe_html(r#"<img src="https://evil.example/t.png" alt="<b>hi</b>">"#);
        assert!(sneaky.contains(">&lt;b&gt;hi&lt;/b&gt;</a>"), "{sneaky}");
        // Stored HTML written before is shown the same way.
        let stored = r#"<p><img src="https://evil.example/t.png" alt="t"></p>"#;
        assert!(!shown_images(stored).contains("<img"));
    }

    #[test]
    fn marking_is_idempotent_and_leaves_other_tags_alone() {
        let once = to_safe_html(
            "![](/a.png) ![x](https://example.org/b.png) and <abbr title=\"<img\">x</abbr>",
        );
        assert_eq!(shown_images(&once), once);
        assert_eq!(once.matches("role=").count(), 1, "{once}");
        let stored = r#"<p><img src="a.png" alt=""><img src="b.png"/></p>"#;
        assert_eq!(
            shown_images(stored),
            r#"<p><img src="a.png" alt="" role="presentation"><img src="b.png" alt="" role="presentation" /></p>"#
        );
    }
}
