// The service in English and in Ukrainian, as a person who does not read Polish uses it:
// every page passes axe-core in each language on a desktop and on a 360 px phone and shows
// no Polish; a citizen picks the language with the switch on the home page and applies in it
// (the SMS code and both emails come in it); another signs in with the page in the language
// (the SMS code comes in it, and the profile keeps it). One page is saved in three languages.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, person, e164, emailsTo, outbox, activeProfile } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PAGES = ["/", "/wniosek", "/wniosek/nowy-termin", "/wniosek/bank", "/logowanie", "/profil", "/odzyskiwanie",
  "/to-nie-ja", "/zgoda", "/wylogowanie", "/mobywatel", "/urzednik", "/ikp", "/ikp/callback", "/nie-ma-takiej-strony"];

/** Words each language must use where the Polish page says "Dalej", "Wyślij wniosek", "Potwierdź"; how its SMS and emails read. */
const LANGS = {
  en: { next: "Next", send: "Submit application", confirm: "Confirm", sms: /\bcode\b/, mail: /trusted profile/i },
  uk: { next: "Далі", send: "Надіслати заяву", confirm: "Підтвердити", sms: /код/, mail: /довірен/ },
};

const POLISH = /[ąćęłńśźżó]/i;

/** What the page shows outside the parts marked Polish (the switch's "Polski"). */
const shownText = (page) => page.evaluate(() => {
  const copy = document.body.cloneNode(true);
  for (const el of copy.querySelectorAll("[lang=pl], [hidden], script")) el.remove();
  return copy.innerText;
});

