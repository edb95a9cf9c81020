#[allow(unused_imports)]
use super::super::*;

pub(super) const TEXTS: &[(&str, &str)] = &[
    ("bank.title", "Довірений профіль через банк або Envelo — Profil Zaufany"),
    ("bank.heading", "Створіть довірений профіль (Profil Zaufany) через банк або Envelo"),
    (
        "bank.gone_text",
        "Дані з банку або з Envelo втратили чинність або ще не надійшли. Увійдіть у банку або в Envelo ще раз.",
    ),
    ("bank.gone_back", "Повернутися до вибору банку"),
    ("bank.vouched_heading", "Дані, підтверджені через <span id=\"provider\"></span>"),
    ("bank.vouched_note", "Ці дані не можна змінити: їх підтвердив ваш банк або Envelo."),
    ("bank.account_heading", "Дані для входу та контактні дані"),
    ("bank.username_label", "Ім'я користувача"),
    (
        "bank.username_hint",
        "Латинські літери без польських діакритичних знаків, цифри, підкреслення (_) і дефіс (-); без пробілів і \
         крапок.",
    ),
    ("bank.password_label", "Пароль"),
    (
        "bank.password_hint",
        formatcp!(
            "Щонайменше {}: велика й мала літери, а також цифра або спеціальний символ; без імені користувача.",
            count!(password::MIN_CHARS, "символ", "символи", "символів")
        ),
    ),
    ("bank.email_label", "Адреса електронної пошти"),
    ("bank.phone_label", "Номер мобільного телефону"),
    (
        "bank.phone_hint",
        "На цей номер ми надішлемо код авторизації. Іноземний номер укажіть разом із телефонним кодом країни.",
    ),
    ("bank.next", "Далі"),
    ("bank.code_heading", "Код авторизації"),
    ("bank.code_label", "Код із SMS"),
    ("bank.resend", "Надіслати код ще раз"),
    ("bank.done_heading", "Ваш довірений профіль активний"),
    ("bank.email_sent", "Ми надіслали підтвердження на вашу адресу електронної пошти."),
    ("bank.sign_in", "Увійти за допомогою довіреного профілю"),
    ("js.bank.first_name", "Ім'я"),
    ("js.bank.last_name", "Прізвище"),
    ("js.bank.pesel", "Номер PESEL"),
    (
        "js.bank.code_sent",
        formatcp!(
            "Ми надіслали SMS із кодом на номер {{phone}}. Код дійсний {CODE_VALIDITY}. Введіть його нижче й \
             натисніть «Далі»."
        ),
    ),
    ("js.bank.send_failed", "Не вдалося надіслати код."),
    ("js.bank.offline", "Немає з’єднання із сервером."),
    ("js.bank.fix_fields", "Виправте позначені поля."),
    (
        "js.bank.done",
        "Тепер ви можете входити за його допомогою до сервісів публічної адміністрації. Профіль дійсний до {date}.",
    ),
    ("js.bank.wrong_code", "Неправильний код."),
];
