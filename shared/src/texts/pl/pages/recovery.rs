#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("recovery.title", "Odzyskiwanie dostępu — Profil Zaufany"),
    ("recovery.heading", "Nie pamiętasz hasła lub nazwy użytkownika?"),
    ("recovery.password_heading", "Nie pamiętasz hasła?"),
    (
        "recovery.password_intro",
        "Podaj nazwę użytkownika i numer PESEL. Jeśli pasują do Twojego profilu zaufanego, wyślemy link do ustawienia \
         nowego hasła na adres e-mail zapisany w profilu.",
    ),
    ("recovery.username_label", "Nazwa użytkownika"),
    ("recovery.pesel_label", "Numer PESEL"),
    ("recovery.password_submit", "Dalej"),
    ("recovery.username_heading", "Nie pamiętasz nazwy użytkownika?"),
    ("recovery.username_intro", "Podaj adres e-mail z profilu zaufanego. Wyślemy na niego Twoją nazwę użytkownika."),
    ("recovery.email_label", "Adres e-mail"),
    ("recovery.username_submit", "Wyślij"),
    ("recovery.back_to_sign_in", "Wróć do logowania"),
    ("recovery.sent_heading", "Sprawdź skrzynkę e-mail"),
    ("recovery.link_heading", "Ustaw nowe hasło"),
    (
        "recovery.link_intro",
        "Aby potwierdzić, że to Ty, wyślemy kod SMS na numer telefonu zapisany w Twoim profilu zaufanym.",
    ),
    ("recovery.send_code", "Wyślij kod SMS"),
    ("recovery.new_password_heading", "Wpisz kod z SMS-a i nowe hasło"),
    ("recovery.code_label", "Kod autoryzacyjny"),
    ("recovery.new_password_label", "Nowe hasło"),
    ("recovery.rule_length", formatcp!("co najmniej {}", count!(password::MIN_CHARS, "znak", "znaki", "znaków"))),
    ("recovery.rule_upper", "jedna duża litera"),
    ("recovery.rule_lower", "jedna mała litera"),
    ("recovery.rule_digit", "jedna cyfra lub jeden znak specjalny"),
    ("recovery.rule_no_username", "nie zawiera nazwy użytkownika"),
    ("recovery.repeat_password_label", "Powtórz nowe hasło"),
    ("recovery.resend", "Wyślij kod ponownie"),
    ("recovery.change_password", "Zmień hasło"),
    ("recovery.done_heading", "Hasło zostało zmienione"),
    (
        "recovery.done_text",
        "Wszystkie sesje zostały zakończone. Zaloguj się nowym hasłem. Wysłaliśmy też potwierdzenie na adres e-mail \
         z profilu.",
    ),
    ("recovery.sign_in", "Zaloguj się"),
    ("js.recovery.username_missing", "Podaj nazwę użytkownika."),
    ("js.recovery.pesel_format", field::PESEL_FORMAT),
    (
        "js.recovery.password_link_sent",
        formatcp!(
            "Jeśli nazwa użytkownika i PESEL pasują do profilu zaufanego, w ciągu kilku minut dostaniesz e-mail \
             z linkiem do ustawienia nowego hasła. Link jest ważny {RECOVERY_LINK_VALIDITY}. Nie widzisz wiadomości? \
             Sprawdź folder ze spamem."
        ),
    ),
    ("js.recovery.email_format", field::EMAIL_FORMAT),
    (
        "js.recovery.username_sent",
        "Jeśli ten adres e-mail należy do profilu zaufanego, w ciągu kilku minut dostaniesz na niego wiadomość \
         z nazwą użytkownika. Nie widzisz wiadomości? Sprawdź folder ze spamem.",
    ),
    ("js.recovery.code_sent", formatcp!("Wysłaliśmy kod na numer {{phone}}. Kod jest ważny {CODE_VALIDITY}.")),
    ("js.recovery.password_missing", "Podaj nowe hasło."),
    ("js.recovery.passwords_differ", "Hasła nie są takie same."),
    ("js.recovery.link_title", "Zmiana zapomnianego hasła"),
}
