//! Reasons in words: the engine's structured reason parts as one short line, chips a glance
//! can read ("offers rust", "other team", "both free Tue 8 Dec, 10:30") and the full
//! explanation as sentences, in the viewer's language, with times in their zone.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
use peerlearn_engine::matching::ReasonPart;

use crate::i18n::Lang;

/// How a chip reads at a glance: what the other person offers, what they want, or why else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Offer,
    Want,
    Reason,
}

/// One reason chip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub tone: Tone,
    /// An icon of the sprite (`icons.svg`), for the "why else" chips.
    pub icon: Option<&'static str>,
    pub text: String,
}

impl Chip {
    /// The chip's class in the design system.
    pub fn class(&self) -> &'static str {
        match self.tone {
            Tone::Offer => "chip chip-offer",
            Tone::Want => "chip chip-want",
            Tone::Reason => "chip chip-reason",
        }
    }
}

/// A recommendation's reason, worded.
#[derive(Debug, Clone, Default)]
pub struct Explained {
    /// One short sentence: the main reason.
    pub line: String,
    pub chips: Vec<Chip>,
    /// Every reason, one sentence each (behind "Why?").
    pub sentences: Vec<String>,
}

/// Words a reason in `lang`. `free` is the first time both are free (the time a `BothFree`
/// part stands for), shown in `zone`.
pub fn explain(
    parts: &[ReasonPart],
    free: Option<DateTime<Utc>>,
    lang: Lang,
    zone: Tz,
) -> Explained {
    let when = free.map(|at| lang.when(&at.with_timezone(&zone)));
    Explained {
        line: line(parts, lang).unwrap_or_else(|| {
            parts
                .iter()
                .find_map(|p| sentence(p, when.as_deref(), lang))
                .unwrap_or_default()
        }),
        chips: parts
            .iter()
            .filter_map(|p| chip(p, when.as_deref(), lang))
            .collect(),
        sentences: parts
            .iter()
            .filter_map(|p| sentence(p, when.as_deref(), lang))
            .collect(),
    }
}

/// The whole explanation as one paragraph (the API's `reason`).
pub fn paragraph(
    parts: &[ReasonPart],
    free: Option<DateTime<Utc>>,
    lang: Lang,
    zone: Tz,
) -> String {
    explain(parts, free, lang, zone).sentences.join(" ")
}

fn v(text: &str) -> FluentValue<'_> {
    FluentValue::from(text)
}

/// A tag as the community writes it ("Autodesk AutoCAD").
fn tag_value(key: &str) -> FluentValue<'static> {
    FluentValue::from(crate::i18n::tag_label(key))
}

/// The main reason in one sentence, from the parts that say what the match is about.
fn line(parts: &[ReasonPart], lang: Lang) -> Option<String> {
    let offering = parts.iter().find_map(|p| match p {
        ReasonPart::HostOffers { host } => Some(host.as_str()),
        _ => None,
    });
    let asking = parts.iter().find_map(|p| match p {
        ReasonPart::HostAsks { host } => Some(host.as_str()),
        _ => None,
    });
    let wants_yours = parts.iter().find_map(|p| match p {
        ReasonPart::HostWantsYours { tag, .. } => Some(tag.as_str()),
        _ => None,
    });
    parts.iter().find_map(|p| match p {
        ReasonPart::YouWant { tag } => offering.map(|host| {
            lang.t_args(
                "recommendations-line-can-teach",
                &[("host", v(host)), ("tag", tag_value(tag))],
            )
        }),
        ReasonPart::Related { yours, theirs } => offering.map(|host| {
            lang.t_args(
                "recommendations-line-related",
                &[
                    ("host", v(host)),
                    ("theirs", tag_value(theirs)),
                    ("yours", tag_value(yours)),
                ],
            )
        }),
        ReasonPart::YouOffer { tag } => asking.map(|host| {
            lang.t_args(
                "recommendations-line-asks",
                &[("host", v(host)), ("tag", tag_value(tag))],
            )
        }),
        ReasonPart::HostCanTeach { host, tag } => Some(match wants_yours {
            Some(yours) => lang.t_args(
                "recommendations-line-swap",
                &[
                    ("host", v(host)),
                    ("tag", tag_value(tag)),
                    ("yours", tag_value(yours)),
                ],
            ),
            None => lang.t_args(
                "recommendations-line-can-teach",
                &[("host", v(host)), ("tag", tag_value(tag))],
            ),
        }),
        ReasonPart::ProfileMatch => Some(lang.t("recommendations-line-profile")),
        _ => None,
    })
}

fn chip(part: &ReasonPart, when: Option<&str>, lang: Lang) -> Option<Chip> {
    let (tone, icon, text) = match part {
        ReasonPart::YouWant { tag } | ReasonPart::HostCanTeach { tag, .. } => (
            Tone::Offer,
            None,
            lang.t_args("recommendations-chip-offers", &[("tag", tag_value(tag))]),
        ),
        ReasonPart::Related { theirs, .. } => (
            Tone::Offer,
            None,
            lang.t_args("recommendations-chip-offers", &[("tag", tag_value(theirs))]),
        ),
        ReasonPart::HostWantsYours { tag, .. } | ReasonPart::YouOffer { tag } => (
            Tone::Want,
            None,
            lang.t_args("recommendations-chip-wants", &[("tag", tag_value(tag))]),
        ),
        ReasonPart::ProfileMatch => (
            Tone::Reason,
            Some("user"),
            lang.t("recommendations-chip-profile"),
        ),
        ReasonPart::OtherTeam { .. } => (
            Tone::Reason,
            Some("users"),
            lang.t("recommendations-chip-other-team"),
        ),
        ReasonPart::NewContact { .. } => (
            Tone::Reason,
            Some("handshake"),
            lang.t("recommendations-chip-new-contact"),
        ),
        ReasonPart::BothFree { .. } => (
            Tone::Reason,
            Some("clock"),
            lang.t_args("recommendations-chip-both-free", &[("when", v(when?))]),
        ),
        ReasonPart::NewTopic => (
            Tone::Reason,
            Some("sparkles"),
            lang.t("recommendations-chip-new"),
        ),
        ReasonPart::HostOffers { .. } | ReasonPart::HostAsks { .. } => return None,
    };
    Some(Chip { tone, icon, text })
}

