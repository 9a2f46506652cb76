//! Real-browser tests in headless Chromium (Debian's `chromium` and `chromium-driver`): sign
//! up and find yourself in the directory; request a meeting, answer with another time and accept
//! that into a spot; check
//! in, give feedback and find the note in the knowledge base.
//!
//! Skipped with a notice when chromedriver is not installed, unless `CI=true` (then it fails).
//! Set `PEERLEARN_SCREENSHOTS=DIR` to keep a screenshot of each step.

use std::sync::Arc;

use crate::browser_support::{Browser, start_app, start_app_with_clock, start_chromedriver};
use fantoccini::Locator;

#[tokio::test]
async fn sign_up_create_a_community_edit_the_profile_and_find_yourself_in_the_directory() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db) = start_app().await;
    let mut b = Browser::new(port).await;

    b.client
        .goto(&format!("{base}/signup"))
        .await
        .expect("signup page");
    b.fill("display_name", "Ana Lima").await;
    b.fill("email", "ana@example.org").await;
    b.fill("password", "correct horse battery").await;
    b.shot("signup").await;
    b.click("main form button[type=submit]").await;
    b.wait_for(Locator::LinkText("Create a community"), "my communities")
        .await;
    assert!(b.text().await.contains("Welcome! Your account is ready."));
    b.shot("communities").await;

    b.click("a[href='/communities/new']").await;
    b.fill("name", "Guild of Curious Engineers").await;
    b.fill("description", "Weekly learning conversations.")
        .await;
    b.click("input[name=kind][value=ongoing]").await;
    b.fill("timezone", "Europe/Lisbon").await;
    b.shot("new-community").await;
    b.click("main form button[type=submit]").await;
    b.wait_for(
        Locator::Css("nav a.tab[href$='/profile']"),
        "community home",
    )
    .await;
    let home = b.text().await;
    assert!(home.contains("Guild of Curious Engineers"), "{home}");
    assert!(home.contains("Complete your profile"), "{home}");
    b.shot("community-home").await;

    b.go("/profile").await;
    b.fill("headline", "Data engineer who loves SQL").await;
    b.fill("team", "Platform").await;
    b.fill("offers", "PostgreSQL, Query   Tuning").await;
    b.fill("wants", "Kubernetes").await;
    // In the same form: tick the first two half hours of tomorrow, then save it all.
    let slots = b
        .client
        .find_all(Locator::Css("fieldset.day-panel:nth-of-type(2) label.slot"))
        .await
        .expect("grid");
    assert!(slots.len() >= 2, "the availability grid has slots");
    // Times show in the browser's zone: the first half hour's label says where the window starts.
    let first = slots[0].text().await.expect("a time");
    let start = chrono::NaiveTime::parse_from_str(first.trim(), "%H:%M").expect("HH:MM");
    let window = format!(
        "{}–{}",
        start.format("%H:%M"),
        (start + chrono::Duration::hours(1)).format("%H:%M")
    );
    slots[0].click().await.expect("tick");
    slots[1].click().await.expect("tick");
    b.shot("profile").await;
    b.click("form[action$='/profile'] button[type=submit]")
        .await;
    b.wait_for(
        Locator::XPath("//*[contains(text(), 'Your profile is saved.')]"),
        "profile saved",
    )
    .await;
    let saved = b
        .client
        .find_all(Locator::Css("input[name=slot]:checked"))
        .await
        .expect("ticked slots");
    assert_eq!(
        saved.len(),
        2,
        "the ticked half hours were saved with the profile"
    );
    let chips = b
        .client
        .find_all(Locator::Css("input[name=offers][type=checkbox]:checked"))
        .await
        .expect("tag chips");
    assert_eq!(chips.len(), 2, "each tag is a chip now");

    b.go("/members").await;
    b.fill("tag", "postgresql").await;
    b.click("form[role=search] button[type=submit]").await;
    b.wait_for(Locator::Css("article.member-card"), "directory")
        .await;
    let directory = b.text().await;
    assert!(directory.contains("Ana Lima"), "{directory}");
    assert!(
        directory.contains("Data engineer who loves SQL"),
        "{directory}"
    );
    assert!(
        directory.contains("Query Tuning"),
        "spaces are normalised and the case is kept: {directory}"
    );
    b.shot("directory").await;

    b.click("article.member-card a").await;
    b.wait_for(
        Locator::XPath("//h2[text()='Free to meet']"),
        "profile page",
    )
    .await;
    let profile = b.text().await;
    assert!(
        profile.contains(&window),
        "two half hours merge into one window ({window}): {profile}"
    );
    b.shot("member").await;
    b.client.close().await.expect("close the browser");
}

