//! Who is asking: passwords, secret tokens, sessions, CSRF and sign-in rate limits.

mod bucket;
mod csrf;
mod extract;
mod limiter;
mod member;
mod password;
mod tokens;

pub use csrf::{CSRF_FIELD, CsrfToken, ensure_csrf_cookie, from_another_site, session_csrf_token};
pub use extract::{ClientIp, CurrentUser, MaybeUser, SESSION_COOKIE, UserAgent};
pub use limiter::LoginLimiter;
pub use member::{Member, Moderator, Organizer, sign_in_and_back};
pub use password::{hash_password, verify_password};
pub use tokens::{hash_token, new_secret};
