#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("logged_out.title", "Вихід — Profil Zaufany"),
    ("logged_out.heading", "Вихід"),
    (
        "logged_out.question",
        "Сервіс, з якого ви прийшли, просить вас вийти. Бажаєте вийти з довіреного профілю (Profil Zaufany) на \
         цьому пристрої?",
    ),
    ("logged_out.hint", "Сервіси, до яких ви входили під час цього сеансу, також отримають повідомлення про вихід."),
    ("logged_out.stay", "Залишитися в системі"),
    ("logged_out.sign_out", "Вийти"),
    ("logged_out.done_heading", "Ви не ввійшли в систему"),
    ("logged_out.done_text", "Ви не ввійшли в довірений профіль (Profil Zaufany) на цьому пристрої."),
    ("logged_out.sign_in", "Увійти"),
}
