//! A member's language and time zone: chosen on the account page or with the language switch,
//! kept in their account, and used by every page.

use crate::common::{PASSWORD, TestApp};
use peerlearn_testkit::TestDb;

async fn signed_in(app: &TestApp, email: &str) -> String {
    app.signup(email, "Ana").await;
    app.form("/signin", "", &[("email", email), ("password", PASSWORD)])
        .await
        .cookie("pl_session")
        .expect("signed in")
}

peerlearn_testkit::backend_tests! {
    async fn a_member_chooses_french_and_their_time_zone(db: TestDb) {
        let app = TestApp::new(db).await;
        let session = signed_in(&app, "ana@example.org").await;
        let page = app.page("/account", &session).await;
        assert_eq!(page.status, 200);
        assert!(page.html().contains(r#"<html lang="en""#), "English by default");

        let saved = app.form("/account/preferences", &session, &[("language", "fr"), ("time_zone", "America/Montreal")]).await;
        assert_eq!(saved.location(), "/account?notice=preferences_saved");
        assert!(saved.cookie("pl_lang").is_some_and(|c| c == "pl_lang=fr"));
        let user = app.store().user_with_password(&peerlearn_domain::Email::parse("ana@example.org").unwrap()).await.unwrap().unwrap().0;
        assert_eq!((user.language.as_deref(), user.time_zone.as_deref()), (Some("fr"), Some("America/Montreal")));

        // Another device, whose browser asks for English: the member's choice wins.
        let page = app.page("/account?notice=preferences_saved", &session).await;
        assert!(page.html().contains(r#"<html lang="fr""#), "{}", page.html());
        assert!(page.html().contains("Votre langue et votre fuseau horaire sont enregistrés."));
        assert!(page.html().contains("America/Montreal"));
    }

    async fn unknown_languages_and_zones_are_refused_and_change_nothing(db: TestDb) {
        let app = TestApp::new(db).await;
        let session = signed_in(&app, "ana@example.org").await;
        for (language, zone) in [("de", ""), ("", "Mars/Olympus"), ("fr", "Europe/Nowhere")] {
            let refused = app.form("/account/preferences", &session, &[("language", language), ("time_zone", zone)]).await;
            assert_eq!(refused.status, 422, "{language} {zone}");
            assert!(refused.html().contains("Choose a language and a time zone from the lists."));
        }
        app.form("/language", &session, &[("lang", "de"), ("back", "/account")]).await;
        let user = app.store().user_with_password(&peerlearn_domain::Email::parse("ana@example.org").unwrap()).await.unwrap().unwrap().0;
        assert_eq!((user.language, user.time_zone), (None, None));
    }

    async fn the_language_switch_keeps_the_choice_and_goes_back(db: TestDb) {
        let app = TestApp::new(db).await;
        let session = signed_in(&app, "ana@example.org").await;
        let switched = app.form("/language", &session, &[("lang", "fr"), ("back", "/account")]).await;
        assert_eq!(switched.location(), "/account");
        let elsewhere = app.form("/language", "", &[("lang", "en"), ("back", "//evil.example")]).await;
        assert_eq!(elsewhere.location(), "/communities", "no open redirect");
        let page = app.page("/account", &session).await;
        assert!(page.html().contains(r#"<html lang="fr""#));
    }

    async fn a_community_speaks_its_language_to_people_whose_own_is_not_known(db: TestDb) {
        let app = TestApp::new(db).await;
        let (cid, [org, ben]) = app.open_community_of([("org@example.org", "Org"), ("ben@example.org", "Ben")]).await;
        let organizer = app.browser(&org).await;
        let settings = app.page_as(Some(&organizer), &format!("/c/{cid}/settings"), &[("accept-language", "en")]).await;
        assert!(settings.html_page(200).contains(r#"name="language" value="en" checked"#), "English by default");
        let mut fields = vec![("csrf", organizer.csrf.clone()), ("language", "fr".to_string())];
        for (k, v) in [("name", "Atelier"), ("kind", "ongoing"), ("timezone", "UTC"), ("day_start", "09:00"), ("day_end", "18:00"), ("join_policy", "open")] {
            fields.push((k, v.to_string()));
        }
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let saved = app.form_as(&organizer, &format!("/c/{cid}/settings"), &fields, &[("accept-language", "en")]).await;
        assert_eq!(saved.location(), format!("/c/{cid}/settings?notice=settings_saved"));

        let member = app.browser(&ben).await;
        let home = format!("/c/{cid}");
        // A browser asking for a language we do not speak, or none: the community's.
        for asks in [&[("accept-language", "de-DE,de;q=0.9")][..], &[]] {
            let page = app.page_as(Some(&member), &home, asks).await;
            assert!(page.html_page(200).contains(r#"<html lang="fr""#), "{asks:?}");
        }
        // The browser's English, and then the member's own choice, come first.
        let page = app.page_as(Some(&member), &home, &[("accept-language", "en-GB")]).await;
        assert!(page.html_page(200).contains(r#"<html lang="en""#));
        let csrf = member.csrf.clone();
        app.form_as(&member, "/account/preferences", &[("csrf", csrf.as_str()), ("language", "en"), ("time_zone", "")], &[]).await;
        let page = app.page_as(Some(&member), &home, &[("accept-language", "de")]).await;
        assert!(page.html_page(200).contains(r#"<html lang="en""#));
        // Pages outside the community keep the browser's language.
        let outside = app.page_as(None, "/signin", &[("accept-language", "de")]).await;
        assert!(outside.html_page(200).contains(r#"<html lang="en""#));
        // A bad language is refused and changes nothing.
        let refused = app.put_json(&format!("/api/v1/communities/{cid}"), &org,
            serde_json::json!({"name": "Atelier", "kind": "ongoing", "timezone": "UTC", "day_start": "09:00", "day_end": "18:00", "join_policy": "open", "language": "de"})).await;
        refused.invalid("language");
        let kept = app.page_as(Some(&organizer), &format!("/c/{cid}/settings"), &[("accept-language", "en")]).await;
        assert!(kept.html_page(200).contains(r#"name="language" value="fr" checked"#));
    }
}
