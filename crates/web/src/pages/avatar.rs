//! Avatars for members without a photo: their initials on a colour derived from their name.

/// Up to two initials: the first letters of the first and last words ("Ana María Ruiz" → "AR").
pub fn initials(name: &str) -> String {
    let mut words = name.split_whitespace().filter_map(|w| w.chars().next());
    let first = words.next();
    let last = words.next_back();
    first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect()
}

/// One of eight colours; the same name always gets the same one (FNV-1a over its bytes).
pub fn hue(name: &str) -> u8 {
    let hash = name.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    (hash % 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_and_last_words() {
        assert_eq!(initials("Ana María Ruiz"), "AR");
        assert_eq!(initials("yara"), "Y");
        assert_eq!(initials("  "), "");
        assert_eq!(initials("élodie ßeta"), "ÉSS");
    }

    #[test]
    fn a_name_always_gets_the_same_colour() {
        assert_eq!(hue("Ana"), hue("Ana"));
        assert!((0..8).all(|_| hue("Yara Andersen") < 8));
    }
}
