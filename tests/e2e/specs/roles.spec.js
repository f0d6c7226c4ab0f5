// Who may do what, as people meet it: a Sales agent sees the designated support contact but no
// control to change it; a wrong password is refused with a message in the user's language.

const { test, expect, USERS } = require('../support/test');

const CUSTOMER = 'Adatum Corporation';
const PRODUCT = 'Office 365 Business Standard';

test('a Sales agent sees the designated support contact but no control to change it', async ({ page, app, t }) => {
  await app.signIn(USERS.sales);
  await expect(page.getByRole('banner')).toContainText(t('role-sales-agent'));
  await app.navLink('nav-customers').click();
  await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
  await page.getByRole('link', { name: PRODUCT, exact: true }).click();
  await expect(app.heading()).toHaveText(PRODUCT);

  const section = page.getByRole('region', { name: t('contact-section-title'), exact: true });
  await expect(section.getByRole('term')).toHaveText(t('designated-support-contact'));
  await expect(section.getByRole('definition')).toHaveText('Contoso Distribution');
  await expect(section).toContainText(t('contact-read-only'));
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: t('submit'), exact: true })).toHaveCount(0);
  await app.check('subscription-read-only');
});

test('a wrong password shows the localized message and keeps the email', async ({ page, app, t }) => {
  await app.goto('/sign-in');
  await app.signIn(USERS.helpdesk, { password: 'not-the-password' });
  await expect(app.heading()).toHaveText(t('sign-in-title'));
  await expect(page.getByRole('alert')).toHaveText(t('sign-in-failed'));
  const email = page.getByLabel(t('sign-in-email'), { exact: true });
  await expect(email).toHaveValue(USERS.helpdesk);
  await expect(email).toHaveAccessibleDescription(t('sign-in-failed'));
  await expect(page.getByLabel(t('sign-in-password'), { exact: true })).toHaveValue('');
  await app.check('sign-in-error');
});
