//! What every page shares: the language switch, the local-mode banner, and the words
//! `common.js` shows.

use super::super::field;

page_words! {
    ("common.langs", "Мова"),
    ("common.brand", "Profil Zaufany"),
    (
        "common.local_banner",
        "<strong>Локальний (демонстраційний) режим.</strong> Час дзвінків наведено для прикладу, а SMS та електронні листи нікуди не надсилаються — їх можна прочитати у <a href=\"/dev/outbox\">скриньці повідомлень</a>.",
    ),
    ("js.common.offline", "Немає з’єднання із сервером. Перевірте інтернет і спробуйте ще раз."),
    ("js.common.error", "Сталася помилка. Спробуйте ще раз."),
    ("js.common.code_format", field::CODE_FORMAT),
}
