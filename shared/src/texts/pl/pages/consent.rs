#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("consent.title", "Zgoda na przekazanie danych — Profil Zaufany"),
    ("consent.heading", "Zgoda na przekazanie danych"),
    (
        "consent.hint",
        "Zgodę zapamiętamy. Możesz ją cofnąć w każdej chwili w „Szczegółach profilu”, w części „Połączone serwisy” \
         („Cofnij dostęp”).",
    ),
    ("consent.deny", "Anuluj"),
    ("consent.allow", "Zgadzam się"),
    (
        "consent.no_request",
        "Ta strona pojawia się, gdy serwis zewnętrzny prosi o dane z Twojego profilu zaufanego. Wróć do serwisu \
         i zaloguj się jeszcze raz.",
    ),
    ("consent.to_profile", "Przejdź do szczegółów profilu"),
    ("js.consent.scope_openid", "identyfikator, po którym serwis rozpozna Cię przy kolejnych logowaniach"),
    ("js.consent.scope_profile", "imię, nazwisko i data urodzenia"),
    ("js.consent.scope_email", "adres e-mail"),
    ("js.consent.scope_phone", "numer telefonu komórkowego"),
    ("js.consent.scope_pesel", "numer PESEL"),
    ("js.consent.question", "Serwis {service} chce otrzymać z Twojego profilu zaufanego:"),
    ("js.consent.scope_new", "{scope} (nowe)"),
}
