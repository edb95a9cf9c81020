// The application form: steps, live password rules, server errors next to their fields.
"use strict";

const STEPS = ["login", "personal", "contact", "slot", "summary"];
const FIELD_STEP = {
  username: "login", password: "login",
  first_name: "personal", second_name: "personal", last_name: "personal", pesel: "personal",
  email: "contact", phone: "contact",
  slot_id: "slot", video_app: "slot", point_id: "slot", confirmation: "slot",
};
const LABELS = {
  username: t("js.apply.label_username"), first_name: t("js.apply.label_first_name"),
  second_name: t("js.apply.label_second_name"), last_name: t("js.apply.label_last_name"),
  pesel: t("js.apply.label_pesel"), email: t("js.apply.label_email"), phone: t("js.apply.label_phone"),
  slot_id: t("js.apply.label_slot_id"), video_app: t("js.apply.label_video_app"),
  point_id: t("js.apply.label_point_id"),
};

// `$` (an element by its id), `t`, `LOCALE` and `clearErrors` come from common.js.
const $$ = (sel) => Array.from(document.querySelectorAll(sel));
let current = "login";
let applicationId = null;
let slotsById = {};
let pointsById = {};

function way() {
  const chosen = document.querySelector("input[name=confirmation]:checked");
  return chosen ? chosen.value : "video";
}

function showWay() {
  const office = way() === "office";
  $("video-choice").hidden = office;
  $("office-choice").hidden = !office;
}

function show(step) {
  current = step;
  $$("#application section[data-step]").forEach((s) => { s.hidden = s.dataset.step !== step; });
  $("code-form").hidden = step !== "code";
  $("done").hidden = step !== "done";
  $$(".steps li").forEach((li) => {
    const active = li.dataset.step === step;
    li.classList.toggle("active", active);
    if (active) li.setAttribute("aria-current", "step"); else li.removeAttribute("aria-current");
  });
  const heading = document.querySelector(`[data-step="${step}"] h2`);
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

function setError(field, message) {
  const el = $(`err-${field}`);
  if (el) el.textContent = message || "";
  const input = document.getElementById(field);
  if (input) input.setAttribute("aria-invalid", message ? "true" : "false");
}

function formData() {
  const v = (id) => document.getElementById(id).value;
  const picked = (name) => { const el = document.querySelector(`input[name=${name}]:checked`); return el ? el.value : ""; };
  const data = {
    username: v("username"), password: v("password"),
    first_name: v("first_name"), last_name: v("last_name"), pesel: v("pesel"),
    email: v("email"), phone: v("phone"),
  };
  if (way() === "office") Object.assign(data, { confirmation: "office", point_id: picked("point_id") });
  else Object.assign(data, { slot_id: picked("slot_id"), video_app: picked("video_app") });
  if (v("second_name").trim()) data.second_name = v("second_name");
  return data;
}

// The rules the server checks too; here only to help while typing.
function passwordRules(p, username) {
  const u = (username || "").trim().toLowerCase();
  return {
    length: [...p].length >= 8,
    upper: /\p{Lu}/u.test(p),
    lower: /\p{Ll}/u.test(p),
    digit: /[^\p{L}]/u.test(p),
    username: p.length > 0 && (u === "" || !p.toLowerCase().includes(u)),
  };
}

function showPasswordRules() {
  const r = passwordRules($("password").value, $("username").value);
  $$("#password-rules li").forEach((li) => li.classList.toggle("met", r[li.dataset.rule]));
}

function localCheck(step) {
  const d = formData();
  const errors = {};
  if (step === "login") {
    if (!/^[A-Za-z0-9_-]{3,64}$/.test(d.username)) errors.username = t("js.apply.username_invalid");
    const r = passwordRules(d.password, d.username);
    if (!Object.values(r).every(Boolean)) errors.password = t("js.apply.password_invalid");
  } else if (step === "personal") {
    if (!d.first_name.trim()) errors.first_name = t("js.apply.first_name_missing");
    if (!d.last_name.trim()) errors.last_name = t("js.apply.last_name_missing");
    if (!/^\d{11}$/.test(d.pesel.trim())) errors.pesel = t("js.apply.pesel_invalid");
  } else if (step === "contact") {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(d.email.trim())) errors.email = t("js.apply.email_invalid");
    if (d.phone.replace(/\D/g, "").length < 9) errors.phone = t("js.apply.phone_invalid");
  } else if (step === "slot" && d.confirmation === "office") {
    if (!d.point_id) errors.point_id = t("js.apply.point_missing");
  } else if (step === "slot") {
    if (!d.slot_id) errors.slot_id = t("js.apply.slot_missing");
    if (!d.video_app) errors.video_app = t("js.apply.app_missing");
  }
  Object.entries(errors).forEach(([f, m]) => setError(f, m));
  const first = Object.keys(errors)[0];
  if (first) { const el = document.getElementById(first) || document.querySelector(`input[name=${first}]`); if (el) el.focus(); }
  return !first;
}

