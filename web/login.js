// Signing in: login and password ("Dalej"), then the SMS code ("Potwierdź") or the
// number to pick in the mObywatel app. Afterwards back to where the citizen came from.
"use strict";

const params = new URLSearchParams(location.search);

/** Only our own pages, or our authorize endpoint for a relying service. */
function next() {
  const raw = params.get("next") || "";
  if (raw === "/profil" || raw === "/mobywatel" || raw.startsWith("/oauth2/authorize?")) return raw;
  return "/profil";
}

let challenge = null;
let waiting = null;

function show(step) {
  $("login-form").hidden = step !== "login";
  $("code-form").hidden = step !== "code";
  $("push-step").hidden = step !== "push";
  const focus = { login: "login", code: "code-title", push: "push-title" }[step];
  $(focus).focus();
}

async function signIn(ev) {
  ev.preventDefault();
  clearErrors();
  const body = { login: $("login").value.trim(), password: $("password").value };
  if (!body.login) { showError({ field: "login", message: t("js.login.login_missing") }); return; }
  if (!body.password) { showError({ field: "password", message: t("js.login.password_missing") }); return; }
  const r = await api("POST", "/api/login", body);
  if (!r.ok) { showError(r.data); return; }
  challenge = r.data;
  $("password").value = "";
  if (challenge.method === "sms") { askForCode(challenge.sent_to); return; }
  $("match-number").textContent = challenge.match_number;
  show("push");
  waiting = new AbortController();
  const answer = await waitForApp(challenge.challenge_id, challenge.expires_in, $("push-progress"), waiting.signal);
  if (answer.status === "stopped") return;
  if (answer.status === "approved") { location.assign(next()); return; }
  show("login");
  $("status").textContent = answer.status === "denied"
    ? t("js.login.denied")
    : (answer.data.message || t("js.login.expired"));
}

function askForCode(sentTo) {
  $("code-sent").textContent = t("js.login.code_sent", { phone: sentTo });
  show("code");
}

/** "Wyślij kod SMS": no phone with the app at hand; the push is withdrawn. */
async function smsInstead() {
  clearErrors();
  const r = await api("POST", `/api/login/${challenge.challenge_id}/sms`, {}, challenge.csrf_token);
  if (!r.ok) { $("status").textContent = r.data.message || t("js.login.sms_failed"); return; }
  if (waiting) waiting.abort();
  askForCode(r.data.sent_to);
}

async function confirmCode(ev) {
  clearErrors();
  if (await confirmChallengeCode(ev, challenge.challenge_id, challenge.csrf_token)) location.assign(next());
}

document.addEventListener("DOMContentLoaded", () => {
  if (next().startsWith("/oauth2/")) {
    $("for-service").hidden = false;
    $("for-service").textContent = t("js.login.for_service");
  }
  $("login-form").addEventListener("submit", signIn);
  $("code-form").addEventListener("submit", confirmCode);
  $("code-back").addEventListener("click", () => show("login"));
  $("push-back").addEventListener("click", () => location.reload());
  $("push-sms").addEventListener("click", smsInstead);
});
