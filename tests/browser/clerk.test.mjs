// The clerk's day: sign in to the panel, find the call in the day view, open the
// application, read out the number (the same as in the citizen's email), email the link
// to the call, tick the three checks and confirm; and reject another with a reason.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, Person, step, axe, fitsWidth, CLERK_PASSWORD, clerkCode, submittedApplication, emailsTo, polishDay } from "./lib.mjs";

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser.close(); });

async function signIn(clerk, page) {
  await step(page, "the clerk sign-in form to refuse a wrong password, then let the clerk in with the code from the app", async () => {
    await page.getByRole("heading", { name: "Logowanie urzędnika" }).waitFor();
    await axe(page, "panel urzędnika: logowanie");
    await page.getByLabel("Nazwa użytkownika").fill("urzednik");
    await page.getByLabel("Hasło").fill("Zle-haslo-123");
    await page.getByLabel("Kod z aplikacji uwierzytelniającej").fill("000000");
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    await page.locator("#status").filter({ hasText: /kod z aplikacji/ }).waitFor();
    assert.equal(await page.getByLabel("Kod z aplikacji uwierzytelniającej").inputValue(), "", "a code is never offered twice");
    await page.getByLabel("Hasło").fill(CLERK_PASSWORD);
    await page.getByLabel("Kod z aplikacji uwierzytelniającej").fill(await clerkCode());
    await page.getByRole("button", { name: "Zaloguj się" }).click();
    await page.getByRole("heading", { name: "Rozmowy wideo" }).waitFor();
  });
}

async function openCall(page, app) {
  await step(page, `the call of ${app.first_name} ${app.last_name} in the day view of ${polishDay(app.slot.start)}`, async () => {
    await page.getByLabel("Dzień", { exact: true }).fill(polishDay(app.slot.start));
    await page.getByLabel("Dzień", { exact: true }).dispatchEvent("change");
    const row = page.locator("#calls tr").filter({ hasText: app.last_name });
    await row.waitFor();
    assert.match(await row.textContent(), /czeka na rozmowę/);
    assert.match(await row.textContent(), /Microsoft Teams/);
    await row.getByRole("link", { name: "Otwórz wniosek" }).click();
    await page.locator("#app-number").filter({ hasText: /\S/ }).waitFor();
  });
}

