// Every page as it first opens, on a desktop and on a 360 px phone: axe-core finds no
// serious or critical WCAG 2.1 AA violation, nothing is wider than the screen, the page
// is in Polish with a title, one h1 and a skip-free main landmark; and keyboard-only use.
// (The screens behind a sign-in are checked along the stories in the other files.)

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PAGES = [
  ["/", "strona główna"],
  ["/wniosek", "wniosek"],
  ["/wniosek/nowy-termin", "nowy termin rozmowy (bez linku z e-maila)"],
  ["/wniosek/bank", "wniosek przez bank (bez danych z banku)"],
  ["/logowanie", "logowanie"],
  ["/profil", "szczegóły profilu (niezalogowany)"],
  ["/odzyskiwanie", "odzyskiwanie dostępu"],
  ["/to-nie-ja", "to nie ja (bez linku)"],
  ["/zgoda", "zgoda na przekazanie danych (bez żądania)"],
  ["/wylogowanie", "wylogowanie (niezalogowany)"],
  ["/mobywatel", "mObywatel (niezalogowany)"],
  ["/urzednik", "panel urzędnika (logowanie)"],
  ["/ikp", "IKP demo"],
  ["/ikp/callback", "IKP demo: powrót bez odpowiedzi"],
  ["/dev/outbox", "skrzynka wiadomości"],
  ["/nie-ma-takiej-strony", "strona 404"],
];

for (const [width, height] of [[1280, 900], [360, 740]]) {
  test(`every page at ${width} px: axe-core WCAG 2.1 AA, fits the screen, Polish, one h1`, async () => {
    const visitor = new Person(browser, `pages-${width}`, "gosc", { width, height });
    for (const [path, label] of PAGES) {
      const page = await visitor.open(path);
      await step(page, `${label} to be accessible and fit ${width} px`, async () => {
        await page.waitForLoadState("networkidle");
        assert.equal(await page.getAttribute("html", "lang"), "pl");
        assert.ok((await page.title()).length > 5, "a page title");
        assert.equal(await page.locator("h1:visible").count(), 1, "one visible h1");
        assert.equal(await page.locator("main").count(), 1, "one main landmark");
        const shown = await page.evaluate(() => [...document.querySelectorAll("[hidden]")].filter((e) => getComputedStyle(e).display !== "none").map((e) => e.id || e.tagName));
        assert.deepEqual(shown, [], "elements marked hidden stay hidden");
        await axe(page, `${label} (${width} px)`);
        await fitsWidth(page, label);
        if (width === 360) await visitor.shot(page, path.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "home");
      });
      await page.close();
    }
    visitor.assertNoScriptErrors();
    await visitor.close();
  });
}

test("signing in works by keyboard alone, and errors are announced next to their fields", async () => {
  const visitor = new Person(browser, "keyboard", "gosc");
  const page = await visitor.open("/logowanie");
  await step(page, "Tab to reach the login field, Enter to submit, the error tied to the field", async () => {
    for (let i = 0; i < 15 && !(await page.evaluate(() => document.activeElement.id === "login")); i++) await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "login", "Tab reaches the login field");
    await page.keyboard.press("Enter");
    const error = page.locator("#err-login");
    await error.filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.getByLabel("Nazwa użytkownika lub adres e-mail").getAttribute("aria-invalid"), "true");
    assert.match(await page.getByLabel("Nazwa użytkownika lub adres e-mail").getAttribute("aria-describedby"), /err-login/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "login", "focus goes to the field in error");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(outline, "none", "focus is visible");
  });
  visitor.assertNoScriptErrors();
  await visitor.close();
});

test("axe-core does find problems: a broken page fails the check", async () => {
  const visitor = new Person(browser, "axe-self-check", "gosc");
  const page = await visitor.open("/");
  await page.evaluate(() => {
    document.body.append(Object.assign(document.createElement("input"), { id: "unlabelled" }));
    const p = Object.assign(document.createElement("p"), { textContent: "jasnoszary tekst" });
    p.style.color = "#cccccc";
    document.body.append(p);
  });
  await assert.rejects(axe(page, "celowo zepsuta strona (kontrola testu)", { record: false }), /label|color-contrast/);
  await visitor.close();
});
