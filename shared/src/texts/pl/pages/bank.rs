#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("bank.title", "Profil zaufany przez bank lub Envelo — Profil Zaufany"),
    ("bank.heading", "Załóż profil zaufany przez bank lub Envelo"),
    (
        "bank.gone_text",
        "Dane z banku lub z Envelo wygasły albo jeszcze ich nie ma. Zaloguj się w banku lub w Envelo jeszcze raz.",
    ),
    ("bank.gone_back", "Wróć do wyboru banku"),
    ("bank.vouched_heading", "Dane potwierdzone przez <span id=\"provider\"></span>"),
    ("bank.vouched_note", "Tych danych nie możesz zmienić: potwierdził je Twój bank lub Envelo."),
    ("bank.account_heading", "Dane logowania i kontaktowe"),
    ("bank.username_label", "Nazwa użytkownika"),
    ("bank.username_hint", "Litery bez polskich znaków, cyfry, podkreślenie (_) i łącznik (-); bez spacji i kropek."),
    ("bank.password_label", "Hasło"),
    (
        "bank.password_hint",
        formatcp!(
            "Co najmniej {}: wielka i mała litera oraz cyfra lub znak specjalny; bez nazwy użytkownika.",
            count!(password::MIN_CHARS, "znak", "znaki", "znaków")
        ),
    ),
    ("bank.email_label", "Adres e-mail"),
    ("bank.phone_label", "Numer telefonu komórkowego"),
    ("bank.phone_hint", "Na ten numer wyślemy kod autoryzacyjny. Numer zagraniczny podaj z numerem kierunkowym kraju."),
    ("bank.next", "Dalej"),
    ("bank.code_heading", "Kod autoryzacyjny"),
    ("bank.code_label", "Kod z SMS-a"),
    ("bank.resend", "Wyślij kod ponownie"),
    ("bank.done_heading", "Twój profil zaufany jest aktywny"),
    ("bank.email_sent", "Na Twój adres e-mail wysłaliśmy potwierdzenie."),
    ("bank.sign_in", "Zaloguj się profilem zaufanym"),
    ("js.bank.first_name", "Imię"),
    ("js.bank.last_name", "Nazwisko"),
    ("js.bank.pesel", "Numer PESEL"),
    (
        "js.bank.code_sent",
        formatcp!(
            "Wysłaliśmy SMS z kodem na numer {{phone}}. Kod jest ważny {CODE_VALIDITY}. Wpisz go poniżej i kliknij \
             „Dalej”."
        ),
    ),
    ("js.bank.send_failed", "Nie udało się wysłać kodu."),
    ("js.bank.offline", "Brak połączenia z serwerem."),
    ("js.bank.fix_fields", "Popraw zaznaczone pola."),
    ("js.bank.done", "Możesz już logować się nim do serwisów administracji publicznej. Profil jest ważny do {date}."),
    ("js.bank.wrong_code", "Nieprawidłowy kod."),
}
