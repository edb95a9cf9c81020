#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("recovery.title", "Відновлення доступу — Profil Zaufany"),
    ("recovery.heading", "Забули пароль або ім'я користувача?"),
    ("recovery.password_heading", "Забули пароль?"),
    (
        "recovery.password_intro",
        "Введіть ім'я користувача й номер PESEL. Якщо вони відповідають вашому довіреному профілю (Profil Zaufany), \
         ми надішлемо посилання для встановлення нового пароля на адресу електронної пошти, збережену в профілі.",
    ),
    ("recovery.username_label", "Ім'я користувача"),
    ("recovery.pesel_label", "Номер PESEL"),
    ("recovery.password_submit", "Далі"),
    ("recovery.username_heading", "Забули ім'я користувача?"),
    (
        "recovery.username_intro",
        "Введіть адресу електронної пошти, збережену в довіреному профілі. Ми надішлемо на неї ваше ім'я користувача.",
    ),
    ("recovery.email_label", "Адреса електронної пошти"),
    ("recovery.username_submit", "Надіслати"),
    ("recovery.back_to_sign_in", "Повернутися до входу"),
    ("recovery.sent_heading", "Перевірте електронну пошту"),
    ("recovery.link_heading", "Встановіть новий пароль"),
    (
        "recovery.link_intro",
        "Щоб підтвердити, що це ви, ми надішлемо SMS-код на номер телефону, збережений у вашому довіреному профілі \
         (Profil Zaufany).",
    ),
    ("recovery.send_code", "Надіслати SMS-код"),
    ("recovery.new_password_heading", "Введіть код із SMS і новий пароль"),
    ("recovery.code_label", "Код авторизації"),
    ("recovery.new_password_label", "Новий пароль"),
    ("recovery.rule_length", formatcp!("щонайменше {}", count!(password::MIN_CHARS, "символ", "символи", "символів"))),
    ("recovery.rule_upper", "одна велика літера"),
    ("recovery.rule_lower", "одна мала літера"),
    ("recovery.rule_digit", "одна цифра або один спеціальний символ"),
    ("recovery.rule_no_username", "не містить імені користувача"),
    ("recovery.repeat_password_label", "Повторіть новий пароль"),
    ("recovery.resend", "Надіслати код ще раз"),
    ("recovery.change_password", "Змінити пароль"),
    ("recovery.done_heading", "Пароль змінено"),
    (
        "recovery.done_text",
        "Усі сеанси завершено. Увійдіть із новим паролем. Ми також надіслали підтвердження на адресу електронної \
         пошти з профілю.",
    ),
    ("recovery.sign_in", "Увійти"),
    ("js.recovery.username_missing", "Введіть ім'я користувача."),
    ("js.recovery.pesel_format", field::PESEL_FORMAT),
    (
        "js.recovery.password_link_sent",
        formatcp!(
            "Якщо ім'я користувача й PESEL відповідають довіреному профілю, протягом кількох хвилин ви отримаєте \
             лист із посиланням для встановлення нового пароля. Посилання дійсне {RECOVERY_LINK_VALIDITY}. Не бачите \
             листа? Перевірте папку «Спам»."
        ),
    ),
    ("js.recovery.email_format", field::EMAIL_FORMAT),
    (
        "js.recovery.username_sent",
        "Якщо ця адреса електронної пошти належить до довіреного профілю, протягом кількох хвилин ви отримаєте \
         на неї лист з ім'ям користувача. Не бачите листа? Перевірте папку «Спам».",
    ),
    ("js.recovery.code_sent", formatcp!("Ми надіслали код на номер {{phone}}. Код дійсний {CODE_VALIDITY}.")),
    ("js.recovery.password_missing", "Введіть новий пароль."),
    ("js.recovery.passwords_differ", "Паролі не збігаються."),
    ("js.recovery.link_title", "Зміна забутого пароля"),
}
