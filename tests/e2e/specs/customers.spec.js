// Customers and subscriptions of a real partner (issue "Customers and subscriptions of a real
// partner"), as a provider's people meet them: Contoso's Admin agent adds a customer (a bad domain
// and country are refused, field by field) and gets the set-password link for its first Global
// admin; adds a subscription to Adatum, changes its quantity, suspends, reactivates and cancels it
// (a cancelled subscription has no Designated support contact any more); imports customers and
// subscriptions from a CSV file (a file with bad lines is refused line by line, a good one is
// previewed and applied). Fabrikam's Admin agent withdraws a relationship request, and the
// customer who opens its link is told so. Two layout facts axe does not see are checked softly
// (the journey goes on): radio buttons beside their labels, a table caption as wide as its table.

const { test, expect } = require('../support/test');
const { IMPORT_COLUMNS, csvFile } = require('../support/import-file');

const ADMIN_AGENT = 'admin.agent@contoso.example';
const PROVIDER = 'Contoso Distribution';
const FABRIKAM_ADMIN = 'admin.agent@fabrikam.example';
const RESELLER = 'Fabrikam Solutions';
const WINGTIP_ADMIN = 'admin@wingtip.example';
const ADATUM = 'Adatum Corporation';

/** A field of the page by its visible label. */
const field = (app, labelId) => app.page.getByLabel(app.t(labelId), { exact: true });

/** The link of the main content named by the message `id` (with `args`). */
const mainLink = (app, id, args) =>
  app.page.getByRole('main').getByRole('link', { name: app.t(id, args), exact: true });

/** The notice a page shows after a change (a status message). */
const notice = (app) => app.page.getByRole('status');

/** Signs in as `email` and opens Customers. */
async function toCustomers(app, email) {
  await app.goto('/sign-in');
  await app.signIn(email);
  await app.navLink('nav-customers').click();
  await expect(app.heading()).toHaveText(app.t('customers-title'));
}

/**
 * Layout a person reads but axe does not check: each radio button sits on the line of its label,
 * to the left of it (as the checkboxes of the product do).
 */
async function expectRadiosBesideLabels(app, group) {
  const placed = await group.getByRole('radio').evaluateAll((radios) =>
    radios.map((radio) => {
      const r = radio.getBoundingClientRect();
      const l = radio.labels[0].getBoundingClientRect();
      const beside = l.left >= r.right - 1 && l.top < r.bottom && l.bottom > r.top;
      return { label: radio.labels[0].innerText.trim(), beside };
    })
  );
  const apart = placed.filter((p) => !p.beside).map((p) => p.label);
  expect.soft(apart, `each radio button is beside its label on the ${app.viewportName}`).toEqual([]);
}

/** A table's caption is as wide as its table, so it reads as a line of text (not a letter a line). */
async function expectCaptionReadable(app, table) {
  const { tableWidth, captionWidth, caption } = await table.evaluate((t) => ({
    tableWidth: t.getBoundingClientRect().width,
    captionWidth: t.caption.getBoundingClientRect().width,
    caption: t.caption.textContent.trim(),
  }));
  expect
    .soft(captionWidth, `the caption "${caption}" spans its table (${tableWidth}px) on the ${app.viewportName}`)
    .toBeGreaterThanOrEqual(tableWidth * 0.9);
}

/** Sends a form with `buttonId`; resolves to the HTTP status of the page that answers. */
async function send(app, buttonId, pathPattern) {
  const answer = app.postedResponse(pathPattern);
  await app.button(buttonId).click();
  return (await answer).status();
}

