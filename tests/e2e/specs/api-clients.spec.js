// API clients (issue #11): Contoso's Global admin opens User management -> API clients, creates a
// client for a program with the Sales agent role, copies the secret shown once, finds the client
// in the list and revokes it. Every page is checked with axe-core, at every width and without
// JavaScript.

const { test, expect } = require('../support/test');

const GLOBAL_ADMIN = 'global.admin@contoso.example';
const CLIENT = 'Ticket sync';

const field = (app, labelId) => app.page.getByLabel(app.t(labelId), { exact: true });

test('a Global admin creates an API client, sees its secret once and revokes it', async ({ app }) => {
  test.setTimeout(120_000);

  await test.step('User management -> API clients', async () => {
    await app.goto('/sign-in');
    await app.signIn(GLOBAL_ADMIN);
    await app.navLink('nav-user-management').click();
    await app.page.getByRole('main').getByRole('link', { name: app.t('api-clients-title'), exact: true }).click();
    await expect(app.heading()).toHaveText(app.t('api-clients-title'));
    await app.check('api-clients-empty');
  });

  await test.step('New API client: name, role, expiry -> Create', async () => {
    await field(app, 'api-clients-col-name').fill(CLIENT);
    await app.page
      .getByRole('combobox', { name: app.t('api-clients-col-role'), exact: true })
      .selectOption({ label: app.t('role-sales-agent') });
    await app.button('api-clients-create').click();
    await expect(app.heading()).toHaveText(app.t('api-clients-created-title'));
    const secret = app.page.getByRole('textbox', { name: app.t('api-clients-secret'), exact: true });
    await expect(secret).not.toBeEditable();
    expect(await secret.inputValue()).toMatch(/^[0-9a-f]{64}$/);
    await app.check('api-client-created');
  });

  await test.step('the list shows it; Revoke ends it', async () => {
    await app.page.getByRole('main').getByRole('link', { name: app.t('api-clients-back'), exact: true }).click();
    await expect(await app.cellOfRow(CLIENT, 'api-clients-col-role')).toHaveText(app.t('role-sales-agent'));
    await expect(await app.cellOfRow(CLIENT, 'api-clients-col-state')).toHaveText(app.t('api-clients-state-active'));
    await app.page.getByRole('button', { name: app.t('api-clients-revoke-label', { name: CLIENT }), exact: true }).click();
    await expect(app.page.getByRole('status')).toHaveText(app.t('api-clients-done-revoked'));
    await expect(await app.cellOfRow(CLIENT, 'api-clients-col-state')).toHaveText(app.t('api-clients-state-revoked'));
    await app.check('api-clients');
  });
});
