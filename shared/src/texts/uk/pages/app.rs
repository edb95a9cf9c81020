//! The mObywatel app simulator (`/mobywatel`, `web/app.html` + `app.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("app.title", "mObywatel (симулятор) — Profil Zaufany"),
    (
        "app.intro",
        "Симулятор застосунку: працює як телефон із застосунком mObywatel, підключеним до довіреного профілю (Profil Zaufany).",
    ),
    ("app.link_button", "Підключити застосунок до профілю"),
    ("app.sign_in_to_link", "Увійдіть, щоб підключити застосунок"),
    ("app.code_title", "Підтвердьте кодом з SMS"),
    ("app.code_label", "Код авторизації"),
    ("app.confirm", "Підтвердити"),
    ("app.push_title", "Підтвердьте в поточному застосунку"),
    (
        "app.push_text",
        "До вашого профілю вже підключено застосунок mObywatel. Відкрийте його на телефоні, яким ви користуєтеся зараз, і виберіть це число:",
    ),
    ("app.time_left", "Залишилося часу:"),
    ("app.send_sms", "Надіслати SMS-код"),
    ("app.linked_notice", "Застосунок підключено до довіреного профілю."),
    ("app.requests_heading", "Запити на підтвердження"),
    ("app.no_requests", "Запитів немає. Нові з'являться тут автоматично."),
    ("app.unlink", "Від'єднати застосунок на цьому пристрої"),
    ("js.app.kind_login", "Вхід у довірений профіль"),
    ("js.app.kind_auth_method_change", "Зміна способу авторизації на push-сповіщення"),
    ("js.app.kind_extend", "Продовження дії довіреного профілю"),
    ("js.app.kind_link_device", "Підключення нового застосунку mObywatel"),
    ("js.app.kind_delete_profile", "ВИДАЛЕННЯ довіреного профілю"),
    ("js.app.kind_phone_change", "Зміна номера телефону"),
    (
        "js.app.signed_in_as",
        "Ви ввійшли як {username}. Підключіть застосунок, щоб підтверджувати вхід push-сповіщеннями.",
    ),
    ("js.app.sign_in_to_link", "Щоб підключити застосунок до довіреного профілю, увійдіть."),
    (
        "js.app.code_sent",
        "До вашого профілю вже підключено застосунок mObywatel. Щоб підключити цей, введіть код, який ми надіслали на номер {phone}.",
    ),
    ("js.app.link_denied", "Підключення відхилено в поточному застосунку. Цей застосунок не підключено."),
    ("js.app.link_expired", "Час на підтвердження минув. Цей застосунок не підключено — спробуйте ще раз."),
    ("js.app.request_times", "Надіслано о {at}, дійсно до {until}. Якщо це не ви входите, відхиліть запит."),
    ("js.app.pick_number", "Виберіть число, яке бачите в браузері:"),
    ("js.app.choose_number", "Вибрати {number}"),
    ("js.app.reject", "Це був не я — відхилити"),
    ("js.app.approved", "Підтверджено."),
    ("js.app.rejected", "Відхилено."),
}
