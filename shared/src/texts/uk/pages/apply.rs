//! The application for a temporary trusted profile (`web/apply.html`, `web/apply.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("apply.title", "Заява на тимчасовий довірений профіль — Profil Zaufany"),
    ("apply.heading", "Створіть тимчасовий довірений профіль (Profil Zaufany)"),
    ("apply.bank_heading", "Через банк або Envelo"),
    (
        "apply.bank_intro",
        "Маєте рахунок у банку або акаунт в Envelo? Увійдіть туди: банк підтвердить ваші ім'я, прізвище та \
         номер PESEL, і довірений профіль стане активним одразу, без розмови з посадовцем.",
    ),
    (
        "apply.bank_or_form",
        "Або заповніть заяву нижче й підтвердьте свою особу під час відеодзвінка або в пункті підтвердження.",
    ),
    ("apply.steps_label", "Кроки заяви"),
    ("apply.login_heading", "Дані для входу"),
    ("apply.personal_heading", "Особисті дані"),
    ("apply.contact_heading", "Контактні дані"),
    ("apply.slot_heading", "Підтвердження особи"),
    ("apply.step_summary", "Підсумок"),
    ("apply.step_code", "SMS-код"),
    (
        "apply.login_intro",
        "Запам'ятайте ім'я користувача й пароль — ви входитимете за ними. Нікому їх не повідомляйте.",
    ),
    ("apply.username_label", "Ім'я користувача"),
    (
        "apply.username_hint",
        "Латинські літери без діакритичних знаків, цифри, підкреслення (_) і дефіс (-); без пробілів і крапок. \
         Великі й малі літери розрізняються.",
    ),
    ("apply.password_label", "Пароль"),
    ("apply.rule_length", formatcp!("щонайменше {}", count!(password::MIN_CHARS, "символ", "символи", "символів"))),
    ("apply.rule_upper", "одна велика літера"),
    ("apply.rule_lower", "одна мала літера"),
    ("apply.rule_digit", "одна цифра або один спеціальний символ"),
    ("apply.rule_username", "не містить імені користувача"),
    ("apply.password_common", "Не використовуйте поширених паролів — такі паролі ми відхилимо після надсилання заяви."),
    ("apply.next", "Далі"),
    ("apply.first_name_label", "Ім'я"),
    ("apply.second_name_label", "Друге ім'я (якщо є)"),
    ("apply.last_name_label", "Прізвище"),
    ("apply.pesel_label", "Номер PESEL"),
    ("apply.back", "Назад"),
    ("apply.email_label", "Адреса електронної пошти"),
    ("apply.phone_label", "Номер мобільного телефону"),
    (
        "apply.phone_hint",
        "На цей номер ми надішлемо код авторизації. Іноземний номер вказуйте з кодом країни, \
         наприклад +380 67 123 4567.",
    ),
    ("apply.way_legend", "Як ви підтвердите свою особу?"),
    ("apply.way_video", "Під час відеодзвінка з посадовцем"),
    ("apply.way_office", "Особисто в пункті підтвердження"),
    ("apply.video_heading", "Час відеодзвінка"),
    (
        "apply.video_note",
        "<strong>Увага:</strong> для дзвінка вам потрібен пристрій (телефон, планшет або ноутбук) із камерою \
         та мікрофоном. Без нього дзвінок не відбудеться.",
    ),
    ("apply.slot_legend", "Виберіть час"),
    ("apply.slots_loading", "Завантажуємо час дзвінків…"),
    ("apply.app_legend", "Виберіть безкоштовний застосунок для дзвінка"),
    ("apply.office_heading", "Пункт підтвердження"),
    (
        "apply.office_note",
        formatcp!(
            "<strong>Увага:</strong> після надсилання заяви у вас є <strong>{OFFICE_DAYS}</strong>, щоб прийти \
             до пункту підтвердження з посвідченням особи (ID-карткою) або паспортом і номером заяви з \
             електронного листа. Після цього заява втратить чинність."
        ),
    ),
    ("apply.point_legend", "Виберіть пункт підтвердження"),
    ("apply.points_loading", "Завантажуємо пункти підтвердження…"),
    ("apply.summary_heading", "Підсумок заяви"),
    ("apply.summary_intro", "Перевірте всі свої дані. Переконайтеся, що вони правильні."),
    ("apply.send", "Надіслати заяву"),
    ("apply.code_heading", "Код авторизації"),
    ("apply.code_sent", "Ми надіслали SMS із кодом."),
    ("apply.code_label", "Код з SMS"),
    ("apply.resend", "Надіслати код ще раз"),
    ("apply.done_heading", "Заяву надіслано"),
    ("apply.done_emails", "На вашу адресу електронної пошти ми надішлемо два листи:"),
    ("apply.done_email_account", "підтвердження створення акаунта в сервісі Profil Zaufany;"),
    ("apply.done_email_application", "підтвердження надсилання заяви — з <strong>номером заяви</strong>."),
    (
        "apply.done_important",
        "<strong>ВАЖЛИВО!</strong> Номер заяви знадобиться під час розмови з посадовцем. Посадовець назве вам \
         номер вашої заяви — перевірте, чи збігається він із номером з електронного листа. <strong>Нікому не \
         повідомляйте цей номер!</strong>",
    ),
    ("apply.done_next", "Перед дзвінком ви отримаєте електронний лист із посиланням на відеодзвінок."),
    // apply.js
    ("js.apply.label_username", "Ім'я користувача"),
    ("js.apply.label_first_name", "Ім'я"),
    ("js.apply.label_second_name", "Друге ім'я"),
    ("js.apply.label_last_name", "Прізвище"),
    ("js.apply.label_pesel", "PESEL"),
    ("js.apply.label_email", "Електронна пошта"),
    ("js.apply.label_phone", "Телефон"),
    ("js.apply.label_slot_id", "Час дзвінка"),
    ("js.apply.label_video_app", "Застосунок для дзвінка"),
    ("js.apply.label_point_id", "Пункт підтвердження"),
    (
        "js.apply.username_invalid",
        formatcp!(
            "Ім'я користувача: {}–{} {}, лише латинські літери без діакритичних знаків, цифри, _ і -.",
            username::MIN_LEN,
            username::MAX_LEN,
            plural(username::MAX_LEN as i64, "символ", "символи", "символів")
        ),
    ),
    ("js.apply.password_invalid", "Пароль не відповідає всім правилам, наведеним під полем."),
    ("js.apply.first_name_missing", "Введіть ім'я."),
    ("js.apply.last_name_missing", "Введіть прізвище."),
    ("js.apply.pesel_invalid", field::PESEL_FORMAT),
    ("js.apply.email_invalid", "Введіть правильну адресу електронної пошти."),
    ("js.apply.phone_invalid", "Введіть номер мобільного телефону (9 цифр)."),
    ("js.apply.point_missing", "Виберіть пункт підтвердження."),
    ("js.apply.slot_missing", "Виберіть час дзвінка."),
    ("js.apply.app_missing", "Виберіть застосунок для дзвінка."),
    ("js.apply.fix_fields", "Виправте позначені поля."),
    ("js.apply.slots_failed", "Не вдалося завантажити час дзвінків."),
    ("js.apply.no_slots", "Вільного часу немає. Спробуйте пізніше."),
    ("js.apply.slot", "{when} (вільних місць: {free})"),
    ("js.apply.slot_demo", "{when} (вільних місць: {free}) — демонстраційний час"),
    ("js.apply.points_failed", "Не вдалося завантажити пункти підтвердження."),
    ("js.apply.no_points", "Пунктів підтвердження немає. Виберіть відеодзвінок."),
    ("js.apply.point_address", "{address}. Години прийому: {hours}"),
    ("js.apply.edit", "змінити"),
    ("js.apply.edit_label", "Змінити: {field}"),
    (
        "js.apply.code_sent",
        formatcp!(
            "Ми надіслали SMS із кодом на номер {{phone}}. Код дійсний {CODE_VALIDITY}. Введіть його нижче \
             й натисніть «Далі»."
        ),
    ),
    ("js.apply.send_failed", "Не вдалося надіслати код."),
    ("js.apply.code_kept", "{message} Код прийнято — виберіть інший час і надішліть заяву ще раз."),
    ("js.apply.important", "ВАЖЛИВО!"),
    (
        "js.apply.office_number",
        "Номер заяви знадобиться в пункті підтвердження: покажіть його посадовцю разом із посвідченням особи \
         (ID-карткою) або паспортом.",
    ),
    ("js.apply.office_secret", "Не повідомляйте цей номер нікому, крім посадовця в пункті!"),
    (
        "js.apply.office_deadline",
        // Not "… {until}.": the Ukrainian date ends with "р." of its own.
        "Не пізніше {until} прийдіть із посвідченням особи (ID-карткою) або паспортом до пункту підтвердження. \
         Вибраний пункт: {name}, {address} (години прийому: {hours}).",
    ),
    (
        "js.apply.office_next",
        "Посадовець у пункті знайде вашу заяву за номером PESEL і номером заяви з електронного листа — \
         покажіть йому цей номер.",
    ),
    ("js.apply.call_booked", "Час дзвінка: {when}, застосунок: {app}."),
}
