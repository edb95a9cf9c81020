//! The application for a temporary trusted profile (`web/apply.html`, `web/apply.js`).

#[allow(unused_imports)]
use super::super::*;

page_words! {
    ("apply.title", "Apply for a temporary trusted profile — Profil Zaufany"),
    ("apply.heading", "Set up a temporary trusted profile (Profil Zaufany)"),
    ("apply.bank_heading", "Through a bank or Envelo"),
    (
        "apply.bank_intro",
        "Do you have an account with a bank or with Envelo? Sign in there: the bank will confirm your first name, \
         last name and PESEL number, and your trusted profile will be active straight away, without a call with \
         an official.",
    ),
    (
        "apply.bank_or_form",
        "Or fill in the application below and confirm your identity during a video call or at a confirmation point.",
    ),
    ("apply.steps_label", "Application steps"),
    ("apply.login_heading", "Sign-in details"),
    ("apply.personal_heading", "Personal details"),
    ("apply.contact_heading", "Contact details"),
    ("apply.slot_heading", "Identity confirmation"),
    ("apply.step_summary", "Summary"),
    ("apply.step_code", "SMS code"),
    (
        "apply.login_intro",
        "Remember your username and password — you will use them to sign in. Do not share them with anyone.",
    ),
    ("apply.username_label", "Username"),
    (
        "apply.username_hint",
        "Letters without accents (a–z), numbers, underscores (_) and hyphens (-), with no spaces or full stops. \
         Capital and lower-case letters count as different.",
    ),
    ("apply.password_label", "Password"),
    ("apply.rule_length", formatcp!("at least {}", count!(password::MIN_CHARS, "character", "characters"))),
    ("apply.rule_upper", "one capital letter"),
    ("apply.rule_lower", "one lower-case letter"),
    ("apply.rule_digit", "one number or special character"),
    ("apply.rule_username", "does not contain your username"),
    ("apply.password_common", "Do not use common passwords — we will reject them after you submit the application."),
    ("apply.next", "Next"),
    ("apply.first_name_label", "First name"),
    ("apply.second_name_label", "Middle name (if you have one)"),
    ("apply.last_name_label", "Last name"),
    ("apply.pesel_label", "PESEL number"),
    ("apply.back", "Back"),
    ("apply.email_label", "Email address"),
    ("apply.phone_label", "Mobile phone number"),
    (
        "apply.phone_hint",
        "We will send the authorisation code to this number. For a number from outside Poland, include the \
         country code, for example +380 67 123 4567.",
    ),
    ("apply.way_legend", "How will you confirm your identity?"),
    ("apply.way_video", "During a video call with an official"),
    ("apply.way_office", "In person at a confirmation point"),
    ("apply.video_heading", "Video call time"),
    (
        "apply.video_note",
        "<strong>Important:</strong> for the call you need a device (phone, tablet or laptop) with a camera and \
         a microphone. Without one, the call cannot take place.",
    ),
    ("apply.slot_legend", "Choose a time"),
    ("apply.slots_loading", "Loading call times…"),
    ("apply.app_legend", "Choose a free app for the call"),
    ("apply.office_heading", "Confirmation point"),
    (
        "apply.office_note",
        formatcp!(
            "<strong>Important:</strong> after you submit the application, you have <strong>{OFFICE_DAYS}</strong> \
             to go to a confirmation point with your ID card or passport and the application number from the \
             email. After that, the application will expire."
        ),
    ),
    ("apply.point_legend", "Choose a confirmation point"),
    ("apply.points_loading", "Loading confirmation points…"),
    ("apply.summary_heading", "Application summary"),
    ("apply.summary_intro", "Check all your details. Make sure they are correct."),
    ("apply.send", "Submit application"),
    ("apply.code_heading", "Authorisation code"),
    ("apply.code_sent", "We have sent you an SMS with a code."),
    ("apply.code_label", "Code from the SMS"),
    ("apply.resend", "Send the code again"),
    ("apply.done_heading", "Your application has been submitted"),
    ("apply.done_emails", "We will send two emails to your email address:"),
    ("apply.done_email_account", "a confirmation that your account has been created in the Profil Zaufany service"),
    (
        "apply.done_email_application",
        "a confirmation that your application has been submitted — with the <strong>application number</strong>.",
    ),
    (
        "apply.done_important",
        "<strong>IMPORTANT!</strong> You will need the application number during the call with the official. The \
         official will tell you the number of your application — check that it matches the one in the email. \
         <strong>Do not share this number with anyone!</strong>",
    ),
    ("apply.done_next", "Before the call, you will get an email with a link to the video call."),
    // apply.js
    ("js.apply.label_username", "Username"),
    ("js.apply.label_first_name", "First name"),
    ("js.apply.label_second_name", "Middle name"),
    ("js.apply.label_last_name", "Last name"),
    ("js.apply.label_pesel", "PESEL"),
    ("js.apply.label_email", "Email address"),
    ("js.apply.label_phone", "Phone"),
    ("js.apply.label_slot_id", "Call time"),
    ("js.apply.label_video_app", "Video call app"),
    ("js.apply.label_point_id", "Confirmation point"),
    (
        "js.apply.username_invalid",
        formatcp!(
            "Username: {}–{} characters, only letters without accents, numbers, _ and -.",
            username::MIN_LEN,
            username::MAX_LEN
        ),
    ),
    ("js.apply.password_invalid", "Your password does not meet all the rules listed below the field."),
    ("js.apply.first_name_missing", "Enter your first name."),
    ("js.apply.last_name_missing", "Enter your last name."),
    ("js.apply.pesel_invalid", field::PESEL_FORMAT),
    ("js.apply.email_invalid", "Enter a valid email address."),
    ("js.apply.phone_invalid", "Enter a mobile phone number (9 digits)."),
    ("js.apply.point_missing", "Choose a confirmation point."),
    ("js.apply.slot_missing", "Choose a call time."),
    ("js.apply.app_missing", "Choose an app for the call."),
    ("js.apply.fix_fields", "Correct the highlighted fields."),
    ("js.apply.slots_failed", "We could not load the call times."),
    ("js.apply.no_slots", "There are no free call times. Try again later."),
    ("js.apply.slot", "{when} (places left: {free})"),
    ("js.apply.slot_demo", "{when} (places left: {free}) — demo call time"),
    ("js.apply.points_failed", "We could not load the confirmation points."),
    ("js.apply.no_points", "There are no confirmation points. Choose a video call."),
    ("js.apply.point_address", "{address}. Opening hours: {hours}"),
    ("js.apply.edit", "change"),
    ("js.apply.edit_label", "Change: {field}"),
    (
        "js.apply.code_sent",
        formatcp!(
            "We have sent an SMS with a code to {{phone}}. The code is valid for {CODE_VALIDITY}. Enter it below \
             and select “Next”."
        ),
    ),
    ("js.apply.send_failed", "We could not send the code."),
    (
        "js.apply.code_kept",
        "{message} Your code has been accepted — choose another time and submit the application again.",
    ),
    ("js.apply.important", "IMPORTANT!"),
    (
        "js.apply.office_number",
        "You will need the application number at the confirmation point: show it to the official together with \
         your ID card or passport.",
    ),
    ("js.apply.office_secret", "Do not share this number with anyone except the official at the point!"),
    (
        "js.apply.office_deadline",
        "Go to the confirmation point with your ID card or passport by {until} at the latest. Your chosen point: \
         {name}, {address} (opening hours: {hours}).",
    ),
    (
        "js.apply.office_next",
        "The official at the point will find your application by your PESEL number and the application number \
         from the email — show them this number.",
    ),
    ("js.apply.call_booked", "Call time: {when}, app: {app}."),
}
