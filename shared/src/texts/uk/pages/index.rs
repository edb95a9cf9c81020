//! The home page (`web/index.html`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("index.title", "Створити довірений профіль — Profil Zaufany"),
    ("index.heading", "Створіть довірений профіль (Profil Zaufany)"),
    (
        "index.intro",
        "Довірений профіль безпечно підтверджує вашу особу. З ним можна вирішувати справи в державних установах \
         онлайн, зокрема входити в Internetowe Konto Pacjenta (Інтернет-акаунт пацієнта, IKP).",
    ),
    ("index.temporary_heading", "Тимчасовий довірений профіль"),
    (
        "index.temporary_how",
        "Заповніть заяву онлайн, підтвердьте її кодом з SMS, а потім підтвердьте свою особу під час відеодзвінка \
         з посадовцем. Підготуйте:",
    ),
    ("index.need_pesel", "номер PESEL і посвідчення особи (ID-картку);"),
    ("index.need_contact", "адресу електронної пошти й номер мобільного телефону;"),
    ("index.need_device", "пристрій (телефон, планшет або ноутбук) із камерою та мікрофоном."),
    ("index.apply_link", "Створити тимчасовий довірений профіль"),
    ("index.have_profile_heading", "Уже маєте довірений профіль?"),
    ("index.sign_in", "Увійти"),
    ("index.profile_link", "Дані профілю"),
    ("index.app_link", "Застосунок mObywatel (симулятор)"),
    ("index.ikp_link", "Internetowe Konto Pacjenta (демо)"),
}