test('an Admin agent adds a customer; a bad domain and country are refused; its admin gets a link', async ({
  page,
  app,
  anotherBrowser,
}) => {
  test.setTimeout(120_000);
  const customer = { name: 'Alpine Ski House', domain: 'alpineskihouse.example', country: 'CH' };
  const admin = { name: 'Ana Alpenberg', email: 'ana@alpineskihouse.example' };
  const company = () => page.getByRole('group', { name: app.t('customers-add-company'), exact: true });
  const firstAdmin = () => page.getByRole('group', { name: app.t('customers-add-admin'), exact: true });
  let link;

  await test.step('Contoso’s Admin agent: Customers offers Add customer', async () => {
    await toCustomers(app, ADMIN_AGENT);
    await expect(mainLink(app, 'customers-add')).toHaveAttribute('href', '/customers/new');
    await expect(mainLink(app, 'import-title')).toHaveAttribute('href', '/customers/import');
    await expect(mainLink(app, 'export-csv')).toHaveAttribute('href', '/customers/export.csv');
    await app.check('customers-provider-admin');
    await mainLink(app, 'customers-add').click();
  });

  await test.step('Add customer: the company and its first Global admin', async () => {
    await expect(app.heading()).toHaveText(app.t('customers-add'));
    await expect(page).toHaveURL(/\/customers\/new$/);
    for (const id of ['customers-field-name', 'customers-field-domain', 'customers-field-country']) {
      await expect(company().getByRole('textbox', { name: app.t(id), exact: true })).toBeEmpty();
    }
    for (const id of ['users-col-name', 'users-col-email']) {
      await expect(firstAdmin().getByRole('textbox', { name: app.t(id), exact: true })).toBeEmpty();
    }
    await app.check('customer-add');
  });

  await test.step('a domain without a dot and an unknown country are refused, each at its field', async () => {
    await field(app, 'customers-field-name').fill(customer.name);
    await field(app, 'customers-field-domain').fill('alpineskihouse');
    await field(app, 'customers-field-country').fill('XX');
    await field(app, 'users-col-name').fill(admin.name);
    await field(app, 'users-col-email').fill(admin.email);
    expect(await send(app, 'customers-add', /^\/customers\/new$/), 'a refused form is 422').toBe(422);

    await expect(app.heading()).toHaveText(app.t('customers-add'));
    await expect(page.getByRole('alert')).toHaveText(app.t('form-has-errors'));
    const domain = field(app, 'customers-field-domain');
    await expect(domain).toHaveAttribute('aria-invalid', 'true');
    await expect(domain).toHaveAccessibleDescription(app.t('validation-domain-invalid'));
    await expect(domain).toHaveValue('alpineskihouse');
    const country = field(app, 'customers-field-country');
    await expect(country).toHaveAttribute('aria-invalid', 'true');
    await expect(country).toHaveAccessibleDescription(app.t('validation-country-invalid'));
    // What was typed right stays, and is not marked.
    await expect(field(app, 'customers-field-name')).toHaveValue(customer.name);
    await expect(field(app, 'customers-field-name')).not.toHaveAttribute('aria-invalid');
    await expect(field(app, 'users-col-email')).toHaveValue(admin.email);
    await app.check('customer-add-refused');
  });

  await test.step('another organization’s domain is refused too', async () => {
    await field(app, 'customers-field-domain').fill('adatum.example');
    await field(app, 'customers-field-country').fill(customer.country);
    expect(await send(app, 'customers-add', /^\/customers\/new$/)).toBe(422);
    await expect(page.getByRole('alert')).toHaveText(app.t('form-has-errors'));
    await expect(field(app, 'customers-field-domain')).toHaveAccessibleDescription(app.t('validation-domain-taken'));
    await expect(field(app, 'customers-field-country')).not.toHaveAttribute('aria-invalid');
  });

  await test.step('Add customer: the set-password link and the message to send with it', async () => {
    await field(app, 'customers-field-domain').fill(customer.domain);
    expect(await send(app, 'customers-add', /^\/customers\/new$/)).toBe(200);
    await expect(app.heading()).toHaveText(app.t('customers-added-title'));
    await expect(notice(app)).toHaveText(app.t('customers-added-intro', { customer: customer.name }));
    const linkField = page.getByRole('textbox', { name: app.t('users-link-label'), exact: true });
    await expect(linkField).not.toBeEditable();
    link = await linkField.inputValue();
    expect(new URL(link).origin, 'the link opens this site').toBe(app.server.url);
    expect(new URL(link).pathname, 'the link opens a set-password page').toMatch(/^\/set-password\/[^/]+$/);
    const message = page.getByRole('textbox', { name: app.t('invitation-message-label'), exact: true });
    await expect(message).not.toBeEditable();
    const text = await message.inputValue();
    for (const part of [link, admin.name, admin.email, customer.name, PROVIDER]) {
      expect(text, `the message to send names ${part}`).toContain(part);
    }
    await app.check('customer-added');
  });

  await test.step('Go to the customer: no subscriptions, a relationship with delegated admin privileges', async () => {
    await mainLink(app, 'customers-go-to', { customer: customer.name }).click();
    await expect(app.heading()).toHaveText(customer.name);
    const main = page.getByRole('main');
    await expect(main).toContainText(app.t('subscriptions-empty'));
    await expect(main).toContainText(app.t('customer-relationship-delegated'));
    await expect(mainLink(app, 'subscriptions-add')).toBeVisible();
    await app.check('customer-new');
  });

  await test.step('Customers lists the new customer', async () => {
    await app.navLink('nav-customers').click();
    await expect(page.getByRole('link', { name: customer.name, exact: true })).toBeVisible();
    await expect(page.getByRole('link', { name: ADATUM, exact: true })).toBeVisible();
  });

  await test.step('the customer’s admin opens the link: Set your password, for their email', async () => {
    const ana = await anotherBrowser();
    await ana.goto(link);
    await expect(ana.heading()).toHaveText(ana.t('set-password-title'));
    await expect(ana.page.getByRole('textbox', { name: ana.t('sign-in-email'), exact: true })).toHaveValue(admin.email);
  });
});

