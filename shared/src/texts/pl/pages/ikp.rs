//! The IKP patient-portal demo, a relying service (`/ikp`, `web/ikp.html` + `ikp.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("ikp.title", "Internetowe Konto Pacjenta (demo)"),
    ("ikp.brand", "Internetowe Konto Pacjenta <small>(demo)</small>"),
    ("ikp.heading", "Internetowe Konto Pacjenta"),
    ("ikp.intro", "To demonstracyjny serwis, który loguje pacjentów przez profil zaufany (OpenID Connect z PKCE)."),
    ("ikp.sign_in", "Zaloguj przez profil zaufany"),
    ("ikp.welcome", "Witaj w IKP"),
    ("ikp.given_name", "Imię"),
    ("ikp.family_name", "Nazwisko"),
    ("ikp.birthdate", "Data urodzenia"),
    ("ikp.patient_id", "Identyfikator pacjenta w tym serwisie:"),
    ("ikp.sign_out", "Wyloguj"),
    ("js.ikp.sign_in_failed", "Logowanie nie powiodło się ({error})."),
    ("js.ikp.bad_state", "Nieprawidłowa odpowiedź logowania (state). Spróbuj ponownie."),
    ("js.ikp.bad_nonce", "Nieprawidłowy token (nonce)."),
    ("js.ikp.userinfo_failed", "Nie udało się pobrać danych pacjenta."),
    ("js.ikp.welcome_name", "Witaj, {given} {family}"),
    ("js.ikp.ended_elsewhere", "Twoja sesja w profilu zaufanym zakończyła się, więc wylogowaliśmy Cię także z IKP."),
    ("js.ikp.signed_out", "Wylogowano z IKP i z profilu zaufanego."),
    ("js.ikp.bad_logout_state", "Nieprawidłowa odpowiedź wylogowania (state)."),
}
