//! The home page (`web/index.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("index.title", "Załóż profil zaufany — Profil Zaufany"),
    ("index.heading", "Załóż profil zaufany"),
    (
        "index.intro",
        "Profil zaufany w bezpieczny sposób potwierdza Twoją tożsamość. Pozwala załatwiać sprawy urzędowe online, \
         w tym zalogować się na Internetowe Konto Pacjenta (IKP).",
    ),
    ("index.temporary_heading", "Tymczasowy profil zaufany"),
    (
        "index.temporary_how",
        "Wypełnij wniosek online, potwierdź go kodem z SMS-a, a potem potwierdź swoją tożsamość podczas rozmowy \
         wideo z urzędnikiem. Przygotuj:",
    ),
    ("index.need_pesel", "numer PESEL i dowód osobisty,"),
    ("index.need_contact", "adres e-mail i numer telefonu komórkowego,"),
    ("index.need_device", "urządzenie (telefon, tablet, laptop) z kamerą i mikrofonem."),
    ("index.apply_link", "Załóż tymczasowy profil zaufany"),
    ("index.have_profile_heading", "Masz już profil zaufany?"),
    ("index.sign_in", "Zaloguj się"),
    ("index.profile_link", "Szczegóły profilu"),
    ("index.app_link", "Aplikacja mObywatel (symulator)"),
    ("index.ikp_link", "Internetowe Konto Pacjenta (demo)"),
}