test('an Admin agent adds a subscription to Adatum, changes its quantity, suspends, reactivates, cancels it', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const product = 'Microsoft 365 E5';
  const externalId = 'SUB-E2E-0001';
  const manage = () => page.getByRole('region', { name: app.t('subscription-manage-title'), exact: true });
  const contactSelect = () =>
    page.getByRole('combobox', { name: app.t('designated-support-contact'), exact: true });
  const statusShown = () => app.detail(app.t('subscription-status'));

  await test.step('Customers -> Adatum Corporation -> Add subscription', async () => {
    await toCustomers(app, ADMIN_AGENT);
    await page.getByRole('link', { name: ADATUM, exact: true }).click();
    await expect(app.heading()).toHaveText(ADATUM);
    await mainLink(app, 'subscriptions-add').click();
  });

  await test.step('the form starts with 1 license, license-based, today', async () => {
    await expect(app.heading()).toHaveText(app.t('subscriptions-add'));
    await expect(page.getByRole('main')).toContainText(app.t('subscriptions-add-intro', { customer: ADATUM }));
    await expect(page.getByRole('textbox', { name: app.t('subscription-product'), exact: true })).toBeEmpty();
    await expect(page.getByRole('spinbutton', { name: app.t('subscription-quantity'), exact: true })).toHaveValue('1');
    const commerce = page.getByRole('group', { name: app.t('subscription-commerce-type'), exact: true });
    await expect(commerce.getByRole('radio')).toHaveCount(2);
    await expect(commerce.getByRole('radio', { name: app.t('commerce-license-based'), exact: true })).toBeChecked();
    await expect(commerce.getByRole('radio', { name: app.t('commerce-new-commerce'), exact: true })).not.toBeChecked();
    const startDate = field(app, 'subscription-start-date');
    await expect(startDate).toHaveAttribute('type', 'date');
    await expect(startDate).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
    await expect(field(app, 'subscription-external-id')).toBeEmpty();
    await app.check('subscription-add');
    await expectRadiosBesideLabels(app, commerce);
  });

  await test.step('no product and a quantity of 0 are refused, each at its field', async () => {
    await field(app, 'subscription-quantity').fill('0');
    expect(await send(app, 'subscriptions-add', /\/subscriptions\/new$/), 'a refused form is 422').toBe(422);
    await expect(app.heading()).toHaveText(app.t('subscriptions-add'));
    await expect(page.getByRole('alert')).toHaveText(app.t('form-has-errors'));
    await expect(field(app, 'subscription-product')).toHaveAccessibleDescription(app.t('validation-product-required'));
    await expect(field(app, 'subscription-quantity')).toHaveAccessibleDescription(
      app.t('validation-quantity-invalid')
    );
    await app.check('subscription-add-refused');
  });

  await test.step('Microsoft 365 E5, 20 licenses, license-based, start date, external ID -> Add subscription', async () => {
    await field(app, 'subscription-product').fill(product);
    await field(app, 'subscription-quantity').fill('20');
    await page.getByRole('radio', { name: app.t('commerce-license-based'), exact: true }).check();
    await field(app, 'subscription-start-date').fill('2026-12-01');
    await field(app, 'subscription-external-id').fill(externalId);
    await app.button('subscriptions-add').click();

    await expect(app.heading()).toHaveText(ADATUM);
    await expect(notice(app)).toHaveText(app.t('subscription-added'));
    await expect(await app.cellIn(product, 'designated-support-contact')).toHaveText(PROVIDER);
    await expect(await app.cellIn(product, 'subscription-quantity')).toHaveText(
      app.t('subscription-licenses', { count: 20 })
    );
    await expect(await app.cellIn(product, 'subscription-status')).toHaveText(app.t('subscription-status-active'));
    await expect(await app.cellIn(product, 'subscription-commerce-type')).toHaveText(app.t('commerce-license-based'));
    await app.check('customer-subscription-added');
  });

  await test.step('the subscription: its details, Designated support contact, Quantity and status', async () => {
    await page.getByRole('link', { name: product, exact: true }).click();
    await expect(app.heading()).toHaveText(product);
    await expect(app.detail(app.t('subscription-external-id'))).toHaveText(externalId);
    await expect(statusShown()).toHaveText(app.t('subscription-status-active'));
    await expect(contactSelect().getByRole('option', { selected: true })).toHaveText(PROVIDER);
    const quantity = manage().getByRole('spinbutton', { name: app.t('subscription-quantity'), exact: true });
    await expect(quantity).toHaveValue('20');
    await expect(app.button('subscription-reactivate')).toHaveCount(0);
    await app.check('subscription-manage');
  });

  await test.step('Quantity 30 -> Save quantity', async () => {
    await manage().getByRole('spinbutton', { name: app.t('subscription-quantity'), exact: true }).fill('30');
    await app.button('subscription-save-quantity').click();
    await expect(app.heading()).toHaveText(product);
    await expect(notice(app)).toHaveText(app.t('subscription-saved'));
    await expect(app.detail(app.t('subscription-quantity'))).toHaveText(app.t('subscription-licenses', { count: 30 }));
  });

  await test.step('Suspend, then Reactivate', async () => {
    await app.button('subscription-suspend').click();
    await expect(notice(app)).toHaveText(app.t('subscription-saved'));
    await expect(statusShown()).toHaveText(app.t('subscription-status-suspended'));
    await expect(app.button('subscription-suspend')).toHaveCount(0);
    await app.check('subscription-suspended', { screenshot: false });
    await app.button('subscription-reactivate').click();
    await expect(notice(app)).toHaveText(app.t('subscription-saved'));
    await expect(statusShown()).toHaveText(app.t('subscription-status-active'));
  });

  await test.step('Cancel subscription -> the confirmation step', async () => {
    await mainLink(app, 'subscription-cancel').click();
    await expect(app.heading()).toHaveText(app.t('subscription-cancel-title'));
    const main = page.getByRole('main');
    await expect(main).toContainText(app.t('subscription-cancel-question', { product }));
    await expect(main).toContainText(app.t('subscription-cancel-consequence'));
    await app.check('subscription-cancel-confirm');
  });

  await test.step('Cancel subscription: cancelled, with no Designated support contact to change', async () => {
    await app.button('subscription-cancel').click();
    await expect(app.heading()).toHaveText(product);
    await expect(notice(app)).toHaveText(app.t('subscription-saved'));
    await expect(statusShown()).toHaveText(app.t('subscription-status-cancelled'));
    await expect(contactSelect()).toHaveCount(0);
    await expect(page.getByRole('main')).toContainText(app.t('contact-cancelled-note'));
    await expect(manage()).toHaveCount(0);
    await app.check('subscription-cancelled');
  });

  await test.step('Adatum’s subscriptions show it cancelled', async () => {
    await page
      .getByRole('navigation', { name: app.t('breadcrumbs-label'), exact: true })
      .getByRole('link', { name: ADATUM, exact: true })
      .click();
    await expect(app.heading()).toHaveText(ADATUM);
    await expect(await app.cellIn(product, 'subscription-status')).toHaveText(app.t('subscription-status-cancelled'));
    await expect(await app.cellIn(product, 'subscription-quantity')).toHaveText(
      app.t('subscription-licenses', { count: 30 })
    );
  });
});

