//! Ukrainian: the same things the Polish catalogue says, in standard literary Ukrainian
//! (docs/languages.md: polite «ви» in lower case, «…» quotes, the glossary's terms and the
//! pages' button names).
//!
//! A number a sentence states (how long a code is valid, how many tries…) is the
//! domain's constant, put in at compile time, as in Polish: the texts stay `&'static str`,
//! and changing the rule changes the sentence in every language.
//!
//! Ukrainian SMS go as UCS-2, so one SMS holds only 70 characters: they are terse, and the
//! security notifications leave the date to the email (`tests::every_sms_fits_one_message`).

use const_format::formatcp;

use super::{call_app, days, hours, minutes, Catalogue, Email, Letters, Sentences, PROFILE_YEARS};
use super::{Errors, Field, Idp, RecoveryField, SigninField};
use crate::domain::application::{NO_SHOW_LIFETIME, REASON_MAX_CHARS, REASON_MIN_CHARS};
use crate::domain::office::OFFICE_LIFETIME;
use crate::domain::signin::{CHOICES, PUSHES_PER_WINDOW, PUSH_WINDOW};
use crate::domain::slot::{
    BOOKING_HORIZON, GRID_MINUTES, MAX_AHEAD, MAX_CAPACITY, MAX_LENGTH, MIN_CAPACITY, MIN_LENGTH,
};
use crate::domain::sms_code::{DIGITS as CODE_DIGITS, HOUR as CODE_HOUR, TRIES_PER_CODE, VALID_FOR as CODE_VALID_FOR};
use crate::domain::video_app::CallLink;
use crate::domain::{attempts, clerk, name, password, username};
use crate::domain::{Application, IdempotencyKey, PushToken};

/// The form of a Ukrainian word after the number `n`: `one` after 1, 21, 31… (not 11);
/// `few` after 2–4, 22–24, 32–34… (not 12–14); `many` after the rest, 0 and 11–14
/// included. The caller gives the forms in the case its sentence needs: "дійсний 5 хвилин"
/// wants `("хвилину", "хвилини", "хвилин")`, "протягом 15 хвилин" wants
/// `("хвилини", "хвилин", "хвилин")`; a verb agrees the same way
/// (`("залишилася", "залишилися", "залишилося")`).
const fn plural(n: i64, one: &'static str, few: &'static str, many: &'static str) -> &'static str {
    let n = if n < 0 { -n } else { n };
    if n % 10 == 1 && n % 100 != 11 {
        one
    } else if matches!(n % 10, 2..=4) && !matches!(n % 100, 12..=14) {
        few
    } else {
        many
    }
}

/// A number and its noun, at compile time: `count!(5_i64, "хвилину", "хвилини", "хвилин")`
/// is "5 хвилин".
macro_rules! count {
    ($n:expr, $one:literal, $few:literal, $many:literal) => {
        formatcp!("{} {}", $n, plural($n as i64, $one, $few, $many))
    };
}

/// "від 3 до 64 символів": the noun follows the upper bound, in the genitive after «до»
/// ("до 1 символу", "до 4 символів").
macro_rules! range {
    ($min:expr, $max:expr, $one:literal, $many:literal) => {
        formatcp!("від {} до {} {}", $min, $max, plural($max as i64, $one, $many, $many))
    };
}

/// A span said as Ukrainian says it, with no "1": "через годину", "протягом години", but
/// "протягом 15 хвилин".
macro_rules! span {
    ($n:expr, $one:literal, $few:literal, $many:literal) => {
        if $n == 1 {
            $one
        } else {
            count!($n, $one, $few, $many)
        }
    };
}

/// "одне з трьох": the genitive numeral (for the few counts of choices a screen can show).
const fn genitive_numeral(n: usize) -> &'static str {
    match n {
        2 => "двох",
        3 => "трьох",
        4 => "чотирьох",
        5 => "п'яти",
        _ => panic!("no word for this many choices: add it"),
    }
}

/// "дійсний 5 хвилин"
const CODE_VALIDITY: &str = count!(minutes(CODE_VALID_FOR), "хвилину", "хвилини", "хвилин");
/// "(5 хв)": the same validity, short, for the SMS (70 characters in UCS-2).
const CODE_VALIDITY_SMS: &str = formatcp!("({} хв)", minutes(CODE_VALID_FOR));
/// "не більше ніж на 30 днів наперед"
const BOOKING_DAYS: &str = count!(days(BOOKING_HORIZON), "день", "дні", "днів");
/// "не пізніше ніж через 7 днів після вибраного часу"
const NO_SHOW_DAYS: &str = count!(days(NO_SHOW_LIFETIME), "день", "дні", "днів");
/// "через 14 днів після надсилання" (the Polish says "14 dni" in words of its own).
const OFFICE_DAYS: &str = count!(days(OFFICE_LIFETIME), "день", "дні", "днів");
/// "протягом 14 днів"
const OFFICE_WITHIN: &str = count!(days(OFFICE_LIFETIME), "дня", "днів", "днів");
/// "діяв 3 роки", "діятиме 3 роки"
const PROFILE_VALIDITY: &str = count!(PROFILE_YEARS, "рік", "роки", "років");

const NOT_FOUND: &str = "Заяву не знайдено.";
const INTERNAL: &str = "Сталася помилка на нашому боці. Спробуйте ще раз трохи згодом.";
const UNAVAILABLE: &str = "Послуга тимчасово недоступна. Спробуйте ще раз трохи згодом.";
const BUSY: &str = "Зараз ті самі дані змінюють кілька запитів одночасно. Спробуйте ще раз трохи згодом.";
const SMS_UNAVAILABLE: &str = "Не вдалося надіслати SMS. Спробуйте ще раз трохи згодом.";
const INVALID_JSON: &str = "Неправильні дані: тіло запиту не є коректним JSON.";
const NOT_AN_OBJECT: &str = "Неправильні дані: очікувався об'єкт JSON.";
const BAD_IDEMPOTENCY_KEY: &str = formatcp!(
    "Неправильний заголовок Idempotency-Key: потрібно {} ASCII без пробілів.",
    range!(IdempotencyKey::MIN, IdempotencyKey::MAX, "символу", "символів")
);
const IDEMPOTENCY_KEY_REUSED: &str =
    "Цю заяву вже надіслано з іншими даними. Оновіть сторінку й заповніть заяву ще раз.";
