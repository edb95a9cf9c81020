#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("js.idp.cancelled", "Logowanie w banku lub w Envelo zostało przerwane albo odrzucone. Możesz spróbować ponownie."),
    ("js.idp.stale", "Ta próba logowania w banku lub w Envelo wygasła albo została już użyta. Zacznij od nowa."),
    (
        "js.idp.provider_failed",
        "Nie udało się potwierdzić Twojej tożsamości w banku lub w Envelo. Spróbuj ponownie za chwilę.",
    ),
    (
        "js.idp.claims_missing",
        "Bank lub Envelo nie przekazał Twojego imienia, nazwiska i numeru PESEL. Spróbuj ponownie albo wypełnij wniosek.",
    ),
    (
        "js.idp.pesel_refused",
        "Bank lub Envelo przekazał numer PESEL, który nie jest prawidłowy. Skontaktuj się z bankiem albo wypełnij \
         wniosek.",
    ),
    ("js.idp.no_profile", "Nie masz jeszcze profilu zaufanego. Możesz go założyć od razu przez bank lub Envelo."),
    (
        "js.idp.profile_not_active",
        "Twój profil zaufany nie jest aktywny: czeka na potwierdzenie tożsamości przez urzędnika, wygasł albo został \
         zamknięty.",
    ),
    (
        "js.idp.password_blocked",
        "Po zgłoszeniu „To nie ja” logowanie jest zablokowane, dopóki nie ustawisz nowego hasła. Skorzystaj z „Nie \
         pamiętasz hasła?”.",
    ),
    ("js.idp.create_profile", "Załóż profil zaufany"),
    ("js.idp.demo", "{name} (demo)"),
}
