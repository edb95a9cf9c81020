//! The application for a temporary trusted profile (`web/apply.html`, `web/apply.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("apply.title", "Wniosek o tymczasowy profil zaufany — Profil Zaufany"),
    ("apply.heading", "Załóż tymczasowy profil zaufany"),
    ("apply.bank_heading", "Przez bank lub Envelo"),
    (
        "apply.bank_intro",
        "Masz konto w banku lub w Envelo? Zaloguj się tam: bank potwierdzi Twoje imię, nazwisko i numer PESEL, \
         a profil zaufany będzie aktywny od razu, bez rozmowy z urzędnikiem.",
    ),
    (
        "apply.bank_or_form",
        "Albo wypełnij wniosek poniżej i potwierdź tożsamość podczas rozmowy wideo lub w punkcie potwierdzającym.",
    ),
    ("apply.steps_label", "Kroki wniosku"),
    ("apply.login_heading", "Dane logowania"),
    ("apply.personal_heading", "Dane osobowe"),
    ("apply.contact_heading", "Dane kontaktowe"),
    ("apply.slot_heading", "Potwierdzenie tożsamości"),
    ("apply.step_summary", "Podsumowanie"),
    ("apply.step_code", "Kod SMS"),
    ("apply.login_intro", "Zapamiętaj nazwę użytkownika i hasło — będziesz się nimi logować. Nie podawaj ich nikomu."),
    ("apply.username_label", "Nazwa użytkownika"),
    (
        "apply.username_hint",
        "Litery bez polskich znaków, cyfry, podkreślenie (_) i łącznik (-); bez spacji i kropek. \
         Wielkość liter ma znaczenie.",
    ),
    ("apply.password_label", "Hasło"),
    ("apply.rule_length", formatcp!("co najmniej {}", count!(password::MIN_CHARS, "znak", "znaki", "znaków"))),
    ("apply.rule_upper", "jedna duża litera"),
    ("apply.rule_lower", "jedna mała litera"),
    ("apply.rule_digit", "jedna cyfra lub jeden znak specjalny"),
    ("apply.rule_username", "nie zawiera nazwy użytkownika"),
    ("apply.password_common", "Nie używaj popularnych haseł — takie odrzucimy po wysłaniu wniosku."),
    ("apply.next", "Dalej"),
    ("apply.first_name_label", "Pierwsze imię"),
    ("apply.second_name_label", "Drugie imię (jeśli masz)"),
    ("apply.last_name_label", "Nazwisko"),
    ("apply.pesel_label", "Numer PESEL"),
    ("apply.back", "Wstecz"),
    ("apply.email_label", "Adres e-mail"),
    ("apply.phone_label", "Numer telefonu komórkowego"),
    (
        "apply.phone_hint",
        "Na ten numer wyślemy kod autoryzacyjny. Numer zagraniczny podaj z numerem kierunkowym kraju, \
         np. +380 67 123 4567.",
    ),
    ("apply.way_legend", "Jak potwierdzisz swoją tożsamość?"),
    ("apply.way_video", "Podczas rozmowy wideo z urzędnikiem"),
    ("apply.way_office", "Potwierdzę w punkcie potwierdzającym"),
    ("apply.video_heading", "Termin rozmowy wideo"),
    (
        "apply.video_note",
        "<strong>Uwaga:</strong> do rozmowy potrzebujesz urządzenia (telefonu, tabletu lub laptopa) z kamerą \
         i mikrofonem. Bez tego rozmowa się nie uda.",
    ),
    ("apply.slot_legend", "Wybierz termin"),
    ("apply.slots_loading", "Ładowanie terminów…"),
    ("apply.app_legend", "Wybierz bezpłatną aplikację do rozmowy"),
    ("apply.office_heading", "Punkt potwierdzający"),
    (
        "apply.office_note",
        formatcp!(
            "<strong>Uwaga:</strong> po wysłaniu wniosku masz <strong>{OFFICE_DAYS}</strong>, żeby zgłosić się \
             do punktu potwierdzającego z dowodem osobistym lub paszportem i numerem wniosku z e-maila. \
             Potem wniosek wygaśnie."
        ),
    ),
    ("apply.point_legend", "Wybierz punkt potwierdzający"),
    ("apply.points_loading", "Ładowanie punktów…"),
    ("apply.summary_heading", "Podsumowanie wniosku"),
    ("apply.summary_intro", "Sprawdź wszystkie swoje dane. Upewnij się, że są prawidłowe."),
    ("apply.send", "Wyślij wniosek"),
    ("apply.code_heading", "Kod autoryzacyjny"),
    ("apply.code_sent", "Wysłaliśmy SMS z kodem."),
    ("apply.code_label", "Kod z SMS-a"),
    ("apply.resend", "Wyślij kod ponownie"),
    ("apply.done_heading", "Wniosek został wysłany"),
    ("apply.done_emails", "Na Twój adres e-mail wyślemy dwie wiadomości:"),
    ("apply.done_email_account", "potwierdzenie założenia konta w serwisie Profil Zaufany,"),
    ("apply.done_email_application", "potwierdzenie wysłania wniosku — z <strong>numerem wniosku</strong>."),
    (
        "apply.done_important",
        "<strong>WAŻNE!</strong> Numer wniosku będzie potrzebny podczas rozmowy z urzędnikiem. Urzędnik poda Ci \
         numer Twojego wniosku — sprawdź, czy zgadza się z tym z e-maila. <strong>Nikomu nie podawaj tego \
         numeru!</strong>",
    ),
    ("apply.done_next", "Przed rozmową otrzymasz e-mail z linkiem do rozmowy wideo."),
    // apply.js
    ("js.apply.label_username", "Nazwa użytkownika"),
    ("js.apply.label_first_name", "Pierwsze imię"),
    ("js.apply.label_second_name", "Drugie imię"),
    ("js.apply.label_last_name", "Nazwisko"),
    ("js.apply.label_pesel", "PESEL"),
    ("js.apply.label_email", "Adres e-mail"),
    ("js.apply.label_phone", "Telefon"),
    ("js.apply.label_slot_id", "Termin rozmowy"),
    ("js.apply.label_video_app", "Aplikacja do rozmowy"),
    ("js.apply.label_point_id", "Punkt potwierdzający"),
    (
        "js.apply.username_invalid",
        formatcp!(
            "Nazwa użytkownika: {}–{} {}, tylko litery bez polskich znaków, cyfry, _ i -.",
            username::MIN_LEN,
            username::MAX_LEN,
            plural(username::MAX_LEN as i64, "znak", "znaki", "znaków")
        ),
    ),
    ("js.apply.password_invalid", "Hasło nie spełnia wszystkich zasad wymienionych poniżej pola."),
    ("js.apply.first_name_missing", "Podaj pierwsze imię."),
    ("js.apply.last_name_missing", "Podaj nazwisko."),
    ("js.apply.pesel_invalid", field::PESEL_FORMAT),
    ("js.apply.email_invalid", "Podaj prawidłowy adres e-mail."),
    ("js.apply.phone_invalid", "Podaj numer telefonu komórkowego (9 cyfr)."),
    ("js.apply.point_missing", "Wybierz punkt potwierdzający."),
    ("js.apply.slot_missing", "Wybierz termin rozmowy."),
    ("js.apply.app_missing", "Wybierz aplikację do rozmowy."),
    ("js.apply.fix_fields", "Popraw zaznaczone pola."),
    ("js.apply.slots_failed", "Nie udało się pobrać terminów."),
    ("js.apply.no_slots", "Brak wolnych terminów. Spróbuj później."),
    ("js.apply.slot", "{when} (wolne miejsca: {free})"),
    ("js.apply.slot_demo", "{when} (wolne miejsca: {free}) — termin demonstracyjny"),
    ("js.apply.points_failed", "Nie udało się pobrać punktów."),
    ("js.apply.no_points", "Brak punktów potwierdzających. Wybierz rozmowę wideo."),
    ("js.apply.point_address", "{address}. Godziny przyjęć: {hours}"),
    ("js.apply.edit", "zmień"),
    ("js.apply.edit_label", "Zmień: {field}"),
    (
        "js.apply.code_sent",
        formatcp!(
            "Wysłaliśmy SMS z kodem na numer {{phone}}. Kod jest ważny {CODE_VALIDITY}. Wpisz go poniżej \
             i kliknij „Dalej”."
        ),
    ),
    ("js.apply.send_failed", "Nie udało się wysłać kodu."),
    ("js.apply.code_kept", "{message} Kod został przyjęty — wybierz inny termin i wyślij wniosek ponownie."),
    ("js.apply.important", "WAŻNE!"),
    (
        "js.apply.office_number",
        "Numer wniosku będzie potrzebny w punkcie potwierdzającym: pokaż go urzędnikowi razem z dowodem \
         osobistym lub paszportem.",
    ),
    ("js.apply.office_secret", "Poza urzędnikiem w punkcie nikomu nie podawaj tego numeru!"),
    (
        "js.apply.office_deadline",
        "Zgłoś się z dowodem osobistym lub paszportem do punktu potwierdzającego najpóźniej {until}. \
         Wybrany punkt: {name}, {address} (godziny przyjęć: {hours}).",
    ),
    (
        "js.apply.office_next",
        "Urzędnik w punkcie znajdzie Twój wniosek po numerze PESEL i numerze wniosku z e-maila — pokaż mu \
         ten numer.",
    ),
    ("js.apply.call_booked", "Termin rozmowy: {when}, aplikacja: {app}."),
}
