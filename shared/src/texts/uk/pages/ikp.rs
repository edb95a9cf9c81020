//! The IKP patient-portal demo, a relying service (`/ikp`, `web/ikp.html` + `ikp.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("ikp.title", "Internetowe Konto Pacjenta (Інтернет-акаунт пацієнта, IKP) — демо"),
    ("ikp.brand", "Internetowe Konto Pacjenta <small>(демо)</small>"),
    ("ikp.heading", "Internetowe Konto Pacjenta (Інтернет-акаунт пацієнта, IKP)"),
    (
        "ikp.intro",
        "Це демонстраційний сервіс, у який пацієнти входять через довірений профіль (Profil Zaufany) за протоколом OpenID Connect із PKCE.",
    ),
    ("ikp.sign_in", "Увійти через довірений профіль"),
    ("ikp.welcome", "Вітаємо в IKP"),
    ("ikp.given_name", "Ім'я"),
    ("ikp.family_name", "Прізвище"),
    ("ikp.birthdate", "Дата народження"),
    ("ikp.patient_id", "Ідентифікатор пацієнта в цьому сервісі:"),
    ("ikp.sign_out", "Вийти"),
    ("js.ikp.sign_in_failed", "Не вдалося увійти ({error})."),
    ("js.ikp.bad_state", "Недійсна відповідь на вхід (state). Спробуйте ще раз."),
    ("js.ikp.bad_nonce", "Недійсний токен (nonce)."),
    ("js.ikp.userinfo_failed", "Не вдалося отримати дані пацієнта."),
    ("js.ikp.welcome_name", "Вітаємо, {given} {family}"),
    ("js.ikp.ended_elsewhere", "Ваш сеанс у довіреному профілі завершився, тому ми завершили й ваш сеанс в IKP."),
    ("js.ikp.signed_out", "Ви вийшли з IKP і з довіреного профілю."),
    ("js.ikp.bad_logout_state", "Недійсна відповідь на вихід (state)."),
}
