//! The `peerlearn` binary's operator commands, run as an operator runs them, against a demo
//! community in a temporary SQLite database: `admin list-communities`, `admin
//! create-organizer`, `admin reset-password` and `export community`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use peerlearn_store::Store;
use peerlearn_web::{AppState, Config, account_links};

const ORGANIZER: &str = "organizer@demo.peerlearn.dev";
const MEMBER: &str = "member@demo.peerlearn.dev";
/// The demo's people: the organizer, the member and this many more.
const DEMO_MEMBERS: usize = 6;

/// A demo database in its own folder.
struct Demo {
    dir: tempfile::TempDir,
    url: String,
}

impl Demo {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let url = format!("sqlite://{}", dir.path().join("peerlearn.db").display());
        let demo = Self { dir, url };
        let members = DEMO_MEMBERS.to_string();
        let out = demo.run(&["demo", "--no-serve", "--members", &members]);
        assert!(out.status.success(), "demo: {}", stderr(&out));
        demo
    }

    /// Runs `peerlearn ARGS --database-url URL`, away from any settings of the environment.
    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_peerlearn"))
            .args(args)
            .args(["--database-url", &self.url])
            .env_remove("DATABASE_URL")
            .env_remove("PEERLEARN_CONFIG")
            .env_remove("PEERLEARN_PUBLIC_URL")
            .env("PEERLEARN_LOG", "warn")
            .output()
            .expect("peerlearn runs")
    }

    /// Runs and expects success; returns what it printed.
    #[track_caller]
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Runs and expects a failure; returns what it said.
    #[track_caller]
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            !out.status.success(),
            "{args:?} succeeded: {}",
            stdout(&out)
        );
        stderr(&out)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The community's members and organizers, as `list-communities` prints them.
    fn counts(&self) -> (u32, u32) {
        let listing = self.ok(&["admin", "list-communities"]);
        let row: Vec<&str> = listing
            .lines()
            .nth(1)
            .expect("a row")
            .split_whitespace()
            .collect();
        let n = row.len();
        (
            row[n - 3].parse().expect("members"),
            row[n - 2].parse().expect("organizers"),
        )
    }

    fn users(&self) -> i64 {
        runtime().block_on(async {
            let store = Store::connect(&self.url, 2).await.expect("the database");
            let n = store.count_users().await.expect("a count");
            store.close().await;
            n
        })
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().expect("a runtime")
}

