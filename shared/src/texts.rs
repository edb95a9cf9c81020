//! Every sentence a user reads: error messages, the SMS and the emails. Polish only here.

use crate::domain::{Application, Slot};

pub const NOT_FOUND: &str = "Nie znaleziono wniosku.";
pub const INTERNAL: &str = "Wystąpił błąd po naszej stronie. Spróbuj ponownie za chwilę.";
pub const UNAVAILABLE: &str = "Usługa jest chwilowo niedostępna. Spróbuj ponownie za chwilę.";
pub const BUSY: &str = "W tej chwili te same dane zmienia kilka żądań naraz. Spróbuj ponownie za chwilę.";
pub const SMS_UNAVAILABLE: &str = "Nie udało się wysłać SMS-a. Spróbuj ponownie za chwilę.";
pub const INVALID_JSON: &str = "Nieprawidłowe dane: treść żądania nie jest poprawnym JSON-em.";
pub const NOT_AN_OBJECT: &str = "Nieprawidłowe dane: oczekiwano obiektu JSON.";
pub const BAD_IDEMPOTENCY_KEY: &str =
    "Nieprawidłowy nagłówek Idempotency-Key: wymagane od 8 do 128 znaków ASCII bez spacji.";
pub const IDEMPOTENCY_KEY_REUSED: &str =
    "Ten wniosek został już wysłany z innymi danymi. Odśwież stronę i wypełnij wniosek ponownie.";
pub const CONTENT_TYPE: &str = "Nieprawidłowe dane: wymagany nagłówek Content-Type: application/json.";
pub const TOO_LARGE: &str = "Przesłane dane są zbyt duże (maksymalnie 16 KiB).";
pub const NOT_AUTHORISED: &str = "Sesja wygasła lub nie została rozpoczęta. Zacznij składanie wniosku od nowa.";
pub const CSRF: &str = "Brak lub nieprawidłowy token zabezpieczający (CSRF). Odśwież stronę i spróbuj ponownie.";
pub const ROUTE_NOT_FOUND: &str = "Nie ma takiej strony.";
pub const METHOD_NOT_ALLOWED: &str = "Ta metoda nie jest obsługiwana pod tym adresem.";
pub const SLOT_FULL: &str = "Wybrany termin rozmowy został już zajęty. Wybierz inny termin.";
/// Shown only after the SMS code proved the phone (docs/rules.md §8.4), with the way to report a
/// stranger's application or profile.
pub const PESEL_TAKEN: &str = "Dla tego numeru PESEL istnieje już otwarty wniosek lub aktywny profil zaufany. \
Jeśli to nie Ty złożyłeś wniosek lub założyłeś profil, zgłoś to w urzędzie, okazując dowód osobisty. Cudzy wniosek \
nie zostanie zatwierdzony bez rozmowy wideo z urzędnikiem: wygaśnie najpóźniej 7 dni po wybranym terminie (terminy \
można wybierać najwyżej 30 dni naprzód) i wtedy Twój PESEL znów będzie wolny.";
pub const PHONE_TAKEN: &str = "Na ten numer telefonu złożono już wniosek, który czeka na rozmowę wideo. \
Jeden numer telefonu może mieć tylko jeden otwarty wniosek.";
pub const USERNAME_TAKEN: &str = "Ta nazwa użytkownika jest już zajęta. Wybierz inną.";
pub const EMAIL_TAKEN: &str = "Ten adres e-mail jest już używany w innym wniosku lub profilu.";
pub const ALREADY_SUBMITTED: &str = "Ten wniosek został już wysłany.";
pub const APPLICATION_EXPIRED: &str = "Czas na potwierdzenie wniosku kodem SMS minął. Złóż wniosek ponownie.";
pub const WRONG_STATE: &str = "Tej operacji nie można wykonać na wniosku w obecnym stanie.";
pub const CODE_NONE: &str = "Nie wysłano jeszcze kodu. Kliknij „Wyślij kod ponownie”.";
pub const CODE_EXPIRED: &str = "Kod wygasł (jest ważny 5 minut). Poproś o nowy kod.";
pub const CODE_DEAD: &str = "Wpisano 3 razy błędny kod. Ten kod jest już nieważny — poproś o nowy.";
pub const CODE_USED: &str = "Ten kod został już użyty.";
pub const TOO_MANY_SENDS: &str = "Wysłano już 5 kodów w ciągu godziny. Spróbuj ponownie później.";
pub const BLOCKED: &str = "Zbyt wiele błędnych kodów. Nowy kod będzie można otrzymać za godzinę.";

