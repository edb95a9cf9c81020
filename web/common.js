// Helpers shared by the sign-in, profile, mObywatel and IKP pages.
"use strict";

const $ = (id) => document.getElementById(id);

/** The page's language (`<html lang>`) and the words its scripts show, sent with the page. */
// API calls send it as `Accept-Language`, so their messages match the page even when the
// language was only a relying service's hint (no `pz_lang` cookie).
const LANG = document.documentElement.lang || "pl";
const TEXTS = JSON.parse(($("pz-texts") || {}).textContent || "{}");
const LOCALE = { pl: "pl-PL", en: "en-GB", uk: "uk-UA" }[LANG] || "pl-PL";

// The language switch keeps the rest of the address as it is when it is used: the query
// (a logout's or a relying service's request) and the fragment (the token of a link from
// an email). The server writes only `?lang=` into the page.
for (const link of document.querySelectorAll("nav.langs a[hreflang]")) {
  link.addEventListener("click", (ev) => {
    const url = new URL(window.location.href);
    url.searchParams.set("lang", link.hreflang);
    ev.preventDefault();
    window.location.assign(url.pathname + url.search + url.hash);
  });
}

/** The words of `key` in the page's language, each `{name}` replaced by `values.name`. */
function t(key, values) {
  let text = TEXTS[key];
  if (text === undefined) { console.error("no words for", key); return key; }
  for (const [name, value] of Object.entries(values || {})) text = text.split(`{${name}}`).join(String(value));
  return text;
}

/** A JSON request to our API; answers `{ ok, status, data }` and never throws. */
async function api(method, url, body, csrf) {
  const headers = { Accept: "application/json", "Accept-Language": LANG };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf) headers["X-CSRF-Token"] = csrf;
  try {
    const resp = await fetch(url, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
    const data = resp.status === 204 ? {} : await resp.json().catch(() => ({}));
    return { ok: resp.ok, status: resp.status, data };
  } catch (e) {
    return { ok: false, status: 0, data: { message: t("js.common.offline") } };
  }
}

const when = (iso) => new Date(iso).toLocaleString(LOCALE, { dateStyle: "long", timeStyle: "short" });
const day = (iso) => new Date(iso).toLocaleDateString(LOCALE, { dateStyle: "long" });

/** Shows an API error next to its field (`err-<field>`) or in the status box. */
function showError(data, statusId) {
  const field = data.field && $("err-" + data.field);
  if (field) {
    field.textContent = data.message;
    const input = $(data.field);
    if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
  } else {
    $(statusId || "status").textContent = data.message || t("js.common.error");
  }
}

function clearErrors(root) {
  for (const el of (root || document).querySelectorAll(".error, .status")) el.textContent = "";
  for (const el of (root || document).querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
}

/**
 * Waits for a push challenge: polls `GET /api/login/{id}` and moves the progress bar.
 * Resolves with the final answer (`approved`, `denied`, `expired`) and its data, or
 * `stopped` once `signal` is aborted (the citizen chose an SMS code instead).
 */
function waitForApp(challengeId, expiresIn, progress, signal) {
  const started = Date.now();
  return new Promise((resolve) => {
    const tick = async () => {
      if (signal && signal.aborted) { resolve({ status: "stopped", data: {} }); return; }
      const left = Math.max(0, expiresIn - (Date.now() - started) / 1000);
      if (progress) {
        progress.max = expiresIn;
        progress.value = left;
        const secs = Math.round(left);
        const text = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, "0")}`;
        progress.textContent = text;
        const label = document.getElementById(progress.id + "-left");
        if (label) label.textContent = text;
      }
      const r = await api("GET", `/api/login/${challengeId}`);
      const status = r.ok ? r.data.status : "error";
      if (status === "pending" && left > 0) { setTimeout(tick, 1500); return; }
      resolve({ status: status === "pending" ? "expired" : status, data: r.data });
    };
    tick();
  });
}

// "Wyślij kod SMS" on a push waiting screen (the app's and the profile's): the challenge
// goes on by an SMS code; its answer (`sent_to`), or null after showing the error.
async function switchToSms(challengeId, csrf, waiting) {
  clearErrors();
  const r = await api("POST", `/api/login/${challengeId}/sms`, {}, csrf);
  if (!r.ok) { showError(r.data); return null; }
  waiting.abort();
  $("push-step").hidden = true;
  return r.data;
}

// "Potwierdź" of a challenge's code form (#code-form, #code): the six digits checked here,
// then sent; the answer, or null after showing the error.
async function confirmChallengeCode(ev, challengeId, csrf) {
  ev.preventDefault();
  clearErrors($("code-form"));
  const code = $("code").value.replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) { showError({ field: "code", message: t("js.common.code_format") }); return null; }
  const r = await api("POST", `/api/login/${challengeId}/confirm`, { code }, csrf);
  if (!r.ok) { showError(r.data); return null; }
  $("code").value = "";
  return r.data;
}
