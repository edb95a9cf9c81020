//! The page of an address the service does not have (`web/404.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("not_found.title", "Nie znaleziono strony — Profil Zaufany"),
    ("not_found.heading", "Nie znaleziono strony"),
    ("not_found.home_link", "Wróć na stronę główną"),
}
