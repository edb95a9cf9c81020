// Through a bank: on /wniosek the citizen picks "Bank Demo" (the local gateway's demo
// OpenID Connect provider), signs in there with names and PESEL, finishes the form on
// /wniosek/bank (the vouched data read-only), confirms the SMS code and has an active
// profile at once; then signs in with "Zaloguj się przez bank lub Envelo".

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, person, lastSmsCode, emailsTo } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function atTheBank(page, p, label) {
  await page.getByRole("heading", { name: "Zaloguj się w Bank Demo" }).waitFor();
  await page.getByText("demonstracyjny dostawca tożsamości").waitFor();
  await axe(page, label);
  await page.getByLabel("Imię").fill(p.first_name);
  await page.getByLabel("Nazwisko").fill(p.last_name);
  await page.getByLabel("Numer PESEL").fill(p.pesel);
  await page.getByRole("button", { name: "Zaloguj się i przekaż dane" }).click();
}

test("a profile through the demo bank, active at once, then a sign-in through the bank", async () => {
  const citizen = new Person(browser, "bank", "obywatel");
  const p = person(571);
  const page = await citizen.open("/wniosek");

  await step(page, "the 'Przez bank lub Envelo' choice on the application page", async () => {
    await page.getByRole("heading", { name: "Przez bank lub Envelo" }).waitFor();
    await page.getByRole("link", { name: "Bank Demo (demo)" }).waitFor();
    await axe(page, "wniosek: przez bank lub Envelo");
    await page.getByRole("link", { name: "Bank Demo (demo)" }).click();
  });

  await step(page, "the demo bank's sign-in form, then back on /wniosek/bank with the vouched data read-only", async () => {
    await atTheBank(page, p, "bank demo: logowanie");
    await page.waitForURL("**/wniosek/bank");
    await page.getByRole("heading", { name: "Dane potwierdzone przez Bank Demo" }).waitFor();
    await page.locator("#vouched").getByText(p.pesel).waitFor();
    await page.locator("#vouched").getByText(p.last_name).waitFor();
    await axe(page, "wniosek przez bank: dane");
    await citizen.shot(page, "vouched");
  });

  await step(page, "the login and contact data, the SMS code, and the profile active at once", async () => {
    await page.getByLabel("Nazwa użytkownika").fill(p.username);
    await page.getByLabel("Hasło").fill(p.password);
    await page.getByLabel("Adres e-mail").fill(p.email);
    await page.getByLabel("Numer telefonu komórkowego").fill(p.phone);
    await page.locator("#bank-form").getByRole("button", { name: "Dalej" }).click();
    await page.locator("#code-sent").filter({ hasText: "Wysłaliśmy SMS" }).waitFor();
    await axe(page, "wniosek przez bank: kod SMS");
    await page.getByLabel("Kod z SMS-a").fill(await lastSmsCode(p.phone));
    await page.locator("#code-form").getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Twój profil zaufany jest aktywny" }).waitFor();
    await axe(page, "wniosek przez bank: profil aktywny");
    await citizen.shot(page, "active");
  });
  const mails = await emailsTo(p.email, (m) => m.length >= 2);
  assert.match(mails[1].body, /założony za pośrednictwem: Bank Demo/);

  const later = new Person(browser, "bank", "obywatel-pozniej");
  const login = await later.open("/logowanie");
  await step(login, "'Zaloguj się przez bank lub Envelo' on the sign-in page, and the profile after it", async () => {
    await login.getByRole("heading", { name: "Zaloguj się przez bank lub Envelo" }).waitFor();
    await axe(login, "logowanie: przez bank lub Envelo");
    await login.getByRole("link", { name: "Bank Demo (demo)" }).click();
    await atTheBank(login, p, "bank demo: logowanie (drugi raz)");
    await login.waitForURL("**/profil");
    await login.getByText(p.username).first().waitFor();
  });

  const stranger = new Person(browser, "bank", "bez-profilu");
  const nobody = await stranger.open("/logowanie");
  await step(nobody, "a PESEL with no profile to come back with the way to create one", async () => {
    await nobody.getByRole("link", { name: "Bank Demo (demo)" }).click();
    await atTheBank(nobody, person(572), "bank demo: logowanie bez profilu");
    await nobody.waitForURL("**/logowanie?idp_error=no_profile");
    await nobody.locator("#status").filter({ hasText: "Nie masz jeszcze profilu zaufanego" }).waitFor();
    await nobody.getByRole("link", { name: "Załóż profil zaufany" }).waitFor();
    await axe(nobody, "logowanie: brak profilu");
  });

  for (const [who, pg, label] of [[citizen, page, "wniosek przez bank: profil aktywny"], [stranger, nobody, "logowanie: brak profilu"]]) {
    await pg.setViewportSize({ width: 360, height: 800 });
    await axe(pg, `${label} (360 px)`);
    await fitsWidth(pg, label);
    who.assertNoScriptErrors();
  }
  const narrow = await citizen.open("/wniosek", { width: 360, height: 800 });
  await axe(narrow, "wniosek: przez bank lub Envelo (360 px)");
  await fitsWidth(narrow, "wniosek (360 px)");
  later.assertNoScriptErrors();
  for (const who of [citizen, later, stranger]) await who.close();
});
