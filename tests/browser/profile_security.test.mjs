// "Szczegóły profilu", what guards the profile: "Zmień hasło" with the other browser signed
// out, then "To nie ja" from the notification; "Odłącz" for the mObywatel app.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, activeProfile, submittedApplication, lastSmsCode, emailsTo } from "./lib.mjs";

let browser;
/** One person for the whole file (a confirmed profile costs the demo clerk a TOTP step). */
let p;
before(async () => {
  browser = await launch();
  p = await activeProfile(563);
});
after(async () => { await browser.close(); });

const PHONE = { width: 360, height: 740 };
const NEW_PASSWORD = "Niebieska8Rzeka?";

test("the mObywatel app unlinked from /profil with 'Odłącz'", async () => {
  const citizen = new Person(browser, "recovery", "odlacz");
  const page = await citizen.open("/logowanie?next=/profil");
  await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
  await page.getByLabel("Hasło").fill(p.password);
  await page.getByRole("button", { name: "Dalej" }).click();
  await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
  await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
  await page.getByRole("button", { name: "Potwierdź" }).click();
  await page.waitForURL("**/profil");
  const phone = await citizen.open("/mobywatel", PHONE);
  await phone.getByRole("button", { name: "Połącz aplikację z profilem" }).click();
  await phone.getByText("Aplikacja połączona z profilem zaufanym.").waitFor();

  await step(page, "'Odłącz' beside the linked app, then the method back to SMS", async () => {
    await page.bringToFront();
    await page.reload();
    await page.locator("#p-device").filter({ hasText: "połączona" }).waitFor();
    await axe(page, "szczegóły profilu: aplikacja połączona");
    await page.getByRole("button", { name: "Odłącz aplikację mObywatel" }).click();
    await page.locator("#notice").filter({ hasText: "Aplikacja mObywatel została odłączona" }).waitFor();
    await page.locator("#p-device").filter({ hasText: "nie połączono" }).waitFor();
    assert.match(await page.locator("#p-method").textContent(), /kod SMS/);
    await page.locator("#history tr").filter({ hasText: "Odłączenie aplikacji mObywatel" }).first().waitFor();
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});

test("the password changed on /profil, the other browser signed out; then 'To nie ja' from the email", async () => {
  const signIn = async (person, password) => {
    const page = await person.open("/logowanie?next=/profil");
    await page.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
    await page.getByLabel("Hasło").fill(password);
    await page.getByRole("button", { name: "Dalej" }).click();
    await page.getByRole("heading", { name: "Wpisz kod z SMS-a" }).waitFor();
    await page.getByLabel("Kod autoryzacyjny").fill(await lastSmsCode(p.phone));
    await page.getByRole("button", { name: "Potwierdź" }).click();
    await page.waitForURL("**/profil");
    return page;
  };
  const laptop = new Person(browser, "recovery", "laptop");
  const other = new Person(browser, "recovery", "inny-komputer", PHONE);
  const elsewhere = await signIn(other, p.password);
  const page = await signIn(laptop, p.password);

  await step(page, "the sessions listed (the other browser's among them), this one marked", async () => {
    await page.locator("#sessions tr").nth(1).waitFor();
    assert.ok(await page.locator("#sessions tr").count() >= 2);
    await page.locator("#sessions tr").filter({ hasText: "to urządzenie" }).waitFor();
    await axe(page, "szczegóły profilu: hasło i sesje");
  });

  await step(page, "'Zmień hasło' with the current password, the other session ended", async () => {
    await page.getByLabel("Obecne hasło").fill(p.password);
    await page.getByLabel("Nowe hasło", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Powtórz nowe hasło").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Zmień hasło" }).click();
    await page.locator("#notice").filter({ hasText: "Hasło zostało zmienione" }).waitFor();
    await page.locator("#history tr").filter({ hasText: "Zmiana hasła" }).first().waitFor();
    assert.equal(await page.locator("#sessions tr").count(), 1);
    await laptop.shot(page, "password-changed");
  });

  await step(elsewhere, "the other browser to be signed out", async () => {
    await elsewhere.reload();
    await elsewhere.locator("#signed-out").waitFor();
  });

  // It was not the owner after all: "To nie ja" from the notification.
  const notice = await emailsTo(p.email, (m) => m.some((x) => /Zmieniono hasło/.test(x.subject)));
  const link = notice.find((x) => /Zmieniono hasło/.test(x.subject)).body.match(/\/to-nie-ja\?lang=pl#[a-z0-9]+/)[0];
  const secure = await other.open(link);
  await step(secure, "'To nie ja' to secure the profile with one button", async () => {
    await axe(secure, "to nie ja");
    await fitsWidth(secure, "to nie ja");
    await secure.getByRole("button", { name: "To nie ja — zabezpiecz mój profil" }).click();
    await secure.getByRole("heading", { name: "Profil jest zabezpieczony" }).waitFor();
    await axe(secure, "to nie ja: zabezpieczono");
    await other.shot(secure, "to-nie-ja");
  });
  await step(page, "this session ended too, and the password refused until it is recovered", async () => {
    await page.reload();
    await page.locator("#signed-out").waitFor();
    const login = await laptop.open("/logowanie");
    await login.getByLabel("Nazwa użytkownika lub adres e-mail").fill(p.username);
    await login.getByLabel("Hasło").fill(NEW_PASSWORD);
    await login.getByRole("button", { name: "Dalej" }).click();
    await login.locator("#status").filter({ hasText: "zablokowane po zgłoszeniu" }).waitFor();
  });
  laptop.assertNoScriptErrors();
  await laptop.close();
  await other.close();
});