fn sentence(part: &ReasonPart, when: Option<&str>, lang: Lang) -> Option<String> {
    Some(match part {
        ReasonPart::YouWant { tag } => {
            lang.t_args("recommendations-why-you-want", &[("tag", tag_value(tag))])
        }
        ReasonPart::HostOffers { host } => {
            lang.t_args("recommendations-why-host-offers", &[("host", v(host))])
        }
        ReasonPart::Related { yours, theirs } => lang.t_args(
            "recommendations-why-related",
            &[("yours", tag_value(yours)), ("theirs", tag_value(theirs))],
        ),
        ReasonPart::ProfileMatch => lang.t("recommendations-why-profile"),
        ReasonPart::HostWantsYours { host, tag } => lang.t_args(
            "recommendations-why-host-wants-yours",
            &[("host", v(host)), ("tag", tag_value(tag))],
        ),
        ReasonPart::YouOffer { tag } => {
            lang.t_args("recommendations-why-you-offer", &[("tag", tag_value(tag))])
        }
        ReasonPart::HostAsks { host } => {
            lang.t_args("recommendations-why-host-asks", &[("host", v(host))])
        }
        ReasonPart::HostCanTeach { host, tag } => lang.t_args(
            "recommendations-why-host-can-teach",
            &[("host", v(host)), ("tag", tag_value(tag))],
        ),
        ReasonPart::OtherTeam { host } => {
            lang.t_args("recommendations-why-other-team", &[("host", v(host))])
        }
        ReasonPart::NewContact { host } => {
            lang.t_args("recommendations-why-new-contact", &[("host", v(host))])
        }
        ReasonPart::BothFree { .. } => {
            lang.t_args("recommendations-why-both-free", &[("when", v(when?))])
        }
        ReasonPart::NewTopic => lang.t("recommendations-why-new-topic"),
    })
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn parts() -> Vec<ReasonPart> {
        vec![
            ReasonPart::YouWant {
                tag: "Kubernetes".into(),
            },
            ReasonPart::HostOffers { host: "Ana".into() },
            ReasonPart::OtherTeam { host: "Ana".into() },
            ReasonPart::BothFree {
                when: "2026-12-08 10:30".into(),
            },
            ReasonPart::NewTopic,
        ]
    }

    #[test]
    fn a_reason_reads_as_a_line_chips_and_sentences_in_each_language() {
        let at = Utc.with_ymd_and_hms(2026, 12, 8, 10, 30, 0).unwrap();
        let lisbon: Tz = "Europe/Lisbon".parse().unwrap();
        let en = explain(&parts(), Some(at), Lang::En, lisbon);
        assert_eq!(en.line, "Ana can teach you Kubernetes.");
        let chips: Vec<_> = en.chips.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            chips,
            [
                "offers Kubernetes",
                "other team",
                "both free Tue 8 Dec, 10:30",
                "new"
            ]
        );
        assert_eq!(en.chips[0].class(), "chip chip-offer");
        assert_eq!(
            paragraph(&parts(), Some(at), Lang::En, lisbon),
            "You want to learn Kubernetes. Ana offers it. Ana is on another team. \
             You are both free Tue 8 Dec, 10:30. It is new."
        );
        let fr = explain(&parts(), Some(at), Lang::Fr, lisbon);
        assert_eq!(fr.line, "Ana peut vous apprendre Kubernetes.");
        assert!(
            fr.sentences
                .iter()
                .any(|s| s.contains("mar. 8 déc., 10:30")),
            "{:?}",
            fr.sentences
        );
    }

    #[test]
    fn times_are_shown_in_the_viewers_zone_and_left_out_when_unknown() {
        let at = Utc.with_ymd_and_hms(2026, 12, 8, 10, 30, 0).unwrap();
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        let en = explain(&parts(), Some(at), Lang::En, tokyo);
        assert!(
            en.chips
                .iter()
                .any(|c| c.text == "both free Tue 8 Dec, 19:30")
        );
        let none = explain(&parts(), None, Lang::En, tokyo);
        assert!(!none.sentences.iter().any(|s| s.contains("free")));
    }

    #[test]
    fn a_swap_names_both_sides() {
        let parts = vec![
            ReasonPart::HostCanTeach {
                host: "Bo".into(),
                tag: "kubernetes".into(),
            },
            ReasonPart::HostWantsYours {
                host: "Bo".into(),
                tag: "rust".into(),
            },
        ];
        let en = explain(&parts, None, Lang::En, Tz::UTC);
        assert_eq!(
            en.line,
            "Bo can teach you kubernetes and wants to learn rust from you."
        );
        let chips: Vec<_> = en.chips.iter().map(|c| c.class()).collect();
        assert_eq!(chips, ["chip chip-offer", "chip chip-want"]);
    }
}
