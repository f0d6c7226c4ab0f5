// A customer relationship from request to removal, as the people involved follow it (issue #5):
// Fabrikam's Admin agent requests a relationship with delegated admin privileges and copies the
// invitation link; Wingtip's Global admin opens the link, reads who asks and what the privileges
// allow, and accepts; Fabrikam now shows among Wingtip's partners, and Contoso's Helpdesk agent
// can make it the designated support contact of Wingtip's Office 365 E1; Wingtip's admin removes
// the relationship (after the confirmation step), and the subscription's contact falls back to its
// indirect provider, Contoso Distribution, which is all the Helpdesk agent can choose from again
// besides Tailspin Toys.

const { test, expect, USERS } = require('../support/test');

const FABRIKAM_ADMIN = 'admin.agent@fabrikam.example';
const WINGTIP_ADMIN = 'admin@wingtip.example';
const CUSTOMER = 'Wingtip Toys';
const PRODUCT = 'Office 365 E1';
const RESELLER = 'Fabrikam Solutions';
const RESELLER_PARTNER_ID = '2000001';
const PROVIDER = 'Contoso Distribution';
const OTHER_RESELLER = 'Tailspin Toys';

test('a reseller’s relationship is requested, accepted, used as support contact and removed; the contact falls back', async ({
  page,
  app,
}) => {
  // Ten pages checked (axe included), by three people signing in and out in turn.
  test.setTimeout(120_000);

  /** The "Designated support contact" list of the subscription page. */
  const contactSelect = () =>
    page.getByRole('combobox', { name: app.t('designated-support-contact'), exact: true });

  /** A card of Admin -> Support, by its product's heading. */
  const supportCard = (product) =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: product, exact: true }) });

  /** The row of a table whose row header is `name`. */
  const rowOf = (name) =>
    page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

  /** The cell of the row headed `name` in the column whose header is the message `columnId`. */
  async function cellOfRow(name, columnId) {
    const table = page.getByRole('table').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    const headers = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim());
    const column = headers.indexOf(app.t(columnId));
    if (column < 0) throw new Error(`no column "${app.t(columnId)}" in ${JSON.stringify(headers)}`);
    // The first column holds the row header; the cells come after it.
    if (column === 0) return rowOf(name).getByRole('rowheader');
    return rowOf(name).getByRole('cell').nth(column - 1);
  }

  let link;

  await test.step('Fabrikam’s Admin agent: Customers -> Request a relationship', async () => {
    await app.goto('/sign-in');
    await app.signIn(FABRIKAM_ADMIN);
    await app.navLink('nav-customers').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
    await page.getByRole('link', { name: app.t('request-a-relationship'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('request-a-relationship'));
    await expect(page.getByRole('main')).toContainText(app.t('relationship-request-intro-any'));
    await app.check('relationship-request');
  });

  await test.step('Include delegated admin privileges -> Request a relationship', async () => {
    const delegated = page.getByRole('checkbox', { name: app.t('include-delegated-admin'), exact: true });
    await expect(delegated).not.toBeChecked();
    await expect(delegated).toHaveAccessibleDescription(app.t('relationship-request-delegated-hint'));
    await delegated.check();
    await app.button('request-a-relationship').click();
  });

  await test.step('the invitation link and the message to send with it', async () => {
    await expect(app.heading()).toHaveText(app.t('invitation-created-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('invitation-created-intro'));
    const linkField = page.getByRole('textbox', { name: app.t('invitation-link-label'), exact: true });
    await expect(linkField).not.toBeEditable();
    link = await linkField.inputValue();
    expect(new URL(link).pathname, 'the link opens an invitation').toMatch(/^\/invitations\/[^/]+$/);
    const message = await page
      .getByRole('textbox', { name: app.t('invitation-message-label'), exact: true })
      .inputValue();
    expect(message, 'the message to send carries the link').toContain(link);
    expect(message, 'the message names the partner and its partner ID').toContain(RESELLER);
    expect(message).toContain(RESELLER_PARTNER_ID);
    await app.check('invitation-created');
    await app.signOut();
  });

  await test.step('Wingtip’s Global admin opens the link and signs in', async () => {
    await app.goto(link);
    await expect(app.heading()).toHaveText(app.t('sign-in-title'));
    await app.signIn(WINGTIP_ADMIN);
  });

  await test.step('who asks, and what delegated admin privileges allow', async () => {
    await expect(app.heading()).toHaveText(app.t('invitation-customer-title'));
    await expect(app.detail(app.t('invitation-from'))).toHaveText(RESELLER);
    await expect(app.detail(app.t('invitation-partner-id'))).toHaveText(RESELLER_PARTNER_ID);
    await expect(app.detail(app.t('invitation-partner-kind'))).toHaveText(app.t('org-kind-indirect-reseller'));
    await expect(page.getByRole('main')).toContainText(app.t('invitation-customer-text', { partner: RESELLER }));
    const privileges = page.getByRole('region', { name: app.t('delegated-admin-privileges'), exact: true });
    await expect(privileges).toContainText(app.t('invitation-delegated-explained', { partner: RESELLER }));
    await app.check('invitation');
  });

  await test.step('Accept -> Continue: Fabrikam is among Wingtip’s partners', async () => {
    await app.button('invitation-accept').click();
    await expect(app.heading()).toHaveText(app.t('invitation-accepted-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('invitation-accepted-customer', { partner: RESELLER }));
    await app.check('invitation-accepted');

    await page.getByRole('link', { name: app.t('invitation-continue'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('relationships-title'));
    await expect(page.getByRole('rowheader')).toHaveText([PROVIDER, RESELLER, OTHER_RESELLER]);
    await expect(await cellOfRow(RESELLER, 'resellers-col-partner-id')).toHaveText(RESELLER_PARTNER_ID);
    await expect(await cellOfRow(RESELLER, 'delegated-admin-privileges')).toHaveText(app.t('yes'));
    await app.check('partner-relationships');
    await app.signOut();
  });

  await test.step('Contoso’s Helpdesk agent: Customers -> Wingtip Toys -> Office 365 E1', async () => {
    await app.signIn(USERS.helpdesk);
    await app.navLink('nav-customers').click();
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await expect(app.heading()).toHaveText(CUSTOMER);
    await expect(await app.cellIn(PRODUCT, 'designated-support-contact')).toHaveText(PROVIDER);
    await page.getByRole('link', { name: PRODUCT, exact: true }).click();
    await expect(app.heading()).toHaveText(PRODUCT);
  });

  await test.step('Designated support contact offers Fabrikam now -> Fabrikam Solutions -> Submit -> Close', async () => {
    await expect(contactSelect().getByRole('option')).toHaveText([PROVIDER, RESELLER, OTHER_RESELLER]);
    await expect(contactSelect().getByRole('option', { selected: true })).toHaveText(PROVIDER);
    await app.check('subscription-new-reseller');
    await contactSelect().selectOption({ label: RESELLER });
    await app.button('submit').click();

    await expect(app.heading()).toHaveText(app.t('review-title'));
    await expect(app.detail(app.t('subscription-customer'))).toHaveText(CUSTOMER);
    await expect(app.detail(app.t('review-previous-contact'))).toHaveText(PROVIDER);
    await expect(app.detail(app.t('review-new-contact'))).toHaveText(RESELLER);
    await app.button('close').click();
    await expect(app.heading()).toHaveText(CUSTOMER);
    await expect(await app.cellIn(PRODUCT, 'designated-support-contact')).toHaveText(RESELLER);
    await app.signOut();
  });

  await test.step('Wingtip’s admin finds Fabrikam under Admin -> Support', async () => {
    await app.signIn(WINGTIP_ADMIN);
    await app.navLink('nav-admin').click();
    await expect(app.heading()).toHaveText(app.t('support-title'));
    await expect(app.detail(app.t('support-contact'), supportCard(PRODUCT))).toHaveText(RESELLER);
  });

  await test.step('Admin -> Partner relationships -> Remove relationship (Fabrikam) -> the confirmation step', async () => {
    // Partner relationships is a section of the Admin area (the navigation on every Admin page).
    await app.adminSection('nav-partner-relationships').click();
    await expect(app.heading()).toHaveText(app.t('relationships-title'));
    // Each row's links name their partner (for screen readers, after a dash).
    await rowOf(RESELLER)
      .getByRole('link', { name: `${app.t('relationships-remove')} – ${RESELLER}`, exact: true })
      .click();
    await expect(app.heading()).toHaveText(app.t('relationships-remove-title'));
    const main = page.getByRole('main');
    await expect(main).toContainText(app.t('relationships-remove-question', { partner: RESELLER }));
    await expect(main).toContainText(app.t('relationships-remove-consequence', { partner: RESELLER }));
    await expect(main.getByRole('link', { name: app.t('cancel'), exact: true })).toHaveAttribute(
      'href',
      '/admin/relationships'
    );
    await app.check('remove-relationship-confirm');
  });

  await test.step('Remove relationship: Fabrikam is no longer among Wingtip’s partners', async () => {
    await app.button('relationships-remove').click();
    await expect(app.heading()).toHaveText(app.t('relationships-title'));
    await expect(page.getByRole('status')).toHaveText(app.t('relationships-removed'));
    await expect(page.getByRole('rowheader')).toHaveText([PROVIDER, OTHER_RESELLER]);
    await app.check('partner-relationships-removed');
  });

  await test.step('the contact fell back: Admin -> Support shows Contoso Distribution', async () => {
    await app.navLink('nav-admin').click();
    await expect(app.heading()).toHaveText(app.t('support-title'));
    const card = supportCard(PRODUCT);
    await expect(app.detail(app.t('support-contact'), card)).toHaveText(PROVIDER);
    await expect(
      app.detail(app.t('support-email'), card).getByRole('link', { name: 'support@contoso.example', exact: true })
    ).toHaveAttribute('href', 'mailto:support@contoso.example');
    await app.check('admin-support-fallback');
    await app.signOut();
  });

  await test.step('the Helpdesk agent sees Contoso Distribution again, and Fabrikam is no longer offered', async () => {
    await app.signIn(USERS.helpdesk);
    await app.navLink('nav-customers').click();
    await page.getByRole('link', { name: CUSTOMER, exact: true }).click();
    await expect(app.heading()).toHaveText(CUSTOMER);
    await expect(await app.cellIn(PRODUCT, 'designated-support-contact')).toHaveText(PROVIDER);
    await app.check('customer-fallback');
    await page.getByRole('link', { name: PRODUCT, exact: true }).click();
    await expect(app.heading()).toHaveText(PRODUCT);
    await expect(contactSelect().getByRole('option')).toHaveText([PROVIDER, OTHER_RESELLER]);
    await expect(contactSelect().getByRole('option', { selected: true })).toHaveText(PROVIDER);
  });
});
