// The clerk panel: sign-in, the day's calls, one application (number to read out, call
// link, the three checks, confirm or reject), the audit trail. Text only via textContent.
// `$`, `t`, `LOCALE` and `clearErrors` come from common.js (listed first on the page); the
// panel keeps its own request helper, `clerkApi`: it sends the session's CSRF token and
// shows the sign-in on 401.
"use strict";

let csrf = "";

const STATUS = {
  submitted: t("js.clerk.status_submitted"),
  confirmed: t("js.clerk.status_confirmed"),
  rejected: t("js.clerk.status_rejected"),
  expired: t("js.clerk.status_expired"),
  awaiting_sms_code: t("js.clerk.status_awaiting_sms_code"),
};
const ACTIONS = {
  signed_in: t("js.clerk.action_signed_in"), sign_in_failed: t("js.clerk.action_sign_in_failed"),
  signed_out: t("js.clerk.action_signed_out"), slot_published: t("js.clerk.action_slot_published"),
  application_viewed: t("js.clerk.action_application_viewed"), call_link_sent: t("js.clerk.action_call_link_sent"),
  confirmed: t("js.clerk.action_confirmed"), rejected: t("js.clerk.action_rejected"),
  no_show: t("js.clerk.action_no_show"), rebooked: t("js.clerk.action_rebooked"),
  expired: t("js.clerk.action_expired"), counter_search_missed: t("js.clerk.action_counter_search_missed"),
};

const time = (iso) => new Date(iso).toLocaleTimeString(LOCALE, { hour: "2-digit", minute: "2-digit" });
const dateTime = (iso) => new Date(iso).toLocaleString(LOCALE, { dateStyle: "short", timeStyle: "short" });

async function clerkApi(method, path, body) {
  const headers = { "Accept": "application/json", "Accept-Language": LANG };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrf;
  const resp = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  const data = resp.status === 204 ? {} : await resp.json().catch(() => ({}));
  if (resp.status === 401) {
    show("login");
  }
  return { ok: resp.ok, status: resp.status, data };
}

function say(text) { $("status").textContent = text || ""; }
function notice(text) { $("notice").textContent = text || ""; }

function showErrors(data) {
  const fields = data.fields || (data.field ? { [data.field]: data.message } : {});
  let shown = false;
  for (const [name, msg] of Object.entries(fields)) {
    const el = $("err-" + name);
    if (el) { el.textContent = msg; shown = true; }
  }
  if (!shown) say(data.message || t("js.clerk.error"));
}

function show(view) {
  for (const v of ["login", "day", "app"]) $("view-" + v).hidden = v !== view;
}

const longDay = (ymd) => new Date(`${ymd}T12:00:00`).toLocaleDateString(LOCALE, { weekday: "long", day: "numeric", month: "long" });

/** Moves the day view by `days` (the date input holds YYYY-MM-DD in local time). */
function shiftDay(days) {
  const d = new Date(`${$("day").value || today()}T12:00:00`);
  d.setDate(d.getDate() + days);
  $("day").value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  loadDay();
}

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function fillAudit(list, entries) {
  list.replaceChildren();
  for (const e of entries) {
    const li = document.createElement("li");
    const who = e.actor.kind === "clerk" ? e.actor.username : e.actor.kind === "citizen" ? t("js.clerk.actor_citizen") : t("js.clerk.actor_system");
    li.textContent = `${dateTime(e.at)} — ${who}: ${ACTIONS[e.action] || e.action}${e.note ? " (" + e.note + ")" : ""}`;
    list.append(li);
  }
}

