// The mObywatel app simulator: links itself to the signed-in profile (as the phone app
// registers its push token), then shows pending requests and answers them by picking
// the number the browser shows (number matching).
"use strict";

const KEY = "pz-mobywatel-device";
const KINDS = {
  login: t("js.app.kind_login"),
  auth_method_change: t("js.app.kind_auth_method_change"),
  extend: t("js.app.kind_extend"),
  link_device: t("js.app.kind_link_device"),
  delete_profile: t("js.app.kind_delete_profile"),
  phone_change: t("js.app.kind_phone_change"),
};

const device = () => JSON.parse(localStorage.getItem(KEY) || "null");
let timer = null;

async function deviceApi(method, url, body) {
  const d = device();
  const headers = { Accept: "application/json", "Accept-Language": LANG, Authorization: `Device ${d.device_secret}` };
  if (body) headers["Content-Type"] = "application/json";
  const resp = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined }).catch(() => null);
  if (!resp) return { ok: false, status: 0, data: {} };
  return { ok: resp.ok, status: resp.status, data: await resp.json().catch(() => ({})) };
}

async function showUnlinked() {
  $("linked").hidden = true;
  $("unlinked").hidden = false;
  const r = await api("GET", "/api/profile");
  if (r.ok) {
    $("link-text").textContent = t("js.app.signed_in_as", { username: r.data.username });
    $("link").hidden = false;
    $("link").onclick = () => link(r.data.csrf_token);
  } else {
    $("link-text").textContent = t("js.app.sign_in_to_link");
    $("sign-in").hidden = false;
  }
}

/** A link waiting for a challenge (202): the new app's id and secret, the CSRF token. */
let pendingLink = null;

async function link(csrf) {
  clearErrors();
  const token = Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(16).padStart(2, "0")).join("");
  const r = await api("POST", "/api/devices", { platform: "android", push_token: `sim-${token}` }, csrf);
  if (!r.ok) { showError(r.data); return; }
  const app = { device_id: r.data.device_id, device_secret: r.data.device_secret };
  if (r.status !== 202) { finishLink(app); return; }
  // Another app is linked (or the method is push): the link waits for the current method.
  $("link").hidden = true;
  pendingLink = { app, csrf, started: r.data };
  if (r.data.method === "sms") askForCode(r.data.sent_to); else waitForOldApp(r.data);
}

function finishLink(app) {
  pendingLink = null;
  $("code-form").hidden = true;
  $("push-step").hidden = true;
  localStorage.setItem(KEY, JSON.stringify(app));
  showLinked();
}

function askForCode(sentTo) {
  $("code-sent").textContent = t("js.app.code_sent", { phone: sentTo });
  $("code-form").hidden = false;
  $("code-title").focus();
}

async function waitForOldApp(started) {
  $("match-number").textContent = started.match_number;
  $("push-step").hidden = false;
  $("push-title").focus();
  pendingLink.waiting = new AbortController();
  const answer = await waitForApp(started.challenge_id, started.expires_in, $("push-progress"), pendingLink.waiting.signal);
  if (answer.status === "stopped") return;
  $("push-step").hidden = true;
  if (answer.status === "approved") { finishLink(pendingLink.app); return; }
  $("status").textContent = answer.status === "denied"
    ? t("js.app.link_denied")
    : t("js.app.link_expired");
  pendingLink = null;
  $("link").hidden = false;
}

async function smsInstead() {
  const sent = await switchToSms(pendingLink.started.challenge_id, pendingLink.csrf, pendingLink.waiting);
  if (sent) askForCode(sent.sent_to);
}

async function confirmCode(ev) {
  if (await confirmChallengeCode(ev, pendingLink.started.challenge_id, pendingLink.csrf)) finishLink(pendingLink.app);
}

function showLinked() {
  $("unlinked").hidden = true;
  $("linked").hidden = false;
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  const d = device();
  if (!d) return;
  const r = await deviceApi("GET", `/api/devices/${d.device_id}/requests`);
  if (r.status === 401) { localStorage.removeItem(KEY); showUnlinked(); return; }
  const box = $("requests");
  const shown = new Set([...box.children].map((c) => c.dataset.id));
  const ids = new Set((r.data.requests || []).map((q) => q.request_id));
  for (const c of [...box.children]) if (!ids.has(c.dataset.id)) c.remove();
  for (const q of r.data.requests || []) if (!shown.has(q.request_id)) box.append(card(q));
  $("none").hidden = box.children.length > 0;
  timer = setTimeout(refresh, 2000);
}

function card(q) {
  const div = document.createElement("div");
  div.className = "msg";
  div.dataset.id = q.request_id;
  const h = document.createElement("h3");
  h.textContent = KINDS[q.kind] || q.kind;
  const when = document.createElement("p");
  when.className = "hint";
  const at = new Date(q.created_at).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  const until = new Date(q.expires_at).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
  when.textContent = t("js.app.request_times", { at, until });
  const p = document.createElement("p");
  p.textContent = t("js.app.pick_number");
  const choices = document.createElement("div");
  choices.className = "actions choices";
  for (const n of q.choices) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "choice-number";
    b.textContent = n;
    b.setAttribute("aria-label", t("js.app.choose_number", { number: n }));
    b.onclick = () => answer(q, true, n);
    choices.append(b);
  }
  const deny = document.createElement("button");
  deny.type = "button";
  deny.className = "danger";
  deny.textContent = t("js.app.reject");
  deny.onclick = () => answer(q, false);
  choices.append(deny);
  div.append(h, when, p, choices);
  return div;
}

async function answer(q, approve, number) {
  const body = approve ? { approve: true, match_number: number } : { approve: false };
  const r = await deviceApi("POST", `/api/push-requests/${q.request_id}/respond`, body);
  if (!r.ok) { showError(r.data); }
  else $("answered").textContent = r.data.status === "approved" ? t("js.app.approved") : t("js.app.rejected");
  refresh();
}

function tickClock() {
  $("phone-clock").textContent = new Date().toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
}

document.addEventListener("DOMContentLoaded", () => {
  tickClock();
  setInterval(tickClock, 15000);
  $("unlink").addEventListener("click", () => { localStorage.removeItem(KEY); showUnlinked(); });
  $("code-form").addEventListener("submit", confirmCode);
  $("push-sms").addEventListener("click", smsInstead);
  if (device()) showLinked(); else showUnlinked();
});
