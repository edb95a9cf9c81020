//! The mObywatel app simulator (`/mobywatel`, `web/app.html` + `app.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("app.title", "mObywatel (symulator) — Profil Zaufany"),
    ("app.intro", "Symulator aplikacji: działa jak telefon z aplikacją mObywatel połączoną z profilem zaufanym."),
    ("app.link_button", "Połącz aplikację z profilem"),
    ("app.sign_in_to_link", "Zaloguj się, aby połączyć aplikację"),
    ("app.code_title", "Potwierdź kodem z SMS-a"),
    ("app.code_label", "Kod autoryzacyjny"),
    ("app.confirm", "Potwierdź"),
    ("app.push_title", "Potwierdź w dotychczasowej aplikacji"),
    (
        "app.push_text",
        "Z Twoim profilem jest już połączona aplikacja mObywatel. Otwórz ją na dotychczasowym telefonie i wybierz tę liczbę:",
    ),
    ("app.time_left", "Pozostały czas:"),
    ("app.send_sms", "Wyślij kod SMS"),
    ("app.linked_notice", "Aplikacja połączona z profilem zaufanym."),
    ("app.requests_heading", "Żądania do potwierdzenia"),
    ("app.no_requests", "Brak żądań. Nowe pojawią się tutaj same."),
    ("app.unlink", "Odłącz aplikację na tym urządzeniu"),
    ("js.app.kind_login", "Logowanie do profilu zaufanego"),
    ("js.app.kind_auth_method_change", "Zmiana metody autoryzacji na powiadomienia push"),
    ("js.app.kind_extend", "Przedłużenie ważności profilu zaufanego"),
    ("js.app.kind_link_device", "Połączenie nowej aplikacji mObywatel"),
    ("js.app.kind_delete_profile", "USUNIĘCIE profilu zaufanego"),
    ("js.app.kind_phone_change", "Zmiana numeru telefonu"),
    (
        "js.app.signed_in_as",
        "Jesteś zalogowany jako {username}. Połącz aplikację, aby potwierdzać logowania powiadomieniami push.",
    ),
    ("js.app.sign_in_to_link", "Aby połączyć aplikację z profilem zaufanym, zaloguj się."),
    (
        "js.app.code_sent",
        "Z Twoim profilem jest już połączona aplikacja mObywatel. Aby połączyć tę, wpisz kod, który wysłaliśmy na numer {phone}.",
    ),
    ("js.app.link_denied", "Połączenie odrzucono w dotychczasowej aplikacji. Ta aplikacja nie została połączona."),
    ("js.app.link_expired", "Czas na potwierdzenie minął. Ta aplikacja nie została połączona — spróbuj ponownie."),
    ("js.app.request_times", "Wysłano o {at}, ważne do {until}. Jeśli to nie Ty się logujesz, odrzuć."),
    ("js.app.pick_number", "Wybierz liczbę, którą widzisz w przeglądarce:"),
    ("js.app.choose_number", "Wybierz {number}"),
    ("js.app.reject", "To nie ja — odrzuć"),
    ("js.app.approved", "Potwierdzono."),
    ("js.app.rejected", "Odrzucono."),
}
