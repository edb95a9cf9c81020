//! Every sentence a user reads: error messages, the SMS and the emails. Polish only here.
//!
//! A number a sentence states (how long a code is valid, how many tries…) is the
//! domain's constant, put in at compile time: the texts stay `&'static str`, and
//! changing the rule changes the sentence.

use chrono::Duration;
use const_format::formatcp;

use crate::domain::application::{NO_SHOW_LIFETIME, PROFILE_VALIDITY_MONTHS, REASON_MAX_CHARS, REASON_MIN_CHARS};
use crate::domain::signin::{CHOICES, PUSHES_PER_WINDOW, PUSH_WINDOW};
use crate::domain::slot::{
    BOOKING_HORIZON, GRID_MINUTES, MAX_AHEAD, MAX_CAPACITY, MAX_LENGTH, MIN_CAPACITY, MIN_LENGTH,
};
use crate::domain::sms_code::{DIGITS as CODE_DIGITS, HOUR as CODE_HOUR, TRIES_PER_CODE, VALID_FOR as CODE_VALID_FOR};
use crate::domain::video_app::CallLink;
use crate::domain::{attempts, clerk, name, password, username};
use crate::domain::{Application, IdempotencyKey, PushToken, Slot};

/// The form of a Polish noun after the number `n`: `one` after 1; `few` after 2–4,
/// 22–24, 32–34… (not 12–14); `many` after the rest. The caller gives the forms in the
/// case its sentence needs: "ważny 5 minut" wants `("minutę", "minuty", "minut")`,
/// "w ciągu 15 minut" wants `("minuty", "minut", "minut")`.
pub const fn plural(n: i64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else if matches!(n % 10, 2..=4) && !matches!(n % 100, 12..=14) {
        few
    } else {
        many
    }
}

/// A number and its noun, at compile time: `count!(5_i64, "minutę", "minuty", "minut")` is "5 minut".
macro_rules! count {
    ($n:expr, $one:literal, $few:literal, $many:literal) => {
        formatcp!("{} {}", $n, plural($n as i64, $one, $few, $many))
    };
}

/// "od 3 do 64 znaków": the noun follows the upper bound, in the genitive ("do 1 znaku").
macro_rules! range {
    ($min:expr, $max:expr, $one:literal, $many:literal) => {
        formatcp!("od {} do {} {}", $min, $max, plural($max as i64, $one, $many, $many))
    };
}

/// A span said as Polish says it, with no "1": "za godzinę", "w ciągu godziny", but
/// "w ciągu 15 minut".
macro_rules! span {
    ($n:expr, $one:literal, $few:literal, $many:literal) => {
        if $n == 1 {
            $one
        } else {
            count!($n, $one, $few, $many)
        }
    };
}

const fn whole(d: Duration, unit_secs: i64) -> i64 {
    assert!(d.num_seconds() % unit_secs == 0, "a text states this duration in whole units: reword it");
    d.num_seconds() / unit_secs
}

const fn minutes(d: Duration) -> i64 {
    whole(d, 60)
}

const fn hours(d: Duration) -> i64 {
    whole(d, 3600)
}

const fn days(d: Duration) -> i64 {
    whole(d, 86_400)
}

/// "one of three": the genitive numeral (for the few counts of choices a screen can show).
const fn genitive_numeral(n: usize) -> &'static str {
    match n {
        2 => "dwóch",
        3 => "trzech",
        4 => "czterech",
        5 => "pięciu",
        _ => panic!("no word for this many choices: add it"),
    }
}

/// "jest ważny 5 minut"
const CODE_VALIDITY: &str = count!(minutes(CODE_VALID_FOR), "minutę", "minuty", "minut");
/// "najwyżej 30 dni naprzód"
const BOOKING_DAYS: &str = count!(days(BOOKING_HORIZON), "dzień", "dni", "dni");
/// "wygaśnie najpóźniej 7 dni po wybranym terminie"
const NO_SHOW_DAYS: &str = count!(days(NO_SHOW_LIFETIME), "dzień", "dni", "dni");
const PROFILE_YEARS: i64 = {
    assert!(PROFILE_VALIDITY_MONTHS.is_multiple_of(12), "the texts state the validity in whole years: reword them");
    (PROFILE_VALIDITY_MONTHS / 12) as i64
};
// Said in words, with the verb agreeing: `profile_expired_email` must be reworded.
const _: () = assert!(PROFILE_YEARS == 3, "profile_expired_email says \"minęły trzy lata\": reword it");
// "za kilkanaście minut" is 11 to 19 minutes.
const _: () = assert!(matches!(minutes(attempts::PASSWORD.window), 11..=19), "reword LOGIN_LOCKED");

pub const NOT_FOUND: &str = "Nie znaleziono wniosku.";
pub const INTERNAL: &str = "Wystąpił błąd po naszej stronie. Spróbuj ponownie za chwilę.";
pub const UNAVAILABLE: &str = "Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.";
pub const BUSY: &str = "W tej chwili te same dane zmienia kilka żądań naraz. Spróbuj ponownie za chwilę.";
pub const SMS_UNAVAILABLE: &str = "Nie udało się wysłać SMS-a. Spróbuj ponownie za chwilę.";
pub const INVALID_JSON: &str = "Nieprawidłowe dane: treść żądania nie jest poprawnym JSON-em.";
pub const NOT_AN_OBJECT: &str = "Nieprawidłowe dane: oczekiwano obiektu JSON.";
pub const BAD_IDEMPOTENCY_KEY: &str = formatcp!(
    "Nieprawidłowy nagłówek Idempotency-Key: wymagane {} ASCII bez spacji.",
    range!(IdempotencyKey::MIN, IdempotencyKey::MAX, "znaku", "znaków")
);
pub const IDEMPOTENCY_KEY_REUSED: &str =
    "Ten wniosek został już wysłany z innymi danymi. Odśwież stronę i wypełnij wniosek ponownie.";
