//! The page shown instead of one the service worker has not kept, while the network is down.
//! The service worker keeps it at install, in the language of the member who installed it.

use askama::Template;

use super::{Page, PageResult, render};
use crate::auth::{CsrfToken, MaybeUser};

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflineTemplate {
    page: Page,
}

pub async fn page(MaybeUser(user): MaybeUser, csrf: CsrfToken) -> PageResult {
    render(&OfflineTemplate {
        page: Page::new(user.as_ref(), &csrf),
    })
}
