//! The local gateway's own pages (never a function's): the message outbox (`/dev/outbox`)
//! and the demo bank's sign-in (`/dev/idp/<id>/authorize`), which stands for another service.

page_words! {
    ("dev.outbox.title", "Скринька повідомлень (локальний режим) — Profil Zaufany"),
    (
        "dev.outbox.banner",
        "<strong>Локальний режим.</strong> SMS, push-сповіщення та електронні листи надходять сюди, а не справжнім \
         одержувачам.",
    ),
    ("dev.outbox.heading", "Скринька повідомлень"),
    ("dev.outbox.newest_first", "Найновіші вгорі ({count})."),
    ("dev.outbox.refresh", "Оновити"),
    ("dev.outbox.home", "Головна сторінка"),
    ("dev.outbox.empty", "Повідомлень немає."),
    ("dev.outbox.email", "Електронний лист"),
    ("dev.outbox.to", "для"),
    ("dev.outbox.code", "Код:"),
    ("dev.outbox.copy_code", "Копіювати код"),
    ("dev.outbox.copy_link", "Копіювати посилання"),
    ("dev.outbox.copied", "Скопійовано: {value}"),
    ("dev.outbox.selected", "Виділено — скопіюйте клавішами Ctrl+C."),
    ("dev.outbox.locale", "uk-UA"),
    ("dev.outbox.unavailable", "Не вдалося прочитати повідомлення з емулятора AWS."),
    (
        "dev.outbox.not_here",
        "Скринька повідомлень працює зі сховищем у пам'яті або з емулятором AWS; в AWS повідомлення надсилають SNS і SES.",
    ),
    ("dev.bank.title", "{name} — вхід (демо)"),
    ("dev.bank.brand", "{name} (демо)"),
    ("dev.bank.heading", "Увійдіть у {name}"),
    (
        "dev.bank.note",
        "<strong>Це демонстраційний постачальник ідентичності</strong> локального режиму довіреного профілю (Profil \
         Zaufany), а не справжній банк. Введіть дані особи, за яку він має поручитися.",
    ),
    ("dev.bank.asks", "Сервіс довіреного профілю просить вказати ваше ім'я, прізвище та номер PESEL."),
    ("dev.bank.first_name", "Ім'я"),
    ("dev.bank.last_name", "Прізвище"),
    ("dev.bank.pesel", "Номер PESEL"),
    ("dev.bank.submit", "Увійти й передати дані"),
    ("dev.bank.cancel", "Скасувати"),
    ("dev.bank.missing", "Введіть ім'я, прізвище та номер PESEL."),
}