pub const CONTENT_TYPE: &str = "Nieprawidłowe dane: wymagany nagłówek Content-Type: application/json.";
pub const TOO_LARGE: &str = "Przesłane dane są zbyt duże (maksymalnie 16 KiB).";
pub const NOT_AUTHORISED: &str = "Sesja wygasła lub nie została rozpoczęta. Zacznij składanie wniosku od nowa.";
pub const CSRF: &str = "Brak lub nieprawidłowy token zabezpieczający (CSRF). Odśwież stronę i spróbuj ponownie.";
pub const ROUTE_NOT_FOUND: &str = "Nie ma takiej strony.";
pub const METHOD_NOT_ALLOWED: &str = "Ta metoda nie jest obsługiwana pod tym adresem.";
pub const NO_CALL: &str = "Ten wniosek zostanie potwierdzony w punkcie potwierdzającym: nie ma rozmowy wideo.";
pub const SLOT_FULL: &str = "Wybrany termin rozmowy został już zajęty. Wybierz inny termin.";
/// Shown only after the SMS code proved the phone (docs/rules.md §8.4), with the way to report a
/// stranger's application or profile.
pub const PESEL_TAKEN: &str = formatcp!(
    "Dla tego numeru PESEL istnieje już otwarty wniosek lub aktywny profil zaufany. \
Jeśli to nie Ty złożyłeś wniosek lub założyłeś profil, zgłoś to w urzędzie, okazując dowód osobisty. Cudzy wniosek \
nie zostanie zatwierdzony bez urzędnika, który sprawdzi dokument tożsamości (podczas rozmowy wideo lub w punkcie \
potwierdzającym): wygaśnie najpóźniej {NO_SHOW_DAYS} po wybranym terminie rozmowy (terminy można wybierać najwyżej \
{BOOKING_DAYS} naprzód) albo 14 dni po wysłaniu, jeśli wybrano punkt potwierdzający, i wtedy Twój PESEL znów będzie wolny."
);
pub const PHONE_TAKEN: &str = "Na ten numer telefonu złożono już wniosek, który czeka na potwierdzenie tożsamości. \
Jeden numer telefonu może mieć tylko jeden otwarty wniosek.";
pub const USERNAME_TAKEN: &str = "Ta nazwa użytkownika jest już zajęta. Wybierz inną.";
pub const EMAIL_TAKEN: &str = "Ten adres e-mail jest już używany w innym wniosku lub profilu.";
pub const ALREADY_SUBMITTED: &str = "Ten wniosek został już wysłany.";
pub const APPLICATION_EXPIRED: &str = "Czas na potwierdzenie wniosku kodem SMS minął. Złóż wniosek ponownie.";
pub const WRONG_STATE: &str = "Tej operacji nie można wykonać na wniosku w obecnym stanie.";
pub const CODE_NONE: &str = "Nie wysłano jeszcze kodu. Kliknij „Wyślij kod ponownie”.";
pub const CODE_EXPIRED: &str = formatcp!("Kod wygasł (jest ważny {CODE_VALIDITY}). Poproś o nowy kod.");
pub const CODE_DEAD: &str = formatcp!(
    "Wpisano {} błędny kod. Ten kod jest już nieważny — poproś o nowy.",
    count!(TRIES_PER_CODE, "raz", "razy", "razy")
);
pub const CODE_USED: &str = "Ten kod został już użyty.";
pub const TOO_MANY_SENDS: &str = formatcp!(
    "Wysłano już {} w ciągu {}. Spróbuj ponownie później.",
    count!(crate::domain::sms_code::SENDS_PER_HOUR, "kod", "kody", "kodów"),
    span!(hours(CODE_HOUR), "godziny", "godzin", "godzin")
);
pub const BLOCKED: &str = formatcp!(
    "Zbyt wiele błędnych kodów. Nowy kod będzie można otrzymać za {}.",
    span!(hours(CODE_HOUR), "godzinę", "godziny", "godzin")
);

pub fn wrong_code(tries_left: u8) -> String {
    let tries = plural(tries_left.into(), "próba", "próby", "prób");
    format!("Nieprawidłowy kod. Pozostała {tries_left} {tries} dla tego kodu.")
}

pub fn duplicate_field(name: &str) -> String {
    format!("Nieprawidłowe dane: pole „{name}” podano więcej niż raz.")
}

pub fn unknown_field(name: &str) -> String {
    format!("Nieznane pole „{name}”.")
}

pub fn missing_field(name: &str) -> String {
    format!("Brak wymaganego pola „{name}”.")
}

pub fn wrong_type(name: &str) -> String {
    format!("Pole „{name}” ma nieprawidłowy typ (oczekiwano tekstu).")
}

/// Messages about one form field.
pub mod field {
    use super::*;