async function loadDay() {
  say("");
  const day = $("day").value || today();
  const r = await clerkApi("GET", `/api/clerk/calls?date=${encodeURIComponent(day)}`);
  if (!r.ok) { if (r.status !== 401) say(r.data.message); return; }
  const body = $("calls");
  body.replaceChildren();
  for (const c of r.data.calls) {
    const tr = document.createElement("tr");
    const cells = [`${time(c.slot.start)}–${time(c.slot.end)}`, `${c.first_name} ${c.last_name}`, c.video_app,
      c.missed ? t("js.clerk.status_missed", { status: STATUS[c.status] || c.status }) : (STATUS[c.status] || c.status)];
    for (const text of cells) { const td = document.createElement("td"); td.textContent = text; tr.append(td); }
    const td = document.createElement("td");
    const a = document.createElement("a");
    a.href = `#wniosek/${c.application_id}`;
    a.textContent = t("js.clerk.open_application");
    td.append(a);
    tr.append(td);
    body.append(tr);
  }
  $("no-calls").hidden = r.data.calls.length > 0;
  const waiting = r.data.calls.filter((c) => c.status === "submitted").length;
  $("day-summary").textContent = t("js.clerk.day_summary", { day: longDay(day), calls: r.data.calls.length, waiting });
  const audit = await clerkApi("GET", `/api/clerk/audit?date=${encodeURIComponent(day)}`);
  if (audit.ok) fillAudit($("day-audit"), audit.data.entries);
}

async function loadApplication(id) {
  say("");
  const r = await clerkApi("GET", `/api/clerk/applications/${encodeURIComponent(id)}`);
  if (!r.ok) { if (r.status !== 401) { say(r.data.message); } return; }
  showApplication(r.data);
}

/** How the application is to be confirmed, as rows of its data. */
function wayRows(a) {
  if (a.office) {
    return [
      [t("js.clerk.way_label"), t("js.clerk.way_office")],
      [t("js.clerk.office_label"), `${a.office.name}, ${a.office.address}`],
    ];
  }
  return [
    [t("js.clerk.slot_label"), `${dateTime(a.slot.start)}–${time(a.slot.end)}`], [t("js.clerk.app_label"), a.video_app],
    [t("js.clerk.links_sent_label"), String(a.call_links_sent)],
  ];
}

function showApplication(a) {
  show("app");
  $("app-number-label").textContent = a.office
    ? t("js.clerk.number_to_compare")
    : t("js.clerk.number_to_read");
  $("link-part").hidden = Boolean(a.office);
  $("app-name").textContent = `${a.first_name} ${a.last_name}`;
  $("app-number").textContent = a.application_number;
  $("app-status").textContent = STATUS[a.status] || a.status;
  const rows = [
    [t("js.clerk.first_name"), a.first_name], [t("js.clerk.second_name"), a.second_name || "—"],
    [t("js.clerk.last_name"), a.last_name], ["PESEL", a.pesel], [t("js.clerk.birth_date"), a.birth_date],
    [t("js.clerk.email"), a.email], [t("js.clerk.phone"), a.phone],
    ...wayRows(a),
  ];
  if (a.decision) rows.push([t("js.clerk.decision"), `${a.decision.by}, ${dateTime(a.decision.at)}${a.decision.reason ? " — " + a.decision.reason : ""}`]);
  if (a.valid_until) rows.push([t("js.clerk.valid_until"), dateTime(a.valid_until)]);
  if (a.expires_at) rows.push([t("js.clerk.expires_at"), dateTime(a.expires_at)]);
  const dl = $("app-data");
  dl.replaceChildren();
  for (const [k, v] of rows) {
    const dt = document.createElement("dt"); dt.textContent = k;
    const dd = document.createElement("dd"); dd.textContent = v;
    dl.append(dt, dd);
  }
  $("app-actions").hidden = a.status !== "submitted";
  fillAudit($("app-audit"), a.audit);
  $("app-number").closest(".number-box").focus?.();
}

