//! Real-browser test in headless Chromium: a member asks a question, another member answers
//! it, and the asker accepts the answer.

use crate::browser_support::{Browser, start_app, start_chromedriver};
use fantoccini::Locator;

#[tokio::test]
async fn ask_a_question_another_member_answers_and_the_asker_accepts() {
    let Some((_driver, port)) = start_chromedriver().await else {
        return;
    };
    let (base, _db) = start_app().await;
    let mut b = Browser::new(port).await;

    // Ana creates a community and asks a question.
    b.sign_up(&base, "Ana Lima", "ana@example.org").await;
    b.click("a[href='/communities/new']").await;
    b.fill("name", "Guild").await;
    b.click("input[name=kind][value=ongoing]").await;
    b.fill("timezone", "UTC").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Complete your profile").await;
    b.go("/settings").await;
    let invite = b
        .client
        .find(Locator::Css("#invite-url"))
        .await
        .expect("invite link")
        .text()
        .await
        .expect("text");
    b.go("/questions").await;
    b.wait_text("No questions yet").await;
    b.click("main a[href$='/questions/new']").await;
    b.fill("title", "How do I size a Kubernetes cluster?").await;
    b.fill("body", "We are a team of **five**.").await;
    b.fill("tags", "Kubernetes").await;
    b.shot("ask").await;
    b.click("main form button[type=submit]").await;
    b.wait_text("Your question is posted.").await;
    b.sign_out().await;

    // Bruno joins, finds the question by searching, and answers it.
    b.sign_up(&base, "Bruno Costa", "bruno@example.org").await;
    b.client.goto(&invite).await.expect("invite page");
    b.click("main form button[type=submit]").await;
    b.wait_text("You joined the community.").await;
    b.go("/questions").await;
    b.fill("q", "cluster").await;
    b.wait_for(
        Locator::LinkText("How do I size a Kubernetes cluster?"),
        "search finds the question",
    )
    .await;
    b.click("article.question-card a").await;
    b.wait_text("No answers yet").await;
    b.fill("body", "Start with three small nodes and measure.")
        .await;
    b.click("form[action$='/answers'] button[type=submit]")
        .await;
    b.wait_text("Your answer is posted.").await;
    b.shot("answered").await;
    b.sign_out().await;

    // Ana accepts it.
    b.sign_in(&base, "ana@example.org").await;
    b.click("main a[href^='/c/']").await;
    b.go("/questions").await;
    b.click("article.question-card a").await;
    b.wait_text("Start with three small nodes").await;
    b.click("form[action$='/accept'] button").await;
    b.wait_text("You accepted this answer.").await;
    let page = b.text().await;
    assert!(page.contains("Accepted answer"), "{page}");
    assert!(page.contains("Bruno Costa"), "{page}");
    assert!(
        b.client
            .find_all(Locator::Css("form[action$='/accept']"))
            .await
            .expect("forms")
            .is_empty(),
        "the accepted answer offers no second accept"
    );
    b.shot("accepted").await;
    b.client.close().await.expect("close the browser");
}
