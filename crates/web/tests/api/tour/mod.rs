//! The page tour: a seeded community in which every page has something to show, and the list
//! of every page a visitor, a member and the organizer open. Three checks walk it:
//!
//! - `tour::pseudo`: every page rendered in the pseudo-locale `en-XA` shows no text that did not
//!   go through a translation (HTTP, in-process, a few seconds);
//! - `tour::a11y`: every page in real Chromium, phone and laptop wide, light and dark, English
//!   and French, has no axe-core violation and, on a phone, no sideways scrolling;
//! - `tour::keyboard`: a member books a meeting with the keyboard only.
//!
//! `tour::screenshots` saves PNGs of the main pages when `PEERLEARN_SCREENSHOTS=DIR` is set
//! (`bench/screenshots.sh`).
//!
//! Every human text in the seed is Greek, so that a page in `en-XA` has no ASCII word left
//! except technical ones (emails, links, time-zone names, codes): any other ASCII word comes from
//! a template or the code and was not translated.

mod a11y;
mod chrome;
mod keyboard;
mod pseudo;
mod scan;
mod shots;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use peerlearn_domain::UserId;
use peerlearn_store::TokenKind;
use peerlearn_testkit::TestDb;
use peerlearn_web::{Config, ManualClock};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::common::{TestApp, now};

/// The community's time zone (UTC+3 in spring).
pub const ZONE: &str = "Europe/Athens";

/// Who opens a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Who {
    /// Nobody signed in.
    Visitor,
    /// Γιώργος, a member with a profile, meetings, a pending request to answer and a question.
    Member,
    /// Άννα, who runs the community.
    Organizer,
}

impl Who {
    pub fn as_str(self) -> &'static str {
        match self {
            Who::Visitor => "visitor",
            Who::Member => "member",
            Who::Organizer => "organizer",
        }
    }
}

/// One page of the tour.
#[derive(Debug, Clone)]
pub struct Stop {
    /// A short name for reports and screenshot files (`topic-offer`, `inbox`).
    pub name: &'static str,
    pub path: String,
    pub who: Who,
    /// The status the page answers with (404 for the not-found page).
    pub status: u16,
    /// A page that answers a form: posted to `path` from the page it is on.
    pub form: Option<Form>,
}

/// A form a person sends, and the page they send it from.
#[derive(Debug, Clone)]
pub struct Form {
    pub from: String,
    pub fields: Vec<(&'static str, String)>,
}

/// The seeded world: the app over its own database, with a clock set to [`now`].
pub struct World {
    pub app: TestApp,
    /// Συντεχνία Περίεργων Μηχανικών, the community the tour walks.
    pub cid: String,
    pub invite_code: String,
    /// Λέσχη Φωτογραφίας, an open community neither Γιώργος nor Άννα has joined.
    pub other_cid: String,
    pub other_invite_code: String,
    pub other_topic: String,
    /// The `pl_session` secrets.
    pub member_session: String,
    pub organizer_session: String,
    /// Δήμητρα's one-on-one offer, which Γιώργος can book (the keyboard test does).
    pub offer_topic: String,
    pub ask_topic: String,
    pub group_topic: String,
    /// Γιώργος's own offer, with Ζωή's pending request.
    pub own_topic: String,
    /// Γιώργος and Βασίλης, on 4 May.
    pub upcoming_meeting: String,
    /// Γιώργος hosts Ελένη in five minutes, at the table; she has checked in.
    pub meeting_now: String,
    /// Άννα hosted Γιώργος on 28 April; both gave feedback and his note is shared.
    pub past_meeting: String,
    pub question: String,
    /// Δήμητρα's member id.
    pub colleague: String,
    /// The table where the upcoming meeting takes place.
    pub table: String,
    /// Άννα's webhook endpoint, with deliveries in its log.
    pub webhook: String,
    /// An attendee file uploaded by Άννα and waiting for her confirmation.
    pub staged_import: String,
    /// The invitation link of an attendee imported earlier (a new account).
    pub invitation_link: String,
}

fn id(v: &Value) -> String {
    v["id"].as_str().expect("an id").to_string()
}

fn at(rfc: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc)
        .expect("a valid time")
        .with_timezone(&Utc)
}

/// A query value, percent-encoded.
fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

struct Person {
    email: &'static str,
    name: &'static str,
    headline: &'static str,
    bio: &'static str,
    team: &'static str,
    offers: &'static [&'static str],
    wants: &'static [&'static str],
}