for (const lang of Object.keys(LANGS)) {
  test(`every page in ${lang} at 1280 and 360 px: axe-core WCAG 2.1 AA, the language said, no Polish`, async () => {
    for (const [width, height] of [[1280, 900], [360, 740]]) {
      const visitor = new Person(browser, `languages-${lang}-${width}`, "gosc", { width, height });
      let first = true;
      for (const path of PAGES) {
        // The first page is asked for with ?lang=; the cookie it sets carries the choice on.
        const page = await visitor.open(first ? `${path}?lang=${lang}` : path);
        first = false;
        await step(page, `${path} in ${lang} at ${width} px`, async () => {
          await page.waitForLoadState("networkidle");
          assert.equal(await page.getAttribute("html", "lang"), lang);
          assert.ok(!POLISH.test(await page.title()), `title: ${await page.title()}`);
          assert.equal(await page.locator(`nav.langs a[hreflang=${lang}][aria-current=true]`).count(), 1, "the switch marks the language");
          const words = await shownText(page);
          assert.ok(!POLISH.test(words), `Polish left on ${path}: ${words.split("\n").filter((l) => POLISH.test(l)).join(" | ")}`);
          await axe(page, `${path} (${lang}, ${width} px)`);
          await fitsWidth(page, `${path} (${lang})`);
        });
        await page.close();
      }
      // The local gateway's outbox follows the same cookie (its messages are the senders' own).
      const box = await visitor.open("/dev/outbox");
      await step(box, `the outbox in ${lang} at ${width} px`, async () => {
        assert.equal(await box.getAttribute("html", "lang"), lang);
        const words = await box.evaluate(() => {
          const copy = document.body.cloneNode(true);
          for (const el of copy.querySelectorAll("ul.outbox > li.msg, script")) el.remove();
          return copy.innerText + " " + [...document.querySelectorAll("ul.outbox button")].map((b) => b.innerText).join(" ");
        });
        assert.ok(!POLISH.test(words) && !POLISH.test(await box.title()), `Polish left on the outbox: ${words}`);
        for (const data of ["data-copied", "data-selected"]) {
          const said = await box.getAttribute("main", data);
          assert.ok(said && !POLISH.test(said), `the outbox script's words (${data}): ${said}`);
        }
        await axe(box, `/dev/outbox (${lang}, ${width} px)`);
        await fitsWidth(box, `/dev/outbox (${lang})`);
      });
      await box.close();
      visitor.assertNoScriptErrors();
      await visitor.close();
    }
  });

  test(`apply in ${lang}, chosen with the switch: the SMS code and both emails in ${lang}`, async () => {
    const n = lang === "en" ? 581 : 582;
    const words = LANGS[lang];
    const p = person(n);
    const citizen = new Person(browser, `apply-${lang}`, "obywatel", { width: 360, height: 740 });
    const page = await citizen.open("/");
    await step(page, `the switch to show the home page in ${lang}`, async () => {
      await page.locator(`nav.langs a[hreflang=${lang}]`).click();
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      await axe(page, `home (${lang})`);
      await page.locator('main a[href="/wniosek"]').first().click();
      await page.waitForURL("**/wniosek");
      assert.equal(await page.getAttribute("html", "lang"), lang, "the choice is remembered");
    });
    await step(page, "the four steps of data, each with its words", async () => {
      await page.locator("#username").fill(p.username);
      await page.locator("#password").fill(p.password);
      await page.locator("section[data-step=login]").getByRole("button", { name: words.next }).click();
      await page.locator("#first_name").fill(p.first_name);
      await page.locator("#last_name").fill(p.last_name);
      await page.locator("#pesel").fill(p.pesel);
      await page.locator("section[data-step=personal]").getByRole("button", { name: words.next }).click();
      await page.locator("#email").fill(p.email);
      await page.locator("#phone").fill(p.phone);
      await page.locator("section[data-step=contact]").getByRole("button", { name: words.next }).click();
      await page.locator("input[name=slot_id]").first().check();
      await page.locator('input[name=video_app][value="Microsoft Teams"]').check();
      await axe(page, `apply: the call (${lang})`);
      await page.locator("section[data-step=slot]").getByRole("button", { name: words.next }).click();
      await page.locator("#summary").getByText(p.pesel).waitFor();
      await axe(page, `apply: summary (${lang})`);
      await page.getByRole("button", { name: words.send }).click();
      await page.locator("#code-sent").filter({ hasText: /\S/ }).waitFor();
      await axe(page, `apply: the SMS code (${lang})`);
      await citizen.shot(page, "code");
    });
    const code = await step(page, `the SMS in ${lang}, in one message of its alphabet`, async () => {
      const sms = (await outbox()).filter((m) => m.channel === "sms" && m.to === e164(p.phone)).pop();
      assert.ok(sms && words.sms.test(sms.body) && !POLISH.test(sms.body), JSON.stringify(sms));
      assert.ok(sms.body.length <= (lang === "uk" ? 70 : 160), `one SMS: ${sms.body.length}`);
      return sms.body.match(/\b\d{6}\b/)[0];
    });
    await step(page, "the code to send the application, and the done page", async () => {
      await page.locator("#code").fill(code);
      await page.locator("#code-form").getByRole("button", { name: words.next }).click();
      await page.locator("section[data-step=done]").waitFor();
      assert.ok(!POLISH.test(await shownText(page)), "no Polish on the done page");
      await axe(page, `apply: done (${lang})`);
      await fitsWidth(page, `apply: done (${lang})`);
      await citizen.shot(page, "done");
    });
    await step(page, `both emails in ${lang}`, async () => {
      const mails = await emailsTo(p.email, (m) => m.length >= 2);
      assert.equal(mails.length, 2, JSON.stringify(mails.map((m) => m.subject)));
      // The person's own name is the one Polish word they may hold.
      for (const m of mails) assert.ok(!POLISH.test((m.subject + m.body).split(p.first_name).join("")) && words.mail.test(m.body), m.subject);
    });
    citizen.assertNoScriptErrors();
    await citizen.close();
  });

  test(`sign in in ${lang}: the SMS code in ${lang}, "Szczegóły profilu" in ${lang}`, async () => {
    const p = await activeProfile(lang === "en" ? 583 : 584);
    const words = LANGS[lang];
    const citizen = new Person(browser, `sign-in-${lang}`, "obywatel");
    const page = await citizen.open(`/logowanie?lang=${lang}`);
    await step(page, "the password, then the code form", async () => {
      await axe(page, `sign-in (${lang})`);
      await page.locator("#login").fill(p.username);
      await page.locator("#password").fill(p.password);
      await page.locator("#login-form").getByRole("button", { name: words.next }).click();
      await page.locator("#code-form").waitFor();
      await axe(page, `sign-in: the code (${lang})`);
    });
    const code = await step(page, `the sign-in SMS in ${lang} (the profile was applied for in Polish)`, async () => {
      const sms = (await outbox()).filter((m) => m.channel === "sms" && m.to === e164(p.phone)).pop();
      assert.ok(sms && words.sms.test(sms.body) && !POLISH.test(sms.body), JSON.stringify(sms));
      return sms.body.match(/\b\d{6}\b/)[0];
    });
    await step(page, "the code to open the profile's details in the language", async () => {
      await page.locator("#code").fill(code);
      await page.locator("#code-form").getByRole("button", { name: words.confirm }).click();
      await page.waitForURL("**/profil");
      await page.locator("#p-valid").filter({ hasText: /\d{4}/ }).waitFor();
      assert.equal(await page.getAttribute("html", "lang"), lang);
      const shown = await shownText(page);
      assert.ok(!POLISH.test(shown.replace(p.first_name, "").replace(p.last_name, "")), shown);
      await axe(page, `profile (${lang})`);
      await citizen.shot(page, "profile");
    });
    citizen.assertNoScriptErrors();
    await citizen.close();
  });
}

test("one page in three languages: /logowanie saved as it shows in Polish, English and Ukrainian", async () => {
  const visitor = new Person(browser, "languages-three", "gosc", { width: 1100, height: 900 });
  for (const lang of ["pl", "en", "uk"]) {
    const page = await visitor.open(`/logowanie?lang=${lang}`);
    await step(page, `the sign-in page in ${lang}`, async () => {
      assert.equal(await page.getAttribute("html", "lang"), lang);
      const file = await visitor.shot(page, `logowanie-${lang}`);
      assert.ok(file.endsWith(`logowanie-${lang}.png`));
    });
    await page.close();
  }
  await visitor.close();
});
