//! Markdown written by members, rendered to HTML that is safe to show: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no scripts, no event handlers, links get
//! `rel="noopener noreferrer nofollow"`).

use pulldown_cmark::{Options, Parser, html};

pub fn to_safe_html(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    );
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, parser);
    ammonia::clean(&raw)
}

/// The topic's stored HTML, or (for topics written before it was stored) a fresh rendering.
pub fn stored_or_rendered(t: &peerlearn_store::Topic) -> String {
    if t.description_html.is_empty() && !t.description.is_empty() {
        to_safe_html(&t.description)
    } else {
        t.description_html.clone()
    }
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
}