const CONTENT_TYPE: &str = "Неправильні дані: потрібен заголовок Content-Type: application/json.";
const TOO_LARGE: &str = "Надіслані дані завеликі (максимум 16 КіБ).";
const NOT_AUTHORISED: &str = "Сеанс завершився або ще не розпочався. Почніть подавати заяву спочатку.";
const CSRF: &str = "Захисний токен (CSRF) відсутній або неправильний. Оновіть сторінку й спробуйте ще раз.";
const ROUTE_NOT_FOUND: &str = "Такої сторінки немає.";
const METHOD_NOT_ALLOWED: &str = "Цей метод не підтримується за цією адресою.";
const NO_CALL: &str = "Цю заяву підтверджують у пункті підтвердження, тому відеодзвінка немає.";
const SLOT_FULL: &str = "Вибраний час дзвінка вже зайнятий. Виберіть інший час.";
/// Shown only after the SMS code proved the phone (docs/rules.md §8.4), with the way to report a
/// stranger's application or profile.
const PESEL_TAKEN: &str = formatcp!(
    "Для цього номера PESEL уже є відкрита заява або активний довірений профіль. \
Якщо заяву подали або профіль створили не ви, повідомте про це в установі, показавши посвідчення особи (ID-картку). \
Заяву, яку подала інша людина, не схвалять без посадовця, який перевірить документ, що посвідчує особу (під час \
відеодзвінка або в пункті підтвердження): вона втратить чинність не пізніше ніж через {NO_SHOW_DAYS} після \
вибраного часу дзвінка (час можна вибирати не більше ніж на {BOOKING_DAYS} наперед) або через {OFFICE_DAYS} після \
надсилання, якщо вибрано пункт підтвердження, — і тоді ваш PESEL знову буде вільний."
);
const PHONE_TAKEN: &str = "На цей номер телефону вже подано заяву, яка чекає на підтвердження особи. \
На один номер телефону може бути лише одна відкрита заява.";
const USERNAME_TAKEN: &str = "Це ім'я користувача вже зайняте. Виберіть інше.";
const EMAIL_TAKEN: &str = "Ця адреса електронної пошти вже використовується в іншій заяві або профілі.";
const ALREADY_SUBMITTED: &str = "Цю заяву вже надіслано.";
const APPLICATION_EXPIRED: &str = "Час на підтвердження заяви SMS-кодом минув. Подайте заяву ще раз.";
const WRONG_STATE: &str = "Цю дію не можна виконати, поки заява в поточному стані.";
const CODE_NONE: &str = "Код ще не надіслано. Натисніть «Надіслати код ще раз».";
const CODE_EXPIRED: &str = formatcp!("Строк дії коду минув (код дійсний {CODE_VALIDITY}). Попросіть новий код.");
const CODE_DEAD: &str = formatcp!(
    "Неправильний код введено {}. Цей код уже недійсний — попросіть новий.",
    count!(TRIES_PER_CODE, "раз", "рази", "разів")
);
const CODE_USED: &str = "Цей код уже використано.";
const TOO_MANY_SENDS: &str = formatcp!(
    "Протягом {} уже надіслано {}. Спробуйте ще раз пізніше.",
    span!(hours(CODE_HOUR), "години", "годин", "годин"),
    count!(crate::domain::sms_code::SENDS_PER_HOUR, "код", "коди", "кодів")
);
const BLOCKED: &str = formatcp!(
    "Забагато неправильних кодів. Новий код можна буде отримати через {}.",
    span!(hours(CODE_HOUR), "годину", "години", "годин")
);

/// Messages about one form field.
mod field {
    use super::*;

    pub(super) const PESEL_FORMAT: &str = "PESEL має складатися з 11 цифр.";
    pub(super) const PESEL_CHECKSUM: &str = "Неправильний номер PESEL: контрольна цифра не збігається.";
    pub(super) const PESEL_DATE: &str = "Неправильний номер PESEL: він містить дату народження, якої не існує.";
    pub(super) const PESEL_FUTURE: &str = "Неправильний номер PESEL: дата народження в майбутньому.";
    pub(super) const USERNAME_NON_ASCII: &str =
        "Ім'я користувача не може містити кирилиці, польських літер (ą, ę, ł…) та інших знаків поза латиницею.";
    pub(super) const USERNAME_SPACE: &str = "Ім'я користувача не може містити пробілів.";
    pub(super) const USERNAME_DOT: &str = "Ім'я користувача не може містити крапки.";
    pub(super) const USERNAME_SPECIAL: &str =
        "Ім'я користувача може містити лише латинські літери, цифри, підкреслення (_) і дефіс (-).";
    pub(super) const USERNAME_LENGTH: &str = formatcp!(
        "Ім'я користувача має містити {}.",
        range!(username::MIN_LEN, username::MAX_LEN, "символу", "символів")
    );
    pub(super) const PASSWORD_SHORT: &str =
        formatcp!("Пароль має містити щонайменше {}.", count!(password::MIN_CHARS, "символ", "символи", "символів"));
    pub(super) const PASSWORD_CONTROL: &str =
        "Пароль не може містити керувальних символів (наприклад, табуляції чи переходу на новий рядок).";
    pub(super) const PASSWORD_LONG: &str =
        formatcp!("Пароль може містити щонайбільше {}.", count!(password::MAX_CHARS, "символ", "символи", "символів"));
    pub(super) const PASSWORD_NO_UPPER: &str = "Пароль має містити щонайменше одну велику літеру.";
    pub(super) const PASSWORD_NO_LOWER: &str = "Пароль має містити щонайменше одну малу літеру.";
    pub(super) const PASSWORD_NO_DIGIT: &str = "Пароль має містити щонайменше одну цифру або один спеціальний символ.";
    pub(super) const PASSWORD_HAS_USERNAME: &str = "Пароль не може містити імені користувача.";
    pub(super) const PASSWORD_COMMON: &str =
        "Цей пароль надто поширений (він є в списку найчастіше використовуваних паролів). Виберіть інший.";
    pub(super) const NAME_EMPTY: &str = "Це поле обов'язкове.";
    pub(super) const NAME_LONG: &str =
        formatcp!("Значення може містити щонайбільше {}.", count!(name::MAX_CHARS, "символ", "символи", "символів"));
    pub(super) const NAME_SCRIPT: &str =
        "Пишіть латинськими літерами — так, як у посвідченні особи (ID-картці) або паспорті.";
    pub(super) const NAME_CHARS: &str = "Дозволено лише літери, пробіл, дефіс (-) і апостроф (').";
    pub(super) const EMAIL_FORMAT: &str =
        "Введіть правильну адресу електронної пошти, наприклад olena.kovalenko@example.pl.";
    pub(super) const EMAIL_LONG: &str = "Адреса електронної пошти задовга.";
    pub(super) const PHONE_FORMAT: &str = "Введіть номер мобільного телефону: польський (9 цифр, наприклад 500 100 200) або іноземний із кодом країни (наприклад +380 67 123 4567).";
    pub(super) const PHONE_NOT_MOBILE: &str = "Це не номер мобільного телефону — на цей номер ми не надішлемо SMS.";
    pub(super) const VIDEO_APP: &str = "Виберіть один із запропонованих застосунків для відеодзвінка.";
    pub(super) const CONFIRMATION: &str =
        "Виберіть, як ви підтвердите свою особу: під час відеодзвінка або в пункті підтвердження.";
    pub(super) const CONFIRMATION_MIXED: &str = "Виберіть щось одне: час відеодзвінка або пункт підтвердження.";
    pub(super) const APPLICATION_NUMBER: &str =
        "Введіть номер заяви, який показує громадянин (наприклад ABCD-EFGH-IJKL).";
    pub(super) const POINT_UNKNOWN: &str = "Виберіть пункт підтвердження зі списку.";
    pub(super) const SLOT_UNKNOWN: &str = "Виберіть час дзвінка зі списку.";
    pub(super) const SLOT_PAST: &str = "Цей час уже минув. Виберіть інший.";
    pub(super) const SLOT_BEYOND_BOOKING: &str =
        formatcp!("Час дзвінка можна забронювати не більше ніж на {BOOKING_DAYS} наперед. Виберіть раніший.");
    pub(super) const CODE_FORMAT: &str =
        formatcp!("Код авторизації — це {}.", count!(CODE_DIGITS, "цифра", "цифри", "цифр"));
    pub(super) const SLOT_TIME: &str = "Вкажіть час у форматі RFC 3339, наприклад 2026-11-24T09:00:00Z.";
    pub(super) const SLOT_GRID: &str = {
        assert!(GRID_MINUTES < 60, "SLOT_GRID's example is within an hour");
        formatcp!(
            "Початок і кінець часу дзвінка мають іти з кроком у {} (наприклад 9:00, 9:{}{}).",
            count!(GRID_MINUTES, "хвилину", "хвилини", "хвилин"),
            if GRID_MINUTES < 10 { "0" } else { "" },
            GRID_MINUTES
        )
    };
    pub(super) const SLOT_LENGTH: &str = formatcp!(
        "Час дзвінка має тривати {} і закінчуватися після початку.",
        range!(minutes(MIN_LENGTH), minutes(MAX_LENGTH), "хвилини", "хвилин")
    );
    pub(super) const SLOT_TOO_FAR: &str = formatcp!(
        "Час дзвінка можна публікувати не більше ніж на {} наперед.",
        count!(days(MAX_AHEAD), "день", "дні", "днів")
    );
    pub(super) const SLOT_CAPACITY: &str =
        formatcp!("Кількість місць (посадовців на чергуванні) має бути від {MIN_CAPACITY} до {MAX_CAPACITY}.");
    pub(super) const CHECK_DATA: &str = "Підтвердьте, що громадянин підтвердив правдивість і актуальність даних.";
    pub(super) const CHECK_RULES: &str = "Підтвердьте, що громадянину пояснено правила тимчасового довіреного профілю.";
    pub(super) const CHECK_ID: &str = "Підтвердьте, що документ, який посвідчує особу, перевірено.";
    pub(super) const REASON: &str = formatcp!(
        "Вкажіть причину відхилення ({}, без керувальних символів).",
        range!(REASON_MIN_CHARS, REASON_MAX_CHARS, "символу", "символів")
    );
    pub(super) const CALL_URL: &str = formatcp!(
        "Вкажіть посилання на дзвінок, що починається з https:// (щонайбільше {}).",
        count!(CallLink::MAX_LEN, "символ", "символи", "символів")
    );
    pub(super) const DATE: &str = "Вкажіть дату у форматі РРРР-ММ-ДД.";
    pub(super) const TOKEN: &str = "Посилання для зміни часу дзвінка неправильне.";
}

