#[allow(unused_imports)]
use super::super::*;
use crate::domain::signin::PUSH_LIFETIME;

page_words! {
    ("login.title", "Zaloguj się — Profil Zaufany"),
    ("login.heading", "Zaloguj się profilem zaufanym"),
    ("login.login_label", "Nazwa użytkownika lub adres e-mail"),
    ("login.password_label", "Hasło"),
    ("login.next", "Dalej"),
    ("login.forgot_password", "Nie pamiętasz hasła?"),
    ("login.forgot_username", "Nie pamiętasz nazwy użytkownika?"),
    ("login.bank_heading", "Zaloguj się przez bank lub Envelo"),
    (
        "login.bank_text",
        "Zaloguj się tak, jak logujesz się do banku lub Envelo. Twój profil zaufany odnajdziemy po numerze PESEL, \
         który przekaże bank lub Envelo.",
    ),
    ("login.code_heading", "Wpisz kod z SMS-a"),
    ("login.code_label", "Kod autoryzacyjny"),
    ("login.back", "Wróć"),
    ("login.confirm", "Potwierdź"),
    ("login.push_heading", "Potwierdź logowanie w aplikacji mObywatel"),
    ("login.push_pick", "Otwórz aplikację mObywatel i wybierz tę liczbę:"),
    ("login.time_left", "Pozostały czas:"),
    (
        "login.push_hint",
        formatcp!(
            "Nie widzisz powiadomienia? Otwórz aplikację — żądanie czeka tam {}. Nie masz aplikacji pod ręką? \
             Możesz zamiast tego dostać kod SMS na numer z profilu.",
            count!(minutes(PUSH_LIFETIME), "minutę", "minuty", "minut")
        ),
    ),
    ("login.cancel", "Anuluj"),
    ("login.send_sms", "Wyślij kod SMS"),
    ("js.login.login_missing", "Podaj nazwę użytkownika lub adres e-mail."),
    ("js.login.password_missing", "Podaj hasło."),
    ("js.login.denied", "Logowanie zostało odrzucone w aplikacji mObywatel (albo wybrano inną liczbę)."),
    ("js.login.expired", "Czas na potwierdzenie minął. Zaloguj się ponownie."),
    ("js.login.code_sent", formatcp!("Wysłaliśmy kod na numer {{phone}}. Kod jest ważny {CODE_VALIDITY}.")),
    ("js.login.sms_failed", "Nie udało się wysłać kodu."),
    (
        "js.login.for_service",
        "Serwis zewnętrzny prosi o potwierdzenie Twojej tożsamości. Po zalogowaniu wrócisz do niego.",
    ),
}
