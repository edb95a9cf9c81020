#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("logged_out.title", "Wylogowanie — Profil Zaufany"),
    ("logged_out.heading", "Wylogowanie"),
    (
        "logged_out.question",
        "Serwis, z którego przychodzisz, prosi o wylogowanie. Czy chcesz wylogować się z profilu zaufanego na tym \
         urządzeniu?",
    ),
    ("logged_out.hint", "Serwisy, do których logowałeś się w tej sesji, też dostaną informację o wylogowaniu."),
    ("logged_out.stay", "Zostań zalogowany"),
    ("logged_out.sign_out", "Wyloguj"),
    ("logged_out.done_heading", "Nie jesteś zalogowany"),
    ("logged_out.done_text", "Nie jesteś zalogowany w profilu zaufanym na tym urządzeniu."),
    ("logged_out.sign_in", "Zaloguj się"),
}
