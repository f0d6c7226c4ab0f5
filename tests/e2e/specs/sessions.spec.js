// Sessions and sign-in limits, as a person meets them (issue "Hardening"): a user signed in on
// two computers opens Sessions from the header, sees both (this one marked), signs out the other
// one, and that browser is back at the sign-in page. Someone who keeps typing a wrong password is
// told that sign-in is paused and for how long, on an accessible page.

const { test, expect, USERS } = require('../support/test');

test('a user sees their sessions and signs out the one on another computer', async ({ page, app, anotherBrowser }) => {
  test.setTimeout(90_000);
  const elsewhere = await anotherBrowser();
  await elsewhere.goto('/sign-in');
  await elsewhere.signIn(USERS.helpdesk);
  await expect(elsewhere.heading()).toHaveText(elsewhere.t('customers-title'));

  await test.step('Sessions, from the header', async () => {
    await app.goto('/sign-in');
    await app.signIn(USERS.helpdesk);
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await page.getByRole('link', { name: app.t('nav-sessions'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('sessions-title'));
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows, 'a header row and two sessions').toHaveCount(3);
    await expect(page.getByRole('table').getByText(app.t('sessions-this-one'), { exact: true })).toHaveCount(1);
    await app.check('sessions');
  });

  await test.step('Sign out this session, on the other computer’s row', async () => {
    await app.button('sessions-end').click();
    await expect(page.getByRole('status')).toHaveText(app.t('sessions-ended'));
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
    await expect(app.button('sessions-end-others')).toHaveCount(0);
  });

  await test.step('the other computer is signed out', async () => {
    await elsewhere.goto('/customers');
    await expect(elsewhere.heading()).toHaveText(elsewhere.t('sign-in-title'));
  });
});

test('sign-in pauses after ten failed attempts and says for how long', async ({ page, app }, testInfo) => {
  test.setTimeout(90_000);
  // An email of this test run alone, so other tests' accounts are not paused.
  const email = `nobody.${testInfo.project.name}@contoso.example`;
  await app.goto('/sign-in');
  // Nine wrong passwords sent as the form sends them (same cookies and token), the tenth typed.
  const token = await page.locator('input[name="csrf_token"]').first().inputValue();
  for (let n = 1; n <= 9; n++) {
    const answer = await page.request.post('/sign-in', {
      form: { csrf_token: token, email, password: `wrong ${n}` },
      maxRedirects: 0,
    });
    expect(answer.status(), `wrong password ${n}`).toBe(401);
  }
  await app.signIn(email, { password: 'wrong 10' });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(app.t('sign-in-throttled'));
  await expect(alert).toContainText(app.t('error-retry-in-minutes', { minutes: 15 }));
  await app.check('sign-in-paused');
});