function fmt(iso) {
  return new Date(iso).toLocaleString(LOCALE, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });
}

function csrf() {
  const m = document.cookie.match(/(?:^|; )pz_app_csrf=([^;]*)/);
  return m ? m[1] : "";
}

/** One key per filled-in form: if the answer to "Wyślij wniosek" is lost and the request
 *  is sent again, the server answers with the application it already made. A form
 *  corrected after the code step gets a new key. */
function newSubmissionKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
let submissionKey = newSubmissionKey();
/** A confirmed code kept while the citizen picks another slot (theirs filled up before
 *  "Dalej": places are taken only with the code). */
let pendingCode = null;

/** A JSON request with the application's CSRF token (and any other headers: the
 *  Idempotency-Key); answers `{ ok, status, data }` and never throws. */
async function request(method, path, body, headers = {}) {
  const opts = { method, headers: { "X-CSRF-Token": csrf(), "Accept-Language": LANG, ...headers }, credentials: "same-origin" };
  if (body !== undefined) {
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(path, opts);
  } catch (_) {
    return { ok: false, status: 0, data: { message: t("js.common.offline") } };
  }
  let data = {};
  try { data = await resp.json(); } catch (_) { /* empty body */ }
  return { ok: resp.ok, status: resp.status, data };
}

function showServerError(data) {
  const fields = data.fields && Object.keys(data.fields).length ? data.fields : (data.field ? { [data.field]: data.message } : {});
  Object.entries(fields).forEach(([f, m]) => setError(f, m));
  const first = Object.keys(fields)[0];
  if (first && FIELD_STEP[first]) {
    show(FIELD_STEP[first]);
    const el = document.getElementById(first) || document.querySelector(`input[name=${first}]`);
    if (el) el.focus();
  }
  if (data.error === "point_unknown") loadPoints();
  $("status").textContent = first ? t("js.apply.fix_fields") : (data.message || t("js.common.error"));
}

async function loadSlots() {
  const { ok, data } = await request("GET", "/api/slots");
  const box = $("slots");
  if (!ok) { box.textContent = data.message || t("js.apply.slots_failed"); return; }
  slotsById = {};
  box.innerHTML = "";
  if (!data.slots.length) { box.textContent = t("js.apply.no_slots"); }
  data.slots.forEach((s, i) => {
    slotsById[s.id] = s;
    const id = `slot-${i}`;
    const wrap = document.createElement("div");
    wrap.className = "choice";
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "slot_id", id, value: s.id });
    const label = Object.assign(document.createElement("label"), { htmlFor: id });
    label.textContent = t(s.demo ? "js.apply.slot_demo" : "js.apply.slot", { when: fmt(s.start), free: s.free });
    wrap.append(input, label);
    box.append(wrap);
  });
  const apps = $("video_apps");
  apps.innerHTML = "";
  data.video_apps.forEach((a, i) => {
    const id = `app-${i}`;
    const wrap = document.createElement("div");
    wrap.className = "choice";
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "video_app", id, value: a });
    const label = Object.assign(document.createElement("label"), { htmlFor: id });
    label.textContent = a;
    wrap.append(input, label);
    apps.append(wrap);
  });
}

async function loadPoints() {
  const { ok, data } = await request("GET", "/api/confirmation-points");
  const box = $("points");
  if (!ok) { box.textContent = data.message || t("js.apply.points_failed"); return; }
  pointsById = {};
  box.innerHTML = "";
  if (!data.points.length) { box.textContent = t("js.apply.no_points"); }
  data.points.forEach((p, i) => {
    pointsById[p.id] = p;
    const id = `point-${i}`;
    const wrap = document.createElement("div");
    wrap.className = "choice";
    const input = Object.assign(document.createElement("input"), { type: "radio", name: "point_id", id, value: p.id });
    const label = Object.assign(document.createElement("label"), { htmlFor: id });
    const name = document.createElement("strong");
    name.textContent = p.name;
    label.append(name, document.createElement("br"), t("js.apply.point_address", { address: p.address, hours: p.hours }));
    wrap.append(input, label);
    box.append(wrap);
  });
}

function fillSummary() {
  const d = formData();
  const dl = $("summary");
  dl.innerHTML = "";
  Object.keys(LABELS).forEach((f) => {
    if (f === "second_name" && !d.second_name) return;
    if (d[f] === undefined) return;
    let value = d[f];
    if (f === "slot_id") value = slotsById[d.slot_id] ? fmt(slotsById[d.slot_id].start) : "";
    if (f === "point_id") value = pointsById[d.point_id] ? `${pointsById[d.point_id].name}, ${pointsById[d.point_id].address}` : "";
    const dt = document.createElement("dt");
    dt.textContent = LABELS[f];
    const dd = document.createElement("dd");
    dd.textContent = value + " ";
    const edit = Object.assign(document.createElement("a"), { href: "#", textContent: t("js.apply.edit") });
    edit.setAttribute("aria-label", t("js.apply.edit_label", { field: LABELS[f] }));
    edit.addEventListener("click", (e) => { e.preventDefault(); show(FIELD_STEP[f]); const target = { slot_id: "way-video", video_app: "way-video", point_id: "way-office" }[f] || f; document.getElementById(target).focus?.(); });
    dd.append(edit);
    dl.append(dt, dd);
  });
}

