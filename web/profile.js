// "Szczegóły profilu": the citizen's data, validity and its extension, the authorisation
// method ("Zmień metodę autoryzacji"), the linked app and the account's history.
"use strict";

let profile = null;
let pending = null;

const ACTIONS = {
  signed_in: t("js.profile.action_signed_in"), sign_in_failed: t("js.profile.action_sign_in_failed"),
  signed_out: t("js.profile.action_signed_out"), auth_method_changed: t("js.profile.action_auth_method_changed"),
  extended: t("js.profile.action_extended"), device_linked: t("js.profile.action_device_linked"),
  service_sign_in: t("js.profile.action_service_sign_in"), recovery_requested: t("js.profile.action_recovery_requested"),
  password_recovered: t("js.profile.action_password_recovered"), password_changed: t("js.profile.action_password_changed"),
  other_sessions_ended: t("js.profile.action_other_sessions_ended"), disavowed: t("js.profile.action_disavowed"),
  expiry_reminder: t("js.profile.action_expiry_reminder"), device_unlinked: t("js.profile.action_device_unlinked"),
  profile_deleted: t("js.profile.action_profile_deleted"), email_changed: t("js.profile.action_email_changed"),
  phone_changed: t("js.profile.action_phone_changed"), service_revoked: t("js.profile.action_service_revoked"),
  service_consented: t("js.profile.action_service_consented"),
};
// The history's notes as the server records them ("hasło", "nazwa użytkownika" are its Polish
// data, written here with escapes), and their words in the page's language.
const CHANNELS = { sms: t("js.profile.channel_sms"), push: t("js.profile.channel_push"),
  "has\u0142o": t("js.profile.channel_password"), "nazwa u\u017cytkownika": t("js.profile.channel_username"),
  android: "Android", ios: "iOS",
  device_linked: t("js.profile.channel_device_linked"), password_changed: t("js.profile.channel_password_changed"),
  password_recovered: t("js.profile.channel_password_recovered"),
  auth_method_changed: t("js.profile.channel_auth_method_changed"), "push → sms": t("js.profile.channel_push_to_sms"),
  email_changed: t("js.profile.channel_email_changed"), phone_changed: t("js.profile.channel_phone_changed"),
  device_unlinked: t("js.profile.channel_device_unlinked") };
const method = (m) => (m === "push" ? t("js.profile.method_push") : t("js.profile.method_sms"));

/** `key_one`, `key_few`, `key_many` or `key_other`: the form the page's language takes after `n`. */
function counted(key, n, values) {
  const form = `${key}_${new Intl.PluralRules(LOCALE).select(n)}`;
  return t(form in TEXTS ? form : `${key}_other`, { ...values, n });
}

/** A history entry's note in words: a known one, a bank's or Envelo's sign-in, days before the end, or as it is. */
function channel(note) {
  if (!note) return "";
  if (CHANNELS[note]) return CHANNELS[note];
  const bank = /^bank lub Envelo: (.*)$/.exec(note);
  if (bank) return t("js.profile.channel_bank", { provider: bank[1] });
  const days = /^(\d+) dni$/.exec(note);
  if (days) return counted("js.profile.channel_days", Number(days[1]));
  return note;
}

function daysLeft(iso) {
  const days = Math.ceil((new Date(iso) - Date.now()) / 86400000);
  if (days <= 0) return t("js.profile.expired");
  const left = counted("js.profile.days_left", days);
  return days <= 90 ? t("js.profile.extend_soon", { left }) : left;
}

async function load() {
  const r = await api("GET", "/api/profile");
  if (r.status === 401) { $("signed-out").hidden = false; $("profile").hidden = true; $("logout").hidden = true; return; }
  if (!r.ok) { showError(r.data); return; }
  profile = r.data;
  $("profile").hidden = false;
  $("logout").hidden = false;
  $("p-name").textContent = [profile.first_name, profile.second_name, profile.last_name].filter(Boolean).join(" ");
  $("p-birth").textContent = day(profile.birth_date);
  $("p-username").textContent = profile.username;
  $("p-email").textContent = profile.email;
  $("p-phone").textContent = profile.phone;
  $("p-valid").textContent = profile.valid_until ? `${day(profile.valid_until)} (${daysLeft(profile.valid_until)})` : "—";
  $("p-method").textContent = method(profile.auth_method);
  $("p-device").replaceChildren();
  if (profile.device_linked) {
    $("p-device").textContent = `${t("js.profile.device_linked")} `;
    const unlink = document.createElement("button");
    unlink.type = "button";
    unlink.className = "secondary small";
    unlink.id = "unlink";
    unlink.textContent = t("js.profile.unlink");
    unlink.setAttribute("aria-label", t("js.profile.unlink_label"));
    unlink.addEventListener("click", unlinkApp);
    $("p-device").append(unlink);
  } else {
    const a = document.createElement("a");
    a.href = "/mobywatel";
    a.textContent = t("js.profile.device_not_linked");
    $("p-device").append(a);
  }
  $("change-method").textContent = profile.auth_method === "push"
    ? t("js.profile.change_method_to_sms") : t("js.profile.change_method_to_push");
  loadHistory();
  loadSessions();
  loadServices();
}

