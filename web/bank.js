// /wniosek/bank: what a bank or Envelo vouched for (read-only), the citizen's login and
// contact data, the SMS code, and the profile active at once.
"use strict";

let applicationId = null;
const submissionKey = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");

function appCsrf() {
  const m = document.cookie.match(/(?:^|; )pz_app_csrf=([^;]*)/);
  return m ? m[1] : "";
}

function showOnly(id) {
  for (const s of ["gone", "bank-form", "code-form", "done"]) $(s).hidden = s !== id;
}

async function loadIdentity() {
  const r = await api("GET", "/api/bank-applications/identity");
  if (!r.ok) { showOnly("gone"); return; }
  $("provider").textContent = r.data.provider;
  const dl = $("vouched");
  for (const [label, value] of [[t("js.bank.first_name"), r.data.first_name], [t("js.bank.last_name"), r.data.last_name], [t("js.bank.pesel"), r.data.pesel]]) {
    const dt = document.createElement("dt"); dt.textContent = label;
    const dd = document.createElement("dd"); dd.textContent = value;
    dl.append(dt, dd);
  }
  showOnly("bank-form");
}

async function sendCode() {
  const r = await api("POST", `/api/applications/${applicationId}/sms-code`, {}, appCsrf());
  if (r.ok) {
    $("code-sent").textContent = t("js.bank.code_sent", { phone: r.data.sent_to });
  } else {
    $("status").textContent = r.data.message || t("js.bank.send_failed");
  }
}

document.addEventListener("DOMContentLoaded", () => {
  loadIdentity();
  $("bank-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors($("main"));
    const body = { username: $("username").value, password: $("password").value, email: $("email").value, phone: $("phone").value };
    const resp = await fetch("/api/bank-applications", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": LANG, "Idempotency-Key": submissionKey },
      body: JSON.stringify(body),
    }).catch(() => null);
    const data = resp ? await resp.json().catch(() => ({})) : { message: t("js.bank.offline") };
    if (!resp || !resp.ok) {
      if (resp && resp.status === 404) { showOnly("gone"); return; }
      const fields = data.fields || (data.field ? { [data.field]: data.message } : {});
      for (const [f, m] of Object.entries(fields)) { if ($("err-" + f)) $("err-" + f).textContent = m; $(f)?.setAttribute("aria-invalid", "true"); }
      const first = Object.keys(fields)[0];
      if (first && $(first)) $(first).focus();
      $("status").textContent = first ? t("js.bank.fix_fields") : (data.message || t("js.common.error"));
      return;
    }
    applicationId = data.application_id;
    showOnly("code-form");
    $("code-title").focus();
    await sendCode();
  });
  $("resend").addEventListener("click", () => { clearErrors($("main")); sendCode(); });
  $("code-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearErrors($("main"));
    const r = await api("POST", `/api/applications/${applicationId}/verify`, { code: $("code").value }, appCsrf());
    if (r.ok) {
      $("done-text").textContent = t("js.bank.done", { date: day(r.data.valid_until) });
      showOnly("done");
      $("done-title").focus();
      return;
    }
    if (r.data.field && r.data.field !== "code") { $("status").textContent = r.data.message; return; }
    $("err-code").textContent = r.data.message || t("js.bank.wrong_code");
    $("code").setAttribute("aria-invalid", "true");
    $("code").focus();
  });
});
