//! QR codes as inline SVG images with a name for screen readers (spot check-in sheets, the
//! lounge board's "take a seat" codes).

use crate::error::AppError;

/// `url` as a QR code at least `size` pixels wide, an `<svg role="img">` named `label`
/// (without the XML prolog).
pub fn qr_svg(url: &str, label: &str, size: u32) -> Result<String, AppError> {
    let svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| AppError::Internal(format!("qr code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(size, size)
        .build();
    let label = askama::filters::escape(label, askama::filters::Html)
        .map(|e| e.to_string())
        .unwrap_or_default();
    Ok(svg
        .get(svg.find("<svg").unwrap_or(0)..)
        .unwrap_or_default()
        .replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-label=\"{label}\" "),
            1,
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_image_with_an_escaped_name() {
        let svg = qr_svg("https://example.org/c/1/topics/2", "Take a seat <now>", 120).unwrap();
        assert!(
            svg.starts_with("<svg role=\"img\" aria-label=\"Take a seat &#60;now&#62;\" ")
                || svg.starts_with("<svg role=\"img\" aria-label=\"Take a seat &lt;now&gt;\" "),
            "{svg}"
        );
        assert!(!svg.contains("<?xml"));
    }
}
