#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("disavow.title", "To nie ja — Profil Zaufany"),
    ("disavow.heading", "To nie ja"),
    ("disavow.intro", "Dostałeś wiadomość o zmianie w Twoim profilu zaufanym, której nie robiłeś? Zabezpiecz profil:"),
    ("disavow.step_sessions", "zakończymy wszystkie sesje — na każdym urządzeniu trzeba będzie zalogować się od nowa,"),
    ("disavow.step_app", "odłączymy aplikację mObywatel (metodą autoryzacji stanie się kod SMS),"),
    ("disavow.step_password", "zablokujemy logowanie hasłem, dopóki nie ustawisz nowego przez „Nie pamiętasz hasła?”."),
    ("disavow.button", "To nie ja — zabezpiecz mój profil"),
    (
        "disavow.no_link",
        "Ta strona działa z linkiem „To nie ja” z wiadomości e-mail o zmianie w profilu. Otwórz go jeszcze raz albo \
         ustaw nowe hasło przez <a href=\"/odzyskiwanie\">„Nie pamiętasz hasła?”</a>.",
    ),
    ("disavow.done_heading", "Profil jest zabezpieczony"),
    (
        "disavow.done_text",
        "Zakończyliśmy wszystkie sesje, odłączyliśmy aplikację mObywatel i zablokowaliśmy logowanie hasłem. \
         Wysłaliśmy też e-mail z dalszymi krokami.",
    ),
    ("disavow.set_password", "Ustaw nowe hasło"),
}