async function route() {
  const m = location.hash.match(/^#wniosek\/([0-9a-z]{26})$/);
  if (m) { await loadApplication(m[1]); return; }
  show("day");
  await loadDay();
}

function currentId() {
  const m = location.hash.match(/^#wniosek\/([0-9a-z]{26})$/);
  return m ? m[1] : "";
}

async function start() {
  const me = await clerkApi("GET", "/api/clerk/me");
  if (!me.ok) { show("login"); return; }
  csrf = me.data.csrf_token;
  $("who").textContent = me.data.username;
  await route();
}

document.addEventListener("DOMContentLoaded", () => {
  $("day").value = today();
  $("login-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    say("");
    const r = await clerkApi("POST", "/api/clerk/login", {
      username: $("login-username").value,
      password: $("login-password").value,
      totp: $("login-totp").value.replace(/\s/g, ""),
    });
    // A code works once: whatever the answer, the next try needs the next code.
    $("login-totp").value = "";
    if (!r.ok) { say(r.data.message || t("js.clerk.sign_in_failed")); return; }
    $("login-password").value = "";
    csrf = r.data.csrf_token;
    $("who").textContent = r.data.username;
    await route();
  });
  $("logout").addEventListener("click", async () => {
    say("");
    const r = await clerkApi("POST", "/api/clerk/logout").catch(() => ({ ok: false, status: 0 }));
    // Only an ended session leaves the panel (401: it had already ended).
    if (!r.ok && r.status !== 401) {
      say(t("js.clerk.sign_out_failed"));
      return;
    }
    csrf = "";
    show("login");
  });
  $("day").addEventListener("change", loadDay);
  $("day-prev").addEventListener("click", () => shiftDay(-1));
  $("day-next").addEventListener("click", () => shiftDay(1));
  $("day-today").addEventListener("click", () => { $("day").value = today(); loadDay(); });
  $("back").addEventListener("click", (ev) => { ev.preventDefault(); location.hash = ""; });
  window.addEventListener("hashchange", route);

  $("slot-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(ev.target);
    notice("");
    say("");
    const value = $("slot-start").value;
    if (!value) { $("err-start").textContent = t("js.clerk.slot_start_missing"); return; }
    const start = new Date(value);
    const end = new Date(start.getTime() + Number($("slot-length").value) * 60000);
    const r = await clerkApi("POST", "/api/clerk/slots", { start: start.toISOString(), end: end.toISOString(), capacity: Number($("slot-capacity").value) });
    if (!r.ok) { showErrors(r.data); return; }
    notice(t("js.clerk.slot_published", { start: dateTime(r.data.start), end: time(r.data.end) }));
    await loadDay();
  });

  $("counter-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(ev.target);
    notice("");
    say("");
    const pesel = $("counter-pesel").value.trim();
    const number = $("counter-number").value.trim();
    const refuse = (field, input, text) => { $(field).textContent = text; $(input).setAttribute("aria-invalid", "true"); $(input).focus(); };
    if (!/^\d{11}$/.test(pesel)) { refuse("err-pesel", "counter-pesel", t("js.clerk.pesel_format")); return; }
    if (!number) { refuse("err-number", "counter-number", t("js.clerk.number_missing")); return; }
    const query = new URLSearchParams({ pesel, number });
    const r = await clerkApi("GET", `/api/clerk/counter?${query}`);
    if (r.status === 404) { say(t("js.clerk.counter_not_found")); return; }
    if (r.status === 429) { say(r.data.message || t("js.clerk.counter_too_many")); return; }
    if (!r.ok) { if (r.status !== 401) showErrors(r.data); return; }
    $("counter-form").reset();
    // The view the counter answered with (a second read would log a second viewing).
    history.pushState(null, "", `#wniosek/${r.data.application_id}`);
    showApplication(r.data);
  });

  $("link-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(ev.target);
    notice("");
    const r = await clerkApi("POST", `/api/clerk/applications/${currentId()}/call-link`, { url: $("link-url").value });
    if (!r.ok) { showErrors(r.data); return; }
    notice(t("js.clerk.link_sent"));
    await loadApplication(currentId());
  });

  $("confirm-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(ev.target);
    notice("");
    const checks = {};
    for (const k of ["data_confirmed", "rules_presented", "id_document_checked"]) checks[k] = $(k).checked;
    const r = await clerkApi("POST", `/api/clerk/applications/${currentId()}/confirm`, checks);
    if (!r.ok) { showErrors(r.data); return; }
    notice(t("js.clerk.confirmed", { until: dateTime(r.data.valid_until) }));
    await loadApplication(currentId());
  });

  $("reject-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors(ev.target);
    notice("");
    const r = await clerkApi("POST", `/api/clerk/applications/${currentId()}/reject`, { reason: $("reject-reason").value });
    if (!r.ok) { showErrors(r.data); return; }
    notice(t("js.clerk.rejected"));
    await loadApplication(currentId());
  });

  start();
});