const ANNA: usize = 0;
const VASILIS: usize = 1;
const GIORGOS: usize = 2;
const DIMITRA: usize = 3;
const ELENI: usize = 4;
const ZOI: usize = 5;

const PEOPLE: [Person; 6] = [
    Person {
        email: "anna@example.org",
        name: "Άννα Λίμα",
        headline: "Μηχανικός πλατφόρμας που αγαπά τα κοντέινερ",
        bio: "Οργανώνω τις συναντήσεις μας κάθε εβδομάδα.",
        team: "Πλατφόρμα",
        offers: &["κυβερνήτης", "υποδομή"],
        wants: &["σχεδιασμός"],
    },
    Person {
        email: "vasilis@example.org",
        name: "Βασίλης Κώστα",
        headline: "Σχεδιαστής διεπαφών",
        bio: "Σκιτσάρω πρώτα σε χαρτί.",
        team: "Σχεδιασμός",
        offers: &["σχεδιασμός", "προσβασιμότητα"],
        wants: &["κυβερνήτης"],
    },
    Person {
        email: "giorgos@example.org",
        name: "Γιώργος Παππάς",
        headline: "Μηχανικός δεδομένων",
        bio: "Μου αρέσουν τα ερωτήματα που τρέχουν γρήγορα.",
        team: "Δεδομένα",
        offers: &["βάσεις δεδομένων", "ερωτήματα"],
        wants: &["ρυθμός", "κυβερνήτης"],
    },
    Person {
        email: "dimitra@example.org",
        name: "Δήμητρα Νικολάου",
        headline: "Προγραμματίστρια συστημάτων",
        bio: "Γράφω εργαλεία για τους συναδέλφους μου.",
        team: "Εργαλεία",
        offers: &["ρυθμός", "πάιθον"],
        wants: &["συναρτησιακός προγραμματισμός"],
    },
    Person {
        email: "eleni@example.org",
        name: "Ελένη Σταύρου",
        headline: "Υπεύθυνη ποιότητας",
        bio: "Δοκιμές, δοκιμές, δοκιμές.",
        team: "Ποιότητα",
        offers: &["δοκιμές"],
        wants: &["ρυθμός", "βάσεις δεδομένων"],
    },
    Person {
        email: "zoi@example.org",
        name: "Ζωή Καρρά",
        headline: "Νέα στην ομάδα",
        bio: "Θέλω να μάθω τα πάντα.",
        team: "Πωλήσεις",
        offers: &[],
        wants: &["βάσεις δεδομένων"],
    },
];

impl World {
    /// A fresh SQLite database seeded with the tour's community; its clock shows [`now`].
    pub async fn new() -> Self {
        Self::with_config(Config::default()).await
    }

    /// The world with `config` (the browser tests set the public URL of their server).
    pub async fn with_config(config: Config) -> Self {
        let clock = Arc::new(ManualClock::new(at("2026-04-26T12:00:00Z")));
        let app = TestApp::with_clock(TestDb::sqlite().await, config, clock.clone());
        seed(app, clock).await
    }

    /// The cookie that signs `who` in (empty for a visitor).
    pub fn session(&self, who: Who) -> String {
        match who {
            Who::Visitor => String::new(),
            Who::Member => format!("pl_session={}", self.member_session),
            Who::Organizer => format!("pl_session={}", self.organizer_session),
        }
    }