#[tokio::test]
async fn post_a_topic_request_a_meeting_and_accept_it_into_a_spot() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db) = start_app().await;
    let mut b = Browser::new(port).await;

    // Ana creates an ongoing community with one table, posts an offer and says when she is free.
    b.sign_up(&base, "Ana Lima", "ana@example.org").await;
    b.click("a[href='/communities/new']").await;
    b.fill("name", "Guild").await;
    b.click("input[name=kind][value=ongoing]").await;
    b.fill("timezone", "UTC").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Complete your profile").await;
    b.go("/settings").await;
    b.fill_css(
        "form[action$='/spots'] input[name=name]",
        "Table by the window",
    )
    .await;
    b.click("form[action$='/spots'] button[type=submit]").await;
    b.wait_text("The spot was added.").await;
    let invite = b
        .client
        .find(Locator::Css("#invite-url"))
        .await
        .expect("invite link")
        .text()
        .await
        .expect("text");
    b.go("/profile").await;
    b.free_tomorrow_morning().await;
    b.go("/topics").await;
    b.click("a[href$='/topics/new']").await;
    b.fill("title", "SQL window functions").await;
    b.fill("description", "Bring a **query** you want to rewrite.")
        .await;
    b.fill("tags", "SQL, PostgreSQL").await;
    b.click("select[name=mode] option[value=in_person]").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Your topic is posted.").await;
    b.sign_out().await;

    // Bruno joins with the invite link, finds the topic by searching and asks for a time.
    b.sign_up(&base, "Bruno Costa", "bruno@example.org").await;
    b.client.goto(&invite).await.expect("invite page");
    b.click("main form button[type=submit]").await;
    b.wait_text("You joined the community.").await;
    b.free_tomorrow_morning().await;
    b.go("/topics").await;
    b.fill("q", "window function").await;
    b.wait_for(
        Locator::LinkText("SQL window functions"),
        "search finds the topic",
    )
    .await;
    b.click("article.topic-card a").await;
    b.wait_text("Times you are both free").await;
    b.click("label.slot").await;
    b.fill("message", "I have a slow report query.").await;
    b.shot("request").await;
    b.click("form[action$='/request'] button[type=submit]")
        .await;
    b.wait_text("Your request is sent.").await;
    b.sign_out().await;

    // Ana proposes an hour later instead (both are still free then).
    b.sign_in(&base, "ana@example.org").await;
    b.click("main a[href^='/c/']").await;
    b.go("/meetings").await;
    b.wait_text("Requests for you").await;
    b.shot("incoming").await;
    let asked: i64 = b
        .client
        .find(Locator::Css("form[action$='/accept'] input[name=start]"))
        .await
        .expect("the proposed time")
        .attr("value")
        .await
        .expect("its value")
        .and_then(|v| v.parse().ok())
        .expect("a unix time");
    let later = chrono::DateTime::from_timestamp(asked + 3600, 0)
        .expect("a time")
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    b.client
        .find(Locator::XPath("//summary[text()='Propose other times']"))
        .await
        .expect("the proposal form")
        .click()
        .await
        .expect("open it");
    b.client
        .execute(
            "document.querySelector(\"form[action$='/propose'] input[name=time]\").value = arguments[0];",
            vec![serde_json::json!(later)],
        )
        .await
        .expect("set the time");
    b.fill_css(
        "form[action$='/propose'] input[name=message]",
        "Mornings are busy; an hour later?",
    )
    .await;
    b.click("form[action$='/propose'] button[type=submit]")
        .await;
    b.wait_text("Your times were sent.").await;
    b.sign_out().await;

    // Bruno accepts Ana's time; the meeting gets the table.
    b.sign_in(&base, "bruno@example.org").await;
    b.click("main a[href^='/c/']").await;
    b.go("/meetings").await;
    b.wait_text("can't make the times you asked for").await;
    b.shot("counter-proposal").await;
    b.click("form[action$='/accept'] button").await;
    b.wait_text("The meeting is confirmed.").await;
    let page = b.text().await;
    assert!(page.contains("Table by the window"), "{page}");
    assert!(page.contains("Ana Lima"), "{page}");
    b.shot("confirmed").await;
    b.sign_out().await;
    b.sign_in(&base, "ana@example.org").await;
    b.click("main a[href^='/c/']").await;

    // The organizer mixes the community into pairs for one round.
    b.go("/mixer").await;
    b.fill("group_size", "2").await;
    b.fill("rounds", "1").await;
    b.click("form[action$='/mixer'] button[type=submit]").await;
    b.wait_text("Round 1").await;
    let mixed = b.text().await;
    assert!(
        mixed.contains("Ana Lima") && mixed.contains("Bruno Costa"),
        "{mixed}"
    );
    assert!(
        mixed.contains("1 round without anyone meeting twice"),
        "{mixed}"
    );
    b.shot("mixer").await;

    // She publishes the round for tomorrow at 15:00 (the community's time zone is UTC): it
    // becomes a meeting at the table, in both agendas.
    let start = (chrono::Utc::now() + chrono::Duration::days(1))
        .format("%Y-%m-%dT15:00")
        .to_string();
    b.client
        .execute(
            "document.querySelector('[name=starts_at]').value = arguments[0];",
            vec![serde_json::json!(start)],
        )
        .await
        .expect("the start is set");
    b.click("form[action$='/mixer/publish'] button[type=submit]")
        .await;
    b.wait_text("1 group meeting published.").await;
    assert!(b.text().await.contains("Table by the window"));
    b.shot("mixer-published").await;
    b.client.close().await.expect("close the browser");
}