pub fn wrong_code(tries_left: u8) -> String {
    let tries = match tries_left {
        1 => "1 próba".to_owned(),
        n => format!("{n} próby"),
    };
    format!("Nieprawidłowy kod. Pozostała {tries} dla tego kodu.")
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
    pub const PESEL_FORMAT: &str = "PESEL musi składać się z 11 cyfr.";
    pub const PESEL_CHECKSUM: &str = "Nieprawidłowy numer PESEL: cyfra kontrolna się nie zgadza.";
    pub const PESEL_DATE: &str = "Nieprawidłowy numer PESEL: zawiera datę urodzenia, która nie istnieje.";
    pub const PESEL_FUTURE: &str = "Nieprawidłowy numer PESEL: data urodzenia jest w przyszłości.";
    pub const USERNAME_NON_ASCII: &str = "Nazwa użytkownika nie może zawierać polskich znaków.";
    pub const USERNAME_SPACE: &str = "Nazwa użytkownika nie może zawierać spacji.";
    pub const USERNAME_DOT: &str = "Nazwa użytkownika nie może zawierać kropki.";
    pub const USERNAME_SPECIAL: &str =
        "Nazwa użytkownika może zawierać tylko litery, cyfry, podkreślenie (_) i łącznik (-).";
    pub const USERNAME_LENGTH: &str = "Nazwa użytkownika musi mieć od 3 do 64 znaków.";
    pub const PASSWORD_SHORT: &str = "Hasło musi mieć co najmniej 8 znaków.";
    pub const PASSWORD_CONTROL: &str = "Hasło nie może zawierać znaków sterujących (np. tabulatora lub nowej linii).";
    pub const PASSWORD_LONG: &str = "Hasło może mieć najwyżej 128 znaków.";
    pub const PASSWORD_NO_UPPER: &str = "Hasło musi zawierać co najmniej jedną dużą literę.";
    pub const PASSWORD_NO_LOWER: &str = "Hasło musi zawierać co najmniej jedną małą literę.";
    pub const PASSWORD_NO_DIGIT: &str = "Hasło musi zawierać co najmniej jedną cyfrę lub jeden znak specjalny.";
    pub const PASSWORD_HAS_USERNAME: &str = "Hasło nie może zawierać nazwy użytkownika.";
    pub const PASSWORD_COMMON: &str =
        "To hasło jest zbyt popularne (jest na liście najczęściej używanych haseł). Wybierz inne.";
    pub const NAME_EMPTY: &str = "To pole jest wymagane.";
    pub const NAME_LONG: &str = "Wpis może mieć najwyżej 64 znaki.";
    pub const NAME_SCRIPT: &str = "Wpisz litery alfabetu łacińskiego, tak jak w dowodzie osobistym.";
    pub const NAME_CHARS: &str = "Dozwolone są tylko litery, spacja, łącznik (-) i apostrof (').";
    pub const EMAIL_FORMAT: &str = "Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl.";
    pub const EMAIL_LONG: &str = "Adres e-mail jest zbyt długi.";
    pub const PHONE_FORMAT: &str = "Podaj polski numer telefonu komórkowego: 9 cyfr, np. 500 100 200.";
    pub const PHONE_NOT_MOBILE: &str = "To nie jest numer telefonu komórkowego — na ten numer nie wyślemy SMS-a.";
    pub const VIDEO_APP: &str = "Wybierz jedną z proponowanych aplikacji do rozmowy wideo.";
    pub const SLOT_UNKNOWN: &str = "Wybierz termin rozmowy z listy.";
    pub const SLOT_PAST: &str = "Ten termin już minął. Wybierz inny.";
    pub const SLOT_BEYOND_BOOKING: &str =
        "Termin rozmowy można zarezerwować najwyżej 30 dni naprzód. Wybierz wcześniejszy.";
    pub const CODE_FORMAT: &str = "Kod autoryzacyjny to 6 cyfr.";
    pub const SLOT_TIME: &str = "Podaj czas w formacie RFC 3339, np. 2026-11-24T09:00:00Z.";
    pub const SLOT_GRID: &str = "Początek i koniec terminu muszą wypadać co 5 minut (np. 9:00, 9:05).";
    pub const SLOT_LENGTH: &str = "Termin musi trwać od 10 do 120 minut i kończyć się po rozpoczęciu.";
    pub const SLOT_TOO_FAR: &str = "Terminy można publikować najwyżej 180 dni naprzód.";
    pub const SLOT_CAPACITY: &str = "Liczba miejsc (urzędników na dyżurze) musi wynosić od 1 do 20.";
    pub const CHECK_DATA: &str = "Potwierdź, że obywatel potwierdził prawdziwość i aktualność danych.";
    pub const CHECK_RULES: &str = "Potwierdź, że przedstawiono zasady tymczasowego profilu zaufanego.";
    pub const CHECK_ID: &str = "Potwierdź, że sprawdzono dokument tożsamości.";
    pub const REASON: &str = "Podaj powód odrzucenia (od 3 do 500 znaków, bez znaków sterujących).";
    pub const CALL_URL: &str = "Podaj link do rozmowy zaczynający się od https:// (najwyżej 500 znaków).";
    pub const DATE: &str = "Podaj datę w formacie RRRR-MM-DD.";
    pub const TOKEN: &str = "Link do zmiany terminu jest nieprawidłowy.";
}

