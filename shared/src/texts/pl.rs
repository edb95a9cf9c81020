//! Polish: the service's own language and the source of the other catalogues.
//!
//! A number a sentence states (how long a code is valid, how many tries…) is the
//! domain's constant, put in at compile time: the texts stay `&'static str`, and
//! changing the rule changes the sentence in every language.
//!
//! SMS are written without Polish letters, so that GSM-7 carries them and one SMS holds
//! 160 characters instead of 70 (`tests::every_sms_fits_one_message`).

use const_format::formatcp;

use super::{call_app, days, hours, minutes, Catalogue, Email, Letters, Sentences, PROFILE_YEARS};
use super::{Errors, Field, Idp, RecoveryField, SigninField};
use crate::domain::application::{NO_SHOW_LIFETIME, REASON_MAX_CHARS, REASON_MIN_CHARS};
use crate::domain::office::OFFICE_LIFETIME;
use crate::domain::signin::{CHOICES, PUSHES_PER_WINDOW, PUSH_WINDOW};
use crate::domain::slot::{
    BOOKING_HORIZON, GRID_MINUTES, MAX_AHEAD, MAX_CAPACITY, MAX_LENGTH, MIN_CAPACITY, MIN_LENGTH,
};
use crate::domain::sms_code::{DIGITS as CODE_DIGITS, HOUR as CODE_HOUR, TRIES_PER_CODE, VALID_FOR as CODE_VALID_FOR};
use crate::domain::video_app::CallLink;
use crate::domain::{attempts, clerk, name, password, username};
use crate::domain::{Application, IdempotencyKey, PushToken};

