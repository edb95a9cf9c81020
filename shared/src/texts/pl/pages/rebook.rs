#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("rebook.title", "Nowy termin rozmowy — Profil Zaufany"),
    ("rebook.heading", "Wybierz nowy termin rozmowy wideo"),
    (
        "rebook.intro",
        "Rozmowa w sprawie Twojego wniosku nie odbyła się. Termin możesz zmienić jeden raz; numer wniosku się nie \
         zmieni. Urządzenie, na którym odbędziesz rozmowę, musi mieć kamerę i mikrofon.",
    ),
    ("rebook.slots_legend", "Wolne terminy"),
    ("rebook.submit", "Wybierz termin"),
    ("rebook.done_heading", "Zapisaliśmy nowy termin"),
    ("rebook.email_note", "Przed rozmową otrzymasz e-mail z linkiem do rozmowy."),
    ("js.rebook.slot", "{time} (wolnych miejsc: {free})"),
    ("js.rebook.no_slots", "Brak wolnych terminów. Spróbuj ponownie później."),
    ("js.rebook.link_incomplete", "Ten link jest niepełny. Otwórz go ponownie z e-maila."),
    ("js.rebook.choose_slot", "Wybierz termin z listy."),
    ("js.rebook.error", "Wystąpił błąd."),
    ("js.rebook.done", "Nowy termin rozmowy: {time}, aplikacja {app}."),
}