    pub const PESEL_FORMAT: &str = "PESEL musi składać się z 11 cyfr.";
    pub const PESEL_CHECKSUM: &str = "Nieprawidłowy numer PESEL: cyfra kontrolna się nie zgadza.";
    pub const PESEL_DATE: &str = "Nieprawidłowy numer PESEL: zawiera datę urodzenia, która nie istnieje.";
    pub const PESEL_FUTURE: &str = "Nieprawidłowy numer PESEL: data urodzenia jest w przyszłości.";
    pub const USERNAME_NON_ASCII: &str = "Nazwa użytkownika nie może zawierać polskich znaków.";
    pub const USERNAME_SPACE: &str = "Nazwa użytkownika nie może zawierać spacji.";
    pub const USERNAME_DOT: &str = "Nazwa użytkownika nie może zawierać kropki.";
    pub const USERNAME_SPECIAL: &str =
        "Nazwa użytkownika może zawierać tylko litery, cyfry, podkreślenie (_) i łącznik (-).";
    pub const USERNAME_LENGTH: &str =
        formatcp!("Nazwa użytkownika musi mieć {}.", range!(username::MIN_LEN, username::MAX_LEN, "znaku", "znaków"));
    pub const PASSWORD_SHORT: &str =
        formatcp!("Hasło musi mieć co najmniej {}.", count!(password::MIN_CHARS, "znak", "znaki", "znaków"));
    pub const PASSWORD_CONTROL: &str = "Hasło nie może zawierać znaków sterujących (np. tabulatora lub nowej linii).";
    pub const PASSWORD_LONG: &str =
        formatcp!("Hasło może mieć najwyżej {}.", count!(password::MAX_CHARS, "znak", "znaki", "znaków"));
    pub const PASSWORD_NO_UPPER: &str = "Hasło musi zawierać co najmniej jedną dużą literę.";
    pub const PASSWORD_NO_LOWER: &str = "Hasło musi zawierać co najmniej jedną małą literę.";
    pub const PASSWORD_NO_DIGIT: &str = "Hasło musi zawierać co najmniej jedną cyfrę lub jeden znak specjalny.";
    pub const PASSWORD_HAS_USERNAME: &str = "Hasło nie może zawierać nazwy użytkownika.";
    pub const PASSWORD_COMMON: &str =
        "To hasło jest zbyt popularne (jest na liście najczęściej używanych haseł). Wybierz inne.";
    pub const NAME_EMPTY: &str = "To pole jest wymagane.";
    pub const NAME_LONG: &str =
        formatcp!("Wpis może mieć najwyżej {}.", count!(name::MAX_CHARS, "znak", "znaki", "znaków"));
    pub const NAME_SCRIPT: &str = "Wpisz litery alfabetu łacińskiego, tak jak w dowodzie osobistym.";
    pub const NAME_CHARS: &str = "Dozwolone są tylko litery, spacja, łącznik (-) i apostrof (').";
    pub const EMAIL_FORMAT: &str = "Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl.";
    pub const EMAIL_LONG: &str = "Adres e-mail jest zbyt długi.";
    pub const PHONE_FORMAT: &str = "Podaj numer telefonu komórkowego: polski (9 cyfr, np. 500 100 200) albo zagraniczny z numerem kierunkowym kraju (np. +380 67 123 4567).";
    pub const PHONE_NOT_MOBILE: &str = "To nie jest numer telefonu komórkowego — na ten numer nie wyślemy SMS-a.";
    pub const VIDEO_APP: &str = "Wybierz jedną z proponowanych aplikacji do rozmowy wideo.";
    pub const CONFIRMATION: &str =
        "Wybierz, jak potwierdzisz tożsamość: podczas rozmowy wideo albo w punkcie potwierdzającym.";
    pub const CONFIRMATION_MIXED: &str = "Wybierz jedno: termin rozmowy wideo albo punkt potwierdzający.";
    pub const APPLICATION_NUMBER: &str = "Wpisz numer wniosku, który pokazuje obywatel (np. ABCD-EFGH-IJKL).";
    pub const POINT_UNKNOWN: &str = "Wybierz punkt potwierdzający z listy.";
    pub const SLOT_UNKNOWN: &str = "Wybierz termin rozmowy z listy.";
    pub const SLOT_PAST: &str = "Ten termin już minął. Wybierz inny.";
    pub const SLOT_BEYOND_BOOKING: &str =
        formatcp!("Termin rozmowy można zarezerwować najwyżej {BOOKING_DAYS} naprzód. Wybierz wcześniejszy.");
    pub const CODE_FORMAT: &str = formatcp!("Kod autoryzacyjny to {}.", count!(CODE_DIGITS, "cyfra", "cyfry", "cyfr"));
    pub const SLOT_TIME: &str = "Podaj czas w formacie RFC 3339, np. 2026-11-24T09:00:00Z.";
    pub const SLOT_GRID: &str = {
        assert!(GRID_MINUTES < 60, "SLOT_GRID's example is within an hour");
        formatcp!(
            "Początek i koniec terminu muszą wypadać co {} (np. 9:00, 9:{}{}).",
            count!(GRID_MINUTES, "minutę", "minuty", "minut"),
            if GRID_MINUTES < 10 { "0" } else { "" },
            GRID_MINUTES
        )
    };
    pub const SLOT_LENGTH: &str = formatcp!(
        "Termin musi trwać {} i kończyć się po rozpoczęciu.",
        range!(minutes(MIN_LENGTH), minutes(MAX_LENGTH), "minuty", "minut")
    );
    pub const SLOT_TOO_FAR: &str =
        formatcp!("Terminy można publikować najwyżej {} naprzód.", count!(days(MAX_AHEAD), "dzień", "dni", "dni"));
    pub const SLOT_CAPACITY: &str =
        formatcp!("Liczba miejsc (urzędników na dyżurze) musi wynosić od {MIN_CAPACITY} do {MAX_CAPACITY}.");
    pub const CHECK_DATA: &str = "Potwierdź, że obywatel potwierdził prawdziwość i aktualność danych.";
    pub const CHECK_RULES: &str = "Potwierdź, że przedstawiono zasady tymczasowego profilu zaufanego.";
    pub const CHECK_ID: &str = "Potwierdź, że sprawdzono dokument tożsamości.";
    pub const REASON: &str = formatcp!(
        "Podaj powód odrzucenia ({}, bez znaków sterujących).",
        range!(REASON_MIN_CHARS, REASON_MAX_CHARS, "znaku", "znaków")
    );
    pub const CALL_URL: &str = formatcp!(
        "Podaj link do rozmowy zaczynający się od https:// (najwyżej {}).",
        count!(CallLink::MAX_LEN, "znak", "znaki", "znaków")
    );
    pub const DATE: &str = "Podaj datę w formacie RRRR-MM-DD.";
    pub const TOKEN: &str = "Link do zmiany terminu jest nieprawidłowy.";
}

pub fn sms_code(code: &str) -> String {
    format!("Profil Zaufany: Twój kod autoryzacyjny to {code}. Kod jest ważny {CODE_VALIDITY}. Nie podawaj go nikomu.")
}

fn when(slot_start: chrono::DateTime<chrono::Utc>) -> String {
    // Times are shown in Polish time; CET/CEST is approximated by the EU rule.
    crate::domain::time::polish_time(slot_start).format("%d.%m.%Y, godz. %H:%M").to_string()
}

pub use crate::domain::time::warsaw_offset_hours;

pub struct Email {
    pub subject: String,
    pub body: String,
}

pub fn account_created_email(app: &Application) -> Email {
    Email {
        subject: "Potwierdzenie założenia konta w serwisie Profil Zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             potwierdzamy założenie konta w serwisie Profil Zaufany.\n\
             Nazwa użytkownika: {user}\n\n\
             {how}\n\n\
             Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            user = app.username.as_str(),
            how = match (&app.office, &app.vouched_by) {
                (_, Some(by)) => format!(
                    "Twoją tożsamość potwierdzono za pośrednictwem: {}, więc Twój profil zaufany jest już \
                     aktywny. Osobną wiadomością wysłaliśmy szczegóły.",
                    by.name
                ),
                (Some(_), _) => "Twój tymczasowy profil zaufany zacznie działać po potwierdzeniu tożsamości w punkcie \
                                 potwierdzającym. Osobną wiadomością wysłaliśmy potwierdzenie wysłania wniosku."
                    .to_owned(),
                _ => "Twój tymczasowy profil zaufany zacznie działać po potwierdzeniu tożsamości podczas rozmowy \
                      wideo z urzędnikiem. Osobną wiadomością wysłaliśmy potwierdzenie wysłania wniosku."
                    .to_owned(),
            },
        ),
    }
}

pub fn application_sent_email(app: &Application) -> Email {
    if let Some(point) = &app.office {
        return office_application_sent_email(app, point);
    }
    Email {
        subject: "Potwierdzenie wysłania wniosku o tymczasowy profil zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój wniosek o tymczasowy profil zaufany został wysłany.\n\n\
             Numer wniosku: {number}\n\n\
             WAŻNE! Ten numer będzie Ci potrzebny podczas rozmowy z urzędnikiem. Urzędnik \
             zadzwoni do Ciebie i poda Ci numer Twojego wniosku — sprawdź, czy zgadza się \
             z numerem powyżej. Nikomu nie podawaj tego numeru!\n\n\
             Termin rozmowy wideo: {when}\n\
             Aplikacja: {video_app}\n\
             Przed rozmową otrzymasz e-mail z linkiem do rozmowy. Upewnij się, że Twoje \
             urządzenie ma kamerę i mikrofon, i przygotuj dowód osobisty.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            number = app.number.reveal(),
            when = call_when(app),
            video_app = call_app(app),
        ),
    }
}

/// The second email of a profile a bank or Envelo vouched for: active at once.
pub fn vouched_profile_active_email(app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
    let provider = app.vouched_by.as_ref().map_or("bank lub Envelo", |v| v.name.as_str());
    Email {
        subject: "Twój profil zaufany jest aktywny".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój profil zaufany został założony za pośrednictwem: {provider}, gdzie potwierdzono \
             Twoją tożsamość. Profil jest aktywny i ważny do {until}.\n\n\
             Możesz już logować się nim do serwisów administracji publicznej, np. do \
             Internetowego Konta Pacjenta. Nazwa użytkownika: {user}\n\n\
             Jeśli nie Ty zakładasz ten profil, zgłoś to w urzędzie, okazując dowód osobisty.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            until = date(valid_until),
            user = app.username.as_str(),
        ),
    }
}

