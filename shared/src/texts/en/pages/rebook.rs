#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("rebook.title", "New call time — Profil Zaufany"),
    ("rebook.heading", "Choose a new time for your video call"),
    (
        "rebook.intro",
        "The call about your application did not take place. You can change the call time once; your application \
         number will stay the same. The device you use for the call must have a camera and a microphone.",
    ),
    ("rebook.slots_legend", "Available call times"),
    ("rebook.submit", "Choose this time"),
    ("rebook.done_heading", "We have saved your new call time"),
    ("rebook.email_note", "Before the call, you will get an email with a link to the call."),
    ("js.rebook.slot", "{time} (places left: {free})"),
    ("js.rebook.no_slots", "There are no call times available. Try again later."),
    ("js.rebook.link_incomplete", "This link is incomplete. Open it again from the email."),
    ("js.rebook.choose_slot", "Choose a time from the list."),
    ("js.rebook.error", "Something went wrong."),
    ("js.rebook.done", "New call time: {time}, using {app}."),
}
