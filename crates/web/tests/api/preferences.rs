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
}