test('an Admin agent imports customers and subscriptions: bad lines are refused, a good file is applied', async ({
  page,
  app,
}) => {
  test.setTimeout(120_000);
  const coho = ['Coho Winery', 'cohowinery.example', 'US'];
  const adatum = [ADATUM, 'adatum.example', 'US'];
  const file = page.getByLabel(app.t('import-file'), { exact: true });
  const counts = () => page.getByRole('table', { name: app.t('import-counts-caption'), exact: true });
  const refusedTable = () => page.getByRole('table', { name: app.t('import-refused-title'), exact: true });

  /** The numbers of the counts table's row `rowId` (customers or subscriptions). */
  async function countsOf(rowId) {
    const cells = [];
    for (const column of ['import-col-created', 'import-col-updated', 'import-col-unchanged']) {
      cells.push(await (await app.cellOfRow(app.t(rowId), column)).innerText());
    }
    return cells.map((c) => Number(c.trim()));
  }

  await test.step('Customers -> Import customers and subscriptions', async () => {
    await toCustomers(app, ADMIN_AGENT);
    await mainLink(app, 'import-title').click();
    await expect(app.heading()).toHaveText(app.t('import-title'));
    await expect(file).toHaveAttribute('type', 'file');
    await expect(file).toHaveAccessibleDescription(app.t('import-file-hint'));
    await expect(page.getByRole('term')).toHaveText(IMPORT_COLUMNS);
    await expect(app.detail('reseller_partner_id')).toHaveText(app.t('import-column-reseller_partner_id'));
    const template = mainLink(app, 'import-template');
    await expect(template).toHaveAttribute('href', '/customers/import/template.csv');
    const download = await page.request.get(await template.getAttribute('href'));
    expect(download.status()).toBe(200);
    const firstLine = (await download.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0];
    expect(firstLine, 'the template starts with the columns listed').toBe(IMPORT_COLUMNS.join(','));
    await app.check('import');
  });

  await test.step('a file with a bad domain and a bad country: those lines are refused, nothing to apply', async () => {
    await file.setInputFiles(
      csvFile('customers-bad.csv', [
        [...coho, 'COHO-0001', 'Microsoft 365 E3', '40', 'legacy', 'active', ''],
        ['Coho Vineyard', 'bad', 'US', 'COHO-0002', 'Microsoft 365 E3', '5', 'legacy', 'active', ''],
        ['Fourth Coffee', 'fourthcoffee.example', 'XX', 'FC-0001', 'Microsoft 365 E3', '5', 'legacy', 'active', ''],
      ])
    );
    expect(await send(app, 'import-preview', /^\/customers\/import$/), 'a file with refused lines is 422').toBe(422);
    await expect(app.heading()).toHaveText(app.t('import-preview-title'));
    await expect(page.getByRole('main')).toContainText(app.t('import-file-name', { name: 'customers-bad.csv' }));
    await expect(page.getByRole('alert')).toHaveText(app.t('import-has-refused'));
    await expect(refusedTable().getByRole('rowheader')).toHaveText([
      app.t('import-line', { line: 3 }),
      app.t('import-line', { line: 4 }),
    ]);
    await expect(await app.cellOfRow(app.t('import-line', { line: 3 }), 'import-col-reason')).toHaveText(
      app.t('import-row-domain')
    );
    await expect(await app.cellOfRow(app.t('import-line', { line: 3 }), 'import-col-value')).toHaveText('bad');
    await expect(await app.cellOfRow(app.t('import-line', { line: 4 }), 'import-col-reason')).toHaveText(
      app.t('import-row-country')
    );
    await expect(app.button('import-apply')).toHaveCount(0);
    await app.check('import-refused');
  });

  await test.step('Import another file: a new customer, and an Adatum subscription supported by Fabrikam', async () => {
    await mainLink(app, 'import-again').click();
    await expect(app.heading()).toHaveText(app.t('import-title'));
    await file.setInputFiles(
      csvFile('customers.csv', [
        [...coho, 'COHO-0001', 'Microsoft 365 E3', '40', 'legacy', 'active', ''],
        [...coho, 'COHO-0002', 'Microsoft 365 Business Premium', '12', 'new_commerce', 'active', ''],
        [...adatum, 'ADATUM-0001', 'Microsoft 365 F3', '8', 'legacy', 'active', '2000001'],
      ])
    );
    expect(await send(app, 'import-preview', /^\/customers\/import$/)).toBe(200);
    await expect(app.heading()).toHaveText(app.t('import-preview-title'));
    await expect(notice(app)).toHaveText(app.t('import-ready'));
    await expect(counts()).toBeVisible();
    expect(await countsOf('customers-title'), 'customers: created, updated, unchanged').toEqual([1, 0, 1]);
    expect(await countsOf('subscriptions-title'), 'subscriptions: created, updated, unchanged').toEqual([3, 0, 0]);
    await expect(refusedTable()).toHaveCount(0);
    await app.check('import-preview');
    await expectCaptionReadable(app, counts());
  });

  await test.step('Apply import', async () => {
    expect(await send(app, 'import-apply', /^\/customers\/import\/[^/]+$/)).toBe(200);
    await expect(app.heading()).toHaveText(app.t('import-applied-title'));
    await expect(notice(app)).toHaveText(app.t('import-applied'));
    expect(await countsOf('subscriptions-title')).toEqual([3, 0, 0]);
    await expect(app.button('import-apply')).toHaveCount(0);
    await app.check('import-applied');
  });

  await test.step('Customers lists Coho Winery with its two subscriptions', async () => {
    await app.navLink('nav-customers').click();
    await page.getByRole('link', { name: coho[0], exact: true }).click();
    await expect(app.heading()).toHaveText(coho[0]);
    await expect(await app.cellIn('Microsoft 365 E3', 'designated-support-contact')).toHaveText(PROVIDER);
    await expect(await app.cellIn('Microsoft 365 E3', 'subscription-quantity')).toHaveText(
      app.t('subscription-licenses', { count: 40 })
    );
    await expect(await app.cellIn('Microsoft 365 Business Premium', 'designated-support-contact')).toHaveText(
      app.t('contact-not-applicable')
    );
  });

  await test.step('Adatum’s new subscription has Fabrikam as its designated support contact', async () => {
    await app.navLink('nav-customers').click();
    await page.getByRole('link', { name: ADATUM, exact: true }).click();
    await expect(await app.cellIn('Microsoft 365 F3', 'designated-support-contact')).toHaveText(RESELLER);
  });
});

