// Bulk changes of designated support contacts (issue #11): Contoso's Helpdesk agent opens
// Customers → bulk change, filters by the current designated support contact, selects every
// listed subscription, picks Fabrikam Solutions, reviews what would change and what cannot (and
// why), and applies; then replaces Fabrikam with Contoso everywhere it is allowed with the
// shortcut. Without JavaScript too: plain forms, links and checkboxes.

const { test, expect, USERS } = require('../support/test');

const PROVIDER = 'Contoso Distribution';
const RESELLER = 'Fabrikam Solutions';
const ADATUM = 'Adatum Corporation';
const WINGTIP = 'Wingtip Toys';

/** The rows (cell texts) of the table named by the h2 with the message `headingId`. */
async function rowsUnder(app, headingId) {
  const table = app.page.getByRole('table', { name: app.t(headingId), exact: true });
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.innerText.replace(/\s+/g, ' ').trim()))
  );
}

/** A select or field of the page by its visible label. */
const field = (app, labelId) => app.page.getByLabel(app.t(labelId), { exact: true });

test('a Helpdesk agent changes many designated support contacts at once, reviewed first', async ({ page, app }) => {
  test.setTimeout(120_000);

  await test.step('Customers links to the bulk change', async () => {
    await app.goto('/sign-in');
    await app.signIn(USERS.helpdesk);
    await app.navLink('nav-customers').click();
    await page.getByRole('main').getByRole('link', { name: app.t('customers-bulk-change'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('bulk-title'));
    await app.check('bulk-change');
  });

  await test.step('filter by the current contact, select all listed, pick the new contact', async () => {
    await field(app, 'bulk-filter-contact').selectOption({ label: PROVIDER });
    await app.button('bulk-filter-apply').click();
    await expect(page.getByRole('checkbox')).toHaveCount(3);
    await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0);
    // Reviewing nothing shows the same choice again, saying why.
    await page.locator('form.bulk-choose').getByRole('button', { name: app.t('bulk-review'), exact: true }).click();
    await expect(page.getByRole('alert')).toHaveText(app.t('bulk-error-none-chosen'));
    await expect(page.getByRole('checkbox')).toHaveCount(3);
    await app.check('bulk-change-none-chosen');
    await page.getByRole('link', { name: app.t('bulk-select-all'), exact: true }).click();
    await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(3);
    await expect(field(app, 'bulk-filter-contact')).toHaveValue(/.+/);
    await field(app, 'bulk-new-contact').selectOption({ label: RESELLER });
    await app.check('bulk-change-selected', { screenshot: true });
    await page.locator('form.bulk-choose').getByRole('button', { name: app.t('bulk-review'), exact: true }).click();
  });

  await test.step('the review lists what would change and what cannot, with the reason', async () => {
    await expect(app.heading()).toHaveText(app.t('bulk-review-title'));
    const changing = await rowsUnder(app, 'bulk-would-change-title');
    expect(changing.map((r) => r[0]).sort()).toEqual(['Microsoft 365 E3', 'Office 365 Business Standard']);
    for (const row of changing) {
      expect(row.slice(1)).toEqual([ADATUM, PROVIDER, RESELLER]);
    }
    expect(await rowsUnder(app, 'bulk-cannot-change-title')).toEqual([
      ['Office 365 E1', WINGTIP, PROVIDER, app.t('bulk-reason-not-available')],
    ]);
    await app.check('bulk-review');
    await app.button('bulk-apply').click();
  });

  await test.step('the result says what changed', async () => {
    await expect(app.heading()).toHaveText(app.t('bulk-result-title'));
    await expect(page.getByRole('status')).toContainText(app.t('bulk-changed-count', { count: 2 }));
    expect((await rowsUnder(app, 'bulk-changed-title')).map((r) => r[0]).sort()).toEqual([
      'Microsoft 365 E3',
      'Office 365 Business Standard',
    ]);
    expect(await rowsUnder(app, 'bulk-not-changed-title')).toEqual([]);
    await app.check('bulk-result');
  });

  await test.step('the shortcut replaces the reseller everywhere it is allowed', async () => {
    await page.getByRole('link', { name: app.t('bulk-again'), exact: true }).click();
    const replace = page.getByRole('region', { name: app.t('bulk-replace-title'), exact: true });
    await replace.getByLabel(app.t('bulk-replace-from'), { exact: true }).selectOption({ label: RESELLER });
    await replace.getByLabel(app.t('bulk-replace-to'), { exact: true }).selectOption({ label: PROVIDER });
    await replace.getByRole('button', { name: app.t('bulk-review'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('bulk-review-title'));
    const changing = await rowsUnder(app, 'bulk-would-change-title');
    expect(changing.map((r) => r.slice(0, 4))).toEqual(
      expect.arrayContaining([
        ['Microsoft 365 E3', ADATUM, RESELLER, PROVIDER],
        ['Office 365 Business Standard', ADATUM, RESELLER, PROVIDER],
      ])
    );
    expect(changing).toHaveLength(2);
    await app.button('bulk-apply').click();
    await expect(page.getByRole('status')).toContainText(app.t('bulk-changed-count', { count: 2 }));
  });

  await test.step('each subscription shows its contact again', async () => {
    await app.navLink('nav-customers').click();
    await page.getByRole('link', { name: ADATUM, exact: true }).click();
    await expect(await app.cellIn('Office 365 Business Standard', 'designated-support-contact')).toHaveText(PROVIDER);
  });
});

test('a Sales agent has no bulk change', async ({ page, app }) => {
  await app.goto('/sign-in');
  await app.signIn(USERS.sales);
  await app.navLink('nav-customers').click();
  await expect(page.getByRole('link', { name: app.t('customers-bulk-change'), exact: true })).toHaveCount(0);
  const response = await app.goto('/customers/bulk-change');
  expect(response.status()).toBe(403);
});

test('an Admin agent follows a bulk change to its events in the audit log', async ({ page, app }) => {
  test.setTimeout(90_000);
  await app.goto('/sign-in');
  await app.signIn(USERS.adminAgent);
  await app.goto('/customers/bulk-change');
  await field(app, 'bulk-filter-contact').selectOption({ label: PROVIDER });
  await app.button('bulk-filter-apply').click();
  await page.getByRole('link', { name: app.t('bulk-select-all'), exact: true }).click();
  await field(app, 'bulk-new-contact').selectOption({ label: RESELLER });
  await page.locator('form.bulk-choose').getByRole('button', { name: app.t('bulk-review'), exact: true }).click();
  await app.button('bulk-apply').click();
  await expect(page.getByRole('status')).toContainText(app.t('bulk-changed-count', { count: 2 }));

  await page.getByRole('link', { name: app.t('bulk-in-audit-log'), exact: true }).click();
  await expect(app.heading()).toHaveText(app.t('audit-title'));
  await expect(page.getByRole('status')).toContainText(app.t('audit-bulk-only'));
  const changes = page.getByRole('table').locator('tbody tr');
  await expect(changes).toHaveCount(2);
  await expect(changes.first()).toContainText(app.t('audit-action-support-contact-bulk-changed'));
  await app.check('audit-bulk-change');
  await page.getByRole('link', { name: app.t('audit-show-all'), exact: true }).click();
  await expect(page.getByRole('status')).toHaveCount(0);

  // The customer filter: part of a customer's name finds that customer's changes, no others'.
  const customerName = field(app, 'audit-filter-customer-name');
  await customerName.fill('DATUM');
  await app.button('audit-filter-apply').click();
  await expect(customerName).toHaveValue('DATUM');
  await expect(changes.first()).toContainText(ADATUM);
  for (const row of await changes.all()) {
    await expect(row).toContainText(ADATUM);
    await expect(row).not.toContainText(WINGTIP);
  }
  await app.check('audit-customer-name');
  await customerName.fill('wingtip');
  await app.button('audit-filter-apply').click();
  await expect(customerName).toHaveValue('wingtip');
  for (const row of await changes.all()) await expect(row).not.toContainText(ADATUM);
  await customerName.fill('no such customer');
  await app.button('audit-filter-apply').click();
  await expect(page.getByRole('main')).toContainText(app.t('audit-empty'));
});