/// "06.12.2026 о 09:00 (за польським часом)"
fn when(slot_start: chrono::DateTime<chrono::Utc>) -> String {
    // Times are shown in Polish time; CET/CEST is approximated by the EU rule.
    crate::domain::time::polish_time(slot_start).format("%d.%m.%Y о %H:%M (за польським часом)").to_string()
}

/// The application waits for the citizen to come to a confirmation point.
fn office_application_sent_email(app: &Application, point: &crate::domain::ConfirmationPoint) -> Email {
    let until = app.review.expires_at.map(date).unwrap_or_default();
    Email {
        subject: "Заяву на тимчасовий довірений профіль надіслано".into(),
        body: format!(
            "Добрий день, {name}!\n\n\
             Вашу заяву на тимчасовий довірений профіль (Profil Zaufany) надіслано.\n\n\
             Номер заяви: {number}\n\n\
             Прийдіть до пункту підтвердження протягом {OFFICE_WITHIN}, не пізніше {until}, \
             із посвідченням особи (ID-карткою) або паспортом. Посадовець знайде вашу заяву за номером \
             PESEL і номером заяви — покажіть йому цей номер. Нікому, крім посадовця в пункті \
             підтвердження, не повідомляйте цього номера!\n\n\
             Вибраний пункт: {point}\n\
             Адреса: {address}\n\
             Години прийому: {hours}\n\
             Ви також можете прийти до іншого пункту підтвердження.\n\n\
             Якщо ви не прийдете в цей строк, заява втратить чинність.\n\n\
             Profil Zaufany",
            name = app.first_name.as_str(),
            number = app.number.reveal(),
            point = point.name,
            address = point.address,
            hours = point.hours,
        ),
    }
}

/// The video call's start and app ("" for an office application, which has neither).
fn call_when(app: &Application) -> String {
    app.slot.as_ref().map(|s| when(s.start)).unwrap_or_default()
}

/// "06.12.2026"
fn date(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::domain::time::polish_time(t).format("%d.%m.%Y").to_string()
}

const SAME_EMAIL: &str = "Це вже адреса електронної пошти вашого профілю.";
const SAME_PHONE: &str = "Це вже номер телефону вашого профілю.";

const BAD_CREDENTIALS: &str = "Неправильне ім'я користувача або пароль.";
/// After five failed sign-ins with one login, known or not: nothing here says whether it exists.
const LOGIN_LOCKED: &str = formatcp!(
    "Забагато невдалих спроб входу з цим логіном. Спробуйте ще раз через {}.",
    count!(minutes(attempts::PASSWORD.window), "хвилину", "хвилини", "хвилин")
);
const SOURCE_LIMIT: &str = "Забагато спроб із цієї IP-адреси за короткий час. Спробуйте ще раз пізніше.";
/// Every refused clerk sign-in (unknown, disabled, wrong password or code, slowed down):
/// nothing here says which.
const CLERK_BAD_CREDENTIALS: &str = formatcp!(
    "Неправильне ім'я користувача, пароль або код із застосунку. Після кількох невдалих спроб наступна можлива через {}.",
    count!(clerk::PER_ACCOUNT_FROM_SOURCE.trickle.window.num_seconds(), "секунду", "секунди", "секунд")
);
const CLERK_REQUIRED: &str = "Увійдіть у панель посадовця.";
const NOT_A_CLERK: &str = "Ця сторінка доступна лише посадовцям.";
const ALREADY_DECIDED: &str = "Цю заяву вже розглянуто.";
const NOT_SUBMITTED: &str = "Цю заяву ще не підтверджено SMS-кодом.";
const APPLICATION_EXPIRED_NO_SHOW: &str = "Ця заява втратила чинність.";
const SLOT_NOT_PASSED: &str = "Час дзвінка ще не минув — зараз його не можна змінити.";
const REBOOK_USED: &str = "Час дзвінка можна змінити лише один раз.";
const SLOT_OVERLAP: &str = "Цей час дзвінка перетинається з іншим, уже опублікованим. Змініть години або збільште \
кількість місць у тому часі дзвінка.";

// ---------- signing in (docs/rules.md §2) ----------

