// Switching language on any page keeps the user on the same page (same path and query), now in
// the chosen language; switching back returns it to the first.

const { test, expect, USERS } = require('../support/test');
const { LOCALES } = require('../support/l10n');

const CUSTOMER = 'Adatum Corporation';
const PRODUCT = 'Office 365 Business Standard';

test('switching language on any page keeps the user on the same page', async ({ page, app }) => {
  const home = app.locale;

  /** Switches to every other language and back, checking the page each time with `shows`. */
  async function everyLanguageKeepsThePage(shows) {
    for (const other of LOCALES.filter((l) => l !== home)) {
      await app.switchLanguage(other);
      await shows();
      await app.switchLanguage(home);
      await shows();
    }
  }

  await test.step('sign in', async () => {
    await app.goto('/sign-in');
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(app.t('sign-in-title'));
      await expect(page.getByLabel(app.t('sign-in-email'), { exact: true })).toBeVisible();
    });
    await app.signIn(USERS.adminAgent);
  });

  await test.step('Customers, with a search', async () => {
    await app.navLink('nav-customers').click();
    await page.getByRole('searchbox', { name: app.t('customers-search-label'), exact: true }).fill('Ada');
    await page.getByRole('button', { name: app.t('customers-search-submit'), exact: true }).click();
    await expect(page).toHaveURL(/\/customers\?q=Ada$/);
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(app.t('customers-title'));
      await expect(page.getByRole('searchbox', { name: app.t('customers-search-label'), exact: true })).toHaveValue(
        'Ada'
      );
      await expect(page.getByRole('link', { name: CUSTOMER, exact: true })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Wingtip Toys', exact: true })).toHaveCount(0);
    });
  });

  await test.step(CUSTOMER, async () => {
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(CUSTOMER);
      await expect(page.getByRole('heading', { level: 2, name: app.t('subscriptions-title'), exact: true })).toBeVisible();
    });
  });

  await test.step(PRODUCT, async () => {
    await page.getByRole('link', { name: PRODUCT, exact: true }).click();
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(PRODUCT);
      await expect(
        page.getByRole('combobox', { name: app.t('designated-support-contact'), exact: true })
      ).toBeVisible();
      await expect(app.button('submit')).toBeVisible();
    });
  });

  await test.step('the review step', async () => {
    await page
      .getByRole('combobox', { name: app.t('designated-support-contact'), exact: true })
      .selectOption({ label: 'Fabrikam Solutions' });
    await app.button('submit').click();
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(app.t('review-title'));
      await expect(app.button('close')).toBeVisible();
    });
  });

  await test.step('Support profile', async () => {
    await app.navLink('nav-support-profile').click();
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(app.t('profile-title'));
      await expect(page.getByLabel(app.t('profile-email'), { exact: true })).toHaveValue('support@contoso.example');
    });
    await app.check('support-profile');
  });

  await test.step('the customer admin’s Support page', async () => {
    await app.signOut();
    await app.signIn(USERS.customerAdmin);
    await app.navLink('nav-admin').click();
    await everyLanguageKeepsThePage(async () => {
      await expect(app.heading()).toHaveText(app.t('support-title'));
      await expect(page.getByRole('heading', { level: 2, name: PRODUCT, exact: true })).toBeVisible();
    });
  });
});
