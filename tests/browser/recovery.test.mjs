// A citizen who forgot the password: "Nie pamiętasz hasła?" on the sign-in page, the link
// from the email, the SMS code and a new password, then signing in with it; and a citizen
// who forgot the username gets it by email. On a 360 px phone, by keyboard where it counts.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, activeProfile, submittedApplication, lastSmsCode, emailsTo } from "./lib.mjs";

let browser;
/** One person for the whole file (a confirmed profile costs the demo clerk a TOTP step). */
let p;
before(async () => {
  browser = await launch();
  p = await activeProfile(561);
});
after(async () => { await browser.close(); });

const PHONE = { width: 360, height: 740 };
const NEW_PASSWORD = "Niebieska8Rzeka?";

test("a forgotten password replaced from the emailed link, then a sign-in with the new one", async () => {
  const citizen = new Person(browser, "recovery", "obywatel", PHONE);
  const page = await citizen.open("/logowanie");

  await step(page, "'Nie pamiętasz hasła?' to lead to the recovery form", async () => {
    await page.getByRole("link", { name: "Nie pamiętasz hasła?" }).click();
    await page.waitForURL("**/odzyskiwanie");
    await axe(page, "odzyskiwanie: formularz");
    await fitsWidth(page, "odzyskiwanie");
  });

  await step(page, "the username and PESEL, typed and sent by keyboard, to be answered alike", async () => {
    await page.getByLabel("Nazwa użytkownika").fill(p.username);
    await page.getByLabel("Numer PESEL").fill(p.pesel);
    await page.getByLabel("Numer PESEL").press("Enter");
    await page.getByRole("heading", { name: "Sprawdź skrzynkę e-mail" }).waitFor();
    assert.match(await page.locator("#sent-text").textContent(), /Jeśli nazwa użytkownika i PESEL pasują/);
    await axe(page, "odzyskiwanie: wysłano");
    await citizen.shot(page, "sent");
  });

  const link = await step(page, "an email with the link to /odzyskiwanie", async () => {
    const mails = await emailsTo(p.email, (m) => m.some((x) => /zapomnianego hasła/.test(x.subject)));
    const mail = mails.find((x) => /zapomnianego hasła/.test(x.subject));
    assert.ok(mail, "the recovery email");
    return mail.body.match(/https?:\/\/\S+\/odzyskiwanie\?lang=pl#[a-z0-9]+/)[0];
  });

  // The link opens in a new tab, as from a mail program.
  const linked = await citizen.open(link.replace(/^https?:\/\/[^/]+/, ""));
  await step(linked, "the link's page to send an SMS code, then take the code and the new password", async () => {
    const page = linked;
    await page.getByRole("heading", { name: "Ustaw nowe hasło" }).waitFor();
    await axe(page, "odzyskiwanie: link");
    await page.getByRole("button", { name: "Wyślij kod SMS" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a i nowe hasło" }).waitFor();
    assert.match(await page.locator("#code-sent").textContent(), /\*\*\*/);
    await axe(page, "odzyskiwanie: kod i nowe hasło");
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByLabel("Nowe hasło", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Powtórz nowe hasło").fill("Inne8Haslo?");
    await page.getByRole("button", { name: "Zmień hasło" }).click();
    await page.locator("#err-new_password2").filter({ hasText: "Hasła nie są takie same." }).waitFor();
    await page.getByLabel("Powtórz nowe hasło").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Zmień hasło" }).click();
    await page.getByRole("heading", { name: "Hasło zostało zmienione" }).waitFor();
    assert.equal(new URL(page.url()).hash, "", "the token leaves the address bar");
    await axe(page, "odzyskiwanie: hasło zmienione");
    await citizen.shot(page, "done");
  });

  await step(linked, "a sign-in with the new password", async () => {
    const page = linked;
    await page.getByRole("link", { name: "Zaloguj się" }).click();
    await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
    await page.getByLabel("Hasło").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
    await page.locator("#history tr").filter({ hasText: "Nowe hasło" }).first().waitFor();
  });

  const told = await emailsTo(p.email, (m) => m.some((x) => /zostało zmienione/.test(x.subject)));
  assert.ok(told.some((x) => /zostało zmienione/.test(x.subject)), "the owner is told");
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("a forgotten username comes by email", async () => {
  const citizen = new Person(browser, "recovery", "obywatel-nazwa");
  const page = await citizen.open("/logowanie");
  await step(page, "'Nie pamiętasz nazwy użytkownika?' to lead to its form", async () => {
    await page.getByRole("link", { name: "Nie pamiętasz nazwy użytkownika?" }).click();
    await page.getByLabel("Adres e-mail").fill(p.email);
    await page.getByRole("button", { name: "Wyślij" }).click();
    await page.getByRole("heading", { name: "Sprawdź skrzynkę e-mail" }).waitFor();
    await axe(page, "odzyskiwanie: nazwa wysłana");
  });
  const mails = await emailsTo(p.email, (m) => m.some((x) => /nazwa użytkownika/.test(x.subject)));
  const mail = mails.find((x) => /nazwa użytkownika/.test(x.subject));
  assert.match(mail.body, new RegExp(`Nazwa użytkownika: ${p.username}`));
  citizen.assertNoScriptErrors();
  await citizen.close();
});