const PROFILE_EXPIRED: &str = formatcp!(
    "Строк дії вашого довіреного профілю минув (профіль діяв {PROFILE_VALIDITY}). Щоб і далі користуватися послугами, \
створіть новий довірений профіль."
);
const PROFILE_NOT_CONFIRMED: &str = "Посадовець ще не підтвердив ваш довірений профіль. Ви зможете увійти, коли \
посадовець підтвердить вашу особу (під час відеодзвінка або в пункті підтвердження).";
const PROFILE_CLOSED: &str =
    "Цей довірений профіль не активний. Щоб користуватися послугами, створіть новий довірений профіль.";
const LOGIN_REQUIRED: &str = "Увійдіть за допомогою довіреного профілю.";
const CHALLENGE_EXPIRED: &str = "Час на підтвердження минув. Увійдіть ще раз.";
const CHALLENGE_ANSWERED: &str = "Цей запит уже оброблено.";
const CHALLENGE_NOT_FOUND: &str = "Запит на вхід не знайдено. Увійдіть ще раз.";
const NO_DEVICE: &str =
    "Спершу підключіть застосунок mObywatel до довіреного профілю — лише тоді можна вибрати push-сповіщення.";
const PUSH_LIMIT: &str = formatcp!(
    "Протягом {} уже надіслано {}. Спробуйте ще раз пізніше.",
    span!(minutes(PUSH_WINDOW), "хвилини", "хвилин", "хвилин"),
    count!(PUSHES_PER_WINDOW, "push-сповіщення", "push-сповіщення", "push-сповіщень")
);
const PUSH_UNAVAILABLE: &str = "Не вдалося зареєструвати пристрій для push-сповіщень. Спробуйте ще раз пізніше.";
const DEVICE_REQUIRED: &str = "Секрет пристрою відсутній або неправильний (заголовок Authorization: Device …).";
const WRONG_METHOD: &str = "Цей запит підтверджують у застосунку mObywatel, а не SMS-кодом.";

mod signin_field {
    use super::*;

    pub(super) const LOGIN: &str = "Введіть ім'я користувача або адресу електронної пошти.";
    pub(super) const PASSWORD: &str = "Введіть пароль.";
    pub(super) const METHOD: &str = "Виберіть спосіб авторизації: sms або push.";
    pub(super) const PLATFORM: &str = "Платформа пристрою — android або ios.";
    pub(super) const PUSH_TOKEN: &str =
        formatcp!("Вкажіть токен сповіщень пристрою ({}).", range!(1_usize, PushToken::MAX_LEN, "символу", "символів"));
    pub(super) const MATCH_NUMBER: &str = formatcp!("Виберіть одне з {} чисел.", genitive_numeral(CHOICES));
}

// ---------- a profile's life (docs/rules.md §5) ----------

/// "дійсне 30 хвилин"
const RECOVERY_LINK_VALIDITY: &str =
    count!(minutes(crate::domain::recovery::LINK_VALID_FOR), "хвилину", "хвилини", "хвилин");

const RECOVERY_LINK_DEAD: &str = "Це посилання для зміни пароля застаріло, уже використане або неповне. \
Попросіть нове посилання на сторінці входу («Забули пароль?»).";

mod recovery_field {
    pub(super) const TOKEN: &str = "У посиланні немає токена. Відкрийте посилання з листа ще раз.";
}

const WRONG_CURRENT_PASSWORD: &str = "Поточний пароль неправильний.";

/// "Якщо це були не ви…" with the «Це був не я» link, in every security notification.
fn not_me_paragraph(link: &str) -> String {
    format!(
        "Якщо це були не ви, натисніть «Це був не я»:\n{link}\n\
         Посилання дійсне {DISAVOW_LINK_VALIDITY}. Тоді ми завершимо всі сеанси, від'єднаємо \
         застосунок mObywatel і заблокуємо вхід за паролем, доки ви не встановите новий через \
         «Забули пароль?». Нікому не повідомляйте ні кодів із SMS, ні пароля.\n\n"
    )
}

/// "дійсне 10 днів"
const DISAVOW_LINK_VALIDITY: &str = count!(days(crate::domain::disavow::LINK_VALID_FOR), "день", "дні", "днів");

const DISAVOW_LINK_DEAD: &str = "Це посилання «Це був не я» застаріло, уже використане або неповне. Якщо хтось \
змінює ваш профіль, встановіть новий пароль через «Забули пароль?» на сторінці входу.";

const PASSWORD_BLOCKED: &str = "Вхід за паролем до цього профілю заблоковано після повідомлення «Це був не я». \
Встановіть новий пароль через «Забули пароль?» і увійдіть знову.";

const OIDC_BAD_REQUEST: &str = "Неправильний запит на вхід від зовнішнього сервісу.";
const OIDC_BAD_CLIENT: &str =
    "Сервіс, з якого надійшов запит на вхід, не зареєстрований або вказав неправильну адресу повернення.";
const OIDC_REFUSED: &str = "Зовнішній сервіс не отримав даних для входу.";
const OIDC_BAD_LOGOUT: &str =
    "Сервіс, з якого надійшов запит на вихід, вказав неправильний токен або незареєстровану адресу повернення.";
const CONSENT_DECISION: &str = "Виберіть «Погоджуюся» або «Скасувати».";

/// Signing in or creating a profile through a bank or Envelo (docs/rules.md §1.12). The
/// reasons a trip comes back with (`?idp_error=`) are the pages' own (web/idp.js).
mod idp {
    pub(super) const CLAIMS_MISSING: &str = "Банк або Envelo не передав ваше ім'я, прізвище і номер PESEL. Спробуйте \
ще раз або створіть профіль, заповнивши заяву.";
    pub(super) const BAD_PURPOSE: &str =
        "Неправильне посилання. Поверніться на сторінку входу або заяви і спробуйте ще раз.";
    pub(super) const VOUCHED_GONE: &str = "Дані з банку або Envelo застаріли. Увійдіть у банк або в Envelo ще раз.";
}

/// "Тепер ви можете входити…": where a new profile takes the citizen.
const WHERE_TO_SIGN_IN: &str = "Тепер ви можете входити з ним до сервісів державних установ, наприклад до \
Інтернет-акаунта пацієнта (Internetowe Konto Pacjenta, IKP).";

/// Why an application expired: it waited for a confirmation point in vain.
const EXPIRED_AT_OFFICE: &str =
    formatcp!("протягом {OFFICE_WITHIN} ви не підтвердили свою особу в пункті підтвердження");

pub struct Ukrainian;

impl Catalogue for Ukrainian {
    fn sentences(&self) -> &'static Sentences {
        &SENTENCES
    }

    fn wrong_code(&self, tries_left: u8) -> String {
        let n = i64::from(tries_left);
        let left = plural(n, "залишилася", "залишилися", "залишилося");
        let tries = plural(n, "спроба", "спроби", "спроб");
        format!("Неправильний код. Для цього коду {left} {tries_left} {tries}.")
    }

    fn duplicate_field(&self, name: &str) -> String {
        format!("Неправильні дані: поле «{name}» вказано більше ніж один раз.")
    }

    fn unknown_field(&self, name: &str) -> String {
        format!("Невідоме поле «{name}».")
    }

    fn missing_field(&self, name: &str) -> String {
        format!("Немає обов'язкового поля «{name}».")
    }

    fn wrong_type(&self, name: &str) -> String {
        format!("Поле «{name}» має неправильний тип (очікувався текст).")
    }
}