    /// Every page of the tour, for a visitor, the member and the organizer.
    pub fn stops(&self) -> Vec<Stop> {
        let c = format!("/c/{}", self.cid);
        let mut stops = Vec::new();
        let mut add = |name: &'static str, path: String, who: Who| {
            let status = if name == "not-found" { 404 } else { 200 };
            stops.push(Stop {
                name,
                path,
                who,
                status,
                form: None,
            });
        };
        add("landing", "/".into(), Who::Visitor);
        add("sign-in", "/signin".into(), Who::Visitor);
        add("sign-up", "/signup".into(), Who::Visitor);
        add(
            "invite",
            format!("/join/{}", self.invite_code),
            Who::Visitor,
        );
        add("not-found", "/nowhere/to/be/found".into(), Who::Visitor);
        add("offline", "/offline".into(), Who::Visitor);
        add("forgot-password", "/password/forgot".into(), Who::Visitor);
        for who in [Who::Member, Who::Organizer] {
            add("communities", "/communities".into(), who);
            add("new-community", "/communities/new".into(), who);
            add("home", c.clone(), who);
            add("topics", format!("{c}/topics"), who);
            add(
                "topics-filtered",
                format!(
                    "{c}/topics?tag={}&kind=offer&format=one_on_one&mode=virtual&free=true",
                    enc("ρυθμός")
                ),
                who,
            );
            add(
                "topics-day",
                format!("{c}/topics?day=2026-05-06&format=group&sort=soonest"),
                who,
            );
            add(
                "topics-search",
                format!("{c}/topics?q={}", enc("ρολόι χωρίς αποτέλεσμα")),
                who,
            );
            add(
                "topic-offer",
                format!("{c}/topics/{}", self.offer_topic),
                who,
            );
            add("topic-ask", format!("{c}/topics/{}", self.ask_topic), who);
            add(
                "topic-group",
                format!("{c}/topics/{}", self.group_topic),
                who,
            );
            add("topic-own", format!("{c}/topics/{}", self.own_topic), who);
            add(
                "topic-edit",
                format!("{c}/topics/{}/edit", self.own_topic),
                who,
            );
            add("topic-new", format!("{c}/topics/new"), who);
            add("meetings", format!("{c}/meetings"), who);
            add(
                "meeting-past",
                format!("{c}/meetings/{}", self.past_meeting),
                who,
            );
            add("inbox", format!("{c}/inbox"), who);
            add("members", format!("{c}/members"), who);
            add(
                "members-filtered",
                format!("{c}/members?tag={}", enc("ρυθμός")),
                who,
            );
            add("member", format!("{c}/members/{}", self.colleague), who);
            add("profile", format!("{c}/profile"), who);
            add("knowledge", format!("{c}/knowledge"), who);
            add("demand", format!("{c}/demand"), who);
            add("ledger", format!("{c}/ledger"), who);
            add("questions", format!("{c}/questions"), who);
            add("question", format!("{c}/questions/{}", self.question), who);
            add("question-new", format!("{c}/questions/new"), who);
            add("account", "/account".into(), who);
            add("account-delete", "/account/delete".into(), who);
            add("leave", format!("{c}/leave"), who);
            add("board", format!("{c}/board"), who);
            add("meet-now", format!("{c}/now"), who);
            add(
                "spot-check-in",
                format!("{c}/spots/{}/check-in", self.table),
                who,
            );
            add(
                "topic-preview",
                format!("/c/{}/topics/{}", self.other_cid, self.other_topic),
                who,
            );
            add(
                "invite-other",
                format!("/join/{}", self.other_invite_code),
                who,
            );
            add("not-found", "/nowhere/to/be/found".into(), who);
        }
        add(
            "meeting-upcoming",
            format!("{c}/meetings/{}", self.upcoming_meeting),
            Who::Member,
        );
        add(
            "meeting-now",
            format!("{c}/meetings/{}", self.meeting_now),
            Who::Member,
        );
        add(
            "invite",
            format!("/join/{}", self.invite_code),
            Who::Organizer,
        );
        add("invitation", self.invitation_link.clone(), Who::Visitor);
        add(
            "import-preview",
            format!("{c}/import/{}", self.staged_import),
            Who::Organizer,
        );
        add(
            "import-preview-errors",
            format!("{c}/import/{}?show=error", self.staged_import),
            Who::Organizer,
        );
        for (name, tail) in [
            ("import", "import"),
            ("invitations", "invitations"),
            ("settings", "settings"),
            ("schedule", "schedule"),
            ("mixer", "mixer"),
            ("dashboard", "dashboard"),
            ("moderation", "moderation"),
            ("audit", "audit"),
            ("spot-codes", "spots/codes"),
            ("webhooks", "settings/webhooks"),
        ] {
            add(name, format!("{c}/{tail}"), Who::Organizer);
        }
        add(
            "webhook",
            format!("{c}/settings/webhooks/{}", self.webhook),
            Who::Organizer,
        );
        let mut post = |name: &'static str, from: &str, path: String, status: u16, who: Who| {
            let fields: Vec<(&'static str, String)> = match name {
                "sign-in-failed" => vec![
                    ("email", "anna@example.org".into()),
                    ("password", "not the password".into()),
                ],
                "sign-up-invalid" => vec![
                    ("email", "not an email".into()),
                    ("password", "short".into()),
                    ("display_name", String::new()),
                ],
                "mixer-groups" => vec![("group_size", "2".into()), ("rounds", "2".into())],
                "account-delete-refused" => vec![("password", "not the password".into())],
                _ => Vec::new(),
            };
            stops.push(Stop {
                name,
                path,
                who,
                status,
                form: Some(Form {
                    from: from.to_string(),
                    fields,
                }),
            });
        };
        post(
            "sign-in-failed",
            "/signin",
            "/signin".into(),
            401,
            Who::Visitor,
        );
        post(
            "sign-up-invalid",
            "/signup",
            "/signup".into(),
            422,
            Who::Visitor,
        );
        post(
            "account-delete-refused",
            "/account/delete",
            "/account/delete".into(),
            422,
            Who::Member,
        );
        post(
            "mixer-groups",
            &format!("{c}/mixer"),
            format!("{c}/mixer"),
            200,
            Who::Organizer,
        );
        post(
            "schedule-proposal",
            &format!("{c}/schedule"),
            format!("{c}/schedule/propose"),
            200,
            Who::Organizer,
        );
        stops
    }

    /// The stop named `name` for `who`.
    pub fn stop(&self, name: &str, who: Who) -> Stop {
        self.stops()
            .into_iter()
            .find(|s| s.name == name && s.who == who)
            .unwrap_or_else(|| panic!("no stop {name} for {}", who.as_str()))
    }
}

