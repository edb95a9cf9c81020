// Helpers for the browser tests: Debian Chromium through playwright-core, axe-core on
// every screen, screenshots per test, and the API calls that set up what a test is not
// about (an application to confirm, a profile to sign in with).
//
// The gateway is started by scripts/test.sh; it passes PZ_BASE_URL, PZ_CLERK_PASSWORD and
// PZ_DEMO_CLERK_TOTP_SECRET (the demo clerk's authenticator secret, base32).

import { createHmac } from "node:crypto";
import http from "node:http";
import { mkdirSync, appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import assert from "node:assert/strict";
import { chromium, request } from "playwright-core";

export const BASE = process.env.PZ_BASE_URL || "http://127.0.0.1:3000";
export const CLERK_PASSWORD = process.env.PZ_CLERK_PASSWORD || "";
export const CLERK_TOTP_SECRET = process.env.PZ_DEMO_CLERK_TOTP_SECRET || "";
export const PASSWORD = "Zielony7Las!";
const OUT = process.env.PZ_BROWSER_OUT || "target/browser";
const AXE_REPORT = join(OUT, "axe.jsonl");
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
/** The WCAG 2.1 A and AA rules (Polish public services must meet AA). */
const WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.PZ_CHROMIUM || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * One person's browser for one test: pages that fail the test on any script error,
 * numbered screenshots under target/browser/<test>/, and `step` to say what was expected.
 */
export class Person {
  constructor(browser, test, who, viewport = { width: 1100, height: 900 }) {
    this.browser = browser;
    this.dir = join(OUT, test);
    this.who = who;
    this.viewport = viewport;
    this.shots = 0;
    this.errors = [];
    mkdirSync(this.dir, { recursive: true });
  }

  async open(path = "/", viewport = this.viewport) {
    if (!this.context) {
      this.context = await this.browser.newContext({ viewport, locale: "pl-PL", timezoneId: "Europe/Warsaw" });
      await this.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: BASE });
    }
    const page = await this.context.newPage();
    await page.setViewportSize(viewport);
    page.on("pageerror", (e) => this.errors.push(`${page.url()}: ${e.message}`));
    page.on("console", (m) => { if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) this.errors.push(`${page.url()}: console: ${m.text()}`); });
    await page.goto(BASE + path);
    return page;
  }

  /** Saves `NN-name.png` in the test's folder. */
  async shot(page, name) {
    this.shots += 1;
    const file = join(this.dir, `${String(this.shots).padStart(2, "0")}-${this.who}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /** No script errors happened on any page of this person. */
  assertNoScriptErrors() {
    assert.deepEqual(this.errors, [], `script errors in ${this.who}'s pages`);
  }

  async close() {
    if (this.context) await this.context.close();
  }
}

/** Runs `fn`; a failure names the page and what was expected there. */
export async function step(page, expected, fn) {
  try {
    return await fn();
  } catch (e) {
    const where = page.url().replace(BASE, "") || "/";
    throw new Error(`on ${where}: expected ${expected}\n  ${e.message.split("\n")[0]}`, { cause: e });
  }
}

/**
 * axe-core with the WCAG 2.1 A/AA rules on what the page shows now. Fails on any
 * serious or critical violation; every run is recorded in target/browser/axe.jsonl.
 * (Evaluated through the DevTools protocol, so the pages' CSP stays as it is.)
 */
export async function axe(page, label, { record = true } = {}) {
  const has = await page.evaluate(() => typeof window.axe !== "undefined");
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  }, WCAG_AA);
  mkdirSync(OUT, { recursive: true });
  if (record) appendFileSync(AXE_REPORT, JSON.stringify({ label, url: page.url().replace(BASE, ""), width: page.viewportSize().width, violations: result }) + "\n");
  const bad = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `axe on ${label} (${page.url().replace(BASE, "")}): serious or critical WCAG 2.1 AA violations`);
  return result;
}

/** The page fits a narrow phone: nothing wider than the viewport. */
export async function fitsWidth(page, label) {
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  assert.ok(scroll <= width, `${label}: the page is ${scroll} px wide on a ${width} px screen`);
}

// ---- set-up through the API (what a test is not about) ----

/** A valid PESEL for test person `n` (born 1950-01-01 + n days, serial from n). */
export function pesel(n) {
  const born = new Date(Date.UTC(1950, 0, 1) + n * 86400000);
  const yy = born.getUTCFullYear() % 100;
  const mm = born.getUTCMonth() + 1 + (born.getUTCFullYear() >= 2000 ? 20 : 0);
  const dd = born.getUTCDate();
  const serial = String((n * 7919) % 10000).padStart(4, "0");
  const digits = `${String(yy).padStart(2, "0")}${String(mm).padStart(2, "0")}${String(dd).padStart(2, "0")}${serial}`;
  const weights = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
  const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * weights[i], 0);
  return digits + String((10 - (sum % 10)) % 10);
}

/** 501 → "Tgh": a name part unique to test person `n` (names take letters only). */
function letters(n) {
  let out = "";
  for (let k = n; k > 0; k = Math.floor(k / 26)) out += String.fromCharCode(97 + (k % 26));
  return out.charAt(0).toUpperCase() + out.slice(1);
}

export function person(n) {
  return {
    username: `Obywatel_${n}`, password: PASSWORD, first_name: "Łucja", last_name: `Wiśniewska-${letters(n)}`,
    pesel: pesel(n), email: `obywatel${n}@example.pl`, phone: `+48 600 ${String(n).padStart(3, "0").slice(-3)} ${String(100 + (n % 900))}`,
  };
}

