// "Szczegóły profilu": the citizen's data, validity and its extension, the authorisation
// method ("Zmień metodę autoryzacji"), the linked app and the account's history.
"use strict";

let profile = null;
let pending = null;

const ACTIONS = {
  signed_in: "Logowanie", sign_in_failed: "Nieudane logowanie", signed_out: "Wylogowanie",
  auth_method_changed: "Zmiana metody autoryzacji", extended: "Przedłużenie ważności profilu",
  device_linked: "Połączenie aplikacji mObywatel", service_sign_in: "Logowanie do serwisu",
  recovery_requested: "Prośba o odzyskanie dostępu (e-mail)", password_recovered: "Nowe hasło (odzyskiwanie)",
  password_changed: "Zmiana hasła", other_sessions_ended: "Wylogowanie na pozostałych urządzeniach",
  disavowed: "„To nie ja”: sesje zakończone, logowanie hasłem zablokowane",
  expiry_reminder: "Przypomnienie o końcu ważności (e-mail)", device_unlinked: "Odłączenie aplikacji mObywatel",
  profile_deleted: "Usunięcie profilu", email_changed: "Zmiana adresu e-mail", phone_changed: "Zmiana numeru telefonu",
  service_revoked: "Cofnięcie dostępu serwisu",
  service_consented: "Zgoda na przekazanie danych serwisowi",
};
const CHANNELS = { sms: "kod SMS", push: "powiadomienie push", "hasło": "hasło", "nazwa użytkownika": "nazwa użytkownika", android: "Android", ios: "iOS",
  device_linked: "połączenie aplikacji", password_changed: "zmiana hasła", password_recovered: "odzyskanie hasła",
  auth_method_changed: "zmiana metody autoryzacji", "push → sms": "push → kod SMS",
  email_changed: "zmiana adresu e-mail", phone_changed: "zmiana numeru telefonu" };
const method = (m) => (m === "push" ? "powiadomienia push w aplikacji mObywatel" : "kod SMS");

function daysLeft(iso) {
  const days = Math.ceil((new Date(iso) - Date.now()) / 86400000);
  if (days <= 0) return "profil wygasł";
  const word = days === 1 ? "dzień" : "dni";
  return days <= 90 ? `zostało ${days} ${word} — przedłuż ważność profilu` : `zostało ${days} ${word}`;
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
    $("p-device").textContent = "połączona ";
    const unlink = document.createElement("button");
    unlink.type = "button";
    unlink.className = "secondary small";
    unlink.id = "unlink";
    unlink.textContent = "Odłącz";
    unlink.setAttribute("aria-label", "Odłącz aplikację mObywatel");
    unlink.addEventListener("click", unlinkApp);
    $("p-device").append(unlink);
  } else {
    const a = document.createElement("a");
    a.href = "/mobywatel";
    a.textContent = "nie połączono — połącz aplikację";
    $("p-device").append(a);
  }
  $("change-method").textContent = profile.auth_method === "push"
    ? "Zmień metodę autoryzacji na kod SMS" : "Zmień metodę autoryzacji na powiadomienia push";
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
    for (const text of [when(s.created_at), when(s.last_seen_at), s.current ? "to urządzenie" : ""]) {
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
  $("notice").textContent = "Twój profil zaufany został usunięty. Wysłaliśmy potwierdzenie na adres e-mail z profilu.";
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
  $("contact-code-title").textContent = what === "email" ? "Wpisz kod z e-maila" : "Wpisz kod z SMS-a na nowy numer";
  $("contact-code-sent").textContent = `Wysłaliśmy kod na ${sentTo}. Kod jest ważny 5 minut.`;
  $("contact-code-form").hidden = false;
  $("contact-code-title").focus();
}

