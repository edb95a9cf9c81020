// "Szczegóły profilu", a profile's life: a new email address (proved by a code sent to it), a
// new phone number (approved by the old one, proved by a code to the new one), and "Usuń
// profil zaufany" followed by a new application with the same PESEL.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, activeProfile, submittedApplication, lastSmsCode, emailsTo } from "./lib.mjs";

let browser;
/** One person for the whole file (a confirmed profile costs the demo clerk a TOTP step). */
let p;
before(async () => {
  browser = await launch();
  p = await activeProfile(566);
});
after(async () => { await browser.close(); });

const PHONE = { width: 360, height: 740 };
const NEW_PASSWORD = "Niebieska8Rzeka?";

test("a new email address proved by the code sent to it; the old address is told", async () => {
  const citizen = new Person(browser, "profile-life", "email");
  const page = await citizen.open("/logowanie?next=/profil");
  await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
  await page.getByLabel("Hasło").fill(p.password);
  await page.getByRole("button", { name: "Dalej" }).click();
  await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
  await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await page.waitForURL("**/profil");
  const fresh = "nowy.adres566@example.pl";

  await step(page, "a code to the new address, then the address changed", async () => {
    await page.getByLabel("Nowy adres e-mail").fill(fresh);
    await page.getByRole("button", { name: "Wyślij kod na nowy adres" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z e-maila" }).waitFor();
    await axe(page, "szczegóły profilu: kod z e-maila");
    const mails = await emailsTo(fresh, (m) => m.some((x) => /nowy adres e-mail/.test(x.subject)));
    const code = mails.find((x) => /nowy adres e-mail/.test(x.subject)).body.match(/\b\d{6}\b/)[0];
    await page.getByLabel("Kod potwierdzający").fill(code);
    await page.locator("#contact-code-form").getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#notice").filter({ hasText: "Adres e-mail został zmieniony" }).waitFor();
    await page.locator("#p-email").filter({ hasText: fresh }).waitFor();
  });
  const old = await emailsTo(p.email, (m) => m.some((x) => /Zmieniono adres e-mail/.test(x.subject)));
  assert.ok(old.some((x) => /Zmieniono adres e-mail/.test(x.subject) && /to-nie-ja\?lang=pl#/.test(x.body)), "the old address is told");
  p.email = fresh;
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("a new phone number: approved by the SMS code to the old one, then the code to the new one", async () => {
  const citizen = new Person(browser, "recovery", "telefon", PHONE);
  const page = await citizen.open("/logowanie?next=/profil");
  await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
  await page.getByLabel("Hasło").fill(p.password);
  await page.getByRole("button", { name: "Dalej" }).click();
  await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
  await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await page.waitForURL("**/profil");

  await step(page, "the new number to be approved by a code to the old one", async () => {
    await page.getByLabel("Nowy numer telefonu komórkowego").fill("600 999 566");
    await page.getByRole("button", { name: "Zmień numer telefonu" }).click();
    await page.getByRole("heading", { name: "Potwierdź kodem z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a na nowy numer" }).waitFor();
    await axe(page, "szczegóły profilu: kod na nowy numer");
  });

  await step(page, "the code from the new number to change it", async () => {
    let code;
    for (let i = 0; i < 50 && !code; i += 1) {
      try { code = await lastSmsCode("+48600999566"); } catch { await new Promise((r) => setTimeout(r, 200)); }
    }
    await page.getByLabel("Kod potwierdzający").fill(code);
    await page.locator("#contact-code-form").getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#notice").filter({ hasText: "Numer telefonu został zmieniony" }).waitFor();
    await page.locator("#p-phone").filter({ hasText: "+48600999566" }).waitFor();
    await page.locator("#history tr").filter({ hasText: "Zmiana numeru telefonu" }).first().waitFor();
    await axe(page, "szczegóły profilu: numer zmieniony");
    await citizen.shot(page, "phone-changed");
  });
  p.phone = "+48 600 999 566";
  citizen.assertNoScriptErrors();
  await citizen.close();
});
test("'Usuń profil zaufany' confirmed by SMS code, then a new application with the same PESEL", async () => {
  const citizen = new Person(browser, "recovery", "usun", PHONE);
  const page = await citizen.open("/logowanie?next=/profil");
  await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
  await page.getByLabel("Hasło").fill(p.password);
  await page.getByRole("button", { name: "Dalej" }).click();
  await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
  await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await page.waitForURL("**/profil");

  await step(page, "'Usuń profil zaufany' to ask once more, then for the SMS code", async () => {
    await page.getByRole("button", { name: "Usuń profil zaufany" }).click();
    await page.getByRole("heading", { name: "Czy na pewno chcesz usunąć profil zaufany?" }).waitFor();
    await axe(page, "szczegóły profilu: usunięcie");
    await page.getByRole("button", { name: "Tak, usuń profil" }).click();
    await page.getByRole("heading", { name: "Potwierdź kodem z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#notice").filter({ hasText: "Twój profil zaufany został usunięty" }).waitFor();
    await axe(page, "szczegóły profilu: usunięty");
    await fitsWidth(page, "profil usunięty");
    await citizen.shot(page, "deleted");
  });

  await step(page, "the same PESEL, username and email to apply again", async () => {
    const again = await submittedApplication(566);
    assert.ok(again.id, "a new application");
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});

