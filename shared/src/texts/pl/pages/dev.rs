//! The local gateway's own pages (never a function's): the message outbox (`/dev/outbox`)
//! and the demo bank's sign-in (`/dev/idp/<id>/authorize`), which stands for another service.

page_words! {
    ("dev.outbox.title", "Skrzynka wiadomości (tryb lokalny) — Profil Zaufany"),
    (
        "dev.outbox.banner",
        "<strong>Tryb lokalny.</strong> Tu trafiają SMS-y, powiadomienia push i e-maile zamiast do prawdziwych odbiorców.",
    ),
    ("dev.outbox.heading", "Skrzynka wiadomości"),
    ("dev.outbox.newest_first", "Najnowsze na górze ({count})."),
    ("dev.outbox.refresh", "Odśwież"),
    ("dev.outbox.home", "Strona główna"),
    ("dev.outbox.empty", "Brak wiadomości."),
    ("dev.outbox.email", "E-mail"),
    ("dev.outbox.to", "do"),
    ("dev.outbox.code", "Kod:"),
    ("dev.outbox.copy_code", "Kopiuj kod"),
    ("dev.outbox.copy_link", "Kopiuj link"),
    ("dev.outbox.copied", "Skopiowano: {value}"),
    ("dev.outbox.selected", "Zaznaczono — skopiuj klawiszami Ctrl+C."),
    ("dev.outbox.locale", "pl-PL"),
    ("dev.outbox.unavailable", "Nie udało się odczytać wiadomości z emulatora AWS."),
    (
        "dev.outbox.not_here",
        "Skrzynka wiadomości działa z magazynem w pamięci albo z emulatorem AWS; w AWS wiadomości wysyłają SNS i SES.",
    ),
    ("dev.bank.title", "{name} — logowanie (demo)"),
    ("dev.bank.brand", "{name} (demo)"),
    ("dev.bank.heading", "Zaloguj się w {name}"),
    (
        "dev.bank.note",
        "<strong>To jest demonstracyjny dostawca tożsamości</strong> lokalnego trybu Profilu Zaufanego, nie prawdziwy \
         bank. Wpisz dane osoby, za którą ma poręczyć.",
    ),
    ("dev.bank.asks", "Serwis Profil Zaufany prosi o Twoje imię, nazwisko i numer PESEL."),
    ("dev.bank.first_name", "Imię"),
    ("dev.bank.last_name", "Nazwisko"),
    ("dev.bank.pesel", "Numer PESEL"),
    ("dev.bank.submit", "Zaloguj się i przekaż dane"),
    ("dev.bank.cancel", "Anuluj"),
    ("dev.bank.missing", "Wpisz imię, nazwisko i numer PESEL."),
}