/** The E.164 form of a test phone number, as the outbox shows it. */
export const e164 = (phone) => phone.replace(/[\s-]/g, "");

export async function outbox() {
  const api = await request.newContext({ baseURL: BASE });
  const data = await (await api.get("/dev/outbox?format=json")).json();
  await api.dispose();
  return data.messages;
}

export async function lastSmsCode(phone) {
  // Security notifications (a linked app) come through the queue, possibly after the
  // code: the newest SMS that holds a code.
  const sms = (await outbox()).filter((m) => m.channel === "sms" && m.to === e164(phone) && /\b\d{6}\b/.test(m.body));
  assert.ok(sms.length, `an SMS with a code to ${phone} in the outbox`);
  return sms[sms.length - 1].body.match(/\b\d{6}\b/)[0];
}

/**
 * The emails to `address` once `wanted` holds for them, or after 10 s whatever they are
 * (the caller asserts): delivery goes through the outbox, in-process within a second, in
 * Lambda mode through the table's stream and the send-emails function.
 */
export async function emailsTo(address, wanted = (mails) => mails.length > 0) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const mails = (await outbox()).filter((m) => m.channel === "email" && m.to === address);
    if (wanted(mails) || Date.now() > deadline) return mails;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function post(api, path, data, csrf) {
  const r = await api.post(path, { data, headers: csrf ? { "X-CSRF-Token": csrf } : {} });
  const body = await r.json().catch(() => ({}));
  assert.ok(r.ok(), `POST ${path} → ${r.status()} ${JSON.stringify(body)}`);
  return body;
}

/**
 * Person `n`'s own computer for the set-up calls: requests from its own loopback address
 * (127.0.x.y), with its cookies, so that the per-source limits (10 applications an hour
 * from one address) count each person apart, as they would on the internet; the pages
 * under test all come from 127.0.0.1.
 */
function computerOf(n) {
  const cookies = new Map();
  const localAddress = `127.0.${(Math.floor(n / 250) % 250) + 1}.${(n % 250) + 2}`;
  return async (path, data, csrf) => {
    const url = new URL(BASE + path);
    const body = JSON.stringify(data);
    const headers = { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) };
    if (csrf) headers["X-CSRF-Token"] = csrf;
    if (cookies.size) headers.Cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const r = await new Promise((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers, localAddress }, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => { text += c; });
        res.on("end", () => resolve({ status: res.statusCode, text, setCookies: res.headers["set-cookie"] || [] }));
      });
      req.on("error", reject);
      req.end(body);
    });
    for (const c of r.setCookies) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    assert.ok(r.status < 300, `POST ${path} → ${r.status} ${r.text}`);
    return JSON.parse(r.text || "{}");
  };
}

/** Applies for person `n` through the API and confirms the SMS code; answers the application's id and slot. */
export async function submittedApplication(n) {
  const p = person(n);
  const api = await request.newContext({ baseURL: BASE });
  const slots = (await (await api.get("/api/slots")).json()).slots;
  await api.dispose();
  const slot = slots.find((s) => s.free > 0);
  assert.ok(slot, "a free slot for the set-up");
  const send = computerOf(n);
  const app = await send("/api/applications", { ...p, slot_id: slot.id, video_app: "Microsoft Teams" });
  await send(`/api/applications/${app.application_id}/sms-code`, {}, app.csrf_token);
  await send(`/api/applications/${app.application_id}/verify`, { code: await lastSmsCode(p.phone) }, app.csrf_token);
  return { ...p, id: app.application_id, slot };
}

/** RFC 6238 code (6 digits, 30 s, HMAC-SHA-1) of a base32 secret at a time step. */
export function totpAt(secretBase32, step) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secretBase32.replace(/[\s=]/g, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", key).update(counter).digest();
  const o = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}

/** The demo clerk's next unused code. A code works once, and the test files run one
 * after another in separate processes: the last step used is kept in a file; one step
 * back, now and one ahead are accepted, past that wait for the clock. */
export async function clerkCode() {
  const file = join(OUT, "clerk-totp-step");
  mkdirSync(OUT, { recursive: true });
  for (;;) {
    const now = Math.floor(Date.now() / 30000);
    let last = -Infinity;
    try { last = Number(readFileSync(file, "utf8")); } catch { /* none used yet */ }
    const step = Math.max(now - 1, last + 1);
    if (step <= now + 1) {
      writeFileSync(file, String(step));
      return totpAt(CLERK_TOTP_SECRET, step);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Person `n` with a profile the clerk has confirmed (through the API). */
export async function activeProfile(n) {
  const p = await submittedApplication(n);
  const clerk = await request.newContext({ baseURL: BASE });
  const me = await post(clerk, "/api/clerk/login", { username: "urzednik", password: CLERK_PASSWORD, totp: await clerkCode() });
  await post(clerk, `/api/clerk/applications/${p.id}/confirm`, { data_confirmed: true, rules_presented: true, id_document_checked: true }, me.csrf_token);
  await clerk.dispose();
  return p;
}

/** `YYYY-MM-DD` of an instant in Poland (the clerk's day view). */
export function polishDay(iso) {
  return new Date(iso).toLocaleDateString("sv-SE", { timeZone: "Europe/Warsaw" });
}