/// A session for `user` that lasts a month past [`now`]; returns its secret.
async fn session(app: &TestApp, user: &Value, secret_byte: char) -> String {
    let user = UserId(
        user["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("a user id"),
    );
    let secret: String = std::iter::repeat_n(secret_byte, 64).collect();
    let hash: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    app.store()
        .create_token(
            user,
            &hash,
            TokenKind::Session,
            now(),
            now() + chrono::Duration::days(30),
        )
        .await
        .expect("a session");
    secret
}

/// Every day from 27 April to 14 May 2026, 09:00–18:00 in Athens.
fn whole_days() -> Value {
    let windows: Vec<Value> = (27..=44)
        .map(|d| {
            let (month, day) = if d <= 30 { (4, d) } else { (5, d - 30) };
            json!({
                "start": format!("2026-{month:02}-{day:02}T09:00:00+03:00"),
                "end": format!("2026-{month:02}-{day:02}T18:00:00+03:00"),
            })
        })
        .collect();
    json!({ "windows": windows })
}

async fn seed(app: TestApp, clock: Arc<ManualClock>) -> World {
    // Sunday 26 April: everyone signs up, joins and fills in their profile.
    let mut users = Vec::new();
    let mut tokens = Vec::new();
    for p in &PEOPLE {
        let (user, token) = app.signup(p.email, p.name).await;
        users.push(user);
        tokens.push(token);
    }
    let (_, theodoros) = app
        .signup("theodoros@example.org", "Θεόδωρος Ιωάννου")
        .await;
    let t = |i: usize| tokens[i].as_str();

    let (cid, invite_code) = open_community(
        &app,
        t(ANNA),
        "Συντεχνία Περίεργων Μηχανικών",
        "Εβδομαδιαίες συζητήσεις μάθησης ανάμεσα σε συναδέλφους.",
    )
    .await;
    let mut members = vec![String::new(); PEOPLE.len()];
    members[ANNA] = id(&app.my_profile(t(ANNA), &cid).await);
    for (i, member) in members.iter_mut().enumerate().skip(1) {
        *member = id(&app.join(t(i), &cid, None).await);
    }
    for (i, p) in PEOPLE.iter().enumerate() {
        app.put_json(
            &format!("/api/v1/communities/{cid}/members/me"),
            t(i),
            json!({
                "headline": p.headline,
                "bio": p.bio,
                "team": p.team,
                "languages": ["Ελληνικά"],
                "offers": p.offers,
                "wants": p.wants,
            }),
        )
        .await
        .ok(200);
        app.put_json(
            &format!("/api/v1/communities/{cid}/members/me/availability"),
            t(i),
            whole_days(),
        )
        .await
        .ok(200);
    }
    app.put_json(
        &format!(
            "/api/v1/communities/{cid}/members/{}/role",
            members[VASILIS]
        ),
        t(ANNA),
        json!({"role": "moderator"}),
    )
    .await
    .ok(200);
    let mut spots = Vec::new();
    for (name, kind, capacity) in [
        ("Τραπέζι στο παράθυρο", "table", 4),
        ("Αίθουσα Ωρίωνας", "room", 12),
        ("Βιντεοδωμάτιο Ερμής", "virtual", 8),
    ] {
        let spot = app
            .post_json(
                &format!("/api/v1/communities/{cid}/spots"),
                t(ANNA),
                json!({"name": name, "kind": kind, "capacity": capacity}),
            )
            .await
            .ok(201)
            .clone();
        spots.push(id(&spot));
    }

    // Θεόδωρος runs another open community, with one topic.
    let (other_cid, other_invite_code) = open_community(
        &app,
        &theodoros,
        "Λέσχη Φωτογραφίας",
        "Βγαίνουμε και φωτογραφίζουμε μαζί.",
    )
    .await;
    let other_topic = topic(
        &app,
        &theodoros,
        &other_cid,
        json!({"kind": "offer", "title": "Φως και σκιά στο πορτρέτο",
               "description": "Φέρτε μια **φωτογραφία** που σας αρέσει.",
               "tags": ["φωτογραφία", "πορτρέτο"], "format": "one_on_one", "mode": "in_person"}),
    )
    .await;

    // Άννα hosts Γιώργος on Tuesday 28 April, 10:00; both come and give feedback.
    let k8s = topic(
        &app,
        t(ANNA),
        &cid,
        json!({"kind": "offer", "title": "Κυβερνήτης για αρχάριους",
               "description": "Από το πρώτο **κοντέινερ** ως την πρώτη ανάπτυξη.",
               "tags": ["κυβερνήτης", "υποδομή"], "format": "one_on_one", "mode": "in_person",
               "duration_minutes": 30}),
    )
    .await;
    let past_meeting = book(
        &app,
        &k8s,
        (t(GIORGOS), t(ANNA)),
        "2026-04-28T10:00:00+03:00",
        "Θα ήθελα να ξεκινήσω από την αρχή.",
    )
    .await;
    clock.set(at("2026-04-28T06:58:00Z"));
    for who in [GIORGOS, ANNA] {
        app.post_json(
            &format!("/api/v1/meetings/{past_meeting}/check-in"),
            t(who),
            json!({"method": "button"}),
        )
        .await
        .ok(200);
    }
    clock.set(at("2026-04-28T07:31:00Z"));
    peerlearn_web::notify::run_due(&app.state)
        .await
        .expect("jobs run");
    app.post_json(
        &format!("/api/v1/meetings/{past_meeting}/feedback"),
        t(GIORGOS),
        json!({"learned": "Ένα κοντέινερ δεν είναι μικρή εικονική μηχανή.",
               "will_try": "Να στήσω ένα τοπικό σύμπλεγμα.",
               "rating": 5, "thanks": "Ευχαριστώ, ήταν πολύ καθαρό!",
               "share": true, "named": true, "link": "https://kubernetes.io/el/docs/home/"}),
    )
    .await
    .ok(201);
    app.post_json(
        &format!("/api/v1/meetings/{past_meeting}/feedback"),
        t(ANNA),
        json!({"learned": "Οι ερωτήσεις των αρχαρίων είναι οι καλύτερες.",
               "will_try": "Να γράψω έναν οδηγό.", "rating": 4,
               "thanks": "Ωραίες ερωτήσεις!", "share": false, "named": false, "link": ""}),
    )
    .await
    .ok(201);

    // Friday 1 May, noon: what is on now.
    clock.set(now());
    let design = topic(
        &app,
        t(VASILIS),
        &cid,
        json!({"kind": "offer", "title": "Σχεδιασμός διεπαφών με χαρτί και μολύβι",
               "description": "Σκίτσα πριν από κάθε οθόνη.", "tags": ["σχεδιασμός"],
               "format": "one_on_one", "mode": "in_person", "duration_minutes": 30}),
    )
    .await;
    let upcoming_meeting = book(
        &app,
        &design,
        (t(GIORGOS), t(VASILIS)),
        "2026-05-04T11:00:00+03:00",
        "Έχω ένα πρόχειρο να σου δείξω.",
    )
    .await;
    let own_topic = topic(
        &app,
        t(GIORGOS),
        &cid,
        json!({"kind": "offer", "title": "Εισαγωγή στις βάσεις δεδομένων",
               "description": "Πίνακες, ευρετήρια και τα πρώτα μας ερωτήματα.",
               "tags": ["βάσεις δεδομένων", "ερωτήματα"], "format": "one_on_one",
               "mode": "either", "duration_minutes": 45}),
    )
    .await;
    app.post_json(
        &format!("/api/v1/topics/{own_topic}/requests"),
        t(ZOI),
        json!({"proposed_times": ["2026-05-05T15:00:00+03:00", "2026-05-07T10:00:00+03:00"],
               "message": "Ξεκινάω τώρα με τις βάσεις, θα με βοηθούσες;"}),
    )
    .await
    .ok(201);
    // Ελένη meets Γιώργος in a few minutes: check-in is open.
    let meeting_now = book(
        &app,
        &own_topic,
        (t(ELENI), t(GIORGOS)),
        "2026-05-01T15:05:00+03:00",
        "Θα είμαι στο τραπέζι.",
    )
    .await;
    app.post_json(
        &format!("/api/v1/meetings/{meeting_now}/check-in"),
        t(ELENI),
        json!({"method": "button"}),
    )
    .await
    .ok(200);
    let group_topic = topic(
        &app,
        t(ANNA),
        &cid,
        json!({"kind": "offer", "title": "Εργαστήριο ρυθμού",
               "description": "Λύνουμε μαζί προβλήματα ρυθμού σε **πραγματικά** συστήματα.",
               "tags": ["ρυθμός", "υποδομή"], "format": "group", "capacity": 6,
               "mode": "in_person", "duration_minutes": 60,
               "starts_at": "2026-05-06T16:00:00+03:00"}),
    )
    .await;
    for who in [GIORGOS, DIMITRA, ELENI] {
        app.post_json(
            &format!("/api/v1/topics/{group_topic}/seats"),
            t(who),
            json!({}),
        )
        .await
        .ok(201);
    }
    let offer_topic = topic(
        &app,
        t(DIMITRA),
        &cid,
        json!({"kind": "offer", "title": "Ρυθμός στην Πάιθον",
               "description": "Πώς να κάνετε ένα αργό σενάριο **γρήγορο**.",
               "tags": ["ρυθμός", "πάιθον"], "format": "one_on_one", "mode": "virtual",
               "duration_minutes": 30}),
    )
    .await;
    let ask_topic = topic(
        &app,
        t(DIMITRA),
        &cid,
        json!({"kind": "ask", "title": "Θέλω να μάθω συναρτησιακό προγραμματισμό",
               "description": "Ψάχνω κάποιον να μου εξηγήσει τις βασικές ιδέες.",
               "tags": ["συναρτησιακός προγραμματισμός"], "format": "one_on_one",
               "mode": "either"}),
    )
    .await;
    topic(
        &app,
        t(ELENI),
        &cid,
        json!({"kind": "ask", "title": "Πώς δοκιμάζουμε βάσεις δεδομένων;",
               "tags": ["δοκιμές", "βάσεις δεδομένων"], "format": "one_on_one",
               "mode": "virtual"}),
    )
    .await;
    let spam = topic(
        &app,
        t(ZOI),
        &cid,
        json!({"kind": "offer", "title": "Φτηνά ρολόγια για όλους",
               "description": "Στείλτε μου μήνυμα.", "tags": ["ρολόγια"],
               "format": "one_on_one", "mode": "either"}),
    )
    .await;
    app.post_json(
        &format!("/api/v1/communities/{cid}/reports"),
        t(ELENI),
        json!({"subject_kind": "topic", "subject_id": spam, "reason": "Διαφήμιση, όχι μάθηση."}),
    )
    .await
    .ok(201);

    // A question with two answers, one helpful and one accepted; another still unanswered.
    let question = id(app
        .post_json(
            &format!("/api/v1/communities/{cid}/questions"),
            t(GIORGOS),
            json!({"title": "Πώς γράφω καλά μηνύματα υποβολής;",
                   "body": "Τα δικά μου λένε μόνο «διορθώσεις». Τι πρέπει να **περιέχουν**;",
                   "tags": ["εκδόσεις"]}),
        )
        .await
        .ok(201));
    let helpful = id(app
        .post_json(
            &format!("/api/v1/questions/{question}/answers"),
            t(ANNA),
            json!({"body": "Μια σύντομη πρώτη γραμμή: τι αλλάζει και γιατί."}),
        )
        .await
        .ok(201));
    let accepted = id(app
        .post_json(
            &format!("/api/v1/questions/{question}/answers"),
            t(DIMITRA),
            json!({"body": "Γράψε για τον αναγνώστη του αύριο: τι άλλαξε, γιατί, και πώς το δοκίμασες."}),
        )
        .await
        .ok(201));
    app.post_json(
        &format!("/api/v1/answers/{helpful}/helpful"),
        t(GIORGOS),
        json!({}),
    )
    .await
    .ok(200);
    app.post_json(
        &format!("/api/v1/answers/{accepted}/accept"),
        t(GIORGOS),
        json!({}),
    )
    .await
    .ok(200);
    app.post_json(
        &format!("/api/v1/communities/{cid}/questions"),
        t(ELENI),
        json!({"title": "Ποιο βιβλίο για δοκιμές προτείνετε;",
               "body": "Κάτι για αρχάριους.", "tags": ["δοκιμές"]}),
    )
    .await
    .ok(201);

    // A webhook endpoint (written directly: the tour's server allows no local receiver),
    // so the events below leave deliveries in its log, one of them tried once and failed.
    let community = peerlearn_domain::CommunityId(cid.parse().expect("an id"));
    let webhook = app
        .store()
        .create_webhook(
            community,
            "https://hooks.example.org/peerlearn/συντεχνία",
            &peerlearn_domain::EventTypes::parse(
                "event_types",
                &["seat.taken", "meeting.confirmed", "request.created"],
            )
            .expect("event types"),
            "whsec_dG91ciBzZWNyZXQgdG91ciBzZWNyZXQgdG91cg==",
            now(),
        )
        .await
        .expect("a webhook")
        .id;
    // Attendees imported from a file: one import done, with a known invitation link, and
    // one waiting for confirmation.
    let (staged_import, invitation_link) = imports(&app, &cid, t(ANNA)).await;

    // The inbox: reminders, requests, seats and the rest.
    peerlearn_web::notify::run_due(&app.state)
        .await
        .expect("jobs run");
    let due = app
        .store()
        .claim_deliveries(now(), chrono::Duration::seconds(60), 1)
        .await
        .expect("claimed");
    for d in &due {
        let attempt = peerlearn_store::Attempt {
            response_status: Some(500),
            latency_ms: 84,
            response_excerpt: "{\"κατάσταση\": \"εσωτερικό σφάλμα\"}".into(),
            ..peerlearn_store::Attempt::default()
        };
        let policy = peerlearn_store::RetryPolicy {
            retry_at: Some(now() + chrono::Duration::seconds(5)),
            failing_since_before: now() - chrono::Duration::hours(24),
            failed_deliveries: 5,
        };
        app.store()
            .record_attempt(d, &attempt, &policy, now())
            .await
            .expect("recorded");
    }

    // Ζωή is free now: Meet now shows her among the free members.
    app.put_json(
        &format!("/api/v1/communities/{cid}/meet-now"),
        t(ZOI),
        json!({"minutes": 45, "mode": "lounge"}),
    )
    .await
    .ok(200);

    let member_session = session(&app, &users[GIORGOS], 'a').await;
    let organizer_session = session(&app, &users[ANNA], 'b').await;
    World {
        app,
        cid,
        invite_code,
        other_cid,
        other_invite_code,
        other_topic,
        member_session,
        organizer_session,
        offer_topic,
        ask_topic,
        group_topic,
        own_topic,
        upcoming_meeting,
        meeting_now,
        past_meeting,
        question,
        colleague: members[DIMITRA].clone(),
        table: spots[0].clone(),
        webhook: webhook.to_string(),
        staged_import,
        invitation_link,
    }
}

/// Imports attendees twice: the first file is confirmed (and one invitation gets a known
/// link), the second waits. Returns the waiting import's id and the link's path.
async fn imports(app: &TestApp, cid: &str, organizer: &str) -> (String, String) {
    use peerlearn_store::{InvitationEmails, InvitationFilter};
    let upload = |csv: &'static str| async move {
        app.send(
            axum::http::Method::POST,
            &format!("/api/v1/communities/{cid}/imports"),
            organizer,
            Some(("text/csv", csv.as_bytes().to_vec())),
        )
        .await
        .ok(201)["id"]
            .as_str()
            .expect("an import id")
            .to_string()
    };
    let done = upload(
        "email,name,team,tags,language\n\
         nefeli@example.org,Νεφέλη Αθανασίου,Σχεδιασμός,σχεδιασμός; ρυθμός,en\n\
         stavros@example.org,Σταύρος Ιωάννου,Δεδομένα,βάσεις δεδομένων,fr\n",
    )
    .await;
    app.send(
        axum::http::Method::POST,
        &format!("/api/v1/communities/{cid}/imports/{done}/confirm"),
        organizer,
        None,
    )
    .await
    .ok(200);
    let staged = upload(
        "email,name,team,tags,language\n\
         irini@example.org,Ειρήνη Λαμπράκη,Ποιότητα,δοκιμές,en\n\
         zoi@example.org,Ζωή Καρρά,Πωλήσεις,,\n\
         κώστας-χωρίς-διεύθυνση,Κώστας,,,\n\
         petros@example.org,Πέτρος Δημάκης,Εργαλεία,ρυθμός|πάιθον,ελληνικά\n",
    )
    .await;
    // A known link for the first invitee: sent again with a secret the tour knows.
    let community = peerlearn_domain::CommunityId(cid.parse().expect("a community id"));
    let store = app.store();
    let first = store
        .invitations(community, InvitationFilter::All, 1, 0)
        .await
        .expect("invitations")
        .items[0]
        .id;
    let secret = "e".repeat(64);
    let hash: String = Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let now = now();
    store
        .resend_invitations(
            community,
            Some(first),
            chrono::Duration::zero(),
            &|_| hash.clone(),
            InvitationEmails {
                now,
                expires_at: now + chrono::Duration::days(14),
                compose: &|i| {
                    Ok(
                        json!({"to": i.email, "to_name": i.name, "subject": "Invitation",
                              "text": "/invitations/…"})
                        .to_string(),
                    )
                },
            },
        )
        .await
        .expect("a known link");
    (staged, format!("/invitations/{secret}"))
}

