//! Screenshots of the main pages of the seeded community, at 360×780 and 1366×900, light and
//! dark, English and French, named `PAGE-VIEWPORT-THEME-LANG.png`. Only with
//! `PEERLEARN_SCREENSHOTS=DIR` (see `bench/screenshots.sh`); by default the set is small (every
//! page light in both languages, a few dark); `PEERLEARN_SCREENSHOTS_ALL=1` takes every
//! combination.

use std::path::PathBuf;

use super::chrome::{Viewport, choose, served_world, set_viewport};
use super::{Who, World};
use crate::browser_support::{Browser, start_chromedriver};

/// The pages shot: (file name, tour stop, who).
const PAGES: [(&str, &str, Who); 19] = [
    ("home", "home", Who::Member),
    ("topics", "topics", Who::Member),
    ("topic", "topic-offer", Who::Member),
    ("meetings", "meetings", Who::Member),
    ("inbox", "inbox", Who::Member),
    ("profile", "profile", Who::Member),
    ("meeting", "meeting-upcoming", Who::Member),
    ("settings", "settings", Who::Organizer),
    ("webhooks", "webhooks", Who::Organizer),
    ("webhook", "webhook", Who::Organizer),
    ("dashboard", "dashboard", Who::Organizer),
    ("account", "account", Who::Member),
    ("account-delete", "account-delete", Who::Member),
    ("leave", "leave", Who::Member),
    ("board", "board", Who::Member),
    ("meet-now", "meet-now", Who::Member),
    ("import", "import", Who::Organizer),
    ("import-preview", "import-preview", Who::Organizer),
    ("invitations", "invitations", Who::Organizer),
];

/// The pages also shot in the dark theme in the small set.
const DARK: [&str; 5] = ["home", "topic", "meetings", "settings", "board"];

fn wanted(page: &str, theme: &str, lang: &str, all: bool) -> bool {
    all || theme == "light" || (DARK.contains(&page) && lang == "en")
}

pub async fn run() {
    let Some(dir) = std::env::var_os("PEERLEARN_SCREENSHOTS").map(PathBuf::from) else {
        eprintln!("no screenshots: set PEERLEARN_SCREENSHOTS=DIR to take them");
        return;
    };
    let all = std::env::var("PEERLEARN_SCREENSHOTS_ALL").is_ok_and(|v| v == "1");
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    std::fs::create_dir_all(&dir).expect("the screenshot folder");
    let (world, base) = served_world().await;
    let mut saved = 0;
    for viewport in [Viewport::Phone, Viewport::Laptop] {
        let b = Browser::new(port).await;
        set_viewport(&b, viewport).await;
        for lang in ["en", "fr"] {
            for theme in ["light", "dark"] {
                saved += shoot(&b, &base, &world, &dir, (viewport, theme, lang), all).await;
            }
        }
        b.client.close().await.expect("close the browser");
    }
    eprintln!("{saved} screenshots in {}", dir.display());
}

async fn shoot(
    b: &Browser,
    base: &str,
    world: &World,
    dir: &std::path::Path,
    (viewport, theme, lang): (Viewport, &str, &str),
    all: bool,
) -> usize {
    let mut saved = 0;
    for who in [Who::Member, Who::Organizer] {
        let pages: Vec<_> = PAGES
            .iter()
            .filter(|(file, _, w)| *w == who && wanted(file, theme, lang, all))
            .collect();
        if pages.is_empty() {
            continue;
        }
        choose(b, base, world, who, theme, lang).await;
        for (file, stop, _) in pages {
            let stop = world.stop(stop, who);
            b.client
                .goto(&format!("{base}{}", stop.path))
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", stop.path));
            let png = b.client.screenshot().await.expect("a screenshot");
            let name = format!("{file}-{}-{theme}-{lang}.png", viewport.as_str());
            std::fs::write(dir.join(&name), png).expect("the screenshot is saved");
            saved += 1;
        }
    }
    saved
}
