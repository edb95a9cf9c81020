#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("recovery.title", "Recover access — Profil Zaufany"),
    ("recovery.heading", "Forgotten your password or username?"),
    ("recovery.password_heading", "Forgotten your password?"),
    (
        "recovery.password_intro",
        "Enter your username and PESEL number. If they match your trusted profile (Profil Zaufany), we will send \
         a link to set a new password to the email address saved in your profile.",
    ),
    ("recovery.username_label", "Username"),
    ("recovery.pesel_label", "PESEL number"),
    ("recovery.password_submit", "Next"),
    ("recovery.username_heading", "Forgotten your username?"),
    (
        "recovery.username_intro",
        "Enter the email address saved in your trusted profile. We will send your username to it.",
    ),
    ("recovery.email_label", "Email address"),
    ("recovery.username_submit", "Send"),
    ("recovery.back_to_sign_in", "Back to sign in"),
    ("recovery.sent_heading", "Check your email"),
    ("recovery.link_heading", "Set a new password"),
    (
        "recovery.link_intro",
        "To confirm that it is you, we will send an SMS code to the phone number saved in your trusted profile \
         (Profil Zaufany).",
    ),
    ("recovery.send_code", "Send SMS code"),
    ("recovery.new_password_heading", "Enter the code from the SMS and your new password"),
    ("recovery.code_label", "Authorisation code"),
    ("recovery.new_password_label", "New password"),
    ("recovery.rule_length", formatcp!("at least {}", count!(password::MIN_CHARS, "character", "characters"))),
    ("recovery.rule_upper", "one capital letter"),
    ("recovery.rule_lower", "one lowercase letter"),
    ("recovery.rule_digit", "one number or special character"),
    ("recovery.rule_no_username", "does not contain your username"),
    ("recovery.repeat_password_label", "Repeat the new password"),
    ("recovery.resend", "Send the code again"),
    ("recovery.change_password", "Change password"),
    ("recovery.done_heading", "Your password has been changed"),
    (
        "recovery.done_text",
        "All sessions have been ended. Sign in with your new password. We have also sent a confirmation to the \
         email address in your profile.",
    ),
    ("recovery.sign_in", "Sign in"),
    ("js.recovery.username_missing", "Enter your username."),
    ("js.recovery.pesel_format", field::PESEL_FORMAT),
    (
        "js.recovery.password_link_sent",
        formatcp!(
            "If the username and PESEL number match a trusted profile, you will get an email with a link to set \
             a new password within a few minutes. The link is valid for {RECOVERY_LINK_VALIDITY}. Cannot see the \
             email? Check your spam folder."
        ),
    ),
    ("js.recovery.email_format", field::EMAIL_FORMAT),
    (
        "js.recovery.username_sent",
        "If this email address belongs to a trusted profile, you will get an email with your username within \
         a few minutes. Cannot see the email? Check your spam folder.",
    ),
    ("js.recovery.code_sent", formatcp!("We have sent a code to {{phone}}. The code is valid for {CODE_VALIDITY}.")),
    ("js.recovery.password_missing", "Enter a new password."),
    ("js.recovery.passwords_differ", "The passwords do not match."),
    ("js.recovery.link_title", "Change a forgotten password"),
}
