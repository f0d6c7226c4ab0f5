// The seed's steps with the keyboard only: Tab to move, Enter to follow or press, arrow keys to
// choose. Every element Tab lands on must show a visible focus ring (see App.tabTo).

const { test, expect, USERS } = require('../support/test');

const CUSTOMER = 'Adatum Corporation';
const PRODUCT = 'Office 365 Business Standard';
const RESELLER = 'Fabrikam Solutions';

test('the seed’s steps with the keyboard only, with a visible focus ring', async ({ page, app, server }) => {
  const { keyboard } = page;

  /** Types into a field reached with Tab. */
  async function tabAndType(label, text) {
    const field = page.getByLabel(app.t(label), { exact: true });
    await app.tabTo(field);
    await keyboard.type(text);
  }

  await test.step('the skip link is the first Tab stop and leads to the main content', async () => {
    await app.goto('/sign-in');
    await keyboard.press('Tab');
    const skip = page.getByRole('link', { name: app.t('skip-to-content'), exact: true });
    await expect(skip).toBeFocused();
    await app.expectFocusRing();
    await expect(skip).toBeInViewport();
    await keyboard.press('Enter');
    // From the main content, the next Tab stop is its first control: the email field.
    await keyboard.press('Tab');
    await expect(page.getByLabel(app.t('sign-in-email'), { exact: true })).toBeFocused();
  });

  await test.step('sign in as the Helpdesk agent', async () => {
    await keyboard.type(USERS.helpdesk);
    await tabAndType('sign-in-password', server.password);
    await app.tabTo(app.button('sign-in-submit'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(app.t('customers-title'));
  });

  await test.step('Customers -> Adatum Corporation -> Office 365 Business Standard', async () => {
    await app.tabTo(app.navLink('nav-customers'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await app.tabTo(page.getByRole('link', { name: CUSTOMER, exact: true }));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(CUSTOMER);
    await app.tabTo(page.getByRole('link', { name: PRODUCT, exact: true }));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(PRODUCT);
  });

  await test.step('choose Fabrikam Solutions with the arrow keys, then Submit', async () => {
    const contact = page.getByRole('combobox', { name: app.t('designated-support-contact'), exact: true });
    await app.tabTo(contact);
    const chosen = contact.getByRole('option', { selected: true });
    await expect(chosen).toHaveText('Contoso Distribution');
    await keyboard.press('ArrowDown');
    await expect(chosen).toHaveText(RESELLER);
    await app.screenshot('subscription-keyboard', { fullPage: false });
    await app.tabTo(app.button('submit'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(app.t('review-title'));
    await expect(app.detail(app.t('review-new-contact'))).toHaveText(RESELLER);
  });

  await test.step('Close', async () => {
    await app.tabTo(app.button('close'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(CUSTOMER);
    await expect(await app.cellIn(PRODUCT, 'designated-support-contact')).toHaveText(RESELLER);
  });

  await test.step('sign out, and Adatum’s admin reaches Fabrikam’s contact details under Admin -> Support', async () => {
    await app.tabTo(app.button('sign-out'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(app.t('sign-in-title'));
    await tabAndType('sign-in-email', USERS.customerAdmin);
    await tabAndType('sign-in-password', server.password);
    await keyboard.press('Enter');
    await expect(app.navLink('nav-admin')).toBeVisible();
    await app.tabTo(app.navLink('nav-admin'));
    await keyboard.press('Enter');
    await expect(app.heading()).toHaveText(app.t('support-title'));
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: PRODUCT, exact: true }) });
    for (const link of ['support@fabrikam.example', '+1 425 555 0102', 'https://support.fabrikam.example']) {
      await app.tabTo(card.getByRole('link', { name: link, exact: true }));
    }
  });
});