/// Posts a topic; returns its id.
/// An open, ongoing community in the tour's zone, 09:00–18:00; its id and invite code.
async fn open_community(
    app: &TestApp,
    token: &str,
    name: &str,
    description: &str,
) -> (String, String) {
    let community = app
        .post_json(
            "/api/v1/communities",
            token,
            json!({
                "name": name,
                "description": description,
                "kind": "ongoing",
                "timezone": ZONE,
                "day_start": "09:00",
                "day_end": "18:00",
                "join_policy": "open",
            }),
        )
        .await
        .ok(201)
        .clone();
    let invite_code = community["invite_code"]
        .as_str()
        .expect("the organizer sees the invite code")
        .to_string();
    (id(&community), invite_code)
}

async fn topic(app: &TestApp, token: &str, cid: &str, body: Value) -> String {
    id(app
        .post_json(&format!("/api/v1/communities/{cid}/topics"), token, body)
        .await
        .ok(201))
}

/// `asker` asks to meet on `topic` at `start` and the host accepts; returns the meeting id.
async fn book(
    app: &TestApp,
    topic: &str,
    (asker, host): (&str, &str),
    start: &str,
    message: &str,
) -> String {
    let request = id(app
        .post_json(
            &format!("/api/v1/topics/{topic}/requests"),
            asker,
            json!({"proposed_times": [start], "message": message}),
        )
        .await
        .ok(201));
    id(app
        .post_json(
            &format!("/api/v1/requests/{request}/accept"),
            host,
            json!({"start": start}),
        )
        .await
        .ok(201))
}

#[tokio::test]
async fn every_page_of_the_tour_answers() {
    let world = World::new().await;
    let mut wrong = Vec::new();
    for stop in world.stops() {
        let cookies = world.session(stop.who);
        let reply = match &stop.form {
            None => world.app.page(&stop.path, &cookies).await,
            Some(form) => {
                let fields: Vec<(&str, &str)> =
                    form.fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
                world.app.form(&stop.path, &cookies, &fields).await
            }
        };
        if reply.status.as_u16() != stop.status {
            wrong.push(format!(
                "{} ({}) {}: {} instead of {}",
                stop.name,
                stop.who.as_str(),
                stop.path,
                reply.status,
                stop.status
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "pages that did not answer:\n{}",
        wrong.join("\n")
    );
}

/// Saves screenshots of the main pages when `PEERLEARN_SCREENSHOTS=DIR` is set.
#[tokio::test]
async fn screenshots() {
    shots::run().await;
}