async function sendCode() {
  const { ok, data } = await request("POST", `/api/applications/${applicationId}/sms-code`, {});
  if (ok) {
    // How long the code is valid is in the words: the domain's constant, as `expires_in` is.
    $("code-sent").textContent = t("js.apply.code_sent", { phone: data.sent_to });
    $("status").textContent = "";
  } else {
    $("status").textContent = data.message || t("js.apply.send_failed");
  }
}

function wire() {
  $$("[data-next]").forEach((b) => b.addEventListener("click", () => {
    clearErrors();
    if (!localCheck(current)) return;
    const next = STEPS[STEPS.indexOf(current) + 1];
    if (next === "summary") fillSummary();
    show(next);
  }));
  $$("[data-back]").forEach((b) => b.addEventListener("click", () => { clearErrors(); show(STEPS[STEPS.indexOf(current) - 1]); }));

  $("password").addEventListener("input", showPasswordRules);
  $("username").addEventListener("input", showPasswordRules);

  $("application").addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    if (pendingCode && applicationId) { await confirmWithNewSlot(); return; }
    $("send").disabled = true;
    let answer;
    for (let attempt = 1; attempt <= 3; attempt++) {
      answer = await request("POST", "/api/applications", formData(), { "Idempotency-Key": submissionKey });
      if (answer.status !== 0) break;
      await new Promise((done) => setTimeout(done, 1000 * attempt));
    }
    const { ok, data } = answer;
    $("send").disabled = false;
    if (!ok) { showServerError(data); if (data.error === "slot_full") loadSlots(); return; }
    applicationId = data.application_id;
    show("code");
    await sendCode();
  });

  $("resend").addEventListener("click", () => { clearErrors(); sendCode(); });

  $("code-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    const code = $("code").value;
    const { ok, data } = await request("POST", `/api/applications/${applicationId}/verify`, { code });
    // "already_submitted": an earlier "Dalej" got through but its answer was lost.
    if (ok || data.error === "already_submitted") { await finished(); return; }
    if (data.error === "slot_full") {
      pendingCode = code;
      showServerError(data);
      $("status").textContent = t("js.apply.code_kept", { message: data.message });
      loadSlots();
      return;
    }
    if (data.field && data.field !== "code") {
      // PESEL or email already in use: shown only now that the code proved the phone.
      submissionKey = newSubmissionKey();
      showServerError(data);
      $("status").textContent = data.message;
      return;
    }
    setError("code", data.message);
    $("status").textContent = data.message;
  });
}

async function finished() {
  pendingCode = null;
  const st = await request("GET", `/api/applications/${applicationId}`);
  if (st.ok && st.data.office) {
    const until = new Date(st.data.expires_at).toLocaleDateString(LOCALE, { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Warsaw" });
    $("done-important").replaceChildren(
      Object.assign(document.createElement("strong"), { textContent: t("js.apply.important") }),
      ` ${t("js.apply.office_number")} `,
      Object.assign(document.createElement("strong"), { textContent: t("js.apply.office_secret") }));
    $("done-slot").textContent = t("js.apply.office_deadline", { until, name: st.data.office.name, address: st.data.office.address, hours: st.data.office.hours });
    $("done-next").textContent = t("js.apply.office_next");
  } else if (st.ok) {
    $("done-slot").textContent = t("js.apply.call_booked", { when: fmt(st.data.slot.start), app: st.data.video_app });
  }
  show("done");
}

/** "Wyślij wniosek" after the slot filled up: the kept code with the newly chosen slot. */
async function confirmWithNewSlot() {
  $("send").disabled = true;
  const { ok, data } = await request("POST", `/api/applications/${applicationId}/verify`, { code: pendingCode, slot_id: formData().slot_id });
  $("send").disabled = false;
  if (ok || data.error === "already_submitted") { await finished(); return; }
  if (data.field === "slot_id") { showServerError(data); loadSlots(); return; }
  // The code expired or was used up meanwhile: ask for a new one.
  pendingCode = null;
  show("code");
  setError("code", data.message);
  $("status").textContent = data.message;
}

document.addEventListener("DOMContentLoaded", () => {
  wire();
  $$("input[name=confirmation]").forEach((r) => r.addEventListener("change", () => { clearErrors(); showWay(); }));
  showWay();
  loadSlots();
  loadPoints();
  show("login");
});