test("a clerk signs in, sends the call link, reads out the number and confirms", async () => {
  const app = await submittedApplication(511);
  const number = (await emailsTo(app.email, (ms) => ms.some((m) => /Numer wniosku: /.test(m.body)))).map((m) => m.body.match(/Numer wniosku: (\S+)/)).find(Boolean)[1];
  const clerk = new Person(browser, "clerk", "urzednik");
  const page = await clerk.open("/urzednik");
  await signIn(clerk, page);
  await step(page, "the day view", async () => {
    await page.getByLabel("Dzień", { exact: true }).fill(polishDay(app.slot.start));
    await page.getByLabel("Dzień", { exact: true }).dispatchEvent("change");
    await page.locator("#calls tr").filter({ hasText: app.last_name }).waitFor();
    await page.locator("#day-summary").filter({ hasText: "do rozstrzygnięcia" }).waitFor();
    await page.getByRole("button", { name: "Następny dzień" }).click();
    await page.getByRole("button", { name: "Poprzedni dzień" }).click();
    await page.locator("#calls tr").filter({ hasText: app.last_name }).waitFor();
    assert.equal(await page.getByLabel("Dzień", { exact: true }).inputValue(), polishDay(app.slot.start), "next then previous is the same day");
    await axe(page, "panel urzędnika: rozmowy dnia");
    await clerk.shot(page, "day");
  });
  await openCall(page, app);

  await step(page, "the application number in large type, equal to the one in the citizen's email", async () => {
    assert.equal((await page.locator("#app-number").textContent()).trim(), number);
    const size = await page.locator("#app-number").evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    assert.ok(size >= 32, `the number is ${size}px high`);
    await axe(page, "panel urzędnika: wniosek");
  });

  await step(page, "a bad call link refused next to its field, a good one emailed", async () => {
    await page.getByLabel("Link do rozmowy w wybranej aplikacji").fill("http://zly-link");
    await page.getByRole("button", { name: "Wyślij link e-mailem" }).click();
    await page.locator("#err-url").filter({ hasText: /\S/ }).waitFor();
    await page.getByLabel("Link do rozmowy w wybranej aplikacji").fill("https://teams.microsoft.com/l/meetup-join/pz-511");
    await page.getByRole("button", { name: "Wyślij link e-mailem" }).click();
    await page.locator("#notice").filter({ hasText: "wysłany e-mailem" }).waitFor();
    const link = (m) => m.body.includes("https://teams.microsoft.com/l/meetup-join/pz-511");
    const mails = await emailsTo(app.email, (ms) => ms.some(link));
    assert.ok(mails.some(link), "the citizen got the link");
  });

  await step(page, "confirmation to need all three checks, then to activate the profile", async () => {
    await page.getByLabel("Obywatel potwierdził, że dane we wniosku są prawdziwe i aktualne").check();
    await page.locator("#confirm-form").getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#err-id_document_checked").filter({ hasText: /\S/ }).waitFor();
    await axe(page, "panel urzędnika: brakujące potwierdzenia");
    await clerk.shot(page, "application-missing-checks");
    await page.getByLabel("Przedstawiono zasady tymczasowego profilu zaufanego").check();
    await page.getByLabel("Sprawdzono dokument tożsamości").check();
    await page.locator("#confirm-form").getByRole("button", { name: "Potwierdź" }).click();
    await page.locator("#notice").filter({ hasText: "Profil zaufany jest aktywny do" }).waitFor();
    await page.locator("#app-status").filter({ hasText: "potwierdzony" }).waitFor();
    assert.ok(await page.locator("#app-actions").isHidden(), "nothing left to decide");
    const audit = await page.locator("#app-audit").textContent();
    for (const what of ["wyświetlenie wniosku", "wysłanie linku do rozmowy", "potwierdzenie tożsamości"]) assert.match(audit, new RegExp(what));
    await axe(page, "panel urzędnika: wniosek potwierdzony");
    await clerk.shot(page, "confirmed");
    const active = (m) => /aktywny/i.test(m.subject + m.body);
    const mails = await emailsTo(app.email, (ms) => ms.some(active));
    assert.ok(mails.some(active), "the citizen is told the profile is active");
  });

  await step(page, "the call marked confirmed, and today's audit trail to show the decision", async () => {
    await page.getByRole("link", { name: "Wróć do listy rozmów" }).click();
    await page.locator("#calls tr").filter({ hasText: "potwierdzony" }).waitFor();
    await page.getByLabel("Dzień", { exact: true }).fill(polishDay(new Date().toISOString()));
    await page.getByLabel("Dzień", { exact: true }).dispatchEvent("change");
    await page.locator("#day-audit li").filter({ hasText: "potwierdzenie tożsamości" }).first().waitFor();
  });
  clerk.assertNoScriptErrors();
  await clerk.close();
});

test("a clerk rejects an application with a reason, on a 360 px screen", async () => {
  const app = await submittedApplication(512);
  const clerk = new Person(browser, "clerk-reject", "urzednik", { width: 360, height: 740 });
  const page = await clerk.open("/urzednik");
  await signIn(clerk, page);
  await openCall(page, app);
  await step(page, "a rejection to need a reason, then to be sent", async () => {
    await fitsWidth(page, "wniosek w panelu na telefonie");
    await page.getByRole("button", { name: "Odrzuć wniosek" }).click();
    await page.locator("#err-reason").filter({ hasText: /\S/ }).waitFor();
    // markup in the reason is shown as text, never run (here, in the audit and in the outbox page)
    const reason = 'Dokument tożsamości był nieczytelny w kamerze. <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    await page.getByLabel("Powód odrzucenia (obywatel otrzyma go e-mailem)").fill(reason);
    await page.getByRole("button", { name: "Odrzuć wniosek" }).click();
    await page.locator("#app-status").filter({ hasText: "odrzucony" }).waitFor();
    await page.getByText('<img src=x onerror="window.__xss=1">', { exact: false }).first().waitFor();
    assert.equal(await page.evaluate(() => window.__xss), undefined, "the reason ran as markup");
    const outboxPage = await clerk.open("/dev/outbox");
    await outboxPage.getByText("<script>window.__xss=2</script>", { exact: false }).first().waitFor();
    assert.equal(await outboxPage.evaluate(() => window.__xss), undefined, "the outbox page ran the reason");
    await axe(page, "panel urzędnika: wniosek odrzucony (360 px)");
    await clerk.shot(page, "rejected-narrow");
    const why = (m) => m.body.includes("Dokument tożsamości był nieczytelny w kamerze.");
    const mails = await emailsTo(app.email, (ms) => ms.some(why));
    assert.ok(mails.some(why), "the citizen is told why");
  });
  clerk.assertNoScriptErrors();
  await clerk.close();
});
