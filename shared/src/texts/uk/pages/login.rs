#[allow(unused_imports)]
use super::super::*;
use crate::domain::signin::PUSH_LIFETIME;

page_words! {
    ("login.title", "Вхід — Profil Zaufany"),
    ("login.heading", "Увійдіть за допомогою довіреного профілю (Profil Zaufany)"),
    ("login.login_label", "Ім'я користувача або адреса електронної пошти"),
    ("login.password_label", "Пароль"),
    ("login.next", "Далі"),
    ("login.forgot_password", "Забули пароль?"),
    ("login.forgot_username", "Забули ім'я користувача?"),
    ("login.bank_heading", "Увійдіть через банк або Envelo"),
    (
        "login.bank_text",
        "Увійдіть так само, як ви входите до свого банку або Envelo. Ваш довірений профіль ми знайдемо за номером \
         PESEL, який передасть банк або Envelo.",
    ),
    ("login.code_heading", "Введіть код із SMS"),
    ("login.code_label", "Код авторизації"),
    ("login.back", "Назад"),
    ("login.confirm", "Підтвердити"),
    ("login.push_heading", "Підтвердьте вхід у застосунку mObywatel"),
    ("login.push_pick", "Відкрийте застосунок mObywatel і виберіть це число:"),
    ("login.time_left", "Залишилося часу:"),
    (
        "login.push_hint",
        formatcp!(
            "Не бачите сповіщення? Відкрийте застосунок — запит чекає там {}. Застосунку немає під рукою? \
             Замість цього можна отримати SMS-код на номер телефону, указаний у профілі.",
            count!(minutes(PUSH_LIFETIME), "хвилину", "хвилини", "хвилин")
        ),
    ),
    ("login.cancel", "Скасувати"),
    ("login.send_sms", "Надіслати SMS-код"),
    ("js.login.login_missing", "Введіть ім'я користувача або адресу електронної пошти."),
    ("js.login.password_missing", "Введіть пароль."),
    ("js.login.denied", "Вхід відхилено в застосунку mObywatel (або вибрано інше число)."),
    ("js.login.expired", "Час на підтвердження минув. Увійдіть ще раз."),
    ("js.login.code_sent", formatcp!("Ми надіслали код на номер {{phone}}. Код дійсний {CODE_VALIDITY}.")),
    ("js.login.sms_failed", "Не вдалося надіслати код."),
    ("js.login.for_service", "Зовнішній сервіс просить підтвердити вашу особу. Після входу ви повернетеся до нього."),
}
