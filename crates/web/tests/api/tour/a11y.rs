//! Every page of the tour in real Chromium, signed out, as the member and as the organizer, on a
//! 360 px phone and a 1366 px laptop, in the light and the dark theme, in English and French:
//! axe-core finds no violation of any impact, and on the phone nothing makes the page scroll
//! sideways. The failure groups violations by rule, each with its pages and failing elements.
//!
//! Skipped with a notice when chromedriver is not installed, unless `CI=true`.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::{Duration, Instant};

use super::chrome::{Viewport, axe, choose, install_axe, layout, open, served_world, set_viewport};
use super::{Stop, Who, World};
use crate::browser_support::{Browser, start_chromedriver};

const THEMES: [&str; 2] = ["light", "dark"];
const LANGS: [&str; 2] = ["en", "fr"];

/// One page view: the page, at a size, in a theme and a language.
#[derive(Debug, Clone)]
struct View {
    stop: Stop,
    viewport: Viewport,
    theme: &'static str,
    lang: &'static str,
}

#[derive(Default)]
struct Findings {
    /// Views checked with axe, and views skipped as exact duplicates of one checked.
    checked: usize,
    duplicates: usize,
    /// Time spent loading pages, and running axe-core.
    loading: Duration,
    axe: Duration,
    violations: Vec<(View, super::chrome::Violation)>,
    /// Phone views wider than the phone: the page width and what sticks out.
    overflows: Vec<(View, u64, Vec<String>)>,
}

/// Walks the tour in one browser session at one viewport.
async fn walk(port: u16, base: &str, world: &World, viewport: Viewport) -> Findings {
    let b = Browser::new(port).await;
    set_viewport(&b, viewport).await;
    install_axe(&b).await;
    let stops = world.stops();
    let mut seen = HashSet::new();
    let mut found = Findings::default();
    for lang in LANGS {
        for theme in THEMES {
            for who in [Who::Visitor, Who::Member, Who::Organizer] {
                choose(&b, base, world, who, theme, lang).await;
                for stop in stops.iter().filter(|s| s.who == who) {
                    let start = Instant::now();
                    open(&b, base, stop).await;
                    let view = View {
                        stop: stop.clone(),
                        viewport,
                        theme,
                        lang,
                    };
                    let shown = layout(&b).await;
                    found.loading += start.elapsed();
                    if viewport == Viewport::Phone
                        && let Some((scroll, _, worst)) = shown.overflow
                    {
                        found.overflows.push((view.clone(), scroll, worst));
                    }
                    if !seen.insert((theme, shown.fingerprint)) {
                        found.duplicates += 1;
                        continue;
                    }
                    found.checked += 1;
                    let start = Instant::now();
                    for v in axe(&b).await {
                        found.violations.push((view.clone(), v));
                    }
                    // On the community's home, the menus are checked open too (closed, their
                    // links are not on screen and axe-core passes over them).
                    if stop.name == "home" && open_menus(&b).await > 0 {
                        found.checked += 1;
                        let mut open = view.clone();
                        open.stop.name = "home, menus open";
                        for v in axe(&b).await {
                            found.violations.push((open.clone(), v));
                        }
                    }
                    found.axe += start.elapsed();
                }
            }
        }
    }
    b.client.close().await.expect("close the browser");
    found
}

/// Opens every menu of the page; answers how many there are.
async fn open_menus(b: &Browser) -> u64 {
    b.client
        .execute(
            "const menus = document.querySelectorAll('details.menu'); \
             menus.forEach(d => d.open = true); return menus.length;",
            vec![],
        )
        .await
        .expect("the menus open")
        .as_u64()
        .unwrap_or(0)
}

