//! Reasons: structured parts built from the real signals, and a renderer for one line of text.

use serde::{Deserialize, Serialize};

/// One part of a recommendation's reason. Names and tags come from the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReasonPart {
    /// The member wants to learn a tag of the topic.
    YouWant {
        tag: String,
    },
    /// The host offers that tag.
    HostOffers {
        host: String,
    },
    /// A related tag: the member wants `yours`, the topic is about `theirs`.
    Related {
        yours: String,
        theirs: String,
    },
    /// Only the text matches the member's profile.
    ProfileMatch,
    /// The host wants to learn a tag the member offers.
    HostWantsYours {
        host: String,
        tag: String,
    },
    /// The member offers a tag an ask is about.
    YouOffer {
        tag: String,
    },
    /// The host asks for it.
    HostAsks {
        host: String,
    },
    /// The host offers what the member wants (for "You could help" and swaps).
    HostCanTeach {
        host: String,
        tag: String,
    },
    OtherTeam {
        host: String,
    },
    NewContact {
        host: String,
    },
    BothFree {
        when: String,
    },
    NewTopic,
}

impl ReasonPart {
    /// Appends this part's phrase to `out`.
    fn write_phrase(&self, out: &mut String) {
        let words: [&str; 4] = match self {
            Self::YouWant { tag } => ["you want to learn ", tag, "", ""],
            Self::HostOffers { host } => [host, " offers it", "", ""],
            Self::Related { yours, theirs } => {
                ["you want to learn ", yours, ", which goes with ", theirs]
            }
            Self::ProfileMatch => ["it matches your profile", "", "", ""],
            Self::HostWantsYours { host, tag } => {
                [host, " wants to learn ", tag, ", which you offer"]
            }
            Self::YouOffer { tag } => ["you can share ", tag, "", ""],
            Self::HostAsks { host } => [host, " asks for it", "", ""],
            Self::HostCanTeach { host, tag } => [host, " can teach you ", tag, ""],
            Self::OtherTeam { host } => [host, " is on another team", "", ""],
            Self::NewContact { host } => ["you have not met ", host, " yet", ""],
            Self::BothFree { when } => ["you are both free ", when, "", ""],
            Self::NewTopic => ["it is new", "", "", ""],
        };
        for word in words {
            out.push_str(word);
        }
    }
}

/// One line: the parts joined with "; ", first letter capitalised. Built in one buffer: the
/// batch renders millions of these.
pub fn render_reason(parts: &[ReasonPart]) -> String {
    let mut line = String::with_capacity(160);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            line.push_str("; ");
        }
        part.write_phrase(&mut line);
    }
    if let Some(first) = line.chars().next()
        && !first.is_uppercase()
    {
        let upper: String = first.to_uppercase().collect();
        line.replace_range(..first.len_utf8(), &upper);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_example_sentence() {
        let parts = vec![
            ReasonPart::YouWant {
                tag: "Kubernetes".into(),
            },
            ReasonPart::HostOffers { host: "Ana".into() },
            ReasonPart::OtherTeam { host: "Ana".into() },
            ReasonPart::BothFree {
                when: "Tue 10:30".into(),
            },
        ];
        assert_eq!(
            render_reason(&parts),
            "You want to learn Kubernetes; Ana offers it; Ana is on another team; you are both free Tue 10:30"
        );
        assert_eq!(render_reason(&[]), "");
    }

    #[test]
    fn parts_serialise_with_a_kind() {
        let json = serde_json::to_string(&ReasonPart::NewContact { host: "Bo".into() })
            .expect("serialisable");
        assert_eq!(json, r#"{"kind":"new_contact","host":"Bo"}"#);
    }
}