/// The form of a Polish noun after the number `n`: `one` after 1; `few` after 2–4,
/// 22–24, 32–34… (not 12–14); `many` after the rest. The caller gives the forms in the
/// case its sentence needs: "ważny 5 minut" wants `("minutę", "minuty", "minut")`,
/// "w ciągu 15 minut" wants `("minuty", "minut", "minut")`.
const fn plural(n: i64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
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
/// "albo 14 dni po wysłaniu"
const OFFICE_DAYS: &str = count!(days(OFFICE_LIFETIME), "dzień", "dni", "dni");
/// "w ciągu 14 dni"
const OFFICE_WITHIN: &str = span!(days(OFFICE_LIFETIME), "dnia", "dni", "dni");
/// "najwyżej 30 dni naprzód"
const BOOKING_DAYS: &str = count!(days(BOOKING_HORIZON), "dzień", "dni", "dni");
/// "wygaśnie najpóźniej 7 dni po wybranym terminie"
const NO_SHOW_DAYS: &str = count!(days(NO_SHOW_LIFETIME), "dzień", "dni", "dni");
// Said in words, with the verb agreeing: `profile_expired_email` must be reworded.
const _: () = assert!(PROFILE_YEARS == 3, "profile_expired_email says \"minęły trzy lata\": reword it");
// "za kilkanaście minut" is 11 to 19 minutes.
const _: () = assert!(matches!(minutes(attempts::PASSWORD.window), 11..=19), "reword LOGIN_LOCKED");

const NOT_FOUND: &str = "Nie znaleziono wniosku.";
const INTERNAL: &str = "Wystąpił błąd po naszej stronie. Spróbuj ponownie za chwilę.";
const UNAVAILABLE: &str = "Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.";
const BUSY: &str = "W tej chwili te same dane zmienia kilka żądań naraz. Spróbuj ponownie za chwilę.";
const SMS_UNAVAILABLE: &str = "Nie udało się wysłać SMS-a. Spróbuj ponownie za chwilę.";
const INVALID_JSON: &str = "Nieprawidłowe dane: treść żądania nie jest poprawnym JSON-em.";
const NOT_AN_OBJECT: &str = "Nieprawidłowe dane: oczekiwano obiektu JSON.";
const BAD_IDEMPOTENCY_KEY: &str = formatcp!(
    "Nieprawidłowy nagłówek Idempotency-Key: wymagane {} ASCII bez spacji.",
    range!(IdempotencyKey::MIN, IdempotencyKey::MAX, "znaku", "znaków")
);
const IDEMPOTENCY_KEY_REUSED: &str =
    "Ten wniosek został już wysłany z innymi danymi. Odśwież stronę i wypełnij wniosek ponownie.";
const CONTENT_TYPE: &str = "Nieprawidłowe dane: wymagany nagłówek Content-Type: application/json.";
const TOO_LARGE: &str = "Przesłane dane są zbyt duże (maksymalnie 16 KiB).";
const NOT_AUTHORISED: &str = "Sesja wygasła lub nie została rozpoczęta. Zacznij składanie wniosku od nowa.";
const CSRF: &str = "Brak lub nieprawidłowy token zabezpieczający (CSRF). Odśwież stronę i spróbuj ponownie.";
const ROUTE_NOT_FOUND: &str = "Nie ma takiej strony.";
const METHOD_NOT_ALLOWED: &str = "Ta metoda nie jest obsługiwana pod tym adresem.";
const NO_CALL: &str = "Ten wniosek zostanie potwierdzony w punkcie potwierdzającym: nie ma rozmowy wideo.";
const SLOT_FULL: &str = "Wybrany termin rozmowy został już zajęty. Wybierz inny termin.";
/// Shown only after the SMS code proved the phone (docs/rules.md §8.4), with the way to report a
/// stranger's application or profile.
const PESEL_TAKEN: &str = formatcp!(
    "Dla tego numeru PESEL istnieje już otwarty wniosek lub aktywny profil zaufany. \
Jeśli to nie Ty złożyłeś wniosek lub założyłeś profil, zgłoś to w urzędzie, okazując dowód osobisty. Cudzy wniosek \
nie zostanie zatwierdzony bez urzędnika, który sprawdzi dokument tożsamości (podczas rozmowy wideo lub w punkcie \
potwierdzającym): wygaśnie najpóźniej {NO_SHOW_DAYS} po wybranym terminie rozmowy (terminy można wybierać najwyżej \
{BOOKING_DAYS} naprzód) albo {OFFICE_DAYS} po wysłaniu, jeśli wybrano punkt potwierdzający, i wtedy Twój PESEL znów będzie wolny."
);
const PHONE_TAKEN: &str = "Na ten numer telefonu złożono już wniosek, który czeka na potwierdzenie tożsamości. \
Jeden numer telefonu może mieć tylko jeden otwarty wniosek.";
const USERNAME_TAKEN: &str = "Ta nazwa użytkownika jest już zajęta. Wybierz inną.";
const EMAIL_TAKEN: &str = "Ten adres e-mail jest już używany w innym wniosku lub profilu.";
const ALREADY_SUBMITTED: &str = "Ten wniosek został już wysłany.";
const APPLICATION_EXPIRED: &str = "Czas na potwierdzenie wniosku kodem SMS minął. Złóż wniosek ponownie.";
const WRONG_STATE: &str = "Tej operacji nie można wykonać na wniosku w obecnym stanie.";
const CODE_NONE: &str = "Nie wysłano jeszcze kodu. Kliknij „Wyślij kod ponownie”.";
const CODE_EXPIRED: &str = formatcp!("Kod wygasł (jest ważny {CODE_VALIDITY}). Poproś o nowy kod.");
const CODE_DEAD: &str = formatcp!(
    "Wpisano {} błędny kod. Ten kod jest już nieważny — poproś o nowy.",
    count!(TRIES_PER_CODE, "raz", "razy", "razy")
);
const CODE_USED: &str = "Ten kod został już użyty.";
const TOO_MANY_SENDS: &str = formatcp!(
    "Wysłano już {} w ciągu {}. Spróbuj ponownie później.",
    count!(crate::domain::sms_code::SENDS_PER_HOUR, "kod", "kody", "kodów"),
    span!(hours(CODE_HOUR), "godziny", "godzin", "godzin")
);
const BLOCKED: &str = formatcp!(
    "Zbyt wiele błędnych kodów. Nowy kod będzie można otrzymać za {}.",
    span!(hours(CODE_HOUR), "godzinę", "godziny", "godzin")
);

/// Messages about one form field.
mod field {
    use super::*;

    pub(super) const PESEL_FORMAT: &str = "PESEL musi składać się z 11 cyfr.";
    pub(super) const PESEL_CHECKSUM: &str = "Nieprawidłowy numer PESEL: cyfra kontrolna się nie zgadza.";
    pub(super) const PESEL_DATE: &str = "Nieprawidłowy numer PESEL: zawiera datę urodzenia, która nie istnieje.";
    pub(super) const PESEL_FUTURE: &str = "Nieprawidłowy numer PESEL: data urodzenia jest w przyszłości.";
    pub(super) const USERNAME_NON_ASCII: &str = "Nazwa użytkownika nie może zawierać polskich znaków.";
    pub(super) const USERNAME_SPACE: &str = "Nazwa użytkownika nie może zawierać spacji.";
    pub(super) const USERNAME_DOT: &str = "Nazwa użytkownika nie może zawierać kropki.";
    pub(super) const USERNAME_SPECIAL: &str =
        "Nazwa użytkownika może zawierać tylko litery, cyfry, podkreślenie (_) i łącznik (-).";
    pub(super) const USERNAME_LENGTH: &str =
        formatcp!("Nazwa użytkownika musi mieć {}.", range!(username::MIN_LEN, username::MAX_LEN, "znaku", "znaków"));
    pub(super) const PASSWORD_SHORT: &str =
        formatcp!("Hasło musi mieć co najmniej {}.", count!(password::MIN_CHARS, "znak", "znaki", "znaków"));
    pub(super) const PASSWORD_CONTROL: &str =
        "Hasło nie może zawierać znaków sterujących (np. tabulatora lub nowej linii).";
    pub(super) const PASSWORD_LONG: &str =
        formatcp!("Hasło może mieć najwyżej {}.", count!(password::MAX_CHARS, "znak", "znaki", "znaków"));
    pub(super) const PASSWORD_NO_UPPER: &str = "Hasło musi zawierać co najmniej jedną dużą literę.";
    pub(super) const PASSWORD_NO_LOWER: &str = "Hasło musi zawierać co najmniej jedną małą literę.";
    pub(super) const PASSWORD_NO_DIGIT: &str = "Hasło musi zawierać co najmniej jedną cyfrę lub jeden znak specjalny.";
    pub(super) const PASSWORD_HAS_USERNAME: &str = "Hasło nie może zawierać nazwy użytkownika.";
    pub(super) const PASSWORD_COMMON: &str =
        "To hasło jest zbyt popularne (jest na liście najczęściej używanych haseł). Wybierz inne.";
    pub(super) const NAME_EMPTY: &str = "To pole jest wymagane.";
    pub(super) const NAME_LONG: &str =
        formatcp!("Wpis może mieć najwyżej {}.", count!(name::MAX_CHARS, "znak", "znaki", "znaków"));
    pub(super) const NAME_SCRIPT: &str = "Wpisz litery alfabetu łacińskiego, tak jak w dowodzie osobistym.";
    pub(super) const NAME_CHARS: &str = "Dozwolone są tylko litery, spacja, łącznik (-) i apostrof (').";
    pub(super) const EMAIL_FORMAT: &str = "Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl.";
    pub(super) const EMAIL_LONG: &str = "Adres e-mail jest zbyt długi.";
    pub(super) const PHONE_FORMAT: &str = "Podaj numer telefonu komórkowego: polski (9 cyfr, np. 500 100 200) albo zagraniczny z numerem kierunkowym kraju (np. +380 67 123 4567).";
    pub(super) const PHONE_NOT_MOBILE: &str =
        "To nie jest numer telefonu komórkowego — na ten numer nie wyślemy SMS-a.";
    pub(super) const VIDEO_APP: &str = "Wybierz jedną z proponowanych aplikacji do rozmowy wideo.";
    pub(super) const CONFIRMATION: &str =
        "Wybierz, jak potwierdzisz tożsamość: podczas rozmowy wideo albo w punkcie potwierdzającym.";
    pub(super) const CONFIRMATION_MIXED: &str = "Wybierz jedno: termin rozmowy wideo albo punkt potwierdzający.";
    pub(super) const APPLICATION_NUMBER: &str = "Wpisz numer wniosku, który pokazuje obywatel (np. ABCD-EFGH-IJKL).";
    pub(super) const POINT_UNKNOWN: &str = "Wybierz punkt potwierdzający z listy.";
    pub(super) const SLOT_UNKNOWN: &str = "Wybierz termin rozmowy z listy.";
    pub(super) const SLOT_PAST: &str = "Ten termin już minął. Wybierz inny.";
    pub(super) const SLOT_BEYOND_BOOKING: &str =
        formatcp!("Termin rozmowy można zarezerwować najwyżej {BOOKING_DAYS} naprzód. Wybierz wcześniejszy.");
    pub(super) const CODE_FORMAT: &str =
        formatcp!("Kod autoryzacyjny to {}.", count!(CODE_DIGITS, "cyfra", "cyfry", "cyfr"));
    pub(super) const SLOT_TIME: &str = "Podaj czas w formacie RFC 3339, np. 2026-11-24T09:00:00Z.";
    pub(super) const SLOT_GRID: &str = {
        assert!(GRID_MINUTES < 60, "SLOT_GRID's example is within an hour");
        formatcp!(
            "Początek i koniec terminu muszą wypadać co {} (np. 9:00, 9:{}{}).",
            count!(GRID_MINUTES, "minutę", "minuty", "minut"),
            if GRID_MINUTES < 10 { "0" } else { "" },
            GRID_MINUTES
        )
    };
    pub(super) const SLOT_LENGTH: &str = formatcp!(
        "Termin musi trwać {} i kończyć się po rozpoczęciu.",
        range!(minutes(MIN_LENGTH), minutes(MAX_LENGTH), "minuty", "minut")
    );
    pub(super) const SLOT_TOO_FAR: &str =
        formatcp!("Terminy można publikować najwyżej {} naprzód.", count!(days(MAX_AHEAD), "dzień", "dni", "dni"));
    pub(super) const SLOT_CAPACITY: &str =
        formatcp!("Liczba miejsc (urzędników na dyżurze) musi wynosić od {MIN_CAPACITY} do {MAX_CAPACITY}.");
    pub(super) const CHECK_DATA: &str = "Potwierdź, że obywatel potwierdził prawdziwość i aktualność danych.";
    pub(super) const CHECK_RULES: &str = "Potwierdź, że przedstawiono zasady tymczasowego profilu zaufanego.";
    pub(super) const CHECK_ID: &str = "Potwierdź, że sprawdzono dokument tożsamości.";
    pub(super) const REASON: &str = formatcp!(
        "Podaj powód odrzucenia ({}, bez znaków sterujących).",
        range!(REASON_MIN_CHARS, REASON_MAX_CHARS, "znaku", "znaków")
    );
    pub(super) const CALL_URL: &str = formatcp!(
        "Podaj link do rozmowy zaczynający się od https:// (najwyżej {}).",
        count!(CallLink::MAX_LEN, "znak", "znaki", "znaków")
    );
    pub(super) const DATE: &str = "Podaj datę w formacie RRRR-MM-DD.";
    pub(super) const TOKEN: &str = "Link do zmiany terminu jest nieprawidłowy.";
}

fn when(slot_start: chrono::DateTime<chrono::Utc>) -> String {
    // Times are shown in Polish time; CET/CEST is approximated by the EU rule.
    crate::domain::time::polish_time(slot_start).format("%d.%m.%Y, godz. %H:%M").to_string()
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
             Zgłoś się do punktu potwierdzającego w ciągu {OFFICE_WITHIN}, najpóźniej {until}, \
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

fn date(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::time::polish_time(t).format("%d.%m.%Y").to_string()
}

const SAME_EMAIL: &str = "To jest już adres e-mail Twojego profilu.";
const SAME_PHONE: &str = "To jest już numer telefonu Twojego profilu.";

const BAD_CREDENTIALS: &str = "Nieprawidłowa nazwa użytkownika lub hasło.";
/// After five failed sign-ins with one login, known or not: nothing here says whether it exists.
const LOGIN_LOCKED: &str = "Zbyt wiele nieudanych prób logowania na ten login. Spróbuj ponownie za kilkanaście minut.";
const SOURCE_LIMIT: &str = "Zbyt wiele prób z tego adresu w krótkim czasie. Spróbuj ponownie później.";
/// Every refused clerk sign-in (unknown, disabled, wrong password or code, slowed down):
/// nothing here says which.
const CLERK_BAD_CREDENTIALS: &str = formatcp!(
    "Nieprawidłowa nazwa użytkownika, hasło lub kod z aplikacji. Po kilku nieudanych próbach kolejna jest możliwa po {}.",
    count!(clerk::PER_ACCOUNT_FROM_SOURCE.trickle.window.num_seconds(), "sekundzie", "sekundach", "sekundach")
);
const CLERK_REQUIRED: &str = "Zaloguj się do panelu urzędnika.";
const NOT_A_CLERK: &str = "Ta strona jest dostępna tylko dla urzędników.";
const ALREADY_DECIDED: &str = "Ten wniosek został już rozpatrzony.";
const NOT_SUBMITTED: &str = "Ten wniosek nie został jeszcze potwierdzony kodem SMS.";
const APPLICATION_EXPIRED_NO_SHOW: &str = "Ten wniosek wygasł.";
const SLOT_NOT_PASSED: &str = "Termin rozmowy jeszcze nie minął — nie można go teraz zmienić.";
const REBOOK_USED: &str = "Termin rozmowy można zmienić tylko raz.";
const SLOT_OVERLAP: &str =
    "Ten termin nachodzi na inny opublikowany termin. Zmień godziny albo zwiększ liczbę miejsc w tamtym terminie.";

// ---------- signing in (docs/rules.md §2) ----------

const PROFILE_EXPIRED: &str = formatcp!(
    "Twój profil zaufany wygasł (był ważny {}). Aby dalej korzystać z usług, załóż nowy profil zaufany.",
    count!(PROFILE_YEARS, "rok", "lata", "lat")
);
const PROFILE_NOT_CONFIRMED: &str =
    "Twój profil zaufany nie został jeszcze potwierdzony przez urzędnika. Zalogujesz się, gdy urzędnik potwierdzi Twoją tożsamość (podczas rozmowy wideo lub w punkcie potwierdzającym).";
const PROFILE_CLOSED: &str = "Ten profil zaufany nie jest aktywny. Aby korzystać z usług, załóż nowy profil zaufany.";
const LOGIN_REQUIRED: &str = "Zaloguj się profilem zaufanym.";
const CHALLENGE_EXPIRED: &str = "Czas na potwierdzenie minął. Zaloguj się ponownie.";
const CHALLENGE_ANSWERED: &str = "To żądanie zostało już obsłużone.";
const CHALLENGE_NOT_FOUND: &str = "Nie znaleziono żądania logowania. Zaloguj się ponownie.";
const NO_DEVICE: &str =
    "Najpierw połącz aplikację mObywatel z profilem zaufanym — dopiero wtedy możesz wybrać powiadomienia push.";
const PUSH_LIMIT: &str = formatcp!(
    "Wysłano już {} push w ciągu {}. Spróbuj ponownie później.",
    count!(PUSHES_PER_WINDOW, "powiadomienie", "powiadomienia", "powiadomień"),
    span!(minutes(PUSH_WINDOW), "minuty", "minut", "minut")
);
const PUSH_UNAVAILABLE: &str = "Nie udało się zarejestrować urządzenia do powiadomień push. Spróbuj ponownie później.";
const DEVICE_REQUIRED: &str = "Brak lub nieprawidłowy sekret urządzenia (nagłówek Authorization: Device …).";
const WRONG_METHOD: &str = "To żądanie potwierdza się w aplikacji mObywatel, nie kodem SMS.";

mod signin_field {
    use super::*;

    pub(super) const LOGIN: &str = "Podaj nazwę użytkownika lub adres e-mail.";
    pub(super) const PASSWORD: &str = "Podaj hasło.";
    pub(super) const METHOD: &str = "Wybierz metodę autoryzacji: sms albo push.";
    pub(super) const PLATFORM: &str = "Platforma urządzenia to android albo ios.";
    pub(super) const PUSH_TOKEN: &str =
        formatcp!("Podaj token powiadomień urządzenia ({}).", range!(1_usize, PushToken::MAX_LEN, "znaku", "znaków"));
    pub(super) const MATCH_NUMBER: &str = formatcp!("Wybierz jedną z {} liczb.", genitive_numeral(CHOICES));
}

// ---------- a profile's life (docs/rules.md §5) ----------

/// "ważny 30 minut"
const RECOVERY_LINK_VALIDITY: &str =
    count!(minutes(crate::domain::recovery::LINK_VALID_FOR), "minutę", "minuty", "minut");

const RECOVERY_LINK_DEAD: &str = "Ten link do zmiany hasła wygasł, został już użyty albo jest niepełny. \
     Poproś o nowy link na stronie logowania („Nie pamiętasz hasła?”).";

mod recovery_field {
    pub(super) const TOKEN: &str = "Brak tokenu z linku. Otwórz link z wiadomości e-mail jeszcze raz.";
}

const WRONG_CURRENT_PASSWORD: &str = "Obecne hasło jest nieprawidłowe.";

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

const DISAVOW_LINK_DEAD: &str =
    "Ten link „To nie ja” wygasł, został już użyty albo jest niepełny. Jeśli ktoś zmienia Twój profil, \
     ustaw nowe hasło przez „Nie pamiętasz hasła?” na stronie logowania.";

const PASSWORD_BLOCKED: &str = "Logowanie hasłem do tego profilu jest zablokowane po zgłoszeniu „To nie ja”. \
     Ustaw nowe hasło przez „Nie pamiętasz hasła?” i zaloguj się ponownie.";

const OIDC_BAD_REQUEST: &str = "Nieprawidłowe żądanie logowania z serwisu zewnętrznego.";
const OIDC_BAD_CLIENT: &str =
    "Serwis, z którego przyszło żądanie logowania, nie jest zarejestrowany albo podał nieprawidłowy adres powrotu.";
const OIDC_REFUSED: &str = "Serwis zewnętrzny nie otrzymał danych logowania.";
const OIDC_BAD_LOGOUT: &str =
    "Serwis, z którego przyszło żądanie wylogowania, podał nieprawidłowy token albo niezarejestrowany adres powrotu.";
const CONSENT_DECISION: &str = "Wybierz „Zgadzam się” albo „Anuluj”.";

/// Signing in or creating a profile through a bank or Envelo (docs/rules.md §1.12). The
/// reasons a trip comes back with (`?idp_error=`) are the pages' own (web/idp.js).
mod idp {
    pub(super) const CLAIMS_MISSING: &str =
        "Bank lub Envelo nie przekazał Twojego imienia, nazwiska i numeru PESEL. Spróbuj ponownie albo załóż profil, wypełniając wniosek.";
    pub(super) const BAD_PURPOSE: &str =
        "Nieprawidłowy odnośnik. Wróć na stronę logowania albo wniosku i spróbuj ponownie.";
    pub(super) const VOUCHED_GONE: &str =
        "Dane z banku lub z Envelo wygasły. Zaloguj się w banku lub w Envelo jeszcze raz.";
}

pub struct Polish;

impl Catalogue for Polish {
    fn sentences(&self) -> &'static Sentences {
        &SENTENCES
    }

    fn wrong_code(&self, tries_left: u8) -> String {
        let n = tries_left.into();
        let (left, tries) = (plural(n, "Pozostała", "Pozostały", "Pozostało"), plural(n, "próba", "próby", "prób"));
        format!("Nieprawidłowy kod. {left} {tries_left} {tries} dla tego kodu.")
    }

    fn duplicate_field(&self, name: &str) -> String {
        format!("Nieprawidłowe dane: pole „{name}” podano więcej niż raz.")
    }

    fn unknown_field(&self, name: &str) -> String {
        format!("Nieznane pole „{name}”.")
    }

    fn missing_field(&self, name: &str) -> String {
        format!("Brak wymaganego pola „{name}”.")
    }

    fn wrong_type(&self, name: &str) -> String {
        format!("Pole „{name}” ma nieprawidłowy typ (oczekiwano tekstu).")
    }
}

impl Letters for Polish {
    fn sms_code(&self, code: &str) -> String {
        format!(
            "Profil Zaufany: Twoj kod autoryzacyjny to {code}. Kod jest wazny {CODE_VALIDITY}. Nie podawaj go nikomu."
        )
    }

    fn account_created_email(&self, app: &Application) -> Email {
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
                    (Some(_), _) =>
                        "Twój tymczasowy profil zaufany zacznie działać po potwierdzeniu tożsamości w punkcie \
                                     potwierdzającym. Osobną wiadomością wysłaliśmy potwierdzenie wysłania wniosku."
                            .to_owned(),
                    _ => "Twój tymczasowy profil zaufany zacznie działać po potwierdzeniu tożsamości podczas rozmowy \
                          wideo z urzędnikiem. Osobną wiadomością wysłaliśmy potwierdzenie wysłania wniosku."
                        .to_owned(),
                },
            ),
        }
    }

    fn application_sent_email(&self, app: &Application) -> Email {
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
    fn vouched_profile_active_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
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

    fn call_link_email(&self, app: &Application, url: &str) -> Email {
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

    fn confirmed_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
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

    fn rejected_email(&self, app: &Application, reason: &str) -> Email {
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

    fn no_show_email(
        &self,
        app: &Application,
        rebook_link: Option<&str>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Email {
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

    fn rebooked_email(&self, app: &Application) -> Email {
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

    fn expired_email(&self, app: &Application) -> Email {
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
                    formatcp!("w ciągu {OFFICE_WITHIN} nie potwierdzono Twojej tożsamości w punkcie potwierdzającym")
                } else {
                    "rozmowa wideo się nie odbyła"
                },
            ),
        }
    }

    /// To the owner of an email address someone used in an application (login.gov's way:
    /// the applicant learns nothing more than after any submission; the owner is told).
    fn email_in_use_email(&self) -> Email {
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

    fn profile_expired_email(&self, account: &crate::domain::Account) -> Email {
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
    fn expiry_reminder_email(&self, account: &crate::domain::Account, days: u32, profile_link: &str) -> Email {
        let until = account.valid_until.map(|u| crate::domain::time::polish_date(u).format("%d.%m.%Y").to_string());
        Email {
            subject: format!(
                "Twój profil zaufany wygaśnie za {days} {}",
                plural(i64::from(days), "dzień", "dni", "dni")
            ),
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
    fn profile_deleted_email(&self, account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>) -> Email {
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

    /// The code that proves a new email address (sent to it).
    fn contact_code_email(&self, account: &crate::domain::Account, code: &str) -> Email {
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

    fn contact_code_sms(&self, code: &str) -> String {
        format!("Profil Zaufany: kod potwierdzajacy nowy numer telefonu: {code}. Kod jest wazny {CODE_VALIDITY}. Nie podawaj go nikomu.")
    }

    /// To the old address after the email changed.
    fn email_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
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
    fn phone_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
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
    fn phone_changed_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "Profil Zaufany: dnia {when} zmieniono numer telefonu w Twoim profilu. Jesli to nie Ty, uzyj linku \"To nie ja\" z e-maila.",
            when = when(at),
        )
    }

    /// The SMS with a sign-in (or step-up) code.
    fn sign_in_sms(&self, kind: crate::domain::ChallengeKind, code: &str) -> String {
        use crate::domain::ChallengeKind as K;
        let what = match kind {
            K::Login => "logowania",
            K::Extend => "przedluzenia waznosci profilu",
            K::AuthMethodChange => "zmiany metody autoryzacji",
            K::LinkDevice => "polaczenia nowej aplikacji mObywatel",
            K::DeleteProfile => "USUNIECIA profilu zaufanego",
            K::PhoneChange => "zmiany numeru telefonu",
        };
        format!("Profil Zaufany: kod {what}: {code}. Kod jest wazny {CODE_VALIDITY}. Nie podawaj go nikomu.")
    }

    /// The push the mObywatel app shows (the numbers to pick from come with the request).
    fn sign_in_push(&self, kind: crate::domain::ChallengeKind) -> (&'static str, &'static str) {
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
    fn device_linked_email(
        &self,
        first_name: &str,
        platform: &str,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
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

    fn device_linked_sms(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        format!(
            "Profil Zaufany: dnia {when} polaczono z Twoim profilem aplikacje mObywatel. Jesli to nie Ty, \
             zaloguj sie i zmien metode autoryzacji na kod SMS.",
            when = when(at),
        )
    }

    /// The email with a password-recovery link (only ever to the profile's own address).
    fn recovery_link_email(&self, account: &crate::domain::Account, link: &str) -> Email {
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
    fn username_reminder_email(&self, account: &crate::domain::Account) -> Email {
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

    fn recovery_sms(&self, code: &str) -> String {
        format!("Profil Zaufany: kod zmiany hasla: {code}. Kod jest wazny {CODE_VALIDITY}. Nie podawaj go nikomu.")
    }

    /// The security notification after a recovery set a new password.
    fn password_recovered_email(
        &self,
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

    /// The security notification after the password was changed on `/profil`.
    fn password_changed_email(
        &self,
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
    fn device_unlinked_email(
        &self,
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
    fn auth_method_changed_email(
        &self,
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

    /// After "To nie ja": what was done, and the way back in.
    fn disavowed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        recovery: &str,
    ) -> Email {
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
}

pub static SENTENCES: Sentences = super::language!();

/// The pages' words (after the macros above, which they use).
pub mod pages;

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

    /// Polish SMS leave out the Polish letters so that GSM-7 carries them: each, with the
    /// longest values it can hold, is one SMS of at most 160 characters.
    #[test]
    fn every_sms_fits_one_message() {
        use crate::domain::ChallengeKind as K;
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-31T23:59:00Z").unwrap().with_timezone(&chrono::Utc);
        let mut all = vec![
            Polish.sms_code("123456"),
            Polish.contact_code_sms("123456"),
            Polish.recovery_sms("123456"),
            Polish.phone_changed_sms(at),
            Polish.device_linked_sms(at),
        ];
        for kind in [K::Login, K::Extend, K::AuthMethodChange, K::LinkDevice, K::DeleteProfile, K::PhoneChange] {
            all.push(Polish.sign_in_sms(kind, "123456"));
        }
        for sms in all {
            assert!(super::super::is_gsm7(&sms) && super::super::sms_parts(&sms) == 1, "{} {sms}", sms.len());
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
        assert_eq!(Polish.wrong_code(2), "Nieprawidłowy kod. Pozostały 2 próby dla tego kodu.");
        assert_eq!(Polish.wrong_code(5), "Nieprawidłowy kod. Pozostało 5 prób dla tego kodu.");
        assert_eq!(Polish.wrong_code(1), "Nieprawidłowy kod. Pozostała 1 próba dla tego kodu.");
        assert_eq!(
            Polish.sms_code("123456"),
            "Profil Zaufany: Twoj kod autoryzacyjny to 123456. Kod jest wazny 5 minut. Nie podawaj go nikomu."
        );
        assert_eq!(
            Polish.sign_in_sms(ChallengeKind::Login, "123456"),
            "Profil Zaufany: kod logowania: 123456. Kod jest wazny 5 minut. Nie podawaj go nikomu."
        );
    }
}