impl Letters for Ukrainian {
    fn sms_code(&self, code: &str) -> String {
        format!("Profil Zaufany: код авторизації {code} {CODE_VALIDITY_SMS}. Нікому не кажіть.")
    }

    fn account_created_email(&self, app: &Application) -> Email {
        Email {
            subject: "Акаунт у сервісі Profil Zaufany створено".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Підтверджуємо, що ваш акаунт у сервісі Profil Zaufany створено.\n\
                 Ім'я користувача: {user}\n\n\
                 {how}\n\n\
                 Якщо акаунт створювали не ви, просто проігноруйте цей лист.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                user = app.username.as_str(),
                how = match (&app.office, &app.vouched_by) {
                    (_, Some(by)) => format!(
                        "Вашу особу підтверджено через {}, тому ваш довірений профіль (Profil Zaufany) уже \
                         активний. Подробиці ми надіслали окремим листом.",
                        by.name
                    ),
                    (Some(_), _) => "Ваш тимчасовий довірений профіль (Profil Zaufany) почне діяти, коли ви \
                                     підтвердите свою особу в пункті підтвердження. Підтвердження надсилання заяви \
                                     ми надіслали окремим листом."
                        .to_owned(),
                    _ => "Ваш тимчасовий довірений профіль (Profil Zaufany) почне діяти, коли ви підтвердите \
                          свою особу під час відеодзвінка з посадовцем. Підтвердження надсилання заяви ми надіслали \
                          окремим листом."
                        .to_owned(),
                },
            ),
        }
    }

    fn application_sent_email(&self, app: &Application) -> Email {
        if let Some(point) = &app.office {
            return office_application_sent_email(app, point);
        }
        Email {
            subject: "Заяву на тимчасовий довірений профіль надіслано".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Вашу заяву на тимчасовий довірений профіль (Profil Zaufany) надіслано.\n\n\
                 Номер заяви: {number}\n\n\
                 ВАЖЛИВО! Цей номер знадобиться вам під час розмови з посадовцем. Посадовець \
                 зв'яжеться з вами й назве номер вашої заяви — перевірте, чи він збігається \
                 з номером вище. Нікому не повідомляйте цього номера!\n\n\
                 Час відеодзвінка: {when}\n\
                 Застосунок: {video_app}\n\
                 Перед дзвінком ви отримаєте лист із посиланням на відеодзвінок. Переконайтеся, що \
                 ваш пристрій має камеру й мікрофон, і підготуйте посвідчення особи (ID-картку).\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                number = app.number.reveal(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    /// The second email of a profile a bank or Envelo vouched for: active at once.
    fn vouched_profile_active_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
        let provider = app.vouched_by.as_ref().map_or("банк або Envelo", |v| v.name.as_str());
        Email {
            subject: "Ваш довірений профіль активний".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ваш довірений профіль (Profil Zaufany) створено через {provider}, де підтвердили \
                 вашу особу. Профіль активний і дійсний до {until}.\n\n\
                 {WHERE_TO_SIGN_IN} Ім'я користувача: {user}\n\n\
                 Якщо цей профіль створюєте не ви, повідомте про це в установі, показавши посвідку \
                 особи (ID-картку).\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                until = date(valid_until),
                user = app.username.as_str(),
            ),
        }
    }

    fn call_link_email(&self, app: &Application, url: &str) -> Email {
        Email {
            subject: "Посилання на відеодзвінок — тимчасовий довірений профіль".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ось посилання на відеодзвінок із посадовцем щодо вашої заяви на тимчасовий \
                 довірений профіль (Profil Zaufany):\n\n{url}\n\n\
                 Час дзвінка: {when}\n\
                 Застосунок: {video_app}\n\n\
                 Підготуйте посвідчення особи (ID-картку) і перевірте, чи працюють камера й мікрофон. \
                 Посадовець назве вам номер вашої заяви — порівняйте його з номером із листа про \
                 надсилання заяви. Самі ж нікому не повідомляйте ні цього номера, ні кодів із SMS.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    fn confirmed_email(&self, app: &Application, valid_until: chrono::DateTime<chrono::Utc>) -> Email {
        Email {
            subject: "Ваш тимчасовий довірений профіль активний".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Посадовець підтвердив вашу особу. Ваш тимчасовий довірений профіль (Profil Zaufany) \
                 активний і дійсний до {until}.\n\n\
                 {WHERE_TO_SIGN_IN} Ім'я користувача: {user}\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                until = date(valid_until),
                user = app.username.as_str(),
            ),
        }
    }

    fn rejected_email(&self, app: &Application, reason: &str) -> Email {
        Email {
            subject: "Заяву на тимчасовий довірений профіль відхилено".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Вашу заяву на тимчасовий довірений профіль (Profil Zaufany) відхилено.\n\n\
                 Причина: {reason}\n\n\
                 Ви можете подати нову заяву — ваш номер PESEL, ім'я користувача й адресу електронної \
                 пошти можна використати знову.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
            ),
        }
    }

    fn no_show_email(
        &self,
        app: &Application,
        rebook_link: Option<&str>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Email {
        let expires = when(expires_at);
        let next = match rebook_link {
            Some(link) => format!(
                "Ви можете один раз вибрати новий час дзвінка (номер заяви не зміниться):\n\n{link}\n\n\
                 Якщо ви не виберете новий час, заява втратить чинність {expires}."
            ),
            None => format!(
                "Час дзвінка вже змінювали один раз, тому змінити його знову не можна. Заява втратить \
                 чинність {expires}; після цього ви зможете подати нову."
            ),
        };
        // "Відеодзвінок 06.12.2026 о 09:00 (за польським часом) щодо…" (no time, no gap).
        let slot = match call_when(app) {
            w if w.is_empty() => w,
            w => format!(" {w}"),
        };
        Email {
            subject: "Відеодзвінок щодо вашої заяви не відбувся".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Відеодзвінок{slot} щодо вашої заяви на тимчасовий довірений профіль (Profil Zaufany) \
                 не відбувся.\n\n{next}\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
            ),
        }
    }

    fn rebooked_email(&self, app: &Application) -> Email {
        Email {
            subject: "Новий час відеодзвінка — тимчасовий довірений профіль".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ми записали новий час відеодзвінка щодо вашої заяви на тимчасовий довірений профіль \
                 (Profil Zaufany): {when}, застосунок: {video_app}. Номер заяви не змінився. Перед \
                 дзвінком ви отримаєте лист із посиланням.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                when = call_when(app),
                video_app = call_app(app),
            ),
        }
    }

    fn expired_email(&self, app: &Application) -> Email {
        Email {
            subject: "Заява на тимчасовий довірений профіль втратила чинність".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ваша заява на тимчасовий довірений профіль (Profil Zaufany) втратила чинність, бо \
                 {why}. Ви можете подати нову заяву — ваш номер PESEL, ім'я користувача й адресу \
                 електронної пошти можна використати знову.\n\n\
                 Profil Zaufany",
                name = app.first_name.as_str(),
                why = if app.office.is_some() {
                    EXPIRED_AT_OFFICE
                } else {
                    "відеодзвінок не відбувся"
                },
            ),
        }
    }

    /// To the owner of an email address someone used in an application (login.gov's way:
    /// the applicant learns nothing more than after any submission; the owner is told).
    fn email_in_use_email(&self) -> Email {
        Email {
            subject: "Хтось указав вашу адресу електронної пошти в заяві на довірений профіль".into(),
            body: "Добрий день!\n\n\
                   Хтось подав заяву на довірений профіль (Profil Zaufany) і вказав у ній цю адресу \
                   електронної пошти, яка вже пов'язана з довіреним профілем. Заяву не прийнято. Якщо це \
                   були ви — увійдіть у свій профіль або скористайтеся відновленням пароля («Забули \
                   пароль?»). Якщо це були не ви, нічого робити не потрібно: ваш профіль у безпеці.\n\n\
                   Profil Zaufany"
                .into(),
        }
    }

    fn profile_expired_email(&self, account: &crate::domain::Account) -> Email {
        Email {
            subject: "Строк дії вашого довіреного профілю минув".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ваш довірений профіль (Profil Zaufany) діяв {PROFILE_VALIDITY}; цей строк минув, і профіль \
                 більше не діє. Щоб знову входити до державних сервісів, створіть новий довірений \
                 профіль — ваш номер PESEL, ім'я користувача й адресу електронної пошти можна \
                 використати знову.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
            ),
        }
    }

    /// The reminder 30 or 7 days before the end of validity, with the way to extend.
    fn expiry_reminder_email(&self, account: &crate::domain::Account, days: u32, profile_link: &str) -> Email {
        let until = account.valid_until.map(|u| crate::domain::time::polish_date(u).format("%d.%m.%Y").to_string());
        Email {
            subject: format!(
                "Строк дії вашого довіреного профілю закінчується через {days} {}",
                plural(i64::from(days), "день", "дні", "днів")
            ),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ваш довірений профіль (Profil Zaufany) дійсний до {until}. Продовжте його дію, поки \
                 строк не минув, — після цієї дати знадобляться новий довірений профіль і новий \
                 відеодзвінок.\n\n\
                 Увійдіть і в розділі «Дані профілю» виберіть «Продовжити дію профілю»:\n{profile_link}\n\n\
                 Продовження ви підтвердите SMS-кодом або в застосунку mObywatel; профіль діятиме \
                 {PROFILE_VALIDITY} від дня продовження.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                until = until.unwrap_or_default(),
            ),
        }
    }

    /// After "Usuń profil zaufany" (to the address the profile had).
    fn profile_deleted_email(&self, account: &crate::domain::Account, at: chrono::DateTime<chrono::Utc>) -> Email {
        Email {
            subject: "Ваш довірений профіль видалено".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ваш довірений профіль (Profil Zaufany) видалено {when}. Видалення підтверджено способом \
                 авторизації профілю. Ми завершили всі сеанси й від'єднали застосунок mObywatel. Ваш \
                 номер PESEL, ім'я користувача й адресу електронної пошти можна використати в новій \
                 заяві; персональні дані профілю видалено, а історія акаунта (без персональних даних) \
                 зберігається {years} від кожної події.\n\n\
                 Якщо це були не ви, подайте нову заяву на довірений профіль і змініть пароль до своєї \
                 електронної пошти — хтось знав ваш пароль і мав доступ до вашого телефону.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                years = count!(crate::domain::audit::HISTORY_YEARS, "рік", "роки", "років"),
            ),
        }
    }

    /// The code that proves a new email address (sent to it).
    fn contact_code_email(&self, account: &crate::domain::Account, code: &str) -> Email {
        Email {
            subject: "Код для підтвердження нової адреси електронної пошти в довіреному профілі".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Щоб указати цю адресу електронної пошти у своєму довіреному профілі (Profil Zaufany), \
                 введіть у розділі «Дані профілю» код:\n\n\
                 {code}\n\n\
                 Код дійсний {CODE_VALIDITY}. Якщо адресу змінюєте не ви, просто проігноруйте цей лист.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
            ),
        }
    }

    fn contact_code_sms(&self, code: &str) -> String {
        format!("Profil Zaufany: код перевірки номера {code} {CODE_VALIDITY_SMS}. Нікому не кажіть.")
    }

    /// To the old address after the email changed.
    fn email_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "У вашому довіреному профілі змінено адресу електронної пошти".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Адресу електронної пошти вашого довіреного профілю (Profil Zaufany) змінено {when}. \
                 На цю адресу більше не надходитимуть листи щодо профілю.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// To the profile's email after the phone number changed.
    fn phone_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "У вашому довіреному профілі змінено номер телефону".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Номер телефону вашого довіреного профілю (Profil Zaufany) змінено {when}. Новий \
                 номер: {phone}. SMS-коди тепер надходять на нього.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                phone = account.phone.masked(),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// To the old number after the phone number changed. The date and the «Це був не я»
    /// link are in the email: an SMS in Ukrainian holds 70 characters.
    fn phone_changed_sms(&self, _at: chrono::DateTime<chrono::Utc>) -> String {
        "Profil Zaufany: змінено номер телефону. Якщо не ви — див. e-mail.".to_owned()
    }

    /// The SMS with a sign-in (or step-up) code.
    fn sign_in_sms(&self, kind: crate::domain::ChallengeKind, code: &str) -> String {
        use crate::domain::ChallengeKind as K;
        let what = match kind {
            K::Login => "код входу",
            K::Extend => "код продовження дії",
            K::AuthMethodChange => "код зміни авторизації",
            K::LinkDevice => "код для mObywatel",
            K::DeleteProfile => "код ВИДАЛЕННЯ профілю",
            K::PhoneChange => "код зміни телефону",
        };
        format!("Profil Zaufany: {what} {code} {CODE_VALIDITY_SMS}. Нікому не кажіть.")
    }

    /// The push the mObywatel app shows (the numbers to pick from come with the request).
    fn sign_in_push(&self, kind: crate::domain::ChallengeKind) -> (&'static str, &'static str) {
        use crate::domain::ChallengeKind as K;
        match kind {
            K::Login => ("Вхід у довірений профіль", "Підтвердьте вхід: виберіть число, яке показано в браузері."),
            K::Extend => ("Продовження дії довіреного профілю", "Підтвердьте продовження дії профілю: виберіть число, яке показано в браузері."),
            K::AuthMethodChange => ("Зміна способу авторизації", "Підтвердьте зміну способу авторизації на push-сповіщення: виберіть число, яке показано в браузері."),
            K::LinkDevice => ("Підключення нового застосунку mObywatel", "Хтось хоче підключити новий застосунок mObywatel до вашого довіреного профілю. Якщо це ви, виберіть число, яке показано на новому пристрої. Якщо ні — відхиліть."),
            K::PhoneChange => ("Зміна номера телефону", "Підтвердьте зміну номера телефону в довіреному профілі: виберіть число, яке показано в браузері. Якщо це не ви — відхиліть."),
            K::DeleteProfile => ("Видалення довіреного профілю", "Підтвердьте ВИДАЛЕННЯ свого довіреного профілю: виберіть число, яке показано в браузері. Якщо це не ви — відхиліть."),
        }
    }

    /// The security notification after an mObywatel app was linked (by email and by SMS):
    /// what happened and when, what to do if it was not the citizen; never a code or a secret.
    fn device_linked_email(
        &self,
        first_name: &str,
        platform: &str,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "До вашого довіреного профілю підключено застосунок mObywatel".into(),
            body: format!(
                "Добрий день, {first_name}!\n\n\
                 Застосунок mObywatel (пристрій: {platform}) підключено до вашого довіреного профілю \
                 (Profil Zaufany) {when}. Відтепер саме він отримує push-сповіщення для підтвердження \
                 входу та змін у профілі; застосунок, підключений раніше, їх більше не отримуватиме.\n\n\
                 {not_me}\
                 Profil Zaufany",
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The date and the «Це був не я» link are in the email: an SMS in Ukrainian holds 70
    /// characters.
    fn device_linked_sms(&self, _at: chrono::DateTime<chrono::Utc>) -> String {
        "Profil Zaufany: підключено новий mObywatel. Якщо не ви — див. e-mail.".to_owned()
    }

    /// The email with a password-recovery link (only ever to the profile's own address).
    fn recovery_link_email(&self, account: &crate::domain::Account, link: &str) -> Email {
        Email {
            subject: "Зміна забутого пароля до довіреного профілю".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Ми отримали запит на зміну забутого пароля до вашого довіреного профілю (Profil Zaufany). \
                 Ім'я користувача: {user}. Щоб установити новий пароль, відкрийте посилання:\n\n\
                 {link}\n\n\
                 Посилання дійсне {RECOVERY_LINK_VALIDITY} і спрацьовує лише один раз. Коли ви його \
                 відкриєте, ми надішлемо SMS-код на номер телефону, збережений у профілі.\n\n\
                 Якщо про зміну пароля просили не ви, проігноруйте цей лист — ваш пароль не зміниться. \
                 Нікому не пересилайте це посилання.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                user = account.username.as_str(),
            ),
        }
    }

    /// The email that tells the owner their username (asked for with this address).
    fn username_reminder_email(&self, account: &crate::domain::Account) -> Email {
        Email {
            subject: "Ваше ім'я користувача в сервісі Profil Zaufany".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Хтось (імовірно, ви) попросив нагадати ім'я користувача довіреного профілю \
                 (Profil Zaufany), пов'язаного з цією адресою електронної пошти.\n\n\
                 Ім'я користувача: {user}\n\n\
                 Ви також можете входити за адресою електронної пошти замість імені користувача. Якщо \
                 нагадування просили не ви, просто проігноруйте цей лист.\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                user = account.username.as_str(),
            ),
        }
    }

    fn recovery_sms(&self, code: &str) -> String {
        format!("Profil Zaufany: код зміни пароля {code} {CODE_VALIDITY_SMS}. Нікому не кажіть.")
    }

    /// The security notification after a recovery set a new password.
    fn password_recovered_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "Для вашого довіреного профілю встановлено новий пароль".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Новий пароль до вашого довіреного профілю (Profil Zaufany) встановлено {when} через \
                 відновлення пароля (посилання з листа та SMS-код). Усі сеанси завершено — увійдіть \
                 знову з новим паролем.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the password was changed on `/profil`.
    fn password_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "Пароль до вашого довіреного профілю змінено".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Пароль до вашого довіреного профілю (Profil Zaufany) змінено {when} у розділі «Дані \
                 профілю». Сеанси на інших пристроях завершено.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the app was unlinked on `/profil`.
    fn device_unlinked_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        Email {
            subject: "Застосунок mObywatel від'єднано від вашого довіреного профілю".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Застосунок mObywatel від'єднано від вашого довіреного профілю (Profil Zaufany) {when}. \
                 Тепер спосіб авторизації — SMS-код; підключення нового застосунку потрібно буде \
                 підтвердити SMS-кодом.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// The security notification after the authorisation method changed.
    fn auth_method_changed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        not_me: &str,
    ) -> Email {
        let method = match account.auth_method {
            crate::domain::AuthMethod::Sms => "SMS-код",
            crate::domain::AuthMethod::Push => "push-сповіщення в застосунку mObywatel",
        };
        Email {
            subject: "Спосіб авторизації вашого довіреного профілю змінено".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 Спосіб авторизації вашого довіреного профілю (Profil Zaufany) змінено {when}. Новий \
                 спосіб: {method}.\n\n\
                 {not_me}\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
                not_me = not_me_paragraph(not_me),
            ),
        }
    }

    /// After "To nie ja": what was done, and the way back in.
    fn disavowed_email(
        &self,
        account: &crate::domain::Account,
        at: chrono::DateTime<chrono::Utc>,
        recovery: &str,
    ) -> Email {
        Email {
            subject: "Ми заблокували вхід за паролем до вашого довіреного профілю".into(),
            body: format!(
                "Добрий день, {name}!\n\n\
                 {when} ми отримали повідомлення «Це був не я» щодо зміни у вашому довіреному профілі \
                 (Profil Zaufany). Ми завершили всі сеанси, від'єднали застосунок mObywatel (спосіб \
                 авторизації: SMS-код) і заблокували вхід за паролем.\n\n\
                 Щоб знову входити, встановіть новий пароль:\n{recovery}\n\n\
                 Profil Zaufany",
                name = account.first_name.as_str(),
                when = when(at),
            ),
        }
    }
}