/// Calls the JSON API of the running app (to set the scene quickly); answers the JSON body.
async fn api(
    http: &reqwest::Client,
    base: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    body: serde_json::Value,
) -> serde_json::Value {
    let mut req = http.request(method, format!("{base}{path}")).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let res = req.send().await.expect("the API answers");
    let status = res.status();
    let json: serde_json::Value = res.json().await.unwrap_or(serde_json::Value::Null);
    assert!(status.is_success(), "{path}: {status} {json}");
    json
}

#[tokio::test]
async fn check_in_give_feedback_and_find_the_note_in_the_knowledge_base() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let at = |rfc: &str| {
        chrono::DateTime::parse_from_rfc3339(rfc)
            .expect("time")
            .with_timezone(&chrono::Utc)
    };
    let clock = Arc::new(peerlearn_web::ManualClock::new(at("2026-05-01T12:00:00Z")));
    let (base, _db) = start_app_with_clock(clock.clone()).await;
    let http = reqwest::Client::new();
    let post = reqwest::Method::POST;
    let put = reqwest::Method::PUT;
    let mut tokens = Vec::new();
    for (name, email) in [
        ("Ana Lima", "ana@example.org"),
        ("Bruno Costa", "bruno@example.org"),
    ] {
        let v = api(&http, &base, post.clone(), "/api/v1/signup", None,
            serde_json::json!({"email": email, "password": "correct horse battery", "display_name": name})).await;
        tokens.push(v["token"].as_str().expect("token").to_string());
    }
    let (ana, bruno) = (tokens[0].as_str(), tokens[1].as_str());
    let c = api(&http, &base, post.clone(), "/api/v1/communities", Some(ana), serde_json::json!({
        "name": "Guild", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00", "day_end": "18:00",
        "join_policy": "open"})).await;
    let cid = c["id"].as_str().expect("community").to_string();
    api(
        &http,
        &base,
        post.clone(),
        &format!("/api/v1/communities/{cid}/members"),
        Some(bruno),
        serde_json::json!({}),
    )
    .await;
    for t in [ana, bruno] {
        api(&http, &base, put.clone(), &format!("/api/v1/communities/{cid}/members/me/availability"), Some(t),
            serde_json::json!({"windows": [{"start": "2026-05-02T09:00:00Z", "end": "2026-05-02T12:00:00Z"}]})).await;
    }
    let topic = api(&http, &base, post.clone(), &format!("/api/v1/communities/{cid}/topics"), Some(ana), serde_json::json!({
        "kind": "offer", "title": "Property-based testing", "tags": ["testing"], "format": "one_on_one",
        "mode": "virtual", "duration_minutes": 30})).await;
    let request = api(
        &http,
        &base,
        post.clone(),
        &format!("/api/v1/topics/{}/requests", topic["id"].as_str().unwrap()),
        Some(bruno),
        serde_json::json!({"proposed_times": ["2026-05-02T10:00:00Z"]}),
    )
    .await;
    let meeting = api(
        &http,
        &base,
        post.clone(),
        &format!(
            "/api/v1/requests/{}/accept",
            request["id"].as_str().unwrap()
        ),
        Some(ana),
        serde_json::json!({"start": "2026-05-02T10:00:00Z"}),
    )
    .await;
    let mid = meeting["id"].as_str().expect("meeting").to_string();

    // Two minutes into the meeting, Bruno opens it, checks in and says what he learned.
    clock.set(at("2026-05-02T10:02:00Z"));
    let mut b = Browser::new(port).await;
    b.sign_in(&base, "bruno@example.org").await;
    b.client
        .goto(&format!("{base}/c/{cid}/meetings/{mid}"))
        .await
        .expect("meeting page");
    b.shot("meeting").await;
    b.click("#check-in-button").await;
    b.wait_text("You are checked in").await;
    b.fill("learned", "Shrinking finds the smallest failing input")
        .await;
    b.fill("will_try", "Add a property test to the parser")
        .await;
    b.click("input[name=rating][value='5']").await;
    b.fill("thanks", "Thank you, Ana!").await;
    b.click("input[name=named]").await;
    b.shot("feedback").await;
    b.click("#feedback-button").await;
    b.wait_text("Your feedback is saved").await;
    assert!(b.text().await.contains("Your private rating: 5 of 5"));

    b.go("/knowledge").await;
    b.wait_text("Shrinking finds the smallest failing input")
        .await;
    let page = b.text().await;
    assert!(page.contains("Bruno Costa"), "named with consent: {page}");
    assert!(page.contains("Property-based testing"), "{page}");
    b.shot("knowledge").await;
    b.fill("q", "shrinking").await;
    b.click("form[role=search] button[type=submit]").await;
    b.wait_text("Shrinking finds the smallest failing input")
        .await;
    b.client.close().await.expect("close the browser");
}