test('a partner withdraws a relationship request; the customer who opens its link is told so', async ({
  page,
  app,
  anotherBrowser,
}) => {
  test.setTimeout(90_000);
  const pending = () => page.getByRole('table', { name: app.t('relationship-requests-pending'), exact: true });
  const anyCustomer = app.t('relationship-requests-any-customer');
  let link;

  await test.step('Fabrikam’s Admin agent: Customers lists its customers with their relationship', async () => {
    await toCustomers(app, FABRIKAM_ADMIN);
    await expect(await app.cellOfRow(ADATUM, 'customer-relationship-title')).toHaveText(
      app.t('audit-value-with-delegated-admin')
    );
    await app.check('customers-reseller');
  });

  await test.step('Customers -> Request a relationship, none pending yet', async () => {
    await mainLink(app, 'request-a-relationship').click();
    await expect(app.heading()).toHaveText(app.t('request-a-relationship'));
    await expect(pending()).toHaveCount(0);
  });

  await test.step('Request a relationship (no delegated admin privileges) -> the link -> Back', async () => {
    await app.button('request-a-relationship').click();
    await expect(app.heading()).toHaveText(app.t('invitation-created-title'));
    link = await page.getByRole('textbox', { name: app.t('invitation-link-label'), exact: true }).inputValue();
    await mainLink(app, 'invitation-back').click();
    await expect(app.heading()).toHaveText(app.t('customers-title'));
  });

  await test.step('Request a relationship lists the request not answered yet', async () => {
    await mainLink(app, 'request-a-relationship').click();
    await expect(pending().getByRole('rowheader')).toHaveText([anyCustomer]);
    await expect(await app.cellOfRow(anyCustomer, 'delegated-admin-privileges')).toHaveText(app.t('no'));
    // The button names the request it withdraws: "Withdraw – Any customer who accepts, <date>".
    const withdraw = pending().getByRole('button', { name: `${app.t('invitation-withdraw')} – ${anyCustomer}` });
    await expect(withdraw).toHaveCount(1);
    await app.check('relationship-requests-pending');
  });

  await test.step('Withdraw: the request is gone', async () => {
    await pending().getByRole('button', { name: `${app.t('invitation-withdraw')} – ${anyCustomer}` }).click();
    await expect(app.heading()).toHaveText(app.t('request-a-relationship'));
    await expect(notice(app)).toHaveText(app.t('invitation-withdrawn-done'));
    await expect(pending()).toHaveCount(0);
    await app.check('relationship-request-withdrawn');
  });

  await test.step('Wingtip’s Global admin opens the link: it was withdrawn', async () => {
    const wingtip = await anotherBrowser();
    await wingtip.goto(link);
    await expect(wingtip.heading()).toHaveText(wingtip.t('sign-in-title'));
    await wingtip.signIn(WINGTIP_ADMIN);
    await expect(wingtip.heading()).toHaveText(wingtip.t('invitation-problem-title'));
    await expect(wingtip.page.getByRole('main')).toContainText(wingtip.t('invitation-was-withdrawn'));
    const response = await wingtip.goto(link);
    expect(response.status(), 'a withdrawn request’s link is gone').toBe(410);
    await wingtip.check('invitation-withdrawn');
  });
});
