#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("consent.title", "Згода на передачу даних — Profil Zaufany"),
    ("consent.heading", "Згода на передачу даних"),
    (
        "consent.hint",
        "Ми запам'ятаємо вашу згоду. Ви можете будь-коли відкликати її на сторінці «Дані профілю», у розділі \
         «Підключені сервіси» («Відкликати доступ»).",
    ),
    ("consent.deny", "Скасувати"),
    ("consent.allow", "Погоджуюся"),
    (
        "consent.no_request",
        "Ця сторінка з'являється, коли зовнішній сервіс просить дані з вашого довіреного профілю (Profil Zaufany). \
         Поверніться до сервісу й увійдіть ще раз.",
    ),
    ("consent.to_profile", "Перейти до даних профілю"),
    ("js.consent.scope_openid", "ідентифікатор, за яким сервіс упізнаватиме вас під час наступних входів"),
    ("js.consent.scope_profile", "ім'я, прізвище й дата народження"),
    ("js.consent.scope_email", "адреса електронної пошти"),
    ("js.consent.scope_phone", "номер мобільного телефону"),
    ("js.consent.scope_pesel", "номер PESEL"),
    ("js.consent.question", "Сервіс {service} хоче отримати з вашого довіреного профілю (Profil Zaufany):"),
    ("js.consent.scope_new", "{scope} (нове)"),
}