pub static SENTENCES: Sentences = super::language!();

/// The pages' words (after the macros above, which they use).
pub mod pages;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ChallengeKind;

    const EVERY_KIND: [ChallengeKind; 6] = [
        ChallengeKind::Login,
        ChallengeKind::AuthMethodChange,
        ChallengeKind::Extend,
        ChallengeKind::LinkDevice,
        ChallengeKind::DeleteProfile,
        ChallengeKind::PhoneChange,
    ];

    #[test]
    fn ukrainian_nouns_take_the_form_their_number_wants() {
        let minutes = |n| plural(n, "хвилина", "хвилини", "хвилин");
        for (n, form) in [
            (0, "хвилин"),
            (1, "хвилина"),
            (2, "хвилини"),
            (4, "хвилини"),
            (5, "хвилин"),
            (11, "хвилин"),
            (12, "хвилин"),
            (14, "хвилин"),
            (21, "хвилина"),
            (22, "хвилини"),
            (25, "хвилин"),
            (101, "хвилина"),
            (111, "хвилин"),
            (112, "хвилин"),
            (122, "хвилини"),
            (1000, "хвилин"),
        ] {
            assert_eq!(minutes(n), form, "{n}");
        }
        assert_eq!(count!(5_i64, "хвилину", "хвилини", "хвилин"), "5 хвилин");
        assert_eq!(count!(21_i64, "хвилину", "хвилини", "хвилин"), "21 хвилину");
        assert_eq!(count!(64_usize, "символ", "символи", "символів"), "64 символи");
        assert_eq!(span!(1_i64, "годину", "години", "годин"), "годину");
        assert_eq!(span!(3_u8, "годину", "години", "годин"), "3 години");
        assert_eq!(range!(3_usize, 64_usize, "символу", "символів"), "від 3 до 64 символів");
        assert_eq!(range!(0_i64, 1_i64, "символу", "символів"), "від 0 до 1 символу");
        assert_eq!(genitive_numeral(3), "трьох");
    }

    #[test]
    fn a_wrong_code_says_how_many_tries_are_left() {
        assert_eq!(Ukrainian.wrong_code(1), "Неправильний код. Для цього коду залишилася 1 спроба.");
        assert_eq!(Ukrainian.wrong_code(2), "Неправильний код. Для цього коду залишилися 2 спроби.");
        assert_eq!(Ukrainian.wrong_code(5), "Неправильний код. Для цього коду залишилося 5 спроб.");
    }

    /// The numbers Polish's `todays_numbers_give_todays_texts` expects, in Ukrainian.
    #[test]
    fn todays_numbers_give_todays_texts() {
        let texts: [(&str, &str); 25] = [
            (BAD_IDEMPOTENCY_KEY, "Неправильний заголовок Idempotency-Key: потрібно від 8 до 128 символів ASCII без пробілів."),
            (PESEL_TAKEN, "Для цього номера PESEL уже є відкрита заява або активний довірений профіль. \
Якщо заяву подали або профіль створили не ви, повідомте про це в установі, показавши посвідчення особи (ID-картку). \
Заяву, яку подала інша людина, не схвалять без посадовця, який перевірить документ, що посвідчує особу (під час \
відеодзвінка або в пункті підтвердження): вона втратить чинність не пізніше ніж через 7 днів після вибраного часу \
дзвінка (час можна вибирати не більше ніж на 30 днів наперед) або через 14 днів після надсилання, якщо вибрано \
пункт підтвердження, — і тоді ваш PESEL знову буде вільний."),
            (CODE_EXPIRED, "Строк дії коду минув (код дійсний 5 хвилин). Попросіть новий код."),
            (CODE_DEAD, "Неправильний код введено 3 рази. Цей код уже недійсний — попросіть новий."),
            (TOO_MANY_SENDS, "Протягом години уже надіслано 5 кодів. Спробуйте ще раз пізніше."),
            (BLOCKED, "Забагато неправильних кодів. Новий код можна буде отримати через годину."),
            (field::USERNAME_LENGTH, "Ім'я користувача має містити від 3 до 64 символів."),
            (field::PASSWORD_SHORT, "Пароль має містити щонайменше 8 символів."),
            (field::PASSWORD_LONG, "Пароль може містити щонайбільше 128 символів."),
            (field::NAME_LONG, "Значення може містити щонайбільше 64 символи."),
            (field::SLOT_BEYOND_BOOKING, "Час дзвінка можна забронювати не більше ніж на 30 днів наперед. Виберіть раніший."),
            (field::CODE_FORMAT, "Код авторизації — це 6 цифр."),
            (field::SLOT_GRID, "Початок і кінець часу дзвінка мають іти з кроком у 5 хвилин (наприклад 9:00, 9:05)."),
            (field::SLOT_LENGTH, "Час дзвінка має тривати від 10 до 120 хвилин і закінчуватися після початку."),
            (field::SLOT_TOO_FAR, "Час дзвінка можна публікувати не більше ніж на 180 днів наперед."),
            (field::SLOT_CAPACITY, "Кількість місць (посадовців на чергуванні) має бути від 1 до 20."),
            (field::REASON, "Вкажіть причину відхилення (від 3 до 500 символів, без керувальних символів)."),
            (field::CALL_URL, "Вкажіть посилання на дзвінок, що починається з https:// (щонайбільше 500 символів)."),
            (CLERK_BAD_CREDENTIALS, "Неправильне ім'я користувача, пароль або код із застосунку. Після кількох невдалих спроб наступна можлива через 30 секунд."),
            (PROFILE_EXPIRED, "Строк дії вашого довіреного профілю минув (профіль діяв 3 роки). Щоб і далі користуватися послугами, створіть новий довірений профіль."),
            (PUSH_LIMIT, "Протягом 15 хвилин уже надіслано 5 push-сповіщень. Спробуйте ще раз пізніше."),
            (signin_field::PUSH_TOKEN, "Вкажіть токен сповіщень пристрою (від 1 до 4096 символів)."),
            (signin_field::MATCH_NUMBER, "Виберіть одне з трьох чисел."),
            (RECOVERY_LINK_VALIDITY, "30 хвилин"),
            (DISAVOW_LINK_VALIDITY, "10 днів"),
        ];
        for (text, today) in texts {
            assert_eq!(text, today);
        }
        assert_eq!(Ukrainian.sms_code("123456"), "Profil Zaufany: код авторизації 123456 (5 хв). Нікому не кажіть.");
        assert_eq!(
            Ukrainian.sign_in_sms(ChallengeKind::Login, "123456"),
            "Profil Zaufany: код входу 123456 (5 хв). Нікому не кажіть."
        );
    }

    /// Ukrainian goes as UCS-2: one SMS is 70 UTF-16 units, with the longest inputs.
    #[test]
    fn every_sms_fits_one_message() {
        let code = "123456";
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-31T23:59:00Z").unwrap().with_timezone(&chrono::Utc);
        let mut sms = vec![
            Ukrainian.sms_code(code),
            Ukrainian.contact_code_sms(code),
            Ukrainian.phone_changed_sms(at),
            Ukrainian.device_linked_sms(at),
            Ukrainian.recovery_sms(code),
        ];
        sms.extend(EVERY_KIND.map(|kind| Ukrainian.sign_in_sms(kind, code)));
        for text in sms {
            assert!(!super::super::is_gsm7(&text), "{text}");
            assert_eq!(super::super::sms_parts(&text), 1, "{} UTF-16 units: {text}", text.encode_utf16().count());
            assert!(text.starts_with("Profil Zaufany: "), "{text}");
        }
    }

    #[test]
    fn every_push_is_in_ukrainian() {
        for kind in EVERY_KIND {
            let (title, body) = Ukrainian.sign_in_push(kind);
            assert!(!title.is_empty() && body.contains("виберіть число"), "{kind:?}");
        }
    }

    #[test]
    fn times_are_polish_time_said_in_ukrainian() {
        let winter = chrono::DateTime::parse_from_rfc3339("2026-12-06T08:00:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(when(winter), "06.12.2026 о 09:00 (за польським часом)");
        let summer = chrono::DateTime::parse_from_rfc3339("2026-07-01T07:30:00Z").unwrap().with_timezone(&chrono::Utc);
        assert_eq!(when(summer), "01.07.2026 о 09:30 (за польським часом)");
        assert_eq!(date(winter), "06.12.2026");
    }

    /// Every named sentence is filled in, and none is left in Polish.
    #[test]
    fn every_sentence_is_ukrainian() {
        let polish = super::super::all_sentences(&super::super::pl::SENTENCES);
        let ours = super::super::all_sentences(&SENTENCES);
        assert_eq!(ours.len(), polish.len());
        for ((key, text), (_, pl)) in ours.into_iter().zip(polish) {
            assert!(!text.trim().is_empty(), "{key}");
            assert_ne!(text, pl, "{key} is still Polish");
            assert!(!text.contains('„') && !text.contains('”'), "{key}: Ukrainian quotes are «…»");
        }
    }
}