pub fn sms_code(code: &str) -> String {
    format!("Profil Zaufany: Twój kod autoryzacyjny to {code}. Kod jest ważny 5 minut. Nie podawaj go nikomu.")
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
             Twój tymczasowy profil zaufany zacznie działać po potwierdzeniu tożsamości \
             podczas rozmowy wideo z urzędnikiem. Osobną wiadomością wysłaliśmy potwierdzenie \
             wysłania wniosku.\n\n\
             Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            user = app.username.as_str(),
        ),
    }
}

pub fn application_sent_email(app: &Application) -> Email {
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
            when = when(app.slot.start),
            video_app = app.video_app.as_str(),
        ),
    }
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
            when = when(app.slot.start),
            video_app = app.video_app.as_str(),
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
            when = when(app.slot.start),
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
            when = when(app.slot.start),
            video_app = app.video_app.as_str(),
        ),
    }
}

pub fn expired_email(app: &Application) -> Email {
    Email {
        subject: "Wniosek o tymczasowy profil zaufany wygasł".into(),
        body: format!(
            "Dzień dobry {name},\n\n\
             Twój wniosek o tymczasowy profil zaufany wygasł, ponieważ rozmowa wideo się nie \
             odbyła. Możesz złożyć nowy wniosek — Twój numer PESEL, nazwa użytkownika i adres \
             e-mail mogą zostać użyte ponownie.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
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

pub const BAD_CREDENTIALS: &str = "Nieprawidłowa nazwa użytkownika lub hasło.";
/// After five failed sign-ins with one login, known or not: nothing here says whether it exists.
pub const LOGIN_LOCKED: &str =
    "Zbyt wiele nieudanych prób logowania na ten login. Spróbuj ponownie za kilkanaście minut.";
pub const SOURCE_LIMIT: &str = "Zbyt wiele prób z tego adresu w krótkim czasie. Spróbuj ponownie później.";
/// Every refused clerk sign-in (unknown, disabled, wrong password or code, slowed down):
/// nothing here says which.
pub const CLERK_BAD_CREDENTIALS: &str =
    "Nieprawidłowa nazwa użytkownika, hasło lub kod z aplikacji. Po kilku nieudanych próbach kolejna jest możliwa po 30 sekundach.";
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

pub const PROFILE_EXPIRED: &str =
    "Twój profil zaufany wygasł (był ważny 3 lata). Aby dalej korzystać z usług, załóż nowy profil zaufany.";
pub const PROFILE_NOT_CONFIRMED: &str =
    "Twój profil zaufany nie został jeszcze potwierdzony przez urzędnika. Zalogujesz się po rozmowie wideo.";
pub const PROFILE_CLOSED: &str =
    "Ten profil zaufany nie jest aktywny. Aby korzystać z usług, załóż nowy profil zaufany.";
pub const LOGIN_REQUIRED: &str = "Zaloguj się profilem zaufanym.";
pub const CHALLENGE_EXPIRED: &str = "Czas na potwierdzenie minął. Zaloguj się ponownie.";
pub const CHALLENGE_ANSWERED: &str = "To żądanie zostało już obsłużone.";
pub const CHALLENGE_NOT_FOUND: &str = "Nie znaleziono żądania logowania. Zaloguj się ponownie.";
pub const NO_DEVICE: &str =
    "Najpierw połącz aplikację mObywatel z profilem zaufanym — dopiero wtedy możesz wybrać powiadomienia push.";
pub const PUSH_LIMIT: &str = "Wysłano już 5 powiadomień push w ciągu 15 minut. Spróbuj ponownie później.";
pub const PUSH_UNAVAILABLE: &str =
    "Nie udało się zarejestrować urządzenia do powiadomień push. Spróbuj ponownie później.";
pub const DEVICE_REQUIRED: &str = "Brak lub nieprawidłowy sekret urządzenia (nagłówek Authorization: Device …).";
pub const WRONG_METHOD: &str = "To żądanie potwierdza się w aplikacji mObywatel, nie kodem SMS.";

pub mod signin_field {
    pub const LOGIN: &str = "Podaj nazwę użytkownika lub adres e-mail.";
    pub const PASSWORD: &str = "Podaj hasło.";
    pub const METHOD: &str = "Wybierz metodę autoryzacji: sms albo push.";
    pub const PLATFORM: &str = "Platforma urządzenia to android albo ios.";
    pub const PUSH_TOKEN: &str = "Podaj token powiadomień urządzenia (od 1 do 4096 znaków).";
    pub const MATCH_NUMBER: &str = "Wybierz jedną z trzech liczb.";
}

/// The SMS with a sign-in (or step-up) code.
pub fn sign_in_sms(kind: crate::domain::ChallengeKind, code: &str) -> String {
    use crate::domain::ChallengeKind as K;
    let what = match kind {
        K::Login => "logowania",
        K::Extend => "przedłużenia ważności profilu",
        K::AuthMethodChange => "zmiany metody autoryzacji",
        K::LinkDevice => "połączenia nowej aplikacji mObywatel",
    };
    format!("Profil Zaufany: kod {what}: {code}. Kod jest ważny 5 minut. Nie podawaj go nikomu.")
}

/// The push the mObywatel app shows (the numbers to pick from come with the request).
pub fn sign_in_push(kind: crate::domain::ChallengeKind) -> (&'static str, &'static str) {
    use crate::domain::ChallengeKind as K;
    match kind {
        K::Login => ("Logowanie do profilu zaufanego", "Potwierdź logowanie: wybierz liczbę widoczną w przeglądarce."),
        K::Extend => ("Przedłużenie profilu zaufanego", "Potwierdź przedłużenie ważności profilu: wybierz liczbę widoczną w przeglądarce."),
        K::AuthMethodChange => ("Zmiana metody autoryzacji", "Potwierdź zmianę metody autoryzacji na powiadomienia push: wybierz liczbę widoczną w przeglądarce."),
        K::LinkDevice => ("Połączenie nowej aplikacji mObywatel", "Ktoś chce połączyć nową aplikację mObywatel z Twoim profilem zaufanym. Jeśli to Ty, wybierz liczbę widoczną na nowym urządzeniu. Jeśli nie — odrzuć."),
    }
}

/// The security notification after an mObywatel app was linked (by email and by SMS):
/// what happened and when, what to do if it was not the citizen; never a code or a secret.
pub fn device_linked_email(first_name: &str, platform: &str, at: chrono::DateTime<chrono::Utc>) -> Email {
    Email {
        subject: "Połączono aplikację mObywatel z Twoim profilem zaufanym".into(),
        body: format!(
            "Dzień dobry {first_name},\n\n\
             dnia {when} połączono z Twoim profilem zaufanym aplikację mObywatel (urządzenie: {platform}). \
             Od teraz to ona otrzymuje powiadomienia push do potwierdzania logowania i zmian \
             w profilu; wcześniej połączona aplikacja już ich nie dostanie.\n\n\
             Jeśli to nie Ty, zaloguj się do profilu zaufanego, w „Szczegółach profilu” zmień \
             metodę autoryzacji na kod SMS i połącz swoją aplikację ponownie. Nikomu nie podawaj \
             kodów z SMS-ów ani hasła.\n\n\
             Profil Zaufany",
            when = when(at),
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

pub const OIDC_BAD_REQUEST: &str = "Nieprawidłowe żądanie logowania z serwisu zewnętrznego.";
pub const OIDC_BAD_CLIENT: &str =
    "Serwis, z którego przyszło żądanie logowania, nie jest zarejestrowany albo podał nieprawidłowy adres powrotu.";
pub const OIDC_REFUSED: &str = "Serwis zewnętrzny nie otrzymał danych logowania.";