async function loadSessions() {
  const r = await api("GET", "/api/profile/sessions");
  const body = $("sessions");
  body.replaceChildren();
  for (const s of (r.ok ? r.data.sessions : [])) {
    const tr = document.createElement("tr");
    for (const text of [when(s.created_at), when(s.last_seen_at), s.current ? t("js.profile.this_device") : ""]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
}

function profileDeleted() {
  $("profile").hidden = true;
  $("logout").hidden = true;
  $("signed-out").hidden = true;
  $("notice").textContent = t("js.profile.deleted");
  $("notice").setAttribute("tabindex", "-1");
  $("notice").focus();
}

/** "Usuń profil zaufany": asked once more, then authorised by the current method. */
async function deleteProfile() {
  clearErrors();
  $("delete-confirm").hidden = true;
  const r = await api("POST", "/api/profile/delete", {}, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  await authorise(r.data, profileDeleted, true, profileDeleted);
}

/** Which contact change waits for its code: "email" or "phone". */
let contactChange = null;

function askForContactCode(what, sentTo) {
  contactChange = what;
  $("contact-code-title").textContent = what === "email" ? t("js.profile.contact_code_title_email") : t("js.profile.contact_code_title_phone");
  $("contact-code-sent").textContent = t("js.profile.contact_code_sent", { to: sentTo });
  $("contact-code-form").hidden = false;
  $("contact-code-title").focus();
}

async function changeEmail(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const email = $("email").value.trim();
  if (!email.includes("@")) { showError({ field: "email", message: t("js.profile.email_format") }); return; }
  const r = await api("POST", "/api/profile/email", { email }, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  askForContactCode("email", email);
}

async function changePhone(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const phone = $("phone").value.trim();
  if (!phone) { showError({ field: "phone", message: t("js.profile.phone_missing") }); return; }
  const r = await api("POST", "/api/profile/phone", { phone }, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  // The current method approves first; then the code goes to the new number.
  authorise(r.data, (answer) => askForContactCode("phone", (answer && answer.sent_to) || t("js.profile.new_number")), true);
}

async function confirmContact(ev) {
  ev.preventDefault();
  clearErrors();
  const code = $("contact-code").value.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) { showError({ field: "contact-code", message: t("js.profile.code_format") }); return; }
  const r = await api("POST", `/api/profile/${contactChange}/confirm`, { code }, profile.csrf_token);
  if (!r.ok) { showError(r.data.field === "code" ? { ...r.data, field: "contact-code" } : r.data); return; }
  $("contact-code").value = "";
  $("contact-code-form").hidden = true;
  $("email").value = "";
  $("phone").value = "";
  $("notice").textContent = contactChange === "email"
    ? t("js.profile.email_changed")
    : t("js.profile.phone_changed");
  load();
}

/** "Odłącz": the app no longer confirms anything; the method falls back to SMS. */
async function unlinkApp() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("DELETE", `/api/profile/devices/${profile.device_id}`, undefined, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  $("notice").textContent = t("js.profile.unlinked");
  load();
}

const SCOPES = {
  openid: t("js.profile.scope_openid"), profile: t("js.profile.scope_profile"), email: t("js.profile.scope_email"),
  phone: t("js.profile.scope_phone"), pesel: t("js.profile.scope_pesel"),
};

async function loadServices() {
  const r = await api("GET", "/api/profile/services");
  const list = r.ok ? r.data.services : [];
  const body = $("services");
  body.replaceChildren();
  $("services-table").hidden = list.length === 0;
  $("no-services").hidden = list.length > 0;
  for (const s of list) {
    const tr = document.createElement("tr");
    const received = s.scopes.map((x) => SCOPES[x] || x).join("; ");
    for (const text of [s.name, received, when(s.last_used_at)]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    const td = document.createElement("td");
    const revoke = document.createElement("button");
    revoke.type = "button";
    revoke.className = "secondary small";
    revoke.textContent = t("js.profile.revoke");
    revoke.setAttribute("aria-label", t("js.profile.revoke_label", { service: s.name }));
    revoke.addEventListener("click", () => revokeService(s));
    td.append(revoke);
    tr.append(td);
    body.append(tr);
  }
}

/** "Cofnij dostęp": the service's tokens stop working; its next sign-in connects it again. */
async function revokeService(service) {
  clearErrors();
  const r = await api("DELETE", `/api/profile/services/${encodeURIComponent(service.client_id)}`, undefined, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  $("notice").textContent = t("js.profile.revoked", { service: service.name });
  load();
}

async function endOthers() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("POST", "/api/profile/sessions/end-others", {}, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  $("notice").textContent = r.data.ended === 0
    ? t("js.profile.no_other_sessions")
    : t("js.profile.other_sessions_ended");
  load();
}

async function changePassword(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const body = { current_password: $("current_password").value, new_password: $("new_password").value };
  if (!body.current_password) { showError({ field: "current_password", message: t("js.profile.current_password_missing") }); return; }
  if (!body.new_password) { showError({ field: "new_password", message: t("js.profile.new_password_missing") }); return; }
  if (body.new_password !== $("new_password2").value) { showError({ field: "new_password2", message: t("js.profile.passwords_differ") }); return; }
  const r = await api("POST", "/api/profile/password", body, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  for (const id of ["current_password", "new_password", "new_password2"]) $(id).value = "";
  $("notice").textContent = t("js.profile.password_changed");
  load();
}

async function loadHistory() {
  const r = await api("GET", "/api/profile/history");
  const body = $("history");
  body.replaceChildren();
  for (const e of (r.ok ? r.data.entries : [])) {
    const tr = document.createElement("tr");
    for (const text of [when(e.at), ACTIONS[e.action] || e.action, channel(e.channel)]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
}

function askForCode(sentTo) {
  $("code-sent").textContent = t("js.profile.code_sent", { phone: sentTo });
  $("code-form").hidden = false;
  $("code-title").focus();
}

/**
 * Authorises a step-up: the SMS code form, or the number to pick in the app. An
 * extension may go on by SMS code instead ("Wyślij kod SMS"); a change to push may not.
 * `gone` is called instead when the step ended the session (a deleted profile).
 */
async function authorise(started, done, smsAllowed, gone) {
  pending = { started, done, gone };
  if (started.method === "sms") { askForCode(started.sent_to); return; }
  $("match-number").textContent = started.match_number;
  $("push-sms").hidden = !smsAllowed;
  $("push-step").hidden = false;
  $("push-title").focus();
  pending.waiting = new AbortController();
  const answer = await waitForApp(started.challenge_id, started.expires_in, $("push-progress"), pending.waiting.signal);
  $("push-step").hidden = true;
  if (answer.status === "stopped") return;
  // An approved deletion ends this session with the profile: the wait sees it no more.
  if (pending.gone && (await api("GET", "/api/profile")).status === 401) { pending.gone(); return; }
  if (answer.status === "approved") done();
  else $("status").textContent = answer.status === "denied" ? t("js.profile.push_denied") : t("js.profile.push_expired");
  load();
}

async function smsInstead() {
  const sent = await switchToSms(pending.started.challenge_id, profile.csrf_token, pending.waiting);
  if (sent) askForCode(sent.sent_to);
}

async function confirmCode(ev) {
  const answer = await confirmChallengeCode(ev, pending.started.challenge_id, profile.csrf_token);
  if (!answer) return;
  $("code-form").hidden = true;
  pending.done(answer);
  if (answer.status !== "deleted") load();
}

async function changeMethod() {
  clearErrors();
  $("notice").textContent = "";
  const to = profile.auth_method === "push" ? "sms" : "push";
  const r = await api("POST", "/api/profile/auth-method", { method: to }, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  if (r.status === 200) { $("notice").textContent = t("js.profile.method_now_sms"); load(); return; }
  authorise(r.data, () => { $("notice").textContent = t("js.profile.method_now_push"); });
}

async function extend() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("POST", "/api/profile/extend", {}, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  authorise(r.data, () => { $("notice").textContent = t("js.profile.extended"); }, true);
}

/** "Wyloguj": leaves the page only once the session has really ended (on a shared
 *  computer a page that pretends would leave the next person signed in). */
async function logout() {
  clearErrors();
  const r = await api("POST", "/api/logout", {}, profile.csrf_token);
  if (r.ok || r.status === 401) { location.assign("/"); return; }
  $("status").textContent = t("js.profile.logout_failed");
  $("logout").focus();
}

document.addEventListener("DOMContentLoaded", () => {
  $("change-method").addEventListener("click", changeMethod);
  $("extend").addEventListener("click", extend);
  $("code-form").addEventListener("submit", confirmCode);
  $("push-sms").addEventListener("click", smsInstead);
  $("logout").addEventListener("click", logout);
  $("password-form").addEventListener("submit", changePassword);
  $("email-form").addEventListener("submit", changeEmail);
  $("phone-form").addEventListener("submit", changePhone);
  $("contact-code-form").addEventListener("submit", confirmContact);
  $("end-others").addEventListener("click", endOthers);
  $("delete").addEventListener("click", () => { $("delete-confirm").hidden = false; $("delete-title").focus(); });
  $("delete-cancel").addEventListener("click", () => { $("delete-confirm").hidden = true; $("delete").focus(); });
  $("delete-yes").addEventListener("click", deleteProfile);
  load();
});
