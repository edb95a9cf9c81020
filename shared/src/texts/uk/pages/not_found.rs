//! The page of an address the service does not have (`web/404.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("not_found.title", "Сторінку не знайдено — Profil Zaufany"),
    ("not_found.heading", "Сторінку не знайдено"),
    ("not_found.home_link", "Повернутися на головну сторінку"),
}