// The server and the two browsers' drivers on their own threads.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_no_axe_violation_and_fits_a_phone() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let started = Instant::now();
    let (world, base) = served_world().await;
    let seeded = started.elapsed();
    // One browser session per viewport, both at once.
    let (phone, laptop) = tokio::join!(
        walk(port, &base, &world, Viewport::Phone),
        walk(port, &base, &world, Viewport::Laptop)
    );
    let mut all = Findings::default();
    for f in [phone, laptop] {
        all.checked += f.checked;
        all.duplicates += f.duplicates;
        all.loading += f.loading;
        all.axe += f.axe;
        all.violations.extend(f.violations);
        all.overflows.extend(f.overflows);
    }
    eprintln!(
        "accessibility tour: {} page views checked with axe-core ({} exact duplicates skipped) \
         in {:.0?}: seeding {:.1?}; in the two browsers together, loading pages {:.0?} and \
         axe-core {:.0?}",
        all.checked,
        all.duplicates,
        started.elapsed(),
        seeded,
        all.loading,
        all.axe,
    );
    let mut report = String::new();
    if !all.violations.is_empty() {
        report.push_str(&violations_report(&all));
    }
    if !all.overflows.is_empty() {
        report.push_str(&overflow_report(&all));
    }
    assert!(report.is_empty(), "{report}");
}

/// The views a finding was seen in, folded: `phone+laptop · light · en+fr`.
#[derive(Default)]
struct Seen {
    viewports: BTreeSet<&'static str>,
    themes: BTreeSet<&'static str>,
    langs: BTreeSet<&'static str>,
    detail: String,
}

impl Seen {
    fn add(&mut self, view: &View, detail: &str) {
        self.viewports.insert(view.viewport.as_str());
        self.themes.insert(view.theme);
        self.langs.insert(view.lang);
        if self.detail.is_empty() {
            self.detail = detail.to_string();
        }
    }

    fn views(&self) -> String {
        let join = |s: &BTreeSet<&str>| s.iter().copied().collect::<Vec<_>>().join("+");
        format!(
            "{} · {} · {}",
            join(&self.viewports),
            join(&self.themes),
            join(&self.langs)
        )
    }
}

fn page(stop: &Stop) -> String {
    format!("{} ({}, {})", stop.name, stop.who.as_str(), stop.path)
}

/// A rule: its id, impact, help and the link that explains it.
type Rule = (String, String, String, String);

fn violations_report(all: &Findings) -> String {
    // Rule → (page, element) → the views it fails in.
    let mut rules: BTreeMap<Rule, BTreeMap<(String, String), Seen>> = BTreeMap::new();
    // Page → the rules it breaks, for whoever fixes that page.
    let mut pages: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (view, v) in &all.violations {
        pages
            .entry(format!("{} ({})", view.stop.name, view.stop.who.as_str()))
            .or_default()
            .insert(v.rule.clone());
        let rule = rules
            .entry((
                v.rule.clone(),
                v.impact.clone(),
                v.help.clone(),
                v.url.clone(),
            ))
            .or_default();
        for (selector, summary) in &v.nodes {
            rule.entry((page(&view.stop), selector.clone()))
                .or_default()
                .add(view, summary);
        }
    }
    let mut out = format!(
        "axe-core: {} rules violated on {} pages (name and viewer):\n",
        rules.len(),
        pages.len()
    );
    for ((rule, impact, help, url), places) in &rules {
        out.push_str(&format!(
            "\n== {rule} ({impact}) — {help}\n   {url}\n   {} elements:\n",
            places.len()
        ));
        for ((page, selector), seen) in places {
            out.push_str(&format!(
                "   - {page}: `{selector}` [{}]\n       {}\n",
                seen.views(),
                seen.detail
            ));
        }
    }
    out.push_str("\nBy page:\n");
    for (page, rules) in &pages {
        let rules: Vec<&str> = rules.iter().map(String::as_str).collect();
        out.push_str(&format!("   - {page}: {}\n", rules.join(", ")));
    }
    out
}

fn overflow_report(all: &Findings) -> String {
    let mut pages: BTreeMap<String, (Seen, u64)> = BTreeMap::new();
    for (view, scroll, worst) in &all.overflows {
        let entry = pages.entry(page(&view.stop)).or_default();
        entry.0.add(view, &worst.join("; "));
        entry.1 = entry.1.max(*scroll);
    }
    let mut out = format!(
        "\nWider than a 360 px phone (document.documentElement.scrollWidth > \
         window.innerWidth) on {} pages:\n",
        pages.len()
    );
    for (page, (seen, scroll)) in &pages {
        out.push_str(&format!(
            "   - {page}: {scroll} px wide [{}]\n       sticking out: {}\n",
            seen.views(),
            seen.detail
        ));
    }
    out
}
