// "Nie pamiętasz hasła?" and "Nie pamiętasz nazwy użytkownika?": the two requests, then,
// opened from the emailed link (`/odzyskiwanie#<token>`), the SMS code and the new password.
"use strict";

// The token stays in the fragment: browsers never send it to a server or a referrer.
// Any other fragment (`#username-form` from the sign-in page) is a place on the page.
const token = /^[a-z0-9]{58}$/.test(location.hash.slice(1)) ? location.hash.slice(1) : "";

function show(step) {
  for (const id of ["ask", "sent", "link-step", "new-password-form", "done"]) $(id).hidden = id !== step;
  const focus = { ask: "title", sent: "sent-title", "link-step": "link-title", "new-password-form": "new-password-title", done: "done-title" }[step];
  $(focus).focus();
}

function sent(text) {
  $("sent-text").textContent = text;
  show("sent");
}

async function forgotPassword(ev) {
  ev.preventDefault();
  clearErrors();
  const body = { username: $("username").value.trim(), pesel: $("pesel").value.trim() };
  if (!body.username) { showError({ field: "username", message: t("js.recovery.username_missing") }); return; }
  if (!/^\d{11}$/.test(body.pesel)) { showError({ field: "pesel", message: t("js.recovery.pesel_format") }); return; }
  const r = await api("POST", "/api/recovery/password", body);
  if (!r.ok) { showError(r.data); return; }
  sent(t("js.recovery.password_link_sent"));
}

async function forgotUsername(ev) {
  ev.preventDefault();
  clearErrors();
  const body = { email: $("email").value.trim() };
  if (!body.email.includes("@")) { showError({ field: "email", message: t("js.recovery.email_format") }); return; }
  const r = await api("POST", "/api/recovery/username", body);
  if (!r.ok) { showError(r.data); return; }
  sent(t("js.recovery.username_sent"));
}

async function sendCode() {
  clearErrors();
  const r = await api("POST", "/api/recovery/password/sms-code", { token });
  if (!r.ok) { showError(r.data); return false; }
  $("code-sent").textContent = t("js.recovery.code_sent", { phone: r.data.sent_to });
  return true;
}

async function setPassword(ev) {
  ev.preventDefault();
  clearErrors();
  const code = $("code").value.replace(/\s/g, "");
  const password = $("new_password").value;
  if (!/^\d{6}$/.test(code)) { showError({ field: "code", message: t("js.common.code_format") }); return; }
  if (!password) { showError({ field: "new_password", message: t("js.recovery.password_missing") }); return; }
  if (password !== $("new_password2").value) { showError({ field: "new_password2", message: t("js.recovery.passwords_differ") }); return; }
  const r = await api("POST", "/api/recovery/password/confirm", { token, code, new_password: password });
  if (!r.ok) { showError(r.data); return; }
  $("new_password").value = "";
  $("new_password2").value = "";
  history.replaceState(null, "", location.pathname);
  show("done");
}

document.addEventListener("DOMContentLoaded", () => {
  $("password-form").addEventListener("submit", forgotPassword);
  $("username-form").addEventListener("submit", forgotUsername);
  $("send-code").addEventListener("click", async () => { if (await sendCode()) show("new-password-form"); });
  $("resend").addEventListener("click", sendCode);
  $("new-password-form").addEventListener("submit", setPassword);
  // The link pasted into this same tab changes only the fragment: start again with it.
  window.addEventListener("hashchange", () => { if (/^[a-z0-9]{58}$/.test(location.hash.slice(1))) location.reload(); });
  if (token) {
    $("title").textContent = t("js.recovery.link_title");
    show("link-step");
  }
});