/// The application waits 14 days for the citizen to come to a confirmation point.
fn office_application_sent_email(app: &Application, point: &crate::domain::ConfirmationPoint) -> Email {
    let until = app.review.expires_at.map(date).unwrap_or_default();
    Email {
        subject: "Potwierdzenie wysłania wniosku o tymczasowy profil zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój wniosek o tymczasowy profil zaufany został wysłany.\n\n\
             Numer wniosku: {number}\n\n\
             Zgłoś się do punktu potwierdzającego w ciągu 14 dni, najpóźniej {until}, \
             z dowodem osobistym lub paszportem. Urzędnik znajdzie Twój wniosek po numerze \
             PESEL i numerze wniosku — pokaż mu ten numer. Poza urzędnikiem w punkcie \
             potwierdzającym nikomu nie podawaj tego numeru!\n\n\
             Wybrany punkt: {point}\n\
             Adres: {address}\n\
             Godziny przyjęć: {hours}\n\
             Możesz też zgłosić się do innego punktu potwierdzającego.\n\n\
             Jeśli nie zgłosisz się w tym czasie, wniosek wygaśnie.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            number = app.number.reveal(),
            point = point.name,
            address = point.address,
            hours = point.hours,
        ),
    }
}

/// The video call's start and app ("" for an office application, which has neither).
fn call_when(app: &Application) -> String {
    app.slot.as_ref().map(|s| when(s.start)).unwrap_or_default()
}

fn call_app(app: &Application) -> &str {
    app.video_app.as_ref().map_or("", |v| v.as_str())
}

pub fn slot_label(slot: &Slot) -> String {
    when(slot.start)
}

fn date(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::time::polish_time(t).format("%d.%m.%Y").to_string()
}

pub fn call_link_email(app: &Application, url: &str) -> Email {
    Email {
        subject: "Link do rozmowy wideo — tymczasowy profil zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             oto link do rozmowy wideo z urzędnikiem w sprawie Twojego wniosku \
             o tymczasowy profil zaufany:\n\n{url}\n\n\
             Termin rozmowy: {when}\n\
             Aplikacja: {video_app}\n\n\
             Przygotuj dowód osobisty i sprawdź, czy kamera i mikrofon działają. Urzędnik \
             poda Ci numer Twojego wniosku — porównaj go z numerem z e-maila z potwierdzeniem \
             wysłania wniosku. Ty nie podawaj nikomu tego numeru ani żadnych kodów z SMS-ów.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            when = call_when(app),
            video_app = call_app(app),
        ),
    }
}

pub fn confirmed_email(app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
    Email {
        subject: "Twój tymczasowy profil zaufany jest aktywny".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             urzędnik potwierdził Twoją tożsamość. Twój tymczasowy profil zaufany jest aktywny \
             i ważny do {until}.\n\n\
             Możesz już logować się nim do serwisów administracji publicznej, np. do \
             Internetowego Konta Pacjenta. Nazwa użytkownika: {user}\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            until = date(valid_until),
            user = app.username.as_str(),
        ),
    }
}

pub fn rejected_email(app: &Application, reason: &str) -> Email {
    Email {
        subject: "Wniosek o tymczasowy profil zaufany został odrzucony".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój wniosek o tymczasowy profil zaufany został odrzucony.\n\n\
             Powód: {reason}\n\n\
             Możesz złożyć nowy wniosek — Twój numer PESEL, nazwa użytkownika i adres e-mail \
             mogą zostać użyte ponownie.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
        ),
    }
}

pub fn no_show_email(app: &Application, rebook_link: Option<&str>, expires_at: chrono::DateTime<chrono::Utc>) -> Email {
    let expires = when(expires_at);
    let next = match rebook_link {
        Some(link) => format!(
            "Możesz jeden raz wybrać nowy termin rozmowy (numer wniosku się nie zmieni):\n\n{link}\n\n\
             Jeśli nie wybierzesz nowego terminu, wniosek wygaśnie {expires}."
        ),
        None => format!(
            "Termin rozmowy zmieniano już raz, więc nie można go zmienić ponownie. Wniosek wygaśnie \
             {expires}; potem możesz złożyć nowy."
        ),
    };
    Email {
        subject: "Rozmowa wideo w sprawie Twojego wniosku nie odbyła się".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             rozmowa wideo w sprawie Twojego wniosku o tymczasowy profil zaufany ({when}) \
             nie odbyła się.\n\n{next}\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            when = call_when(app),
        ),
    }
}

pub fn rebooked_email(app: &Application) -> Email {
    Email {
        subject: "Nowy termin rozmowy wideo — tymczasowy profil zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             zapisaliśmy nowy termin rozmowy wideo w sprawie Twojego wniosku: {when} \
             ({video_app}). Numer wniosku się nie zmienił. Przed rozmową otrzymasz e-mail \
             z linkiem.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            when = call_when(app),
            video_app = call_app(app),
        ),
    }
}

pub fn expired_email(app: &Application) -> Email {
    Email {
        subject: "Wniosek o tymczasowy profil zaufany wygasł".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój wniosek o tymczasowy profil zaufany wygasł, ponieważ {why}. Możesz złożyć \
             nowy wniosek — Twój numer PESEL, nazwa użytkownika i adres e-mail mogą zostać \
             użyte ponownie.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            why = if app.office.is_some() {
                "w ciągu 14 dni nie potwierdziłeś tożsamości w punkcie potwierdzającym"
            } else {
                "rozmowa wideo się nie odbyła"
            },
        ),
    }
}

/// To the owner of an email address someone used in an application (login.gov's way:
/// the applicant learns nothing more than after any submission; the owner is told).
pub fn email_in_use_email() -> Email {
    Email {
        subject: "Ktoś podał Twój adres e-mail we wniosku o profil zaufany".into(),
        body: "Dzień dobry,\n\n\
               ktoś złożył wniosek o profil zaufany i podał w nim ten adres e-mail, który jest już \
               przypisany do profilu zaufanego. Wniosek nie został przyjęty. Jeśli to Ty — zaloguj się \
               na swój profil albo skorzystaj z odzyskiwania hasła. Jeśli to nie Ty, nic nie musisz \
               robić: Twój profil jest bezpieczny.\n\n\
               Profil Zaufany"
            .into(),
    }
}

pub fn profile_expired_email(account: &crate::domain::Account) -> Email {
    Email {
        subject: "Twój profil zaufany wygasł".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             minęły trzy lata ważności Twojego profilu zaufanego i profil wygasł. Aby znów \
             logować się do serwisów publicznych, załóż nowy profil zaufany — Twój numer PESEL, \
             nazwa użytkownika i adres e-mail mogą zostać użyte ponownie.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
        ),
    }
}

