// A citizen who forgot the password: "Nie pamiętasz hasła?" on the sign-in page, the link
// from the email, the SMS code and a new password, then signing in with it; and a citizen
// who forgot the username gets it by email. On a 360 px phone, by keyboard where it counts.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, activeProfile, submittedApplication, lastSmsCode, emailsTo } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

const PHONE = { width: 360, height: 740 };
const NEW_PASSWORD = "Niebieska8Rzeka?";

test("a forgotten password replaced from the emailed link, then a sign-in with the new one", async () => {
  const p = await activeProfile(561);
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
    return mail.body.match(/https?:\/\/\S+\/odzyskiwanie#[a-z0-9]+/)[0];
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
  const p = await activeProfile(562);
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

test("the password changed on /profil, the other browser signed out; then 'To nie ja' from the email", async () => {
  const p = await activeProfile(563);
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

  await step(page, "two sessions listed, this one marked", async () => {
    await page.locator("#sessions tr").nth(1).waitFor();
    assert.equal(await page.locator("#sessions tr").count(), 2);
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
  const link = notice.find((x) => /Zmieniono hasło/.test(x.subject)).body.match(/\/to-nie-ja#[a-z0-9]+/)[0];
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

test("the mObywatel app unlinked from /profil with 'Odłącz'", async () => {
  const p = await activeProfile(564);
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

test("'Usuń profil zaufany' confirmed by SMS code, then a new application with the same PESEL", async () => {
  const p = await activeProfile(565);
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
    const again = await submittedApplication(565);
    assert.ok(again.id, "a new application");
  });
  citizen.assertNoScriptErrors();
  await citizen.close();
});
