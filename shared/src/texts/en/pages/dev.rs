//! The local gateway's own pages (never a function's): the message outbox (`/dev/outbox`)
//! and the demo bank's sign-in (`/dev/idp/<id>/authorize`), which stands for another service.

page_words! {
    ("dev.outbox.title", "Message outbox (local mode) — Profil Zaufany"),
    (
        "dev.outbox.banner",
        "<strong>Local mode.</strong> SMS, push notifications and emails arrive here instead of reaching real people.",
    ),
    ("dev.outbox.heading", "Message outbox"),
    ("dev.outbox.newest_first", "Newest first ({count})."),
    ("dev.outbox.refresh", "Refresh"),
    ("dev.outbox.home", "Home page"),
    ("dev.outbox.empty", "No messages."),
    ("dev.outbox.email", "Email"),
    ("dev.outbox.to", "to"),
    ("dev.outbox.code", "Code:"),
    ("dev.outbox.copy_code", "Copy code"),
    ("dev.outbox.copy_link", "Copy link"),
    ("dev.outbox.copied", "Copied: {value}"),
    ("dev.outbox.selected", "Selected — copy it with Ctrl+C."),
    ("dev.outbox.locale", "en-GB"),
    ("dev.outbox.unavailable", "Could not read the messages from the AWS emulator."),
    (
        "dev.outbox.not_here",
        "The message outbox works with the in-memory store or the AWS emulator; on AWS, SNS and SES send the messages.",
    ),
    ("dev.bank.title", "{name} — sign in (demo)"),
    ("dev.bank.brand", "{name} (demo)"),
    ("dev.bank.heading", "Sign in to {name}"),
    (
        "dev.bank.note",
        "<strong>This is a demo identity provider</strong> of the trusted profile (Profil Zaufany) in local mode, not a \
         real bank. Enter the details of the person it should vouch for.",
    ),
    ("dev.bank.asks", "The trusted profile service asks for your first name, last name and PESEL number."),
    ("dev.bank.first_name", "First name"),
    ("dev.bank.last_name", "Last name"),
    ("dev.bank.pesel", "PESEL number"),
    ("dev.bank.submit", "Sign in and pass on the details"),
    ("dev.bank.cancel", "Cancel"),
    ("dev.bank.missing", "Enter the first name, last name and PESEL number."),
}
