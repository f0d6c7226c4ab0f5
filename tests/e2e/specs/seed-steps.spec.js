// The seed's steps, as a Helpdesk agent follows them with a mouse (or a finger on a phone):
// Customers -> Adatum Corporation -> Office 365 Business Standard -> Designated support contact
// -> Fabrikam Solutions -> Submit -> review -> Close; then Adatum's admin finds Fabrikam's email,
// phone and website under Admin -> Support.

const { test, expect, USERS } = require('../support/test');

const CUSTOMER = 'Adatum Corporation';
const PRODUCT = 'Office 365 Business Standard';
const RESELLER = 'Fabrikam Solutions';

test('a Helpdesk agent designates Fabrikam Solutions and Adatum’s admin sees it under Support', async ({
  page,
  app,
}) => {
  await test.step('sign in as the Helpdesk agent', async () => {
    await app.goto('/sign-in');
    await expect(app.heading()).toHaveText(app.t('sign-in-title'));
    await app.check('sign-in');
    await app.signIn(USERS.helpdesk);
  });

  await test.step('Customers', async () => {
    await app.navLink('nav-customers').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await app.check('customers');
  });

  await test.step(CUSTOMER, async () => {
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await expect(app.heading()).toHaveText(CUSTOMER);
    await app.check('customer');
  });

  await test.step(PRODUCT, async () => {
    await page.getByRole('link', { name: PRODUCT, exact: true }).click();
    await expect(app.heading()).toHaveText(PRODUCT);
    await app.check('subscription');
  });

  await test.step('Designated support contact -> Fabrikam Solutions -> Submit', async () => {
    const contact = page.getByRole('combobox', { name: app.t('designated-support-contact'), exact: true });
    await expect(contact.getByRole('option')).toHaveText(['Contoso Distribution', RESELLER]);
    await expect(contact.getByRole('option', { selected: true })).toHaveText('Contoso Distribution');
    await contact.selectOption({ label: RESELLER });
    await app.button('submit').click();
  });

  await test.step('review the change', async () => {
    await expect(app.heading()).toHaveText(app.t('review-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('review-saved'));
    await expect(app.detail(app.t('subscription-customer'))).toHaveText(CUSTOMER);
    await expect(app.detail(app.t('subscription-product'))).toHaveText(PRODUCT);
    await expect(app.detail(app.t('review-previous-contact'))).toHaveText('Contoso Distribution');
    await expect(app.detail(app.t('review-new-contact'))).toHaveText(RESELLER);
    await app.check('review');
  });

  await test.step('Close', async () => {
    await app.button('close').click();
    await expect(app.heading()).toHaveText(CUSTOMER);
    await expect(await app.cellIn(PRODUCT, 'designated-support-contact')).toHaveText(RESELLER);
    await app.check('customer', { screenshot: false });
  });

  await test.step('Adatum’s admin finds Fabrikam under Admin -> Support', async () => {
    await app.signOut();
    await app.signIn(USERS.customerAdmin);
    await app.navLink('nav-admin').click();
    await expect(app.heading()).toHaveText(app.t('support-title'));
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: PRODUCT, exact: true }) });
    await expect(card).toHaveCount(1);
    await expect(app.detail(app.t('support-contact'), card)).toHaveText(RESELLER);
    await expect(
      app.detail(app.t('support-email'), card).getByRole('link', { name: 'support@fabrikam.example', exact: true })
    ).toHaveAttribute('href', 'mailto:support@fabrikam.example');
    await expect(
      app.detail(app.t('support-phone'), card).getByRole('link', { name: '+1 425 555 0102', exact: true })
    ).toHaveAttribute('href', /^tel:\+1-?425-?555-?0102$/);
    await expect(
      app.detail(app.t('support-website'), card).getByRole('link', {
        name: 'https://support.fabrikam.example',
        exact: true,
      })
    ).toHaveAttribute('href', 'https://support.fabrikam.example');
    await app.check('admin-support');
  });
});