/// The line that is a link.
fn link(printed: &str) -> &str {
    printed
        .lines()
        .find(|l| l.starts_with("http"))
        .unwrap_or_else(|| panic!("no link in {printed}"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn list_communities_prints_a_table() {
    let demo = Demo::new();
    let listing = demo.ok(&["admin", "list-communities"]);
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 2, "{listing}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(header, ["ID", "NAME", "MEMBERS", "ORGANIZERS", "CREATED"]);
    let row: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(row[0], "1");
    let created = row[row.len() - 1];
    assert!(
        chrono::NaiveDate::parse_from_str(created, "%Y-%m-%d").is_ok(),
        "{created}"
    );
    assert_eq!(demo.counts(), (DEMO_MEMBERS as u32 + 2, 1));
}

#[test]
fn create_organizer_adds_a_new_account_or_promotes_an_existing_one() {
    let demo = Demo::new();
    let users = demo.users();

    // Refused, with a clear message and nothing written.
    let unknown = demo.fails(&[
        "admin",
        "create-organizer",
        "999",
        "nia@example.org",
        "--name",
        "Nia",
    ]);
    assert!(unknown.contains("no community has the id 999"), "{unknown}");
    let bad = demo.fails(&[
        "admin",
        "create-organizer",
        "1",
        "not-an-email",
        "--name",
        "Nia",
    ]);
    assert!(bad.contains("Email: must be an email address"), "{bad}");
    let nameless = demo.fails(&["admin", "create-organizer", "1", "nia@example.org"]);
    assert!(
        nameless.contains("needed to create a new account"),
        "{nameless}"
    );
    assert_eq!(demo.users(), users);
    assert_eq!(demo.counts(), (DEMO_MEMBERS as u32 + 2, 1));

    // A new account: an organizer, with a link to choose a password.
    let created = demo.ok(&[
        "admin",
        "create-organizer",
        "1",
        "Nia@Example.org",
        "--name",
        "Nia Nakamura",
    ]);
    assert!(
        created.contains("Created an account for Nia Nakamura <nia@example.org>"),
        "{created}"
    );
    assert!(link(&created).contains("/invitations/"), "{created}");
    assert_eq!(demo.users(), users + 1);
    assert_eq!(demo.counts(), (DEMO_MEMBERS as u32 + 3, 2));

    // An existing member becomes an organizer; a second time changes nothing.
    let promoted = demo.ok(&["admin", "create-organizer", "1", MEMBER]);
    assert!(
        promoted.contains("was a member of") && promoted.contains("is now an organizer"),
        "{promoted}"
    );
    assert!(
        !promoted.contains("http"),
        "no link for an existing account: {promoted}"
    );
    assert_eq!(demo.counts(), (DEMO_MEMBERS as u32 + 3, 3));
    let again = demo.ok(&["admin", "create-organizer", "1", ORGANIZER]);
    assert!(again.contains("already an organizer"), "{again}");
    assert_eq!(demo.users(), users + 1);
}

#[test]
fn reset_password_prints_a_link_the_reset_flow_accepts() {
    let demo = Demo::new();
    let printed = demo.ok(&["admin", "reset-password", MEMBER]);
    assert!(printed.contains("30 minutes"), "{printed}");
    let url = link(&printed);
    let (_, secret) = url.split_once("/password/reset/").expect("a reset link");
    runtime().block_on(async {
        let store = Store::connect(&demo.url, 2).await.expect("the database");
        let state = AppState::new(store.clone(), Config::default());
        let user = account_links::reset_password(&state, secret, "a brand new secret")
            .await
            .expect("the reset flow accepts the link");
        assert_eq!(user.email, MEMBER);
        assert!(
            account_links::reset_password(&state, secret, "another secret")
                .await
                .is_err(),
            "it works once"
        );
        store.close().await;
    });
    let nobody = demo.fails(&["admin", "reset-password", "nobody@example.org"]);
    assert!(
        nobody.contains("no account has the email nobody@example.org"),
        "{nobody}"
    );
}

#[test]
fn export_community_writes_its_files_and_refuses_a_folder_in_use() {
    let demo = Demo::new();
    let out = demo.path("export");
    let dir = out.to_str().expect("a UTF-8 path");

    let unknown = demo.fails(&["export", "community", "999", "--out", dir]);
    assert!(unknown.contains("no community has the id 999"), "{unknown}");
    assert!(!out.exists(), "nothing written");

    let summary = demo.ok(&["export", "community", "1", "--out", dir]);
    assert!(summary.starts_with("Exported "), "{summary}");
    assert!(
        summary.contains("members.csv") && summary.contains("community.json"),
        "{summary}"
    );
    let members = read(&out.join("members.csv"));
    let rows: Vec<&str> = members.lines().collect();
    assert_eq!(rows[0], "name,email,team,role,joined");
    assert_eq!(rows.len(), DEMO_MEMBERS + 3, "{members}");
    assert!(members.contains(ORGANIZER) && members.contains(MEMBER));
    assert!(
        read(&out.join("topics.csv")).starts_with("id,title,kind,author,tags,status,created\n")
    );
    let meetings = read(&out.join("meetings.csv"));
    assert!(meetings.starts_with("id,start,end,topic,mode,spot,participants,status\n"));
    assert!(
        meetings.lines().count() > 1,
        "the demo has meetings: {meetings}"
    );
    assert!(read(&out.join("dashboard_summary.csv")).starts_with("figure,value\nMembers,"));
    for table in ["meetings_per_day", "supply_gap", "demand"] {
        assert!(
            out.join(format!("dashboard_{table}.csv")).is_file(),
            "{table}"
        );
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&read(&out.join("community.json"))).expect("JSON");
    assert_eq!(manifest["community"]["id"], "1");
    assert_eq!(manifest["files"].as_array().map(Vec::len), Some(7));

    let refused = demo.fails(&["export", "community", "1", "--out", dir]);
    assert!(refused.contains("is not empty"), "{refused}");
    demo.ok(&["export", "community", "1", "--out", dir, "--force"]);
}