/// The reminder 30 or 7 days before the end of validity, with the way to extend.
pub fn expiry_reminder_email(account: &crate::domain::Account, days: u32, profile_link: &str) -> Email {
    let until = account.valid_until.map(|u| crate::domain::time::polish_date(u).format("%d.%m.%Y").to_string());
    Email {
        subject: format!("Twój profil zaufany wygaśnie za {days} {}", plural(i64::from(days), "dzień", "dni", "dni")),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój profil zaufany jest ważny do {until}. Przedłuż jego ważność, zanim wygaśnie — \
             po tej dacie potrzebny będzie nowy profil zaufany i nowa rozmowa wideo.\n\n\
             Zaloguj się i w „Szczegółach profilu” wybierz „Przedłuż ważność profilu”:\n{profile_link}\n\n\
             Przedłużenie potwierdzisz kodem SMS albo w aplikacji mObywatel; profil będzie ważny \
             {years} od dnia przedłużenia.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
            until = until.unwrap_or_default(),
            years = count!(PROFILE_YEARS, "rok", "lata", "lat"),
        ),
    }
}

/// After "Usuń profil zaufany" (to the address the profile had).
pub fn profile_deleted_email(account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>) -> Email {
    Email {
        subject: "Twój profil zaufany został usunięty".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} usunięto Twój profil zaufany (potwierdzone metodą autoryzacji profilu). \
             Zakończyliśmy wszystkie sesje i odłączyliśmy aplikację mObywatel. Twój numer PESEL, \
             nazwa użytkownika i adres e-mail mogą zostać użyte w nowym wniosku; dane osobowe \
             profilu zostały usunięte, a historia konta (bez danych osobowych) jest przechowywana \
             przez {years} od każdego zdarzenia.\n\n\
             Jeśli to nie Ty, złóż nowy wniosek o profil zaufany i zmień hasło do swojej poczty \
             e-mail — ktoś znał Twoje hasło i miał dostęp do Twojego telefonu.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            years = count!(crate::domain::audit::HISTORY_YEARS, "rok", "lata", "lat"),
        ),
    }
}

pub const SAME_EMAIL: &str = "To jest już adres e-mail Twojego profilu.";
pub const SAME_PHONE: &str = "To jest już numer telefonu Twojego profilu.";

/// The code that proves a new email address (sent to it).
pub fn contact_code_email(account: &crate::domain::Account, code: &str) -> Email {
    Email {
        subject: "Kod potwierdzający nowy adres e-mail w profilu zaufanym".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             aby ustawić ten adres e-mail w swoim profilu zaufanym, wpisz w „Szczegółach profilu” kod:\n\n\
             {code}\n\n\
             Kod jest ważny {CODE_VALIDITY}. Jeśli to nie Ty zmieniasz adres, zignoruj tę wiadomość.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
        ),
    }
}

pub fn contact_code_sms(code: &str) -> String {
    format!("Profil Zaufany: kod potwierdzający nowy numer telefonu: {code}. Kod jest ważny {CODE_VALIDITY}. Nie podawaj go nikomu.")
}

