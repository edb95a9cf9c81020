//! The page of an address the service does not have (`web/404.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("not_found.title", "Page not found — Profil Zaufany"),
    ("not_found.heading", "Page not found"),
    ("not_found.home_link", "Go back to the home page"),
}
