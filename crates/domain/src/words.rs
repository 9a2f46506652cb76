//! Closed sets of words (enums) that parse from and print as their snake_case names.

/// Declares an enum whose variants are words: `as_str`, `parse` (naming the choices in its
/// error), `ALL`, `Display` and serde.
macro_rules! word_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(field: &str, raw: &str) -> Result<Self, Invalid> {
                match raw {
                    $($word => Ok($name::$variant),)+
                    _ => Err(Invalid::new(field, "invalid-choice")
                        .arg("choices", [$($word),+].join(", "))),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