async function changeEmail(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const email = $("email").value.trim();
  if (!email.includes("@")) { showError({ field: "email", message: "Podaj prawidłowy adres e-mail, np. jan.kowalski@example.pl." }); return; }
  const r = await api("POST", "/api/profile/email", { email }, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  askForContactCode("email", email);
}

async function changePhone(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const phone = $("phone").value.trim();
  if (!phone) { showError({ field: "phone", message: "Podaj nowy numer telefonu komórkowego." }); return; }
  const r = await api("POST", "/api/profile/phone", { phone }, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  // The current method approves first; then the code goes to the new number.
  authorise(r.data, (answer) => askForContactCode("phone", (answer && answer.sent_to) || "nowy numer"), true);
}

async function confirmContact(ev) {
  ev.preventDefault();
  clearErrors();
  const code = $("contact-code").value.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) { showError({ field: "contact-code", message: "Kod to 6 cyfr." }); return; }
  const r = await api("POST", `/api/profile/${contactChange}/confirm`, { code }, profile.csrf_token);
  if (!r.ok) { showError(r.data.field === "code" ? { ...r.data, field: "contact-code" } : r.data); return; }
  $("contact-code").value = "";
  $("contact-code-form").hidden = true;
  $("email").value = "";
  $("phone").value = "";
  $("notice").textContent = contactChange === "email"
    ? "Adres e-mail został zmieniony. Powiadomiliśmy o tym poprzedni adres."
    : "Numer telefonu został zmieniony. Powiadomiliśmy o tym poprzedni numer.";
  load();
}

/** "Odłącz": the app no longer confirms anything; the method falls back to SMS. */
async function unlinkApp() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("DELETE", `/api/profile/devices/${profile.device_id}`, undefined, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  $("notice").textContent = "Aplikacja mObywatel została odłączona. Metoda autoryzacji: kod SMS.";
  load();
}

const SCOPES = { openid: "identyfikator", profile: "imię, nazwisko, data urodzenia", email: "adres e-mail", phone: "numer telefonu", pesel: "numer PESEL" };

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
    revoke.textContent = "Cofnij dostęp";
    revoke.setAttribute("aria-label", `Cofnij dostęp: ${s.name}`);
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
  $("notice").textContent = `Cofnięto dostęp serwisu „${service.name}” do Twojego profilu.`;
  load();
}

async function endOthers() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("POST", "/api/profile/sessions/end-others", {}, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  $("notice").textContent = r.data.ended === 0
    ? "Nie byłeś zalogowany na innych urządzeniach."
    : "Wylogowano Cię na pozostałych urządzeniach.";
  load();
}

async function changePassword(ev) {
  ev.preventDefault();
  clearErrors();
  $("notice").textContent = "";
  const body = { current_password: $("current_password").value, new_password: $("new_password").value };
  if (!body.current_password) { showError({ field: "current_password", message: "Podaj obecne hasło." }); return; }
  if (!body.new_password) { showError({ field: "new_password", message: "Podaj nowe hasło." }); return; }
  if (body.new_password !== $("new_password2").value) { showError({ field: "new_password2", message: "Hasła nie są takie same." }); return; }
  const r = await api("POST", "/api/profile/password", body, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  for (const id of ["current_password", "new_password", "new_password2"]) $(id).value = "";
  $("notice").textContent = "Hasło zostało zmienione. Sesje na innych urządzeniach zostały zakończone.";
  load();
}

async function loadHistory() {
  const r = await api("GET", "/api/profile/history");
  const body = $("history");
  body.replaceChildren();
  for (const e of (r.ok ? r.data.entries : [])) {
    const tr = document.createElement("tr");
    for (const text of [when(e.at), ACTIONS[e.action] || e.action, CHANNELS[e.channel] || e.channel || ""]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    body.append(tr);
  }
}

function askForCode(sentTo) {
  $("code-sent").textContent = `Wysłaliśmy kod na numer ${sentTo}.`;
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
  else $("status").textContent = answer.status === "denied" ? "Odrzucono w aplikacji mObywatel." : "Czas na potwierdzenie minął.";
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
  if (r.status === 200) { $("notice").textContent = "Metoda autoryzacji: kod SMS."; load(); return; }
  authorise(r.data, () => { $("notice").textContent = "Metoda autoryzacji: powiadomienia push."; });
}

async function extend() {
  clearErrors();
  $("notice").textContent = "";
  const r = await api("POST", "/api/profile/extend", {}, profile.csrf_token);
  if (!r.ok) { showError(r.data); return; }
  authorise(r.data, () => { $("notice").textContent = "Ważność profilu została przedłużona: profil jest ważny 3 lata od dziś."; }, true);
}

/** "Wyloguj": leaves the page only once the session has really ended (on a shared
 *  computer a page that pretends would leave the next person signed in). */
async function logout() {
  clearErrors();
  const r = await api("POST", "/api/logout", {}, profile.csrf_token);
  if (r.ok || r.status === 401) { location.assign("/"); return; }
  $("status").textContent = "Nie udało się wylogować — sesja nadal jest aktywna. Odśwież stronę i kliknij „Wyloguj” ponownie albo zamknij przeglądarkę.";
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