/// To the old address after the email changed.
pub fn email_changed_email(account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>, not_me: &str) -> Email {
    Email {
        subject: "Zmieniono adres e-mail w Twoim profilu zaufanym".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} zmieniono adres e-mail Twojego profilu zaufanego. Ten adres nie będzie \
             już dostawać wiadomości o profilu.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

/// To the profile's email after the phone number changed.
pub fn phone_changed_email(account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>, not_me: &str) -> Email {
    Email {
        subject: "Zmieniono numer telefonu w Twoim profilu zaufanym".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} zmieniono numer telefonu Twojego profilu zaufanego na {phone}. Kody SMS \
             przychodzą teraz na nowy numer.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            phone = account.phone.masked(),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

/// To the old number after the phone number changed.
pub fn phone_changed_sms(at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Profil Zaufany: dnia {when} zmieniono numer telefonu w Twoim profilu. Jeśli to nie Ty, użyj linku „To nie ja” z e-maila.",
        when = when(at),
    )
}

pub const BAD_CREDENTIALS: &str = "Nieprawidłowa nazwa użytkownika lub hasło.";
/// After five failed sign-ins with one login, known or not: nothing here says whether it exists.
pub const LOGIN_LOCKED: &str =
    "Zbyt wiele nieudanych prób logowania na ten login. Spróbuj ponownie za kilkanaście minut.";
pub const SOURCE_LIMIT: &str = "Zbyt wiele prób z tego adresu w krótkim czasie. Spróbuj ponownie później.";
/// Every refused clerk sign-in (unknown, disabled, wrong password or code, slowed down):
/// nothing here says which.
pub const CLERK_BAD_CREDENTIALS: &str = formatcp!(
    "Nieprawidłowa nazwa użytkownika, hasło lub kod z aplikacji. Po kilku nieudanych próbach kolejna jest możliwa po {}.",
    count!(clerk::PER_ACCOUNT_FROM_SOURCE.trickle.window.num_seconds(), "sekundzie", "sekundach", "sekundach")
);
pub const CLERK_REQUIRED: &str = "Zaloguj się do panelu urzędnika.";
pub const NOT_A_CLERK: &str = "Ta strona jest dostępna tylko dla urzędników.";
pub const ALREADY_DECIDED: &str = "Ten wniosek został już rozpatrzony.";
pub const NOT_SUBMITTED: &str = "Ten wniosek nie został jeszcze potwierdzony kodem SMS.";
pub const APPLICATION_EXPIRED_NO_SHOW: &str = "Ten wniosek wygasł.";
pub const SLOT_NOT_PASSED: &str = "Termin rozmowy jeszcze nie minął — nie można go teraz zmienić.";
pub const REBOOK_USED: &str = "Termin rozmowy można zmienić tylko raz.";
pub const SLOT_OVERLAP: &str =
    "Ten termin nachodzi na inny opublikowany termin. Zmień godziny albo zwiększ liczbę miejsc w tamtym terminie.";

// ---------- signing in (docs/rules.md §2) ----------

pub const PROFILE_EXPIRED: &str = formatcp!(
    "Twój profil zaufany wygasł (był ważny {}). Aby dalej korzystać z usług, załóż nowy profil zaufany.",
    count!(PROFILE_YEARS, "rok", "lata", "lat")
);
pub const PROFILE_NOT_CONFIRMED: &str =
    "Twój profil zaufany nie został jeszcze potwierdzony przez urzędnika. Zalogujesz się, gdy urzędnik potwierdzi Twoją tożsamość (podczas rozmowy wideo lub w punkcie potwierdzającym).";
pub const PROFILE_CLOSED: &str =
    "Ten profil zaufany nie jest aktywny. Aby korzystać z usług, załóż nowy profil zaufany.";
pub const LOGIN_REQUIRED: &str = "Zaloguj się profilem zaufanym.";
pub const CHALLENGE_EXPIRED: &str = "Czas na potwierdzenie minął. Zaloguj się ponownie.";
pub const CHALLENGE_ANSWERED: &str = "To żądanie zostało już obsłużone.";
pub const CHALLENGE_NOT_FOUND: &str = "Nie znaleziono żądania logowania. Zaloguj się ponownie.";
pub const NO_DEVICE: &str =
    "Najpierw połącz aplikację mObywatel z profilem zaufanym — dopiero wtedy możesz wybrać powiadomienia push.";
pub const PUSH_LIMIT: &str = formatcp!(
    "Wysłano już {} push w ciągu {}. Spróbuj ponownie później.",
    count!(PUSHES_PER_WINDOW, "powiadomienie", "powiadomienia", "powiadomień"),
    span!(minutes(PUSH_WINDOW), "minuty", "minut", "minut")
);
pub const PUSH_UNAVAILABLE: &str =
    "Nie udało się zarejestrować urządzenia do powiadomień push. Spróbuj ponownie później.";
pub const DEVICE_REQUIRED: &str = "Brak lub nieprawidłowy sekret urządzenia (nagłówek Authorization: Device …).";
pub const WRONG_METHOD: &str = "To żądanie potwierdza się w aplikacji mObywatel, nie kodem SMS.";

pub mod signin_field {
    use super::*;

    pub const LOGIN: &str = "Podaj nazwę użytkownika lub adres e-mail.";
    pub const PASSWORD: &str = "Podaj hasło.";
    pub const METHOD: &str = "Wybierz metodę autoryzacji: sms albo push.";
    pub const PLATFORM: &str = "Platforma urządzenia to android albo ios.";
    pub const PUSH_TOKEN: &str =
        formatcp!("Podaj token powiadomień urządzenia ({}).", range!(1_usize, PushToken::MAX_LEN, "znaku", "znaków"));
    pub const MATCH_NUMBER: &str = formatcp!("Wybierz jedną z {} liczb.", genitive_numeral(CHOICES));
}

/// The SMS with a sign-in (or step-up) code.
pub fn sign_in_sms(kind: crate::domain::ChallengeKind, code: &str) -> String {
    use crate::domain::ChallengeKind as K;
    let what = match kind {
        K::Login => "logowania",
        K::Extend => "przedłużenia ważności profilu",
        K::AuthMethodChange => "zmiany metody autoryzacji",
        K::LinkDevice => "połączenia nowej aplikacji mObywatel",
        K::DeleteProfile => "USUNIĘCIA profilu zaufanego",
        K::PhoneChange => "zmiany numeru telefonu",
    };
    format!("Profil Zaufany: kod {what}: {code}. Kod jest ważny {CODE_VALIDITY}. Nie podawaj go nikomu.")
}

/// The push the mObywatel app shows (the numbers to pick from come with the request).
pub fn sign_in_push(kind: crate::domain::ChallengeKind) -> (&'static str, &'static str) {
    use crate::domain::ChallengeKind as K;
    match kind {
        K::Login => ("Logowanie do profilu zaufanego", "Potwierdź logowanie: wybierz liczbę widoczną w przeglądarce."),
        K::Extend => ("Przedłużenie profilu zaufanego", "Potwierdź przedłużenie ważności profilu: wybierz liczbę widoczną w przeglądarce."),
        K::AuthMethodChange => ("Zmiana metody autoryzacji", "Potwierdź zmianę metody autoryzacji na powiadomienia push: wybierz liczbę widoczną w przeglądarce."),
        K::LinkDevice => ("Połączenie nowej aplikacji mObywatel", "Ktoś chce połączyć nową aplikację mObywatel z Twoim profilem zaufanym. Jeśli to Ty, wybierz liczbę widoczną na nowym urządzeniu. Jeśli nie — odrzuć."),
        K::PhoneChange => ("Zmiana numeru telefonu", "Potwierdź zmianę numeru telefonu w profilu zaufanym: wybierz liczbę widoczną w przeglądarce. Jeśli to nie Ty — odrzuć."),
        K::DeleteProfile => ("Usunięcie profilu zaufanego", "Potwierdź USUNIĘCIE swojego profilu zaufanego: wybierz liczbę widoczną w przeglądarce. Jeśli to nie Ty — odrzuć."),
    }
}

/// The security notification after an mObywatel app was linked (by email and by SMS):
/// what happened and when, what to do if it was not the citizen; never a code or a secret.
pub fn device_linked_email(first_name: &str, platform: &str, at: chrono::DateTime<chrono::Utc>, not_me: &str) -> Email {
    Email {
        subject: "Połączono aplikację mObywatel z Twoim profilem zaufanym".into(),
        body: format!(
            "Dzień dobry {first_name},\n\n\
             dnia {when} połączono z Twoim profilem zaufanym aplikację mObywatel (urządzenie: {platform}). \
             Od teraz to ona otrzymuje powiadomienia push do potwierdzania logowania i zmian \
             w profilu; wcześniej połączona aplikacja już ich nie dostanie.\n\n\
             {not_me}\
             Profil Zaufany",
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

pub fn device_linked_sms(at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "Profil Zaufany: dnia {when} połączono z Twoim profilem aplikację mObywatel. Jeśli to nie Ty, \
         zaloguj się i zmień metodę autoryzacji na kod SMS.",
        when = when(at),
    )
}

// ---------- a profile's life (docs/rules.md §5) ----------

/// "ważny 30 minut"
const RECOVERY_LINK_VALIDITY: &str =
    count!(minutes(crate::domain::recovery::LINK_VALID_FOR), "minutę", "minuty", "minut");

pub const RECOVERY_LINK_DEAD: &str = "Ten link do zmiany hasła wygasł, został już użyty albo jest niepełny. \
     Poproś o nowy link na stronie logowania („Nie pamiętasz hasła?”).";

pub mod recovery_field {
    pub const TOKEN: &str = "Brak tokenu z linku. Otwórz link z wiadomości e-mail jeszcze raz.";
}

/// The email with a password-recovery link (only ever to the profile's own address).
pub fn recovery_link_email(account: &crate::domain::Account, link: &str) -> Email {
    Email {
        subject: "Zmiana zapomnianego hasła do profilu zaufanego".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             otrzymaliśmy prośbę o zmianę zapomnianego hasła do Twojego profilu zaufanego \
             (nazwa użytkownika: {user}). Aby ustawić nowe hasło, otwórz link:\n\n\
             {link}\n\n\
             Link jest ważny {RECOVERY_LINK_VALIDITY} i działa jeden raz. Po jego otwarciu \
             wyślemy kod SMS na numer telefonu zapisany w profilu.\n\n\
             Jeśli to nie Ty prosiłeś o zmianę hasła, zignoruj tę wiadomość — Twoje hasło się nie \
             zmieni. Nikomu nie przekazuj tego linku.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
            user = account.username.as_str(),
        ),
    }
}

/// The email that tells the owner their username (asked for with this address).
pub fn username_reminder_email(account: &crate::domain::Account) -> Email {
    Email {
        subject: "Twoja nazwa użytkownika w serwisie Profil Zaufany".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             ktoś (prawdopodobnie Ty) poprosił o przypomnienie nazwy użytkownika profilu zaufanego \
             przypisanego do tego adresu e-mail.\n\n\
             Nazwa użytkownika: {user}\n\n\
             Możesz też logować się adresem e-mail zamiast nazwy użytkownika. Jeśli to nie Ty \
             prosiłeś o przypomnienie, zignoruj tę wiadomość.\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
            user = account.username.as_str(),
        ),
    }
}

pub fn recovery_sms(code: &str) -> String {
    format!("Profil Zaufany: kod zmiany hasła: {code}. Kod jest ważny {CODE_VALIDITY}. Nie podawaj go nikomu.")
}

/// The security notification after a recovery set a new password.
pub fn password_recovered_email(
    account: &crate::domain::Account,
    at: chrono::DateTime<chrono::Utc>,
    not_me: &str,
) -> Email {
    Email {
        subject: "Hasło do Twojego profilu zaufanego zostało zmienione".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} ustawiono nowe hasło do Twojego profilu zaufanego przez odzyskiwanie \
             hasła (link z e-maila i kod SMS). Wszystkie sesje zostały zakończone — zaloguj się \
             ponownie nowym hasłem.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

pub const WRONG_CURRENT_PASSWORD: &str = "Obecne hasło jest nieprawidłowe.";

/// The security notification after the password was changed on `/profil`.
pub fn password_changed_email(
    account: &crate::domain::Account,
    at: chrono::DateTime<chrono::Utc>,
    not_me: &str,
) -> Email {
    Email {
        subject: "Zmieniono hasło do Twojego profilu zaufanego".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} zmieniono hasło do Twojego profilu zaufanego w „Szczegółach profilu”. \
             Sesje na innych urządzeniach zostały zakończone.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

/// The security notification after the app was unlinked on `/profil`.
pub fn device_unlinked_email(
    account: &crate::domain::Account,
    at: chrono::DateTime<chrono::Utc>,
    not_me: &str,
) -> Email {
    Email {
        subject: "Odłączono aplikację mObywatel od Twojego profilu zaufanego".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} odłączono aplikację mObywatel od Twojego profilu zaufanego. Metoda \
             autoryzacji to teraz kod SMS; połączenie nowej aplikacji trzeba będzie potwierdzić \
             kodem SMS.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

/// The security notification after the authorisation method changed.
pub fn auth_method_changed_email(
    account: &crate::domain::Account,
    at: chrono::DateTime<chrono::Utc>,
    not_me: &str,
) -> Email {
    let method = match account.auth_method {
        crate::domain::AuthMethod::Sms => "kod SMS",
        crate::domain::AuthMethod::Push => "powiadomienia push w aplikacji mObywatel",
    };
    Email {
        subject: "Zmieniono metodę autoryzacji Twojego profilu zaufanego".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} zmieniono metodę autoryzacji Twojego profilu zaufanego na: {method}.\n\n\
             {not_me}\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
            not_me = not_me_paragraph(not_me),
        ),
    }
}

/// "Jeśli to nie Ty…" with the "To nie ja" link, in every security notification.
fn not_me_paragraph(link: &str) -> String {
    format!(
        "Jeśli to nie Ty, kliknij „To nie ja”:\n{link}\n\
         Link jest ważny {DISAVOW_LINK_VALIDITY}. Zakończymy wtedy wszystkie sesje, odłączymy \
         aplikację mObywatel i zablokujemy logowanie hasłem, dopóki nie ustawisz nowego przez \
         „Nie pamiętasz hasła?”. Nikomu nie podawaj kodów z SMS-ów ani hasła.\n\n"
    )
}

/// "ważny 10 dni"
const DISAVOW_LINK_VALIDITY: &str = count!(days(crate::domain::disavow::LINK_VALID_FOR), "dzień", "dni", "dni");

pub const DISAVOW_LINK_DEAD: &str =
    "Ten link „To nie ja” wygasł, został już użyty albo jest niepełny. Jeśli ktoś zmienia Twój profil, \
     ustaw nowe hasło przez „Nie pamiętasz hasła?” na stronie logowania.";

pub const PASSWORD_BLOCKED: &str = "Logowanie hasłem do tego profilu jest zablokowane po zgłoszeniu „To nie ja”. \
     Ustaw nowe hasło przez „Nie pamiętasz hasła?” i zaloguj się ponownie.";

/// After "To nie ja": what was done, and the way back in.
pub fn disavowed_email(account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>, recovery: &str) -> Email {
    Email {
        subject: "Zablokowaliśmy logowanie hasłem do Twojego profilu zaufanego".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             dnia {when} zgłoszono „To nie ja” dla zmiany w Twoim profilu zaufanym. Zakończyliśmy \
             wszystkie sesje, odłączyliśmy aplikację mObywatel (metoda autoryzacji: kod SMS) \
             i zablokowaliśmy logowanie hasłem.\n\n\
             Aby znów się logować, ustaw nowe hasło:\n{recovery}\n\n\
             Profil Zaufany",
            name = account.first_name.as_str(),
            when = when(at),
        ),
    }
}

pub const OIDC_BAD_REQUEST: &str = "Nieprawidłowe żądanie logowania z serwisu zewnętrznego.";
pub const OIDC_BAD_CLIENT: &str =
    "Serwis, z którego przyszło żądanie logowania, nie jest zarejestrowany albo podał nieprawidłowy adres powrotu.";
pub const OIDC_REFUSED: &str = "Serwis zewnętrzny nie otrzymał danych logowania.";
pub const OIDC_BAD_LOGOUT: &str =
    "Serwis, z którego przyszło żądanie wylogowania, podał nieprawidłowy token albo niezarejestrowany adres powrotu.";
pub const CONSENT_DECISION: &str = "Wybierz „Zgadzam się” albo „Anuluj”.";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChallengeKind;

    #[test]
    fn polish_nouns_take_the_form_their_number_wants() {
        let minutes = |n| plural(n, "minuta", "minuty", "minut");
        for (n, form) in [
            (0, "minut"),
            (1, "minuta"),
            (2, "minuty"),
            (4, "minuty"),
            (5, "minut"),
            (11, "minut"),
            (12, "minut"),
            (14, "minut"),
            (21, "minut"),
            (22, "minuty"),
            (25, "minut"),
            (101, "minut"),
            (112, "minut"),
            (122, "minuty"),
            (1000, "minut"),
        ] {
            assert_eq!(minutes(n), form, "{n}");
        }
        assert_eq!(count!(5_i64, "minutę", "minuty", "minut"), "5 minut");
        assert_eq!(count!(64_usize, "znak", "znaki", "znaków"), "64 znaki");
        assert_eq!(span!(1_i64, "godzinę", "godziny", "godzin"), "godzinę");
        assert_eq!(span!(3_u8, "godzinę", "godziny", "godzin"), "3 godziny");
        assert_eq!(range!(3_usize, 64_usize, "znaku", "znaków"), "od 3 do 64 znaków");
        assert_eq!(range!(0_i64, 1_i64, "znaku", "znaków"), "od 0 do 1 znaku");
    }

    /// The pages of `web/` are static files, not built from the constants: when a rule
    /// changes, this names the page to change with it.
    #[test]
    fn the_pages_state_the_domains_numbers() {
        use crate::domain::signin::PUSH_LIFETIME;
        let user_chars = plural(username::MAX_LEN as i64, "znak", "znaki", "znaków");
        let pages = [
            ("login.js", include_str!("../../web/login.js"), format!("Kod jest ważny {CODE_VALIDITY}.")),
            ("common.js", include_str!("../../web/common.js"), field::CODE_FORMAT.to_owned()),
            (
                "login.html",
                include_str!("../../web/login.html"),
                format!("czeka tam {}.", count!(minutes(PUSH_LIFETIME), "minutę", "minuty", "minut")),
            ),
            (
                "apply.html",
                include_str!("../../web/apply.html"),
                format!("co najmniej {}", count!(password::MIN_CHARS, "znak", "znaki", "znaków")),
            ),
            (
                "apply.js",
                include_str!("../../web/apply.js"),
                format!("Nazwa użytkownika: {}–{} {user_chars}", username::MIN_LEN, username::MAX_LEN),
            ),
            (
                "profile.js",
                include_str!("../../web/profile.js"),
                format!("profil jest ważny {} od dziś", count!(PROFILE_YEARS, "rok", "lata", "lat")),
            ),
            (
                "clerk.html",
                include_str!("../../web/clerk.html"),
                format!("co {})", count!(GRID_MINUTES, "minutę", "minuty", "minut")),
            ),
        ];
        for (page, text, says) in pages {
            assert!(text.contains(&says), "web/{page} should say {says:?}");
        }
    }

    /// The domain's numbers as they are today give, byte for byte, the texts the API
    /// has always sent.
    #[test]
    fn todays_numbers_give_todays_texts() {
        let texts: [(&str, &str); 23] = [
            (BAD_IDEMPOTENCY_KEY, "Nieprawidłowy nagłówek Idempotency-Key: wymagane od 8 do 128 znaków ASCII bez spacji."),
            (PESEL_TAKEN, "Dla tego numeru PESEL istnieje już otwarty wniosek lub aktywny profil zaufany. \
Jeśli to nie Ty złożyłeś wniosek lub założyłeś profil, zgłoś to w urzędzie, okazując dowód osobisty. Cudzy wniosek \
nie zostanie zatwierdzony bez urzędnika, który sprawdzi dokument tożsamości (podczas rozmowy wideo lub w punkcie \
potwierdzającym): wygaśnie najpóźniej 7 dni po wybranym terminie rozmowy (terminy można wybierać najwyżej 30 dni \
naprzód) albo 14 dni po wysłaniu, jeśli wybrano punkt potwierdzający, i wtedy Twój PESEL znów będzie wolny."),
            (CODE_EXPIRED, "Kod wygasł (jest ważny 5 minut). Poproś o nowy kod."),
            (CODE_DEAD, "Wpisano 3 razy błędny kod. Ten kod jest już nieważny — poproś o nowy."),
            (TOO_MANY_SENDS, "Wysłano już 5 kodów w ciągu godziny. Spróbuj ponownie później."),
            (BLOCKED, "Zbyt wiele błędnych kodów. Nowy kod będzie można otrzymać za godzinę."),
            (field::USERNAME_LENGTH, "Nazwa użytkownika musi mieć od 3 do 64 znaków."),
            (field::PASSWORD_SHORT, "Hasło musi mieć co najmniej 8 znaków."),
            (field::PASSWORD_LONG, "Hasło może mieć najwyżej 128 znaków."),
            (field::NAME_LONG, "Wpis może mieć najwyżej 64 znaki."),
            (field::SLOT_BEYOND_BOOKING, "Termin rozmowy można zarezerwować najwyżej 30 dni naprzód. Wybierz wcześniejszy."),
            (field::CODE_FORMAT, "Kod autoryzacyjny to 6 cyfr."),
            (field::SLOT_GRID, "Początek i koniec terminu muszą wypadać co 5 minut (np. 9:00, 9:05)."),
            (field::SLOT_LENGTH, "Termin musi trwać od 10 do 120 minut i kończyć się po rozpoczęciu."),
            (field::SLOT_TOO_FAR, "Terminy można publikować najwyżej 180 dni naprzód."),
            (field::SLOT_CAPACITY, "Liczba miejsc (urzędników na dyżurze) musi wynosić od 1 do 20."),
            (field::REASON, "Podaj powód odrzucenia (od 3 do 500 znaków, bez znaków sterujących)."),
            (field::CALL_URL, "Podaj link do rozmowy zaczynający się od https:// (najwyżej 500 znaków)."),
            (CLERK_BAD_CREDENTIALS, "Nieprawidłowa nazwa użytkownika, hasło lub kod z aplikacji. Po kilku nieudanych próbach kolejna jest możliwa po 30 sekundach."),
            (PROFILE_EXPIRED, "Twój profil zaufany wygasł (był ważny 3 lata). Aby dalej korzystać z usług, załóż nowy profil zaufany."),
            (PUSH_LIMIT, "Wysłano już 5 powiadomień push w ciągu 15 minut. Spróbuj ponownie później."),
            (signin_field::PUSH_TOKEN, "Podaj token powiadomień urządzenia (od 1 do 4096 znaków)."),
            (signin_field::MATCH_NUMBER, "Wybierz jedną z trzech liczb."),
        ];
        for (text, today) in texts {
            assert_eq!(text, today);
        }
        assert_eq!(wrong_code(2), "Nieprawidłowy kod. Pozostała 2 próby dla tego kodu.");
        assert_eq!(wrong_code(1), "Nieprawidłowy kod. Pozostała 1 próba dla tego kodu.");
        assert_eq!(
            sms_code("123456"),
            "Profil Zaufany: Twój kod autoryzacyjny to 123456. Kod jest ważny 5 minut. Nie podawaj go nikomu."
        );
        assert_eq!(
            sign_in_sms(ChallengeKind::Login, "123456"),
            "Profil Zaufany: kod logowania: 123456. Kod jest ważny 5 minut. Nie podawaj go nikomu."
        );
    }
}

/// Signing in or creating a profile through a bank or Envelo (docs/rules.md §1.12). The
/// reasons a trip comes back with (`?idp_error=`) are the pages' own (web/idp.js).
pub mod idp {
    pub const CLAIMS_MISSING: &str =
        "Bank lub Envelo nie przekazał Twojego imienia, nazwiska i numeru PESEL. Spróbuj ponownie albo załóż profil, wypełniając wniosek.";
    pub const BAD_PURPOSE: &str = "Nieprawidłowy odnośnik. Wróć na stronę logowania albo wniosku i spróbuj ponownie.";
    pub const VOUCHED_GONE: &str = "Dane z banku lub z Envelo wygasły. Zaloguj się w banku lub w Envelo jeszcze raz.";
}
