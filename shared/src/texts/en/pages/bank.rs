#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("bank.title", "Trusted profile through a bank or Envelo — Profil Zaufany"),
    ("bank.heading", "Set up a trusted profile (Profil Zaufany) through a bank or Envelo"),
    (
        "bank.gone_text",
        "The details from the bank or Envelo have expired or have not arrived yet. Sign in at the bank or Envelo again.",
    ),
    ("bank.gone_back", "Back to choosing a bank"),
    ("bank.vouched_heading", "Details confirmed by <span id=\"provider\"></span>"),
    ("bank.vouched_note", "You cannot change these details: your bank or Envelo has confirmed them."),
    ("bank.account_heading", "Sign-in and contact details"),
    ("bank.username_label", "Username"),
    (
        "bank.username_hint",
        "Letters without accents or other marks, numbers, underscores (_) and hyphens (-); no spaces or full stops.",
    ),
    ("bank.password_label", "Password"),
    (
        "bank.password_hint",
        formatcp!(
            "At least {}: an upper-case and a lower-case letter, and a number or a special character; it must not \
             contain your username.",
            count!(password::MIN_CHARS, "character", "characters")
        ),
    ),
    ("bank.email_label", "Email address"),
    ("bank.phone_label", "Mobile phone number"),
    (
        "bank.phone_hint",
        "We will send the authorisation code to this number. For a number from outside Poland, include the country \
         code.",
    ),
    ("bank.next", "Next"),
    ("bank.code_heading", "Authorisation code"),
    ("bank.code_label", "Code from the SMS"),
    ("bank.resend", "Send the code again"),
    ("bank.done_heading", "Your trusted profile is active"),
    ("bank.email_sent", "We have sent a confirmation to your email address."),
    ("bank.sign_in", "Sign in with your trusted profile"),
    ("js.bank.first_name", "First name"),
    ("js.bank.last_name", "Surname"),
    ("js.bank.pesel", "PESEL number"),
    (
        "js.bank.code_sent",
        formatcp!(
            "We have sent an SMS with a code to {{phone}}. The code is valid for {CODE_VALIDITY}. Enter it below and \
             select “Next”."
        ),
    ),
    ("js.bank.send_failed", "We could not send the code."),
    ("js.bank.offline", "Cannot reach the server."),
    ("js.bank.fix_fields", "Correct the highlighted fields."),
    ("js.bank.done", "You can now use it to sign in to public administration services. The profile is valid until {date}."),
    ("js.bank.wrong_code", "The code is not correct."),
}
